/**
 * What a line's goods are, as far as the schedule can tell from the HS code:
 * the sector it is grouped under (the sector holding the longest prefix of the
 * code) and the product-list entries whose prefix holds it. Both come from one
 * digit trie built once per schedule: a lookup walks at most ten nodes and
 * allocates nothing, so a file of a million distinct codes costs no memory
 * per code.
 *
 * Every node knows its answer in advance (its `Product`), and products are
 * shared between nodes with the same answer, so `Product.key` is equal for two
 * codes exactly when the schedule cannot tell them apart: the duty plans are
 * cached by it.
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
}

/** Where a code ends up in the trie: its product, and the lists it is too short to place. */
export interface CodeLookup {
  product: Product;
  /** Lists with entries longer than the code under it: a longer code may or may not be on them. */
  finer: readonly string[];
}

interface Node {
  children: (Node | undefined)[] | undefined;
  /** Sector whose prefix ends here. */
  sector?: string;
  /** List entries whose prefix ends here. */
  starts: { list: string; from?: string; until?: string; except: string[] }[];
  /** Lists of entries that start below this node (filled after building). */
  below: Set<string>;
  product?: Product;
  finer?: readonly string[];
  /** The answer for a code longer than any path through this node: its product, nothing finer. */
  coarse?: CodeLookup;
}

const NO_CLAIMS: readonly string[] = [];
const NO_LISTS: readonly string[] = [];

function newNode(): Node {
  return { children: undefined, starts: [], below: new Set() };
}

export class ProductIndex {
  private readonly root = newNode();
  /** One product per distinct answer; keys are built only here, at construction. */
  private readonly products = new Map<string, Product>();
  private readonly bySector = new Map<string, Product>();

  constructor(schedule: Pick<Schedule, "sectors" | "lists">) {
    for (const sector of schedule.sectors) for (const prefix of sector.hs) this.node(prefix).sector ??= sector.id;
    for (const list of schedule.lists) {
      for (const e of list.entries) {
        const start: Node["starts"][number] = { list: list.id, except: e.except };
        if (e.from !== undefined) start.from = e.from;
        if (e.until !== undefined) start.until = e.until;
        this.node(e.hs).starts.push(start);
        // An exception is a node of its own, so that codes under it find their own (smaller) answer.
        for (const x of e.except) this.node(x);
      }
    }
    this.settle();
    for (const sector of schedule.sectors) this.bySector.set(sector.id, this.intern(sector.id, [], NO_CLAIMS));
  }

  /** The goods of an HS code (digits only). */
  ofCode(hs: string): CodeLookup {
    let node = this.root;
    for (let i = 0; i < hs.length; i++) {
      const next = node.children?.[hs.charCodeAt(i) - 48];
      // The code goes on where the trie ends: nothing below can hold it, so nothing is finer than it.
      if (next === undefined) return node.coarse!;
      node = next;
    }
    return node as CodeLookup; // settled: every node has both
  }

  /** The goods of a line that names only a sector: no list can be told. */
  ofSector(sector: string): Product {
    return this.bySector.get(sector) ?? this.intern(sector, [], NO_CLAIMS);
  }

  /** The same goods grouped under another sector, or with claims: made per line (rare), not cached. */
  variant(product: Product, sector: string | undefined, claims: readonly string[]): Product {
    if (sector === product.sector && claims.length === 0) return product;
    return { key: keyOf(sector, product.memberships, claims), sector, memberships: product.memberships, claims };
  }

  private node(prefix: string): Node {
    let node = this.root;
    for (let i = 0; i < prefix.length; i++) {
      const d = prefix.charCodeAt(i) - 48;
      if (d < 0 || d > 9) continue; // dots
      node.children ??= new Array<Node | undefined>(10).fill(undefined);
      node = node.children[d] ??= newNode();
    }
    return node;
  }

  /**
   * Works out every node's product top-down (the sector and entries it inherits,
   * less the entries that except it, plus its own) and, bottom-up, the lists of
   * entries below it. Iterative: depth is at most ten, breadth is the file's.
   */
  private settle(): void {
    const order: { node: Node; path: string; sector: string | undefined; held: Node["starts"] }[] = [];
    const stack = [{ node: this.root, path: "", sector: undefined as string | undefined, held: [] as Node["starts"] }];
    while (stack.length > 0) {
      const item = stack.pop()!;
      const { node, path } = item;
      const sector = node.sector ?? item.sector;
      let held = item.held.filter((s) => !s.except.includes(path));
      if (node.starts.length > 0) held = [...held, ...node.starts];
      const memberships = held.map(({ list, from, until }) => {
        const m: Membership = { list };
        if (from !== undefined) m.from = from;
        if (until !== undefined) m.until = until;
        return m;
      });
      node.product = this.intern(sector, memberships, NO_CLAIMS);
      order.push(item);
      node.children?.forEach((child, d) => {
        if (child) stack.push({ node: child, path: path + String(d), sector, held });
      });
    }
    // Bottom-up (reverse of a pre-order): the lists of entries starting below each node.
    for (let i = order.length - 1; i >= 0; i--) {
      const node = order[i]!.node;
      for (const child of node.children ?? []) {
        if (!child) continue;
        for (const s of child.starts) node.below.add(s.list);
        for (const l of child.below) node.below.add(l);
      }
      const own = new Set(node.product!.memberships.map((m) => m.list));
      node.finer = [...node.below].filter((l) => !own.has(l)).sort();
      node.coarse = { product: node.product!, finer: NO_LISTS };
    }
  }

  private intern(sector: string | undefined, memberships: Membership[], claims: readonly string[]): Product {
    const key = keyOf(sector, memberships, claims);
    let product = this.products.get(key);
    if (!product) {
      product = { key, sector, memberships, claims };
      this.products.set(key, product);
    }
    return product;
  }
}

function keyOf(sector: string | undefined, memberships: readonly Membership[], claims: readonly string[]): string {
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
