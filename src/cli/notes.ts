/**
 * Rejections and warnings of shipment lines on stderr, as
 * `file:line: rejected: column: reason`. Memory stays bounded whatever their
 * number: machine formats write each as it happens; table and md (for a
 * person, printed after the data, as before) keep the first MAX_LISTED and
 * count the rest.
 */
import type { Rejection, RowWarning } from "../core/duty/shipment.js";
import { drained } from "../io/atomic-write.js";
import type { Context } from "./context.js";
import { escapeText } from "../core/escape.js";

export const MAX_LISTED = 1000;

export class LineNotes {
  private readonly listed: string[] = [];
  private left = 0;
  private full = false;
  /** Streamed notes of the current batch of input: one write per batch, not one per line (a syscall each). */
  private pending: string[] = [];

  /** `stream`: write each note at once; otherwise list the first MAX_LISTED at `finish`. */
  constructor(private readonly ctx: Context, private readonly label: string, private readonly command: string, private readonly stream: boolean) {}

  warning(w: RowWarning): void {
    this.note(`${escapeText(this.label)}:${w.line}: warning: ${escapeText(w.column)}: ${escapeText(w.message)}\n`);
  }

  rejected(r: Rejection): void {
    let text = `${escapeText(this.label)}:${r.line}: rejected: ${r.column ? `${escapeText(r.column)}: ` : ""}${escapeText(r.reason)}\n`;
    // Every fault of the line (issue #14), so that one run shows all there is to fix.
    for (const f of r.faults?.slice(1) ?? []) text += `  and ${f.column ? `${escapeText(f.column)}: ` : ""}${escapeText(f.reason)}\n`;
    this.note(text);
  }

  private note(text: string): void {
    // A write to a pipe whose reader is slow is queued in memory: `drain` waits for it (back-pressure).
    if (this.stream) this.pending.push(text);
    else if (this.listed.length < MAX_LISTED) this.listed.push(text);
    else this.left++;
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    if (!this.ctx.stderr.write(this.pending.join(""))) this.full = true;
    this.pending = [];
  }

  /** Writes the batch's notes and waits while stderr is full; called once per batch of input, as the output's own drain. */
  async drain(): Promise<void> {
    this.flush();
    if (!this.full) return;
    this.full = false;
    const state = this.ctx.stderr as { writableNeedDrain?: boolean; destroyed?: boolean };
    if (state.writableNeedDrain !== false && state.destroyed !== true) await drained(this.ctx.stderr).catch(() => undefined); // a stderr that failed has nothing to wait for
  }

  /** Writes what was kept, and how many were left out. */
  finish(): void {
    this.flush();
    for (const text of this.listed) this.ctx.stderr.write(text);
    if (this.left > 0) this.ctx.stderr.write(`tariff ${this.command}: ${this.left} more rejected or warned lines not listed (the first ${MAX_LISTED} are); --format json lists every one\n`);
    this.listed.length = 0;
    this.left = 0;
  }
}
