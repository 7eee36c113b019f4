/** Public face of shared-schema: types, schemas and the emission engine shared by device and server. */
export { GWP_SETS, DEFAULT_GWP_SET, type GwpSet } from './gwp-sets.ts';
export * from './protocol/index.ts';
