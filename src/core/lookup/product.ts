/**
 * What a line's goods are, as far as the schedule can tell from the HS code:
 * the sector it is grouped under (the sector holding the longest prefix of the
 * code) and the product-list entries whose prefix holds it. Both come from one
 * digit trie built once per schedule: a lookup walks at most ten nodes and
 * allocates nothing, so a file of a million distinct codes costs no memory
 * per code.
 *
 * A node works out its answer (its `Product`) the first time a lookup reaches
 * it, and products are shared between nodes with the same answer, so
 * `Product.key` is equal for two codes exactly when the schedule cannot tell
 * them apart: the duty plans are cached by it. Nodes are numbers into typed
 * arrays, not objects: the embedded schedule's ~17,000 nodes take well under
 * a megabyte, which matters to a run under a small heap.
 */
import type { Schedule } from "../schedule/model.js";
import { entryOn } from "../schedule/model.js";

/** A list entry that holds a code: the list, and the dates the code is on it. */
export interface Membership {
  list: string;
  from?: string;
  until?: string;
}

export interface Product {
  /** Equal for two lines exactly when their goods are alike to the schedule (sector, list entries, claims). */
  key: string;
  /** The sector the goods are grouped under; undefined when no sector holds the code. */
  sector: string | undefined;
  /** The list entries that hold the code, in list order. */
  memberships: readonly Membership[];
  /** Chapter 99 headings the line claims (its `claims` column), sorted; empty when none. */
  claims: readonly string[];
  /**
   * The product's number in the index that made it (0, 1, 2… in the order
   * made; equal keys, equal numbers), or -1 for a variant made for one line:
   * a cache indexes an array by it instead of hashing `key` on every line
   * (checking that the product there is this one: another index counts too).
   */
  id: number;
}

/** Where a code ends up in the trie: its product, and the lists it is too short to place. */
export interface CodeLookup {
  product: Product;
  /** Lists with entries longer than the code under it: a longer code may or may not be on them. */
  finer: readonly string[];
}

/** A list entry as the trie holds it: where its prefix ends. */
interface Start {
  list: string;
  from?: string;
  until?: string;
}

const NO_CLAIMS: readonly string[] = [];
const NO_LISTS: readonly string[] = [];
const NO_STARTS: readonly Start[] = [];
/** `child` slot of a node without that child. */
const NONE = 0;
const ROOT = 1;

export class ProductIndex {
  /** Node n's child for digit d is `child[n * 10 + d]` (0: none). Node 0 is unused, node 1 is the root. */
  private child = new Int32Array(1024 * 10);
  private count = 2;
  // Per node, indexed by node number: sparse, most nodes have none of these.
  /** Sector whose prefix ends at the node. */
  private readonly sector: (string | undefined)[] = [];
  /** List entries whose prefix ends at the node. */
  private readonly starts: (Start[] | undefined)[] = [];
  /** Entries of nodes above that except this prefix (e.g. 7326.90.86.88 from 7326.90.86). */
  private readonly excepts: (Start[] | undefined)[] = [];
  /** The schedule's list ids, by position: the bits of `below`. */
  private readonly listIds: string[];
  /** Bytes per node in `below`. */
  private readonly width: number;
  /** Bit i of node n's `width` bytes at `n * width`: an entry of list i starts below the node (filled as entries are added). */
  private below: Uint8Array;
  // Worked out the first time a lookup reaches the node (`settle`), then kept: bounded by the trie, not the file.
  /** The entries that hold codes under the node. */
  private readonly held: (readonly Start[] | undefined)[] = [];
  /** The node's answer: product and the lists it is too short to place. */
  private readonly answer: (CodeLookup | undefined)[] = [];
  /** The answer for a code longer than any path through the node: its product, nothing finer. */
  private readonly coarse: (CodeLookup | undefined)[] = [];
  /** One product per distinct answer; keys are built only when a node is first settled. */
  private readonly products = new Map<string, Product>();
  /** One `finer` array per distinct set of lists. */
  private readonly finers = new Map<string, readonly string[]>();
  private readonly bySector = new Map<string, Product>();

  /**
   * Builds the trie only: a node's answer is worked out the first time a
   * lookup reaches it, so a run pays for the codes its file has (a few
   * thousand nodes), not for the ~17,000 of the embedded schedule's lists.
   */
  constructor(schedule: Pick<Schedule, "sectors" | "lists">) {
    this.listIds = schedule.lists.map((l) => l.id);
    this.width = Math.ceil(this.listIds.length / 8);
    this.below = new Uint8Array((this.child.length / 10) * this.width);
    for (const sector of schedule.sectors) {
      for (const prefix of sector.hs) {
        const node = this.node(prefix, undefined);
        this.sector[node] ??= sector.id;
      }
    }
    for (const [index, list] of schedule.lists.entries()) {
      for (const e of list.entries) {
        const start: Start = { list: list.id };
        if (e.from !== undefined) start.from = e.from;
        if (e.until !== undefined) start.until = e.until;
        const node = this.node(e.hs, index);
        (this.starts[node] ??= []).push(start);
        // An exception is a node of its own, so that codes under it find their own (smaller) answer.
        for (const x of e.except) (this.excepts[this.node(x, undefined)] ??= []).push(start);
      }
    }
    // Arrays grown by push keep spare room: trimmed, the embedded schedule's ~6,000 take a fifth of the memory.
    this.starts.forEach((a, n) => (this.starts[n] = a?.slice()));
    this.settle(ROOT, NONE);
    for (const sector of schedule.sectors) this.bySector.set(sector.id, this.intern(sector.id, [], NO_CLAIMS));
  }

  /** The goods of an HS code (digits only). */
  ofCode(hs: string): CodeLookup {
    let node = ROOT;
    for (let i = 0; i < hs.length; i++) {
      const next = this.child[node * 10 + hs.charCodeAt(i) - 48]!;
      // The code goes on where the trie ends: nothing below can hold it, so nothing is finer than it.
      if (next === NONE) return this.coarse[node]!;
      if (this.answer[next] === undefined) this.settle(next, node);
      node = next;
    }
    return this.answer[node]!;
  }

  /** The goods of a line that names only a sector: no list can be told. */
  ofSector(sector: string): Product {
    return this.bySector.get(sector) ?? this.intern(sector, [], NO_CLAIMS);
  }

  /** The same goods grouped under another sector, or with claims: made per line (rare), not cached. */
  variant(product: Product, sector: string | undefined, claims: readonly string[]): Product {
    if (sector === product.sector && claims.length === 0) return product;
    return { key: productKey(sector, product.memberships, claims), sector, memberships: product.memberships, claims, id: -1 };
  }

  /** The node of a prefix, made if new; `list`: the position of a list whose entry starts there (its ancestors learn it is below them). */
  private node(prefix: string, list: number | undefined): number {
    let node = ROOT;
    for (let i = 0; i < prefix.length; i++) {
      const d = prefix.charCodeAt(i) - 48;
      if (d < 0 || d > 9) continue; // dots
      if (list !== undefined) this.below[node * this.width + (list >> 3)]! |= 1 << (list & 7);
      let next = this.child[node * 10 + d]!;
      if (next === NONE) {
        next = this.count++;
        if (next * 10 + 10 > this.child.length) {
          const grown = new Int32Array(this.child.length * 2);
          grown.set(this.child);
          this.child = grown;
          const bits = new Uint8Array((grown.length / 10) * this.width);
          bits.set(this.below);
          this.below = bits;
        }
        this.child[node * 10 + d] = next;
      }
      node = next;
    }
    return node;
  }

  /**
   * A node's answer from its parent's: the sector and entries it inherits, less
   * the entries that except it, plus its own; and the lists of entries below it
   * that it is too short to place. A node that adds nothing to its parent's
   * (most) shares its product without building a key.
   */
  private settle(node: number, parent: number): void {
    const inherited = parent === NONE ? NO_STARTS : this.held[parent]!;
    const parentProduct = parent === NONE ? undefined : this.answer[parent]!.product;
    const sector = this.sector[node] ?? parentProduct?.sector;
    const excepts = this.excepts[node];
    const starts = this.starts[node];
    let held = inherited;
    if (excepts !== undefined) held = held.filter((s) => !excepts.includes(s));
    if (starts !== undefined) held = [...held, ...starts];
    this.held[node] = held;
    const product =
      parentProduct !== undefined && held === inherited && sector === parentProduct.sector
        ? parentProduct
        : this.intern(
            sector,
            held.map(({ list, from, until }) => {
              const m: Membership = { list };
              if (from !== undefined) m.from = from;
              if (until !== undefined) m.until = until;
              return m;
            }),
            NO_CLAIMS,
          );
    let finer = NO_LISTS;
    const below: string[] = [];
    for (let b = 0; b < this.width; b++) {
      const byte = this.below[node * this.width + b]!;
      if (byte !== 0) for (let bit = 0; bit < 8; bit++) if (byte & (1 << bit)) below.push(this.listIds[b * 8 + bit]!);
    }
    if (below.length > 0) {
      const lists = below.filter((l) => !product.memberships.some((m) => m.list === l)).sort();
      if (lists.length > 0) {
        const key = lists.join("\n");
        finer = this.finers.get(key) ?? lists;
        this.finers.set(key, finer);
      }
    }
    this.coarse[node] = { product, finer: NO_LISTS };
    this.answer[node] = { product, finer }; // last: a node with an answer is settled
  }

  private intern(sector: string | undefined, memberships: Membership[], claims: readonly string[]): Product {
    const key = productKey(sector, memberships, claims);
    let product = this.products.get(key);
    if (!product) {
      product = { key, sector, memberships, claims, id: this.products.size };
      this.products.set(key, product);
    }
    return product;
  }
}

/** The key of goods: equal exactly when sector, list entries and claims are. */
export function productKey(sector: string | undefined, memberships: readonly Membership[], claims: readonly string[]): string {
  // JSON: ids and headings are free of quotes by validation, but a key must never read as another.
  return JSON.stringify([sector ?? null, memberships.map((m) => [m.list, m.from ?? null, m.until ?? null]), claims]);
}

/** Whether goods are on a list on a date. */
export function onList(product: Product, list: string, date: string): boolean {
  for (const m of product.memberships) if (m.list === list && entryOn(m, date)) return true;
  return false;
}

/** `"8703.23.01"` → `"87032301"`; undefined if it is not an HS code (2–10 digits, dots/spaces optional). */
export function normalizeHs(text: string): string | undefined {
  if (isDigits(text)) return text; // the common case: digits only
  const digits = text.replace(/[.\s]/g, "");
  return /^\d{2,10}$/.test(digits) ? digits : undefined;
}

/** 2 to 10 ASCII digits. */
function isDigits(text: string): boolean {
  if (text.length < 2 || text.length > 10) return false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** Parses a `claims` field: headings separated by spaces, commas or `;`, sorted and without repeats. */
export function parseClaims(text: string): string[] {
  const out = text.split(/[\s;,]+/).filter((c) => c !== "");
  return [...new Set(out)].sort();
}
