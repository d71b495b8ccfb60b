/**
 * Expected problems are values, not exceptions: every check in the core returns
 * Diagnostics with a Location, and the shell renders them once.
 * The core knows JSON paths and CSV line numbers; `io/json.ts` fills in the
 * line and column of a JSON path before rendering.
 */

export type Path = (string | number)[];

export interface Location {
  file: string;
  line?: number;
  column?: number;
  path?: Path;
}

export type Severity = "error" | "warning";

export interface Diagnostic {
  /** Stable, documented code, e.g. `schedule/unknown-key`. */
  code: string;
  severity: Severity;
  message: string;
  at: Location;
  hint?: string;
}

export type Result<T> =
  | { ok: true; value: T; warnings: Diagnostic[] }
  /** `total`: how many errors were found, given only when there were more than `errors` lists (a capped list). */
  | { ok: false; errors: Diagnostic[]; warnings: Diagnostic[]; total?: number };

/**
 * Keeps the first `cap` diagnostics and counts them all, so that a file with a
 * million errors costs a counter, not a million messages, and the count shown
 * is still exact. Rules call `push` as on an array.
 */
export class CappedList {
  readonly list: Diagnostic[] = [];
  count = 0;
  constructor(readonly cap: number) {}

  push(d: Diagnostic): void {
    if (this.list.length < this.cap) this.list.push(d);
    this.count++;
  }

  /** No further diagnostic will be kept: work spent only on what is shown (a "did you mean") can be skipped. */
  get full(): boolean {
    return this.list.length >= this.cap;
  }
}

export function error(code: string, message: string, at: Location, hint?: string): Diagnostic {
  return hint === undefined ? { code, severity: "error", message, at } : { code, severity: "error", message, at, hint };
}

export function warning(code: string, message: string, at: Location, hint?: string): Diagnostic {
  return hint === undefined ? { code, severity: "warning", message, at } : { code, severity: "warning", message, at, hint };
}

/** `measures[3].periods[0].rate` — how paths read in messages. */
export function formatPath(path: Path): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(part)) out += out === "" ? part : `.${part}`;
    else out += `[${JSON.stringify(part)}]`;
  }
  return out === "" ? "(root)" : out;
}

/** RFC 6901 JSON Pointer, as Ajv's `instancePath`. */
export function jsonPointer(path: Path): string {
  return path.map((p) => "/" + String(p).replace(/~/g, "~0").replace(/\//g, "~1")).join("");
}

/**
 * A count of elementary steps, for tests that bound work by input size rather
 * than by the clock (issue #13): a quadratic rule cannot stay under k·n.
 */
export interface Work {
  steps: number;
}

/** Names longer than this get no "did you mean": no typo of a real id is that long, and each comparison costs length × distance. */
export const GUESS_MAX_LENGTH = 64;

/**
 * Edit-distance cells one "did you mean" may fill (about a millisecond); past it the best so far is kept.
 * A hint is a courtesy: it must not let a list of 100,000 ids make one message slow.
 */
export const GUESS_MAX_CELLS = 100_000;

/** Edits allowed between a name and a guess: one per four characters, at least one, and fewer than the name has (a one-letter name is no typo of anything). */
function allowedEdits(inputLength: number, candidateLength: number): number {
  return Math.min(Math.max(1, Math.floor(Math.max(inputLength, candidateLength) / 4)), inputLength - 1);
}

/**
 * The closest candidate by edit distance, if it is close enough to be a likely typo.
 * Bounded: names over GUESS_MAX_LENGTH are skipped, only candidates whose length is
 * within the allowed distance are compared, each comparison stops once it exceeds
 * that distance, and all of them together fill at most GUESS_MAX_CELLS cells.
 * `work`, when given, counts the cells filled.
 */
export function didYouMean(input: string, candidates: Iterable<string>, work?: Work): string | undefined {
  if (input.length === 0 || input.length > GUESS_MAX_LENGTH) return undefined;
  const a = input.toLowerCase();
  const bag = bagOf(a);
  const meter: Work = { steps: 0 };
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    if (meter.steps >= GUESS_MAX_CELLS || bestDistance === 0) break;
    if (candidate.length > GUESS_MAX_LENGTH) continue;
    // Only a strictly closer candidate replaces the best, so the first of equals wins, as before.
    // Lengths as written (lower-casing changes them only for a few non-ASCII letters): most candidates stop here, before any copy.
    const max = Math.min(allowedEdits(input.length, candidate.length), bestDistance - 1);
    if (max < 0 || Math.abs(input.length - candidate.length) > max) continue;
    const b = candidate.toLowerCase();
    // The letters one has and the other lacks are a lower bound on the edits (a swap moves none): a cheap first cut.
    if (bagDistance(bag, a.length, b, meter) > max) continue;
    const d = boundedEditDistance(a, b, max, meter);
    if (d <= max) {
      bestDistance = d;
      best = candidate;
    }
  }
  if (work) work.steps += meter.steps;
  return best;
}

/**
 * Edit distance counting a swap of two neighbours as one edit (optimal string
 * alignment), computed only in the band |i − j| ≤ max and stopped as soon as a
 * whole row exceeds max (a row's minimum never drops in later rows, swaps
 * included): returns max + 1 for "farther than max". Three rows of memory, at
 * most |a| × (2·max + 1) cells. Cells right of a row's band are never written,
 * as bands only move right, so they keep the initial max + 1.
 */
export function boundedEditDistance(a: string, b: string, max: number, meter: Work = { steps: 0 }): number {
  const over = max + 1;
  const n = b.length;
  let [prev2, prev, row] = rowsFor(n + 1, over);
  for (let j = 0; j <= Math.min(n, max); j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    const lo = Math.max(1, i - max);
    const hi = Math.min(n, i + max);
    // Rows are reused: clear the two cells left of the band that this row reads (older rows wrote there).
    row[0] = i <= max ? i : over;
    if (lo > 1) row[lo - 1] = over;
    let rowMin = row[0]!;
    for (let j = lo; j <= hi; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let d = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a.charCodeAt(i - 1) === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1)) d = Math.min(d, prev2[j - 2]! + 1);
      row[j] = Math.min(d, over);
      if (row[j]! < rowMin) rowMin = row[j]!;
    }
    meter.steps += hi - lo + 1;
    if (rowMin > max) return over;
    [prev2, prev, row] = [prev, row, prev2];
  }
  return Math.min(prev[n]!, over);
}

/** Letter counts of a name, by character code modulo 256 (a shared bucket only lowers the bound, so it stays a bound). */
function bagOf(a: string): Int32Array {
  const bag = new Int32Array(256);
  for (let i = 0; i < a.length; i++) bag[a.charCodeAt(i) & 255]! += 1;
  return bag;
}

const taken = new Int32Array(256);

/** max(letters of a not in b, letters of b not in a), as multisets: at most the edit distance. */
function bagDistance(bagA: Int32Array, lengthA: number, b: string, meter: Work): number {
  let common = 0;
  for (let i = 0; i < b.length; i++) {
    const c = b.charCodeAt(i) & 255;
    if (++taken[c]! <= bagA[c]!) common++;
  }
  for (let i = 0; i < b.length; i++) taken[b.charCodeAt(i) & 255] = 0;
  meter.steps += b.length;
  return Math.max(lengthA - common, b.length - common);
}

/** Three rows reused by every comparison: a guess compares thousands of short names, and allocating rows for each cost more than filling them. */
let scratch = [new Int32Array(GUESS_MAX_LENGTH + 1), new Int32Array(GUESS_MAX_LENGTH + 1), new Int32Array(GUESS_MAX_LENGTH + 1)] as const;
function rowsFor(length: number, fill: number): [Int32Array, Int32Array, Int32Array] {
  if (scratch[0].length < length) scratch = [new Int32Array(length), new Int32Array(length), new Int32Array(length)];
  for (const r of scratch) r.fill(fill, 0, length);
  return [scratch[0], scratch[1], scratch[2]];
}

/** Longer names are cut in messages: a 30,000-character id must not make a 30,000-character line. */
export const NAME_MAX_SHOWN = 40;

/**
 * A name from a file, quoted for a message: `"us-steel"`, or for a long one its
 * first NAME_MAX_SHOWN characters and its length: `"aaaa…" (30000 characters)`.
 */
export function quoted(name: string): string {
  if (name.length <= NAME_MAX_SHOWN) return `"${name}"`;
  return `"${name.slice(0, NAME_MAX_SHOWN)}…" (${name.length} characters)`;
}

/** A name shown bare (in a list such as a cycle), cut as `quoted` cuts it: `aaaa… (30000 characters)`. */
export function shortName(name: string): string {
  return name.length <= NAME_MAX_SHOWN ? name : `${name.slice(0, NAME_MAX_SHOWN)}… (${name.length} characters)`;
}
