-- The emissions shape no longer carries `derivation` (shared-schema's SYNCED_TABLES): the readable
-- explanation of a calculation stays in Postgres for the REST API and the ESG traces. It was ~700
-- of an emission row's ~1,500 bytes of shape JSON, stored again on every device, and no device
-- screen shows it. The capture trigger is regenerated without it. The shape definition changes
-- with the column list (shape-scope.ts hashes it), so every emissions handle answers 409 and
-- devices re-sync their emissions once, without the column.
SELECT sync_install_capture(tbl, array_remove(columns, 'derivation'), pk, user_col, org_col)
FROM sync_tables WHERE tbl = 'emissions';
