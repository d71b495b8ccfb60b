/**
 * Excel workbooks (.xlsx) as shipments files (issue #14, item 5): the first
 * sheet, or the one named by `--sheet`, read row by row with exceljs's
 * streaming WorkbookReader, so that memory does not grow with the rows (the
 * workbook's table of distinct texts, its "shared strings", is held whole:
 * the format needs it at hand for every row). exceljs writes a sheet that
 * comes before that table in the archive (Excel puts sheets first) to a temp
 * file of its own, removed when the sheet is read, and in any case at exit.
 *
 * Each cell becomes the text the CSV reader would have given, and the rows
 * go through the same record handling (io/records.ts) and the same parsing
 * as a CSV file's, their line being the sheet's row number:
 * - a text cell is its text, read as in a CSV file (a date in slashes is
 *   still never guessed);
 * - a number cell is the decimal Excel shows in General format: 15
 *   significant digits, Excel's own precision, never binary noise (10000.1
 *   is "10000.1", the result of =0.1+0.2 is "0.3"); with --decimal-comma it
 *   is written with a comma, as the file's other amounts are;
 * - a date cell (a number with a date format: how Excel stores dates) is
 *   its day, YYYY-MM-DD; a time of day is dropped;
 * - a formula cell is its cached result; TRUE/FALSE as such; an error cell
 *   as shown (#N/A);
 * - an HS code stored as a number has lost its leading zero: put back when
 *   the number proves it (see `hsFromNumber`), with a warning on the line.
 */
import type { Readable } from "node:stream";
import { type Diagnostic, didYouMean, error, warning } from "../core/diagnostics.js";
import type { RowWarning } from "../core/duty/shipment.js";
import { REQUIRED_COLUMNS } from "../core/duty/shipment.js";
import { CsvFatal } from "./csv-fatal.js";
import { RecordSorter } from "./records.js";
import type { CsvItem, ReadOptions } from "./shipments.js";

/** What exceljs's streaming reader gives, as far as it is used here (its own types leave out a sheet's name). */
interface SheetReader extends AsyncIterable<SheetRow> {
  name: string;
}
interface SheetRow {
  number: number;
  eachCell(options: { includeEmpty: boolean }, f: (cell: SheetCell, col: number) => void): void;
}
interface SheetCell {
  value: unknown;
  numFmt?: string;
}
interface BookReader extends AsyncIterable<SheetReader> {
  model?: { sheets?: { name: string }[] };
}

/** Rows passed on together (as the CSV reader passes on one read's records). */
const BATCH = 512;

/** A sheet of a workbook, found and ready to be read. */
export interface WorkbookSheet {
  /** How messages name it: `book.xlsx[Sheet1]`. */
  label: string;
  sheet: string;
  /** The workbook's sheets, in tab order. */
  sheets: string[];
  rows(options: ReadOptions): AsyncGenerator<CsvItem[]>;
  /**
   * The cells of a row as read (texts, before any mapping), for `--rejects`:
   * kept only when asked, for the rows of the batch being handled and a goods
   * line held for its companions: memory stays flat.
   */
  cellsOf(line: number): readonly string[] | undefined;
  close(): void;
}

/**
 * Opens a workbook and finds its sheet: `sheet` (compared in any case, as
 * Excel does), or the first. Problems (not a workbook, no such sheet) are a
 * Diagnostic (exit 2).
 */
export async function openWorkbook(input: Readable, file: string, sheet: string | undefined, keepCells: boolean): Promise<{ ok: true; workbook: WorkbookSheet } | { ok: false; error: Diagnostic }> {
  const { default: ExcelJS } = await import("exceljs");
  holdZipEnd(input);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, { worksheets: "emit", sharedStrings: "cache", styles: "cache", hyperlinks: "ignore", entries: "ignore" }) as unknown as BookReader;
  const sheets = reader[Symbol.asyncIterator]();
  const unreadable = (e: unknown) => error("xlsx/unreadable", `cannot read the workbook: ${(e as Error)?.message ?? String(e)}`, { file }, "open it in Excel and save it again as .xlsx, or save it as CSV UTF-8");
  let found: SheetReader | undefined;
  let names: string[] = [];
  try {
    for (let next = await sheets.next(); !next.done; next = await sheets.next()) {
      names = reader.model?.sheets?.map((s) => s.name) ?? names;
      const wanted = sheet ?? names[0];
      if (wanted !== undefined && next.value.name.toLowerCase() === wanted.toLowerCase()) {
        found = next.value;
        break;
      }
      // A sheet passed over is read to its end all the same: exceljs removes a spooled sheet's temp file when
      // asked for the next sheet, and a read of it still opening would then fail (seen as a crash under load).
      for await (const _row of next.value) {
        // nothing: the rows of another sheet
      }
    }
  } catch (e) {
    return { ok: false, error: unreadable(e) };
  }
  if (!found) {
    void sheets.return?.(undefined);
    input.destroy();
    if (names.length === 0) return { ok: false, error: error("xlsx/not-a-workbook", "the file is a ZIP archive, but not an Excel workbook (.xlsx): it has no worksheet", { file }, "give a .xlsx workbook or a CSV file") };
    const guess = sheet === undefined ? undefined : didYouMean(sheet, names);
    return { ok: false, error: error("xlsx/no-sheet", `the workbook has no sheet named "${sheet}" (its sheets: ${names.map((n) => `"${n}"`).join(", ")})`, { file }, guess ? `did you mean --sheet "${guess}"?` : "give one of them with --sheet NAME") };
  }
  const the = found;
  const label = `${file}[${the.name}]`;
  const kept = new Map<number, readonly string[]>();
  return {
    ok: true,
    workbook: {
      label,
      sheet: the.name,
      sheets: names,
      rows: (options) => readSheet(the, label, options, keepCells ? kept : undefined),
      cellsOf: (line) => kept.get(line),
      close: () => {
        void sheets.return?.(undefined);
        input.destroy();
      },
    },
  };
}

/**
 * exceljs reads the archive with unzipper's streaming `Parse`, which says
 * "end" as soon as the last bytes are written into it (on "finish"), while
 * entries may still wait in its buffer; exceljs stops at that "end", so under
 * load the entries after the one being read were dropped (seen: the workbook
 * part, so no sheet names; a dropped sheet or string table would be worse).
 * The input is what exceljs pipes into that parser: its "end" is held here
 * until the parser's buffer is empty, so every entry is handed on first.
 */
function holdZipEnd(input: Readable): void {
  const pipe = input.pipe.bind(input);
  input.pipe = (<T extends NodeJS.WritableStream>(dest: T, options?: { end?: boolean }) => {
    const zip = dest as unknown as Readable & NodeJS.WritableStream;
    const early = zip.listeners("finish") as ((...args: unknown[]) => void)[];
    for (const f of early) zip.off("finish", f);
    zip.on("finish", () => {
      const tryEnd = () => {
        if (zip.readableLength > 0) return;
        zip.off("data", later);
        for (const f of early) f();
      };
      const later = () => setImmediate(tryEnd);
      zip.on("data", later);
      tryEnd();
    });
    return pipe(dest, options);
  }) as typeof input.pipe;
}

async function* readSheet(sheet: SheetReader, label: string, options: ReadOptions, kept: Map<number, readonly string[]> | undefined): AsyncGenerator<CsvItem[]> {
  const sorter = new RecordSorter(label, options.spec ?? {}, (line, names, columns, fields) => options.onHeader?.(line, ",", "utf-8", names, columns, fields), options.keepInput === true);
  const decimalComma = options.spec?.reading?.decimalComma === true;
  let events: CsvItem[] = [];
  let rows = 0;
  /** Rows the consumer is done with (every row before the goods line held for its companions) are let go. */
  const release = () => {
    if (!kept) return;
    const keepFrom = sorter.heldLine ?? Infinity;
    for (const line of kept.keys()) {
      if (line >= keepFrom) break;
      if (line !== headerLine) kept.delete(line);
    }
  };
  let headerLine = 0;
  try {
    for await (const row of sheet) {
      const cells: Cell[] = [];
      row.eachCell({ includeEmpty: false }, (cell, col) => {
        cells[col - 1] = cellText(cell, decimalComma);
      });
      let blank = true;
      for (const c of cells) if (c !== undefined && c.text.trim() !== "") blank = false;
      if (blank) continue;
      const line = row.number;
      let record: string[];
      let warnings: RowWarning[] | undefined;
      if (sorter.plan === undefined) {
        // The header's width: up to its last named column (a sheet has no field count of its own).
        let width = cells.length;
        while (width > 0 && (cells[width - 1] === undefined || cells[width - 1]!.text.trim() === "")) width--;
        record = Array.from({ length: width }, (_, i) => cells[i]?.text ?? "");
        headerLine = line;
      } else {
        // Every row has the header's width: a cell under no header is read by nothing.
        record = Array.from({ length: sorter.width }, (_, i) => cells[i]?.text ?? "");
        const hs = sorter.plan.columns.hs;
        const cell = hs >= 0 && hs < sorter.width ? cells[hs] : undefined;
        if (cell?.number !== undefined) {
          const restored = hsFromNumber(cell.number, cell.text, cell.zeros);
          if (restored.text !== cell.text) {
            record[hs] = restored.text;
            if (restored.warn) warnings = [{ line, column: "hs", message: `hs is the number ${cell.text} in the workbook, which cannot keep the code's ${restored.what}: read as ${restored.text}; format the column as Text to keep codes as written` }];
          }
        }
      }
      if (kept) kept.set(line, record.slice());
      sorter.add(events, record, line, -1, warnings);
      if (++rows >= BATCH && events.length > 0) {
        yield events;
        release();
        events = [];
        rows = 0;
      }
    }
    sorter.flushHeld(events);
    if (events.length > 0) yield events;
    release();
  } catch (e) {
    if (e instanceof CsvFatal) throw e;
    throw new CsvFatal(error("xlsx/unreadable", `cannot read the workbook: ${(e as Error)?.message ?? String(e)}`, { file: label }, "open it in Excel and save it again as .xlsx, or save it as CSV UTF-8"));
  }
  if (sorter.plan === undefined) throw new CsvFatal(error("csv/empty", `the sheet is empty: expected a header row with ${REQUIRED_COLUMNS.join(", ")} and hs or sector`, { file: label }));
}

/** A cell as text; `number` when it is a number cell (not a date), with the zeros its number format pads to (`0000000000`). */
interface Cell {
  text: string;
  number?: number;
  zeros?: number;
}

export function cellText(cell: SheetCell, decimalComma: boolean): Cell {
  let v = cell.value;
  // A formula: its cached result (none when the workbook was never calculated: an empty cell).
  if (v !== null && typeof v === "object" && !(v instanceof Date) && ("formula" in v || "sharedFormula" in v || "result" in v)) v = (v as { result?: unknown }).result;
  if (v === null || v === undefined) return { text: "" };
  if (typeof v === "string") return { text: v };
  if (typeof v === "boolean") return { text: v ? "TRUE" : "FALSE" };
  if (v instanceof Date) return { text: isoDay(v) };
  if (typeof v === "number") {
    // exceljs makes a Date of a plain number cell with a date format, not of a formula's result: done here alike.
    if (cell.numFmt !== undefined && isDateFormat(cell.numFmt)) return { text: isoDay(new Date(Math.round((v - 25569) * 86_400_000))) };
    const text = numberText(v);
    const zeros = cell.numFmt !== undefined && /^0+$/.test(cell.numFmt) ? cell.numFmt.length : undefined;
    return { text: decimalComma ? text.replace(".", ",") : text, number: v, ...(zeros !== undefined ? { zeros } : {}) };
  }
  if (typeof v === "object") {
    const o = v as { richText?: { text: string }[]; text?: unknown; error?: unknown };
    if (Array.isArray(o.richText)) return { text: o.richText.map((r) => r.text ?? "").join("") };
    if (typeof o.error === "string") return { text: o.error };
    if (typeof o.text === "string") return { text: o.text };
  }
  return { text: String(v) };
}

/** The day of a date cell, YYYY-MM-DD (exceljs gives dates at midnight UTC: Excel's dates have no time zone). */
function isoDay(d: Date): string {
  if (Number.isNaN(d.getTime())) return "";
  const y = d.getUTCFullYear();
  return `${String(y).padStart(4, "0")}-${String(d.getUTCMonth() + 1).padStart(2, "0")}-${String(d.getUTCDate()).padStart(2, "0")}`;
}

/** Whether a number format shows a date: a day, month or year part outside quotes, escapes and brackets. */
export function isDateFormat(format: string): boolean {
  const plain = format.replace(/"[^"]*"/g, "").replace(/\\./g, "").replace(/\[[^\]]*\]/g, "");
  // A month alone (m) is also minutes: with hours or seconds beside it, the format is a time.
  return /[dy]/i.test(plain) || (/m/i.test(plain) && !/[hs]/i.test(plain) && !/^general$/i.test(plain.trim()));
}

/**
 * A number as the decimal Excel shows in General format: at most 15
 * significant digits (Excel's precision), no exponent, no trailing zeros.
 * Done on the text of `toPrecision`, never by arithmetic on the double.
 */
export function numberText(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  if (Number.isInteger(n) && Math.abs(n) < 1e15) return String(n);
  // "10000.1000000000", "0.300000000000000", "1.00000000000000e+21", "1.00000000000000e-7"
  const m = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(n.toPrecision(15));
  if (!m) return String(n);
  const [, sign, lead = "", rest = "", exp = "0"] = m;
  const digits = lead + rest;
  const point = lead.length + Number(exp); // digits before the decimal point
  let whole: string;
  let frac: string;
  if (point <= 0) {
    whole = "0";
    frac = "0".repeat(-point) + digits;
  } else if (point >= digits.length) {
    whole = digits + "0".repeat(point - digits.length);
    frac = "";
  } else {
    whole = digits.slice(0, point);
    frac = digits.slice(point);
  }
  frac = frac.replace(/0+$/, "");
  whole = whole.replace(/^0+(?=\d)/, "");
  return `${sign}${whole}${frac ? `.${frac}` : ""}`;
}

/**
 * An HS code read from a number cell. A number keeps no leading zero and no
 * trailing zero after the point, so the text is restored only where its
 * length proves what was lost: the cell's format pads to a width of zeros
 * (`0000000000`: the text Excel shows, no warning); a whole number of 3, 5,
 * 7 or 9 digits is a code of 4, 6, 8 or 10 (HS and tariff codes have an even
 * number of digits) whose chapter is 01–09; a number with a point is
 * heading.subheading (4 digits, 2 after the point: 406.9 was 0406.90).
 * Anything else is left as written (and checked as any code is).
 */
export function hsFromNumber(n: number, text: string, zeros: number | undefined): { text: string; warn: boolean; what: string } {
  if (!Number.isInteger(n) || n < 0) {
    const m = /^(\d{3,4})[.,](\d{1,2})$/.exec(text);
    if (!m) return { text, warn: false, what: "" };
    const restored = `${m[1]!.padStart(4, "0")}.${m[2]!.padEnd(2, "0")}`;
    if (restored === text) return { text, warn: false, what: "" };
    return { text: restored, warn: true, what: m[1]!.length < 4 ? (m[2]!.length < 2 ? "leading and trailing zeros" : "leading zero") : "trailing zero" };
  }
  if (zeros !== undefined && zeros > text.length) return { text: text.padStart(zeros, "0"), warn: false, what: "" };
  if (text.length % 2 === 1 && text.length >= 3 && text.length <= 9) return { text: `0${text}`, warn: true, what: "leading zero" };
  return { text, warn: false, what: "" };
}

/** The sheet a workbook would be read from, named for a message: `"Lines" (the first of 3 sheets)`. */
export function sheetNote(file: string, workbook: WorkbookSheet, chosen: boolean): Diagnostic | undefined {
  if (chosen || workbook.sheets.length <= 1) return undefined;
  return warning("xlsx/sheet", `read the first of ${workbook.sheets.length} sheets, "${workbook.sheet}" (the others: ${workbook.sheets.slice(1).map((s) => `"${s}"`).join(", ")})`, { file }, "give --sheet NAME to read another");
}
