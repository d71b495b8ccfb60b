/**
 * Rates are exact decimal percentages written as strings: `"25%"`, `"7.5%"`,
 * `"35.19%"`. A Rate keeps the percentage (25, not 0.25) so that it prints back
 * exactly as written.
 */
import { type Decimal, compare, formatDecimal, isZero, mul, normalize, parseDecimal } from "./decimal.js";

const HUNDRED: Decimal = { units: 100, scale: 0 };

export interface Rate {
  readonly percent: Decimal;
}

export const RATE_PATTERN = /^\d+(\.\d+)?%$/;

export function parseRate(text: string): Rate | undefined {
  if (!RATE_PATTERN.test(text)) return undefined;
  const percent = parseDecimal(text.slice(0, -1));
  return percent ? { percent } : undefined;
}

export function rate(text: string): Rate {
  const r = parseRate(text);
  if (!r) throw new Error(`internal: not a rate: ${JSON.stringify(text)}`);
  return r;
}

/** Rates are shared by every line a measure charges, so their text is made once. */
const texts = new WeakMap<Rate, string>();

export function formatRate(r: Rate): string {
  let text = texts.get(r);
  if (text === undefined) {
    text = formatDecimal(normalize(r.percent)) + "%";
    texts.set(r, text);
  }
  return text;
}

export function rateIsZero(r: Rate): boolean {
  return isZero(r.percent);
}

export function compareRates(a: Rate, b: Rate): -1 | 0 | 1 {
  return compare(a.percent, b.percent);
}

/** A plain fraction as a percentage, exactly (0.85 → "85%"): how shares are written. */
export function formatFraction(fraction: Decimal): string {
  return formatDecimal(normalize(mul(fraction, HUNDRED))) + "%";
}

/** A rate as a plain fraction (25% → 0.25), for multiplying. */
export function rateFraction(r: Rate): Decimal {
  return { units: r.percent.units, scale: r.percent.scale + 2 };
}
