/**
 * Lines folded into customs entries: per entry, its lines, value, duty and
 * fees. A fee's minimum and maximum are per entry (19 CFR 24.23(b)(1); CATAIR:
 * the line fees are summed, then the entry's minimum or maximum applies), so
 * they are applied here, to an entry's sum, and never to a line.
 *
 * An entry is the importer and the line's `entry` number (as `entryKey` reads it: ABC-1234567-8 and abc12345678 are one). Lines that name no
 * entry are kept together as one group per importer with no entry: their
 * fees are summed and no minimum or maximum is applied to them (which entry
 * they belong to is not known; the run counts them so the shell can say so).
 *
 * Memory is a few numbers per entry (not per line), in columns.
 */
import { type Decimal, ZERO, add, compare } from "../money/decimal.js";
import { Sum } from "../money/sum.js";
import { getOrCreate } from "../maps.js";
import type { ImporterCode } from "../schedule/model.js";
import type { LineFee, LineResult } from "./compute.js";
import { entryKey } from "./shipment.js";

/** A fee or tax of one entry. */
export interface EntryFee {
  fee: string;
  kind: "fee" | "tax";
  heading: string | null;
  lines: number;
  base: Decimal;
  /** The sum of the lines' amounts, rounded per line. */
  lineAmount: Decimal;
  /** What the entry owes: `lineAmount` raised to the minimum or cut to the maximum (a fee of an entry), else `lineAmount`. */
  amount: Decimal;
  /** The fee's minimum and maximum on the entry's date (its earliest line charged the fee); null when none. */
  minimum: Decimal | null;
  maximum: Decimal | null;
  /** Which of them applied, if one did. */
  bound: "minimum" | "maximum" | null;
}

export interface EntryResult {
  /** The entry number; null for the lines that name none (no minimum or maximum applied to their fees). */
  entry: string | null;
  importer: ImporterCode;
  currency: string;
  /** The earliest date of its lines. */
  date: string;
  /** Whether its lines have more than one date. */
  dates: number;
  lines: number;
  value: Decimal;
  duty: Decimal;
  /** By fee id. */
  fees: EntryFee[];
  /** The sum of `fees`' amounts. */
  feeTotal: Decimal;
}

/**
 * Cents of a rounded amount as a safe integer, or undefined when it is not
 * one: entries are many in a big file, so their sums are kept as plain
 * numbers of cents (no object per sum), exact; an amount that is not a safe
 * number of cents is added to a decimal beside them.
 */
function centsOf(d: Decimal): number | undefined {
  const u = d.units;
  if (typeof u !== "number") return undefined;
  const c = d.scale === 2 ? u : d.scale === 0 ? u * 100 : d.scale === 1 ? u * 10 : undefined;
  return c !== undefined && Number.isSafeInteger(c) ? c : undefined;
}

/** cents + rest, exactly. */
function total(cents: number, rest: Decimal | null): Decimal {
  const c: Decimal = { units: cents, scale: 2 };
  return rest === null ? c : add(c, rest);
}

/**
 * A growable column of numbers, one per entry: typed, so the collector never
 * scans it and a sum that leaves the small-integer range makes no number
 * object on every line. Sums of cents stay exact below 2^53 (checked by the
 * caller, as before; past it the amount goes to a decimal beside).
 */
class Column {
  data = new Float64Array(1024);

  /** Room for `n` entries (new ones read 0). */
  ensure(n: number): void {
    if (n <= this.data.length) return;
    let size = this.data.length * 2;
    while (size < n) size *= 2;
    const grown = new Float64Array(size);
    grown.set(this.data);
    this.data = grown;
  }
}

/** Adds a rounded amount to entry `i`'s sum: in cents while exact as a safe integer, else into a decimal beside (rare). */
function addTo(cents: Column, rests: Map<number, Decimal>, i: number, d: Decimal): void {
  const c = centsOf(d);
  const sum = c === undefined ? undefined : cents.data[i]! + c;
  if (sum !== undefined && Number.isSafeInteger(sum)) cents.data[i] = sum;
  else rests.set(i, add(rests.get(i) ?? ZERO, d));
}

/** One fee's sums, for every entry (by the entry's index); an entry the fee never reached has no charge. */
class FeeColumns {
  readonly lines = new Column();
  readonly baseCents = new Column();
  readonly baseRest = new Map<number, Decimal>();
  readonly amountCents = new Column();
  readonly amountRest = new Map<number, Decimal>();
  /** The charge of the entry's earliest line charged the fee: its minimum and maximum are the entry's. Kept as long as the entries. */
  readonly charge: (LineFee["charge"] | undefined)[];
  /** That line's date. */
  readonly boundDate: (string | undefined)[];

  constructor(readonly fee: string, entries: number) {
    this.charge = Array.from({ length: entries }, () => undefined);
    this.boundDate = Array.from({ length: entries }, () => undefined);
    this.ensure(entries);
  }

  ensure(n: number): void {
    this.lines.ensure(n);
    this.baseCents.ensure(n);
    this.amountCents.ensure(n);
  }
}

/** Bound of the distinct dates remembered per entry (a count is all that is shown). */
const MAX_ENTRY_DATES = 32;

/**
 * `full`: each entry's lines, value, duty and dates too (`--by entry`); else
 * only what fees need (lines without a fee are not looked at), which is what
 * the fees' minimum and maximum per entry cost a run that shows no entries.
 *
 * Entries are kept as columns (an entry is an index into them), not as an
 * object each: a file can have hundreds of thousands, and objects with
 * their sums cost about twice the memory and the collector's time
 * (measured: 1M lines in 200,000 entries).
 */
export class EntryBook {
  constructor(private readonly full = true) {}

  /** By importer, then entry number ("" for the lines that name none): the entry's index. */
  private readonly byImporter = new Map<ImporterCode, Map<string, number>>();
  // The entries' columns, in the order each entry's first line came.
  private readonly number: (string | null)[] = [];
  /** The entry's key (`entryKey`: the number without dashes or spaces, upper case); "" for no entry. */
  private readonly key: string[] = [];
  private readonly importer: ImporterCode[] = [];
  private readonly currency: string[] = [];
  /** The first line's date, and the earliest. */
  private readonly first: string[] = [];
  private readonly date: string[] = [];
  private readonly lines = new Column();
  private readonly valueCents = new Column();
  private readonly valueRest = new Map<number, Decimal>();
  private readonly dutyCents = new Column();
  private readonly dutyRest = new Map<number, Decimal>();
  /** Dates other than the first, for entries whose lines have more than one. */
  private readonly otherDates = new Map<number, string[]>();
  /** One set of columns per fee met (a handful). */
  private readonly feeColumns: FeeColumns[] = [];
  /** The entry of the previous line: lines of one entry tend to come together. */
  private last = -1;
  /** Lines that name no entry but were charged a fee with a minimum or maximum (not applied to them). */
  unentered = 0;

  add(r: LineResult): void {
    if (!this.full && r.fees.length === 0) return;
    const s = r.shipment;
    const number = s.entry === null ? "" : entryKey(s.entry);
    let i = this.last;
    if (i < 0 || this.importer[i] !== s.importer || this.key[i] !== number) {
      const entries = getOrCreate(this.byImporter, s.importer, () => new Map<string, number>());
      const known = entries.get(number);
      i = known ?? this.open(s.entry, number, s.importer, r.dutyCurrency, s.date);
      if (known === undefined) entries.set(number, i);
      this.last = i;
    }
    if (this.full) this.addLine(i, r);
    let bounded = false;
    for (const f of r.fees) {
      const c = this.columnsOf(f.charge.fee);
      const since = c.boundDate[i];
      if (since === undefined || s.date < since) {
        c.charge[i] = f.charge;
        c.boundDate[i] = s.date;
      }
      c.lines.data[i]!++;
      addTo(c.baseCents, c.baseRest, i, f.base);
      addTo(c.amountCents, c.amountRest, i, f.amount);
      if (minimumOf(f.charge) !== null || maximumOf(f.charge) !== null) bounded = true;
    }
    if (bounded && s.entry === null) this.unentered++;
  }

  /** A new entry: its index. */
  private open(entry: string | null, key: string, importer: ImporterCode, currency: string, date: string): number {
    const i = this.number.length;
    this.number.push(entry);
    this.key.push(key);
    this.importer.push(importer);
    this.currency.push(currency);
    this.first.push(date);
    this.date.push(date);
    const n = i + 1;
    this.lines.ensure(n);
    this.valueCents.ensure(n);
    this.dutyCents.ensure(n);
    for (const c of this.feeColumns) {
      c.ensure(n);
      c.charge.push(undefined);
      c.boundDate.push(undefined);
    }
    return i;
  }

  private columnsOf(fee: string): FeeColumns {
    for (const c of this.feeColumns) if (c.fee === fee) return c;
    const c = new FeeColumns(fee, this.number.length);
    this.feeColumns.push(c);
    return c;
  }

  private addLine(i: number, r: LineResult): void {
    this.lines.data[i]!++;
    addTo(this.valueCents, this.valueRest, i, r.customsValue);
    addTo(this.dutyCents, this.dutyRest, i, r.duty);
    const date = r.shipment.date;
    if (date === this.first[i]) return;
    if (date < this.date[i]!) this.date[i] = date;
    let others = this.otherDates.get(i);
    if (others === undefined) this.otherDates.set(i, (others = []));
    if (others.length < MAX_ENTRY_DATES && !others.includes(date)) others.push(date);
  }

  /** How many entries there are. */
  get count(): number {
    return this.number.length;
  }

  /**
   * Every entry, in the order its first line came, made one at a time as it
   * is read (a big file has many: they are written out, not held twice).
   */
  *results(): Generator<EntryResult> {
    const byFee = [...this.feeColumns].sort((a, b) => (a.fee < b.fee ? -1 : a.fee > b.fee ? 1 : 0));
    for (let i = 0; i < this.number.length; i++) {
      const entry = this.number[i]!;
      const fees: EntryFee[] = [];
      for (const c of byFee) if (c.charge[i] !== undefined) fees.push(entryFee(c, i, entry !== null));
      let feeTotal: Decimal = ZERO;
      for (const f of fees) feeTotal = add(feeTotal, f.amount);
      yield {
        entry,
        importer: this.importer[i]!,
        currency: this.currency[i]!,
        date: this.date[i]!,
        dates: 1 + (this.otherDates.get(i)?.length ?? 0),
        lines: this.lines.data[i]!,
        value: total(this.valueCents.data[i]!, this.valueRest.get(i) ?? null),
        duty: total(this.dutyCents.data[i]!, this.dutyRest.get(i) ?? null),
        fees,
        feeTotal,
      };
    }
  }
}

const minimumOf = (c: LineFee["charge"]): Decimal | null => (c.kind === "fee" ? c.minimum : null);
const maximumOf = (c: LineFee["charge"]): Decimal | null => (c.kind === "fee" ? c.maximum : null);

/** Entry `i`'s fee: its lines' sum, then (for an entry, not the lines without one) raised to the minimum or cut to the maximum. */
function entryFee(c: FeeColumns, i: number, bounded: boolean): EntryFee {
  const charge = c.charge[i]!;
  // The lines that name no entry are no entry: no minimum or maximum applies to them, so none is shown.
  const minimum = bounded ? minimumOf(charge) : null;
  const maximum = bounded ? maximumOf(charge) : null;
  const lineAmount = total(c.amountCents.data[i]!, c.amountRest.get(i) ?? null);
  let amount = lineAmount;
  let bound: EntryFee["bound"] = null;
  if (bounded && minimum !== null && compare(lineAmount, minimum) < 0) {
    amount = minimum;
    bound = "minimum";
  } else if (bounded && maximum !== null && compare(lineAmount, maximum) > 0) {
    amount = maximum;
    bound = "maximum";
  }
  return { fee: charge.fee, kind: charge.kind, heading: charge.heading, lines: c.lines.data[i]!, base: total(c.baseCents.data[i]!, c.baseRest.get(i) ?? null), lineAmount, amount, minimum, maximum, bound };
}

/** A fee or tax over all entries of one currency. */
export interface FeeTotal {
  fee: string;
  kind: "fee" | "tax";
  heading: string | null;
  entries: number;
  lines: number;
  base: Decimal;
  /** The sum of the lines' amounts, before entries' minimums and maximums. */
  lineAmount: Decimal;
  /** The sum of the entries' amounts: what is owed. */
  amount: Decimal;
  /** Entries raised to the minimum, and cut to the maximum. */
  raised: number;
  cut: number;
}

export interface CurrencyFees {
  fees: FeeTotal[];
  /** The sum of the fees' amounts. */
  total: Decimal;
}

/** Fees and taxes per currency (USD for US fees, CAD for Canadian taxes; never added across), each by fee id. */
export function feeTotals(entries: Iterable<EntryResult>): Map<string, CurrencyFees> {
  const byCurrency = new Map<string, Map<string, { f: EntryFee; entries: number; lines: number; base: Sum; lineAmount: Sum; amount: Sum; raised: number; cut: number }>>();
  for (const e of entries) {
    const fees = getOrCreate(byCurrency, e.currency, () => new Map());
    for (const f of e.fees) {
      const t = getOrCreate(fees, f.fee, () => ({ f, entries: 0, lines: 0, base: new Sum(), lineAmount: new Sum(), amount: new Sum(), raised: 0, cut: 0 }));
      t.entries++;
      t.lines += f.lines;
      t.base.add(f.base);
      t.lineAmount.add(f.lineAmount);
      t.amount.add(f.amount);
      if (f.bound === "minimum") t.raised++;
      if (f.bound === "maximum") t.cut++;
    }
  }
  const out = new Map<string, CurrencyFees>();
  for (const c of [...byCurrency.keys()].sort()) {
    const fees = [...byCurrency.get(c)!.values()]
      .sort((a, b) => (a.f.fee < b.f.fee ? -1 : a.f.fee > b.f.fee ? 1 : 0))
      .map((t): FeeTotal => ({ fee: t.f.fee, kind: t.f.kind, heading: t.f.heading, entries: t.entries, lines: t.lines, base: t.base.value, lineAmount: t.lineAmount.value, amount: t.amount.value, raised: t.raised, cut: t.cut }));
    let total: Decimal = ZERO;
    for (const f of fees) total = add(total, f.amount);
    out.set(c, { fees, total });
  }
  return out;
}
