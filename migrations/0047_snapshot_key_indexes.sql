-- Snapshot chunks of the two large synced tables read each visibility branch (the user's own
-- rows; their organisations' rows) in primary-key order (sync-server/src/sync/shape-reader.ts).
-- These indexes make each branch one range scan: a chunk then costs its own 10k rows instead of
-- collecting and sorting every row the user can see, for every chunk (O(rows) per chunk, so
-- O(rows^2 / chunk) per initial sync).
CREATE INDEX activities_user_key_idx ON activities (user_id, activity_id);
CREATE INDEX activities_org_key_idx ON activities (org_id, activity_id) WHERE org_id IS NOT NULL;
CREATE INDEX emissions_user_key_idx ON emissions (user_id, emission_id);
CREATE INDEX emissions_org_key_idx ON emissions (org_id, emission_id) WHERE org_id IS NOT NULL;
