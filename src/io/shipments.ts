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
import { type Diagnostic, error } from "../core/diagnostics.js";
import { type Columns, KNOWN_COLUMNS, REQUIRED_COLUMNS, type Rejection, type Row, columnsOf } from "../core/duty/shipment.js";
import { didYouMean } from "../core/diagnostics.js";
import { visiblePart } from "../core/escape.js";
import { asciiLowerCase } from "../core/ascii.js";
import { isUtf16, utf16Diagnostic } from "./read.js";

export class CsvFatal extends Error {
  constructor(readonly diagnostic: Diagnostic) {
    super(diagnostic.message);
  }
}

/** Longest record accepted; a longer one is a broken file, not a shipment (bounds memory). */
export const MAX_RECORD_BYTES = 1_000_000;

/** A record to parse as a shipment, or a line rejected before that (not UTF-8, wrong field count, a repeated header). */
export type CsvItem = Row | Rejection;

export function isRow(item: CsvItem): item is Row {
  return (item as Row).fields !== undefined;
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
export async function* readShipments(input: NodeJS.ReadableStream, file: string): AsyncGenerator<CsvItem[]> {
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
  input.on("error", (e) => parser.destroy(e as Error));
  // A line break can hide in a record only inside a quoted field, and U+FFFD comes only from bytes
  // above 0x7F: while the file has shown neither, its records need no scan for them. Watched as the
  // bytes arrive, before the parser reads them (listeners run in order), so never too late.
  let plain = true;
  let first = true;
  input.on("data", (chunk: Buffer | string) => {
    if (first && typeof chunk !== "string" && isUtf16(chunk)) {
      // Stopped before csv-parse reads a byte: it would read the NULs of UTF-16 text as characters.
      input.unpipe(parser);
      (input as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
      parser.destroy(new CsvFatal(utf16Diagnostic(file, chunk)));
      return;
    }
    if (!plain) return;
    let bytes = typeof chunk === "string" ? undefined : chunk;
    if (bytes && first && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3); // the BOM
    first = false;
    if (!bytes || bytes.indexOf(34) !== -1 || !isAsciiBytes(bytes)) plain = false;
  });
  input.pipe(parser);

  let index: Map<string, number> | undefined;
  let columns: Columns | undefined;
  let header: string[] = [];
  let idOf: (record: string[]) => string | null = () => null;
  let width = 0;
  let next = 1; // the physical line the next record starts on
  let lastLine = 0;
  let emitted = 0; // records the parser has given so far
  /** Rejects the records skipped for a stray quote after `given` records, before one with `breaks` line breaks (undefined: none follows). */
  const strayLines = (events: CsvItem[], given: number, breaks: number | undefined) => {
    for (const stray of strays.before(given)) {
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
        if (garbled < 0 && scan & HAS_GARBLED) garbled = i;
        if (blank && (scan & HAS_TEXT || (scan & MAYBE_TEXT && field.trim() !== ""))) blank = false;
      }
      if (skippedBefore) strayLines(events, emitted - 1, breaks);
      const line = next;
      next = line + breaks + 1;
      lastLine = line + breaks;
      // A line of spaces, or of empty fields (",,,," from a spreadsheet), is a blank line: skipped, not counted.
      if (blank) continue;
      if (!index) {
        index = headerIndex(record, file, line);
        width = record.length;
        header = record.map((c) => asciiLowerCase(c.trim()));
        columns = columnsOf(header);
        const idAt = index.get("id");
        idOf = (r) => {
          const id = idAt === undefined ? undefined : r[idAt]?.trim();
          return id && !id.includes("\uFFFD") ? id : null; // a garbled id would match no invoice
        };
        continue;
      }
      // Bytes that are not UTF-8 decode to U+FFFD: that line is rejected, never computed on garbled text.
      if (garbled >= 0) {
        events.push({ line, id: idOf(record), column: header[garbled] ?? null, code: "shipment/not-utf8", reason: "the line has bytes that are not UTF-8 text: save the file as UTF-8 (in Excel: CSV UTF-8)" });
        continue;
      }
      if (record.length === width && isHeader(record, header)) {
        events.push({ line, id: null, column: null, code: "shipment/repeated-header", reason: "the header row is repeated here: remove it (files joined together?)" });
        continue;
      }
      if (record.length !== width) {
        events.push({ line, id: idOf(record), column: null, code: "shipment/field-count", reason: `expected ${width} fields as in the header, found ${record.length}` });
        continue;
      }
      events.push({ line, fields: record, columns: columns! });
     }
     if (events.length > 0) yield events;
    }
    const events: CsvItem[] = [];
    strayLines(events, emitted, undefined); // a skipped record at the end of the file
    if (events.length > 0) yield events;
  } catch (e) {
    (input as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
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

function headerIndex(record: string[], file: string, line: number): Map<string, number> {
  const names = record.map((c) => asciiLowerCase(c.trim()));
  const index = new Map<string, number>();
  names.forEach((name, i) => {
    if (name === "") return;
    if (index.has(name)) throw new CsvFatal(error("csv/duplicate-column", `column "${name}" appears twice in the header (fields ${index.get(name)! + 1} and ${i + 1})`, { file, line }, "rename or remove one of them"));
    index.set(name, i);
  });
  const missing: string[] = REQUIRED_COLUMNS.filter((c) => !index.has(c));
  if (!index.has("hs") && !index.has("sector")) missing.push("hs or sector");
  if (missing.length > 0) {
    const unknown = names.filter((n) => n !== "" && !(KNOWN_COLUMNS as readonly string[]).includes(n));
    // "da\u200bte" looks like "date" but is not: say what is wrong with it rather than suggest it for itself.
    const disguised = missing.flatMap((m) => unknown.filter((n) => visiblePart(n) === m).map((n) => `column "${n}" is "${m}" with an invisible character: retype the name`));
    const guesses = missing.flatMap((m) => {
      if (unknown.some((n) => visiblePart(n) === m)) return [];
      const g = didYouMean(m, unknown);
      return g ? [`"${g}" for "${m}"?`] : [];
    });
    throw new CsvFatal(
      error(
        "csv/missing-column",
        `missing required column${missing.length > 1 ? "s" : ""} ${missing.map((m) => (m.includes(" ") ? m : `"${m}"`)).join(", ")} in the header (found: ${names.join(", ") || "nothing"})`,
        { file, line },
        disguised.length ? disguised.join("; ") : guesses.length ? `did you mean ${guesses.join(", ")}` : `the header needs ${REQUIRED_COLUMNS.join(", ")} and hs or sector`,
      ),
    );
  }
  return index;
}
