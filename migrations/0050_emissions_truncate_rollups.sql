-- A TRUNCATE of emissions (directly, or cascaded from activities) now empties what the rollups
-- derived from them. Row triggers never fire for TRUNCATE, so the ESG rollup (0030), which the
-- inventories, reports and goal progress read, and the leaderboard's CO2e columns and baselines
-- (0032-0043) kept the truncated rows' sums.
--
-- The result equals deleting every emission row by row: the ESG rollup drops rows that reach zero,
-- so it is empty; a leaderboard period row is kept at zero CO2e and activities (its points come
-- from challenges and achievements, which a TRUNCATE of emissions does not touch), and with no
-- emissions left no user has a baseline. rollup-truncate.test.ts compares both paths.

CREATE FUNCTION emissions_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  TRUNCATE esg_emission_rollup;
  DELETE FROM leaderboard_user_baseline;
  UPDATE leaderboard_user_period
     SET co2e_kg = 0, activity_count = 0, baseline_rate = NULL, baseline_first_day = NULL
   WHERE co2e_kg <> 0 OR activity_count <> 0 OR baseline_rate IS NOT NULL
      OR baseline_first_day IS NOT NULL;
  RETURN NULL;
END
$$;

CREATE TRIGGER emissions_truncate_rollups AFTER TRUNCATE ON emissions
  FOR EACH STATEMENT EXECUTE FUNCTION emissions_truncated();
