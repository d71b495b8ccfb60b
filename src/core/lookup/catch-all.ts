/**
 * Whether an HS code falls through to a catch-all beside listed codes: it is
 * on no product list an importer's measures read, its sector is one no
 * measure of that importer names (so only the measures on all goods charge
 * it), and yet the schedule lists a code next to it. A mistyped code
 * (`7326.90.96` for `7326.90.86`) or a code the schedule lacks looks so, and
 * its duty is then silently the catch-all's (issue #14, item 7).
 *
 * "Catch-all" is read from the data, not from sector names: for importer I,
 * the *listed* codes are the entries (and their exceptions) of the lists I's
 * measures read and the prefixes of the sectors I's measures name (in
 * `sectors`, `exceptSectors` or rates by scope). A code under a listed code
 * is placed by it. Any other code is charged as the catch-all's, and is
 * warned only when a listed code is *beside* it (shares at least its first
 * six digits, the subheading, and differs from it only in its own last two
 * digits: listed `0602.90.20` is beside `0602.90.30.00`) or *under* it (the
 * line's code is shorter than listed codes). Sharing only a chapter or a
 * heading is not enough: on real codes that fired on most codes that fall
 * through (README, Shipments CSV, Warnings, for the figures).
 *
 * One digit trie per importer, built the first time that importer is asked
 * about (most files have one); a check walks at most ten nodes and allocates
 * nothing unless it warns. No per-code memo: the memory is the schedule's.
 */
import type { ImporterCode, Schedule } from "../schedule/model.js";
import { listsRead } from "../schedule/model.js";

/** What a catch-all check found: listed codes near the line's, to name in the warning. */
export interface CatchAllHit {
  /** `beside`: a listed code shares the line's first `shared` digits and differs only in its own last two; `under`: listed codes are longer versions of the line's code. */
  kind: "beside" | "under";
  /** A listed code near the line's (the shortest of them), digits only. */
  near: string;
  /** How many digits the line's code shares with `near` (its whole length for `under`). */
  shared: number;
  /** How many listed codes share those digits. */
  count: number;
}

/** Digits a listed code must share with a line's code to be beside it, at least: the subheading. */
const MIN_SHARED = 6;
/** Digits at the end of a listed code in which it may differ from the line's code and still be beside it. */
const NEAR_DIGITS = 2;

const NONE = 0;
const ROOT = 1;

/** One importer's listed codes as a digit trie. */
class ListedTrie {
  child = new Int32Array(1024 * 10);
  count = 2;
  /** A listed code ends at the node. */
  terminal = new Uint8Array(1024);
  /** Per node: listed codes at or under it. */
  under = new Int32Array(1024);
  /** Per node: the shortest listed code at or under it, as an index into `codes`; -1 none. */
  shortest = new Int32Array(1024).fill(-1);
  readonly codes: string[] = [];

  add(code: string): void {
    const at = this.codes.length;
    this.codes.push(code);
    let node = ROOT;
    this.mark(node, at);
    for (let i = 0; i < code.length; i++) {
      const d = code.charCodeAt(i) - 48;
      let next = this.child[node * 10 + d]!;
      if (next === NONE) {
        next = this.count++;
        this.grow();
        this.child[node * 10 + d] = next;
      }
      node = next;
      this.mark(node, at);
    }
    this.terminal[node] = 1;
  }

  /** Counts the code at or under the node and keeps the shortest (the first of equal length: schedule order). */
  private mark(node: number, at: number): void {
    this.under[node]!++;
    const s = this.shortest[node]!;
    if (s === -1 || this.codes[at]!.length < this.codes[s]!.length) this.shortest[node] = at;
  }

  private grow(): void {
    if (this.count * 10 <= this.child.length) return;
    const child = new Int32Array(this.child.length * 2);
    child.set(this.child);
    this.child = child;
    const n = child.length / 10;
    const terminal = new Uint8Array(n);
    terminal.set(this.terminal);
    this.terminal = terminal;
    const under = new Int32Array(n);
    under.set(this.under);
    this.under = under;
    const shortest = new Int32Array(n).fill(-1);
    shortest.set(this.shortest);
    this.shortest = shortest;
  }
}

export class CatchAllIndex {
  private readonly tries: Partial<Record<ImporterCode, ListedTrie>> = {};
  private readonly lists: Record<ImporterCode, ReadonlySet<string>>;
  private readonly sectors: Record<ImporterCode, ReadonlySet<string>>;

  constructor(private readonly schedule: Pick<Schedule, "sectors" | "lists" | "measures">) {
    this.lists = listsRead(schedule);
    this.sectors = sectorsNamed(schedule);
  }

  /**
   * The check for a line of `importer` whose code `hs` (digits only) is
   * grouped under `sector` (the sector its code maps to); undefined when the
   * code is placed by a listed code, its sector is named by the importer's
   * measures, or no listed code is near it.
   */
  check(importer: ImporterCode, hs: string, sector: string): CatchAllHit | undefined {
    if (this.sectors[importer].has(sector)) return undefined;
    const trie = (this.tries[importer] ??= this.build(importer));
    let node = ROOT;
    let near = NONE;
    let shared = 0;
    let depth = 0;
    for (; depth < hs.length; depth++) {
      const next = trie.child[node * 10 + hs.charCodeAt(depth) - 48]!;
      if (next === NONE) break;
      node = next;
      // A listed code the line's code starts with places it (an exception too: the schedule knows the code).
      if (trie.terminal[node] === 1) return undefined;
      // The deepest node whose shortest listed code is at most two digits longer than the part shared.
      if (depth + 1 >= MIN_SHARED && trie.codes[trie.shortest[node]!]!.length <= depth + 1 + NEAR_DIGITS) {
        near = node;
        shared = depth + 1;
      }
    }
    if (depth === hs.length && node !== ROOT) return { kind: "under", near: trie.codes[trie.shortest[node]!]!, shared: depth, count: trie.under[node]! };
    if (near === NONE) return undefined;
    return { kind: "beside", near: trie.codes[trie.shortest[near]!]!, shared, count: trie.under[near]! };
  }

  private build(importer: ImporterCode): ListedTrie {
    const trie = new ListedTrie();
    const lists = this.lists[importer];
    for (const list of this.schedule.lists) {
      if (!lists.has(list.id)) continue;
      for (const e of list.entries) {
        trie.add(e.hs);
        for (const x of e.except) trie.add(x);
      }
    }
    const sectors = this.sectors[importer];
    for (const s of this.schedule.sectors) if (sectors.has(s.id)) for (const p of s.hs) trie.add(p);
    return trie;
  }
}

/** The sectors each importer's measures name: in their `sectors` or `exceptSectors`, or with rates of their own. */
export function sectorsNamed(schedule: Pick<Schedule, "sectors" | "measures">): Record<ImporterCode, ReadonlySet<string>> {
  const ids = new Set(schedule.sectors.map((s) => s.id));
  const out = { US: new Set<string>(), CA: new Set<string>() };
  for (const m of schedule.measures) {
    const named = out[m.importer];
    if (m.sectors !== "*") for (const s of m.sectors) named.add(s);
    for (const s of m.exceptSectors) named.add(s);
    for (const p of m.periods) {
      if (p.sectors !== "*") for (const s of p.sectors) named.add(s);
      for (const s of p.exceptSectors) named.add(s);
      for (const scope of p.byScope.keys()) if (ids.has(scope)) named.add(scope);
    }
  }
  return out;
}

/** `7326908610` → `7326.90.86.10` (HS digits grouped 4, 2, 2, 2). */
export function dottedHs(digits: string): string {
  const parts = [digits.slice(0, 4)];
  for (let i = 4; i < digits.length; i += 2) parts.push(digits.slice(i, i + 2));
  return parts.join(".");
}
