/**
 * Rejections and warnings of shipment lines on stderr. Warnings, as
 * `file:line: warning: column: message`: machine formats write each as it
 * happens; formats for a person (printed after the data) keep the first
 * MAX_LISTED and count the rest. Rejections are grouped by code, with the
 * first few of each (render/rejection-groups.ts), after the warnings.
 * Memory stays bounded whatever their number.
 */
import type { Rejection, RowWarning } from "../core/duty/shipment.js";
import { drained } from "../io/atomic-write.js";
import type { Context } from "./context.js";
import { escapeText } from "../core/escape.js";
import { DEFAULT_MAX_MESSAGES, RejectionGroups } from "./render/rejection-groups.js";

export const MAX_LISTED = 1000;

export class LineNotes {
  private readonly listed: string[] = [];
  private left = 0;
  private full = false;
  /** Streamed notes of the current batch of input: one write per batch, not one per line (a syscall each). */
  private pending: string[] = [];

  private readonly groups: RejectionGroups;

  /** `stream`: write each warning at once; otherwise list the first MAX_LISTED at `finish`. `maxMessages`: rejections shown per code. */
  constructor(private readonly ctx: Context, private readonly label: string, private readonly command: string, private readonly stream: boolean, maxMessages = DEFAULT_MAX_MESSAGES) {
    this.groups = new RejectionGroups(label, maxMessages);
  }

  warning(w: RowWarning): void {
    this.note(`${escapeText(this.label)}:${w.line}: warning: ${escapeText(w.column)}: ${escapeText(w.message)}\n`);
  }

  /** A rejected line: counted under its code, and kept if among the first of its code. */
  rejected(r: Rejection): void {
    this.groups.add(r);
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

  /** Writes what was kept, and how many were left out: the warnings, then the rejections by code. */
  finish(): void {
    this.flush();
    for (const text of this.listed) this.ctx.stderr.write(text);
    if (this.left > 0) this.ctx.stderr.write(`tariff ${this.command}: ${this.left} more warnings not listed (the first ${MAX_LISTED} are); --format json lists every one\n`);
    if (this.groups.count > 0) this.ctx.stderr.write(this.groups.text());
    this.listed.length = 0;
    this.left = 0;
  }
}
