// Decimal numbers read character by character, without a substring, exactly as Number() reads them:
// shared by the fast `--trace-gc` scanner (trace-fast.ts) and the NVP reader (nvp.ts).

export const SPACE = 32;
export const DOT = 46;
export const ZERO = 48;
export const NINE = 57;

/** Up to 15 digits the mantissa is an exact integer; 10^k is exact up to 22: m / 10^k is then correctly rounded, as Number() is. */
const MAX_EXACT_DIGITS = 15;
const POWERS_OF_TEN = Array.from({ length: 23 }, (_, exponent) => 10 ** exponent);

export function isDigit(code: number): boolean {
  return code >= ZERO && code <= NINE;
}

/**
 * The number written in text[start, end), whose digits the caller has read: `mantissa` is their
 * value as one integer, `digits` how many there are, `scale` how many follow the point. With too
 * many digits to be exact, Number() reads the text itself.
 */
export function decimalValue(text: string, start: number, end: number, mantissa: number, digits: number, scale: number): number {
  if (digits > MAX_EXACT_DIGITS || scale >= POWERS_OF_TEN.length) return Number(text.slice(start, end));
  return scale === 0 ? mantissa : mantissa / POWERS_OF_TEN[scale]!;
}
