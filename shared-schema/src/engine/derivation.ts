/**
 * The human-readable derivation of one calculation: the factor and its source, the unit
 * conversion, each gas and its GWP, the total, and the scope. Built only when read (it is the
 * slow part of a calculation), from the same compiled coefficients the numbers came from.
 */
import type { GwpSet } from '../gwp-sets.ts';
import { normalizeUnit } from '../units/normalize-unit.ts';
import type { CompiledFactor } from './compile.ts';
import { gwpValues } from './gwp.ts';

/** Up to 10 significant digits, no trailing zeros. */
export const fmt = (n: number): string => String(Number(n.toPrecision(10)));

export interface DerivationInput {
  readonly c: CompiledFactor;
  readonly amount: number;
  readonly unitText: string;
  readonly ratio: number;
  readonly converted: number;
  readonly gwpSet: GwpSet;
  readonly co2eKg: number;
}

export function buildDerivation(d: DerivationInput): string {
  const { c, converted, gwpSet } = d;
  const f = c.factor;
  const u = f.unit;
  const lines: string[] = [];
  lines.push(
    `Factor ${f.key}, edition ${f.year}: ${f.activity} (${f.region}, per ${u}).`,
    `Source: ${f.source}${f.sourceTable ? `, ${f.sourceTable}` : ''}${f.sourceUrl ? ` <${f.sourceUrl}>` : ''}${f.license ? `; licence: ${f.license}` : ''}.`,
  );
  const from = normalizeUnit(d.unitText) ?? d.unitText;
  lines.push(
    d.ratio === 1
      ? `Activity: ${fmt(d.amount)} ${u}.`
      : `Activity: ${fmt(d.amount)} ${from} × ${fmt(d.ratio)} ${u}/${from} = ${fmt(converted)} ${u}.`,
  );
  const g = gwpValues(gwpSet, c.origin);
  const ch4Label =
    gwpSet === 'AR6'
      ? `GWP ${fmt(g.ch4)} (AR6, ${g.ch4Row} methane: ${c.origin === 'fossil' ? 'fossil-fuel combustion or grid electricity' : c.origin === 'biogenic' ? 'biogenic source' : 'origin not stated'})`
      : gwpSet === 'AR5'
        ? `GWP ${fmt(g.ch4)} (AR5, as EPA and DESNZ apply it to all methane)`
        : `GWP ${fmt(g.ch4)} (AR4)`;
  const n2oLabel = `GWP ${fmt(g.n2o)} (${gwpSet})`;
  const co2 = converted * c.co2;
  const ch4 = converted * c.ch4;
  const n2o = converted * c.n2o;
  if (c.biogenicCo2 > 0) {
    lines.push(
      `Biogenic CO2: ${fmt(converted)} ${u} × ${fmt(c.biogenicCo2)} kg/${u} = ${fmt(converted * c.biogenicCo2)} kg, reported outside the scopes (GHG Protocol) and not counted in CO2e.`,
    );
  }
  if (c.basis === 'per_gas') {
    if (f.co2Kg !== null && c.biogenicCo2 === 0) {
      lines.push(`CO2: ${fmt(converted)} ${u} × ${fmt(c.co2)} kg/${u} = ${fmt(co2)} kg.`);
    }
    if (f.ch4Kg !== null) {
      lines.push(
        `CH4: ${fmt(converted)} ${u} × ${fmt(c.ch4)} kg/${u} = ${fmt(ch4)} kg × ${ch4Label} = ${fmt(ch4 * g.ch4)} kg CO2e.`,
      );
    }
    if (f.n2oKg !== null) {
      lines.push(
        `N2O: ${fmt(converted)} ${u} × ${fmt(c.n2o)} kg/${u} = ${fmt(n2o)} kg × ${n2oLabel} = ${fmt(n2o * g.n2o)} kg CO2e.`,
      );
    }
    lines.push(
      `CO2e = ${[co2, ch4 * g.ch4, n2o * g.n2o].map(fmt).join(' + ')} = ${fmt(d.co2eKg)} kg CO2e (per gas, ${gwpSet}).`,
    );
    if (f.unit === 'vehicle_mile' && f.co2Kg === null) {
      lines.push(
        'EPA road-vehicle method: this factor gives CH4 and N2O per vehicle-mile only; CO2 comes from the fuel burned (mobile.<fuel>.gallon.us). Add both, e.g. with calculateRoadVehicleEpa.',
      );
    } else if (f.key.startsWith('mobile.') && f.ch4Kg === null && f.n2oKg === null) {
      lines.push(
        'EPA road-vehicle method: this factor gives CO2 from the fuel only; CH4 and N2O come from the distance driven (mobile.<fuel>.<vehicle>.<model year>.vehicle_mile.us).',
      );
    }
  } else {
    const published = f.co2eKg ?? 0;
    const basisName = f.co2eGwpSet ?? 'unstated';
    if (c.reweightFrom === null || c.reweightFrom === gwpSet) {
      lines.push(
        `CO2e: ${fmt(converted)} ${u} × ${fmt(published)} kg CO2e/${u} = ${fmt(d.co2eKg)} kg CO2e: the source's CO2e used as published, basis ${basisName}.`,
      );
      if (c.reweightFrom === null && gwpSet !== basisName) {
        lines.push(
          `The source gives no per-gas masses for this factor, so it cannot be re-weighted to ${gwpSet}.`,
        );
      }
    } else {
      const p = gwpValues(c.reweightFrom, c.origin);
      lines.push(
        `CO2e: the source's total ${fmt(published)} kg CO2e/${u} (${c.reweightFrom}) re-weighted to ${gwpSet}: ` +
          `${fmt(published)} + CH4 ${fmt(c.ch4)} × (${fmt(g.ch4)} − ${fmt(p.ch4)}) + N2O ${fmt(c.n2o)} × (${fmt(g.n2o)} − ${fmt(p.n2o)}) = ${fmt(c.co2e[gwpIndex(gwpSet)] ?? 0)} kg CO2e/${u}` +
          ` (CH4 ${ch4Label}).`,
        `CO2e = ${fmt(converted)} ${u} × ${fmt(c.co2e[gwpIndex(gwpSet)] ?? 0)} = ${fmt(d.co2eKg)} kg CO2e.`,
      );
    }
    if (f.co2Kg !== null || f.ch4Kg !== null || f.n2oKg !== null) {
      lines.push(`Per gas: CO2 ${fmt(co2)} kg, CH4 ${fmt(ch4)} kg, N2O ${fmt(n2o)} kg.`);
    } else {
      lines.push('Per-gas masses are not published for this factor (reported as 0).');
    }
  }
  lines.push(
    `Scope ${f.scope}${f.scope3Category !== null ? `, Scope 3 category ${f.scope3Category}` : ''}.`,
  );
  return lines.join('\n');
}

export const gwpIndex = (s: GwpSet): number => (s === 'AR4' ? 0 : s === 'AR5' ? 1 : 2);
