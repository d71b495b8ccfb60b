/**
 * Exchange rates for lines declared in a currency other than the importer's.
 * A rate converts 1 unit of `from` into `to`; the rate used for a line is the
 * latest one dated on or before the line's date (computation.md A2, B2).
 * Rates are never inverted: inverting a 4-decimal rate is not exact.
 */
import type { Decimal } from "../money/decimal.js";

export interface FxRate {
  date: string;
  from: string;
  to: string;
  rate: Decimal;
  /** The rate as written in the fx file, for display. */
  text: string;
  line: number;
}

export class FxTable {
  private readonly byPair = new Map<string, FxRate[]>();

  constructor(rates: FxRate[]) {
    for (const r of rates) {
      const key = `${r.from}/${r.to}`;
      const list = this.byPair.get(key) ?? [];
      list.push(r);
      this.byPair.set(key, list);
    }
    for (const list of this.byPair.values()) list.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  }

  /** The latest rate for `from/to` dated on or before `date`. */
  rateOn(from: string, to: string, date: string): FxRate | undefined {
    const list = this.byPair.get(`${from}/${to}`);
    if (!list) return undefined;
    let lo = 0;
    let hi = list.length - 1;
    let found: FxRate | undefined;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid]!.date <= date) {
        found = list[mid];
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  }

  hasPair(from: string, to: string): boolean {
    return this.byPair.has(`${from}/${to}`);
  }
}
