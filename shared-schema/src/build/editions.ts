/**
 * The edition (year) of each source publication. The CSVs carry no year column, so the year comes
 * from the source named on the row: every source must be listed here, or the build refuses it.
 * The year is the one the publication's own title gives its edition.
 */
export interface EditionRule {
  readonly sourcePrefix: string;
  readonly year: number;
  readonly why: string;
}

export const EDITION_RULES: readonly EditionRule[] = [
  {
    sourcePrefix: 'US EPA, GHG Emission Factors Hub 2025',
    year: 2025,
    why: 'EPA GHG Emission Factors Hub, 2025 edition',
  },
  {
    sourcePrefix: 'UK DESNZ/Defra, GHG Conversion Factors for Company Reporting 2024',
    year: 2024,
    why: 'DESNZ/Defra conversion factors 2024',
  },
  {
    sourcePrefix:
      'US EPA, Supply Chain GHG Emission Factors for US Industries and Commodities v1.3',
    year: 2022,
    why: 'USEEIO v1.3.0 factors are per 2022 USD (file name ..._USD2022); the dollar year is their edition',
  },
  {
    sourcePrefix: 'Ember Yearly Electricity Data & Energy Institute Statistical Review',
    year: 2025,
    why: 'Ember/OWID 2025 release (data years 2023-2024, named in each row)',
  },
  {
    sourcePrefix: 'Poore & Nemecek (2018)',
    year: 2018,
    why: 'Poore & Nemecek, Science 2018 (reference year 2010)',
  },
];

export function editionYear(source: string): number | undefined {
  return EDITION_RULES.find((r) => source.startsWith(r.sourcePrefix))?.year;
}
