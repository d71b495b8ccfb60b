/**
 * Amounts and counts written as ASCII digits straight into a byte array, for
 * the streamed outputs (issue #17, item 2: rows written as bytes). The text is
 * exactly `formatDecimal`'s (and `digitsOf`'s); these only skip the string:
 * the digits of the integer units are written from the right, with the point
 * put in where the scale says. Pure: the caller owns the array and its room.
 *
 * Only the common case is done here: units a safe integer (a number), a scale
 * of at most `places`, `places` at most 15. Anything else (bigint units past
 * 2^53, more decimals than `places`) returns -1, and the caller writes
 * `formatDecimal`'s text instead, so there is one definition of the text.
 */
import type { Decimal } from "./decimal.js";

const ZERO = 48;
const MINUS = 45;
const POINT = 46;

/** The most bytes `writeDecimal` can write: a sign, 16 digits, a point and 15 decimals. */
export const MAX_DECIMAL_BYTES = 1 + 16 + 1 + 15;

/** 10^0 … 10^16, exact in a double (10^16 is above every safe integer). */
const POW10: number[] = Array.from({ length: 17 }, (_, i) => 10 ** i);

/** "00" … "99" as ASCII codes, two per number: digits are written two at a time. */
const PAIRS = new Uint8Array(200);
for (let i = 0; i < 100; i++) {
  PAIRS[2 * i] = ZERO + ((i - (i % 10)) / 10);
  PAIRS[2 * i + 1] = ZERO + (i % 10);
}

/** How many decimal digits a non-negative safe integer has (1 for 0). */
function digitCount(n: number): number {
  let count = 1;
  while (count < 16 && n >= POW10[count]!) count++;
  return count;
}

/** `digitCount` for n below 2^31. */
function smallDigitCount(n: number): number {
  if (n < 100000) return n < 100 ? (n < 10 ? 1 : 2) : n < 1000 ? 3 : n < 10000 ? 4 : 5;
  return n < 10000000 ? (n < 1000000 ? 6 : 7) : n < 100000000 ? 8 : n < 1000000000 ? 9 : 10;
}

/**
 * Writes the last `count` digits of `n` (a non-negative safe integer), with
 * leading zeros when it has fewer, so that they end just before `end`.
 */
function fillDigits(out: Uint8Array, end: number, n: number, count: number): void {
  let i = end;
  while (count >= 2) {
    let r: number;
    // Below 2^31 the quotient is a small integer (truncating the rounded quotient is exact there);
    // above, the remainder first, so that the division is of a multiple of 100 (exact in a double).
    if (n < 2147483648) {
      const q = (n / 100) | 0;
      r = n - q * 100;
      n = q;
    } else {
      r = n % 100;
      n = (n - r) / 100;
    }
    out[--i] = PAIRS[2 * r + 1]!;
    out[--i] = PAIRS[2 * r]!;
    count -= 2;
  }
  if (count === 1) out[--i] = ZERO + (n % 10);
}

/**
 * Writes the digits of `n`, a non-negative safe integer, at `at` in `out`
 * (the text of `digitsOf(n)`); returns the position after them.
 */
export function writeDigits(out: Uint8Array, at: number, n: number): number {
  const count = digitCount(n);
  fillDigits(out, at + count, n, count);
  return at + count;
}

/**
 * Writes `formatDecimal(d, places)` at `at` in `out` and returns the position
 * after it; or returns -1, having written nothing, when `d` is not the common
 * case (see the module's comment). `out` needs `MAX_DECIMAL_BYTES` of room.
 *
 * 1234.5 at places 2: units 12345, scale 1: whole 1234, fraction 5 (one
 * digit) → `1234.5`, then a `0` for the place the scale lacks → `1234.50`;
 * units -5, scale 2 → `-0.05`.
 */
export function writeDecimal(out: Uint8Array, at: number, d: Decimal, places: number): number {
  const units = d.units;
  const scale = d.scale;
  if (typeof units !== "number" || scale > places || places > 15) return -1;
  let magnitude = units;
  if (units < 0) {
    out[at++] = MINUS;
    magnitude = -units;
  }
  // The common amounts (cents or whole units below 2^31) in small-integer arithmetic.
  if (magnitude < 2147483648 && (scale === 2 || scale === 0)) {
    let whole = magnitude;
    let cents = -1;
    if (scale === 2) {
      whole = (magnitude / 100) | 0;
      cents = magnitude - whole * 100;
    }
    const count = smallDigitCount(whole);
    fillDigits(out, at + count, whole, count);
    at += count;
    if (places > 0) out[at++] = POINT;
    if (cents >= 0) {
      out[at++] = PAIRS[2 * cents]!;
      out[at++] = PAIRS[2 * cents + 1]!;
    }
    for (let k = scale; k < places; k++) out[at++] = ZERO;
    return at;
  }
  const count = digitCount(magnitude);
  if (scale === 0) {
    fillDigits(out, at + count, magnitude, count);
    at += count;
    if (places > 0) out[at++] = POINT;
  } else {
    const p = POW10[scale]!;
    const frac = magnitude % p;
    const wholeDigits = count > scale ? count - scale : 1;
    const end = at + wholeDigits + 1 + scale;
    fillDigits(out, end, frac, scale);
    out[end - scale - 1] = POINT;
    fillDigits(out, at + wholeDigits, (magnitude - frac) / p, wholeDigits);
    at = end;
  }
  for (let k = scale; k < places; k++) out[at++] = ZERO;
  return at;
}
