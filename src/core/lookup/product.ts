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

/** A list entry as the trie holds it: where its prefix ends. */
interface Start {
  list: string;
  from?: string;
  until?: string;
}

interface Node {
  children: (Node | undefined)[] | undefined;
  /** Sector whose prefix ends here. */
  sector?: string;
  /** List entries whose prefix ends here (made when the first one is added). */
  starts: Start[] | undefined;
  /** Entries of nodes above that except this prefix (e.g. 7326.90.86.88 from 7326.90.86). */
  excepts: Start[] | undefined;
  /** Lists of entries that start below this node, in list order, without repeats (filled as entries are added). */
  below: string[] | undefined;
  // Worked out the first time a lookup reaches the node (`settle`), then kept: bounded by the trie, not the file.
  /** The entries that hold codes under this node. */
  held?: readonly Start[];
  product?: Product;
  finer?: readonly string[];
  /** The answer for a code longer than any path through this node: its product, nothing finer. */
  coarse?: CodeLookup;
}

const NO_CLAIMS: readonly string[] = [];
const NO_LISTS: readonly string[] = [];
const NO_STARTS: readonly Start[] = [];

function newNode(): Node {
  return { children: undefined, starts: undefined, excepts: undefined, below: undefined };
}

export class ProductIndex {
  private readonly root = newNode();
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
    for (const sector of schedule.sectors) for (const prefix of sector.hs) this.node(prefix, undefined).sector ??= sector.id;
    for (const list of schedule.lists) {
      for (const e of list.entries) {
        const start: Start = { list: list.id };
        if (e.from !== undefined) start.from = e.from;
        if (e.until !== undefined) start.until = e.until;
        const node = this.node(e.hs, list.id);
        (node.starts ??= []).push(start);
        // An exception is a node of its own, so that codes under it find their own (smaller) answer.
        for (const x of e.except) (this.node(x, undefined).excepts ??= []).push(start);
      }
    }
    this.settle(this.root, undefined);
    for (const sector of schedule.sectors) this.bySector.set(sector.id, this.intern(sector.id, [], NO_CLAIMS));
  }

  /** The goods of an HS code (digits only). */
  ofCode(hs: string): CodeLookup {
    let node = this.root;
    for (let i = 0; i < hs.length; i++) {
      const next = node.children?.[hs.charCodeAt(i) - 48];
      // The code goes on where the trie ends: nothing below can hold it, so nothing is finer than it.
      if (next === undefined) return node.coarse!;
      if (next.product === undefined) this.settle(next, node);
      node = next;
    }
    return node as CodeLookup; // settled: it has both
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

  /** The node of a prefix, made if new; `list`: an entry of that list starts there (its ancestors learn it is below them). */
  private node(prefix: string, list: string | undefined): Node {
    let node = this.root;
    for (let i = 0; i < prefix.length; i++) {
      const d = prefix.charCodeAt(i) - 48;
      if (d < 0 || d > 9) continue; // dots
      // Entries are added list by list, so a repeat is always the last one.
      if (list !== undefined && node.below?.at(-1) !== list) (node.below ??= []).push(list);
      node.children ??= new Array<Node | undefined>(10).fill(undefined);
      node = node.children[d] ??= newNode();
    }
    return node;
  }

  /**
   * A node's answer from its parent's: the sector and entries it inherits, less
   * the entries that except it, plus its own; and the lists of entries below it
   * that it is too short to place. A node that adds nothing to its parent's
   * (most) shares its product without building a key.
   */
  private settle(node: Node, parent: Node | undefined): void {
    const inherited = parent?.held ?? NO_STARTS;
    const parentSector = parent?.product?.sector;
    const sector = node.sector ?? parentSector;
    const excepts = node.excepts;
    let held = inherited;
    if (excepts !== undefined) held = held.filter((s) => !excepts.includes(s));
    if (node.starts !== undefined) held = [...held, ...node.starts];
    node.held = held;
    const product =
      parent !== undefined && held === inherited && sector === parentSector
        ? parent.product!
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
    if (node.below !== undefined) {
      const lists = node.below.filter((l) => !product.memberships.some((m) => m.list === l)).sort();
      if (lists.length > 0) {
        const key = lists.join("\n");
        finer = this.finers.get(key) ?? lists;
        this.finers.set(key, finer);
      }
    }
    node.finer = finer;
    node.coarse = { product, finer: NO_LISTS };
    node.product = product; // last: a node with a product is settled
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
