/** The device replica: SQLite DDL and value mapping generated from the synced-table descriptions. */
export * from './replica-types.ts';
export * from './sqlite-ddl.ts';
export * from './sqlite-totals.ts';
export * from './sqlite-values.ts';
export * from './replica-tables.ts';
