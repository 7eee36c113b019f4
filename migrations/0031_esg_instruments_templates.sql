-- ESG settings an organisation records (owner: ESG/leaderboards).

-- Contractual instruments for market-based Scope 2 (GHG Protocol Scope 2 Guidance, ch. 6-7).
-- Applied to the organisation's grid-electricity consumption in this order of precedence:
--   1. energy attribute certificates (RECs, GOs, REGOs, I-RECs): a volume in kWh at their rate;
--   2. green tariffs: the supplier product bought, for a volume or all matching consumption;
--   3. supplier-specific emission rates: the supplier's disclosed mix for what remains.
-- Consumption no instrument covers carries the location-based figure (no residual-mix data).
CREATE TABLE esg_contractual_instruments (
  instrument_id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organizations (org_id) ON DELETE CASCADE,
  instrument_type varchar(32) NOT NULL
    CHECK (instrument_type IN ('energy_attribute_certificate', 'green_tariff', 'supplier_specific')),
  certificate_scheme varchar(16)
    CHECK (certificate_scheme IS NULL OR certificate_scheme IN ('REC', 'GO', 'REGO', 'I-REC', 'other')),
  supplier varchar(255),
  description text,
  period_start date NOT NULL,
  period_end date NOT NULL,
  -- grid regions of the electricity factors (e.g. GB, CAMX, FR) it may cover; NULL = any
  regions varchar(16)[],
  -- NULL = all matching consumption in the period; certificates always carry a volume
  quantity_kwh numeric CHECK (quantity_kwh IS NULL OR quantity_kwh > 0),
  emission_factor_kg_per_kwh numeric NOT NULL DEFAULT 0 CHECK (emission_factor_kg_per_kwh >= 0),
  evidence_ref text,
  created_by uuid REFERENCES users (user_id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (period_end >= period_start),
  CHECK (instrument_type <> 'energy_attribute_certificate' OR quantity_kwh IS NOT NULL)
);
CREATE INDEX esg_instruments_org_idx ON esg_contractual_instruments (org_id, period_start);
CREATE TRIGGER esg_instruments_touch BEFORE UPDATE ON esg_contractual_instruments
  FOR EACH ROW EXECUTE FUNCTION touch_updated_at();

-- The Scope 2 / Scope 3 split of convenience factors that bundle two scopes (the data's
-- '2+3' row: UK grid electricity incl. T&D losses = generation (Scope 2) + T&D (Scope 3 cat 3)).
-- The inventory splits such an emission by the parts' CO2e ratio in the same factor edition.
CREATE TABLE esg_factor_splits (
  convenience_key varchar(160) NOT NULL,
  part_key varchar(160) NOT NULL,
  scope varchar(1) NOT NULL CHECK (scope IN ('2', '3')),
  scope3_category smallint CHECK (scope3_category IS NULL OR scope3_category BETWEEN 1 AND 15),
  PRIMARY KEY (convenience_key, part_key)
);
INSERT INTO esg_factor_splits VALUES
  ('electricity.uk_grid.incl_td.kwh.gb', 'electricity.uk_grid.generation.kwh.gb', '2', NULL),
  ('electricity.uk_grid.incl_td.kwh.gb', 'electricity.uk_grid.td_losses.kwh.gb', '3', 3);

-- Narrative parts of ESG reports an organisation customises; absent sections use the defaults
-- in sync-server/src/esg/narrative-defaults.ts. Placeholders are {{name}}.
CREATE TABLE esg_narrative_templates (
  org_id uuid NOT NULL REFERENCES organizations (org_id) ON DELETE CASCADE,
  section varchar(40) NOT NULL,
  body text NOT NULL CHECK (length(body) <= 20000),
  updated_by uuid REFERENCES users (user_id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, section)
);
CREATE TRIGGER esg_templates_touch BEFORE UPDATE ON esg_narrative_templates
  FOR EACH ROW EXECUTE FUNCTION touch_updated_at();
