/**
 * Lines folded into customs entries: per entry, its lines, value, duty and
 * fees. A fee's minimum and maximum are per entry (19 CFR 24.23(b)(1); CATAIR:
 * the line fees are summed, then the entry's minimum or maximum applies), so
 * they are applied here, to an entry's sum, and never to a line.
 *
 * An entry is the importer and the line's `entry` number. Lines that name no
 * entry are kept together as one group per importer with no entry: their
 * fees are summed and no minimum or maximum is applied to them (which entry
 * they belong to is not known; the run counts them so the shell can say so).
 *
 * Memory is one small record per entry (not per line).
 */
import { type Decimal, ZERO, add, compare } from "../money/decimal.js";
import { Sum } from "../money/sum.js";
import { getOrCreate } from "../maps.js";
import type { ImporterCode } from "../schedule/model.js";
import type { LineFee, LineResult } from "./compute.js";

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

class FeeTally {
  lines = 0;
  baseCents = 0;
  baseRest: Decimal | null = null;
  amountCents = 0;
  amountRest: Decimal | null = null;
  minimum: Decimal | null;
  maximum: Decimal | null;
  /** The date the bounds are of: the earliest line charged. */
  boundDate: string;

  /** The first line's charge (shared by every line of its period), not the line's fee: a big file has many entries. */
  readonly charge: LineFee["charge"];

  constructor(first: LineFee, date: string) {
    this.charge = first.charge;
    this.minimum = minimumOf(first);
    this.maximum = maximumOf(first);
    this.boundDate = date;
  }

  add(f: LineFee): void {
    this.lines++;
    const b = centsOf(f.base);
    const sb = b === undefined ? undefined : this.baseCents + b;
    if (sb !== undefined && Number.isSafeInteger(sb)) this.baseCents = sb;
    else this.baseRest = add(this.baseRest ?? ZERO, f.base);
    const a = centsOf(f.amount);
    const sa = a === undefined ? undefined : this.amountCents + a;
    if (sa !== undefined && Number.isSafeInteger(sa)) this.amountCents = sa;
    else this.amountRest = add(this.amountRest ?? ZERO, f.amount);
  }
}

/** Bound of the distinct dates remembered per entry (a count is all that is shown). */
const MAX_ENTRY_DATES = 32;

/**
 * One entry's running sums. Kept small (a big file has many entries): sums
 * as numbers of cents, fees in an array made when the first comes, other
 * dates only once a second one comes.
 */
class EntryTally {
  lines = 0;
  valueCents = 0;
  valueRest: Decimal | null = null;
  dutyCents = 0;
  dutyRest: Decimal | null = null;
  fees: FeeTally[] | null = null;
  /** Dates other than `first`, when its lines have more than one. */
  otherDates: string[] | null = null;

  constructor(
    readonly entry: string | null,
    readonly importer: ImporterCode,
    readonly currency: string,
    readonly first: string,
    public date: string,
  ) {}

  add(r: LineResult): void {
    this.lines++;
    const v = centsOf(r.customsValue);
    const sv = v === undefined ? undefined : this.valueCents + v;
    if (sv !== undefined && Number.isSafeInteger(sv)) this.valueCents = sv;
    else this.valueRest = add(this.valueRest ?? ZERO, r.customsValue);
    const d = centsOf(r.duty);
    const sd = d === undefined ? undefined : this.dutyCents + d;
    if (sd !== undefined && Number.isSafeInteger(sd)) this.dutyCents = sd;
    else this.dutyRest = add(this.dutyRest ?? ZERO, r.duty);
    const date = r.shipment.date;
    if (date === this.first) return;
    if (date < this.date) this.date = date;
    const others = (this.otherDates ??= []);
    if (others.length < MAX_ENTRY_DATES && !others.includes(date)) others.push(date);
  }
}

/**
 * `full`: each entry's lines, value, duty and dates too (`--by entry`); else
 * only what fees need (lines without a fee are not looked at), which is what
 * the fees' minimum and maximum per entry cost a run that shows no entries.
 */
export class EntryBook {
  constructor(private readonly full = true) {}

  /** By importer, then entry number ("" for the lines that name none). */
  private readonly byImporter = new Map<ImporterCode, Map<string, EntryTally>>();
  /** Every entry, in the order its first line came. */
  private readonly order: EntryTally[] = [];
  /** The entry of the previous line: lines of one entry tend to come together. */
  private last: EntryTally | undefined;
  /** Lines that name no entry but were charged a fee with a minimum or maximum (not applied to them). */
  unentered = 0;

  add(r: LineResult): void {
    if (!this.full && r.fees.length === 0) return;
    const s = r.shipment;
    const number = s.entry ?? "";
    let t = this.last;
    if (t === undefined || t.importer !== s.importer || (t.entry ?? "") !== number) {
      const entries = getOrCreate(this.byImporter, s.importer, () => new Map<string, EntryTally>());
      t = entries.get(number);
      if (t === undefined) {
        t = new EntryTally(s.entry, s.importer, r.currency, s.date, s.date);
        entries.set(number, t);
        this.order.push(t);
      }
      this.last = t;
    }
    if (this.full) t.add(r);
    let bounded = false;
    for (const f of r.fees) {
      const fees = (t.fees ??= []);
      let ft: FeeTally | undefined;
      for (const x of fees) if (x.charge.fee === f.charge.fee) ft = x;
      if (ft === undefined) {
        ft = new FeeTally(f, s.date);
        fees.push(ft);
      } else if (s.date < ft.boundDate) {
        ft.minimum = minimumOf(f);
        ft.maximum = maximumOf(f);
        ft.boundDate = s.date;
      }
      ft.add(f);
      if (minimumOf(f) !== null || maximumOf(f) !== null) bounded = true;
    }
    if (bounded && s.entry === null) this.unentered++;
  }

  /** How many entries there are. */
  get count(): number {
    return this.order.length;
  }

  /**
   * Every entry, in the order its first line came, made one at a time as it
   * is read (a big file has many: they are written out, not held twice).
   */
  *results(): Generator<EntryResult> {
    for (const t of this.order) {
      const fees = [...(t.fees ?? [])].sort((a, b) => (a.charge.fee < b.charge.fee ? -1 : a.charge.fee > b.charge.fee ? 1 : 0)).map((ft) => entryFee(ft, t.entry !== null));
      let feeTotal: Decimal = ZERO;
      for (const f of fees) feeTotal = add(feeTotal, f.amount);
      yield { entry: t.entry, importer: t.importer, currency: t.currency, date: t.date, dates: 1 + (t.otherDates?.length ?? 0), lines: t.lines, value: total(t.valueCents, t.valueRest), duty: total(t.dutyCents, t.dutyRest), fees, feeTotal };
    }
  }
}

const minimumOf = (f: LineFee): Decimal | null => (f.charge.kind === "fee" ? f.charge.minimum : null);
const maximumOf = (f: LineFee): Decimal | null => (f.charge.kind === "fee" ? f.charge.maximum : null);

/** An entry's fee: its lines' sum, then (for an entry, not the lines without one) raised to the minimum or cut to the maximum. */
function entryFee(ft: FeeTally, bounded: boolean): EntryFee {
  const lineAmount = total(ft.amountCents, ft.amountRest);
  let amount = lineAmount;
  let bound: EntryFee["bound"] = null;
  if (bounded && ft.minimum !== null && compare(lineAmount, ft.minimum) < 0) {
    amount = ft.minimum;
    bound = "minimum";
  } else if (bounded && ft.maximum !== null && compare(lineAmount, ft.maximum) > 0) {
    amount = ft.maximum;
    bound = "maximum";
  }
  const f = ft.charge;
  return { fee: f.fee, kind: f.kind, heading: f.heading, lines: ft.lines, base: total(ft.baseCents, ft.baseRest), lineAmount, amount, minimum: ft.minimum, maximum: ft.maximum, bound };
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
