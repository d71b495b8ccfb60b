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

/** Bytes of the streamed notes' buffer; a batch with more takes another (one write per batch still). */
const BLOCK = 64 * 1024;
/** Distinct columns whose escaped text is kept (a file has a few; a bound all the same). */
const MAX_COLUMNS = 256;

export class LineNotes {
  private readonly listed: string[] = [];
  private left = 0;
  private full = false;

  /**
   * Streamed notes of the current batch of input, as the bytes stderr gets: one write per batch, not one
   * per line (a syscall each). Written into a buffer rather than joined from strings: a file can warn on a
   * quarter of its lines (issue #17: building, escaping and joining the texts was 15% of `calc --format csv`).
   */
  private bytes: Buffer | undefined;
  private used = 0;
  /** Earlier buffers of the batch, full. */
  private done: Buffer[] = [];
  /** `file:`, escaped, as UTF-8: the same on every note. */
  private readonly where: Buffer;
  /** `: warning: column: ` for each column seen, escaped, as UTF-8. */
  private readonly middles = new Map<string, Buffer>();
  /** Per BMP character, once seen in a message: 1 escapeText leaves it as it is, 2 it escapes it. */
  private safeChars: Uint8Array | undefined;

  private readonly groups: RejectionGroups;

  /** `stream`: write each warning at once; otherwise list the first MAX_LISTED at `finish`. `maxMessages`: rejections shown per code. */
  constructor(private readonly ctx: Context, private readonly label: string, private readonly command: string, private readonly stream: boolean, maxMessages = DEFAULT_MAX_MESSAGES) {
    this.groups = new RejectionGroups(label, maxMessages);
    this.where = Buffer.from(`${escapeText(label)}:`);
  }

  warning(w: RowWarning): void {
    // A write to a pipe whose reader is slow is queued in memory: `drain` waits for it (back-pressure).
    if (this.stream) this.streamed(w);
    else if (this.listed.length < MAX_LISTED) this.listed.push(warningText(this.label, w));
    else this.left++; // counted, never built
  }

  /** A rejected line: counted under its code, and kept if among the first of its code. */
  rejected(r: Rejection): void {
    this.groups.add(r);
  }

  /** The bytes of `warningText(label, w)`, added to the batch. */
  private streamed(w: RowWarning): void {
    let middle = this.middles.get(w.column);
    if (middle === undefined) {
      if (this.middles.size >= MAX_COLUMNS) this.middles.clear();
      middle = Buffer.from(`: warning: ${escapeText(w.column)}: `);
      this.middles.set(w.column, middle);
    }
    const message = w.message;
    // Room for the common case: at most 3 bytes of UTF-8 per UTF-16 unit; else it is measured below.
    let buf = this.room(this.where.length + 16 + middle.length + 3 * message.length + 1);
    let o = this.used;
    o += this.where.copy(buf, o);
    o = writeDigits(buf, o, w.line);
    o += middle.copy(buf, o);
    // Characters escapeText leaves as they are (printable ASCII, and the BMP's other safe characters, an
    // ellipsis of the catch-all warning...) are encoded to UTF-8 as they are scanned, without the RegExp.
    // Anything else (rare: a control character, a surrogate) sends the message through escapeText and the encoder.
    const start = o;
    let plain = true;
    for (let i = 0; i < message.length; i++) {
      const c = message.charCodeAt(i);
      if (c >= 0x20 && c <= 0x7e) buf[o++] = c;
      else if (c >= 0xa0 && (c < 0xd800 || c > 0xdfff) && this.safe(c)) {
        if (c < 0x800) {
          buf[o++] = 0xc0 | (c >> 6);
          buf[o++] = 0x80 | (c & 0x3f);
        } else {
          buf[o++] = 0xe0 | (c >> 12);
          buf[o++] = 0x80 | ((c >> 6) & 0x3f);
          buf[o++] = 0x80 | (c & 0x3f);
        }
      } else {
        plain = false;
        break;
      }
    }
    if (!plain) {
      const shown = escapeText(message);
      const size = Buffer.byteLength(shown);
      if (start + size + 1 > buf.length) {
        // Does not fit after all: the note starts again in a new buffer (what was copied of it is past `used`: dropped).
        buf = this.room(this.where.length + 16 + middle.length + size + 1);
        o = this.used;
        o += this.where.copy(buf, o);
        o = writeDigits(buf, o, w.line);
        o += middle.copy(buf, o);
      } else o = start;
      o += buf.write(shown, o, "utf8");
    }
    buf[o++] = 10; // \n
    this.used = o;
  }

  /** Whether escapeText leaves the BMP character `c` (not a surrogate) as it is: asked of it once per character. */
  private safe(c: number): boolean {
    const known = (this.safeChars ??= new Uint8Array(0x10000));
    if (known[c] === 0) {
      const ch = String.fromCharCode(c);
      known[c] = escapeText(ch) === ch ? 1 : 2;
    }
    return known[c] === 1;
  }

  /** The buffer with at least `size` bytes free after `used` (a new one when not). */
  private room(size: number): Buffer {
    const buf = this.bytes;
    if (buf !== undefined && this.used + size <= buf.length) return buf;
    if (buf !== undefined && this.used > 0) this.done.push(buf.subarray(0, this.used));
    this.bytes = Buffer.allocUnsafe(Math.max(BLOCK, size));
    this.used = 0;
    return this.bytes;
  }

  private flush(): void {
    if (this.bytes === undefined || (this.used === 0 && this.done.length === 0)) return;
    if (this.used > 0) this.done.push(this.bytes.subarray(0, this.used));
    const chunk = this.done.length === 1 ? this.done[0]! : Buffer.concat(this.done);
    // A new buffer for the next batch: the stream may hold this one until it is written.
    this.bytes = undefined;
    this.used = 0;
    this.done = [];
    if (!this.ctx.stderr.write(chunk)) this.full = true;
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

/** A warning as stderr shows it: `file:line: warning: column: message`, file, column and message escaped. */
export function warningText(label: string, w: RowWarning): string {
  return `${escapeText(label)}:${w.line}: warning: ${escapeText(w.column)}: ${escapeText(w.message)}\n`;
}

/** `n` (a line number: a positive integer) in decimal digits at buf[o]; returns the end. Not through a string: see README, Memory. */
function writeDigits(buf: Buffer, o: number, n: number): number {
  if (!Number.isSafeInteger(n) || n < 0) return o + buf.write(String(n), o, "latin1");
  let digits = 1;
  for (let p = 10; p <= n; p *= 10) digits++;
  for (let i = o + digits - 1; i >= o; i--) {
    buf[i] = 48 + (n % 10);
    n = Math.floor(n / 10);
  }
  return o + digits;
}
