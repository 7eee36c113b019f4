/** Sync protocol vocabulary shared by the server, the device's sync engine and the tests. */
export * from './shape-protocol.ts';
export * from './synced-tables.ts';
export * from './mutations.ts';
export * from './mutation-rows.ts';
