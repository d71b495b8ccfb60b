/** `tariff compare`: the same shipments under several scenarios, read once. */
import path from "node:path";
import type { Command } from "commander";
import { scheduleStamp } from "../../core/schedule/model.js";
import { csvRow, neutralizeFormula } from "../render/csv-row.js";
import { formatMoney } from "../../core/money/money.js";
import { digitsOf, sub } from "../../core/money/decimal.js";
import { Comparison, type Scenario } from "../../core/scenario/compare.js";
import type { Rejection } from "../../core/duty/shipment.js";
import { openShipments } from "../../io/shipment-source.js";
import { CsvFatal, isCompanionItem, isRow } from "../../io/shipments.js";
import { RejectsFile } from "../../io/rejects.js";
import { type ReadingFlags, addReadingOptions, maxMessagesProblem, resolveReading } from "../reading.js";
import { DEFAULT_SCHEDULE } from "../../io/schedule-source.js";
import { collect, positiveIntArg } from "../args.js";
import { dataTerminal, type Context } from "../context.js";
import { progress } from "../progress.js";
import { EXIT, type ExitCode } from "../exit-codes.js";
import { openOutput, outputProblem } from "../output.js";
import { drawMarkdown, drawTable, type Grid } from "../render/grid.js";
import { type ScenarioInfo, changeGrid, compareHeader, comparisonJson, scenarioGrid, scenariosColumn, topGrid } from "../render/compare-output.js";
import { faultsText, rejectionJson, warningJson } from "../render/calc-output.js";
import { JsonSpill, writeJsonObject } from "../../io/spill.js";
import { LineNotes } from "../notes.js";
import { loadFxOrReport, loadScenario, reportDiagnostics } from "./common.js";
import { headerMarkdown, headerText, scheduleFacts } from "../render/report-header.js";
import { compareHtml, footerText } from "../render/html-reports.js";
import { version } from "../version.js";

const FORMATS = ["table", "json", "csv", "md", "html"] as const;

interface CompareOptions extends ReadingFlags {
  scenario?: string[];
  schedule?: string[];
  overlay?: string[];
  fx?: string;
  format: string;
  top: number;
  out?: string;
  rejects?: string;
}

interface ScenarioSpec {
  name: string;
  schedule: string;
  overlays: string[];
}

function nameOf(file: string): string {
  return file === DEFAULT_SCHEDULE ? DEFAULT_SCHEDULE : path.basename(file).replace(/\.json$/i, "");
}

/** `--scenario NAME=SCHEDULE[+OVERLAY…]`, or `-s A -s B`, or a base and `--overlay`s (each a scenario on the base). */
export function scenarioSpecs(opts: Pick<CompareOptions, "scenario" | "schedule" | "overlay">): ScenarioSpec[] | string {
  const specs: ScenarioSpec[] = [];
  if (opts.scenario?.length) {
    if (opts.schedule?.length || opts.overlay?.length) return "give scenarios either with --scenario, or with --schedule/--overlay, not both";
    for (const s of opts.scenario) {
      const eq = s.indexOf("=");
      if (eq <= 0) return `--scenario "${s}": expected NAME=SCHEDULE[+OVERLAY…], e.g. what-if=default+fixtures/overlays/metals-232-at-25.json`;
      const [schedule, ...overlays] = s.slice(eq + 1).split("+");
      if (!schedule) return `--scenario "${s}": no schedule after "="`;
      if (overlays.some((o) => o === "")) return `--scenario "${s}": an empty overlay name (two "+" in a row, or one at the end)`;
      specs.push({ name: s.slice(0, eq), schedule, overlays });
    }
  } else {
    const schedules = opts.schedule?.length ? opts.schedule : [DEFAULT_SCHEDULE];
    for (const schedule of schedules) specs.push({ name: nameOf(schedule), schedule, overlays: [] });
    if (opts.overlay?.length) {
      if (schedules.length > 1) return "--overlay goes with one base schedule; for more, use --scenario NAME=SCHEDULE+OVERLAY";
      for (const overlay of opts.overlay) specs.push({ name: nameOf(overlay), schedule: schedules[0]!, overlays: [overlay] });
    }
  }
  if (specs.length < 2) return "give at least two scenarios: --scenario NAME=SCHEDULE[+OVERLAY…] (twice or more), -s A -s B, or --overlay FILE";
  const seen = new Set<string>();
  for (const s of specs) {
    if (seen.has(s.name)) return `two scenarios are named "${s.name}": name them with --scenario NAME=…`;
    seen.add(s.name);
  }
  return specs;
}

export function registerCompare(program: Command, ctx: Context, done: (code: ExitCode) => void): void {
  const cmd = program
    .command("compare")
    .summary("the same shipments under several scenarios, and the change against the first")
    .description("Compute a shipments CSV under several scenarios (schedules, or a schedule plus what-if overlays) in one read, and show each scenario's totals and its change against the first (the base): by currency, sector, measure and month, and the lines that change most.")
    .argument("[file]", 'shipments CSV or Excel workbook (.xlsx) ("-" or nothing for stdin)', "-")
    .option("--scenario <name=schedule+overlay>", 'a scenario: NAME=SCHEDULE[+OVERLAY…] ("default" = embedded schedule); repeatable, the first is the base', collect)
    .option("-s, --schedule <file>", "a schedule as a scenario (repeatable; named after the file)", collect)
    .option("--overlay <file>", "a what-if overlay on the base schedule, as its own scenario (repeatable)", collect)
    .option("--fx <file>", "exchange rates CSV (date,pair,rate) for lines in another currency")
    .option("--top <n>", "how many lines that change most to show, per scenario and currency", positiveIntArg, 10)
    .option("-f, --format <format>", `output: ${FORMATS.join(", ")}`, "table")
    .option("-o, --out <file>", "write to FILE (atomically) instead of stdout")
    .option("--rejects <file>", "write the rejected rows, exactly as in the input (a workbook's as CSV), with line and reason columns, to FILE: fix it and run it again");
  addReadingOptions(cmd)
    .addHelpText("after", `
Examples:
  $ tariff compare fixtures/shipments/sample.csv --overlay fixtures/overlays/ieepa-never-struck-down.json
  $ tariff compare fixtures/shipments/what-if-2026.csv --overlay fixtures/overlays/canada-lifts-metal-surtax-at-review.json --overlay fixtures/overlays/section-122-to-year-end.json --top 5
  $ tariff compare fixtures/shipments/sample.csv -s default -s fixtures/schedules/minimal.json --format md > /tmp/scenarios.md   # exit 1: lines before minimal's first date
  $ tariff compare fixtures/shipments/sample.csv --overlay fixtures/overlays/metals-232-at-25.json --format html -o /tmp/scenarios.html
  $ tariff compare fixtures/shipments/what-if-2026.csv --scenario today=default --scenario what-if=default+fixtures/overlays/ieepa-never-struck-down.json+fixtures/overlays/ieepa-back-to-25.json --format json

Scenarios: the first is the base. With --overlay, each overlay is a scenario on the base schedule;
to stack overlays, use --scenario NAME=SCHEDULE+OVERLAY1+OVERLAY2.
CSV output: one row per input line, with the duty under each scenario and each scenario's change
against the base (rejected lines with their reason).

Exit codes: 0 every line computed; 1 some lines rejected (results still written); 2 usage error,
unreadable input, or a scenario whose schedule or overlay is invalid.`)
    .action(async (file: string, opts: CompareOptions) => done(await runCompare(ctx, file, opts)));
}

async function runCompare(ctx: Context, file: string, opts: CompareOptions): Promise<ExitCode> {
  const usage = (m: string) => {
    ctx.stderr.write(`tariff compare: ${m}\n`);
    return EXIT.TROUBLE;
  };
  if (!(FORMATS as readonly string[]).includes(opts.format)) return usage(`--format must be one of ${FORMATS.join(", ")}, got "${opts.format}"`);
  const maxMessages = maxMessagesProblem(opts, opts.format, ["table", "md", "html", "csv"]);
  if (maxMessages !== undefined) return usage(maxMessages);
  const specs = scenarioSpecs(opts);
  if (typeof specs === "string") return usage(specs);
  const stdinUsers = [file, opts.fx, ...specs.flatMap((s) => [s.schedule, ...s.overlays])].filter((f) => f === "-").length;
  if (stdinUsers > 1) return usage('standard input can be read only once: give "-" for one file only');
  const clash = await outputProblem(
    ctx,
    [{ what: "-o", file: opts.out }, { what: "--rejects", file: opts.rejects }],
    [{ what: "the shipments file", file }, { what: "the fx file", file: opts.fx }, ...specs.flatMap((s) => [{ what: "the schedule", file: s.schedule }, ...s.overlays.map((o) => ({ what: "the overlay", file: o }))])],
  );
  if (clash !== undefined) return usage(clash);

  const scenarios: Scenario[] = [];
  const info: ScenarioInfo[] = [];
  for (const spec of specs) {
    const loaded = await loadScenario(ctx, spec.schedule, spec.overlays);
    if (!loaded) return usage(`scenario "${spec.name}" cannot be used`);
    const { schedule } = loaded;
    scenarios.push({ name: spec.name, schedule });
    const { asOf, asOfByImporter, unverified } = scheduleStamp(schedule);
    info.push({ ...spec, id: schedule.id, version: schedule.version, stamp: { asOf, asOfByImporter, unverified }, facts: scheduleFacts(schedule), overlayInfo: loaded.overlays });
  }
  const fx = await loadFxOrReport(ctx, opts.fx);
  if (fx === false) return EXIT.TROUBLE;
  const how = await resolveReading(ctx, "compare", opts);
  if (!how) return EXIT.TROUBLE;
  // Standard input is copied to a temp file first when --rejects is to copy rows from it.
  const opened = await openShipments(file, ctx.stdin, { ...(opts.sheet !== undefined ? { sheet: opts.sheet } : {}), rereadable: opts.rejects !== undefined });
  if (!opened.ok) {
    reportDiagnostics(ctx, [opened.error], []);
    return EXIT.TROUBLE;
  }
  const input = opened.source;
  if (input.note) reportDiagnostics(ctx, [input.note], []);

  const format = opts.format as (typeof FORMATS)[number];
  // Memory stays flat however many lines are rejected or warned (issue #13): json spills them to temp
  // files until its end; stderr gets each rejection as it happens (csv) or the first ones (table, md).
  const rejected = format === "json" ? new JsonSpill(2) : undefined;
  const warnings = format === "json" ? new JsonSpill(2) : undefined;
  const notes = new LineNotes(ctx, input.label, "compare", format === "csv", opts.maxMessages);
  const comparison = new Comparison(scenarios, fx, opts.top, {
    rejected(r) {
      rejected?.add(rejectionJson(r));
      if (format !== "json") notes.rejected(r);
    },
    warning(w) {
      warnings?.add(warningJson(w));
    },
  }, how.reading);
  const sink = await openOutput(ctx, opts.out);
  let rejects: RejectsFile | undefined;
  // Every row names the scenarios (added last: the schedules, and the what-if overlays with their titles).
  const scenariosCell = neutralizeFormula(scenariosColumn(info));
  const rejectedRow = (r: Rejection) => {
    const row = [String(r.line), "rejected", neutralizeFormula(r.id ?? ""), "", "", "", "", ...scenarios.map(() => ""), ...scenarios.slice(1).map(() => ""), neutralizeFormula(faultsText(r)), scenariosCell];
    return csvRow(row);
  };
  try {
    if (format === "csv") {
      await sink.write(csvRow(["line", "status", "id", "date", "importer", "sector", "currency", ...scenarios.map((s) => `duty_${s.name}`), ...scenarios.slice(1).map((s) => `change_${s.name}`), "reason", "scenarios"]));
    }
    const meter = progress(ctx, "compare");
    if (opts.rejects !== undefined) rejects = new RejectsFile(await openOutput(ctx, opts.rejects), input);
    const onHeader = (line: number, delimiter: string, mode: Parameters<RejectsFile["header"]>[2]) => rejects?.header(line, delimiter, mode);
    for await (const batch of input.read({ ...how.read, onNote: (d) => reportDiagnostics(ctx, [d], []), onHeader })) {
      for (const item of batch) {
        if (isCompanionItem(item)) continue; // ACE's chapter 99 rows: never priced

        meter.tick(comparison.counts.read + 1);
        if (!isRow(item)) {
          comparison.reject(item);
          rejects?.rejected(item, faultsText(item));
          if (format === "csv") sink.push(rejectedRow(item));
          continue;
        }
        const r = comparison.add(item, format === "csv");
        if (!r.ok) rejects?.rejected(r.rejection, faultsText(r.rejection), item.companions);
        if (format !== "csv") continue;
        if (!r.ok) {
          sink.push(rejectedRow(r.rejection));
          continue;
        }
        const s = r.results[0]!.shipment;
        sink.push(csvRow([digitsOf(s.line), "computed", neutralizeFormula(s.id ?? ""), s.date, s.importer, s.sector, r.results[0]!.dutyCurrency, ...r.results.map((x) => formatMoney(x.duty)), ...r.results.slice(1).map((x) => formatMoney(sub(x.duty, r.results[0]!.duty))), "", scenariosCell]));
      }
      await sink.drain();
      await rejects?.drain();
      await notes.drain();
    }
    meter.done();
    const result = comparison.result();
    if (format === "json") {
      const { rejected: _r, warnings: _w, counts, ...head } = comparisonJson(result, info);
      await writeJsonObject(sink, [...Object.entries(head), ["rejected", rejected], ["warnings", warnings], ["counts", counts]]);
      await sink.write("\n");
    }
    else if (format === "html") {
      const unverified = new Set(info.flatMap((s) => s.stamp.unverified));
      await sink.write(compareHtml({ file: input.label, header: compareHeader(result, info), result, info, unverified, footer: footerText(version()) }));
    }
    else if (format === "table" || format === "md") {
      const term = dataTerminal(ctx, opts.out);
      const draw = (g: Grid) => (format === "table" ? drawTable(g, term) : drawMarkdown(g));
      const parts = [draw(scenarioGrid(result, info))];
      for (const s of scenarios.slice(1)) {
        for (const by of ["measure", "sector", "month"] as const) {
          const g = changeGrid(result, s.name, by);
          if (g.rows.length > 0) parts.push(draw(g));
        }
        const top = topGrid(result, s.name);
        parts.push(top.rows.length > 0 ? draw(top) : `${s.name}: no line changes against ${scenarios[0]!.name}\n`);
      }
      const header = compareHeader(result, info);
      await sink.write((format === "md" ? headerMarkdown(header) : headerText(header, term.color, term.width)) + "\n" + parts.join("\n"));
    }
    await sink.close();
    if (rejects) {
      const r = rejects;
      rejects = undefined;
      await r.close();
    }
  } catch (e) {
    await sink.abort();
    await rejects?.abort();
    if (e instanceof CsvFatal) {
      reportDiagnostics(ctx, e.diagnostics, [], how.texts);
      return EXIT.TROUBLE;
    }
    throw e;
  } finally {
    rejected?.dispose();
    warnings?.dispose();
    input.close();
  }
  const { counts } = comparison;
  notes.finish();
  if (counts.rejected > 0) ctx.stderr.write(`tariff compare: ${counts.rejected} of ${counts.read} lines rejected\n`);
  return counts.rejected > 0 ? EXIT.FINDINGS : EXIT.OK;
}
