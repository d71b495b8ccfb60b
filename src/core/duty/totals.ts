/**
 * Totals are a fold over line results, kept per currency (USD for US duty,
 * CAD for Canadian): amounts of two currencies are never added. Every total
 * is a sum of rounded line amounts, so totals reconcile with the lines to the
 * cent.
 */
import { type Decimal, negate, sub } from "../money/decimal.js";
import { Sum } from "../money/sum.js";
import { getOrCreate } from "../maps.js";
import type { LineResult } from "./compute.js";

/** A count of lines and two running sums over them. */
class Tally {
  lines = 0;
  protected readonly first = new Sum();
  protected readonly second = new Sum();

  /** `lines` −1 takes a line away (its amounts negated). */
  add(first: Decimal, second: Decimal, lines = 1): void {
    this.lines += lines;
    this.first.add(first);
    this.second.add(second);
  }

  /** Adds the lines of another tally of the same kind (takes them away with `negative`). */
  merge(other: Tally, negative = false): void {
    this.lines += negative ? -other.lines : other.lines;
    this.first.add(negative ? negate(other.first.value) : other.first.value);
    this.second.add(negative ? negate(other.second.value) : other.second.value);
  }
}

/** Lines, customs value and duty of a group of lines (a currency, sector or month). */
export class Bucket extends Tally {
  /** A change of duty on lines already counted (the same lines, charged differently). */
  addDuty(change: Decimal): void {
    this.second.add(change);
  }

  get value(): Decimal {
    return this.first.value;
  }

  get duty(): Decimal {
    return this.second.value;
  }
}

/** Lines one measure charged, the bases it charged and its duty. */
export class MeasureBucket extends Tally {
  get base(): Decimal {
    return this.first.value;
  }

  get duty(): Decimal {
    return this.second.value;
  }
}

export class CurrencyTotals extends Bucket {
  readonly bySector = new Map<string, Bucket>();
  readonly byMeasure = new Map<string, MeasureBucket>();
  /**
   * Keyed by the line's date: the date is a key already looked up for the
   * line (cheaper than cutting YYYY-MM out of every line); months are summed
   * from it when asked.
   */
  readonly byDate = new Map<string, Bucket>();
  /** The buckets of `byDate` by the date's day number (`Shipment.day`): found without hashing the line's date text. */
  private readonly byDay = new Map<number, Bucket>();
  /** Months already summed out of `byDate`, which is folded in here when it holds many dates (bounded memory). */
  private readonly folded = new Map<string, Bucket>();

  /** Keyed by YYYY-MM of the line's date. */
  get byMonth(): Map<string, Bucket> {
    const months = new Map<string, Bucket>();
    for (const [month, b] of this.folded) getOrCreate(months, month, newBucket).merge(b);
    for (const [date, b] of this.byDate) getOrCreate(months, date.slice(0, 7), newBucket).merge(b);
    return months;
  }

  foldDates(): void {
    for (const [date, b] of this.byDate) getOrCreate(this.folded, date.slice(0, 7), newBucket).merge(b);
    this.byDate.clear();
    this.byDay.clear();
  }

  /** The bucket of a line's date in `byDate`, made if new; `day`: its day number, when known (else -1). */
  dateBucket(date: string, day: number): Bucket {
    if (!(day >= 0)) return getOrCreate(this.byDate, date, newBucket);
    let b = this.byDay.get(day);
    if (b === undefined) {
      b = getOrCreate(this.byDate, date, newBucket);
      this.byDay.set(day, b);
    }
    return b;
  }

  /** Adds (or with `negative` takes away) every line of other totals of this currency. */
  absorb(other: CurrencyTotals, negative: boolean): void {
    this.merge(other, negative);
    for (const [k, b] of other.bySector) getOrCreate(this.bySector, k, newBucket).merge(b, negative);
    for (const [k, b] of other.byMeasure) getOrCreate(this.byMeasure, k, newMeasureBucket).merge(b, negative);
    for (const [k, b] of other.byMonth) getOrCreate(this.folded, k, newBucket).merge(b, negative);
  }

  /** Drops the groups left without a line. */
  prune(): void {
    for (const m of [this.bySector, this.byMeasure, this.folded] as Map<string, { lines: number }>[]) for (const [k, b] of m) if (b.lines === 0) m.delete(k);
  }
}

export type Totals = Map<string, CurrencyTotals>;

export function emptyTotals(): Totals {
  return new Map();
}

const newBucket = () => new Bucket();
const MAX_DATES = 4096;
const newMeasureBucket = () => new MeasureBucket();
const newCurrencyTotals = () => new CurrencyTotals();

/** Adds one line to the totals (mutates and returns `totals`, for a streaming fold). */
export function addLine(totals: Totals, r: LineResult): Totals {
  countLine(totals, r, 1);
  return totals;
}

/** Adds a line (`lines` 1) or takes it away (−1, for differences: see addChange). */
function countLine(totals: Totals, r: LineResult, lines: 1 | -1): void {
  const t = getOrCreate(totals, r.dutyCurrency, newCurrencyTotals);
  const value = lines > 0 ? r.customsValue : negate(r.customsValue);
  const duty = lines > 0 ? r.duty : negate(r.duty);
  t.add(value, duty, lines);
  getOrCreate(t.bySector, r.shipment.sector, newBucket).add(value, duty, lines);
  t.dateBucket(r.shipment.date, r.shipment.day).add(value, duty, lines);
  if (t.byDate.size > MAX_DATES) t.foldDates();
  for (const d of r.duties) getOrCreate(t.byMeasure, d.measure, newMeasureBucket).add(lines > 0 ? d.base : negate(d.base), lines > 0 ? d.amount : negate(d.amount), lines);
}

/**
 * Records that a line counted in other totals as `before` is `after` here:
 * added to `change`, which holds only such differences (see combineTotals).
 * The common case, the same shipment in the same currency charged differently,
 * changes only duties, so it touches each group once.
 */
export function addChange(change: Totals, before: LineResult, after: LineResult): void {
  if (before.shipment !== after.shipment || before.dutyCurrency !== after.dutyCurrency) {
    countLine(change, after, 1);
    countLine(change, before, -1);
    return;
  }
  const t = getOrCreate(change, after.dutyCurrency, newCurrencyTotals);
  const duty = sub(after.duty, before.duty);
  t.addDuty(duty);
  getOrCreate(t.bySector, after.shipment.sector, newBucket).addDuty(duty);
  t.dateBucket(after.shipment.date, after.shipment.day).addDuty(duty);
  if (t.byDate.size > MAX_DATES) t.foldDates();
  for (const d of after.duties) getOrCreate(t.byMeasure, d.measure, newMeasureBucket).add(d.base, d.amount);
  for (const d of before.duties) getOrCreate(t.byMeasure, d.measure, newMeasureBucket).add(negate(d.base), negate(d.amount), -1);
}

/**
 * `base + change`, group by group: the totals of a scenario from the base's
 * totals and the differences on the lines it charges differently (addChange).
 * Exact (sums of the same rounded amounts); groups left with no line are
 * dropped.
 */
export function combineTotals(base: Totals, change: Totals): Totals {
  const out = emptyTotals();
  for (const from of [base, change]) {
    for (const [c, t] of from) getOrCreate(out, c, newCurrencyTotals).absorb(t, false);
  }
  for (const [c, t] of out) {
    if (t.lines === 0) out.delete(c);
    else t.prune();
  }
  return out;
}

/** Currencies in a stable order (alphabetical), so output never depends on line order. */
export function currencies(totals: Totals): string[] {
  return [...totals.keys()].sort();
}

export function sortedKeys<T>(map: Map<string, T>): string[] {
  return [...map.keys()].sort();
}
