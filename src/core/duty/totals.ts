/**
 * Totals are a fold over line results, kept per currency (USD for US duty,
 * CAD for Canadian): amounts of two currencies are never added. Every total
 * is a sum of rounded line amounts, so totals reconcile with the lines to the
 * cent.
 */
import { type Decimal, ZERO, add } from "../money/decimal.js";
import type { LineResult } from "./compute.js";

export interface Bucket {
  lines: number;
  value: Decimal;
  duty: Decimal;
}

export interface MeasureBucket {
  lines: number;
  base: Decimal;
  duty: Decimal;
}

export interface CurrencyTotals {
  lines: number;
  value: Decimal;
  duty: Decimal;
  bySector: Map<string, Bucket>;
  byMeasure: Map<string, MeasureBucket>;
  /** Keyed by YYYY-MM of the line's date. */
  byMonth: Map<string, Bucket>;
}

export type Totals = Map<string, CurrencyTotals>;

export function emptyTotals(): Totals {
  return new Map();
}

function bump(map: Map<string, Bucket>, key: string, value: Decimal, duty: Decimal): void {
  const b = map.get(key);
  if (!b) {
    map.set(key, { lines: 1, value, duty });
    return;
  }
  b.lines += 1;
  b.value = add(b.value, value);
  b.duty = add(b.duty, duty);
}

/** Adds one line to the totals (mutates and returns `totals`, for a streaming fold). */
export function addLine(totals: Totals, r: LineResult): Totals {
  let t = totals.get(r.currency);
  if (!t) {
    t = { lines: 0, value: ZERO, duty: ZERO, bySector: new Map(), byMeasure: new Map(), byMonth: new Map() };
    totals.set(r.currency, t);
  }
  t.lines += 1;
  t.value = add(t.value, r.customsValue);
  t.duty = add(t.duty, r.duty);
  bump(t.bySector, r.shipment.sector, r.customsValue, r.duty);
  bump(t.byMonth, r.shipment.date.slice(0, 7), r.customsValue, r.duty);
  for (const d of r.duties) {
    const b = t.byMeasure.get(d.measure);
    if (!b) t.byMeasure.set(d.measure, { lines: 1, base: d.base, duty: d.amount });
    else {
      b.lines += 1;
      b.base = add(b.base, d.base);
      b.duty = add(b.duty, d.amount);
    }
  }
  return totals;
}

/** Currencies in a stable order (alphabetical), so output never depends on line order. */
export function currencies(totals: Totals): string[] {
  return [...totals.keys()].sort();
}

export function sortedKeys<T>(map: Map<string, T>): string[] {
  return [...map.keys()].sort();
}
