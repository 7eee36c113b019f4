/**
 * Worked cases derived by hand from the source rows (shared-schema/data/emission-factors.csv) and
 * the exact unit definitions (unit-conversions.csv). The arithmetic is written next to each case;
 * when a factor edition changes, re-derive these (data README, "Checks after every update").
 */
import { describe, expect, it } from 'vitest';
import { calculateEmission, calculateRoadVehicleEpa, type EmissionResult } from '../index.ts';

/** Equal to 12 significant digits (the inputs have at most 10). */
const near = (actual: number, expected: number) =>
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(Math.abs(expected) * 1e-12 + 1e-15);

const calc = (factorKey: string, amount: number, unit: string, gwpSet?: 'AR4' | 'AR5' | 'AR6') =>
  calculateEmission({ factorKey, amount, unit, gwpSet });

describe('EPA Hub 2025, stationary combustion (per gas)', () => {
  // stationary.natural_gas.mmbtu.us: 53.06 kg CO2, 1 g CH4 = 0.001 kg, 0.1 g N2O = 0.0001 kg per mmBtu.
  // 100 therm × 0.1 mmBtu/therm (exact) = 10 mmBtu → CO2 530.6 kg, CH4 0.01 kg, N2O 0.001 kg.
  it('100 therms against a per-mmBtu factor, AR5: 530.6 + 0.01×28 + 0.001×265 = 531.145', () => {
    const r = calc('stationary.natural_gas.mmbtu.us', 100, 'therms');
    near(r.convertedAmount, 10);
    near(r.co2Kg, 530.6);
    near(r.ch4Kg, 0.01);
    near(r.n2oKg, 0.001);
    near(r.co2eKg, 531.145);
    expect(r.co2eBasis).toBe('per_gas');
    expect(r.factor).toMatchObject({
      key: 'stationary.natural_gas.mmbtu.us',
      year: 2025,
      scope: '1',
    });
    expect(r.derivation).toContain('100 therm × 0.1 mmBtu/therm = 10 mmBtu');
  });
  it('AR6 uses fossil methane 29.8 and N2O 273: 530.6 + 0.298 + 0.273 = 531.171', () => {
    const r = calc('stationary.natural_gas.mmbtu.us', 100, 'therm', 'AR6');
    near(r.co2eKg, 531.171);
    expect(r.derivation).toMatch(/GWP 29\.8 \(AR6, fossil methane/);
  });
  it('AR4 uses 25 and 298: 530.6 + 0.25 + 0.298 = 531.148', () => {
    near(calc('stationary.natural_gas.mmbtu.us', 100, 'therm', 'AR4').co2eKg, 531.148);
  });
  // stationary.natural_gas.scf.us: 0.05444 kg CO2, 0.00000103 kg CH4, 0.0000001 kg N2O per scf.
  // 1 ccf = 100 scf: 5.444 + 0.000103×28 + 0.00001×265 = 5.444 + 0.002884 + 0.00265 = 5.449534
  it('1 ccf of natural gas against the per-scf factor = 5.449534 kg CO2e', () => {
    near(calc('stationary.natural_gas.scf.us', 1, 'ccf').co2eKg, 5.449534);
  });
  // stationary.wood.short_ton.us: 1640 kg CO2 (biogenic), 0.126 kg CH4, 0.063 kg N2O per short ton.
  it('wood: the CO2 is biogenic and kept apart; CH4 uses non-fossil 27.0 under AR6', () => {
    const ar5 = calc('stationary.wood.short_ton.us', 2, 'short tons');
    near(ar5.biogenicCo2Kg, 3280); // 2 × 1640
    expect(ar5.co2Kg).toBe(0);
    near(ar5.co2eKg, 40.446); // 2×0.126×28 + 2×0.063×265 = 7.056 + 33.39
    const ar6 = calc('stationary.wood.short_ton.us', 2, 'short_ton', 'AR6');
    near(ar6.co2eKg, 41.202); // 0.252×27 + 0.126×273 = 6.804 + 34.398
    expect(ar6.derivation).toMatch(/non-fossil methane: biogenic source/);
    expect(ar6.derivation).toMatch(/Biogenic CO2: .* reported outside the scopes/);
  });
});

describe('EPA Hub 2025, mobile combustion: both US road-vehicle methods', () => {
  // Method 1: CO2 from fuel (mobile.gasoline.gallon.us, 8.78 kg CO2/gal) + CH4/N2O from distance
  // (mobile.gasoline.passenger_car.my2022.vehicle_mile.us: 0.000005 kg CH4, 0.0000014 kg N2O per mile).
  // 10 L ÷ 3.785411784 L/gal = 2.641720523581 gal × 8.78 = 23.194306197045 kg CO2
  // 100 km ÷ 1.609344 km/mi = 62.137119223733 mi: CH4 0.000310685596 kg × 28 = 0.008699196691,
  //   N2O 0.0000869919669 kg × 265 = 0.023052871232; total 23.226058264969 kg CO2e
  it('fuel + distance with calculateRoadVehicleEpa', () => {
    const r = calculateRoadVehicleEpa({
      fuelKey: 'mobile.gasoline.gallon.us',
      fuelAmount: 10,
      fuelUnit: 'litres',
      distanceKey: 'mobile.gasoline.passenger_car.my2022.vehicle_mile.us',
      distance: 100,
      distanceUnit: 'km',
    });
    near(r.fuel.co2Kg, 23.19430619704543);
    near(r.distance.ch4Kg, 0.000310685596118667);
    near(r.co2eKg, 23.226058264968756);
    expect(r.derivation).toContain('CO2 from the fuel + CH4 and N2O from the distance');
  });
  // Method 2: per-distance factor with all three gases, travel.car.passenger_car.vehicle_mile.us:
  // 0.297 kg CO2, 0.0000059 kg CH4, 0.0000053 kg N2O per vehicle-mile.
  // 25 mi: 7.425 + 0.0001475×28 + 0.0001325×265 = 7.425 + 0.00413 + 0.0351125 = 7.4642425
  it('per-distance factor: the seed example, 25 miles', () => {
    const r = calc('travel.car.passenger_car.vehicle_mile.us', 25, 'miles');
    near(r.co2eKg, 7.4642425);
    expect(r.factor.scope3Category).toBe(6);
  });
  it('a CO2-only fuel factor says where CH4/N2O come from', () => {
    const r = calc('mobile.diesel.gallon.us', 42, 'gallons');
    near(r.co2eKg, 428.82); // 42 × 10.21
    expect(r.derivation).toContain('CH4 and N2O come from the distance driven');
  });
  // 10 imperial gallons × 4.54609 L ÷ 3.785411784 L/gal = 12.009499255 US gal × 10.21
  it('imperial gallons and barrels against a US-gallon factor', () => {
    near(calc('mobile.diesel.gallon.us', 10, 'imperial gallons').co2eKg, 122.6169873940457);
    near(calc('mobile.diesel.gallon.us', 1, 'bbl').co2eKg, 428.82); // 1 bbl = 42 gal
  });
});

describe('EPA eGRID2023 (per gas, grid electricity → fossil methane)', () => {
  // electricity.egrid.camx.kwh: CO2 0.1980633763, CH4 0.00001133980925, N2O 0.00000136077711 kg/kWh
  // 500 kWh: 99.031688150 + 0.005669904625×28 + 0.000680388555×265
  //        = 99.031688150 + 0.158757329500 + 0.180302967075 = 99.370748446575
  it('0.5 MWh in CAMX', () => {
    const r = calc('electricity.egrid.camx.kwh', 0.5, 'MWh');
    near(r.convertedAmount, 500);
    near(r.co2eKg, 99.370748446575);
    expect(r.factor.scope).toBe('2');
  });
  it('AR6: CH4 × 29.8, N2O × 273', () => {
    // 99.031688150 + 0.005669904625×29.8 + 0.000680388555×273
    near(
      calc('electricity.egrid.camx.kwh', 500, 'kWh', 'AR6').co2eKg,
      99.03168815 + 0.005669904625 * 29.8 + 0.000680388555 * 273,
    );
  });
});

describe('DESNZ 2024 (published CO2e, AR5; re-weighted by CH4/N2O only)', () => {
  // fuel.natural_gas.kwh.gb: total 0.1829 kg CO2e/kWh (AR5); CH4 0.00001 kg, N2O 0.000000339623 kg.
  it('AR5 is the published total: 1000 kWh × 0.1829 = 182.9', () => {
    const r = calc('fuel.natural_gas.kwh.gb', 1000, 'kWh');
    near(r.co2eKg, 182.9);
    near(r.co2Kg, 182.53); // 1000 × 0.18253
    expect(r.co2eBasis).toBe('source_co2e');
    expect(r.derivation).toContain('used as published, basis AR5');
  });
  it('AR6: 182.9 + 0.01×(29.8−28) + 0.000339623×(273−265) = 182.920716984', () => {
    near(calc('fuel.natural_gas.kwh.gb', 1000, 'kWh', 'AR6').co2eKg, 182.920716984);
  });
  it('AR4: 182.9 + 0.01×(25−28) + 0.000339623×(298−265) = 182.881207559', () => {
    near(calc('fuel.natural_gas.kwh.gb', 1000, 'kWh', 'AR4').co2eKg, 182.881207559);
  });
  // 1 therm = 1e5 Btu × 1055.05585262 J / 3.6e6 J = 29.307107017222 kWh; × 0.1829
  it('a therm of gas against the per-kWh factor', () => {
    near(calc('fuel.natural_gas.kwh.gb', 1, 'therm').co2eKg, 5.36026987345);
  });
  // freight.hgv_all_average_laden.tonne_km.gb: 0.09752 kg CO2e per tonne-km
  it('freight: 500 tonne-km by HGV = 48.76; AR6 48.7831334174', () => {
    near(calc('freight.hgv_all_average_laden.tonne_km.gb', 500, 'tkm').co2eKg, 48.76);
    // 48.76 + 500×0.000000714286×1.8 + 500×0.00000562264×8
    near(
      calc('freight.hgv_all_average_laden.tonne_km.gb', 500, 'tonne_km', 'AR6').co2eKg,
      48.7831334174,
    );
  });
  it('flight with RF: 1000 passenger-km long-haul economy = 200.11', () => {
    near(calc('flight.long_haul.economy.with_rf.passenger_km.gb', 1000, 'km').co2eKg, 200.11);
  });
  it('home-working: 8 FTE-hours × 0.33378 = 2.67024', () => {
    near(
      calc('homeworking.office_equipment_and_heating.fte_hour.gb', 8, 'fte hours').co2eKg,
      2.67024,
    );
  });
});

describe('sources that publish only CO2e: used as published under every GWP set', () => {
  const all = (key: string, amount: number, unit: string): EmissionResult[] =>
    (['AR4', 'AR5', 'AR6'] as const).map((g) => calc(key, amount, unit, g));
  // waste.mixed_msw.landfilled.short_ton.us: 580 kg CO2e per short ton (EPA used AR4).
  // 1 tonne ÷ 0.90718474 t/short ton = 1.102311310924 short ton × 580 = 639.340560336
  it('EPA waste (AR4 basis): 1 tonne of mixed MSW to landfill = 639.340560336', () => {
    for (const r of all('waste.mixed_msw.landfilled.short_ton.us', 1, 'tonne')) {
      near(r.co2eKg, 639.3405603361449);
      expect(r.co2eBasis).toBe('source_co2e');
      expect(r.ch4Kg).toBe(0);
    }
    expect(calc('waste.mixed_msw.landfilled.short_ton.us', 1, 't', 'AR6').derivation).toContain(
      'basis AR4',
    );
  });
  it('USEEIO spend: 1000 USD of custom programming × 0.084 = 84', () => {
    for (const r of all('spend.naics_541511.usd.us', 1000, 'USD')) near(r.co2eKg, 84);
  });
  // food.beef_beef_herd.kg.global: 99.48 kg CO2e per kg; 1 lb = 0.45359237 kg
  it('OWID food: 1 lb of beef = 0.45359237 × 99.48 = 45.1233689676', () => {
    for (const r of all('food.beef_beef_herd.kg.global', 1, 'lbs')) near(r.co2eKg, 45.1233689676);
  });
  // electricity.country_grid.kwh.fr: 0.044179085 kg CO2e/kWh (Ember lifecycle)
  it('Ember grid: 1 GJ in France = 277.777…kWh × 0.044179085 = 12.2719680556', () => {
    for (const r of all('electricity.country_grid.kwh.fr', 1, 'GJ'))
      near(r.co2eKg, (1000 / 3.6) * 0.044179085);
  });
  it('hotel nights: 3 nights in France × 6.7 = 20.1', () => {
    for (const r of all('hotel.room_night.fr', 3, 'room nights')) near(r.co2eKg, 20.1);
  });
});

describe('EPA freight and commuting (per gas, passenger and freight distance)', () => {
  // freight.medium_heavy_truck.short_ton_mile.us: 0.186 CO2, 0.0000016 CH4, 0.0000054 N2O per
  // short ton-mile → 0.186 + 0.0000448 + 0.001431 = 0.1874758 kg CO2e (AR5).
  // 1000 tonne-km ÷ 1.45997231821056 = 684.944493485786 short ton-miles × 0.1874758
  it('1000 tonne-km by truck = 128.410516872', () => {
    near(
      calc('freight.medium_heavy_truck.short_ton_mile.us', 1000, 'tonne-km').co2eKg,
      128.41051687184242,
    );
  });
  // travel.bus.passenger_mile.us: 0.066 + 0.0000046×28 + 0.0000019×265 = 0.0666323 per mile
  it('10 km by bus counts as 6.213711922 passenger-miles', () => {
    near(calc('travel.bus.passenger_mile.us', 10, 'km').co2eKg, 0.4140339169251571);
  });
});
