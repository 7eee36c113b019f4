/**
 * Classification the CSVs do not carry as columns, derived from what each row says it is:
 *
 * - Methane origin, for AR6 (see gwp.ts): biogenic when the fuel or source is biomass (wood,
 *   pellets, biogas, landfill gas, ethanol E100, biodiesel B100, animal/vegetable fats...);
 *   fossil otherwise: every other per-gas row is fossil-fuel combustion (stationary, mobile,
 *   freight, travel) or grid electricity/heat. Forecourt blends (petrol/diesel with a few per cent
 *   biofuel) count as fossil: the fossil part dominates and DESNZ reports them that way.
 *   Peat is fossil (IPCC), although EPA lists it with biomass. A gas released as such
 *   (`refrigerant.*`, e.g. DESNZ's "Release of Methane") has no stated origin: AR6 generic.
 * - Biogenic CO2: EPA Table 1/2 give the full combustion CO2 of biomass fuels; under the GHG
 *   Protocol that CO2 is reported outside the scopes, so for EPA biomass rows it is kept apart
 *   (biogenicCo2Kg) and not counted in CO2e. DESNZ rows already exclude it.
 */
import type { EmissionFactor } from '../factors/types.ts';
import type { MethaneOrigin } from './gwp.ts';

const BIOMASS =
  /\b(wood|softwood|hardwood|pulping liquor|pellets?|wood ?chips|biomass|biogas|biomethane|landfill gas|ethanol|e100|bioethanol|biodiesel|b100|renewable diesel|animal fat|vegetable oil|tallow|agricultural byproducts|solid byproducts|straw|grass|bagasse|charcoal)\b/;
const NOT_BIOMASS = /\b(peat|average biofuel blend|mineral|except wood)\b/;

const text = (f: EmissionFactor) =>
  `${f.key.replace(/[._]/g, ' ')} ${f.activity} ${f.fuelOrMode ?? ''}`.toLowerCase();

const cache = new WeakMap<EmissionFactor, MethaneOrigin>();

export function methaneOrigin(f: EmissionFactor): MethaneOrigin {
  let o = cache.get(f);
  if (o === undefined) {
    const t = text(f);
    o = f.key.startsWith('refrigerant.')
      ? 'unspecified'
      : BIOMASS.test(t) && !NOT_BIOMASS.test(t)
        ? 'biogenic'
        : 'fossil';
    cache.set(f, o);
  }
  return o;
}

export function co2IsBiogenic(f: EmissionFactor): boolean {
  return methaneOrigin(f) === 'biogenic' && f.source.startsWith('US EPA, GHG Emission Factors Hub');
}
