/**
 * Streaming reader of shipment CSV files: yields each record with its
 * physical line number (the header is line 1), never holding the file.
 * Header names are case-insensitive and trimmed; a UTF-8 BOM, CRLF or LF (even
 * mixed) and quoted fields with commas and newlines are accepted. Problems
 * that make the rest of the file unreadable (bad quoting, a record over
 * MAX_RECORD_BYTES, a missing required column) are thrown as CsvFatal with a
 * location; a line with bytes that are not UTF-8 is rejected on its own.
 */
import { isAscii as isAsciiBytes } from "node:buffer";
import { type Parser, parse } from "csv-parse";
import { type Diagnostic, error, warning } from "../core/diagnostics.js";
import { type Columns, type Companion, REQUIRED_COLUMNS, type Rejection, type Row } from "../core/duty/shipment.js";
import type { MapSpec } from "../core/duty/mapping.js";
import { CsvFatal } from "./csv-fatal.js";
import { RecordSorter } from "./records.js";
import { InputDecoder, type Mode, delimiterName, detectDelimiter } from "./decode.js";
import type { Encoding } from "./map-file.js";

export { CsvFatal } from "./csv-fatal.js";

/** How to read a shipments file: the mapping (issue #14), the encoding and the delimiter when declared. */
export interface ReadOptions {
  spec?: MapSpec;
  encoding?: Encoding;
  /** The field delimiter; detected from the header line when not given. */
  delimiter?: string;
  /** Notes about how the file is read (a detected delimiter, a decoded encoding), as warnings at line 1. */
  onNote?: (d: Diagnostic) => void;
  /** Told the header's line, the delimiter and the encoding read, the header's names as written (trimmed), where our columns are, and the header's fields as read (untrimmed), before any record. */
  onHeader?: (line: number, delimiter: string, mode: Mode, names: readonly string[], columns: Columns, fields: readonly string[]) => void;
  /** Rows keep their fields as read (`Row.input`) where a value map changes them (calc --keep-columns). */
  keepInput?: boolean;
  /** false: the whole file on the full path (csv-parse), as tests compare the fast path with it (issue #17). */
  fast?: boolean;
}

/** A companion row (ACE's chapter 99 line): counted, never priced; `attached` when it joined a goods line. */
export interface CompanionItem {
  line: number;
  companion: Companion;
  attached: boolean;
  /** Where the row is when it joined no goods line. */
  entry: string | null;
  entryLine: string | null;
}

/** Longest record accepted; a longer one is a broken file, not a shipment (bounds memory). */
export const MAX_RECORD_BYTES = 1_000_000;

/** A record to parse as a shipment, or a line rejected before that (not UTF-8, wrong field count, a repeated header). */
export type CsvItem = Row | Rejection | CompanionItem;

export function isRow(item: CsvItem): item is Row {
  return (item as Row).fields !== undefined;
}

export function isCompanionItem(item: CsvItem): item is CompanionItem {
  return (item as CompanionItem).companion !== undefined;
}

/** The line where a quote that is never closed opens (for files parsed whole, where no record count is at hand). */
export function unclosedQuoteLine(text: string): number {
  let line = 1;
  let inQuotes = false;
  let openedAt = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) {
      if (!inQuotes) openedAt = line;
      inQuotes = !inQuotes;
    } else if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) line++;
  }
  return openedAt;
}

/**
 * A csv-parse failure in words. `lastLine` is where the last good record
 * ended: an unclosed quote is only noticed at the end of the file, so the
 * place to look is the record that starts after it.
 */
export function csvError(e: unknown, file: string, lastLine = 0): CsvFatal {
  if (e instanceof CsvFatal) return e;
  const err = e as { code?: string; message?: string; lines?: number };
  let line = typeof err.lines === "number" ? err.lines : undefined;
  const what: Record<string, string> = {
    CSV_QUOTE_NOT_CLOSED: `a quoted field that starts after line ${lastLine} is never closed, so the rest of the file would be one field`,
    CSV_INVALID_CLOSING_QUOTE: 'a quote inside a quoted field must be doubled ("")',
    // csv-parse's code has no CSV_ prefix for this one (node_modules/csv-parse/lib/api/index.js).
    INVALID_OPENING_QUOTE: 'a quote inside an unquoted field: quote the whole field and double the quote, e.g. "12"" pipe"',
    CSV_INVALID_OPENING_QUOTE: 'a quote inside an unquoted field: quote the whole field and double the quote, e.g. "12"" pipe"',
    CSV_MAX_RECORD_SIZE: `a record is longer than ${MAX_RECORD_BYTES} bytes`,
    CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: "characters after a closing quote",
  };
  if (err.code === "CSV_QUOTE_NOT_CLOSED") line = lastLine + 1;
  const message = `not valid CSV: ${what[err.code ?? ""] ?? err.message ?? String(e)}`;
  return new CsvFatal(error("csv/malformed", message, line !== undefined ? { file, line } : { file }));
}

/**
 * Reads shipment records from a byte stream. Checks the header: required
 * columns present (date, importer, value, and hs or sector), none twice.
 *
 * Two paths, one result (issue #17): the fast path splits lines and fields
 * on bytes (after the decoder, so every encoding reads through it) and hands
 * the records to the same RecordSorter. A record with a quote is read on its
 * own by csv-parse's rules (FastLines.quoted: quoted fields with delimiters,
 * doubled quotes and line breaks), and the fast path goes on after it. What
 * csv-parse would stop on or skip (a quote inside an unquoted field, a
 * character after a closing quote, a quote never closed), a record longer
 * than the fast path splits, or a delimiter that is not one ASCII byte
 * switches the rest of the file, from that record on, to the full path:
 * csv-parse, with its line numbers moved by the lines already read, so its
 * errors and rejections are told as when it reads the whole file. Lines with
 * bytes above 0x7F, CRLF or a lone CR stay on the fast path: their fields are
 * decoded as csv-parse decodes them (UTF-8, per field) and scanned as the
 * full path scans them. `fast: false` reads the whole file on the full path
 * (tests compare the two).
 */
export async function* readShipments(input: NodeJS.ReadableStream, file: string, options: ReadOptions = {}): AsyncGenerator<CsvItem[]> {
  let parser: Parser | undefined;
  const strays = new StrayQuotes();
  const onStrayQuote = (e: StrayQuoteError) => {
    if (e.code !== "INVALID_OPENING_QUOTE") throw e;
    strays.noted(e, parser as unknown as Parameters<StrayQuotes["noted"]>[1]);
  };
  const newParser = (): Parser => {
    const p = parse({
      bom: true,
      relax_column_count: true,
      // Blank lines come through as records so that line numbers can be counted here:
      // csv-parse's own per-record info costs more than the duty of the record.
      skip_empty_lines: false,
      record_delimiter: ["\r\n", "\n", "\r"],
      max_record_size: MAX_RECORD_BYTES,
      // One bad field, one bad line: a stray quote in an unquoted field skips that record (see onStrayQuote);
      // every other csv-parse error still stops the run (on_skip rethrows it).
      skip_records_with_error: true,
      on_skip: (e) => {
        onStrayQuote(e as unknown as StrayQuoteError);
        return undefined;
      },
      delimiter: used.delimiter,
    });
    // Its errors are taken through batches() while the records are read; one after the reader stopped
    // (a fatal header, then a quote never closed at the end) has no one left to tell.
    p.on("error", () => undefined);
    return p;
  };
  // The decoder sees the header line before the parser reads a byte: the delimiter is set then
  // (csv-parse reads its options on every character, as StrayQuotes' on_record relies on too).
  let used = { delimiter: ",", mode: "utf-8" as Mode };
  const decoder = new InputDecoder(file, options.encoding, (head, mode) => {
    const detected = options.delimiter ?? detectDelimiter(head);
    used = { delimiter: detected, mode };
    if (parser) {
      const p = parser as unknown as { options: { delimiter: Buffer[] }; api: { original_options: { delimiter?: string } } };
      p.options.delimiter = [Buffer.from(detected)];
      // csv-parse sets its options again from the original ones when it skips a BOM: without this, a
      // UTF-8 file with a BOM and semicolons was read with commas (its header then lacked every column).
      p.api.original_options.delimiter = detected;
    }
    if (options.delimiter === undefined && detected !== ",") {
      options.onNote?.(warning("csv/delimiter", `fields are separated by ${delimiterName(detected)} (detected from the header line)`, { file, line: 1 }, `give --delimiter to choose another`));
    }
  });
  input.on("error", (e) => (parser ?? decoder).destroy(e as Error));
  decoder.on("error", (e) => parser?.destroy(e));
  // A line break can hide in a record only inside a quoted field, and U+FFFD comes only from bytes
  // above 0x7F: while the file has shown neither, its records need no scan for them. Watched as the
  // bytes arrive, before the parser reads them (listeners run in order), so never too late.
  // (Only for a file read whole on the full path; one switched to it mid-way is scanned throughout.)
  let plain = true;
  if (options.fast === false) {
    parser = newParser();
    let first = true;
    decoder.on("data", (chunk: Buffer | string) => {
      if (!plain) return;
      let bytes = typeof chunk === "string" ? undefined : chunk;
      if (bytes && first && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3); // the BOM
      first = false;
      if (!bytes || bytes.indexOf(34) !== -1 || !isAsciiBytes(bytes)) plain = false;
    });
    decoder.pipe(parser);
  }
  input.pipe(decoder);

  const sorter = new RecordSorter(file, options.spec ?? {}, (line, names, columns, fields) => options.onHeader?.(line, used.delimiter, used.mode, names, columns, fields), options.keepInput === true);
  let next = 1; // the physical line the next record starts on
  let lastLine = 0;
  let emitted = 0; // records the parser has given so far
  /** Lines read on the fast path before the parser took over: added to the parser's line numbers. */
  let offset = 0;
  /** Rejects the records skipped for a stray quote after `given` records, before one with `breaks` line breaks (undefined: none follows). */
  const strayLines = (events: CsvItem[], given: number, breaks: number | undefined) => {
    for (const stray of strays.before(given)) {
      const start = next;
      // Where it ends: before the record that follows it, whose end line the parser told (StrayQuotes);
      // when another skipped record or the end of the file follows, on the line of its stray quote.
      const end = stray.nextEnd !== undefined && breaks !== undefined ? stray.nextEnd + offset - breaks - 1 : Math.max(start, stray.line + offset);
      next = Math.max(end, start) + 1;
      lastLine = next - 1;
      if (sorter.plan === undefined) throw csvError({ code: "INVALID_OPENING_QUOTE", lines: stray.line + offset }, file);
      sorter.strayQuote(events, start, stray.field, stray.at);
    }
  };
  /** One record as the full path sees it: its line breaks and bytes that are not UTF-8 counted, blank ones skipped. */
  const sort = (record: string[], ascii: boolean) => {
    // A record takes one line, plus one per line break inside its quoted fields (CRLF, LF or CR).
    let breaks = 0;
    let garbled = -1;
    let blank = true;
    const head = record[0]!;
    if (ascii && head.length > 0 && head.charCodeAt(0) > 32) blank = false; // the common line: nothing to scan
    else for (let i = 0; i < record.length; i++) {
      const field = record[i]!;
      if (field.length === 0) continue;
      const scan = scanField(field);
      if (scan & HAS_BREAK) breaks += lineBreaks(field);
      if (garbled < 0 && scan & HAS_GARBLED && (sorter.plan === undefined || sorter.reads[i] === 1)) garbled = i;
      if (blank && (scan & HAS_TEXT || (scan & MAYBE_TEXT && field.trim() !== ""))) blank = false;
    }
    return { breaks, garbled, blank };
  };
  const fast = new FastLines();
  try {
    if (!parser) {
      // The fast path, until a line it does not check itself.
      for await (const chunks of batches<Buffer | string>(decoder)) {
        const events: CsvItem[] = [];
        for (const chunk of chunks) {
          if (fast.rest !== undefined) {
            fast.rest.push(chunk);
            continue;
          }
          fast.feed(chunk, used, (record, ascii) => {
            const line = next;
            const { breaks, garbled, blank } = sort(record, ascii);
            next = line + breaks + 1;
            lastLine = line + breaks;
            if (!blank) sorter.add(events, record, line, garbled);
          });
        }
        if (events.length > 0) yield events;
        if (fast.rest !== undefined) break;
      }
      if (fast.rest === undefined) {
        // The end of the file: its last line, if it has no line break.
        const events: CsvItem[] = [];
        fast.end((record, ascii) => {
          const line = next;
          const { breaks, garbled, blank } = sort(record, ascii);
          next = line + breaks + 1;
          lastLine = line + breaks;
          if (!blank) sorter.add(events, record, line, garbled);
        });
        if (fast.rest === undefined) {
          sorter.flushHeld(events);
          if (events.length > 0) yield events;
        } else if (events.length > 0) yield events;
      }
      if (fast.rest !== undefined) {
        // The full path from here: the bytes not read yet go to csv-parse, then the rest of the stream.
        offset = next - 1 + fast.skew;
        plain = false;
        parser = newParser();
        for (const chunk of fast.rest) parser.write(chunk);
        if (fast.ended || decoder.readableEnded) parser.end();
        else decoder.pipe(parser);
      }
    }
    if (parser) {
      for await (const items of batches<string[]>(parser)) {
        const events: CsvItem[] = [];
        for (const record of items) {
          const skippedBefore = strays.pendingBefore(emitted);
          emitted++;
          const { breaks, garbled, blank } = sort(record, plain);
          if (skippedBefore) strayLines(events, emitted - 1, breaks);
          const line = next;
          next = line + breaks + 1;
          lastLine = line + breaks;
          // A line of spaces, or of empty fields (",,,," from a spreadsheet), is a blank line: skipped, not counted.
          if (blank) continue;
          sorter.add(events, record, line, garbled);
        }
        if (events.length > 0) yield events;
      }
      const events: CsvItem[] = [];
      sorter.flushHeld(events);
      strayLines(events, emitted, undefined); // a skipped record at the end of the file
      if (events.length > 0) yield events;
    }
  } catch (e) {
    (input as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
    decoder.destroy();
    // csv-parse counts lines from where it took over.
    if (!(e instanceof CsvFatal) && offset > 0 && typeof (e as { lines?: unknown }).lines === "number") (e as { lines: number }).lines += offset;
    throw csvError(e, file, lastLine);
  }
  if (sorter.plan === undefined) throw new CsvFatal(error("csv/empty", `the file is empty: expected a header row with ${REQUIRED_COLUMNS.join(", ")} and hs or sector`, { file, line: 1 }));
}

/** Longest line the fast path splits; a longer one goes to csv-parse, which tells whether it is over MAX_RECORD_BYTES. */
const FAST_LINE_BYTES = MAX_RECORD_BYTES >> 1;

/**
 * The fast path's splitting: whole lines (ended by LF) out of the decoder's
 * chunks, each cut into records at CRLF, LF or a lone CR (as csv-parse's
 * record delimiters) and into fields at the delimiter byte; a record with a
 * quote is read by `quoted`, and may go on over several lines and chunks
 * (it is read again from its start once the next chunk is at hand). `rest`
 * is set, and holds the bytes from the start of the record, when the rest of
 * the file needs the full path.
 */
class FastLines {
  private carry: Buffer | undefined;
  private first = true;
  rest: (Buffer | string)[] | undefined;
  ended = false;
  private delimiter = -1;
  /** Set with the position `lines` returns when the record there needs more bytes rather than the full path. */
  private more = false;
  /** The fields of the record `quoted` read. */
  private record: string[] = [];
  /**
   * Lines csv-parse would count in the records read here, beyond ours: it counts a CRLF inside a quoted field
   * as two lines (each character) where a record counts it as one. Its line numbers (in its errors, and
   * where it skips a record for a stray quote) are moved by this as well when it takes over, so that they
   * are what it tells when it reads the whole file.
   */
  skew = 0;

  feed(chunk: Buffer | string, used: { delimiter: string; mode: Mode }, onRecord: (record: string[], ascii: boolean) => void): void {
    if (this.first) {
      const d = used.delimiter;
      // One ASCII byte that is not a quote nor a line break, or the full path throughout.
      this.delimiter = d.length === 1 && d.charCodeAt(0) < 128 && d !== '"' && d !== "\r" && d !== "\n" ? d.charCodeAt(0) : -1;
    }
    if (typeof chunk === "string" || this.delimiter < 0) {
      this.rest = this.carry ? [this.carry, chunk] : [chunk];
      this.carry = undefined;
      return;
    }
    let buf = this.carry ? Buffer.concat([this.carry, chunk]) : chunk;
    this.carry = undefined;
    if (this.first) {
      if (buf.length < 3 && buf.length > 0 && buf[0] === 0xef) {
        this.carry = buf; // the BOM may be cut
        return;
      }
      this.first = false;
      if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) buf = buf.subarray(3); // the BOM, as csv-parse's bom option
      else if (buf[0] === 0xff && buf[1] === 0xfe) {
        this.rest = [buf]; // csv-parse would take it for a UTF-16 BOM: its path
        return;
      }
    }
    const last = buf.lastIndexOf(10);
    if (last < 0) {
      if (buf.length > FAST_LINE_BYTES) this.rest = [buf];
      else this.carry = Buffer.from(buf); // copied: the decoder may reuse nothing, but a slice would hold the chunk
      return;
    }
    const stop = this.lines(buf, 0, last + 1, false, onRecord);
    if (stop >= 0) {
      if (this.more) {
        // A quoted record that goes on past the lines at hand: read again from its start with the next chunk.
        this.more = false;
        const tail = buf.subarray(stop);
        if (tail.length > FAST_LINE_BYTES) this.rest = [tail];
        else this.carry = Buffer.from(tail);
      } else this.rest = [buf.subarray(stop)];
      return;
    }
    if (last + 1 < buf.length) {
      const tail = buf.subarray(last + 1);
      if (tail.length > FAST_LINE_BYTES) this.rest = [tail];
      else this.carry = Buffer.from(tail);
    }
  }

  /** The end of the input: the last line, if it has no line break. */
  end(onRecord: (record: string[], ascii: boolean) => void): void {
    this.ended = true;
    if (this.carry === undefined || this.rest !== undefined) return;
    let buf = this.carry;
    this.carry = undefined;
    if (this.first) {
      this.first = false;
      if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) buf = buf.subarray(3);
    }
    const stop = this.lines(buf, 0, buf.length, true, onRecord);
    if (stop >= 0) this.rest = [buf.subarray(stop)];
  }

  /**
   * The lines of buf[from, to) (each ended by LF but perhaps the last; `eof`: nothing follows them);
   * returns -1 when all are read, else where the full path must start (or, when `more` is set, where to
   * read again once more bytes are at hand).
   */
  private lines(buf: Buffer, from: number, to: number, eof: boolean, onRecord: (record: string[], ascii: boolean) => void): number {
    const ascii = isAsciiBytes(buf.subarray(from, to));
    let quote = buf.indexOf(34, from);
    if (quote >= to) quote = -1;
    let cr = buf.indexOf(13, from);
    if (cr >= to) cr = -1;
    const d = this.delimiter;
    let s = from;
    while (s < to) {
      let e = buf.indexOf(10, s);
      if (e < 0 || e >= to) e = to;
      if (quote >= 0 && quote < e) {
        // The records of the line before the one with the quote (ended by lone CRs), then that one, read
        // by the full path's rules (quoted fields may hold delimiters and line breaks); then on from its end.
        if (quote - s > FAST_LINE_BYTES) return s;
        let a = s;
        if (cr >= 0 && cr < quote) {
          const partAscii = ascii || isAsciiBytes(buf.subarray(s, quote));
          for (let i = cr; i < quote; i++) {
            if (buf[i] === 13) {
              onRecord(this.fields(buf, a, i, d, partAscii), partAscii);
              a = i + 1;
            }
          }
        }
        const end = this.quoted(buf, a, to, eof, d);
        if (end < 0) {
          if (end === NEED_MORE) this.more = true;
          return a;
        }
        // Not `ascii`: the reader scans its fields for line breaks and bytes that are not UTF-8.
        onRecord(this.record, false);
        s = end;
        quote = s < to ? buf.indexOf(34, s) : -1;
        if (quote >= to) quote = -1;
        cr = s < to ? buf.indexOf(13, s) : -1;
        if (cr >= to) cr = -1;
        continue;
      }
      if (e - s > FAST_LINE_BYTES) return s;
      const lineAscii = ascii || isAsciiBytes(buf.subarray(s, e));
      if (cr >= 0 && cr < e) {
        // CRLF, or lone CRs: each ends a record, as csv-parse's record delimiters do.
        let end = e;
        if (e < to && e > s && buf[e - 1] === 13) end = e - 1;
        let a = s;
        for (let i = s; i < end; i++) {
          if (buf[i] === 13) {
            onRecord(this.fields(buf, a, i, d, lineAscii), lineAscii);
            a = i + 1;
          }
        }
        // A lone CR at the very end of the file ends its last record: no empty one after it.
        if (a < end || e < to) onRecord(this.fields(buf, a, end, d, lineAscii), lineAscii);
        cr = buf.indexOf(13, e);
        if (cr >= to) cr = -1;
      } else onRecord(this.fields(buf, s, e, d, lineAscii), lineAscii);
      s = e + 1;
    }
    return -1;
  }

  /**
   * The record at buf[a, to) that has a quote, read as csv-parse reads it (with the reader's options): a
   * field that starts with a quote is quoted, up to a quote followed by the delimiter, a line break (CRLF,
   * LF or CR) or the end of the file; a doubled quote in it is one quote; each field's bytes are decoded as
   * UTF-8. Sets `record` and returns where the next record starts; NEED_MORE when the record goes on past
   * `to` (and `eof` is false); GIVE_UP for what csv-parse makes an error or a skipped record of (a quote
   * inside an unquoted field, a character after a closing quote, a quote never closed) and for a record
   * longer than FAST_LINE_BYTES: the full path reads the rest of the file from there, and tells it as today.
   */
  private quoted(buf: Buffer, a: number, to: number, eof: boolean, d: number): number {
    const fields: string[] = [];
    let skew = 0;
    let i = a;
    for (;;) {
      let k: number; // where the field ends: at the delimiter, a line break or `to`
      if (i < to && buf[i] === 34) {
        let j = i + 1;
        let parts: Buffer[] | undefined;
        for (;;) {
          const q = buf.indexOf(34, j);
          if (q < 0 || q >= to) return eof ? GIVE_UP : NEED_MORE;
          if (q - a > FAST_LINE_BYTES) return GIVE_UP;
          if (q + 1 < to && buf[q + 1] === 34) {
            (parts ??= []).push(buf.subarray(j, q + 1)); // a doubled quote: one is kept
            j = q + 2;
            continue;
          }
          if (q + 1 >= to) {
            if (!eof) return NEED_MORE;
          } else if (buf[q + 1] !== d && buf[q + 1] !== 10 && buf[q + 1] !== 13) return GIVE_UP;
          const text = parts === undefined ? buf.toString("utf8", j, q) : Buffer.concat([...parts, buf.subarray(j, q)]).toString("utf8");
          fields.push(text);
          if (text.includes("\r\n")) skew += text.split("\r\n").length - 1;
          k = q + 1;
          break;
        }
      } else {
        k = i;
        while (k < to) {
          const c = buf[k]!;
          if (c === d || c === 10 || c === 13) break;
          if (c === 34) return GIVE_UP; // a quote after the field's first character: csv-parse skips the record
          k++;
        }
        if (k - a > FAST_LINE_BYTES) return GIVE_UP;
        if (k >= to && !eof) return NEED_MORE;
        fields.push(buf.toString("utf8", i, k));
      }
      if (k >= to) break; // the end of the file
      const c = buf[k];
      if (c === d) {
        i = k + 1;
        continue;
      }
      if (c === 13) {
        if (k + 1 < to && buf[k + 1] === 10) k++;
        else if (k + 1 >= to && !eof) return NEED_MORE; // CRLF perhaps cut
      }
      this.record = fields;
      this.skew += skew;
      return k + 1;
    }
    this.record = fields;
    this.skew += skew;
    return to;
  }

  private fields(buf: Buffer, s: number, e: number, d: number, ascii: boolean): string[] {
    const out: string[] = [];
    const enc = ascii ? "latin1" : "utf8";
    let a = s;
    for (let i = s; i < e; i++) {
      if (buf[i] === d) {
        out.push(buf.toString(enc, a, i));
        a = i + 1;
      }
    }
    out.push(buf.toString(enc, a, e));
    return out;
  }
}

/** What `quoted` returns when the full path must read the record, or when its end is not at hand yet. */
const GIVE_UP = -1;
const NEED_MORE = -2;

const HAS_BREAK = 1;
const HAS_GARBLED = 2;
const HAS_TEXT = 4;
/** A character trim() might remove (a Unicode space): the field needs trim() to tell. */
const MAYBE_TEXT = 8;

/** One pass over a field for what the reader needs to know of it (cheaper than three searches and a trim). */
function scanField(field: string): number {
  let flags = 0;
  for (let i = 0; i < field.length; i++) {
    const c = field.charCodeAt(i);
    if (c > 32 && c < 127) flags |= HAS_TEXT;
    else if (c === 10 || c === 13) flags |= HAS_BREAK;
    else if (c === 0xfffd) flags |= HAS_GARBLED | HAS_TEXT;
    else if (c >= 127) flags |= MAYBE_TEXT;
    else if (c !== 32 && c !== 9 && c !== 11 && c !== 12) flags |= HAS_TEXT; // other control characters are not trimmed
  }
  return flags;
}

function lineBreaks(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) n++;
    else if (c === 13) {
      n++;
      if (text.charCodeAt(i + 1) === 10) i++;
    }
  }
  return n;
}

/**
 * The records a stream has ready, as arrays: one await per chunk of the file
 * rather than one per record (which cost more than computing the record).
 */
async function* batches<T>(stream: NodeJS.ReadableStream): AsyncGenerator<T[]> {
  let failure: Error | undefined;
  let ended = false;
  let wake: (() => void) | undefined;
  const onReadable = () => wake?.();
  const onEnd = () => {
    ended = true;
    wake?.();
  };
  const onError = (e: Error) => {
    failure = e;
    wake?.();
  };
  stream.on("readable", onReadable);
  stream.on("end", onEnd);
  stream.on("error", onError);
  try {
    for (;;) {
      const batch: T[] = [];
      for (let item = stream.read() as T | null; item !== null; item = stream.read() as T | null) batch.push(item);
      if (batch.length > 0) yield batch;
      else if (failure) throw failure;
      else if (ended) return;
      else await new Promise<void>((resolve) => (wake = resolve));
      wake = undefined;
    }
  } finally {
    stream.off("readable", onReadable);
    stream.off("end", onEnd);
    stream.off("error", onError);
  }
}

/** What csv-parse tells of a stray quote: the line it is on, the field (0-based) and the field's text before it. */
interface StrayQuoteError {
  code: string;
  lines: number;
  column: number;
  field: unknown;
}

interface Stray {
  /** Records the parser had given before the skipped one. */
  after: number;
  /** The line of the stray quote. */
  line: number;
  /** The field (0-based) and the character in it (1-based) where the quote is. */
  field: number;
  at: number;
  /** The end line of the record after the skipped one, once the parser gives it. */
  nextEnd?: number;
}

/**
 * Records csv-parse skipped for a stray quote. Our line numbers count the line
 * breaks of the records we see; a skipped record is not seen, so where it ends
 * comes from the parser: for the next record only (one record's info, not
 * every record's, which would cost more than the duty of a line), csv-parse's
 * `on_record` option is switched on and tells that record's end line.
 */
class StrayQuotes {
  private readonly list: Stray[] = [];
  private done = 0;

  noted(e: StrayQuoteError, parser: { info: { records: number }; options: { on_record?: unknown } }): void {
    const after = parser.info.records;
    const last = this.list[this.list.length - 1];
    // A second stray quote in the same record (the same line, nothing given in between): one rejection.
    if (last && last.after === after && last.line === e.lines) return;
    const stray: Stray = { after, line: e.lines, field: e.column, at: String(e.field ?? "").length + 1 };
    this.list.push(stray);
    parser.options.on_record = (record: string[], info: { lines: number }) => {
      stray.nextEnd = info.lines;
      parser.options.on_record = undefined;
      return record;
    };
  }

  pendingBefore(emitted: number): boolean {
    return this.done < this.list.length && this.list[this.done]!.after === emitted;
  }

  /** The skipped records that came before the record numbered `emitted` + 1, in order; each given once. */
  before(emitted: number): Stray[] {
    const out: Stray[] = [];
    while (this.done < this.list.length && this.list[this.done]!.after === emitted) out.push(this.list[this.done++]!);
    // Of several skipped in a row, only the last is followed by the record whose end line was told.
    for (let i = 0; i < out.length - 1; i++) delete out[i]!.nextEnd;
    return out;
  }
}
