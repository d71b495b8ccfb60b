/**
 * Where duty plans are cached: one value per line situation, that is the
 * importer, origin, product (sector, list entries and claims: `Product.key`), the interval of the schedule's period boundaries
 * the date falls in, USMCA status and which bases are above zero. One table
 * per schedule holds its plans (`planFor`); a comparison keeps one for the
 * plans of all its scenarios together.
 *
 * Looked up on every line, so the lookup is array indexing by small numbers,
 * with no key built and no string hashed: the goods are numbered the first
 * time the table meets them (by `Product.id`, a number their index gave
 * them), the route (importer and origin) is numbered from the origin's two
 * letters, and the date's interval is read from an array by day number
 * (`dayNumber`). Rows by goods, then arrays by route, by interval and by the
 * rest. Arrays are filled up front (one written at scattered indexes falls
 * back to a slow dictionary) and made only for what a file uses. Bounded:
 * past `limit` slots (values weigh `weight` slots each) it starts over.
 */
import type { Shipment } from "./shipment.js";
import type { Product } from "../lookup/product.js";
import { dayNumber } from "../dates.js";

/** A line as the table tells lines apart. `day`: `dayNumber(date)`, when the caller has it (a shipment does). */
export type Situation = Pick<Shipment, "importer" | "origin" | "product" | "usmca" | "date"> & { readonly day?: number };

/** Which bases are above zero: four bits (see `positiveBits`). */
const BASES = 16;

/** Goods numbered per importer before the numbering starts over (with the table: a number is never given twice). */
const MAX_GOODS = 100_000;
/** Days an interval array may span (about 2,700 years); a schedule spanning more is searched. */
const MAX_DAYS = 1 << 20;
/** Routes with an origin of two capital letters: importer × 26 × 26. */
const LETTER_ROUTES = 2 * 26 * 26;

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

/**
 * Which interval each day falls in, from the first boundary's day to the
 * last's: what `intervalOf` says, read from an array. Undefined when a
 * boundary is not a calendar date or they span more than `MAX_DAYS`.
 */
function intervalsByDay(boundaries: readonly string[]): { first: number; byDay: Int32Array } | undefined {
  if (boundaries.length === 0) return { first: 0, byDay: new Int32Array(0) };
  const days = boundaries.map(dayNumber);
  if (days.some((d) => d < 0)) return undefined;
  const first = days[0]!;
  const last = days[days.length - 1]!;
  if (last - first >= MAX_DAYS) return undefined;
  const byDay = new Int32Array(last - first + 1);
  let interval = 0;
  for (let day = first; day <= last; day++) {
    while (interval < days.length && days[interval]! <= day) interval++;
    byDay[day - first] = interval;
  }
  return { first, byDay };
}

/** How the table tells goods apart for an importer: `Product.key` (the default), or a coarser key (the engine's narrowing). */
export type GoodsKey = (product: Product) => string;

/** Small numbers for goods, per importer: by `Product.id` where it can, by key text else. */
class GoodsNumbers {
  /** `byId[id]`: the product that number stands for (checked: products of another index have ids too) and its goods number. */
  private readonly products: (Product | undefined)[] = [];
  private readonly numbers: number[] = [];
  private readonly byKey = new Map<string, number>();

  /** The goods number of a product; `count`: numbers given so far by the table (the next one). */
  numberOf(product: Product, keyOf: GoodsKey, count: () => number): number {
    const id = product.id;
    if (id >= 0 && this.products[id] === product) return this.numbers[id]!;
    const key = keyOf(product);
    let n = this.byKey.get(key);
    if (n === undefined) {
      n = count();
      this.byKey.set(key, n);
    }
    if (id >= 0 && this.products[id] === undefined) {
      // Grown by appending only (a write far past the end turns an array into a dictionary).
      while (this.products.length <= id) {
        this.products.push(undefined);
        this.numbers.push(-1);
      }
      this.products[id] = product;
      this.numbers[id] = n;
    }
    return n;
  }

  get size(): number {
    return this.byKey.size;
  }
}

type Slots<T> = (T | undefined)[];
type ByInterval<T> = (Slots<T> | undefined)[];

export class PlanTable<T> {
  /** Day → interval from the first boundary's day (undefined: search the boundaries as text). */
  private readonly days: { first: number; byDay: Int32Array } | undefined;
  private goods: [GoodsNumbers, GoodsNumbers] = [new GoodsNumbers(), new GoodsNumbers()];
  private goodsCount = 0;
  private readonly nextGoods = () => this.goodsCount++;
  /** Route numbers: by importer and origin letters (`LETTER_ROUTES`), else by text. -1: not numbered yet. */
  private readonly routeOf = new Int32Array(LETTER_ROUTES).fill(-1);
  private readonly otherRoutes = new Map<string, number>();
  private routeCount = 0;
  /** `rows[goods][route][interval]`: the 2 × `BASES` slots of a situation. */
  private rows: ((ByInterval<T> | undefined)[] | undefined)[] = [];
  private size = 0;

  /** `boundaries`: every date a period starts or ends on, sorted. */
  constructor(
    private readonly boundaries: readonly string[],
    private readonly limit: number,
    private readonly weight: number,
  ) {
    this.days = intervalsByDay(boundaries);
  }

  /** `goodsKey`: the goods as the table tells them apart (default: the line's `Product.key`); one function per table and importer. */
  get(line: Situation, positive: number, goodsKey?: GoodsKey): T | undefined {
    return this.slots(line, goodsKey)[(line.usmca ? BASES : 0) + positive];
  }

  /** `anyBases`: the value holds whichever bases are above zero (it did not depend on them). */
  set(line: Situation, positive: number, value: T, anyBases: boolean, goodsKey?: GoodsKey): void {
    this.fill(this.slots(line, goodsKey), line.usmca, positive, value, anyBases);
  }

  /**
   * The slots of a line's situation, to read with `slotOf` and write with
   * `fill`: one lookup for a read that may be followed by a write.
   */
  slots(line: Situation, goodsKey: GoodsKey = keyOfProduct): Slots<T> {
    const importer = line.importer === "US" ? 0 : 1;
    const g = this.goods[importer].numberOf(line.product, goodsKey, this.nextGoods);
    const route = this.route(importer, line.origin);
    const interval = this.interval(line);
    let row = this.rows[g];
    if (row === undefined) {
      while (this.rows.length <= g) this.rows.push(undefined);
      row = this.rows[g] = [];
    }
    while (row.length <= route) row.push(undefined);
    let byInterval = row[route];
    if (byInterval === undefined) {
      byInterval = new Array<Slots<T> | undefined>(this.boundaries.length + 1).fill(undefined);
      row[route] = byInterval;
      this.size += byInterval.length;
    }
    let slots = byInterval[interval];
    if (slots === undefined) {
      slots = new Array<T | undefined>(2 * BASES).fill(undefined);
      byInterval[interval] = slots;
      this.size += 2 * BASES;
    }
    return slots;
  }

  /** The slot of a line's USMCA status and positive bases in its `slots`. */
  static slotOf(usmca: boolean, positive: number): number {
    return (usmca ? BASES : 0) + positive;
  }

  /** Writes a value into slots got from `slots` (see `set`). */
  fill(slots: Slots<T>, usmca: boolean, positive: number, value: T, anyBases: boolean): void {
    const at = usmca ? BASES : 0;
    if (anyBases) for (let p = 0; p < BASES; p++) slots[at + p] ??= value;
    else slots[at + positive] = value;
    this.size += this.weight;
    if (this.size > this.limit) this.clear();
  }

  private interval(line: Situation): number {
    const days = this.days;
    if (days !== undefined) {
      const day = line.day ?? dayNumber(line.date);
      if (day >= 0) {
        const at = day - days.first;
        // Before the first boundary: interval 0; on or after the last: past every boundary.
        return at < 0 ? 0 : at >= days.byDay.length ? this.boundaries.length : days.byDay[at]!;
      }
    }
    return intervalOf(this.boundaries, line.date);
  }

  private route(importer: number, origin: string): number {
    if (origin.length === 2) {
      const a = origin.charCodeAt(0) - 65;
      const b = origin.charCodeAt(1) - 65;
      if (a >= 0 && a < 26 && b >= 0 && b < 26) {
        const at = (importer * 26 + a) * 26 + b;
        let r = this.routeOf[at]!;
        if (r < 0) r = this.routeOf[at] = this.routeCount++;
        return r;
      }
    }
    const text = `${importer}${origin}`;
    let r = this.otherRoutes.get(text);
    if (r === undefined) {
      r = this.routeCount++;
      this.otherRoutes.set(text, r);
    }
    return r;
  }

  private clear(): void {
    this.rows = [];
    this.size = 0;
    // The numbering is kept (numbers stay meaningful) unless it grew past its bound.
    if (this.goods[0].size + this.goods[1].size > MAX_GOODS) {
      this.goods = [new GoodsNumbers(), new GoodsNumbers()];
      this.goodsCount = 0;
    }
  }
}

const keyOfProduct: GoodsKey = (p) => p.key;
