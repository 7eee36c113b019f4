/**
 * Magnitudes of every unit, derived from unit-conversions.csv (generated into
 * data/generated/units.ts) plus the SI-prefix definitions of unit-definitions.ts.
 *
 *   base unit of the dimension ──exact edges first──► every unit reachable (breadth first)
 *                              └─rounded inverses only where no exact path exists
 *
 * Converting a → b is then amount × toBase(a) / toBase(b); the ratio is cached per pair.
 */
import { UNIT_EDGES } from '../data/generated/units.ts';
import {
  ALSO_ACCEPTS,
  BASE_UNIT,
  CSV_UNIT_NAMES,
  DEFINITION_EDGES,
  DIMENSIONS,
  UNIT_DEFINITIONS,
  type Dimension,
  type UnitDefinition,
} from './unit-definitions.ts';

/** Kinds of CSV rows that are unit identities (the others are fuel-specific properties). */
const IDENTITY_KINDS = new Set(['length', 'activity', 'volume', 'mass', 'energy']);

interface Registry {
  readonly byId: ReadonlyMap<string, UnitDefinition>;
  readonly toBase: ReadonlyMap<string, number>;
}

let registry: Registry | undefined;

function build(): Registry {
  const byId = new Map(UNIT_DEFINITIONS.map((u) => [u.id, u]));
  const csvName = (n: string) => CSV_UNIT_NAMES[n] ?? n;
  type Edge = { to: string; factor: number };
  const exact = new Map<string, Edge[]>();
  const rounded = new Map<string, Edge[]>();
  const add = (m: Map<string, Edge[]>, from: string, to: string, factor: number) => {
    if (!byId.has(from) || !byId.has(to)) return;
    const list = m.get(from) ?? [];
    list.push({ to, factor });
    m.set(from, list);
  };
  // An edge `1 from = f × to` lets us go from `to` (known) to `from`: toBase(from) = f × toBase(to),
  // and an exact edge is exact in both directions.
  for (const [from, to, f] of DEFINITION_EDGES) {
    add(exact, to, from, f);
    add(exact, from, to, 1 / f);
  }
  for (const [kind, rawFrom, rawTo, f, isExact] of UNIT_EDGES) {
    if (!IDENTITY_KINDS.has(kind)) continue;
    const from = csvName(rawFrom);
    const to = csvName(rawTo);
    if (isExact) {
      add(exact, to, from, f);
      add(exact, from, to, 1 / f);
    } else {
      add(rounded, to, from, f);
    }
  }
  const toBase = new Map<string, number>();
  for (const dim of DIMENSIONS) {
    const base = BASE_UNIT[dim];
    toBase.set(base, 1);
    for (const edges of [exact, rounded]) {
      // Re-walk from every unit known so far: rounded edges only fill what exact ones missed.
      const queue = [...toBase.keys()].filter((u) => byId.get(u)?.dimension === dim);
      while (queue.length) {
        const u = queue.shift() as string;
        const uBase = toBase.get(u) as number;
        for (const e of edges.get(u) ?? []) {
          if (toBase.has(e.to) || byId.get(e.to)?.dimension !== dim) continue;
          toBase.set(e.to, e.factor * uBase);
          queue.push(e.to);
        }
      }
    }
  }
  for (const u of UNIT_DEFINITIONS) {
    if (!toBase.has(u.id)) {
      throw new Error(`unit ${u.id} has no conversion path to ${BASE_UNIT[u.dimension]}`);
    }
  }
  return { byId, toBase };
}

function reg(): Registry {
  return (registry ??= build());
}

export function unitDefinition(id: string): UnitDefinition | undefined {
  return reg().byId.get(id);
}

/** How many base units (see BASE_UNIT) one `id` is. */
export function unitToBase(id: string): number | undefined {
  return reg().toBase.get(id);
}

/** True when an activity measured in `from` can be applied to a factor per `to`. */
export function dimensionsCompatible(from: Dimension, to: Dimension): boolean {
  return from === to || (ALSO_ACCEPTS[to]?.includes(from) ?? false);
}

/** Canonical unit ids an activity may be given in for a factor per `factorUnit`. */
export function compatibleUnits(factorUnit: string): string[] {
  const target = reg().byId.get(factorUnit);
  if (!target) return [];
  return UNIT_DEFINITIONS.filter((u) => dimensionsCompatible(u.dimension, target.dimension)).map(
    (u) => u.id,
  );
}
