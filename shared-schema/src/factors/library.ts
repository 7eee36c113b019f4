/**
 * The factor library in memory: FACTORS decoded once from the generated tuples, and lookups by
 * key and edition. Nothing runs at import beyond the (pure-annotated) decode, so a bundle that
 * never touches the library can drop it.
 */
import { FACTOR_ROWS, FACTOR_STRINGS } from '../data/generated/factors.ts';
import type { FactorTuple } from './factor-tuple.ts';
import type { EmissionFactor, Scope } from './types.ts';

function decode(
  rows: readonly FactorTuple[],
  strings: readonly string[],
): readonly EmissionFactor[] {
  const s = (i: number): string | null => (i < 0 ? null : (strings[i] ?? null));
  const req = (i: number): string => s(i) ?? '';
  return Object.freeze(
    rows.map((r) =>
      Object.freeze<EmissionFactor>({
        key: r[0],
        year: r[1],
        category: req(r[2]),
        activity: r[3],
        fuelOrMode: r[4],
        region: r[5],
        unit: req(r[6]),
        co2Kg: r[7],
        ch4Kg: r[8],
        n2oKg: r[9],
        co2eKg: r[10],
        co2eGwpSet: s(r[11]),
        ch4Co2eKg: r[12],
        n2oCo2eKg: r[13],
        scope: req(r[14]) as Scope,
        scope3Category: r[15],
        source: req(r[16]),
        sourceTable: s(r[17]),
        sourceUrl: s(r[18]),
        license: s(r[19]),
        notes: r[20],
      }),
    ),
  );
}

/** Every factor, every edition, in data-file order. */
export const FACTORS: readonly EmissionFactor[] = /* @__PURE__ */ decode(
  FACTOR_ROWS,
  FACTOR_STRINGS,
);

let byKey: Map<string, EmissionFactor[]> | undefined;

/** key → its editions, newest first. */
function index(): Map<string, EmissionFactor[]> {
  if (byKey) return byKey;
  const m = new Map<string, EmissionFactor[]>();
  for (const f of FACTORS) {
    const list = m.get(f.key) ?? [];
    list.push(f);
    m.set(f.key, list);
  }
  for (const list of m.values()) list.sort((a, b) => b.year - a.year);
  return (byKey = m);
}

/** The factor with this key: the given edition, or the newest one. */
export function getFactor(key: string, year?: number): EmissionFactor | undefined {
  const list = index().get(key);
  if (!list) return undefined;
  return year === undefined ? list[0] : list.find((f) => f.year === year);
}

/** Edition years available for a key, newest first (empty when the key is unknown). */
export function factorEditions(key: string): number[] {
  return (index().get(key) ?? []).map((f) => f.year);
}
