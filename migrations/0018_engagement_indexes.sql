-- Lets the achievements evaluation (run after every activity write) count a user's distinct
-- emission categories with a loose index scan, a handful of probes, instead of reading all of the
-- user's emissions (sync-server/src/services/achievement-stats.ts; numbers in docs/decisions.md).
CREATE INDEX emissions_user_category_idx ON emissions (user_id, category);
