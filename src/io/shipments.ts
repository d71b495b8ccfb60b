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
import { parse } from "csv-parse";
import { type Diagnostic, error, warning } from "../core/diagnostics.js";
import { type Columns, type Companion, REQUIRED_COLUMNS, type Rejection, type Row } from "../core/duty/shipment.js";
import { type ColumnPlan, type MapSpec, isCompanion, planColumns, viewRecord } from "../core/duty/mapping.js";
import { asciiLowerCase } from "../core/ascii.js";
import { CsvFatal } from "./csv-fatal.js";
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
 */
export async function* readShipments(input: NodeJS.ReadableStream, file: string, options: ReadOptions = {}): AsyncGenerator<CsvItem[]> {
  const parser = parse({
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
  });
  const strays = new StrayQuotes();
  const onStrayQuote = (e: StrayQuoteError) => {
    if (e.code !== "INVALID_OPENING_QUOTE") throw e;
    strays.noted(e, parser as unknown as Parameters<StrayQuotes["noted"]>[1]);
  };
  // The decoder sees the header line before the parser reads a byte: the delimiter is set then
  // (csv-parse reads its options on every character, as StrayQuotes' on_record relies on too).
  let used = { delimiter: ",", mode: "utf-8" as Mode };
  const decoder = new InputDecoder(file, options.encoding, (head, mode) => {
    const detected = options.delimiter ?? detectDelimiter(head);
    used = { delimiter: detected, mode };
    (parser as unknown as { options: { delimiter: Buffer[] } }).options.delimiter = [Buffer.from(detected)];
    if (options.delimiter === undefined && detected !== ",") {
      options.onNote?.(warning("csv/delimiter", `fields are separated by ${delimiterName(detected)} (detected from the header line)`, { file, line: 1 }, `give --delimiter to choose another`));
    }
  });
  input.on("error", (e) => parser.destroy(e as Error));
  decoder.on("error", (e) => parser.destroy(e));
  // A line break can hide in a record only inside a quoted field, and U+FFFD comes only from bytes
  // above 0x7F: while the file has shown neither, its records need no scan for them. Watched as the
  // bytes arrive, before the parser reads them (listeners run in order), so never too late.
  let plain = true;
  let first = true;
  decoder.on("data", (chunk: Buffer | string) => {
    if (!plain) return;
    let bytes = typeof chunk === "string" ? undefined : chunk;
    if (bytes && first && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3); // the BOM
    first = false;
    if (!bytes || bytes.indexOf(34) !== -1 || !isAsciiBytes(bytes)) plain = false;
  });
  input.pipe(decoder).pipe(parser);

  const spec = options.spec ?? {};
  let plan: ColumnPlan | undefined;
  /** Which fields of the file are read (a bad byte elsewhere is no fault of the line). */
  let reads: Uint8Array = new Uint8Array(0);
  /** A goods line held until the rows after it show whether companions follow (only when the map declares companions). */
  let held: Row | undefined;
  let index: true | undefined;
  let header: string[] = [];
  let idOf: (record: string[]) => string | null = () => null;
  let width = 0;
  let next = 1; // the physical line the next record starts on
  let lastLine = 0;
  let emitted = 0; // records the parser has given so far
  /** Rejects the records skipped for a stray quote after `given` records, before one with `breaks` line breaks (undefined: none follows). */
  const strayLines = (events: CsvItem[], given: number, breaks: number | undefined) => {
    for (const stray of strays.before(given)) {
      flushHeld(events); // a held goods line comes first: events stay in file order (the rejects file relies on it)
      const start = next;
      // Where it ends: before the record that follows it, whose end line the parser told (StrayQuotes);
      // when another skipped record or the end of the file follows, on the line of its stray quote.
      const end = stray.nextEnd !== undefined && breaks !== undefined ? stray.nextEnd - breaks - 1 : Math.max(start, stray.line);
      next = Math.max(end, start) + 1;
      lastLine = next - 1;
      if (!index) throw csvError({ code: "INVALID_OPENING_QUOTE", lines: stray.line }, file);
      const name = header[stray.field];
      events.push({ line: start, id: null, column: name || null, code: "shipment/stray-quote", reason: `a quote (") inside field ${stray.field + 1}, which is not quoted, at character ${stray.at}: quote the whole field and double the quote, e.g. "12"" pipe"` });
    }
  };
  const flushHeld = (events: CsvItem[]) => {
    if (held) events.push(held);
    held = undefined;
  };
  const keepInput = options.keepInput === true;
  /** A record as parseShipment reads it; with its fields as read too when a value map changes them and they are kept. */
  const rowOf = (p: ColumnPlan, record: string[], line: number): Row => {
    const input = keepInput && p.values.length > 0 ? record.slice() : undefined;
    const row: Row = { line, fields: viewRecord(p, record), columns: p.columns };
    if (input) row.input = input;
    return row;
  };
  const text = (_p: ColumnPlan, record: readonly string[], i: number) => (i >= 0 && i < record.length ? record[i]!.trim() : "");
  /** A companion row, joined to the goods line held when it is of the same entry line (or when the file tells no entry lines). */
  const companionOf = (p: ColumnPlan, record: string[], line: number): CompanionItem => {
    const entry = text(p, record, p.columns.entry) || null;
    const entryLine = text(p, record, p.columns.entry_line) || null;
    const companion: Companion = { line, heading: text(p, record, p.columns.hs), duty: text(p, record, p.columns.declared_duty) || null };
    const h = held;
    const same = h !== undefined && (p.columns.entry < 0 || text(p, h.fields, p.columns.entry) === (entry ?? "")) && (p.columns.entry_line < 0 || text(p, h.fields, p.columns.entry_line) === (entryLine ?? ""));
    if (same) (h.companions ??= []).push(companion);
    return { line, companion, attached: same, entry, entryLine };
  };
  try {
    for await (const items of batches<string[]>(parser)) {
     const events: CsvItem[] = [];
     for (const record of items) {
      const skippedBefore = strays.pendingBefore(emitted);
      emitted++;
      // A record takes one line, plus one per line break inside its quoted fields (CRLF, LF or CR).
      let breaks = 0;
      let garbled = -1;
      let blank = true;
      const head = record[0]!;
      if (plain && head.length > 0 && head.charCodeAt(0) > 32) blank = false; // the common line: nothing to scan
      else for (let i = 0; i < record.length; i++) {
        const field = record[i]!;
        if (field.length === 0) continue;
        const scan = scanField(field);
        if (scan & HAS_BREAK) breaks += lineBreaks(field);
        if (garbled < 0 && scan & HAS_GARBLED && (!index || reads[i] === 1)) garbled = i;
        if (blank && (scan & HAS_TEXT || (scan & MAYBE_TEXT && field.trim() !== ""))) blank = false;
      }
      if (skippedBefore) strayLines(events, emitted - 1, breaks);
      const line = next;
      next = line + breaks + 1;
      lastLine = line + breaks;
      // A line of spaces, or of empty fields (",,,," from a spreadsheet), is a blank line: skipped, not counted.
      if (blank) continue;
      if (!index) {
        const planned = planColumns(record, spec, file, line);
        if (!planned.ok) throw new CsvFatal(planned.errors[0]!, planned.errors.slice(1));
        plan = planned.plan;
        index = true;
        options.onHeader?.(line, used.delimiter, used.mode, record.map((c) => c.trim()), plan.columns, record.slice());
        width = record.length;
        header = record.map((c) => asciiLowerCase(c.trim()));
        reads = new Uint8Array(width);
        for (const i of Object.values(plan.columns)) if (i >= 0 && i < width) reads[i] = 1;
        const idAt = plan.columns.id >= 0 && plan.columns.id < width ? plan.columns.id : undefined;
        idOf = (r) => {
          const id = idAt === undefined ? undefined : r[idAt]?.trim();
          return id && !id.includes("\uFFFD") ? id : null; // a garbled id would match no invoice
        };
        continue;
      }
      // Bytes that are not UTF-8 decode to U+FFFD: that line is rejected, never computed on garbled text
      // (only when the bytes are in a column the tool reads: a supplier's name in a description is no fault).
      if (garbled >= 0) {
        flushHeld(events);
        events.push({ line, id: idOf(record), column: header[garbled] ?? null, code: "shipment/not-utf8", reason: "the line has bytes that are not UTF-8 text: save the file as UTF-8 (in Excel: CSV UTF-8), or give --encoding windows-1252 for an Excel or Windows export" });
        continue;
      }
      if (record.length === width && isHeader(record, header)) {
        flushHeld(events);
        events.push({ line, id: null, column: null, code: "shipment/repeated-header", reason: "the header row is repeated here: remove it (files joined together?)" });
        continue;
      }
      if (record.length !== width) {
        flushHeld(events);
        events.push({ line, id: idOf(record), column: null, code: "shipment/field-count", reason: `expected ${width} fields as in the header, found ${record.length}` });
        continue;
      }
      const p = plan!;
      if (p.companions.length > 0) {
        if (isCompanion(p, record)) {
          events.push(companionOf(p, record, line));
          continue;
        }
        flushHeld(events);
        held = rowOf(p, record, line);
        continue;
      }
      events.push(rowOf(p, record, line));
     }
     if (events.length > 0) yield events;
    }
    const events: CsvItem[] = [];
    flushHeld(events);
    strayLines(events, emitted, undefined); // a skipped record at the end of the file
    if (events.length > 0) yield events;
  } catch (e) {
    (input as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
    decoder.destroy();
    throw csvError(e, file, lastLine);
  }
  if (!index) throw new CsvFatal(error("csv/empty", `the file is empty: expected a header row with ${REQUIRED_COLUMNS.join(", ")} and hs or sector`, { file, line: 1 }));
}

/** Whether a record repeats the header (names compared as the header was read: trimmed, any case). */
function isHeader(record: string[], header: string[]): boolean {
  const first = record[0]!.trim();
  // Checked on every line: most lines fail on the length of the first field, without lower-casing it
  // (names are lower-cased for ASCII letters only, which keeps the length).
  if (first.length !== header[0]!.length) return false;
  if (asciiLowerCase(first) !== header[0]) return false;
  return record.every((f, i) => asciiLowerCase(f.trim()) === header[i]);
}


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
