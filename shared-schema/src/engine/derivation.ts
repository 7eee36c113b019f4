/**
 * The human-readable derivation of one calculation: the factor and its source, the unit
 * conversion, each gas and its GWP, the total, and the scope. Built only when read, from the same
 * compiled coefficients the numbers came from.
 *
 * It is the slow part of a calculation, and the server builds one for every activity it stores.
 * Everything that depends only on the factor and the GWP set (the factor and source lines, the
 * coefficients, the GWP labels, the notes and the scope) is rendered once per pair and kept with
 * the compiled factor; a call renders only the numbers of its own activity.
 */
import type { GwpSet } from '../gwp-sets.ts';
import { normalizeUnit } from '../units/normalize-unit.ts';
import type { CompiledFactor } from './compile.ts';
import { gwpValues, type GwpValues } from './gwp.ts';

/** The definition: round to 10 significant digits (ties away from zero), drop trailing zeros. */
const exactFmt = (n: number): string => String(Number(n.toPrecision(10)));

/**
 * Up to 10 significant digits, no trailing zeros (exactFmt). When the shortest round-trip text of
 * `n` has at most 10 significant digits, rounding `n` to 10 digits gives `n` back (no other
 * 10-digit decimal is as near), so that text is the answer: ~0.15 instead of ~1.3 µs for such
 * numbers, which toPrecision pads and Number re-parses. Longer texts take the exact path.
 */
export function fmt(n: number): string {
  const s = String(n);
  if (s.length <= 11 && !s.includes('e')) {
    let digits = 0;
    let leading = true;
    for (let i = 0; i < s.length; i++) {
      const ch = s.charCodeAt(i);
      if (ch < 48 || ch > 57) continue; // '-' and '.'
      if (leading && ch === 48) continue;
      leading = false;
      digits++;
    }
    if (digits <= 10) return s;
  }
  return exactFmt(n);
}

export interface DerivationInput {
  readonly c: CompiledFactor;
  readonly amount: number;
  readonly unitText: string;
  readonly ratio: number;
  readonly converted: number;
  readonly gwpSet: GwpSet;
  readonly co2eKg: number;
}

/** The parts of a derivation fixed by its factor and GWP set. */
interface Template {
  readonly head: string;
  /** The GWPs applied (gwpValues' lookup builds a key string: kept here instead). */
  readonly g: GwpValues;
  readonly co2: string;
  readonly ch4: string;
  readonly n2o: string;
  readonly biogenic: string;
  readonly ch4Label: string;
  readonly n2oLabel: string;
  /** Lines after the total (road-vehicle notes, the "cannot be re-weighted" note). */
  readonly notes: readonly string[];
  readonly scope: string;
}

const templates = new WeakMap<CompiledFactor, Map<GwpSet, Template>>();

function ch4LabelFor(gwpSet: GwpSet, c: CompiledFactor, g: GwpValues): string {
  if (gwpSet === 'AR6') {
    const origin =
      c.origin === 'fossil'
        ? 'fossil-fuel combustion or grid electricity'
        : c.origin === 'biogenic'
          ? 'biogenic source'
          : 'origin not stated';
    return `GWP ${fmt(g.ch4)} (AR6, ${g.ch4Row} methane: ${origin})`;
  }
  return gwpSet === 'AR5'
    ? `GWP ${fmt(g.ch4)} (AR5, as EPA and DESNZ apply it to all methane)`
    : `GWP ${fmt(g.ch4)} (AR4)`;
}

function notesFor(c: CompiledFactor, gwpSet: GwpSet): string[] {
  const f = c.factor;
  if (c.basis === 'per_gas') {
    if (f.unit === 'vehicle_mile' && f.co2Kg === null) {
      return [
        'EPA road-vehicle method: this factor gives CH4 and N2O per vehicle-mile only; CO2 comes from the fuel burned (mobile.<fuel>.gallon.us). Add both, e.g. with calculateRoadVehicleEpa.',
      ];
    }
    if (f.key.startsWith('mobile.') && f.ch4Kg === null && f.n2oKg === null) {
      return [
        'EPA road-vehicle method: this factor gives CO2 from the fuel only; CH4 and N2O come from the distance driven (mobile.<fuel>.<vehicle>.<model year>.vehicle_mile.us).',
      ];
    }
    return [];
  }
  const basisName = f.co2eGwpSet ?? 'unstated';
  return c.reweightFrom === null && gwpSet !== basisName
    ? [
        `The source gives no per-gas masses for this factor, so it cannot be re-weighted to ${gwpSet}.`,
      ]
    : [];
}

function template(c: CompiledFactor, gwpSet: GwpSet): Template {
  let perSet = templates.get(c);
  if (!perSet) templates.set(c, (perSet = new Map<GwpSet, Template>()));
  const hit = perSet.get(gwpSet);
  if (hit) return hit;
  const f = c.factor;
  const u = f.unit;
  const g = gwpValues(gwpSet, c.origin);
  const t: Template = {
    head:
      `Factor ${f.key}, edition ${f.year}: ${f.activity} (${f.region}, per ${u}).\n` +
      `Source: ${f.source}${f.sourceTable ? `, ${f.sourceTable}` : ''}${f.sourceUrl ? ` <${f.sourceUrl}>` : ''}${f.license ? `; licence: ${f.license}` : ''}.`,
    g,
    co2: fmt(c.co2),
    ch4: fmt(c.ch4),
    n2o: fmt(c.n2o),
    biogenic: fmt(c.biogenicCo2),
    ch4Label: ch4LabelFor(gwpSet, c, g),
    n2oLabel: `GWP ${fmt(g.n2o)} (${gwpSet})`,
    notes: notesFor(c, gwpSet),
    scope: `Scope ${f.scope}${f.scope3Category !== null ? `, Scope 3 category ${f.scope3Category}` : ''}.`,
  };
  perSet.set(gwpSet, t);
  return t;
}

export function buildDerivation(d: DerivationInput): string {
  const { c, converted, gwpSet } = d;
  const f = c.factor;
  const t = template(c, gwpSet);
  const { g } = t;
  const u = f.unit;
  const cv = fmt(converted);
  const lines: string[] = [t.head];
  if (d.ratio === 1) {
    lines.push(`Activity: ${fmt(d.amount)} ${u}.`);
  } else {
    const from = normalizeUnit(d.unitText) ?? d.unitText;
    lines.push(`Activity: ${fmt(d.amount)} ${from} × ${fmt(d.ratio)} ${u}/${from} = ${cv} ${u}.`);
  }
  const co2 = converted * c.co2;
  const ch4 = converted * c.ch4;
  const n2o = converted * c.n2o;
  if (c.biogenicCo2 > 0) {
    lines.push(
      `Biogenic CO2: ${cv} ${u} × ${t.biogenic} kg/${u} = ${fmt(converted * c.biogenicCo2)} kg, reported outside the scopes (GHG Protocol) and not counted in CO2e.`,
    );
  }
  if (c.basis === 'per_gas') {
    const co2Text = fmt(co2);
    const ch4Co2e = fmt(ch4 * g.ch4);
    const n2oCo2e = fmt(n2o * g.n2o);
    if (f.co2Kg !== null && c.biogenicCo2 === 0) {
      lines.push(`CO2: ${cv} ${u} × ${t.co2} kg/${u} = ${co2Text} kg.`);
    }
    if (f.ch4Kg !== null) {
      lines.push(
        `CH4: ${cv} ${u} × ${t.ch4} kg/${u} = ${fmt(ch4)} kg × ${t.ch4Label} = ${ch4Co2e} kg CO2e.`,
      );
    }
    if (f.n2oKg !== null) {
      lines.push(
        `N2O: ${cv} ${u} × ${t.n2o} kg/${u} = ${fmt(n2o)} kg × ${t.n2oLabel} = ${n2oCo2e} kg CO2e.`,
      );
    }
    lines.push(
      `CO2e = ${co2Text} + ${ch4Co2e} + ${n2oCo2e} = ${fmt(d.co2eKg)} kg CO2e (per gas, ${gwpSet}).`,
      ...t.notes,
    );
  } else {
    const published = fmt(f.co2eKg ?? 0);
    const basisName = f.co2eGwpSet ?? 'unstated';
    if (c.reweightFrom === null || c.reweightFrom === gwpSet) {
      lines.push(
        `CO2e: ${cv} ${u} × ${published} kg CO2e/${u} = ${fmt(d.co2eKg)} kg CO2e: the source's CO2e used as published, basis ${basisName}.`,
        ...t.notes,
      );
    } else {
      const p = gwpValues(c.reweightFrom, c.origin);
      const perUnit = fmt(c.co2e[gwpIndex(gwpSet)] ?? 0);
      lines.push(
        `CO2e: the source's total ${published} kg CO2e/${u} (${c.reweightFrom}) re-weighted to ${gwpSet}: ` +
          `${published} + CH4 ${t.ch4} × (${fmt(g.ch4)} − ${fmt(p.ch4)}) + N2O ${t.n2o} × (${fmt(g.n2o)} − ${fmt(p.n2o)}) = ${perUnit} kg CO2e/${u}` +
          ` (CH4 ${t.ch4Label}).`,
        `CO2e = ${cv} ${u} × ${perUnit} = ${fmt(d.co2eKg)} kg CO2e.`,
      );
    }
    if (f.co2Kg !== null || f.ch4Kg !== null || f.n2oKg !== null) {
      lines.push(`Per gas: CO2 ${fmt(co2)} kg, CH4 ${fmt(ch4)} kg, N2O ${fmt(n2o)} kg.`);
    } else {
      lines.push('Per-gas masses are not published for this factor (reported as 0).');
    }
  }
  lines.push(t.scope);
  return lines.join('\n');
}

export const gwpIndex = (s: GwpSet): number => (s === 'AR4' ? 0 : s === 'AR5' ? 1 : 2);
