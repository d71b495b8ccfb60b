/**
 * Streamed output written as bytes (issue #17, item 2): rows go into a block,
 * and a block is handed to the sink whole (`pushBytes`), to be written as it
 * is, with no string per field, per row or per block. A block handed over is
 * never written to again (the stream may still hold it until the write is
 * done): the next rows go into the bytes after it. Blocks are cut from slabs
 * of 1 MiB, and a slab is reused once the stream has written every block of
 * it (`pushBytes`'s `done`): no array per block, and no garbage outside the
 * heap piling up until a collection (which grew the peak RSS by a fifth).
 *
 * A block is handed over at the end of the row (`end`) where the same rows
 * pushed as strings would have made the sink pass them on: once they add up
 * to `CHUNK` (16 KiB) in UTF-16 codes, counted as the strings' lengths would
 * be. So the stream gets the same bytes in the same writes as from strings,
 * and what a failed run leaves on standard output (the rows passed on before
 * the failure) is the same too.
 *
 * Everything a command writes between the first row and `flush` goes through
 * here, strings too (`text`), so that the output keeps the order of the calls.
 * Text is written as UTF-8, as the stream would encode the same string.
 */
import type { Decimal } from "../../core/money/decimal.js";
import { formatDecimal } from "../../core/money/decimal.js";
import { MAX_DECIMAL_BYTES, writeDecimal, writeDigits } from "../../core/money/ascii.js";
import { CHUNK, type Sink } from "../../io/atomic-write.js";

/** Text made into bytes once, to be written on many rows; `length`: its UTF-16 length (what a sink of strings counts). */
export interface Fragment {
  readonly bytes: Uint8Array;
  readonly length: number;
}

export function fragment(text: string): Fragment {
  return { bytes: Buffer.from(text, "utf8"), length: text.length };
}

/** Blocks are cut from slabs of this size. */
const SLAB = 1 << 20;
/** Slabs kept for reuse once the stream is through with every block of theirs: memory stays flat. */
const SPARE_SLABS = 4;

/** A slab and the blocks of it the stream still holds. */
interface Slab {
  readonly bytes: Buffer;
  /** Blocks handed over and not yet written. */
  held: number;
  /** No more blocks are cut from it: it can be reused once `held` is 0. */
  used: boolean;
}

export class ByteRows {
  /** Where blocks are cut from: the current block is `slab[start, at)`; what was handed over is never written again until its slab is reused. */
  private slab: Slab;
  private out: Buffer;
  private start = 0;
  private at = 0;
  /** Bytes written beyond the UTF-16 length of what they encode (non-ASCII text), since the last hand-over. */
  private extra = 0;
  /** Slabs the stream is through with, ready for reuse. */
  private readonly spare: Buffer[] = [];

  /** `passAt`: hand a block over once its rows add up to this many UTF-16 codes (the sink's `CHUNK`). */
  constructor(private readonly sink: Pick<Sink, "pushBytes">, private readonly passAt = CHUNK) {
    this.slab = { bytes: Buffer.allocUnsafe(SLAB), held: 0, used: false };
    this.out = this.slab.bytes;
  }

  /** Makes room for `n` more bytes: a new slab when this one has not got it, with the current block copied over. */
  room(n: number): void {
    if (this.at + n > this.out.length) this.newSlab(n);
  }

  private newSlab(n: number): void {
    const kept = this.at - this.start;
    const old = this.slab;
    const size = kept + n;
    const bytes = size <= SLAB ? (this.spare.pop() ?? Buffer.allocUnsafe(SLAB)) : Buffer.allocUnsafe(2 * size);
    old.bytes.copy(bytes, 0, this.start, this.at);
    old.used = true;
    this.release(old);
    this.slab = { bytes, held: 0, used: false };
    this.out = bytes;
    this.start = 0;
    this.at = kept;
  }

  /** A slab no longer cut from and no longer held by the stream is kept for reuse (up to SPARE_SLABS of them). */
  private release(slab: Slab): void {
    if (slab.used && slab.held === 0 && slab.bytes.length === SLAB && this.spare.length < SPARE_SLABS) this.spare.push(slab.bytes);
  }

  /** The end of a row (or of a text the command pushes): hands the block over where a sink of strings would have passed them on. */
  end(): void {
    if (this.at - this.start - this.extra >= this.passAt) this.handOver();
  }

  /** Hands over what is written so far (at the end, before the sink is closed). */
  flush(): void {
    if (this.at > this.start) this.handOver();
  }

  private handOver(): void {
    const slab = this.slab;
    slab.held++;
    this.sink.pushBytes(this.out.subarray(this.start, this.at), () => {
      slab.held--;
      this.release(slab);
    });
    this.start = this.at;
    this.extra = 0;
  }

  /** One ASCII byte (a separator). */
  byte(c: number): void {
    if (this.at >= this.out.length) this.newSlab(1);
    this.out[this.at++] = c;
  }

  /** Text made into bytes once (`fragment`). */
  fragment(f: Fragment): void {
    const b = f.bytes;
    const n = b.length;
    this.room(n);
    const out = this.out;
    let at = this.at;
    // A loop is quicker than `set` for a few bytes (a separator), `set` for more.
    if (n < 16) for (let i = 0; i < n; i++) out[at++] = b[i]!;
    else {
      out.set(b, at);
      at += n;
    }
    this.at = at;
    this.extra += n - f.length;
  }

  /**
   * A string as UTF-8. ASCII, the common case, is copied code by code; from
   * the first code above 0x7F on, Node's encoder writes the rest (a code
   * before it is ASCII, so no surrogate pair is cut there).
   */
  text(s: string): void {
    const n = s.length;
    // A UTF-16 code is at most 3 bytes of UTF-8 (a pair, two codes, is 4).
    this.room(n * 3);
    const out = this.out;
    let at = this.at;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c > 0x7f) {
        const written = out.write(i === 0 ? s : s.slice(i), at, "utf8");
        this.at = at + written;
        this.extra += written - (n - i);
        return;
      }
      out[at++] = c;
    }
    this.at = at;
  }

  /** A non-negative safe integer (a line number), as `digitsOf` writes it. */
  digits(n: number): void {
    this.room(16);
    this.at = writeDigits(this.out, this.at, n);
  }

  /** `formatDecimal(d, places)`, digit by digit in the common case (`writeDecimal`), else that text. */
  decimal(d: Decimal, places: number): void {
    this.room(MAX_DECIMAL_BYTES);
    const end = writeDecimal(this.out, this.at, d, places);
    if (end < 0) this.text(formatDecimal(d, places));
    else this.at = end;
  }
}
