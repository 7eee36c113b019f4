/** The engine's one error type: `code` says what was wrong, the message how to fix it. */
export type EmissionErrorCode =
  | 'unknown_factor'
  | 'unknown_unit'
  | 'incompatible_unit'
  | 'invalid_amount'
  | 'no_factor_found'
  | 'invalid_gwp_set';

export class EmissionError extends Error {
  override readonly name = 'EmissionError';
  constructor(
    readonly code: EmissionErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The request field a refusal is about: unit and amount by the error, else `fallback`. Apart from
 * the engine (activity-emission.ts) so a device can name a refusal without loading the engine.
 */
export function refusalField(err: EmissionError, fallback: string): string {
  if (err.code === 'unknown_unit' || err.code === 'incompatible_unit') return 'unit';
  if (err.code === 'invalid_amount') return 'amount';
  return fallback;
}
