/**
 * Where duty plans are cached: one value per line situation, that is the
 * importer, origin, product (sector, list entries and claims: `Product.key`), the interval of the schedule's period boundaries
 * the date falls in, USMCA status and which bases are above zero. One table
 * per schedule holds its plans (`planFor`); a comparison keeps one for the
 * plans of all its scenarios together.
 *
 * Looked up on every line, so it avoids building keys: maps by importer,
 * origin and sector, then arrays by interval and by the rest. Arrays are
 * filled up front (one written at scattered indexes falls back to a slow
 * dictionary) and made only for what a file uses. Bounded: past `limit`
 * slots (values weigh `weight` slots each) it starts over.
 */
import type { Shipment } from "./shipment.js";
import { getOrCreate } from "../maps.js";

export type Situation = Pick<Shipment, "importer" | "origin" | "product" | "usmca" | "date">;

/** Which bases are above zero: four bits (see `positiveBits`). */
const BASES = 16;

/** Dates whose interval is remembered (a file has a few hundred; bounded for a crafted one). */
const MAX_DATES = 50_000;

type ByProduct<T> = Map<string, ((T | undefined)[] | undefined)[]>;

/** The insertion point of `value` in `sorted`: which interval between boundaries it falls in. */
export function intervalOf(sorted: readonly string[], value: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export class PlanTable<T> {
  private readonly intervals = new Map<string, number>();
  private readonly routes = new Map<string, Map<string, ByProduct<T>>>();
  /** The route of the previous line: lines of one route tend to come together. */
  private last: { importer: string; origin: string; byProduct: ByProduct<T> } | undefined;
  private size = 0;

  /** `boundaries`: every date a period starts or ends on, sorted. */
  constructor(
    private readonly boundaries: readonly string[],
    private readonly limit: number,
    private readonly weight: number,
  ) {}

  /** `productKey`: the goods as the table tells them apart (default: the line's `Product.key`). */
  get(line: Situation, positive: number, productKey = line.product.key): T | undefined {
    return this.slots(line, productKey)[(line.usmca ? BASES : 0) + positive];
  }

  /** `anyBases`: the value holds whichever bases are above zero (it did not depend on them). */
  set(line: Situation, positive: number, value: T, anyBases: boolean, productKey = line.product.key): void {
    const slots = this.slots(line, productKey);
    const usmca = line.usmca ? BASES : 0;
    if (anyBases) for (let p = 0; p < BASES; p++) slots[usmca + p] ??= value;
    else slots[usmca + positive] = value;
    this.size += this.weight;
    if (this.size > this.limit) this.clear();
  }

  private slots(line: Situation, productKey: string): (T | undefined)[] {
    let interval = this.intervals.get(line.date);
    if (interval === undefined) {
      interval = intervalOf(this.boundaries, line.date);
      if (this.intervals.size >= MAX_DATES) this.intervals.clear();
      this.intervals.set(line.date, interval);
    }
    const byProduct = this.route(line.importer, line.origin);
    let byInterval = byProduct.get(productKey);
    if (!byInterval) {
      byInterval = new Array<(T | undefined)[] | undefined>(this.boundaries.length + 1).fill(undefined);
      byProduct.set(productKey, byInterval);
      this.size += byInterval.length;
    }
    let slots = byInterval[interval];
    if (!slots) {
      slots = new Array<T | undefined>(2 * BASES).fill(undefined);
      byInterval[interval] = slots;
      this.size += 2 * BASES;
    }
    return slots;
  }

  private route(importer: string, origin: string): ByProduct<T> {
    const last = this.last;
    if (last !== undefined && last.importer === importer && last.origin === origin) return last.byProduct;
    const byProduct = getOrCreate(getOrCreate(this.routes, importer, () => new Map<string, ByProduct<T>>()), origin, () => new Map());
    this.last = { importer, origin, byProduct };
    return byProduct;
  }

  private clear(): void {
    this.routes.clear();
    this.last = undefined;
    this.size = 0;
  }
}
