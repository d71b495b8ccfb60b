/**
 * A refund program (issue #15): which duties are refunded, and the shape the
 * authority takes the claim in. Law is data: the shipped `refunds/ieepa.json`
 * lists the IEEPA measures and headings and CBP's CAPE layout; the IEEPA
 * period is read from the schedule (the periods of those measures), never
 * written here.
 *
 * Pure: no I/O. A program file is checked into a value or Diagnostics.
 */
import { type Diagnostic, type Path, didYouMean, error } from "../diagnostics.js";
import type { ImporterCode, MeasureDef, Schedule } from "../schedule/model.js";
import { headingKey } from "../reconcile/headings.js";

export const REFUND_PROGRAM_FORMAT = "tariff-refund-program/1";

/** The layout of the claim file (CBP's CAPE declaration: a CSV of entry numbers). */
export interface ClaimLayout {
  /** The one column's header. */
  header: string;
  /** Entries per file at most. */
  maxEntries: number;
  entryNumber: string;
  note: string;
  sources: string[];
}

export interface RefundProgram {
  id: string;
  title: string;
  importer: ImporterCode;
  /** Ids of the measures refunded, as schedules name them. */
  measures: string[];
  /** Heading prefixes (digits) whose declared duty is refunded when no measure of the schedule names the heading. */
  headings: string[];
  note: string;
  cape: ClaimLayout;
}

const TOP = ["format", "id", "title", "importer", "measures", "headings", "note", "cape"];
const CAPE = ["header", "maxEntries", "entryNumber", "note", "sources"];

/** A program file's value checked (`file` names it in messages). */
export function refundProgramOf(value: unknown, file: string): { ok: true; program: RefundProgram } | { ok: false; errors: Diagnostic[] } {
  const errors: Diagnostic[] = [];
  const fail = (path: Path, message: string) => errors.push(error("refund/invalid-program", message, { file, path }));
  const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);
  const strings = (v: unknown) => Array.isArray(v) && v.every((s) => typeof s === "string");
  if (!isObject(value)) return { ok: false, errors: [error("refund/invalid-program", "a refund program is a JSON object", { file, path: [] })] };
  if (value["format"] !== REFUND_PROGRAM_FORMAT) fail(["format"], `format must be "${REFUND_PROGRAM_FORMAT}"`);
  for (const k of Object.keys(value)) if (!TOP.includes(k)) fail([k], `unknown key "${k}"`);
  for (const k of ["id", "title", "note"]) if (typeof value[k] !== "string") fail([k], `${k} must be a string`);
  if (value["importer"] !== "US" && value["importer"] !== "CA") fail(["importer"], "importer must be US or CA");
  if (!strings(value["measures"]) || (value["measures"] as string[]).length === 0) fail(["measures"], "measures must be a list of measure ids");
  if (!strings(value["headings"])) fail(["headings"], "headings must be a list of heading prefixes");
  const cape = value["cape"];
  if (!isObject(cape)) fail(["cape"], "cape must be an object");
  else {
    for (const k of Object.keys(cape)) if (!CAPE.includes(k)) fail(["cape", k], `unknown key "${k}"`);
    for (const k of ["header", "entryNumber", "note"]) if (typeof cape[k] !== "string") fail(["cape", k], `${k} must be a string`);
    if (!Number.isInteger(cape["maxEntries"]) || (cape["maxEntries"] as number) < 1) fail(["cape", "maxEntries"], "maxEntries must be a whole number above 0");
    if (!strings(cape["sources"])) fail(["cape", "sources"], "sources must be a list of addresses");
  }
  if (errors.length > 0) return { ok: false, errors };
  const c = cape as Record<string, unknown>;
  return {
    ok: true,
    program: {
      id: value["id"] as string,
      title: value["title"] as string,
      importer: value["importer"] as ImporterCode,
      measures: value["measures"] as string[],
      headings: (value["headings"] as string[]).map(headingKey).filter((h) => h !== ""),
      note: value["note"] as string,
      cape: { header: c["header"] as string, maxEntries: c["maxEntries"] as number, entryNumber: c["entryNumber"] as string, note: c["note"] as string, sources: c["sources"] as string[] },
    },
  };
}

/** A span of dates, `from` inclusive, `until` exclusive (open when undefined). */
export interface Span {
  from: string;
  until?: string;
}

/** A program applied to a schedule: its measures there, and when they were in force. */
export interface ProgramScope {
  program: RefundProgram;
  measures: MeasureDef[];
  ids: ReadonlySet<string>;
  /** The union of the measures' periods, merged and sorted. */
  period: Span[];
}

/**
 * The program's measures in a schedule. `chosen` (the `--measure` option)
 * replaces the program's list: each must be a measure of the schedule. Of the
 * program's own list, those the schedule has; none is an error.
 */
export function programScope(program: RefundProgram, schedule: Pick<Schedule, "measureById" | "id">, chosen?: readonly string[]): { ok: true; scope: ProgramScope } | { ok: false; message: string } {
  const ids = chosen && chosen.length > 0 ? [...new Set(chosen)] : program.measures;
  if (chosen && chosen.length > 0) {
    for (const id of ids) {
      if (!schedule.measureById.has(id)) {
        const guess = didYouMean(id, schedule.measureById.keys());
        return { ok: false, message: `--measure ${id}: schedule ${schedule.id} has no such measure${guess ? ` (did you mean "${guess}"?)` : ""}` };
      }
    }
  }
  const measures = ids.flatMap((id) => schedule.measureById.get(id) ?? []);
  if (measures.length === 0) return { ok: false, message: `schedule ${schedule.id} has none of the measures of ${program.id} (${program.measures.join(", ")}): name yours with --measure ID` };
  return { ok: true, scope: { program, measures, ids: new Set(measures.map((m) => m.id)), period: periodOf(measures) } };
}

/** The periods of the measures, merged where they touch or overlap. */
export function periodOf(measures: readonly Pick<MeasureDef, "periods">[]): Span[] {
  const spans = measures.flatMap((m) => m.periods.map((p) => (p.until === undefined ? { from: p.from } : { from: p.from, until: p.until }))).sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  const out: Span[] = [];
  for (const s of spans) {
    const last = out[out.length - 1];
    if (last && (last.until === undefined || s.from <= last.until)) {
      if (last.until !== undefined && (s.until === undefined || s.until > last.until)) {
        if (s.until === undefined) delete last.until;
        else last.until = s.until;
      }
      continue;
    }
    out.push({ ...s });
  }
  return out;
}

/** Whether a date is inside one of the spans. */
export function inSpans(spans: readonly Span[], date: string): boolean {
  return spans.some((s) => date >= s.from && (s.until === undefined || date < s.until));
}

/** The day before a date (YYYY-MM-DD), in the proleptic Gregorian calendar. */
function dayBefore(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/** `2025-03-04 to 2026-02-23` (the last day in force: `until` is exclusive), spans joined by `, `; `from 2026-01-01` when open. */
export function spansText(spans: readonly Span[]): string {
  return spans.map((s) => (s.until === undefined ? `from ${s.from}` : `${s.from} to ${dayBefore(s.until)}`)).join(", ");
}
