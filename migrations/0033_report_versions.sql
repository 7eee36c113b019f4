-- A report is corrected at most once: two concurrent re-issues of the same version cannot both
-- succeed (owner: ESG/leaderboards; see sync-server/src/esg/report-versions.ts).
CREATE UNIQUE INDEX reports_supersedes_key ON reports (supersedes) WHERE supersedes IS NOT NULL;
