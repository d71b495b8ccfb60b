/**
 * What an importer is owed back (issue #15, `tariff refund`): per line, the
 * duty of a refund program's measures (IEEPA) on it, as paid when the file
 * says so (companion rows under the program's headings, `declared_<measure>`
 * columns) and as computed otherwise; per entry, the sum of its lines with the
 * entry's date; per importer of record, the sum of its entries; and the claim
 * files (CBP's CAPE declaration: entry numbers, at most N per file).
 *
 * Lines outside the program's period, of another importer, or owing none of
 * its duty are counted with their line numbers, never dropped unsaid.
 *
 * Pure: no I/O. The shell writes the files this returns.
 */
import { type Decimal, ZERO, add, sign } from "../money/decimal.js";
import type { LineResult } from "../duty/compute.js";
import type { Declaration } from "../reconcile/declared.js";
import { headingKey } from "../reconcile/headings.js";
import { type ProgramScope, inSpans } from "./program.js";
import { type Diagnostic, error } from "../diagnostics.js";
import { headerKey } from "../duty/mapping.js";
import { entryKey } from "../duty/shipment.js";

/** Header names of the importer of record column (compared as the mapping compares headers: case, spaces and punctuation ignored). */
export const IMPORTER_OF_RECORD_NAMES = ["importer_of_record", "importer of record number", "ior", "ior number", "importer number", "importer no"];

/** The field of the importer of record (-1: the file has none); two such columns are an error. */
export function importerOfRecordColumn(header: readonly string[], file: string, line: number): { ok: true; index: number } | { ok: false; error: Diagnostic } {
  const keys = new Set(IMPORTER_OF_RECORD_NAMES.map(headerKey));
  const found = header.flatMap((h, i) => (keys.has(headerKey(h)) ? [i] : []));
  if (found.length > 1) return { ok: false, error: error("csv/ambiguous-column", `columns "${header[found[0]!]}" (field ${found[0]! + 1}) and "${header[found[1]!]}" (field ${found[1]! + 1}) both mean importer_of_record`, { file, line }, "rename or remove one of them") };
  return { ok: true, index: found[0] ?? -1 };
}

/**
 * `claimed`: the line owes (or paid) the program's duty; `no-duty`: in the
 * period, but none (exempt, excluded, or declared at 0.00); `outside-period`:
 * dated when none of the program's measures was in force; `other-importer`:
 * levied by the other customs (Canadian lines for a US program).
 */
export type RefundStatus = "claimed" | "no-duty" | "outside-period" | "other-importer";

export interface RefundLine {
  result: LineResult;
  status: RefundStatus;
  /** The program's duty computed on the line. */
  computed: Decimal;
  /** The program's duty the line declares paid; null when the file says nothing of it. */
  declared: Decimal | null;
  /** What is claimed back: `declared` when known (and asked for), else `computed`; 0.00 unless `claimed`. */
  amount: Decimal;
  from: "declared" | "computed";
  /** The file lines the declared amount is read from (companion rows, or the line itself). */
  declaredLines: number[];
}

/**
 * The program's duty on one priced line. `declaration`: what the line
 * declares (null when the file declares nothing); `useDeclared` false claims
 * the computed amounts whatever the file declares.
 */
export function refundLine(result: LineResult, declaration: Declaration | null, scope: ProgramScope, useDeclared: boolean): RefundLine {
  let computed: Decimal = ZERO;
  for (const d of result.duties) if (scope.ids.has(d.measure)) computed = add(computed, d.amount);
  let declared: Decimal | null = null;
  const declaredLines: number[] = [];
  if (declaration !== null && useDeclared && declaration.total !== null) {
    let sum: Decimal = ZERO;
    let any = declaration.complete;
    for (const [measure, d] of declaration.byMeasure) {
      if (!scope.ids.has(measure)) continue;
      sum = add(sum, d.amount);
      declaredLines.push(...d.lines);
      any = true;
    }
    // A heading no measure names, under the program's own headings (9903.01.16, say): its duty is the program's too.
    for (const u of declaration.unknownHeadings) {
      const key = headingKey(u.heading);
      if (!scope.program.headings.some((h) => key.startsWith(h))) continue;
      sum = add(sum, u.amount);
      declaredLines.push(u.line);
      any = true;
    }
    if (any) declared = sum;
  }
  const s = result.shipment;
  const from = declared !== null ? "declared" : "computed";
  const owed = declared ?? computed;
  const status: RefundStatus =
    s.importer !== scope.program.importer ? "other-importer" : !inSpans(scope.period, s.date) ? "outside-period" : sign(owed) > 0 ? "claimed" : "no-duty";
  return { result, status, computed, declared, amount: status === "claimed" ? owed : ZERO, from, declaredLines: declaredLines.sort((a, b) => a - b) };
}

/** An entry number as the claim file takes it: letters and digits, upper case, without dashes or spaces; null when it is not 11 of them. */
export function capeEntryNumber(entry: string): string | null {
  const plain = entryKey(entry);
  return /^[A-Z0-9]{11}$/.test(plain) ? plain : null;
}

/** One entry's claim. */
export interface RefundEntry {
  /** As the file writes it; null for lines that give none. */
  entry: string | null;
  /** As the claim file writes it; null when the entry number cannot go in one (see `capeEntryNumber`). */
  capeNumber: string | null;
  currency: string;
  /** The importer of record (the first its lines give); `importersOfRecord` lists them all when they differ. */
  importerOfRecord: string | null;
  importersOfRecord: string[];
  /** The entry date (its first line's); `dates` lists them all when they differ. */
  date: string;
  dates: string[];
  /** The lines of the entry in the period, in file order. */
  lines: number[];
  /** The file lines its declared amounts are read from (companion rows), sorted. */
  declaredLines: number[];
  computed: Decimal;
  /** The program's duty its lines declare paid, over the lines that declare it; null when none does. */
  declared: Decimal | null;
  /** Claimed: the sum of its lines' amounts. */
  amount: Decimal;
  from: "declared" | "computed" | "mixed";
}

/** Per importer of record (null: the file gives none), over the entries with an amount to claim. */
export interface ImporterOfRecordTotal {
  importerOfRecord: string | null;
  currency: string;
  entries: number;
  lines: number;
  amount: Decimal;
}

/** Lines not claimed, by why, with their line numbers. */
export interface RefundCounts {
  lines: number;
  claimed: number;
  noDuty: number[];
  outsidePeriod: number[];
  otherImporter: number[];
  /** Lines outside the period that declare the program's duty paid (a question for the broker): their lines and sum. */
  declaredOutside: { lines: number[]; amount: Decimal };
  /** Claimed lines without an entry number: they cannot go in a claim file. */
  noEntry: number[];
}

/** One claim file: its name, whose entries, and the entry numbers in it. */
export interface ClaimFile {
  name: string;
  importerOfRecord: string | null;
  entries: string[];
}

/**
 * Folds refund lines into entries, totals per importer of record and counts.
 * Memory grows with the entries (their line numbers), not with the lines.
 */
export class RefundFold {
  private readonly entries = new Map<string, RefundEntry>();
  readonly counts: RefundCounts = { lines: 0, claimed: 0, noDuty: [], outsidePeriod: [], otherImporter: [], declaredOutside: { lines: [], amount: ZERO }, noEntry: [] };

  /** `importerOfRecord`: the line's importer of record, when the file gives one. */
  add(line: RefundLine, importerOfRecord: string | null): void {
    const c = this.counts;
    const s = line.result.shipment;
    c.lines++;
    if (line.status === "other-importer") {
      c.otherImporter.push(s.line);
      return;
    }
    if (line.status === "outside-period") {
      c.outsidePeriod.push(s.line);
      if (line.declared !== null && sign(line.declared) > 0) {
        c.declaredOutside.lines.push(s.line);
        c.declaredOutside.amount = add(c.declaredOutside.amount, line.declared);
      }
      return;
    }
    if (line.status === "claimed") {
      c.claimed++;
      if (s.entry === null) c.noEntry.push(s.line);
    } else c.noDuty.push(s.line);
    // An entry is listed when it owes or declares something: lines of no duty at all make no entry.
    if (line.status === "no-duty" && sign(line.computed) === 0 && (line.declared === null || sign(line.declared) === 0)) return;
    const currency = line.result.dutyCurrency;
    const key = `${currency}\u0000${s.entry === null ? "\u0001" : entryKey(s.entry)}`;
    let e = this.entries.get(key);
    if (!e) {
      e = { entry: s.entry, capeNumber: s.entry === null ? null : capeEntryNumber(s.entry), currency, importerOfRecord, importersOfRecord: importerOfRecord === null ? [] : [importerOfRecord], date: s.date, dates: [s.date], lines: [], declaredLines: [], computed: ZERO, declared: null, amount: ZERO, from: line.from };
      this.entries.set(key, e);
    }
    e.lines.push(s.line);
    for (const l of line.declaredLines) if (l !== s.line) e.declaredLines.push(l);
    if (!e.dates.includes(s.date)) e.dates.push(s.date);
    if (importerOfRecord !== null && !e.importersOfRecord.includes(importerOfRecord)) e.importersOfRecord.push(importerOfRecord);
    if (e.importerOfRecord === null) e.importerOfRecord = importerOfRecord;
    e.computed = add(e.computed, line.computed);
    if (line.declared !== null) e.declared = e.declared === null ? line.declared : add(e.declared, line.declared);
    e.amount = add(e.amount, line.amount);
    if (e.from !== line.from) e.from = "mixed";
  }

  /** Entries by currency, then entry number (lines without one last). */
  list(): RefundEntry[] {
    return [...this.entries.values()]
      .map((e) => ({ ...e, declaredLines: [...e.declaredLines].sort((a, b) => a - b), dates: e.dates.length > 1 ? [...e.dates].sort() : [], importersOfRecord: e.importersOfRecord.length > 1 ? e.importersOfRecord : [] }))
      .sort((a, b) => (a.currency !== b.currency ? (a.currency < b.currency ? -1 : 1) : a.entry === b.entry ? 0 : a.entry === null ? 1 : b.entry === null ? -1 : a.entry < b.entry ? -1 : 1));
  }
}

/** Per importer of record and currency, over the entries with an amount to claim; importers in order, the one without a name last. */
export function importerOfRecordTotals(entries: readonly RefundEntry[]): ImporterOfRecordTotal[] {
  const out = new Map<string, ImporterOfRecordTotal>();
  for (const e of entries) {
    if (sign(e.amount) <= 0) continue;
    const key = `${e.importerOfRecord === null ? "\u0001" : e.importerOfRecord}\u0000${e.currency}`;
    const t = out.get(key) ?? { importerOfRecord: e.importerOfRecord, currency: e.currency, entries: 0, lines: 0, amount: ZERO };
    t.entries++;
    t.lines += e.lines.length;
    t.amount = add(t.amount, e.amount);
    out.set(key, t);
  }
  return [...out.values()].sort((a, b) => (a.importerOfRecord === b.importerOfRecord ? (a.currency < b.currency ? -1 : 1) : a.importerOfRecord === null ? 1 : b.importerOfRecord === null ? -1 : a.importerOfRecord < b.importerOfRecord ? -1 : 1));
}

/** Claimed amounts per currency over the entries (every claimed line is in one). */
export function claimedTotals(entries: readonly RefundEntry[]): Map<string, { entries: number; computed: Decimal; amount: Decimal }> {
  const out = new Map<string, { entries: number; computed: Decimal; amount: Decimal }>();
  for (const e of entries) {
    const t = out.get(e.currency) ?? { entries: 0, computed: ZERO, amount: ZERO };
    if (sign(e.amount) > 0) t.entries++;
    t.computed = add(t.computed, e.computed);
    t.amount = add(t.amount, e.amount);
    out.set(e.currency, t);
  }
  return out;
}

/** A name part from an importer of record number: letters, digits and dashes. */
function slug(text: string): string {
  return text.replace(/[^A-Za-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 40) || "ior";
}

/**
 * The claim files: one set per importer of record (a declaration is one
 * importer's), each of at most `maxEntries` entry numbers, sorted, each
 * entry once. Entries with nothing to claim or no valid entry number are left
 * out (the caller says which). Names: `cape-<importer of record>-001.csv`, or
 * `cape-entries-001.csv` when the file gives no importer of record.
 */
export function claimFiles(entries: readonly RefundEntry[], maxEntries: number): ClaimFile[] {
  const byIor = new Map<string | null, Set<string>>();
  for (const e of entries) {
    if (sign(e.amount) <= 0 || e.capeNumber === null) continue;
    const set = byIor.get(e.importerOfRecord) ?? new Set<string>();
    set.add(e.capeNumber);
    byIor.set(e.importerOfRecord, set);
  }
  const iors = [...byIor.keys()].sort((a, b) => (a === b ? 0 : a === null ? 1 : b === null ? -1 : a < b ? -1 : 1));
  const used = new Set<string>();
  const out: ClaimFile[] = [];
  for (const ior of iors) {
    let stem = ior === null ? "entries" : slug(ior);
    // Two importers of record whose numbers differ only in punctuation keep apart.
    for (let n = 2; used.has(stem); n++) stem = `${ior === null ? "entries" : slug(ior)}-${n}`;
    used.add(stem);
    const numbers = [...byIor.get(ior)!].sort();
    for (let i = 0, part = 1; i < numbers.length; i += maxEntries, part++) {
      out.push({ name: `cape-${stem}-${String(part).padStart(3, "0")}.csv`, importerOfRecord: ior, entries: numbers.slice(i, i + maxEntries) });
    }
  }
  return out;
}

/** A claim file's text: the header, then one entry number a line (CRLF, as a spreadsheet saves a CSV). */
export function claimFileText(file: ClaimFile, header: string): string {
  return [header, ...file.entries].join("\r\n") + "\r\n";
}

/** Why an entry is not in a claim file; null when it is (an amount to claim and a usable entry number). */
export function claimProblem(e: Pick<RefundEntry, "entry" | "capeNumber" | "amount">): "nothing to claim" | "no entry number" | "entry number is not 11 letters and digits" | null {
  if (sign(e.amount) <= 0) return "nothing to claim";
  if (e.entry === null) return "no entry number";
  if (e.capeNumber === null) return "entry number is not 11 letters and digits";
  return null;
}
