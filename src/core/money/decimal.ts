/**
 * Exact decimals: `units × 10^-scale`, where `units` is an integer.
 *
 * `units` is a JavaScript number while it is a safe integer (|units| ≤ 2^53 − 1)
 * and a bigint beyond. Integer arithmetic on safe integers is exact, and every
 * operation here checks that its result is still a safe integer, redoing the
 * operation in bigint when it is not; so no amount is ever rounded by binary
 * floating point. The number lane exists for speed: a bigint operation
 * allocates, and a file of a million lines makes tens of millions of them.
 *
 * Values leave these functions canonical (a number whenever the integer fits),
 * so one value has one representation. Inputs may be either (`{ units: 5n }`
 * and `{ units: 5 }` are the same decimal). Nothing outside this file does
 * arithmetic on `units`: use `sign`, `negate`, `isZero`.
 */

export type Units = number | bigint;

export interface Decimal {
  readonly units: Units;
  readonly scale: number;
}

export const ZERO: Decimal = { units: 0, scale: 0 };

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const MIN_SAFE = -MAX_SAFE;
/** 10^0 … 10^15: the powers of ten that are safe integers. */
const POW10: number[] = Array.from({ length: 16 }, (_, i) => 10 ** i);
const POW10N: bigint[] = Array.from({ length: 40 }, (_, i) => 10n ** BigInt(i));

function pow10n(n: number): bigint {
  return POW10N[n] ?? 10n ** BigInt(n);
}

const big = (u: Units): bigint => (typeof u === "bigint" ? u : BigInt(u));

/** The canonical decimal for a bigint result. */
function fromBig(units: bigint, scale: number): Decimal {
  // Number() here is exact: only integers within ±(2^53 − 1) are converted.
  return { units: units >= MIN_SAFE && units <= MAX_SAFE ? Number(units) : units, scale };
}

/** `u × 10^k` as a safe integer, or undefined when it would not be one. */
function scaleUp(u: number, k: number): number | undefined {
  if (k === 0) return u;
  const p = POW10[k];
  if (p === undefined) return u === 0 ? 0 : undefined;
  const r = u * p;
  // Multiplication of safe integers is exact unless the true product leaves the safe range, and then the rounded one does too.
  return Number.isSafeInteger(r) ? r : undefined;
}

const ZERO_CODE = 48;

/**
 * Parses `"1234.5"`, `"-0.25"`, `".5"`, `"+3"`. Returns undefined for anything
 * else (no exponents, no separators, no spaces).
 */
export function parseDecimal(text: string): Decimal | undefined {
  const n = text.length;
  let i = 0;
  let negative = false;
  const first = text.charCodeAt(0);
  if (first === 45 /* - */ || first === 43 /* + */) {
    negative = first === 45;
    i = 1;
  }
  let units = 0;
  let digits = 0;
  let scale = -1; // digits after the point; -1 while no point was seen
  for (; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 46 /* . */) {
      if (scale >= 0) return undefined;
      scale = 0;
      continue;
    }
    const d = c - ZERO_CODE;
    if (d < 0 || d > 9) return undefined;
    units = units * 10 + d;
    digits++;
    if (scale >= 0) scale++;
  }
  if (scale < 0) scale = 0;
 else if (scale === 0) return undefined; // "12." has no fraction digits
  if (digits === 0) return undefined;
  // 15 digits or fewer: the loop above stayed exact. More: read them again as a bigint.
  if (digits > 15) {
    const body = text.slice(negative || first === 43 ? 1 : 0).replace(".", "");
    const u = BigInt(body);
    return fromBig(negative ? -u : u, scale);
  }
  return { units: negative && units !== 0 ? -units : units, scale };
}

export function decimal(text: string): Decimal {
  const d = parseDecimal(text);
  if (!d) throw new Error(`internal: not a decimal: ${JSON.stringify(text)}`);
  return d;
}

/** Both units at the larger scale, as safe integers, or undefined when one would not fit. */
function alignSmall(a: Decimal, b: Decimal): [number, number, number] | undefined {
  if (typeof a.units !== "number" || typeof b.units !== "number") return undefined;
  if (a.scale === b.scale) return [a.units, b.units, a.scale];
  const scale = Math.max(a.scale, b.scale);
  const x = scaleUp(a.units, scale - a.scale);
  const y = scaleUp(b.units, scale - b.scale);
  return x === undefined || y === undefined ? undefined : [x, y, scale];
}

function alignBig(a: Decimal, b: Decimal): [bigint, bigint, number] {
  const scale = Math.max(a.scale, b.scale);
  return [big(a.units) * pow10n(scale - a.scale), big(b.units) * pow10n(scale - b.scale), scale];
}

export function add(a: Decimal, b: Decimal): Decimal {
  // The common case first, without building the aligned pair: totals add amounts of one scale.
  if (a.scale === b.scale && typeof a.units === "number" && typeof b.units === "number") {
    const s = a.units + b.units;
    if (Number.isSafeInteger(s)) return { units: s, scale: a.scale };
  }
  const small = alignSmall(a, b);
  if (small) {
    const s = small[0] + small[1];
    if (Number.isSafeInteger(s)) return { units: s, scale: small[2] };
  }
  const [x, y, scale] = alignBig(a, b);
  return fromBig(x + y, scale);
}

export function sub(a: Decimal, b: Decimal): Decimal {
  if (a.scale === b.scale && typeof a.units === "number" && typeof b.units === "number") {
    const s = a.units - b.units;
    if (Number.isSafeInteger(s)) return { units: s + 0, scale: a.scale };
  }
  const small = alignSmall(a, b);
  if (small) {
    const s = small[0] - small[1];
    if (Number.isSafeInteger(s)) return { units: s + 0, scale: small[2] }; // + 0: never a negative zero
  }
  const [x, y, scale] = alignBig(a, b);
  return fromBig(x - y, scale);
}

export function mul(a: Decimal, b: Decimal): Decimal {
  if (typeof a.units === "number" && typeof b.units === "number") {
    const p = a.units * b.units;
    if (Number.isSafeInteger(p)) return { units: p + 0, scale: a.scale + b.scale };
  }
  return fromBig(big(a.units) * big(b.units), a.scale + b.scale);
}

export function negate(a: Decimal): Decimal {
  return typeof a.units === "number" ? { units: 0 - a.units, scale: a.scale } : fromBig(-a.units, a.scale);
}

export function abs(a: Decimal): Decimal {
  return sign(a) < 0 ? negate(a) : a;
}

export function compare(a: Decimal, b: Decimal): -1 | 0 | 1 {
  if (a.scale === b.scale && typeof a.units === "number" && typeof b.units === "number") return a.units < b.units ? -1 : a.units > b.units ? 1 : 0;
  const small = alignSmall(a, b);
  const [x, y] = small ?? alignBig(a, b);
  return x < y ? -1 : x > y ? 1 : 0;
}

export function sign(a: Decimal): -1 | 0 | 1 {
  return a.units > 0 ? 1 : a.units < 0 ? -1 : 0;
}

export function isZero(a: Decimal): boolean {
  return sign(a) === 0;
}

export function isNegative(a: Decimal): boolean {
  return sign(a) < 0;
}

/**
 * Rounds to `places` decimals, ties away from zero (ROUND_HALF_UP in big.js
 * terms: 0.125 → 0.13, -0.125 → -0.13), the mode customs uses (computation.md B6).
 */
export function roundHalfAwayFromZero(a: Decimal, places: number): Decimal {
  if (typeof a.units === "number") {
    if (a.scale === places) return a; // already there (decimals are never changed in place)
    if (a.scale <= places) {
      const x = scaleUp(a.units, places - a.scale);
      if (x !== undefined) return { units: x, scale: places };
    } else {
      const divisor = POW10[a.scale - places];
      if (divisor !== undefined) {
        const magnitude = Math.abs(a.units);
        // % of two integers is exact in floating point, and so is dividing the multiple that is left.
        const r = magnitude % divisor;
        let q = (magnitude - r) / divisor;
        if (r * 2 >= divisor) q += 1;
        return { units: a.units < 0 && q !== 0 ? -q : q, scale: places };
      }
    }
  }
  const units = big(a.units);
  if (a.scale <= places) return fromBig(units * pow10n(places - a.scale), places);
  const divisor = pow10n(a.scale - places);
  const negative = units < 0n;
  const magnitude = negative ? -units : units;
  let q = magnitude / divisor;
  if ((magnitude % divisor) * 2n >= divisor) q += 1n;
  return fromBig(negative ? -q : q, places);
}

/**
 * `roundHalfAwayFromZero(mul(a, b), places)` in one step: the integer lane
 * of a line's duty (base × rate, rounded to the cent). When both units are
 * numbers, their product is a safe integer and the rounding divides by a
 * power of ten that is one, the result is worked out in integers without the
 * product as a Decimal of its own; anything else (bigint units, a product past
 * 2^53, a scale past 10^15) takes the general path, so the result is the
 * same whichever way it was found (a property test compares the two).
 */
export function mulRounded(a: Decimal, b: Decimal, places: number): Decimal {
  const x = a.units;
  const y = b.units;
  if (typeof x === "number" && typeof y === "number") {
    const p = x * y;
    const scale = a.scale + b.scale;
    if (Number.isSafeInteger(p) && scale >= places) {
      const divisor = POW10[scale - places];
      if (divisor !== undefined) {
        if (divisor === 1) return { units: p + 0, scale: places };
        const magnitude = p < 0 ? -p : p;
        const r = magnitude % divisor;
        let q = (magnitude - r) / divisor;
        if (r * 2 >= divisor) q += 1;
        return { units: p < 0 && q !== 0 ? -q : q, scale: places };
      }
    }
  }
  return roundHalfAwayFromZero(mul(a, b), places);
}

/** Removes trailing zeros of the fraction: `25.50` → `25.5`, `25.00` → `25`. */
export function normalize(a: Decimal): Decimal {
  if (typeof a.units === "number") {
    let { units, scale } = a;
    while (scale > 0 && units % 10 === 0) {
      units /= 10;
      scale -= 1;
    }
    return { units: units + 0, scale };
  }
  let units = a.units;
  let scale = a.scale;
  while (scale > 0 && units % 10n === 0n) {
    units /= 10n;
    scale -= 1;
  }
  return fromBig(units, scale);
}

/** Exact text; with `places`, padded to that many decimals (never rounded: round first). */
export function formatDecimal(a: Decimal, places?: number): string {
  if (typeof a.units === "number") {
    // Every amount of a line is printed: the common case skips the general path below.
    if (places === undefined || places === a.scale) return formatSmall(a.units, a.scale);
    if (places > a.scale) {
      const padded = scaleUp(a.units, places - a.scale);
      if (padded !== undefined) return formatSmall(padded, places);
    }
  }
  let d = a;
  if (places !== undefined && d.scale !== places) {
    if (d.scale > places) d = normalize(d);
    if (d.scale > places) throw new Error(`internal: ${formatDecimal(a)} has more than ${places} decimals`);
    const padded = typeof d.units === "number" ? scaleUp(d.units, places - d.scale) : undefined;
    d = padded !== undefined ? { units: padded, scale: places } : { units: big(d.units) * pow10n(places - d.scale), scale: places };
  }
  const negative = d.units < 0;
  // A safe integer prints as plain digits (String switches to exponents only from 1e21).
  let digits = typeof d.units === "number" ? String(negative ? -d.units : d.units) : (negative ? -d.units : d.units).toString();
  if (d.scale === 0) return negative ? "-" + digits : digits;
  if (digits.length <= d.scale) digits = digits.padStart(d.scale + 1, "0");
  const cut = digits.length - d.scale;
  return (negative ? "-" : "") + digits.slice(0, cut) + "." + digits.slice(cut);
}

/** "00" … "99". */
const PAIRS: string[] = Array.from({ length: 100 }, (_, i) => (i < 10 ? "0" : "") + i);

/**
 * Digits of a non-negative safe integer (amounts, line numbers). Not
 * `String(n)`: V8 keeps the strings it makes from numbers in a cache that
 * outlives them, so a million lines of output would move a string per number
 * into the old generation and grow the heap.
 */
export function digitsOf(n: number): string {
  let text = "";
  while (n >= 100) {
    const r = n % 100;
    n = (n - r) / 100;
    text = PAIRS[r] + text;
  }
  return (n < 10 ? PAIRS[n]!.charAt(1) : PAIRS[n]!) + text;
}

function formatSmall(units: number, scale: number): string {
  const negative = units < 0;
  const magnitude = negative ? -units : units;
  if (scale === 0) return (negative ? "-" : "") + digitsOf(magnitude);
  const p = POW10[scale];
  if (p === undefined) return formatDecimal({ units: BigInt(units), scale });
  const frac = magnitude % p;
  const whole = (magnitude - frac) / p;
  let fracText = scale === 2 ? PAIRS[frac]! : digitsOf(frac);
  while (fracText.length < scale) fracText = "0" + fracText;
  return (negative ? "-" : "") + digitsOf(whole) + "." + fracText;
}

export function equals(a: Decimal, b: Decimal): boolean {
  return compare(a, b) === 0;
}

/**
 * Exact quotient rounded to `places`, ties away from zero. For percentages of
 * change; never for money (money is only multiplied and rounded once).
 */
export function divideRounded(a: Decimal, b: Decimal, places: number): Decimal | undefined {
  if (isZero(b)) return undefined;
  // a / b = (a.units / 10^a.scale) / (b.units / 10^b.scale); scale the numerator to get `places` decimals exactly.
  const shift = places + b.scale - a.scale;
  let num = big(a.units) * (shift >= 0 ? pow10n(shift) : 1n);
  let den = big(b.units) * (shift < 0 ? pow10n(-shift) : 1n);
  if (den < 0n) {
    num = -num;
    den = -den;
  }
  const negative = num < 0n;
  const mag = negative ? -num : num;
  let q = mag / den;
  if ((mag % den) * 2n >= den) q += 1n;
  return fromBig(negative ? -q : q, places);
}
