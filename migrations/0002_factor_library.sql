-- The factor library table as the engine needs it (issue 3). Rows are seeded by the generated
-- 0003_factor_seed_NNN.sql parts (see shared-schema/data/README.md and docs/decisions.md).
--
-- co2e_gwp_set holds the source's own basis, which is not always an IPCC set code: Ember's
-- "GWP100 (Ember lifecycle CO2e)" and Poore & Nemecek's "GWP100 (as used by Poore & Nemecek 2018)".
ALTER TABLE emission_factors ALTER COLUMN co2e_gwp_set TYPE varchar(64);

-- The public list filters by activity_type / fuel_type / region and searches text; the table is a
-- few thousand rows, so plain b-tree indexes on the filters are enough (text search scans).
CREATE INDEX emission_factors_key_idx ON emission_factors (key);
CREATE INDEX emission_factors_region_idx ON emission_factors (region);
