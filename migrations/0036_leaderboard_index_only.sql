-- Leaderboard indexes, third step (owner: ESG/leaderboards), from EXPLAIN ANALYZE on the bench
-- database (100k users, bench/esg-bench.ts):
--   * a rank far down the weekly/monthly reduction list counts ~90k index entries; the index of
--     0034 could not answer index-only (PostgreSQL needs the expression's columns in the index),
--     so every entry visited the heap: 290 ms. With the columns included: 37 ms, no heap fetch.
--   * a challenge's points ranking sorted every participant; an index in points order lets it
--     stop after the top N.
DROP INDEX leaderboard_listed_reduction_idx;
CREATE INDEX leaderboard_listed_reduction_idx
  ON leaderboard_user_period (kind, period_start, (co2e_kg / baseline_rate), user_id)
  INCLUDE (co2e_kg, baseline_rate, activity_count, listed, points)
  WHERE listed AND baseline_rate > 0 AND activity_count > 0;

CREATE INDEX user_challenges_points_idx ON user_challenges (challenge_id, points_awarded DESC, user_id)
  WHERE points_awarded > 0;
