/**
 * The EPA road-vehicle method (Hub 2025, Tables 2-4): CO2 from the fuel burned
 * (`mobile.<fuel>.gallon.us`, CO2 only) plus CH4 and N2O from the distance driven
 * (`mobile.<fuel>.<vehicle>.<model year>.vehicle_mile.us`). The alternative, per-distance factors
 * holding all three gases (`travel.*.us`, `freight.*.vehicle_mile.us`), is plain calculateEmission.
 */
import { getFactor } from '../factors/library.ts';
import type { GwpSet } from '../gwp-sets.ts';
import { calculateEmission, type EmissionResult } from './calculate.ts';
import { fmt } from './derivation.ts';
import { EmissionError } from './emission-error.ts';

export interface RoadVehicleEpaInput {
  /** e.g. mobile.gasoline.gallon.us */
  fuelKey: string;
  fuelAmount: number;
  fuelUnit: string;
  /** e.g. mobile.gasoline.passenger_car.my2022.vehicle_mile.us */
  distanceKey: string;
  distance: number;
  distanceUnit: string;
  gwpSet?: GwpSet;
}

export interface RoadVehicleEpaResult {
  co2Kg: number;
  ch4Kg: number;
  n2oKg: number;
  co2eKg: number;
  biogenicCo2Kg: number;
  gwpSet: GwpSet;
  fuel: EmissionResult;
  distance: EmissionResult;
  derivation: string;
}

export function calculateRoadVehicleEpa(input: RoadVehicleEpaInput): RoadVehicleEpaResult {
  const fuelF = getFactor(input.fuelKey);
  const distF = getFactor(input.distanceKey);
  if (fuelF && (fuelF.co2Kg === null || fuelF.ch4Kg !== null || fuelF.n2oKg !== null)) {
    throw new EmissionError(
      'unknown_factor',
      `${input.fuelKey} is not a CO2-from-fuel factor; use mobile.<fuel>.gallon.us (or .scf.us)`,
    );
  }
  if (distF && (distF.co2Kg !== null || distF.unit !== 'vehicle_mile')) {
    throw new EmissionError(
      'unknown_factor',
      `${input.distanceKey} is not a CH4/N2O-per-vehicle-mile factor; use mobile.<fuel>.<vehicle>.<model year>.vehicle_mile.us`,
    );
  }
  const fuel = calculateEmission({
    factorKey: input.fuelKey,
    amount: input.fuelAmount,
    unit: input.fuelUnit,
    gwpSet: input.gwpSet,
  });
  const distance = calculateEmission({
    factorKey: input.distanceKey,
    amount: input.distance,
    unit: input.distanceUnit,
    gwpSet: input.gwpSet,
  });
  const co2eKg = fuel.co2eKg + distance.co2eKg;
  const result = {
    co2Kg: fuel.co2Kg + distance.co2Kg,
    ch4Kg: fuel.ch4Kg + distance.ch4Kg,
    n2oKg: fuel.n2oKg + distance.n2oKg,
    co2eKg,
    biogenicCo2Kg: fuel.biogenicCo2Kg + distance.biogenicCo2Kg,
    gwpSet: fuel.gwpSet,
    fuel,
    distance,
  } as RoadVehicleEpaResult;
  Object.defineProperty(result, 'derivation', {
    enumerable: true,
    get: () =>
      [
        'EPA road-vehicle method: CO2 from the fuel + CH4 and N2O from the distance.',
        'Fuel part:',
        fuel.derivation,
        'Distance part:',
        distance.derivation,
        `Total CO2e = ${fmt(fuel.co2eKg)} + ${fmt(distance.co2eKg)} = ${fmt(co2eKg)} kg CO2e (${fuel.gwpSet}).`,
      ].join('\n'),
  });
  return result;
}
