/**
 * EPA Hub Tables 2-5 (mobile combustion): on-road CH4/N2O per vehicle-mile by model year and
 * fuel (Tables 3 and 4), and non-road equipment per gallon, Table 2's CO2 joined with Table 5's
 * CH4/N2O as the base library does.
 */
import { shift } from './decimal.ts';
import { slug, type FactorRow } from './factor-csv.ts';
import { cellDecimal, epaRow, modelYearSegment, tableRow } from './epa-hub-common.ts';
import { num, text, type Sheet } from './xlsx.ts';

const G_TO_KG = 'g->kg';

const GASOLINE_VEHICLES: Record<string, string> = {
  'Gasoline Passenger Cars': 'passenger_car',
  'Gasoline Light-Duty Trucks': 'light_duty_truck',
  'Gasoline Heavy-Duty Vehicles': 'heavy_duty_vehicle',
  'Gasoline Motorcycles': 'motorcycle',
};

const TABLE4_VEHICLES: Record<string, string> = {
  'Passenger Cars': 'passenger_car',
  'Light-Duty Trucks': 'light_duty_truck',
  'Medium- and Heavy-Duty Vehicles': 'medium_heavy_duty_vehicle',
  'Light-Duty Cars': 'light_duty_car',
  'Medium-Duty Trucks': 'medium_duty_truck',
  'Heavy-Duty Trucks': 'heavy_duty_truck',
  Buses: 'bus',
};

/** Table 5 vehicle types (footnote letters stripped) → key segment. */
const NONROAD_VEHICLES: Record<string, string> = {
  'Ships and Boats': 'boat',
  Locomotives: 'locomotive',
  Aircraft: 'aircraft',
  'Agricultural Equipment': 'agricultural',
  'Construction/Mining Equipment': 'construction',
  'Lawn and Garden Equipment': 'lawn_garden',
  'Airport Equipment': 'airport',
  'Industrial/Commercial Equipment': 'industrial_commercial',
  'Logging Equipment': 'logging',
  'Railroad Equipment': 'railroad',
  'Recreational Equipment': 'recreational',
};

/** Table 5 fuel → the Table 2 fuel whose CO2 per gallon applies. */
const NONROAD_CO2_FUEL: Record<string, string> = {
  'Residual Fuel Oil': 'Residual Fuel Oil',
  'Gasoline (2 stroke)': 'Motor Gasoline',
  'Gasoline (4 stroke)': 'Motor Gasoline',
  'Gasoline Off-Road Trucks': 'Motor Gasoline',
  Gasoline: 'Motor Gasoline',
  Diesel: 'Diesel Fuel',
  'Diesel Equipment': 'Diesel Fuel',
  'Diesel Off-Road Trucks': 'Diesel Fuel',
  'Jet Fuel': 'Kerosene-Type Jet Fuel',
  'Aviation Gasoline': 'Aviation Gasoline',
  LPG: 'Liquefied Petroleum Gases (LPG)',
};

function lookup(map: Record<string, string>, name: string, where: string): string {
  const v = map[name];
  if (v === undefined) throw new Error(`${where}: "${name}" not recognised`);
  return v;
}

/** Table 3: gasoline on-road vehicles, CH4/N2O per vehicle-mile by model year. */
export function table3(sheet: Sheet): FactorRow[] {
  const rows: FactorRow[] = [];
  const end = tableRow(sheet, 4);
  let vehicle: string | undefined;
  let vehicleName = '';
  for (let r = tableRow(sheet, 3) + 3; r < end; r++) {
    const label = text(sheet.at(r, 3));
    if (label.startsWith('Source')) break;
    if (GASOLINE_VEHICLES[label] !== undefined) {
      vehicle = GASOLINE_VEHICLES[label];
      vehicleName = label.replace(/^Gasoline /, '').toLowerCase();
    }
    if (typeof sheet.at(r, 5) !== 'number') continue;
    if (!vehicle) throw new Error(`Table 3 row ${r}: value before any vehicle type`);
    const my = modelYearSegment(text(sheet.at(r, 4)));
    rows.push(
      epaRow({
        key: `mobile.gasoline.${vehicle}.${my.segment}.vehicle_mile.us`,
        category: 'transportation',
        activity: `Gasoline ${vehicleName.replace(/s$/, '')}, ${my.label}`,
        fuel_or_mode: 'Motor gasoline',
        unit: 'vehicle_mile',
        ch4_kg: shift(cellDecimal(num(sheet.at(r, 5), `E${r}`)), -3),
        n2o_kg: shift(cellDecimal(num(sheet.at(r, 6), `F${r}`)), -3),
        scope: '1',
        source_table: 'Table 3 Mobile Combustion CH4 and N2O for On-Road Gasoline Vehicles',
        notes:
          `CH4/N2O only (g/vehicle-mile converted ${G_TO_KG}; cells E${r}:F${r}); CO2 comes ` +
          'from fuel burned (mobile.gasoline.gallon.us).',
      }),
    );
  }
  return rows;
}

/** Table 4: diesel by model year, and alternative-fuel vehicles, CH4/N2O per vehicle-mile. */
export function table4(sheet: Sheet): FactorRow[] {
  const rows: FactorRow[] = [];
  const end = tableRow(sheet, 5);
  for (let r = tableRow(sheet, 4) + 3; r < end; r++) {
    const vehicleName = text(sheet.at(r, 3));
    if (vehicleName.startsWith('Source')) break;
    if (typeof sheet.at(r, 6) !== 'number') continue;
    const vehicle = lookup(TABLE4_VEHICLES, vehicleName, `Table 4 row ${r}`);
    const fuel = text(sheet.at(r, 4));
    const year = text(sheet.at(r, 5));
    const my = year === '' ? undefined : modelYearSegment(year);
    const co2From =
      fuel === 'Diesel'
        ? 'from fuel burned (mobile.diesel.gallon.us)'
        : fuel === 'Methanol'
          ? 'from fuel burned (Table 2 lists no methanol CO2 factor)'
          : 'from fuel burned (Table 2 rows mobile.*.gallon.us, mobile.cng.scf.us)';
    rows.push(
      epaRow({
        key: `mobile.${slug(fuel)}.${vehicle}.${my ? `${my.segment}.` : ''}vehicle_mile.us`,
        category: 'transportation',
        activity: `${fuel} ${vehicle.replace(/_/g, ' ')}${my ? `, ${my.label}` : ''}`,
        fuel_or_mode: fuel === 'Diesel' ? 'Diesel fuel' : fuel,
        unit: 'vehicle_mile',
        ch4_kg: shift(cellDecimal(num(sheet.at(r, 6), `F${r}`)), -3),
        n2o_kg: shift(cellDecimal(num(sheet.at(r, 7), `G${r}`)), -3),
        scope: '1',
        source_table:
          'Table 4 Mobile Combustion CH4 and N2O for On-Road Diesel and Alternative Fuel Vehicles',
        notes:
          `CH4/N2O only (g/vehicle-mile converted ${G_TO_KG}; cells F${r}:G${r}); CO2 comes ` +
          `${co2From}.`,
      }),
    );
  }
  return rows;
}

/** Table 2's CO2 per unit by fuel name, with the cell it came from. */
function table2(sheet: Sheet): Map<string, { kg: string; cell: string }> {
  const out = new Map<string, { kg: string; cell: string }>();
  for (let r = tableRow(sheet, 2) + 3; r < tableRow(sheet, 3); r++) {
    const fuel = text(sheet.at(r, 3));
    if (fuel.startsWith('Source')) break;
    if (typeof sheet.at(r, 4) !== 'number') continue;
    out.set(fuel, { kg: cellDecimal(num(sheet.at(r, 4), `D${r}`)), cell: `D${r}` });
  }
  return out;
}

/** Table 5 non-road CH4/N2O per gallon, each joined with Table 2's CO2 for its fuel. */
export function table5(sheet: Sheet): FactorRow[] {
  const co2 = table2(sheet);
  const rows: FactorRow[] = [];
  const end = tableRow(sheet, 6);
  for (let r = tableRow(sheet, 5) + 3; r < end; r++) {
    const rawVehicle = text(sheet.at(r, 3));
    if (rawVehicle.startsWith('Source')) break;
    if (typeof sheet.at(r, 5) !== 'number') continue;
    const vehicleName = rawVehicle.replace(/Equipment[AB]$/, 'Equipment');
    const vehicle = lookup(NONROAD_VEHICLES, vehicleName, `Table 5 row ${r}`);
    const fuel = text(sheet.at(r, 4));
    const co2Fuel = lookup(NONROAD_CO2_FUEL, fuel, `Table 5 row ${r}`);
    const fuelCo2 = co2.get(co2Fuel);
    if (!fuelCo2) throw new Error(`Table 2 has no row "${co2Fuel}"`);
    rows.push(
      epaRow({
        key: `mobile.nonroad.${vehicle}_${slug(fuel.replace(/ stroke/, 'stroke'))}.gallon.us`,
        category: 'transportation',
        activity: `${vehicleName}, ${fuel}`,
        fuel_or_mode: co2Fuel,
        unit: 'gallon',
        co2_kg: fuelCo2.kg,
        ch4_kg: shift(cellDecimal(num(sheet.at(r, 5), `E${r}`)), -3),
        n2o_kg: shift(cellDecimal(num(sheet.at(r, 6), `F${r}`)), -3),
        scope: '1',
        source_table: 'Table 2 (CO2) + Table 5 Mobile Combustion CH4 and N2O for Non-Road Vehicles',
        notes:
          `CO2 from Table 2 (${co2Fuel}, cell ${fuelCo2.cell}); CH4/N2O from Table 5 (cells ` +
          `E${r}:F${r}) in g/gallon converted ${G_TO_KG}. Combination of two tables of the ` +
          'same edition.',
      }),
    );
  }
  return rows;
}
