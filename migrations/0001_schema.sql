-- Eco-Track schema: the seed's tables adapted for local-first (ARCHITECTURE.md, "Data model").
-- UUID keys are generated where a row is born (UUIDv7 on the device), so rows created offline keep
-- their identity. Every synced row carries its visibility columns (user_id, org_id) and timestamps.
-- Must run on PostgreSQL 15 and on PGlite (PostgreSQL 18): no PG16+ syntax, no uuidv7().

CREATE FUNCTION touch_updated_at() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.updated_at := now();
  RETURN NEW;
END
$$;

CREATE TABLE users (
  user_id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  username varchar(50) NOT NULL,
  email varchar(255) NOT NULL,
  password_hash text NOT NULL,
  first_name varchar(50),
  last_name varchar(50),
  company_name varchar(255),
  user_type varchar(20) NOT NULL CHECK (user_type IN ('individual', 'business')),
  display_name varchar(80),
  unit_system varchar(10) NOT NULL DEFAULT 'metric' CHECK (unit_system IN ('metric', 'imperial')),
  default_region varchar(16) NOT NULL DEFAULT 'GLOBAL',
  gwp_set varchar(3) NOT NULL DEFAULT 'AR5' CHECK (gwp_set IN ('AR4', 'AR5', 'AR6')),
  leaderboard_opt_in boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
-- Usernames and emails are unique regardless of case: "John" and "john" are one account.
CREATE UNIQUE INDEX users_username_key ON users (lower(username));
CREATE UNIQUE INDEX users_email_key ON users (lower(email));
CREATE TRIGGER users_touch BEFORE UPDATE ON users FOR EACH ROW EXECUTE FUNCTION touch_updated_at();

CREATE TABLE refresh_tokens (
  token_id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
  family_id uuid NOT NULL,
  token_hash text NOT NULL UNIQUE,
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  revoked_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX refresh_tokens_family_idx ON refresh_tokens (family_id);
CREATE INDEX refresh_tokens_user_idx ON refresh_tokens (user_id);

CREATE TABLE organizations (
  org_id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name varchar(255) NOT NULL,
  join_code varchar(32) NOT NULL UNIQUE,
  industry varchar(100),
  employees integer CHECK (employees IS NULL OR employees >= 0),
  revenue numeric CHECK (revenue IS NULL OR revenue >= 0),
  revenue_currency varchar(3) NOT NULL DEFAULT 'USD',
  gwp_set varchar(3) NOT NULL DEFAULT 'AR5' CHECK (gwp_set IN ('AR4', 'AR5', 'AR6')),
  consolidation_approach varchar(30) NOT NULL DEFAULT 'operational_control'
    CHECK (consolidation_approach IN ('operational_control', 'financial_control', 'equity_share')),
  base_year integer,
  created_by uuid REFERENCES users (user_id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE TRIGGER organizations_touch BEFORE UPDATE ON organizations FOR EACH ROW EXECUTE FUNCTION touch_updated_at();

CREATE TABLE memberships (
  membership_id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organizations (org_id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
  role varchar(10) NOT NULL CHECK (role IN ('owner', 'admin', 'member', 'viewer')),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (org_id, user_id)
);
CREATE INDEX memberships_user_idx ON memberships (user_id);
CREATE TRIGGER memberships_touch BEFORE UPDATE ON memberships FOR EACH ROW EXECUTE FUNCTION touch_updated_at();

-- The factor library. `key` is the stable public identifier (factor_key); a key may have several
-- editions (years), and a stored emission names the edition it used.
CREATE TABLE emission_factors (
  emission_factor_id uuid PRIMARY KEY,
  key varchar(160) NOT NULL,
  year integer NOT NULL,
  category varchar(20) NOT NULL,
  activity_type varchar(200) NOT NULL,
  fuel_type varchar(200),
  region varchar(16) NOT NULL,
  unit varchar(20) NOT NULL,
  co2_kg double precision,
  ch4_kg double precision,
  n2o_kg double precision,
  co2e_kg double precision,
  co2e_gwp_set varchar(3),
  ch4_co2e_kg double precision,
  n2o_co2e_kg double precision,
  scope varchar(3) NOT NULL,
  scope3_category smallint CHECK (scope3_category IS NULL OR scope3_category BETWEEN 1 AND 15),
  source text NOT NULL,
  source_table text,
  source_url text,
  license text,
  notes text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (key, year)
);
CREATE INDEX emission_factors_lookup_idx ON emission_factors (category, region);

CREATE TABLE activities (
  activity_id uuid PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
  org_id uuid REFERENCES organizations (org_id) ON DELETE SET NULL,
  activity_type varchar(50) NOT NULL,
  category varchar(20),
  description text,
  amount numeric NOT NULL CHECK (amount >= 0),
  unit varchar(50) NOT NULL,
  factor_key varchar(160),
  fuel_type varchar(100),
  region varchar(16),
  location varchar(255),
  gwp_set varchar(3) CHECK (gwp_set IS NULL OR gwp_set IN ('AR4', 'AR5', 'AR6')),
  data_quality varchar(10) NOT NULL DEFAULT 'measured' CHECK (data_quality IN ('measured', 'estimated')),
  "timestamp" timestamptz NOT NULL DEFAULT now(),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX activities_user_time_idx ON activities (user_id, "timestamp" DESC);
CREATE INDEX activities_org_time_idx ON activities (org_id, "timestamp") WHERE org_id IS NOT NULL;
CREATE TRIGGER activities_touch BEFORE UPDATE ON activities FOR EACH ROW EXECUTE FUNCTION touch_updated_at();

-- One emission per activity, with everything needed to trace the number: factor key and edition,
-- GWP set, per-gas masses, scope and Scope 3 category, and the derivation a person can read.
CREATE TABLE emissions (
  emission_id uuid PRIMARY KEY,
  activity_id uuid NOT NULL UNIQUE REFERENCES activities (activity_id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
  org_id uuid REFERENCES organizations (org_id) ON DELETE SET NULL,
  co2_equivalent numeric NOT NULL,
  co2_kg numeric NOT NULL,
  ch4_kg numeric NOT NULL,
  n2o_kg numeric NOT NULL,
  biogenic_co2_kg numeric NOT NULL DEFAULT 0,
  co2e_basis varchar(12) NOT NULL CHECK (co2e_basis IN ('per_gas', 'source_co2e')),
  factor_key varchar(160) NOT NULL,
  factor_year integer NOT NULL,
  factor_source text NOT NULL,
  gwp_set varchar(3) NOT NULL CHECK (gwp_set IN ('AR4', 'AR5', 'AR6')),
  scope varchar(3) NOT NULL,
  scope3_category smallint,
  category varchar(20) NOT NULL,
  converted_amount numeric NOT NULL,
  factor_unit varchar(20) NOT NULL,
  derivation text NOT NULL,
  "timestamp" timestamptz NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX emissions_user_time_idx ON emissions (user_id, "timestamp");
CREATE INDEX emissions_org_time_idx ON emissions (org_id, "timestamp") WHERE org_id IS NOT NULL;
CREATE TRIGGER emissions_touch BEFORE UPDATE ON emissions FOR EACH ROW EXECUTE FUNCTION touch_updated_at();

-- Recalculation is explicit and recorded: a newer factor edition never silently rewrites the past.
CREATE TABLE emission_recalculations (
  recalculation_id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  emission_id uuid NOT NULL REFERENCES emissions (emission_id) ON DELETE CASCADE,
  requested_by uuid REFERENCES users (user_id) ON DELETE SET NULL,
  reason text NOT NULL,
  old_factor_year integer NOT NULL,
  new_factor_year integer NOT NULL,
  old_gwp_set varchar(3) NOT NULL,
  new_gwp_set varchar(3) NOT NULL,
  old_co2_equivalent numeric NOT NULL,
  new_co2_equivalent numeric NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX emission_recalculations_emission_idx ON emission_recalculations (emission_id);

CREATE TABLE goals (
  goal_id uuid PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
  org_id uuid REFERENCES organizations (org_id) ON DELETE SET NULL,
  goal_type varchar(50) NOT NULL,
  description text,
  target_value numeric NOT NULL CHECK (target_value >= 0),
  unit varchar(50) NOT NULL,
  start_date date NOT NULL,
  end_date date NOT NULL,
  current_value numeric,
  status varchar(20) NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'completed', 'failed')),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (end_date >= start_date)
);
CREATE INDEX goals_user_idx ON goals (user_id);
CREATE TRIGGER goals_touch BEFORE UPDATE ON goals FOR EACH ROW EXECUTE FUNCTION touch_updated_at();

CREATE TABLE reports (
  report_id uuid PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
  org_id uuid REFERENCES organizations (org_id) ON DELETE CASCADE,
  report_type varchar(50) NOT NULL,
  framework varchar(10) CHECK (framework IS NULL OR framework IN ('gri', 'sasb', 'esrs')),
  start_date date NOT NULL,
  end_date date NOT NULL,
  data jsonb NOT NULL DEFAULT '{}'::jsonb,
  version integer NOT NULL DEFAULT 1,
  supersedes uuid REFERENCES reports (report_id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (end_date >= start_date)
);
CREATE INDEX reports_user_idx ON reports (user_id, created_at DESC);
CREATE INDEX reports_org_idx ON reports (org_id, created_at DESC) WHERE org_id IS NOT NULL;
CREATE TRIGGER reports_touch BEFORE UPDATE ON reports FOR EACH ROW EXECUTE FUNCTION touch_updated_at();

CREATE TABLE recommendations (
  recommendation_id uuid PRIMARY KEY,
  activity_type varchar(50) NOT NULL,
  category varchar(50) NOT NULL,
  description text NOT NULL,
  impact_description text,
  estimated_reduction_pct numeric,
  source varchar(255) NOT NULL,
  source_url text,
  data jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE user_recommendations (
  user_recommendation_id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
  recommendation_id uuid NOT NULL REFERENCES recommendations (recommendation_id) ON DELETE CASCADE,
  seen boolean NOT NULL DEFAULT false,
  acted_on boolean NOT NULL DEFAULT false,
  "timestamp" timestamptz NOT NULL DEFAULT now(),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (user_id, recommendation_id)
);
CREATE TRIGGER user_recommendations_touch BEFORE UPDATE ON user_recommendations FOR EACH ROW EXECUTE FUNCTION touch_updated_at();

CREATE TABLE challenges (
  challenge_id uuid PRIMARY KEY,
  challenge_name varchar(255) NOT NULL,
  description text,
  start_date date NOT NULL,
  end_date date NOT NULL,
  reward_points integer NOT NULL DEFAULT 0 CHECK (reward_points >= 0),
  criteria jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE user_challenges (
  user_challenge_id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
  challenge_id uuid NOT NULL REFERENCES challenges (challenge_id) ON DELETE CASCADE,
  progress numeric NOT NULL DEFAULT 0,
  status varchar(20) NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'completed', 'failed')),
  points_awarded integer NOT NULL DEFAULT 0,
  start_date timestamptz NOT NULL DEFAULT now(),
  end_date timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (user_id, challenge_id)
);
CREATE INDEX user_challenges_challenge_idx ON user_challenges (challenge_id);
CREATE TRIGGER user_challenges_touch BEFORE UPDATE ON user_challenges FOR EACH ROW EXECUTE FUNCTION touch_updated_at();

CREATE TABLE achievements (
  achievement_id uuid PRIMARY KEY,
  achievement_name varchar(255) NOT NULL,
  description text,
  points integer NOT NULL DEFAULT 0 CHECK (points >= 0),
  criteria jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE user_achievements (
  user_achievement_id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
  achievement_id uuid NOT NULL REFERENCES achievements (achievement_id) ON DELETE CASCADE,
  "timestamp" timestamptz NOT NULL DEFAULT now(),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (user_id, achievement_id)
);
