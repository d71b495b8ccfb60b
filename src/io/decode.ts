/**
 * The bytes of a shipments file → UTF-8 for the CSV parser (issue #14).
 * UTF-8 (with or without BOM) passes through untouched; UTF-16 with a byte
 * order mark is decoded; `--encoding windows-1252|latin1|utf-16le|utf-16be`
 * decodes as declared; a file that looks like UTF-16 without a BOM (NUL
 * bytes) is refused, naming the option to give. The header line is handed to
 * `onHead` before any byte goes on, so the reader can set the delimiter.
 * Decoding uses Node's own TextDecoder (full ICU, in every Node 20 build):
 * no dependency.
 */
import { Transform, type TransformCallback } from "node:stream";
import { TextDecoder } from "node:util";
import { error } from "../core/diagnostics.js";
import { CsvFatal } from "./csv-fatal.js";
import type { Encoding } from "./map-file.js";

/** How far to look for the end of the header line before deciding anyway. */
const HEAD_LIMIT = 64 * 1024;

export type Mode = "utf-8" | "utf-16le" | "utf-16be" | "windows-1252" | "latin1";

export class InputDecoder extends Transform {
  private head: Buffer[] = [];
  private headBytes = 0;
  private started = false;
  private mode: Mode = "utf-8";
  private decoder: TextDecoder | undefined;

  constructor(
    private readonly file: string,
    private readonly encoding: Encoding | undefined,
    private readonly onHead: (firstLine: string, mode: Mode) => void,
  ) {
    super();
  }

  override _transform(chunk: Buffer | string, _enc: BufferEncoding, done: TransformCallback): void {
    const bytes = typeof chunk === "string" ? Buffer.from(chunk) : chunk;
    if (this.started) {
      done(null, this.convert(bytes, true));
      return;
    }
    this.head.push(bytes);
    this.headBytes += bytes.length;
    const all = Buffer.concat(this.head);
    // Enough to decide: a line break (in any of the encodings, 0x0A or 0x0D is in its bytes), or the limit.
    if (all.indexOf(10) < 0 && all.indexOf(13) < 0 && this.headBytes < HEAD_LIMIT) {
      done();
      return;
    }
    this.start(all, done, true);
  }

  override _flush(done: TransformCallback): void {
    if (!this.started) {
      this.start(Buffer.concat(this.head), done, false);
      return;
    }
    const rest = this.decoder?.decode();
    done(null, rest ? Buffer.from(rest, "utf8") : undefined);
  }

  private start(all: Buffer, done: TransformCallback, more: boolean): void {
    this.started = true;
    this.head = [];
    try {
      this.mode = this.decide(all);
    } catch (e) {
      done(e as Error);
      return;
    }
    if (this.mode === "utf-16le" || this.mode === "utf-16be" || this.mode === "windows-1252") this.decoder = new TextDecoder(this.mode);
    const out = this.convert(all, more);
    const text = out.toString("utf8");
    const end = text.search(/\r|\n/);
    this.onHead(end < 0 ? text : text.slice(0, end), this.mode);
    if (!more) {
      const rest = this.decoder?.decode();
      done(null, rest ? Buffer.concat([out, Buffer.from(rest, "utf8")]) : out);
      return;
    }
    done(null, out);
  }

  private decide(bytes: Buffer): Mode {
    if (bytes[0] === 0xff && bytes[1] === 0xfe) return "utf-16le";
    if (bytes[0] === 0xfe && bytes[1] === 0xff) return "utf-16be";
    if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return "utf-8";
    if (this.encoding !== undefined) return this.encoding;
    // UTF-16 of ASCII text has a NUL in every other byte; no CSV text has NULs.
    const sample = bytes.subarray(0, 512);
    const nul = sample.indexOf(0);
    if (nul >= 0) {
      const guess = nul % 2 === 1 ? "utf-16le" : "utf-16be";
      throw new CsvFatal(error("io/utf16", `the file has NUL bytes: it looks like UTF-16 text (${guess === "utf-16le" ? "little" : "big"}-endian) without a byte order mark`, { file: this.file, line: 1 }, `give --encoding ${guess}, or save it as UTF-8 (in Excel: CSV UTF-8)`));
    }
    return "utf-8";
  }

  private convert(bytes: Buffer, more: boolean): Buffer {
    switch (this.mode) {
      case "utf-8":
        return bytes;
      case "latin1":
        return Buffer.from(bytes.toString("latin1"), "utf8");
      default:
        return Buffer.from(this.decoder!.decode(bytes, { stream: more }), "utf8");
    }
  }
}

/** The delimiter a header line uses: the most frequent of `,` `;` tab `|` outside quotes (a comma when none). */
export function detectDelimiter(header: string): string {
  const counts = new Map<string, number>([[",", 0], [";", 0], ["\t", 0], ["|", 0]]);
  let quoted = false;
  for (const c of header) {
    if (c === '"') quoted = !quoted;
    else if (!quoted && counts.has(c)) counts.set(c, counts.get(c)! + 1);
  }
  let best = ",";
  for (const [d, n] of counts) if (n > counts.get(best)!) best = d;
  return best;
}

export function delimiterName(d: string): string {
  return d === "\t" ? "tab" : `"${d}"`;
}
