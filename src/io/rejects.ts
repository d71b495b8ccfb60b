/**
 * `--rejects FILE` (issue #14): the rejected rows of a shipments file exactly
 * as they were written (the same header and the same bytes: no formula
 * neutralising, no re-quoting), each followed by two columns, `line` and
 * `reason`, so that the user fixes that file and runs it again (tariff
 * ignores columns it does not read).
 *
 * Streaming: the input file is read a second time, alongside, through a
 * cursor that only moves forward (rejections come in file order), so memory
 * stays flat however many rows are rejected. A record that spans lines (a
 * quoted line break) is copied whole: it goes on while its quotes are open.
 */
import { closeSync, openSync, readSync } from "node:fs";
import { error } from "../core/diagnostics.js";
import type { Rejection } from "../core/duty/shipment.js";
import type { Sink } from "./atomic-write.js";
import { CsvFatal } from "./csv-fatal.js";
import type { Mode } from "./decode.js";
import type { ShipmentSource } from "./shipment-source.js";

/** Where rejected rows are copied from: a CSV file's bytes, or a workbook's cells. */
interface RowCopier {
  header(line: number): void;
  row(line: number, reason: string, single?: boolean): void;
  close(): void;
}

/**
 * The rejects file of a run, for calc and compare alike: opened on the
 * input's header (told by the reader), then given every rejection in file
 * order. A repeated header or a totals row is left out (not a shipment);
 * a rejected goods line takes its companion rows along.
 */
export class RejectsFile {
  private copier: RowCopier | undefined;

  constructor(private readonly sink: Sink, private readonly source: ShipmentSource) {}

  /** The reader's `onHeader`: the header's line, the delimiter and the encoding read. */
  header(line: number, delimiter: string, mode: Mode): void {
    if (this.copier) return;
    const { source } = this;
    if (source.workbook) {
      this.copier = new CellsWriter(this.sink, (l) => source.workbook!.cellsOf(l));
    } else {
      if (mode === "utf-16le" || mode === "utf-16be") throw new CsvFatal(error("io/rejects-utf16", "--rejects copies rows byte for byte, which it cannot do for a UTF-16 file", { file: source.label, line: 1 }, "save the file as UTF-8 (in Excel: CSV UTF-8), or leave out --rejects"));
      this.copier = new RejectsWriter(source.file!, this.sink, delimiter, mode === "utf-8" ? (t) => Buffer.from(t, "utf8") : (t) => Buffer.from(t, "latin1"));
    }
    this.copier.header(line);
  }

  /** A rejected row (`reason`: every fault, as written in the file), and the companion rows that went with it. */
  rejected(r: Rejection, reason: string, companions?: readonly { line: number }[]): void {
    if (!this.copier || r.code === "shipment/repeated-header" || r.code === "shipment/totals-row") return;
    this.copier.row(r.line, reason, r.code === "shipment/stray-quote");
    for (const c of companions ?? []) this.copier.row(c.line, `a chapter 99 row of line ${r.line}, which is rejected`);
  }

  drain(): Promise<void> {
    return this.sink.drain();
  }

  async close(): Promise<void> {
    this.copier?.close();
    this.copier = undefined;
    await this.sink.close();
  }

  async abort(): Promise<void> {
    this.copier?.close();
    this.copier = undefined;
    await this.sink.abort();
  }
}

/**
 * The rejected rows of a workbook, as CSV (UTF-8, comma-separated): the
 * header row's cells and each rejected row's, as tariff read them (numbers
 * as Excel shows them, dates as YYYY-MM-DD, an HS code's leading zero put
 * back), quoted where CSV needs it. The workbook's own bytes cannot be
 * copied: this is a CSV file to fix and run again.
 */
class CellsWriter implements RowCopier {
  constructor(private readonly sink: Sink, private readonly cellsOf: (line: number) => readonly string[] | undefined) {}

  header(line: number): void {
    this.write(this.cellsOf(line) ?? [], ["line", "reason"]);
  }

  row(line: number, reason: string): void {
    const cells = this.cellsOf(line);
    if (cells) this.write(cells, [String(line), reason]);
  }

  close(): void {}

  private write(cells: readonly string[], extra: string[]): void {
    const cell = (s: string) => (/[",\r\n]/.test(s) || /^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
    this.sink.push([...cells, ...extra].map(cell).join(",") + "\n");
  }
}

const CHUNK = 64 * 1024;

export class RejectsWriter implements RowCopier {
  private readonly fd: number;
  private buf: Buffer = Buffer.alloc(0);
  private pos = 0;
  private eof = false;
  /** The physical line the cursor is at (1-based). */
  private lineNo = 1;
  private headerDone = false;

  /** `encode`: how the two added columns are written (the file's own encoding: UTF-8, or Latin-1 bytes for single-byte files). */
  constructor(file: string, private readonly sink: Sink, private readonly delimiter: string, private readonly encode: (text: string) => Buffer) {
    this.fd = openSync(file, "r");
  }

  /** The header line (with its own line number, after any blank lines), with `line` and `reason` added. */
  header(line: number): void {
    if (this.headerDone) return;
    this.headerDone = true;
    this.skipTo(line);
    this.copyRecord(["line", "reason"], false);
  }

  /** A rejected row starting on `line`; `single`: one physical line whatever its quotes (a stray quote). */
  row(line: number, reason: string, single = false): void {
    if (line < this.lineNo) return; // already copied (never happens: rejections come in file order)
    this.skipTo(line);
    this.copyRecord([String(line), reason], single);
  }

  close(): void {
    closeSync(this.fd);
  }

  private skipTo(line: number): void {
    while (this.lineNo < line) if (this.nextLine() === undefined) return;
  }

  private copyRecord(extra: [string, string], single: boolean): void {
    const parts: Buffer[] = [];
    let quotes = 0;
    let terminator: Buffer = Buffer.from("\n");
    for (;;) {
      const l = this.nextLine();
      if (l === undefined) break;
      for (let i = 0; i < l.body.length; i++) if (l.body[i] === 34) quotes++;
      if (single || quotes % 2 === 0) {
        parts.push(l.body);
        if (l.end.length > 0) terminator = l.end;
        break;
      }
      parts.push(l.body, l.end);
    }
    if (parts.length === 0) return;
    const d = this.delimiter;
    const cell = (s: string) => (/["\r\n]/.test(s) || s.includes(d) || /^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
    for (const p of parts) this.sink.pushBytes!(p);
    this.sink.pushBytes!(this.encode(`${d}${cell(extra[0])}${d}${cell(extra[1])}`));
    this.sink.pushBytes!(terminator);
  }

  /** The next physical line: its bytes and its terminator (CRLF, LF, a lone CR, or none at the end). */
  private nextLine(): { body: Buffer; end: Buffer } | undefined {
    for (;;) {
      let i = this.pos;
      while (i < this.buf.length && this.buf[i] !== 10 && this.buf[i] !== 13) i++;
      if (i < this.buf.length) {
        // A CR at the end of what is read may be the first half of a CRLF: read on first.
        if (this.buf[i] === 13 && i + 1 === this.buf.length && !this.eof) {
          this.fill();
          continue;
        }
        const endLen = this.buf[i] === 13 && this.buf[i + 1] === 10 ? 2 : 1;
        const body = this.buf.subarray(this.pos, i);
        const end = this.buf.subarray(i, i + endLen);
        this.pos = i + endLen;
        this.lineNo++;
        return { body: Buffer.from(body), end: Buffer.from(end) };
      }
      if (this.eof) {
        if (this.pos >= this.buf.length) return undefined;
        const body = Buffer.from(this.buf.subarray(this.pos));
        this.pos = this.buf.length;
        this.lineNo++;
        return { body, end: Buffer.alloc(0) };
      }
      this.fill();
    }
  }

  private fill(): void {
    const chunk = Buffer.alloc(CHUNK);
    const n = readSync(this.fd, chunk, 0, CHUNK, null);
    if (n === 0) this.eof = true;
    this.buf = Buffer.concat([this.buf.subarray(this.pos), chunk.subarray(0, n)]);
    this.pos = 0;
  }
}
