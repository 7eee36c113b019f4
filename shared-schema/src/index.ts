/** Public face of shared-schema: types, schemas and the emission engine shared by device and server. */
export { GWP_SETS, DEFAULT_GWP_SET, type GwpSet } from './gwp-sets.ts';

export {
  SCOPES,
  FACTOR_CATEGORIES,
  type Scope,
  type FactorCategory,
  type EmissionFactor,
} from './factors/types.ts';
export { FACTORS, getFactor, factorEditions } from './factors/library.ts';

export { EmissionError, refusalField, type EmissionErrorCode } from './engine/emission-error.ts';
export {
  calculateEmission,
  calculateCo2e,
  type EmissionInput,
  type EmissionResult,
} from './engine/calculate.ts';
export type { Co2eBasis } from './engine/compile.ts';
export { gwpValues, type GwpValues, type MethaneOrigin } from './engine/gwp.ts';
export { methaneOrigin, co2IsBiogenic } from './engine/classify.ts';
export {
  selectFactor,
  resolveCategory,
  regionChain,
  DEFAULT_RULES,
  type FactorQuery,
  type FactorSelection,
} from './engine/select-factor.ts';
export {
  calculateRoadVehicleEpa,
  type RoadVehicleEpaInput,
  type RoadVehicleEpaResult,
} from './engine/road-vehicle.ts';
export {
  activityEmission,
  type ActivityEmission,
  type ActivityEmissionSpec,
} from './engine/activity-emission.ts';
export {
  recalculateEmission,
  type StoredEmission,
  type RecalculationRequest,
  type Recalculation,
} from './engine/recalculate.ts';

export { normalizeUnit } from './units/normalize-unit.ts';
export { compatibleUnits, unitDefinition } from './units/unit-registry.ts';
export { convertAmount } from './units/convert.ts';
export { UNIT_DEFINITIONS, type Dimension, type UnitDefinition } from './units/unit-definitions.ts';

export * from './protocol/index.ts';
export * from './replica/index.ts';

// REST payload schemas (the API engineers' shared-schema/src/api/*); keep this line.
export * from './api/index.ts';
export {
  EmissionFactorListQuerySchema,
  EmissionFactorItemSchema,
  EmissionFactorListResponseSchema,
  type EmissionFactorListQuery,
  type EmissionFactorItem,
} from './factors/api-schemas.ts';
export { compileFactor, type CompiledFactor } from './engine/compile.ts';
export { emissionFactorId, uuidV5, FACTOR_ID_NAMESPACE } from './factors/factor-id.ts';
