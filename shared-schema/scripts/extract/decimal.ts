/**
 * Exact decimal text for factor values. Source numbers are copied as their shortest round-trip
 * text; unit conversions by powers of ten (g→kg, t→kg) move the decimal point in the text, and
 * other exact conversions multiply decimals with BigInt, so no binary rounding slips into a factor.
 */

/** A number as plain decimal text (never exponent notation), shortest round-trip digits. */
export function plain(n: number): string {
  if (!Number.isFinite(n)) throw new Error(`not a finite number: ${n}`);
  return normalize(String(n));
}

/** Rounds to `sf` significant figures and prints as plain decimal without trailing zeros. */
export function significant(n: number, sf: number): string {
  if (n === 0) return '0';
  return normalize(n.toPrecision(sf));
}

/** Multiplies a decimal text by 10^places exactly (places may be negative). */
export function shift(text: string, places: number): string {
  const { digits, exponent, negative } = parse(text);
  return format(digits, exponent + places, negative);
}

/** Exact product of two decimal texts. */
export function multiply(a: string, b: string): string {
  const x = parse(a);
  const y = parse(b);
  const digits = (BigInt(x.digits) * BigInt(y.digits)).toString();
  return format(digits, x.exponent + y.exponent, x.negative !== y.negative);
}

/** Accepts plain or exponent text and returns canonical plain decimal text. */
export function normalize(text: string): string {
  const { digits, exponent, negative } = parse(text);
  return format(digits, exponent, negative);
}

interface Decimal {
  /** Integer digits without sign or point. */
  readonly digits: string;
  /** Value = digits × 10^exponent. */
  readonly exponent: number;
  readonly negative: boolean;
}

function parse(text: string): Decimal {
  const m = /^(-)?(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text.trim());
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) throw new Error(`not a decimal: "${text}"`);
  const intPart = m[2] ?? '';
  const fracPart = m[3] ?? '';
  const exp = m[4] === undefined ? 0 : Number(m[4]);
  return {
    digits: intPart + fracPart || '0',
    exponent: exp - fracPart.length,
    negative: m[1] === '-',
  };
}

function format(rawDigits: string, exponent: number, negative: boolean): string {
  let digits = rawDigits.replace(/^0+/, '');
  if (digits === '') return '0';
  let exp = exponent;
  // Trailing zeros in the digit string only raise the exponent.
  while (digits.endsWith('0')) {
    digits = digits.slice(0, -1);
    exp += 1;
  }
  let out: string;
  if (exp >= 0) {
    out = digits + '0'.repeat(exp);
  } else {
    const pointAt = digits.length + exp;
    out =
      pointAt > 0
        ? `${digits.slice(0, pointAt)}.${digits.slice(pointAt)}`
        : `0.${'0'.repeat(-pointAt)}${digits}`;
  }
  return negative ? `-${out}` : out;
}
