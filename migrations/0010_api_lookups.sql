-- Lookups the REST API makes (services/orgs.ts, auth/refresh-tokens.ts).
-- Join codes are matched without their dashes ("K7QX4M2P9TZB" = "K7QX-4M2P-9TZB"): index that form.
CREATE INDEX organizations_join_code_canon_idx ON organizations (replace(join_code, '-', ''));
-- Expired refresh tokens are pruned per user at login.
CREATE INDEX refresh_tokens_expiry_idx ON refresh_tokens (user_id, expires_at);
