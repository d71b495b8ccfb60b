/** `tariff calc`: duties per shipment line and totals per currency, streamed. */
import type { Command } from "commander";
import type { LineResult } from "../../core/duty/compute.js";
import { PricingEngine } from "../../core/duty/engine.js";
import { Run } from "../../core/duty/run.js";
import type { CurrencyFees } from "../../core/duty/entries.js";
import type { Rejection, RowWarning } from "../../core/duty/shipment.js";
import { scheduleStamp } from "../../core/schedule/model.js";
import { JsonSpill, writeJsonObject } from "../../io/spill.js";
import { LineNotes } from "../notes.js";
import { escapeText } from "../../core/escape.js";
import { type Totals, currencies } from "../../core/duty/totals.js";
import { formatMoney } from "../../core/money/money.js";
import type { Sink } from "../../io/atomic-write.js";
import { openShipments } from "../../io/shipment-source.js";
import { CsvFatal, type ReadOptions, isCompanionItem, isRow } from "../../io/shipments.js";
import { type ReadingFlags, addReadingOptions, maxMessagesProblem, resolveReading } from "../reading.js";
import { type Diagnostic, warning } from "../../core/diagnostics.js";
import { RejectsFile } from "../../io/rejects.js";
import { positiveIntArg, collect } from "../args.js";
import { dataTerminal, type Context } from "../context.js";
import { progress } from "../progress.js";
import { EXIT, type ExitCode } from "../exit-codes.js";
import { emit, openOutput, outputProblem } from "../output.js";
import { drawMarkdown, drawTable } from "../render/grid.js";
import { type By, BY_KEYS, CSV_COLUMNS, breakdownGrid, entriesGrid, entryJson, explainLine, feesGrid, lineFeesText, lineJsonWithFees, faultsOf, faultsText, lineCsvText, lineJson, linesGrid, rejectionCsv, rejectionJson, totalsGrid, totalsJson, warningJson } from "../render/calc-output.js";
import { loadFxOrReport, loadScenario, reportDiagnostics } from "./common.js";
import { DUTY_SCOPE, DUTY_SCOPE_TEXT, calcHeader, headerMarkdown, headerText, scheduleColumn, scheduleFacts, whatIfColumn } from "../render/report-header.js";
import { csvField, neutralizeFormula } from "../render/csv-row.js";
import { csvRow as toCsvRow } from "../render/csv-row.js";
import { CalcColumns, columnMeasures } from "../render/calc-columns.js";
import type { Row } from "../../core/duty/shipment.js";
import { calcHtml, footerText } from "../render/html-reports.js";
import { ByteRows, fragment } from "../render/byte-rows.js";
import { CsvLineWriter } from "../render/calc-csv-bytes.js";
import { version } from "../version.js";

/** Lines listed by `--lines` in table and md (for a person; the rest is counted): bounds memory too. */
const MAX_LINES_SHOWN = 1000;

const CALC_FORMATS = ["table", "json", "csv", "ndjson", "md", "html"] as const;

/** The `format` of calc's JSON document and of its --summary file (README: bumped only for a change that is not an addition). */
export const CALC_JSON_FORMAT = "tariff-calc/1";
export const SUMMARY_JSON_FORMAT = "tariff-calc-summary/1";
/** Added last to calc's CSV (README): the schedule behind every row, and the what-if overlays when any. */
const CSV_REPORT_COLUMNS = ["schedule", "what_if"];
type CalcFormat = (typeof CALC_FORMATS)[number];

interface CalcOptions extends ReadingFlags {
  schedule: string;
  overlay?: string[];
  fx?: string;
  format: string;
  lines?: boolean;
  by?: string;
  explain?: number;
  out?: string;
  summary?: string;
  rejects?: string;
  measureColumns?: boolean;
  keepColumns?: boolean;
  fees?: boolean;
}

export function registerCalc(program: Command, ctx: Context, done: (code: ExitCode) => void): void {
  const cmd = program
    .command("calc")
    .summary("duties per shipment line and totals per currency")
    .description("Compute the duty on each line of a shipments CSV under a schedule (default: the embedded one), with the measures behind each amount, and totals per currency.")
    .argument("[file]", 'shipments CSV or Excel workbook (.xlsx) ("-" or nothing for stdin)', "-")
    .option("-s, --schedule <file>", 'schedule file ("default" = embedded)', "default")
    .option("--overlay <file>", "what-if overlay applied on the schedule (repeatable, in order)", collect)
    .option("--fx <file>", "exchange rates CSV (date,pair,rate) for lines in another currency")
    .option("-f, --format <format>", `output: ${CALC_FORMATS.join(", ")}`, "table")
    .option("--lines", "table/md/html: add a table of lines with the measures behind each")
    .option("--no-lines", "json: totals only, no lines")
    .option("--by <key>", "table/md: break totals down by sector, measure, month or entry (json: entry adds the entries)")
    .option("--fees", "also charge the schedule's fees and taxes (US MPF and HMF, Canada's GST), per line and per entry, apart from the duty")
    .option("--explain <line>", "print the reasoning for one line (its physical line number) in words", positiveIntArg)
    .option("-o, --out <file>", "write to FILE (atomically) instead of stdout")
    .option("--summary <file>", "csv/ndjson: write totals and rejections as JSON to FILE instead of stderr")
    .option("--measure-columns", "csv: a duty column per measure (duty_<measure id>), empty where it did not apply")
    .option("--keep-columns", "csv, ndjson: the input's own columns on each line, after the tool's (a clashing name gets in_)")
    .option("--rejects <file>", "write the rejected rows, exactly as in the input (a workbook's as CSV), with line and reason columns, to FILE: fix it and run it again");
  addReadingOptions(cmd)
    .addHelpText("after", `
Examples:
  $ tariff calc fixtures/shipments/sample.csv
  $ tariff calc fixtures/shipments/sample.csv --by measure --lines
  $ tariff calc fixtures/shipments/sample.csv --format json -o /tmp/duties.json
  $ tariff calc fixtures/shipments/sample.csv --format csv --summary /tmp/totals.json > /tmp/lines.csv
  $ tariff calc fixtures/shipments/measure-columns.csv --format csv --measure-columns --keep-columns > /tmp/lines.csv
  $ tariff calc fixtures/shipments/sample.csv --explain 7
  $ tariff calc fixtures/shipments/sample.csv --overlay fixtures/overlays/ieepa-never-struck-down.json --format html -o /tmp/duties.html
  $ tariff calc - --schedule default < fixtures/shipments/sample.csv
  $ tariff calc fixtures/shipments/foreign-currency.csv --fx fixtures/fx/usd-cad.csv   # exit 1: a line before any rate
  $ tariff calc fixtures/shipments/rejections.csv --rejects /tmp/rejects.csv   # exit 1: rows to fix, copied
  $ tariff calc fixtures/shipments/ace-entry-lines.csv --preset ace
  $ tariff calc fixtures/shipments/broker-export.csv --map fixtures/maps/broker.json
  $ tariff calc fixtures/shipments/broker-export.csv --map 'id=Invoice' --map 'date=Ship Date' --map 'hs=HTS Number' --map 'value=Customs Value' --importer US --date-format MDY
  $ tariff calc fixtures/shipments/semicolon-decimal-comma.csv --delimiter ';' --decimal-comma --thousands .
  $ tariff calc fixtures/shipments/windows-1252.csv --encoding windows-1252

Exit codes: 0 every line computed; 1 some lines rejected (results still written, rejections listed);
2 usage error, unreadable or invalid input (schedule, fx file, or a file that is not CSV).`)
    .action(async (file: string, opts: CalcOptions) => done(await runCalc(ctx, file, opts)));
}

function usage(ctx: Context, message: string): ExitCode {
  ctx.stderr.write(`tariff calc: ${message}\n`);
  return EXIT.TROUBLE;
}

async function runCalc(ctx: Context, file: string, opts: CalcOptions): Promise<ExitCode> {
  if (!(CALC_FORMATS as readonly string[]).includes(opts.format)) return usage(ctx, `--format must be one of ${CALC_FORMATS.join(", ")}, got "${opts.format}"`);
  const format = opts.format as CalcFormat;
  if (opts.by !== undefined && !(BY_KEYS as readonly string[]).includes(opts.by)) return usage(ctx, `--by must be sector, measure, month or entry, got "${opts.by}"`);
  if (opts.summary !== undefined && format !== "csv" && format !== "ndjson") return usage(ctx, "--summary goes with --format csv or ndjson");
  const byEntry = opts.by === "entry";
  if (byEntry && format !== "table" && format !== "md" && format !== "json") return usage(ctx, `--by entry goes with --format table, md or json`);
  if (opts.by !== undefined && !byEntry && format !== "table" && format !== "md") return usage(ctx, `--by goes with --format table or md (json has bySector, byMeasure and byMonth in its totals; html shows all three)`);
  const withFees = opts.fees === true;
  if (withFees && format === "html") return usage(ctx, "--fees goes with --format table, md, json, csv or ndjson (html does not show fees yet)");
  if (opts.lines === true && (format === "csv" || format === "ndjson")) return usage(ctx, `--lines goes with --format table, md or html (${format} always has one entry per line)`);
  if (opts.explain !== undefined && format !== "table") return usage(ctx, "--explain prints words: leave out --format");
  if (opts.measureColumns === true && format !== "csv") return usage(ctx, "--measure-columns goes with --format csv (json and ndjson list each line's duties by measure)");
  if (opts.keepColumns === true && format !== "csv" && format !== "ndjson") return usage(ctx, "--keep-columns goes with --format csv or ndjson");
  const maxMessages = maxMessagesProblem(opts, format, ["table", "md", "html"]);
  if (maxMessages !== undefined) return usage(ctx, maxMessages);
  const stdinUsers = [file, opts.schedule, ...(opts.overlay ?? []), opts.fx].filter((f) => f === "-").length;
  if (stdinUsers > 1) return usage(ctx, 'standard input can be read only once: give "-" for one file only');
  const clash = await outputProblem(
    ctx,
    [{ what: "-o", file: opts.out }, { what: "--summary", file: opts.summary }, { what: "--rejects", file: opts.rejects }],
    [{ what: "the shipments file", file }, { what: "the schedule", file: opts.schedule }, ...(opts.overlay ?? []).map((o) => ({ what: "the overlay", file: o })), { what: "the fx file", file: opts.fx }],
  );
  if (clash !== undefined) return usage(ctx, clash);

  const scenario = await loadScenario(ctx, opts.schedule, opts.overlay ?? []);
  if (!scenario) return EXIT.TROUBLE;
  const { schedule } = scenario;
  const fx = await loadFxOrReport(ctx, opts.fx);
  if (fx === false) return EXIT.TROUBLE;
  if (opts.rejects !== undefined && opts.explain !== undefined) return usage(ctx, "--rejects goes with a whole run, not --explain");
  const how = await resolveReading(ctx, "calc", opts);
  if (!how) return EXIT.TROUBLE;
  // Standard input is copied to a temp file first when --rejects is to copy rows from it.
  const opened = await openShipments(file, ctx.stdin, { ...(opts.sheet !== undefined ? { sheet: opts.sheet } : {}), rereadable: opts.rejects !== undefined });
  if (!opened.ok) {
    reportDiagnostics(ctx, [opened.error], []);
    return EXIT.TROUBLE;
  }
  const input = opened.source;
  if (input.note) reportDiagnostics(ctx, [input.note], []);

  // What-ifs are named in every output, so a what-if result never passes for the real one:
  // JSON in its schedule object, csv and ndjson on every line (additive: last columns, added keys).
  const overlays = opts.overlay ?? [];
  const facts = scheduleFacts(schedule);
  const scheduleInfo = { ...scheduleStamp(schedule), overlays, title: schedule.title, overlayTitles: scenario.overlays.map((o) => o.title) };
  const csvTail = `,${csvField(neutralizeFormula(scheduleColumn(facts)))},${csvField(neutralizeFormula(whatIfColumn(scenario.overlays)))}`;
  const ndjsonTail = `,"schedule":${JSON.stringify(scheduleColumn(facts))},"whatIf":${JSON.stringify(scenario.overlays.length ? whatIfColumn(scenario.overlays) : null)}}\n`;
  // --fees on a schedule without fees would show an empty table and pass for "no fees owed": said once, up front.
  if (withFees && schedule.fees.length === 0) reportDiagnostics(ctx, [warning("calc/no-fees", "the schedule has no fees or taxes (no \"fees\"): --fees adds nothing", { file: opts.schedule ?? "the embedded schedule" }, "use the embedded schedule, or add fees to yours (README: Fees and taxes)")], []);
  // One core run folds every row: reading, pricing, totals, and entries with their fees when asked for.
  const run = new Run(new PricingEngine([schedule], { fees: opts.fees === true }), [""], { fx, reading: how.reading, entries: byEntry });
  // Known before the first row: the measures of the importers the run can meet (one, when a constant says so).
  const only = how.read.spec?.constants?.importer?.value;
  const columns = new CalcColumns({ measures: opts.measureColumns === true ? columnMeasures(schedule, only === "US" || only === "CA" ? [only] : ["US", "CA"]) : [], keep: opts.keepColumns === true });
  const counts: { read: number; computed: number; rejected: number; warned?: number; companions?: number } = { read: 0, computed: 0, rejected: 0 };
  /** Warnings by column, for the summary. */
  const warnedBy = new Map<string, number>();
  // table/md --lines only: a person reads these; the first MAX_LINES_SHOWN, the rest counted.
  const held: LineResult[] = [];
  let notHeld = 0;
  const includeLines = format === "json" ? opts.lines !== false : opts.lines === true;
  // Memory stays flat however many lines are rejected or warned (issue #13): JSON outputs that list them
  // after the lines spill them to a temp file; stderr gets each as it happens, or, for table and md, the first ones.
  const listsNotes = format === "json" || (opts.summary !== undefined && (format === "csv" || format === "ndjson"));
  const rejected = listsNotes ? new JsonSpill(2) : undefined;
  const warnings = listsNotes ? new JsonSpill(2) : undefined;
  // Formats for a person (table, md, html) list the first notes after the data; machine formats stream them.
  const forPerson = format === "table" || format === "md" || format === "html";
  const notes = new LineNotes(ctx, input.label, "calc", !forPerson, opts.maxMessages);
  // html lists the first rejected lines in the page too (bounded like --lines).
  const heldRejections: Rejection[] = [];
  let moreRejections = 0;

  let sink: Sink | undefined;
  // csv rows as bytes (issue #17, item 2), unless TARIFF_WRITER=text asks for today's strings (lineCsvText: the
  // definition of a row, kept to compare against). Between the first row and the end, all of csv goes through `rows`.
  let rows: ByteRows | undefined;
  let csvLines: CsvLineWriter | undefined;
  const csvTailBytes = fragment(csvTail);
  /** Queues text on the csv output (a row, the header), behind the rows written as bytes. */
  const pushCsv = (text: string) => {
    if (rows) {
      rows.text(text);
      rows.end();
    } else sink!.push(text);
  };
  const ndjsonEnd = (row: Row | undefined) => (columns.needsInputHeader ? ndjsonTail.slice(0, -2) + columns.inputJson(row) + "}\n" : ndjsonTail);
  // --fees adds a column after what_if: the line's fees and taxes, apart from its duty (then --measure-columns', --keep-columns').
  const fixedColumns = [...CSV_COLUMNS, ...CSV_REPORT_COLUMNS, ...(withFees ? ["fees"] : [])];
  const csvHeader = () => toCsvRow([...fixedColumns, ...columns.header(fixedColumns)]);
  let firstLine = true;
  const meter = progress(ctx, "calc");

  // Lines are queued on the sink and passed on once per batch of input (see Sink.push).
  const lineOf = withFees ? lineJsonWithFees : lineJson;
  const onLine = (r: LineResult, row: Row) => {
    if (format === "csv") {
      const more = (withFees ? `,${csvField(lineFeesText(r))}` : "") + columns.line(r, row);
      if (csvLines) csvLines.line(r, csvTailBytes, more);
      else sink!.push(lineCsvText(r, csvTail + more));
    }
    else if (format === "ndjson") sink!.push(JSON.stringify({ status: "computed", ...lineOf(r) }).slice(0, -1) + ndjsonEnd(row));
    else if (format === "json" && includeLines) {
      sink!.push((firstLine ? "\n    " : ",\n    ") + JSON.stringify(lineOf(r)));
      firstLine = false;
    } else if (includeLines) {
      if (held.length < MAX_LINES_SHOWN) held.push(r);
      else notHeld++;
    }
  };
  const onWarnings = (ws: readonly RowWarning[]) => {
    for (const w of ws) {
      warnings?.add(warningJson(w));
      notes.warning(w);
    }
  };
  let rejects: RejectsFile | undefined;
  /** A rejected row into the rejects file, and the companion rows that went with it. */
  const toRejects = (r: Rejection, companions?: readonly { line: number }[]) => rejects?.rejected(r, faultsText(r), companions);
  const onReject = (r: Rejection, row?: Row) => {
    counts.rejected++;
    rejected?.add(rejectionJson(r));
    if (forPerson) notes.rejected(r);
    if (format === "html") {
      if (heldRejections.length < MAX_LINES_SHOWN) heldRejections.push(r);
      else moreRejections++;
    }
    if (format === "csv") pushCsv(toCsvRow(rejectionCsv(r)).slice(0, -1) + csvTail + (withFees ? "," : "") + columns.rejected(row) + "\n");
    else if (format === "ndjson") sink!.push(JSON.stringify({ line: r.line, status: "rejected", id: r.id, column: r.column, code: r.code, reason: r.reason, faults: faultsOf(r) }).slice(0, -1) + ndjsonEnd(row));
  };

  try {
    if (opts.explain === undefined) {
      sink = await openOutput(ctx, opts.out);
      // With --keep-columns the header names the input's columns: written when the input's header is read (onHeader).
      if (format === "csv" && ctx.env["TARIFF_WRITER"] !== "text") {
        rows = new ByteRows(sink);
        csvLines = new CsvLineWriter(rows);
      }
      if (format === "csv" && !columns.needsInputHeader) pushCsv(csvHeader());
      if (format === "json") await sink.write(`{\n  "format": "${CALC_JSON_FORMAT}",\n  "schedule": ${JSON.stringify(scheduleInfo)},\n  "dutyScope": ${JSON.stringify(DUTY_SCOPE)},\n  "lines": [`);
    }
    if (opts.rejects !== undefined) rejects = new RejectsFile(await openOutput(ctx, opts.rejects), input);
    const onNote = (d: Diagnostic) => reportDiagnostics(ctx, [d], []);
    const onHeader: NonNullable<ReadOptions["onHeader"]> = (line, delimiter, mode, _names, _columns, fields) => {
      if (columns.needsInputHeader) {
        columns.inputHeader(fields);
        if (format === "csv") pushCsv(csvHeader());
      }
      rejects?.header(line, delimiter, mode);
    };
    for await (const batch of input.read({ ...how.read, onNote, onHeader, keepInput: columns.needsInputHeader })) {
      for (const item of batch) {
        if (isCompanionItem(item)) {
          // ACE's chapter 99 rows: counted, shown on their goods line, never priced.
          counts.companions = (counts.companions ?? 0) + 1;
          if (!item.attached) onWarnings([{ line: item.line, column: "hs", message: `a chapter 99 row (${item.companion.heading}) with no goods line of its entry line before it: counted, not priced` }]);
          continue;
        }
        meter.tick(++counts.read);
        if (opts.explain !== undefined && item.line !== opts.explain) continue;
        if (!isRow(item)) {
          if (opts.explain !== undefined) return explainRejection(ctx, input.label, item);
          onReject(item);
          toRejects(item);
          continue;
        }
        const added = run.add(item);
        if (!added.ok) {
          if (opts.explain !== undefined) return explainRejection(ctx, input.label, added.rejection);
          onReject(added.rejection, item);
          toRejects(added.rejection, item.companions);
          continue;
        }
        const lineWarnings = added.warnings;
        if (lineWarnings.length > 0) {
          onWarnings(lineWarnings);
          // Counted in the summary (issue #14): a warning is a number that may be wrong, and must not pass unseen.
          counts.warned = (counts.warned ?? 0) + 1;
          for (const w of lineWarnings) warnedBy.set(w.column, (warnedBy.get(w.column) ?? 0) + 1);
        }
        const result = added.results[0]!;
        if (opts.explain !== undefined) {
          await emit(ctx, opts.out, explainLine(result));
          return EXIT.OK;
        }
        counts.computed++;
        onLine(result, item);
      }
      await sink?.drain();
      await rejects?.drain();
      await notes.drain();
    }
    meter.done();
    if (opts.explain !== undefined) {
      ctx.stderr.write(`tariff calc: there is no shipment on line ${opts.explain} of ${input.label}\n`);
      return EXIT.TROUBLE;
    }
    const outcome = run.result();
    const { totals, entries, fees } = outcome.scenarios[0]!;

    if (format === "json") {
      await sink!.write(`${includeLines && !firstLine ? "\n  " : ""}]`);
      // Added by issue #15: fees in the totals with --fees; the entries with --by entry (through a spill file: a big file has many).
      let entryList: JsonSpill | undefined;
      if (byEntry && entries !== null) {
        entryList = new JsonSpill(2);
        for (const e of entries) entryList.add(entryJson(e));
      }
      try {
        await writeJsonObject(sink!, [["rejected", rejected], ["warnings", warnings], ["totals", totalsJson(totals, fees)], ...(entryList ? [["entries", entryList] as [string, unknown]] : []), ["counts", counts]], 0, true);
      } finally {
        entryList?.dispose();
      }
      await sink!.write("\n");
    } else if (format === "html") {
      const charged = currencies(totals).flatMap((c) => [...totals.get(c)!.byMeasure.keys()]);
      await sink!.write(
        calcHtml({
          file: input.label,
          header: calcHeader(facts, scenario.overlays, charged, counts),
          totals,
          unverified: new Set(facts.unverified),
          ...(includeLines ? { lines: { shown: held, more: notHeld } } : {}),
          rejected: { shown: heldRejections, more: moreRejections },
          footer: footerText(version()),
        }),
      );
    } else if (format === "table" || format === "md") {
      const term = dataTerminal(ctx, opts.out);
      const draw = (g: Parameters<typeof drawTable>[0]) => (format === "table" ? drawTable(g, term) : drawMarkdown(g));
      const charged = currencies(totals).flatMap((c) => [...totals.get(c)!.byMeasure.keys()]);
      const header = calcHeader(facts, scenario.overlays, charged, counts);
      let text = (format === "md" ? headerMarkdown(header) : headerText(header, term.color, term.width)) + "\n";
      text += draw(totalsGrid(totals));
      if (fees !== null) text += "\n" + draw(feesGrid(fees));
      if (byEntry && entries !== null) {
        text += "\n" + draw(entriesGrid(entries, withFees, MAX_LINES_SHOWN));
        if (entries.count > MAX_LINES_SHOWN) text += `(${entries.count - MAX_LINES_SHOWN} more entries not shown: the first ${MAX_LINES_SHOWN} are; --format json --by entry gives every entry)\n`;
      }
      else if (opts.by) text += "\n" + draw(breakdownGrid(totals, opts.by as By, new Set(scheduleInfo.unverified)));
      if (includeLines) text += "\n" + draw(linesGrid(held));
      if (notHeld > 0) text += `(${notHeld} more lines not shown: the first ${MAX_LINES_SHOWN} are; --format csv or json gives every line)\n`;
      await sink!.write(text);
    }
    rows?.flush();
    await sink!.close();
    if (rejects) {
      const r = rejects;
      rejects = undefined;
      await r.close();
    }

    if (format === "csv" || format === "ndjson") {
      if (opts.summary !== undefined) {
        const summary = await openOutput(ctx, opts.summary);
        try {
          await writeJsonObject(summary, [["format", SUMMARY_JSON_FORMAT], ["schedule", scheduleInfo], ["dutyScope", DUTY_SCOPE], ["rejected", rejected], ["warnings", warnings], ["totals", totalsJson(totals, fees)], ["counts", counts]]);
          await summary.write("\n");
          await summary.close();
        } catch (e) {
          await summary.abort();
          throw e;
        }
      } else ctx.stderr.write(summaryText(counts, totals) + (fees !== null ? feesSummaryText(fees) : "") + `tariff calc: schedule ${scheduleColumn(facts)}${overlays.length ? `; what-if: ${whatIfColumn(scenario.overlays)}` : ""}; duty: ${DUTY_SCOPE_TEXT}\n`);
    }
    // table/md: warnings and rejections in file order, as a person goes through them, after the data.
    notes.finish();
    // --fees: what could not be charged as the law says, once for the file (not per line).
    if (outcome.unentered > 0) ctx.stderr.write(`tariff calc: ${outcome.unentered} of ${counts.computed} lines name no entry: their fees are summed without the minimum and maximum per entry; give an entry column (ACE: Entry Number)\n`);
    if (outcome.unmoded.lines > 0) ctx.stderr.write(`tariff calc: ${outcome.unmoded.lines} of ${counts.computed} lines have no mode: ${outcome.unmoded.fees.join(", ")} (charged on some modes only) not charged on them; give a mode column (vessel, truck, rail, air, mail)\n`);
    // For a person (table, md) and on the stderr summary of csv/ndjson; json and --summary have counts.warned.
    if (counts.warned !== undefined && format !== "json" && opts.summary === undefined) {
      const by = [...warnedBy].sort(([a], [b]) => (a < b ? -1 : 1)).map(([c, n]) => `${c} ${n}`).join(", ");
      ctx.stderr.write(`tariff calc: ${counts.warned} of ${counts.read} lines computed with warnings (${by}): check them\n`);
    }
    if (counts.rejected > 0) ctx.stderr.write(`tariff calc: ${counts.rejected} of ${counts.read} lines rejected\n`);
    return counts.rejected > 0 ? EXIT.FINDINGS : EXIT.OK;
  } catch (e) {
    meter.done();
    await sink?.abort();
    await rejects?.abort();
    if (e instanceof CsvFatal) {
      reportDiagnostics(ctx, e.diagnostics, [], how.texts);
      return EXIT.TROUBLE;
    }
    throw e;
  } finally {
    rejected?.dispose();
    warnings?.dispose();
    // --explain stops reading early: let go of the file (or stdin) either way.
    input.close();
  }
}

function explainRejection(ctx: Context, file: string, r: Rejection): ExitCode {
  ctx.stdout.write(`${escapeText(file)}:${r.line} is rejected: ${r.column ? `${escapeText(r.column)}: ` : ""}${escapeText(r.reason)}\n`);
  return EXIT.FINDINGS;
}

/** The fees and taxes of a csv/ndjson run on stderr (`--fees`), per currency. */
function feesSummaryText(fees: Map<string, CurrencyFees>): string {
  let out = "";
  for (const [c, f] of fees) out += `tariff calc: ${c} fees and taxes ${formatMoney(f.total)} (${f.fees.map((t) => `${t.fee} ${formatMoney(t.amount)}`).join(", ") || "none"}), apart from the duty\n`;
  return out;
}

function summaryText(counts: { read: number; computed: number; rejected: number }, totals: Totals): string {
  let out = `tariff calc: ${counts.read} lines read, ${counts.computed} computed, ${counts.rejected} rejected\n`;
  for (const c of currencies(totals)) {
    const t = totals.get(c)!;
    out += `tariff calc: ${c} duty ${formatMoney(t.duty)} on customs value ${formatMoney(t.value)} (${t.lines} lines)\n`;
  }
  return out;
}

