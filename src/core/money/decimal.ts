/**
 * Exact decimals as a scaled bigint: `units × 10^-scale`. The only way money and
 * rates enter the program; nothing here ever touches a JavaScript `number`
 * beyond the scale, a small integer.
 */

export interface Decimal {
  readonly units: bigint;
  readonly scale: number;
}

const DECIMAL = /^([+-]?)(\d+)(?:\.(\d+))?$/;
const DECIMAL_LEADING_DOT = /^([+-]?)()\.(\d+)$/;

/** Parses `"1234.5"`, `"-0.25"`, `".5"`. Returns undefined for anything else (no exponents, no separators). */
export function parseDecimal(text: string): Decimal | undefined {
  const m = DECIMAL.exec(text) ?? DECIMAL_LEADING_DOT.exec(text);
  if (!m) return undefined;
  const [, sign, whole, frac = ""] = m;
  const units = BigInt((whole || "0") + frac);
  return { units: sign === "-" ? -units : units, scale: frac.length };
}

export function decimal(text: string): Decimal {
  const d = parseDecimal(text);
  if (!d) throw new Error(`internal: not a decimal: ${JSON.stringify(text)}`);
  return d;
}

export const ZERO: Decimal = { units: 0n, scale: 0 };

const POW10: bigint[] = Array.from({ length: 40 }, (_, i) => 10n ** BigInt(i));

function pow10(n: number): bigint {
  return POW10[n] ?? 10n ** BigInt(n);
}

function align(a: Decimal, b: Decimal): [bigint, bigint, number] {
  const scale = Math.max(a.scale, b.scale);
  return [a.units * pow10(scale - a.scale), b.units * pow10(scale - b.scale), scale];
}

export function add(a: Decimal, b: Decimal): Decimal {
  const [x, y, scale] = align(a, b);
  return { units: x + y, scale };
}

export function sub(a: Decimal, b: Decimal): Decimal {
  const [x, y, scale] = align(a, b);
  return { units: x - y, scale };
}

export function mul(a: Decimal, b: Decimal): Decimal {
  return { units: a.units * b.units, scale: a.scale + b.scale };
}

export function compare(a: Decimal, b: Decimal): -1 | 0 | 1 {
  const [x, y] = align(a, b);
  return x < y ? -1 : x > y ? 1 : 0;
}

export function isZero(a: Decimal): boolean {
  return a.units === 0n;
}

export function isNegative(a: Decimal): boolean {
  return a.units < 0n;
}

/**
 * Rounds to `places` decimals, ties away from zero (ROUND_HALF_UP in big.js
 * terms: 0.125 → 0.13, -0.125 → -0.13), the mode customs uses (computation.md B6).
 */
export function roundHalfAwayFromZero(a: Decimal, places: number): Decimal {
  if (a.scale <= places) return { units: a.units * pow10(places - a.scale), scale: places };
  const divisor = pow10(a.scale - places);
  const negative = a.units < 0n;
  const magnitude = negative ? -a.units : a.units;
  let q = magnitude / divisor;
  const r = magnitude % divisor;
  if (r * 2n >= divisor) q += 1n;
  return { units: negative ? -q : q, scale: places };
}

/** Removes trailing zeros of the fraction: `25.50` → `25.5`, `25.00` → `25`. */
export function normalize(a: Decimal): Decimal {
  let { units, scale } = a;
  while (scale > 0 && units % 10n === 0n) {
    units /= 10n;
    scale -= 1;
  }
  return { units, scale };
}

/** Exact text; with `places`, padded (never rounded: round first). */
export function formatDecimal(a: Decimal, places?: number): string {
  let d = a;
  if (places !== undefined) {
    if (d.scale > places) d = normalize(d);
    if (d.scale > places) throw new Error(`internal: ${formatDecimal(a)} has more than ${places} decimals`);
    d = { units: d.units * pow10(places - d.scale), scale: places };
  }
  const negative = d.units < 0n;
  const digits = (negative ? -d.units : d.units).toString().padStart(d.scale + 1, "0");
  const whole = digits.slice(0, digits.length - d.scale);
  const frac = digits.slice(digits.length - d.scale);
  return (negative ? "-" : "") + whole + (d.scale > 0 ? "." + frac : "");
}

export function equals(a: Decimal, b: Decimal): boolean {
  return compare(a, b) === 0;
}

/**
 * Exact quotient rounded to `places`, ties away from zero. For percentages of
 * change; never for money (money is only multiplied and rounded once).
 */
export function divideRounded(a: Decimal, b: Decimal, places: number): Decimal | undefined {
  if (b.units === 0n) return undefined;
  // a / b = (a.units / 10^a.scale) / (b.units / 10^b.scale); scale numerator to get `places` + 1 guard digits exactly.
  const shift = places + b.scale - a.scale;
  let num = a.units * (shift >= 0 ? 10n ** BigInt(shift) : 1n);
  let den = b.units * (shift < 0 ? 10n ** BigInt(-shift) : 1n);
  if (den < 0n) {
    num = -num;
    den = -den;
  }
  const negative = num < 0n;
  const mag = negative ? -num : num;
  let q = mag / den;
  if ((mag % den) * 2n >= den) q += 1n;
  return { units: negative ? -q : q, scale: places };
}
