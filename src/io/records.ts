/**
 * What every reader of shipments (the CSV reader, the Excel workbook reader,
 * a faster one later: issue #17) does with a record once it has the record's
 * fields and the line it starts on: the first record is the header (planned
 * by core/duty/mapping.ts); after it, a record is a shipment row, a companion
 * row (ACE's chapter 99 lines, held with their goods line), or a line
 * rejected before parsing (bytes that are not UTF-8 in a column read, a
 * repeated header, a wrong number of fields, a stray quote). Blank records
 * are the reader's to skip: each reader tells them its own way, cheaply.
 *
 * No I/O: records in, items out, in file order.
 */
import { CsvFatal } from "./csv-fatal.js";
import { asciiLowerCase } from "../core/ascii.js";
import type { Columns, Companion, Row, RowWarning } from "../core/duty/shipment.js";
import { type ColumnPlan, type MapSpec, isCompanion, planColumns, viewRecord } from "../core/duty/mapping.js";
import type { CompanionItem, CsvItem } from "./shipments.js";

export class RecordSorter {
  /** The header's plan, once the header is read. */
  plan: ColumnPlan | undefined;
  /** The header's names, trimmed and in lower case (as a repeated header is compared). */
  header: string[] = [];
  /** Fields in the header. */
  width = 0;
  /** Which fields of the file are read (a bad byte elsewhere is no fault of the line). */
  reads: Uint8Array = new Uint8Array(0);
  /** A goods line held until the rows after it show whether companions follow (only when the map declares companions). */
  private held: Row | undefined;
  private idAt: number | undefined;

  /**
   * `onPlanned`: told once the header is planned, before any item: its line,
   * its names trimmed, the columns planned, and its fields as read.
   * `keepInput`: a row whose fields a value map changed keeps its fields as
   * read too (calc --keep-columns writes the input's own columns back).
   */
  constructor(
    private readonly file: string,
    private readonly spec: MapSpec,
    private readonly onPlanned?: (line: number, names: readonly string[], columns: Columns, fields: readonly string[]) => void,
    private readonly keepInput = false,
  ) {}

  /**
   * A record that is not blank, starting on `line`. `garbled`: the index of a
   * read field with bytes that are not UTF-8 (U+FFFD), or -1. `warnings`: the
   * reader's own about the row (an Excel HS code whose leading zero it put
   * back), passed on with it.
   */
  add(events: CsvItem[], record: string[], line: number, garbled = -1, warnings?: RowWarning[]): void {
    if (this.plan === undefined) {
      this.planHeader(record, line);
      return;
    }
    // Bytes that are not UTF-8 decode to U+FFFD: that line is rejected, never computed on garbled text
    // (only when the bytes are in a column the tool reads: a supplier's name in a description is no fault).
    if (garbled >= 0) {
      this.flushHeld(events);
      events.push({ line, id: this.idOf(record), column: this.header[garbled] ?? null, code: "shipment/not-utf8", reason: "the line has bytes that are not UTF-8 text: save the file as UTF-8 (in Excel: CSV UTF-8), or give --encoding windows-1252 for an Excel or Windows export" });
      return;
    }
    if (record.length === this.width && isHeader(record, this.header)) {
      this.flushHeld(events);
      events.push({ line, id: null, column: null, code: "shipment/repeated-header", reason: "the header row is repeated here: remove it (files joined together?)" });
      return;
    }
    if (record.length !== this.width) {
      this.flushHeld(events);
      events.push({ line, id: this.idOf(record), column: null, code: "shipment/field-count", reason: `expected ${this.width} fields as in the header, found ${record.length}` });
      return;
    }
    const p = this.plan;
    if (p.companions.length > 0) {
      if (isCompanion(p, record)) {
        events.push(this.companionOf(p, record, line));
        return;
      }
      this.flushHeld(events);
      this.held = this.row(p, record, line, warnings);
      return;
    }
    events.push(this.row(p, record, line, warnings));
  }

  /** A record skipped for a quote inside an unquoted field (CSV), rejected on its own line. */
  strayQuote(events: CsvItem[], line: number, field: number, at: number): void {
    this.flushHeld(events); // a held goods line comes first: events stay in file order (the rejects file relies on it)
    const name = this.header[field];
    events.push({ line, id: null, column: name || null, code: "shipment/stray-quote", reason: `a quote (") inside field ${field + 1}, which is not quoted, at character ${at}: quote the whole field and double the quote, e.g. "12"" pipe"` });
  }

  /** The line of the goods line held for its companions, if any (it and the rows after it are still to come). */
  get heldLine(): number | undefined {
    return this.held?.line;
  }

  /** The goods line held for its companions, if any: passed on now. */
  flushHeld(events: CsvItem[]): void {
    if (this.held) events.push(this.held);
    this.held = undefined;
  }

  private row(p: ColumnPlan, record: string[], line: number, warnings: RowWarning[] | undefined): Row {
    // Copied before viewRecord, which a value map makes change the record.
    const input = this.keepInput && p.values.length > 0 ? record.slice() : undefined;
    const fields = viewRecord(p, record);
    const row: Row = warnings !== undefined && warnings.length > 0 ? { line, fields, columns: p.columns, warnings } : { line, fields, columns: p.columns };
    if (input) row.input = input;
    return row;
  }

  private planHeader(record: string[], line: number): void {
    const planned = planColumns(record, this.spec, this.file, line);
    if (!planned.ok) throw new CsvFatal(planned.errors[0]!, planned.errors.slice(1));
    this.plan = planned.plan;
    this.onPlanned?.(line, record.map((c) => c.trim()), this.plan.columns, record.slice());
    this.width = record.length;
    this.header = record.map((c) => asciiLowerCase(c.trim()));
    this.reads = new Uint8Array(this.width);
    for (const i of Object.values(this.plan.columns)) if (i >= 0 && i < this.width) this.reads[i] = 1;
    const id = this.plan.columns.id;
    this.idAt = id >= 0 && id < this.width ? id : undefined;
  }

  private idOf(record: readonly string[]): string | null {
    const id = this.idAt === undefined ? undefined : record[this.idAt]?.trim();
    return id && !id.includes("\uFFFD") ? id : null; // a garbled id would match no invoice
  }

  /** A companion row, joined to the goods line held when it is of the same entry line (or when the file tells no entry lines). */
  private companionOf(p: ColumnPlan, record: string[], line: number): CompanionItem {
    const text = (i: number) => (i >= 0 && i < record.length ? record[i]!.trim() : "");
    const textOf = (r: readonly string[], i: number) => (i >= 0 && i < r.length ? r[i]!.trim() : "");
    const entry = text(p.columns.entry) || null;
    const entryLine = text(p.columns.entry_line) || null;
    const companion: Companion = { line, heading: text(p.columns.hs), duty: text(p.columns.declared_duty) || null };
    const h = this.held;
    const same = h !== undefined && (p.columns.entry < 0 || textOf(h.fields, p.columns.entry) === (entry ?? "")) && (p.columns.entry_line < 0 || textOf(h.fields, p.columns.entry_line) === (entryLine ?? ""));
    if (same) (h.companions ??= []).push(companion);
    return { line, companion, attached: same, entry, entryLine };
  }
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
