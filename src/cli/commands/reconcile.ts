/**
 * `tariff reconcile` (issue #15): the duty a file declares against the duty
 * the schedule computes, per line, per measure and per entry. Reads and
 * prices as calc does (priced-rows.ts); the comparison is core/reconcile.
 */
import type { Command } from "commander";
import { type Decimal, normalize, parseDecimal } from "../../core/money/decimal.js";
import { formatMoney } from "../../core/money/money.js";
import { error } from "../../core/diagnostics.js";
import { scheduleStamp } from "../../core/schedule/model.js";
import { PricingEngine } from "../../core/duty/engine.js";
import { Run } from "../../core/duty/run.js";
import { type DeclaredColumns, declarationOf, declaredColumnsOf, declaresAnything } from "../../core/reconcile/declared.js";
import { headingIndex } from "../../core/reconcile/headings.js";
import { type LineCheck, ReconcileFold, reconcileLine } from "../../core/reconcile/reconcile.js";
import type { Sink } from "../../io/atomic-write.js";
import { openShipments } from "../../io/shipment-source.js";
import { CsvFatal } from "../../io/shipments.js";
import { JsonSpill, writeJsonObject } from "../../io/spill.js";
import { collect } from "../args.js";
import { type Context, dataTerminal } from "../context.js";
import { EXIT, type ExitCode } from "../exit-codes.js";
import { LineNotes } from "../notes.js";
import { openOutput, outputProblem } from "../output.js";
import { foldPricedRows, warnedByText } from "../priced-rows.js";
import { progress } from "../progress.js";
import { type ReadingFlags, addReadingOptions, maxMessagesProblem, resolveReading } from "../reading.js";
import { rejectionJson, warningJson } from "../render/calc-output.js";
import { csvField, csvRow, neutralizeFormula } from "../render/csv-row.js";
import { drawMarkdown, drawTable } from "../render/grid.js";
import { DUTY_SCOPE, DUTY_SCOPE_TEXT, type HeaderItem, headerMarkdown, headerText, overlaysText, scheduleColumn, scheduleFacts, scheduleText, unverifiedText, whatIfColumn } from "../render/report-header.js";
import { RECONCILE_CSV_COLUMNS, differingLinesGrid, entriesGrid, entryCheckJson, lineCheckCsv, lineCheckJson, reconcileTotalsGrid, reconcileTotalsJson, rejectionCheckCsv } from "../render/reconcile-output.js";
import { loadFxOrReport, loadScenario, reportDiagnostics } from "./common.js";

const FORMATS = ["table", "json", "csv", "md"] as const;
type ReconcileFormat = (typeof FORMATS)[number];

/** The `format` of reconcile's JSON (README: raised only for a change that is not an addition). */
export const RECONCILE_JSON_FORMAT = "tariff-reconcile/1";
/** Lines and entries listed in table and md (for a person; the rest is counted). */
const MAX_SHOWN = 1000;

interface ReconcileOptions extends ReadingFlags {
  schedule: string;
  overlay?: string[];
  fx?: string;
  format: string;
  out?: string;
  tolerance: string;
}

export function registerReconcile(program: Command, ctx: Context, done: (code: ExitCode) => void): void {
  const cmd = program
    .command("reconcile")
    .summary("declared duty against computed duty, per line, measure and entry")
    .description("Set the duty a shipments file declares (a declared_duty column, declared_<measure> columns, or the chapter 99 companion rows of --preset ace) against the duty the schedule computes: per line and per entry, the difference and the measures that explain it.")
    .argument("[file]", 'shipments CSV ("-" or nothing for stdin)', "-")
    .option("-s, --schedule <file>", 'schedule file ("default" = embedded)', "default")
    .option("--overlay <file>", "what-if overlay applied on the schedule (repeatable, in order)", collect)
    .option("--fx <file>", "exchange rates CSV (date,pair,rate) for lines in another currency")
    .option("-f, --format <format>", `output: ${FORMATS.join(", ")}`, "table")
    .option("--tolerance <amount>", "the largest difference per line and measure still counted as a match, e.g. 0.01", "0.00")
    .option("-o, --out <file>", "write to FILE (atomically) instead of stdout");
  addReadingOptions(cmd)
    .addHelpText("after", `
Examples:
  $ tariff reconcile fixtures/shipments/ace-entry-lines.csv --preset ace -s fixtures/schedules/ieepa-refund.json
  $ tariff reconcile fixtures/shipments/ace-reconcile.csv --preset ace -s fixtures/schedules/ieepa-refund.json --tolerance 0.05 --format json -o /tmp/reconcile.json
  $ tariff reconcile fixtures/shipments/declared-columns.csv --format csv > /tmp/differences.csv  # exit 1

Declared duty: a declared_duty column (the line's duty of the schedule's measures), declared_<measure id>
columns (e.g. declared_us-ieepa-canada), or chapter 99 companion rows (--preset ace: matched to measures
by heading). Difference = declared - computed.

Exit codes: 0 every line matches within the tolerance and none is rejected; 1 a line differs, declares
nothing or is rejected (or a chapter 99 row follows no goods line); 2 usage error, unreadable or invalid input.`)
    .action(async (file: string, opts: ReconcileOptions) => done(await runReconcile(ctx, file, opts)));
}

function usage(ctx: Context, message: string): ExitCode {
  ctx.stderr.write(`tariff reconcile: ${message}\n`);
  return EXIT.TROUBLE;
}

/** A tolerance: a plain non-negative amount in cents (differences are in cents: a fraction of one tolerates nothing more). */
function toleranceOf(text: string): Decimal | undefined {
  const d = parseDecimal(text.trim());
  return d !== undefined && !text.trim().startsWith("-") && normalize(d).scale <= 2 ? d : undefined;
}

async function runReconcile(ctx: Context, file: string, opts: ReconcileOptions): Promise<ExitCode> {
  if (!(FORMATS as readonly string[]).includes(opts.format)) return usage(ctx, `--format must be one of ${FORMATS.join(", ")}, got "${opts.format}"`);
  const format = opts.format as ReconcileFormat;
  const maxMessages = maxMessagesProblem(opts, format, ["table", "md"]);
  if (maxMessages !== undefined) return usage(ctx, maxMessages);
  const tolerance = toleranceOf(opts.tolerance);
  if (tolerance === undefined) return usage(ctx, `--tolerance must be an amount of 0 or more in cents such as 0.01, got "${opts.tolerance}"`);
  const stdinUsers = [file, opts.schedule, ...(opts.overlay ?? []), opts.fx].filter((f) => f === "-").length;
  if (stdinUsers > 1) return usage(ctx, 'standard input can be read only once: give "-" for one file only');
  const clash = await outputProblem(ctx, [{ what: "-o", file: opts.out }], [{ what: "the shipments file", file }, { what: "the schedule", file: opts.schedule }, ...(opts.overlay ?? []).map((o) => ({ what: "the overlay", file: o })), { what: "the fx file", file: opts.fx }]);
  if (clash !== undefined) return usage(ctx, clash);

  const scenario = await loadScenario(ctx, opts.schedule, opts.overlay ?? []);
  if (!scenario) return EXIT.TROUBLE;
  const { schedule } = scenario;
  const fx = await loadFxOrReport(ctx, opts.fx);
  if (fx === false) return EXIT.TROUBLE;
  const how = await resolveReading(ctx, "reconcile", opts);
  if (!how) return EXIT.TROUBLE;
  const opened = await openShipments(file, ctx.stdin, opts.sheet !== undefined ? { sheet: opts.sheet } : {});
  if (!opened.ok) {
    reportDiagnostics(ctx, [opened.error], []);
    return EXIT.TROUBLE;
  }
  const input = opened.source;
  if (input.note) reportDiagnostics(ctx, [input.note], []);

  const facts = scheduleFacts(schedule);
  const scheduleInfo = { ...scheduleStamp(schedule), overlays: opts.overlay ?? [], title: schedule.title, overlayTitles: scenario.overlays.map((o) => o.title) };
  const csvTail = `,${csvField(neutralizeFormula(scheduleColumn(facts)))},${csvField(neutralizeFormula(whatIfColumn(scenario.overlays)))}`;
  const companions = (how.read.spec?.companions?.length ?? 0) > 0;
  const index = headingIndex(schedule);
  const fold = new ReconcileFold();
  let columns: DeclaredColumns | undefined;
  let unattached = 0;
  const held: LineCheck[] = [];
  let notHeld = 0;
  const forPerson = format === "table" || format === "md";
  const notes = new LineNotes(ctx, input.label, "reconcile", !forPerson, opts.maxMessages);
  const rejected = format === "json" ? new JsonSpill(2) : undefined;
  const warnings = format === "json" ? new JsonSpill(2) : undefined;
  let entriesJson: JsonSpill | undefined;
  const charged = new Set<string>();
  let sink: Sink | undefined;
  let firstLine = true;
  const meter = progress(ctx, "reconcile");
  let priced = 0;

  try {
    sink = await openOutput(ctx, opts.out);
    if (format === "csv") await sink.write(csvRow([...RECONCILE_CSV_COLUMNS, "schedule", "what_if"]));
    if (format === "json") await sink.write(`{\n  "format": "${RECONCILE_JSON_FORMAT}",\n  "schedule": ${JSON.stringify(scheduleInfo)},\n  "dutyScope": ${JSON.stringify(DUTY_SCOPE)},\n  "tolerance": "${formatMoney(tolerance)}",\n  "lines": [`);
    const { counts, warnedBy } = await foldPricedRows(input, { ...how.read, onNote: (d) => reportDiagnostics(ctx, [d], []) }, new Run(new PricingEngine([schedule]), [""], { fx, reading: how.reading }), {
      header: (names, cols, line) => {
        const found = declaredColumnsOf(names, schedule, { companions, total: cols.declared_duty >= 0, file: input.label, line });
        if (!found.ok) throw new CsvFatal(found.errors[0]!, found.errors.slice(1));
        if (!declaresAnything(found.columns)) {
          throw new CsvFatal(error("reconcile/nothing-declared", `${input.label} declares no duty: reconcile needs a declared_duty column, declared_<measure> columns (e.g. declared_us-ieepa-canada) or chapter 99 companion rows (--preset ace)`, { file: input.label, line }, "name your column of declared duty with --map 'declared_duty=YOUR HEADER'"));
        }
        columns = found.columns;
      },
      line: (result, row) => {
        const declared = declarationOf(row, result, columns!, index, how.reading);
        if (!declared.ok) return declared.rejection;
        const check = reconcileLine(result, declared.declaration, tolerance);
        fold.add(check);
        for (const d of result.duties) charged.add(d.measure);
        meter.tick(++priced);
        if (format === "csv") sink!.push(lineCheckCsv(check, csvTail));
        else if (format === "json") {
          sink!.push((firstLine ? "\n    " : ",\n    ") + JSON.stringify(lineCheckJson(check)));
          firstLine = false;
        } else if (check.status !== "match") {
          if (held.length < MAX_SHOWN) held.push(check);
          else notHeld++;
        }
        return undefined;
      },
      rejected: (r) => {
        rejected?.add(rejectionJson(r));
        notes.rejected(r);
        if (format === "csv") sink!.push(rejectionCheckCsv(r, csvTail));
      },
      warnings: (ws) => {
        for (const w of ws) {
          warnings?.add(warningJson(w));
          notes.warning(w);
        }
      },
      companion: (item) => {
        if (item.attached) return;
        unattached++;
        const w = { line: item.line, column: "hs", message: `a chapter 99 row (${item.companion.heading}${item.companion.duty ? `, declared ${item.companion.duty}` : ""}) with no goods line of its entry line before it: its duty is set against nothing` };
        warnings?.add(warningJson(w));
        notes.warning(w);
      },
      batch: async () => {
        await sink!.drain();
        await notes.drain();
      },
    });
    meter.done();
    const entries = fold.list();
    const status = { matched: 0, differing: 0, undeclared: 0 };
    for (const t of fold.totals.values()) {
      status.matched += t.matched;
      status.differing += t.differing;
      status.undeclared += t.undeclared;
    }
    const allCounts = { ...counts, ...status, ...(unattached > 0 ? { unattached } : {}) };

    if (format === "json") {
      await sink.write(`${!firstLine ? "\n  " : ""}]`);
      // Entries as a spilled array, like the rejections: one string per entry, never the whole list as one.
      entriesJson = new JsonSpill(2);
      for (const e of entries) entriesJson.add(entryCheckJson(e));
      await writeJsonObject(sink, [["entries", entriesJson], ["rejected", rejected!], ["warnings", warnings!], ["totals", reconcileTotalsJson(fold.totals)], ["counts", allCounts]], 0, true);
      await sink.write("\n");
    } else if (forPerson) {
      const term = dataTerminal(ctx, opts.out);
      const draw = (g: Parameters<typeof drawTable>[0]) => (format === "table" ? drawTable(g, term) : drawMarkdown(g));
      const header = reconcileHeader(facts, scenario.overlays, [...charged], columns, tolerance, allCounts);
      let text = (format === "md" ? headerMarkdown(header) : headerText(header, term.color, term.width)) + "\n";
      text += draw(reconcileTotalsGrid(fold.totals));
      if (entries.length > 0) text += "\n" + draw(entriesGrid(entries.slice(0, MAX_SHOWN)));
      if (entries.length > MAX_SHOWN) text += `(${entries.length - MAX_SHOWN} more entries not shown: the first ${MAX_SHOWN} are; --format json or csv gives every one)\n`;
      if (held.length > 0) text += "\n" + draw(differingLinesGrid(held));
      if (notHeld > 0) text += `(${notHeld} more lines that differ not shown: the first ${MAX_SHOWN} are; --format json or csv gives every line)\n`;
      await sink.write(text);
    }
    await sink.close();

    if (format === "csv") ctx.stderr.write(`tariff reconcile: ${counts.read} lines read, ${status.matched} match, ${status.differing} differ, ${status.undeclared} declare nothing, ${counts.rejected} rejected; schedule ${scheduleColumn(facts)}${scenario.overlays.length ? `; what-if: ${whatIfColumn(scenario.overlays)}` : ""}; duty: ${DUTY_SCOPE_TEXT}\n`);
    notes.finish();
    if (counts.warned !== undefined && format !== "json") ctx.stderr.write(`tariff reconcile: ${counts.warned} of ${counts.read} lines computed with warnings (${warnedByText(warnedBy)}): check them\n`);
    if (counts.rejected > 0) ctx.stderr.write(`tariff reconcile: ${counts.rejected} of ${counts.read} lines rejected\n`);
    const findings = status.differing + status.undeclared + counts.rejected + unattached;
    if (findings > 0 && format !== "csv") ctx.stderr.write(`tariff reconcile: ${status.differing} of ${counts.read} lines differ, ${status.undeclared} declare nothing (tolerance ${formatMoney(tolerance)})\n`);
    return findings > 0 ? EXIT.FINDINGS : EXIT.OK;
  } catch (e) {
    meter.done();
    await sink?.abort();
    if (e instanceof CsvFatal) {
      reportDiagnostics(ctx, e.diagnostics, [], how.texts);
      return EXIT.TROUBLE;
    }
    throw e;
  } finally {
    rejected?.dispose();
    warnings?.dispose();
    entriesJson?.dispose();
    input.close();
  }
}

/** What a reconcile report says before its numbers (as calc's header, plus how the file declares and the tolerance). */
function reconcileHeader(
  facts: ReturnType<typeof scheduleFacts>,
  overlays: readonly { file: string; title: string }[],
  charged: readonly string[],
  columns: DeclaredColumns | undefined,
  tolerance: Decimal,
  counts: { read: number; computed: number; rejected: number; matched: number; differing: number; undeclared: number; unattached?: number },
): HeaderItem[] {
  const items: HeaderItem[] = [{ label: "Schedule", text: scheduleText(facts) }];
  if (overlays.length > 0) items.push({ label: "What-if", text: `${overlaysText(overlays)} applied on the schedule: not the rates in force` });
  const unverified = unverifiedText(facts.unverified, charged, "charged here");
  if (unverified) items.push({ label: "UNVERIFIED", text: unverified });
  items.push({ label: "Duty", text: DUTY_SCOPE_TEXT });
  items.push({ label: "Declared", text: declaredText(columns) });
  items.push({ label: "Tolerance", text: `${formatMoney(tolerance)} per line and measure; difference = declared − computed` });
  items.push({ label: "Lines", text: `${counts.read} read, ${counts.matched} match, ${counts.differing} differ, ${counts.undeclared} declare nothing, ${counts.rejected} rejected${counts.unattached ? `; ${counts.unattached} chapter 99 rows follow no goods line` : ""}` });
  return items;
}

function declaredText(columns: DeclaredColumns | undefined): string {
  if (columns === undefined) return "nothing (the file has no lines)";
  if (columns.companions) return "chapter 99 companion rows, matched to measures by heading (the goods line's own duty is its normal duty: not compared)";
  const parts: string[] = [];
  if (columns.total) parts.push("declared_duty (the line's duty of the schedule's measures)");
  if (columns.byMeasure.length > 0) parts.push(`per measure: ${columns.byMeasure.map((b) => b.header).join(", ")}`);
  return parts.join("; ") || "nothing";
}
