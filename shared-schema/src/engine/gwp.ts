/**
 * 100-year GWPs from gwp.csv, and the rule choosing the methane value:
 *
 *   AR4  25 for every methane (AR4 has no fossil/non-fossil split)
 *   AR5  28 for every methane: the value EPA Hub 2025 (Table 11) and DESNZ 2024 apply, so our AR5
 *        numbers equal the published ones. gwp.csv's AR5 fossil value (30) is not what either
 *        publisher uses and is not applied.
 *   AR6  fossil 29.8 for fossil-fuel combustion and grid electricity; non-fossil 27.0 for
 *        biogenic sources (AR6 WGI Table 7.15); the generic 27.9 (Table 7.SM.7) for a release of
 *        methane whose origin is not stated
 */
import { GWP_ROWS } from '../data/generated/gwp.ts';
import type { GwpRow } from '../factors/factor-tuple.ts';
import type { GwpSet } from '../gwp-sets.ts';

/** `unspecified`: a release of methane whose origin the row does not state (AR6 generic value). */
export type MethaneOrigin = 'fossil' | 'biogenic' | 'unspecified';

export interface GwpValues {
  readonly ch4: number;
  readonly n2o: number;
  /** Which gwp.csv row the CH4 value came from, for the derivation. */
  readonly ch4Row: 'generic' | 'fossil' | 'non-fossil';
}

function row(formula: string): GwpRow {
  const r = GWP_ROWS.find((g) => g.formula === formula);
  if (!r) throw new Error(`gwp.csv has no row for ${formula}`);
  return r;
}

function value(r: GwpRow, set: GwpSet): number {
  const v = set === 'AR4' ? r.ar4 : set === 'AR5' ? r.ar5 : r.ar6;
  if (v === null) throw new Error(`gwp.csv has no ${set} value for ${r.formula}`);
  return v;
}

let table: Map<string, GwpValues> | undefined;

/** The CH4 and N2O GWPs to apply for a set and a methane origin. */
export function gwpValues(set: GwpSet, origin: MethaneOrigin): GwpValues {
  table ??= new Map();
  const id = `${set}/${origin}`;
  const hit = table.get(id);
  if (hit) return hit;
  const n2o = value(row('N2O'), set);
  let v: GwpValues;
  if (set === 'AR6' && origin !== 'unspecified') {
    v =
      origin === 'fossil'
        ? { ch4: value(row('CH4 (fossil)'), set), n2o, ch4Row: 'fossil' }
        : { ch4: value(row('CH4 (non-fossil)'), set), n2o, ch4Row: 'non-fossil' };
  } else {
    v = { ch4: value(row('CH4'), set), n2o, ch4Row: 'generic' };
  }
  table.set(id, v);
  return v;
}
