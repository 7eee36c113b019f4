/** The IPCC assessment reports whose 100-year GWPs a user or organisation may choose. */
export const GWP_SETS = ['AR4', 'AR5', 'AR6'] as const;
export type GwpSet = (typeof GWP_SETS)[number];

/** AR5 is what EPA's 2025 hub and DESNZ 2024 use, so it is the default. */
export const DEFAULT_GWP_SET: GwpSet = 'AR5';
