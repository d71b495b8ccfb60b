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

class FeeTally {
  lines = 0;
  readonly base = new Sum();
  readonly amount = new Sum();
  minimum: Decimal | null;
  maximum: Decimal | null;
  /** The date the bounds are of: the earliest line charged. */
  boundDate: string;

  constructor(readonly first: LineFee, date: string) {
    this.minimum = first.minimum;
    this.maximum = first.maximum;
    this.boundDate = date;
  }
}

class EntryTally {
  lines = 0;
  readonly value = new Sum();
  readonly duty = new Sum();
  readonly fees = new Map<string, FeeTally>();
  readonly dates = new Set<string>();

  constructor(
    readonly entry: string | null,
    readonly importer: ImporterCode,
    readonly currency: string,
    public date: string,
  ) {}
}

/** Bound of the distinct dates remembered per entry (a count is all that is shown). */
const MAX_ENTRY_DATES = 32;

export class EntryBook {
  private readonly tallies = new Map<string, EntryTally>();
  /** Lines that name no entry but were charged a fee with a minimum or maximum (not applied to them). */
  unentered = 0;

  add(r: LineResult): void {
    const s = r.shipment;
    const key = s.entry === null ? s.importer : `${s.importer}\u0000${s.entry}`;
    const t = getOrCreate(this.tallies, key, () => new EntryTally(s.entry, s.importer, r.currency, s.date));
    t.lines++;
    t.value.add(r.customsValue);
    t.duty.add(r.duty);
    if (s.date < t.date) t.date = s.date;
    if (t.dates.size < MAX_ENTRY_DATES) t.dates.add(s.date);
    let bounded = false;
    for (const f of r.fees) {
      let ft = t.fees.get(f.fee);
      if (ft === undefined) {
        ft = new FeeTally(f, s.date);
        t.fees.set(f.fee, ft);
      } else if (s.date < ft.boundDate) {
        ft.minimum = f.minimum;
        ft.maximum = f.maximum;
        ft.boundDate = s.date;
      }
      ft.lines++;
      ft.base.add(f.base);
      ft.amount.add(f.amount);
      if (f.minimum !== null || f.maximum !== null) bounded = true;
    }
    if (bounded && s.entry === null) this.unentered++;
  }

  /** Every entry, in the order its first line came. */
  results(): EntryResult[] {
    const out: EntryResult[] = [];
    for (const t of this.tallies.values()) {
      const fees = [...t.fees.values()].sort((a, b) => (a.first.fee < b.first.fee ? -1 : a.first.fee > b.first.fee ? 1 : 0)).map((ft) => entryFee(ft, t.entry !== null));
      let feeTotal: Decimal = ZERO;
      for (const f of fees) feeTotal = add(feeTotal, f.amount);
      out.push({ entry: t.entry, importer: t.importer, currency: t.currency, date: t.date, dates: t.dates.size, lines: t.lines, value: t.value.value, duty: t.duty.value, fees, feeTotal });
    }
    return out;
  }
}

/** An entry's fee: its lines' sum, then (for an entry, not the lines without one) raised to the minimum or cut to the maximum. */
function entryFee(ft: FeeTally, bounded: boolean): EntryFee {
  const lineAmount = ft.amount.value;
  let amount = lineAmount;
  let bound: EntryFee["bound"] = null;
  if (bounded && ft.minimum !== null && compare(lineAmount, ft.minimum) < 0) {
    amount = ft.minimum;
    bound = "minimum";
  } else if (bounded && ft.maximum !== null && compare(lineAmount, ft.maximum) > 0) {
    amount = ft.maximum;
    bound = "maximum";
  }
  const f = ft.first;
  return { fee: f.fee, kind: f.kind, heading: f.heading, lines: ft.lines, base: ft.base.value, lineAmount, amount, minimum: ft.minimum, maximum: ft.maximum, bound };
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
export function feeTotals(entries: readonly EntryResult[]): Map<string, CurrencyFees> {
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
