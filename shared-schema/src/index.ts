/** Public face of shared-schema: types, schemas and the emission engine shared by device and server. */
export { GWP_SETS, DEFAULT_GWP_SET, type GwpSet } from './gwp-sets.ts';
export * from './protocol/index.ts';

// REST payload schemas (the API engineers' shared-schema/src/api/*); keep this line.
export * from './api/index.ts';
export * from './replica/index.ts';
