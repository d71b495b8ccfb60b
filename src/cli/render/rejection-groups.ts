/**
 * Rejected lines on stderr, grouped by code (issue #14, item 6): for each
 * code, in the order it first came up, how many lines and the first few of
 * them (`--max-messages N`, default 5), each as
 * `file:line: rejected: column: reason` with its other faults below it. A
 * person sees what kinds of problem there are and where to start; `--rejects`
 * and `--format json` have every one.
 *
 * Memory: the count of each code and its first N messages, never the
 * rejections themselves (codes are a fixed set: `shipment/…`).
 */
import type { Rejection } from "../../core/duty/shipment.js";
import { escapeText } from "../../core/escape.js";

export const DEFAULT_MAX_MESSAGES = 5;

/** A message kept for a person is cut past this many characters (a reason can quote a field of up to 1 MB). */
const MAX_MESSAGE_CHARS = 2000;

/** One rejection as a person reads it: `file:line: rejected: column: reason`, and each other fault below it. */
export function rejectionText(label: string, r: Rejection): string {
  let text = `${escapeText(label)}:${r.line}: rejected: ${r.column ? `${escapeText(r.column)}: ` : ""}${escapeText(r.reason)}\n`;
  // Every fault of the line (issue #14), so that one run shows all there is to fix.
  for (const f of r.faults?.slice(1) ?? []) text += `  and ${f.column ? `${escapeText(f.column)}: ` : ""}${escapeText(f.reason)}\n`;
  return text;
}

export class RejectionGroups {
  private readonly groups = new Map<string, { count: number; shown: string[] }>();
  /** Lines rejected. */
  count = 0;

  constructor(private readonly label: string, private readonly max = DEFAULT_MAX_MESSAGES) {}

  add(r: Rejection): void {
    this.count++;
    let g = this.groups.get(r.code);
    if (!g) this.groups.set(r.code, (g = { count: 0, shown: [] }));
    g.count++;
    if (g.shown.length < this.max) {
      const text = rejectionText(this.label, r);
      g.shown.push(text.length > MAX_MESSAGE_CHARS ? `${text.slice(0, MAX_MESSAGE_CHARS)}… (cut: ${text.length} characters)\n` : text);
    }
  }

  /**
   * The groups, e.g.
   * ```
   * shipment/bad-date: 3 lines rejected (the first 2 shown)
   *   f.csv:3: rejected: date: …
   *   f.csv:5: rejected: date: …
   * ```
   * and, when some were left out, a last line saying how to see them.
   */
  text(): string {
    let out = "";
    let left = false;
    for (const [code, g] of this.groups) {
      const some = g.shown.length < g.count;
      left ||= some;
      out += `${code}: ${g.count} line${g.count === 1 ? "" : "s"} rejected${!some ? "" : g.shown.length === 0 ? " (none shown)" : ` (the first ${g.shown.length} shown)`}\n`;
      for (const text of g.shown) out += text.replace(/^(?=.)/gm, "  ");
    }
    if (left) out += `(--max-messages N shows more of each; --format json or --rejects FILE has every one)\n`;
    return out;
  }
}
