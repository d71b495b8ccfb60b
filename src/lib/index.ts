/**
 * tariff as a library (issue #16 item 6): `import { calc } from "tariff-impact"`.
 *
 * Each function runs the very command the CLI runs, in this process, with
 * `--format json` and in-memory streams, and returns `JSON.parse` of what the
 * command wrote: the documents of the README (`tariff-calc/1`,
 * `tariff-compare/1`, `tariff-diff/1`, `tariff-validate/1`), built by the same
 * code, so the library's result and the CLI's JSON cannot drift apart. The
 * commands stream their JSON (and spill long lists to temp files); here the
 * whole document is collected into one string and parsed, so it is held in
 * memory: for a file of millions of lines, run the CLI and read its output
 * as a stream instead.
 *
 * Bad input is a value, never a thrown error: a result with `ok: false` and
 * `diagnostics`, each with a `code` and its location (`at.file`, `at.line`,
 * `at.column`), plus `messages`, the text the CLI would have printed on
 * stderr. Nothing is printed and the process is never exited.
 */
import { Readable, Writable } from "node:stream";
import { stringify } from "csv-stringify/sync";
import { main } from "../cli/main.js";
import { localToday } from "../cli/context.js";
import { EXIT } from "../cli/exit-codes.js";
import { error, type Diagnostic } from "../core/diagnostics.js";
import type { Schedule } from "../core/schedule/model.js";
import { loadSchedule as loadScheduleSpec } from "../io/schedule-source.js";
import { parseJson } from "../io/json.js";

export type { Diagnostic, Location, Severity } from "../core/diagnostics.js";
export type { Schedule } from "../core/schedule/model.js";

/** A schedule or overlay file: its path (`"default"`: the embedded schedule). */
export type FilePath = string;

/** Shipments: a file's path (CSV or .xlsx), CSV text, or rows as objects (column name → value), sync or async. */
export type Shipments = FilePath | { csv: string } | Iterable<ShipmentRow> | AsyncIterable<ShipmentRow>;

/** One shipment row: the columns of a shipments CSV (README: Shipments) by name; values as they would be written in the CSV. */
export type ShipmentRow = Record<string, string | number | boolean | null | undefined>;

/** Options of the CLI's reading of a shipments file (README: Reading other files), by the same names. */
export interface ReadingOptions {
  preset?: string;
  /** Map files or inline `column=header` maps (`--map`, repeatable). */
  map?: string[];
  importer?: "US" | "CA";
  origin?: string;
  currency?: string;
  dateFormat?: "MDY" | "DMY" | "YMD";
  thousands?: string;
  decimalComma?: boolean;
  encoding?: string;
  delimiter?: string;
  sheet?: string;
}

export interface CalcOptions extends ReadingOptions {
  /** The schedule's path (default: the embedded schedule). */
  schedule?: FilePath;
  /** What-if overlays applied on the schedule, in order. */
  overlays?: FilePath[];
  /** An exchange-rate CSV (`--fx`). */
  fx?: FilePath;
  /** false: totals only, no `lines` (`--no-lines`). */
  lines?: boolean;
  /** Also charge the schedule's fees and taxes (`--fees`). */
  fees?: boolean;
  /** Add `entries` (`--by entry`). */
  byEntry?: boolean;
}

export interface CompareOptions extends ReadingOptions {
  /** Scenarios as the CLI's `--scenario NAME=SCHEDULE+OVERLAY…`: the first is the base. */
  scenarios?: { name: string; schedule?: FilePath; overlays?: FilePath[] }[];
  /** Schedules as scenarios (`-s`, repeatable). */
  schedules?: FilePath[];
  /** Overlays on the base schedule, each its own scenario (`--overlay`). */
  overlays?: FilePath[];
  fx?: FilePath;
  /** Lines that change most, per scenario and currency (`--top`, default 10). */
  top?: number;
}

export interface DiffOptions {
  /** Only what is in force on this date, YYYY-MM-DD (`--at`). */
  at?: string;
  importer?: "US" | "CA";
  sector?: string;
  /** Overlays applied to the new schedule before comparing. */
  overlays?: FilePath[];
}

export interface ValidateOptions {
  /** The schedule overlays are checked against (default: the embedded one). */
  schedule?: FilePath;
}

/**
 * The documents of the README, typed for their main fields; every field of the README is there at run time.
 * Amounts are strings with two decimals (exact: never floating point). Within a `format` version fields are
 * only ever added, so the index signatures leave room for what a later version adds.
 */
export interface JsonDocument<F extends string> {
  format: F;
  [field: string]: unknown;
}
/** Calc's and compare's `schedule`: what the numbers were computed under (a what-if names its overlays). */
export interface ScheduleInfo {
  id: string;
  version: string;
  asOf?: string;
  title?: string;
  unverified?: string[];
  overlays?: string[];
  overlayTitles?: string[];
  [field: string]: unknown;
}
export interface RejectedLine {
  line: number;
  id?: string | null;
  column: string | null;
  code: string;
  reason: string;
  faults?: { column: string | null; code: string; reason: string }[];
}
export interface CalcLine {
  line: number;
  id: string | null;
  date: string;
  importer: "US" | "CA";
  sector: string;
  hs: string | null;
  customsValue: string;
  dutyCurrency: string;
  duties: { measure: string; heading: string; rate: string; basis: string; base: string; amount: string; [field: string]: unknown }[];
  duty: string;
  [field: string]: unknown;
}
export interface CurrencyTotals {
  lines: number;
  value: string;
  duty: string;
  bySector: Record<string, { lines: number; value: string; duty: string }>;
  byMeasure: Record<string, { lines: number; base: string; duty: string }>;
  byMonth: Record<string, { lines: number; value: string; duty: string }>;
  [field: string]: unknown;
}
export interface CalcDocument extends JsonDocument<"tariff-calc/1"> {
  schedule: ScheduleInfo;
  /** Absent with `lines: false`. */
  lines?: CalcLine[];
  rejected: RejectedLine[];
  warnings: { line: number; column: string; message: string }[];
  /** Keyed by currency: never summed across currencies. */
  totals: Record<string, CurrencyTotals>;
  counts: { read: number; computed: number; rejected: number; warned?: number; companions?: number };
}
export interface Change {
  before: string;
  after: string;
  change: string;
  /** null when the base is 0. */
  percent: string | null;
}
export interface CompareDocument extends JsonDocument<"tariff-compare/1"> {
  scenarios: { name: string; schedule: ScheduleInfo; overlays: string[]; overlayTitles: string[] }[];
  base: string;
  totals: Record<string, Record<string, { lines: number; value: string; duty: string }>>;
  changes: { scenario: string; against: string; byCurrency: Record<string, Change>; [field: string]: unknown }[];
  rejected: RejectedLine[];
  counts: { read: number; computed: number; rejected: number; [field: string]: unknown };
}
export interface DiffDocument extends JsonDocument<"tariff-diff/1"> {
  old: ScheduleInfo;
  new: ScheduleInfo;
}
export interface ValidateDocument extends JsonDocument<"tariff-validate/1"> {
  valid: boolean;
  files: { file: string; kind: string; valid: boolean; errorCount: number; errors: DiagnosticJson[]; warnings: DiagnosticJson[] }[];
}

/**
 * `ok: true`: the document, and `findings` when the CLI would exit 1 (lines rejected, a file invalid, schedules
 * that differ); the document says which. `ok: false`: no document (the CLI's exit 2), with why.
 */
export type Outcome<T> =
  | { ok: true; value: T; findings: boolean; warnings: Diagnostic[]; messages: string }
  | { ok: false; diagnostics: Diagnostic[]; messages: string };

/** A schedule given as a value: its JSON text (`file` names it in diagnostics), or the parsed file as an object. */
export type ScheduleInput = FilePath | { json: string; file?: string } | Record<string, unknown>;

export type LoadedSchedule = { ok: true; value: Schedule; warnings: Diagnostic[] } | { ok: false; diagnostics: Diagnostic[] };

/**
 * A schedule, validated, with overlays (paths) applied in order: the schedule the commands compute with, or
 * every error located in its file (an object is located in its `JSON.stringify(value, null, 2)`, label `<object>`).
 */
export async function loadSchedule(source: ScheduleInput, options: { overlays?: FilePath[] } = {}): Promise<LoadedSchedule> {
  let loaded;
  if (typeof source === "string") loaded = await loadScheduleSpec(source, emptyStdin());
  else {
    const given = source as Record<string, unknown>;
    // A schedule file always has "format": an object with "json" and no "format" is text to parse.
    const isText = typeof given["json"] === "string" && given["format"] === undefined;
    const text = isText ? (given["json"] as string) : JSON.stringify(given, null, 2);
    const label = isText ? (typeof given["file"] === "string" ? given["file"] : "<json>") : "<object>";
    const parsed = parseJson(text, label);
    if (!parsed.ok) return { ok: false, diagnostics: parsed.errors };
    const { scheduleFromDoc } = await import("../io/schedule-check.js");
    loaded = scheduleFromDoc(parsed.doc);
  }
  if (!loaded.ok) return { ok: false, diagnostics: loaded.errors };
  const overlays = options.overlays ?? [];
  if (overlays.length === 0) return { ok: true, value: loaded.value, warnings: loaded.warnings };
  const { loadOverlay } = await import("../io/schedule-check.js");
  const { scheduleWithOverlays } = await import("../core/schedule/overlay.js");
  const { locateAll } = await import("../io/json.js");
  const values = [];
  const docs = [];
  const problems: Diagnostic[] = [];
  for (const spec of overlays) {
    const o = await loadOverlay(spec, emptyStdin());
    if (o.ok) {
      values.push(o.value);
      docs.push(o.doc);
    } else problems.push(...(o.doc ? locateAll(o.doc, o.errors) : o.errors));
  }
  if (problems.length > 0) return { ok: false, diagnostics: problems };
  const applied = scheduleWithOverlays(loaded.value, values, [loaded.doc.file, ...overlays].join(" + "));
  if (!applied.ok) return { ok: false, diagnostics: docs.reduce((ds, doc) => locateAll(doc, ds), applied.errors) };
  return { ok: true, value: applied.value, warnings: loaded.warnings };
}

/** `tariff calc --format json`: the `tariff-calc/1` document (README: calc's JSON). */
export async function calc(shipments: Shipments, options: CalcOptions = {}): Promise<Outcome<CalcDocument>> {
  const args = ["calc", "--format", "json", "--schedule", options.schedule ?? "default"];
  for (const o of options.overlays ?? []) args.push("--overlay", o);
  if (options.fx !== undefined) args.push("--fx", options.fx);
  if (options.lines === false) args.push("--no-lines");
  if (options.fees === true) args.push("--fees");
  if (options.byEntry === true) args.push("--by", "entry");
  return outcome(await runJson(args, shipments, options));
}

/** `tariff compare --format json`: the `tariff-compare/1` document. */
export async function compare(shipments: Shipments, options: CompareOptions = {}): Promise<Outcome<CompareDocument>> {
  const args = ["compare", "--format", "json"];
  for (const s of options.scenarios ?? []) args.push("--scenario", `${s.name}=${[s.schedule ?? "default", ...(s.overlays ?? [])].join("+")}`);
  for (const s of options.schedules ?? []) args.push("--schedule", s);
  for (const o of options.overlays ?? []) args.push("--overlay", o);
  if (options.fx !== undefined) args.push("--fx", options.fx);
  if (options.top !== undefined) args.push("--top", String(options.top));
  return outcome(await runJson(args, shipments, options));
}

/** `tariff diff OLD NEW --format json`: the `tariff-diff/1` document; `findings` when they differ in effect. */
export async function diff(oldSchedule: FilePath, newSchedule: FilePath, options: DiffOptions = {}): Promise<Outcome<DiffDocument>> {
  const args = ["diff", "--format", "json"];
  if (options.at !== undefined) args.push("--at", options.at);
  if (options.importer !== undefined) args.push("--importer", options.importer);
  if (options.sector !== undefined) args.push("--sector", options.sector);
  for (const o of options.overlays ?? []) args.push("--overlay", o);
  return outcome(await runJson(args, undefined, {}, [oldSchedule, newSchedule]));
}

/**
 * `tariff validate FILES --format json`: the `tariff-validate/1` document; `findings` when a file is invalid.
 * A file that cannot be read or is not JSON gives `ok: false`, as the CLI exits 2, with the document's errors
 * as `diagnostics`.
 */
export async function validate(files: FilePath[], options: ValidateOptions = {}): Promise<Outcome<ValidateDocument>> {
  const args = ["validate", "--format", "json", ...(options.schedule !== undefined ? ["--schedule", options.schedule] : [])];
  const r = await runJson<ValidateDocument>(args, undefined, {}, files);
  if (r.ok || !("document" in r) || r.document === undefined) return outcome(r);
  // Exit 2 with a document: its unreadable files' errors, as values with their locations.
  const diagnostics = r.document.files.flatMap((f) => f.errors.map(fromJson));
  return { ok: false, diagnostics, messages: r.messages };
}

/** The public shape: a document left by a failed run is not part of it. */
function outcome<T>(r: Ran<T>): Outcome<T> {
  return r.ok ? r : { ok: false, diagnostics: r.diagnostics, messages: r.messages };
}

/** A diagnostic as validate's JSON writes it (README: validate). */
export interface DiagnosticJson {
  code: string;
  severity: "error" | "warning";
  message: string;
  file: string;
  line?: number;
  column?: number;
  pointer?: string;
  hint?: string;
}

function fromJson(d: DiagnosticJson): Diagnostic {
  const at = { file: d.file, ...(d.line !== undefined ? { line: d.line } : {}), ...(d.column !== undefined ? { column: d.column } : {}) };
  return { code: d.code, severity: d.severity, message: d.message, at, ...(d.hint !== undefined ? { hint: d.hint } : {}) };
}

const READING_FLAGS: [keyof ReadingOptions, string][] = [
  ["preset", "--preset"],
  ["importer", "--importer"],
  ["origin", "--origin"],
  ["currency", "--currency"],
  ["dateFormat", "--date-format"],
  ["thousands", "--thousands"],
  ["encoding", "--encoding"],
  ["delimiter", "--delimiter"],
  ["sheet", "--sheet"],
];

type Ran<T> = Outcome<T> | { ok: false; diagnostics: Diagnostic[]; messages: string; document?: T };

/**
 * Runs one command with in-memory streams; shipments other than a path are its standard input. The files
 * come after "--", so that a name beginning with "-" is a file, never taken for an option.
 */
async function runJson<T>(args: string[], shipments: Shipments | undefined, reading: ReadingOptions, given: readonly string[] = []): Promise<Ran<T>> {
  const argv = [...args];
  const files = [...given];
  for (const [key, flag] of READING_FLAGS) {
    const v = reading[key];
    if (typeof v === "string") argv.push(flag, v);
  }
  for (const m of reading.map ?? []) argv.push("--map", m);
  if (reading.decimalComma === true) argv.push("--decimal-comma");
  const rows = { problem: undefined as Diagnostic | undefined };
  let stdin: NodeJS.ReadableStream & { isTTY?: boolean } = emptyStdin();
  if (shipments !== undefined) {
    if (typeof shipments === "string") files.push(shipments);
    else {
      files.push("-");
      stdin = Object.assign(Readable.from("csv" in shipments && typeof shipments.csv === "string" ? [Buffer.from(shipments.csv)] : csvOf(shipments as Iterable<ShipmentRow> | AsyncIterable<ShipmentRow>, rows)), { isTTY: false });
    }
  }
  argv.push("--", ...files);
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  const diagnostics: Diagnostic[] = [];
  const collect = (chunks: Buffer[]) => new Writable({ write: (c: Buffer | string, _e, done) => (chunks.push(Buffer.from(c)), done()) });
  const code = await main(argv, {
    stdout: collect(out),
    stderr: collect(err),
    stdin,
    // No colour, no width: the library's caller is a program, not a terminal.
    env: { NO_COLOR: "1" },
    today: localToday(),
    onDiagnostic: (d) => diagnostics.push(d),
  });
  const messages = Buffer.concat(err).toString("utf8");
  if (rows.problem) return { ok: false, diagnostics: [rows.problem], messages };
  const text = Buffer.concat(out).toString("utf8");
  const document = text.length > 0 ? (JSON.parse(text) as T) : undefined;
  if (code === EXIT.TROUBLE || document === undefined) {
    // A usage problem (a wrong option value) or a bug is a message without a location: given as a diagnostic too.
    const code = /internal error/.test(messages) ? "library/internal" : "library/usage";
    const usage = diagnostics.length === 0 && messages !== "" ? [error(code, messages.trim(), { file: args[0]! })] : [];
    return { ok: false, diagnostics: [...diagnostics.filter((d) => d.severity === "error"), ...usage], messages, ...(document !== undefined ? { document } : {}) };
  }
  return { ok: true, value: document, findings: code === EXIT.FINDINGS, warnings: diagnostics.filter((d) => d.severity === "warning"), messages };
}

/**
 * Rows as CSV text, header first: the columns are the first row's keys. A later row with another key is a
 * problem located at its line (header = 1), not a column silently dropped; reading stops there.
 */
async function* csvOf(rows: Iterable<ShipmentRow> | AsyncIterable<ShipmentRow>, state: { problem: Diagnostic | undefined }): AsyncGenerator<Buffer> {
  let columns: string[] | undefined;
  let line = 1;
  // The caller's rows failing (a database cursor, a stream) is their error, not malformed CSV: said as such.
  const iterator = Symbol.asyncIterator in rows ? rows[Symbol.asyncIterator]() : rows[Symbol.iterator]();
  for (;;) {
    let next: IteratorResult<ShipmentRow>;
    try {
      next = await iterator.next();
    } catch (e) {
      state.problem = error("library/rows-failed", `the rows could not be read after row ${line - 1}: ${e instanceof Error ? e.message : String(e)}`, { file: "<rows>", line: line + 1 });
      return;
    }
    if (next.done === true) return;
    const row = next.value;
    line++;
    if (columns === undefined) {
      columns = Object.keys(row);
      yield Buffer.from(stringify([columns]));
    }
    const extra = Object.keys(row).find((k) => !columns!.includes(k));
    if (extra !== undefined) {
      state.problem = error("library/row-keys", `row ${line - 1} has the key "${extra}", which the first row has not: every row needs the first row's keys`, { file: "<rows>", line });
      return;
    }
    yield Buffer.from(stringify([columns.map((c) => (row[c] === null || row[c] === undefined ? "" : String(row[c])))]));
  }
}

function emptyStdin(): NodeJS.ReadableStream & { isTTY?: boolean } {
  return Object.assign(Readable.from([]), { isTTY: false });
}
