/**
 * The columns calc's CSV gains on request (issue #14, item 8), after its own
 * and after `schedule`, `what_if`, so that a reader by name or by position of
 * those is not affected:
 *
 * - `--measure-columns`: one column per measure that can charge a line of
 *   the run, `duty_<measure id>`, in schedule order: the duty that measure
 *   charged on the line (in the line's duty currency: a measure has one
 *   importer, so a column never mixes USD and CAD), empty where it did not
 *   apply. Known before the first row: taken from the schedule, not the rows.
 * - `--keep-columns`: the input's own columns, every one, as read, named as
 *   in its header; a name that is one of the tool's columns (compared in any
 *   case) or repeats an earlier one gets `in_` in front, as many times as
 *   needed. In ndjson they are an `input` object instead.
 *
 * User text goes through the same formula neutralising as `id`.
 */
import { asciiLowerCase } from "../../core/ascii.js";
import type { LineResult } from "../../core/duty/compute.js";
import type { Row } from "../../core/duty/shipment.js";
import { formatMoney } from "../../core/money/money.js";
import type { ImporterCode, Schedule } from "../../core/schedule/model.js";
import { csvField, neutralizeFormula } from "./csv-row.js";

/** A measure's duty column. */
export function measureColumnName(measure: string): string {
  return `duty_${measure}`;
}

/**
 * The measures that get a column: those of the importers a run can meet (all
 * but one when `--importer` or a preset says every line is that importer's)
 * that charge in some period (a measure that only bans never has a duty), in
 * schedule order.
 */
export function columnMeasures(schedule: Pick<Schedule, "measures">, importers: readonly ImporterCode[]): string[] {
  return schedule.measures.filter((m) => importers.includes(m.importer) && m.periods.some((p) => p.action === "charge")).map((m) => m.id);
}

/**
 * Names for the input's columns that clash with none of `taken` (compared in
 * ASCII lower case) nor with each other: a clashing name gets `in_` in front
 * until it does not. A name that does not clash is kept, even if a prefixed
 * one would have taken it: the user's own names win.
 */
export function keptNames(header: readonly string[], taken: readonly string[]): string[] {
  const names = header.map((h) => h.trim());
  const used = new Set(taken.map(asciiLowerCase));
  const own = new Set(names.map(asciiLowerCase));
  const seen = new Set<string>();
  return names.map((name) => {
    const key = asciiLowerCase(name);
    if (!used.has(key) && !seen.has(key)) {
      seen.add(key);
      used.add(key);
      return name;
    }
    let out = name;
    while (used.has(asciiLowerCase(out)) || own.has(asciiLowerCase(out))) out = `in_${out}`;
    used.add(asciiLowerCase(out));
    return out;
  });
}

export interface CalcColumnsOptions {
  /** Measure ids to give a duty column, in order (`columnMeasures`); none: no such columns. */
  measures: readonly string[];
  /** Keep the input's columns. */
  keep: boolean;
}

/** The requested extra columns of one run: the header's tail, then each row's. */
export class CalcColumns {
  private readonly index = new Map<string, number>();
  private keptWidth = 0;
  private input: readonly string[] = [];
  private inputNames: string[] = [];

  constructor(private readonly options: CalcColumnsOptions) {
    options.measures.forEach((m, i) => this.index.set(m, i));
  }

  /** Whether the header waits for the input's (the kept columns are named from it). */
  get needsInputHeader(): boolean {
    return this.options.keep;
  }

  /** Told the input's header as read (with `keep`), before any row. */
  inputHeader(input: readonly string[]): void {
    this.keptWidth = input.length;
    this.input = input;
    this.inputNames = keptNames(input, []);
  }

  /** The header's extra names after `taken`, the tool's own (with `keep`, after `inputHeader`). */
  header(taken: readonly string[]): string[] {
    const measures = this.options.measures.map(measureColumnName);
    if (!this.options.keep) return measures;
    return [...measures, ...keptNames(this.input, [...taken, ...measures]).map(neutralizeFormula)];
  }

  /** A computed line's extra cells, each after a comma. */
  line(r: LineResult, row: Row | undefined): string {
    let out = "";
    if (this.index.size > 0) {
      const cells = new Array<string>(this.index.size).fill("");
      for (const d of r.duties) {
        const i = this.index.get(d.measure);
        if (i !== undefined) cells[i] = formatMoney(d.amount);
      }
      out = "," + cells.join(",");
    }
    return this.options.keep ? out + this.kept(row) : out;
  }

  /** A rejected line's extra cells: no duties; its own fields when it was read into fields. */
  rejected(row: Row | undefined): string {
    return ",".repeat(this.index.size) + (this.options.keep ? this.kept(row) : "");
  }

  /** ndjson: the `input` member (with its leading comma) of a line read into fields; `null` for one that was not. */
  inputJson(row: Row | undefined): string {
    if (!this.options.keep) return "";
    const fields = row?.input ?? row?.fields;
    if (fields === undefined) return `,"input":null`;
    const input: Record<string, string> = {};
    for (let i = 0; i < this.inputNames.length; i++) input[this.inputNames[i]!] = fields[i] ?? "";
    return `,"input":${JSON.stringify(input)}`;
  }

  /** The input's fields as read (not the constants a map appends), neutralised and quoted; empty cells when the line has none. */
  private kept(row: Row | undefined): string {
    const fields = row?.input ?? row?.fields;
    let out = "";
    for (let i = 0; i < this.keptWidth; i++) {
      const f = fields?.[i] ?? "";
      out += "," + (f === "" ? "" : csvField(neutralizeFormula(f)));
    }
    return out;
  }
}
