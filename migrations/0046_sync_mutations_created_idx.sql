-- The write path's answers (sync_mutations) are pruned once older than SYNC_MUTATION_RETENTION
-- (sync-server/src/sync/mutation-answers.ts); this index lets the periodic prune find them
-- without scanning every answer ever given.
CREATE INDEX sync_mutations_created_idx ON sync_mutations (created_at);
