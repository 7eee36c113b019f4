-- A person's footprint over whole UTC days is read from the ESG rollup (sync-server/src/services/
-- footprint.ts), whose personal owner holds only emissions without an organisation; the emissions
-- a person logged for an organisation are summed apart. This index keeps that part to those rows
-- (a personal user has none, so it costs them nothing) instead of every emission of the person.
CREATE INDEX emissions_user_org_time_idx ON emissions (user_id, "timestamp") WHERE org_id IS NOT NULL;
