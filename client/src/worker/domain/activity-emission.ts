/**
 * An activity's emission on the device, with the shared engine and the same rules as the server
 * (sync-server/src/services/activity-emission.ts and activities.ts), so the optimistic number is
 * the number the server will store:
 *
 *   factor_key given ─► calculateEmission(key [, kept edition], amount, unit, gwp)
 *   no factor_key ───► selectFactor(activity_type, fuel_type, unit, region ?? user's default)
 *   GWP set: the activity's own, else its organisation's, else the user's (AR5 by default)
 * The calculation itself (computeEmission) is in emission-engine.ts, loaded on first use.
 */
import {
  DEFAULT_GWP_SET,
  type EmissionError,
  type EmissionResult,
  type GwpSet,
} from '@eco-track/shared-schema';

export interface EmissionSpec {
  activityType: string | null;
  amount: number;
  unit: string;
  factorKey: string | null;
  factorYear?: number | undefined;
  fuelType: string | null;
  region: string | null;
  gwpSet: GwpSet;
  defaultRegion: string;
}

export interface DeviceEmission {
  result: EmissionResult;
  /** The engine's derivation, prefixed with how the factor was chosen (as the server writes it). */
  derivation: string;
}

/** Which field a refusal is about, as the server names it. */
export function refusalField(err: EmissionError, fallback: string): string {
  if (err.code === 'unknown_unit' || err.code === 'incompatible_unit') return 'unit';
  if (err.code === 'invalid_amount') return 'amount';
  return fallback;
}

export const resolveGwpSet = (
  own: GwpSet | null | undefined,
  orgSet: GwpSet | null | undefined,
  userSet: GwpSet | null | undefined,
): GwpSet => own ?? orgSet ?? userSet ?? DEFAULT_GWP_SET;
