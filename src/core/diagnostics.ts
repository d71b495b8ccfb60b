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
  | { ok: false; errors: Diagnostic[]; warnings: Diagnostic[] };

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

/** The closest candidate by edit distance, if it is close enough to be a likely typo. */
export function didYouMean(input: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  const lower = input.toLowerCase();
  for (const candidate of candidates) {
    const d = editDistance(lower, candidate.toLowerCase());
    if (d < bestDistance) {
      bestDistance = d;
      best = candidate;
    }
  }
  if (best === undefined) return undefined;
  // Short words are too alike to guess between ("a" is 2 edits from "id"): allow one edit per four characters, at least one.
  const limit = Math.max(1, Math.floor(Math.max(input.length, best.length) / 4));
  return bestDistance <= limit && bestDistance < input.length ? best : undefined;
}

/** Edit distance counting a swap of two neighbours as one edit (optimal string alignment). */
function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[a.length]![b.length]!;
}
