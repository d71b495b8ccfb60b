/**
 * What a shipments file declares was charged (issue #15): the duty a broker
 * declared, to set against what the schedule computes (`reconcile`) or to
 * claim back (`refund`). Three ways a file says it:
 *
 * - `declared_duty`: the line's duty of the schedule's measures, in one sum;
 * - `declared_<measure id>` columns (e.g. `declared_us-ieepa-canada`): per
 *   measure, one column each (the wide format);
 * - companion rows (`--preset ace`: 9903/9902 rows under their goods line):
 *   per chapter 99 heading, one row each (the long format), matched to the
 *   measure the schedule gives that heading (headings.ts). There the goods
 *   line's own `declared_duty` (ACE's Line Duty) is its normal HTS duty,
 *   which the schedule does not compute: it is not read.
 *
 * A blank cell declares nothing (it is not read as 0.00); under companion rows
 * a measure with no row is declared at 0.00, as the entry summary shows no
 * duty under it.
 *
 * Pure: no I/O. Problems are Diagnostics (a file's header) or Rejections (a line).
 */
import { type Diagnostic, didYouMean, error } from "../diagnostics.js";
import { asciiLowerCase } from "../ascii.js";
import { type Decimal, ZERO, add } from "../money/decimal.js";
import type { Schedule } from "../schedule/model.js";
import type { LineResult } from "../duty/compute.js";
import { type Row, type Rejection, parseCents } from "../duty/shipment.js";
import type { Reading } from "../duty/mapping.js";
import { type HeadingIndex, measureOfHeading } from "./headings.js";

/** The prefix of a per-measure column: `declared_us-ieepa-canada`. */
export const DECLARED_PREFIX = "declared_";

/** Where a file declares duty: found once, from its header. */
export interface DeclaredColumns {
  /** `declared_<measure>` columns: the measure and the field it is in. */
  readonly byMeasure: readonly { measure: string; index: number; header: string }[];
  /** The file's goods lines carry companion rows (a map's `companions`): declarations per heading. */
  readonly companions: boolean;
  /** The file has a `declared_duty` column (read only without companion rows). */
  readonly total: boolean;
}

/** Whether the file declares anything at all: without it there is nothing to reconcile. */
export function declaresAnything(c: DeclaredColumns): boolean {
  return c.companions || c.total || c.byMeasure.length > 0;
}

/**
 * The declared columns of a header (`header`: the names as written, trimmed,
 * at their field index). A `declared_<x>` column whose `x` is no measure of
 * the schedule is an error (a typo would silently declare nothing), and so is
 * a measure's column given twice, or per-measure columns beside companion rows
 * (one file, one way of declaring).
 */
export function declaredColumnsOf(
  header: readonly string[],
  schedule: Pick<Schedule, "measureById">,
  opts: { companions: boolean; total: boolean; file: string; line: number },
): { ok: true; columns: DeclaredColumns } | { ok: false; errors: Diagnostic[] } {
  const errors: Diagnostic[] = [];
  const byMeasure: { measure: string; index: number; header: string }[] = [];
  const at = { file: opts.file, line: opts.line };
  header.forEach((name, index) => {
    const lower = asciiLowerCase(name.trim());
    if (!lower.startsWith(DECLARED_PREFIX) || lower === "declared_duty") return;
    const id = lower.slice(DECLARED_PREFIX.length);
    if (!schedule.measureById.has(id)) {
      const guess = didYouMean(id, schedule.measureById.keys());
      errors.push(error("reconcile/unknown-measure-column", `column "${name}" (field ${index + 1}) declares duty of measure "${id}", which the schedule does not have`, at, guess ? `did you mean "${DECLARED_PREFIX}${guess}"?` : `per-measure columns are named ${DECLARED_PREFIX}<measure id>; "tariff rates" lists the measures`));
      return;
    }
    const twice = byMeasure.find((b) => b.measure === id);
    if (twice) {
      errors.push(error("csv/duplicate-column", `column "${name}" appears twice in the header (fields ${twice.index + 1} and ${index + 1})`, at, "rename or remove one of them"));
      return;
    }
    byMeasure.push({ measure: id, index, header: name });
  });
  if (opts.companions && byMeasure.length > 0) {
    errors.push(error("reconcile/two-declarations", `the file declares duty both in companion rows (chapter 99 headings) and in per-measure columns (${byMeasure.map((b) => `"${b.header}"`).join(", ")})`, at, "give one or the other: leave out the per-measure columns, or read the file without companion rows"));
  }
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, columns: { byMeasure, companions: opts.companions, total: opts.total && !opts.companions } };
}

/** What a line declares of one measure, and the file lines behind it. */
export interface MeasureDeclaration {
  amount: Decimal;
  /** The file lines the amount is read from: the companion rows, or the goods line. */
  lines: number[];
  /** The headings it was declared under (companion rows), as written. */
  headings: string[];
}

/** What one goods line declares. */
export interface Declaration {
  /** The line's declared duty of the schedule's measures; null when it declares none. */
  total: Decimal | null;
  /** Where the total comes from. */
  from: "declared_duty" | "measures" | "companions" | null;
  /** The measures declared on the line (under companion rows, only those with a row). */
  byMeasure: Map<string, MeasureDeclaration>;
  /** Under companion rows, every measure is declared: one without a row at 0.00. */
  complete: boolean;
  /** Companion rows under headings no measure of the schedule names: counted in the total, set against no measure. */
  unknownHeadings: { line: number; heading: string; amount: Decimal }[];
}

const NO_DECLARATION: Declaration = Object.freeze({ total: null, from: null, byMeasure: new Map(), complete: false, unknownHeadings: [] }) as Declaration;

/** A field of a row, trimmed; "" when absent. */
function fieldOf(row: Row, index: number): string {
  return index < 0 ? "" : (row.fields[index] ?? "").trim();
}

/** A declared amount: as amounts are read (the file's separators), 0 or more. */
function declaredAmount(column: string, text: string, reading: Reading): { ok: true; value: Decimal } | { ok: false; code: string; reason: string } {
  const parsed = parseCents(column, text, reading);
  if (parsed.ok) return parsed;
  if (parsed.code === "shipment/negative-value") return { ok: false, code: "shipment/bad-amount", reason: `${column} ${text} is negative: a declared duty is 0 or more` };
  return parsed;
}

function rejection(row: Row, result: LineResult, column: string, code: string, reason: string): { ok: false; rejection: Rejection } {
  return { ok: false, rejection: { line: row.line, id: result.shipment.id, column, code, reason } };
}

/**
 * What a priced line declares, read from its row (and its companion rows,
 * attached by the reader). A declared amount that is not a number rejects the
 * line (`shipment/bad-amount`): it cannot be set against anything.
 */
export function declarationOf(row: Row, result: LineResult, columns: DeclaredColumns, index: HeadingIndex, reading: Reading): { ok: true; declaration: Declaration } | { ok: false; rejection: Rejection } {
  if (columns.companions) {
    const byMeasure = new Map<string, MeasureDeclaration>();
    const unknownHeadings: Declaration["unknownHeadings"] = [];
    let total: Decimal = ZERO;
    for (const c of result.shipment.declared) {
      // An empty duty on a companion row is a heading declared without duty (ACE shows 9903.01.14, USMCA, so).
      let amount: Decimal = ZERO;
      if (c.duty !== null) {
        const parsed = declaredAmount("declared_duty", c.duty, reading);
        if (!parsed.ok) return rejection(row, result, "declared_duty", parsed.code, `the chapter 99 row on line ${c.line} (${c.heading}): ${parsed.reason}`);
        amount = parsed.value;
      }
      total = add(total, amount);
      const measure = measureOfHeading(c.heading, result.duties, result.skipped, index);
      if (measure === undefined) {
        unknownHeadings.push({ line: c.line, heading: c.heading, amount });
        continue;
      }
      const d = byMeasure.get(measure);
      if (d) {
        d.amount = add(d.amount, amount);
        d.lines.push(c.line);
        if (!d.headings.includes(c.heading)) d.headings.push(c.heading);
      } else byMeasure.set(measure, { amount, lines: [c.line], headings: [c.heading] });
    }
    return { ok: true, declaration: { total, from: "companions", byMeasure, complete: true, unknownHeadings } };
  }

  const byMeasure = new Map<string, MeasureDeclaration>();
  let sum: Decimal | null = null;
  for (const col of columns.byMeasure) {
    const text = fieldOf(row, col.index);
    if (text === "") continue;
    const parsed = declaredAmount(col.header, text, reading);
    if (!parsed.ok) return rejection(row, result, col.header, parsed.code, parsed.reason);
    byMeasure.set(col.measure, { amount: parsed.value, lines: [row.line], headings: [] });
    sum = sum === null ? parsed.value : add(sum, parsed.value);
  }
  let total: Decimal | null = sum;
  let from: Declaration["from"] = sum === null ? null : "measures";
  if (columns.total) {
    const text = fieldOf(row, row.columns.declared_duty);
    if (text !== "") {
      const parsed = declaredAmount("declared_duty", text, reading);
      if (!parsed.ok) return rejection(row, result, "declared_duty", parsed.code, parsed.reason);
      total = parsed.value;
      from = "declared_duty";
    }
  }
  if (total === null) return { ok: true, declaration: NO_DECLARATION };
  return { ok: true, declaration: { total, from, byMeasure, complete: false, unknownHeadings: [] } };
}
