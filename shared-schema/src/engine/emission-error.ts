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
