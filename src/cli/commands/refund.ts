/**
 * `tariff refund` (issue #15): per entry, the IEEPA duty on it (as paid where
 * the file declares it, else as computed), totals per importer of record, and
 * the CAPE declaration files CBP takes the claim in. Reads and prices as calc
 * does (priced-rows.ts); the refund is core/refund, the program data
 * (`refunds/ieepa.json`).
 */
import { mkdir, readdir, stat } from "node:fs/promises";
import path from "node:path";
import type { Command } from "commander";
import { formatMoney } from "../../core/money/money.js";
import { sign } from "../../core/money/decimal.js";
import { scheduleStamp } from "../../core/schedule/model.js";
import { PricingEngine } from "../../core/duty/engine.js";
import { Run } from "../../core/duty/run.js";
import { type DeclaredColumns, declarationOf, declaredColumnsOf, declaresAnything } from "../../core/reconcile/declared.js";
import { headingIndex } from "../../core/reconcile/headings.js";
import { type ProgramScope, programScope, spansText } from "../../core/refund/program.js";
import { RefundFold, claimFileText, claimFiles, claimProblem, claimedTotals, importerOfRecordColumn, importerOfRecordTotals, refundLine } from "../../core/refund/refund.js";
import { type Sink, outputSink } from "../../io/atomic-write.js";
import { openShipments } from "../../io/shipment-source.js";
import { loadRefundProgram } from "../../io/refund-program.js";
import { CsvFatal } from "../../io/shipments.js";
import { JsonSpill, writeJsonObject } from "../../io/spill.js";
import { collect, REFUND_FROM } from "../args.js";
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
import { DUTY_SCOPE, type HeaderItem, headerMarkdown, headerText, overlaysText, scheduleColumn, scheduleFacts, scheduleText, unverifiedText, whatIfColumn } from "../render/report-header.js";
import { REFUND_CSV_COLUMNS, importerOfRecordJson, importersOfRecordGrid, refundEntriesGrid, refundEntryCsv, refundEntryJson, refundLineJson, refundRejectionCsv } from "../render/refund-output.js";
import { loadFxOrReport, loadScenario, reportDiagnostics } from "./common.js";

const FORMATS = ["table", "json", "csv", "md"] as const;
type RefundFormat = (typeof FORMATS)[number];

/** The `format` of refund's JSON (README: raised only for a change that is not an addition). */
export const REFUND_JSON_FORMAT = "tariff-refund/1";
const MAX_SHOWN = 1000;
/** Line numbers listed on stderr for lines not claimed (all of them in JSON). */
const LINES_SAID = 10;

interface RefundOptions extends ReadingFlags {
  schedule: string;
  overlay?: string[];
  fx?: string;
  format: string;
  out?: string;
  cape?: string;
  measure?: string[];
  from: string;
}

export function registerRefund(program: Command, ctx: Context, done: (code: ExitCode) => void): void {
  const cmd = program
    .command("refund")
    .summary("the IEEPA duty to claim back, per entry, and CBP's CAPE declaration files")
    .description("Per entry, the IEEPA duty on it (as paid where the file declares it: chapter 99 companion rows under IEEPA headings, declared_<measure> columns; else as computed), with the entry date; totals per importer of record; and the CSV files of entry numbers CBP's CAPE declaration takes (--cape DIR).")
    .argument("[file]", 'shipments CSV ("-" or nothing for stdin)', "-")
    .option("-s, --schedule <file>", 'schedule file ("default" = embedded)', "default")
    .option("--overlay <file>", "what-if overlay applied on the schedule (repeatable, in order)", collect)
    .option("--fx <file>", "exchange rates CSV (date,pair,rate) for lines in another currency")
    .option("-f, --format <format>", `output: ${FORMATS.join(", ")}`, "table")
    .option("-o, --out <file>", "write to FILE (atomically) instead of stdout")
    .option("--cape <dir>", "write the CAPE declaration files (entry numbers, at most 9,999 a file, one set per importer of record) into DIR, a new or empty folder")
    .option("--measure <id>", "a measure to refund (repeatable): replaces the IEEPA measures listed in refunds/ieepa.json", collect)
    .option("--from <what>", "declared: what the file declares paid, where it does, else the computed duty; computed: the computed duty only", "declared");
  addReadingOptions(cmd)
    .addHelpText("after", `
Examples:
  $ tariff refund fixtures/shipments/ace-reconcile.csv --preset ace -s fixtures/schedules/ieepa-refund.json
  $ tariff refund fixtures/shipments/ace-reconcile.csv --preset ace -s fixtures/schedules/ieepa-refund.json --cape "$(mktemp -d)"
  $ tariff refund fixtures/shipments/ace-reconcile.csv --preset ace --from computed --format json -o /tmp/refund.json

Lines dated outside the IEEPA period (read from the schedule), of the other importer, or owing no IEEPA duty
are counted and said, never claimed. An optional importer_of_record column (also "IOR", "Importer Number")
gives totals and claim files per importer of record.

Exit codes: 0 every line computed and every entry with duty to claim can go in a claim file; 1 some lines
rejected, or an entry to claim has no usable entry number; 2 usage error, unreadable or invalid input.`)
    .action(async (file: string, opts: RefundOptions) => done(await runRefund(ctx, file, opts)));
}

function usage(ctx: Context, message: string): ExitCode {
  ctx.stderr.write(`tariff refund: ${message}\n`);
  return EXIT.TROUBLE;
}

/** Why `dir` cannot take the claim files (it holds files already, or is not a folder); undefined when it can. */
async function capeDirProblem(dir: string): Promise<string | undefined> {
  try {
    const s = await stat(dir);
    if (!s.isDirectory()) return `--cape ${dir} is not a folder`;
    const names = (await readdir(dir)).sort();
    if (names.length > 0) return `--cape ${dir} is not empty (it holds ${names.slice(0, 3).join(", ")}${names.length > 3 ? ", …" : ""}): give a new or empty folder, so that no claim file of an earlier run is uploaded by mistake`;
    return undefined;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    return `--cape ${dir}: ${(e as Error).message}`;
  }
}

/** `5, 9, 12` or `5, 9, 12, … (40 lines)`. */
function someLines(lines: readonly number[]): string {
  return lines.length <= LINES_SAID ? lines.join(", ") : `${lines.slice(0, LINES_SAID).join(", ")}, … (${lines.length} lines)`;
}

async function runRefund(ctx: Context, file: string, opts: RefundOptions): Promise<ExitCode> {
  if (!(FORMATS as readonly string[]).includes(opts.format)) return usage(ctx, `--format must be one of ${FORMATS.join(", ")}, got "${opts.format}"`);
  const format = opts.format as RefundFormat;
  const maxMessages = maxMessagesProblem(opts, format, ["table", "md"]);
  if (maxMessages !== undefined) return usage(ctx, maxMessages);
  if (!(REFUND_FROM as readonly string[]).includes(opts.from)) return usage(ctx, `--from must be ${REFUND_FROM.join(" or ")}, got "${opts.from}"`);
  const useDeclared = opts.from === "declared";
  const stdinUsers = [file, opts.schedule, ...(opts.overlay ?? []), opts.fx].filter((f) => f === "-").length;
  if (stdinUsers > 1) return usage(ctx, 'standard input can be read only once: give "-" for one file only');
  if (opts.cape === "") return usage(ctx, "--cape needs a folder name");
  const clash = await outputProblem(ctx, [{ what: "-o", file: opts.out }], [{ what: "the shipments file", file }, { what: "the schedule", file: opts.schedule }, ...(opts.overlay ?? []).map((o) => ({ what: "the overlay", file: o })), { what: "the fx file", file: opts.fx }]);
  if (clash !== undefined) return usage(ctx, clash);
  if (opts.cape !== undefined) {
    const problem = await capeDirProblem(opts.cape);
    if (problem) return usage(ctx, problem);
  }

  const scenario = await loadScenario(ctx, opts.schedule, opts.overlay ?? []);
  if (!scenario) return EXIT.TROUBLE;
  const { schedule } = scenario;
  const loaded = await loadRefundProgram();
  if (!loaded.ok) {
    reportDiagnostics(ctx, loaded.errors, [], loaded.text !== undefined ? [{ file: "refunds/ieepa.json", text: loaded.text }] : []);
    ctx.stderr.write("tariff refund: the refund program shipped with tariff cannot be read: this copy is damaged\n");
    return EXIT.TROUBLE;
  }
  const scoped = programScope(loaded.program, schedule, opts.measure);
  if (!scoped.ok) return usage(ctx, scoped.message);
  const scope = scoped.scope;
  const fx = await loadFxOrReport(ctx, opts.fx);
  if (fx === false) return EXIT.TROUBLE;
  const how = await resolveReading(ctx, "refund", opts);
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
  const fold = new RefundFold();
  let columns: DeclaredColumns | undefined;
  let iorAt = -1;
  let unattached = 0;
  const forPerson = format === "table" || format === "md";
  const notes = new LineNotes(ctx, input.label, "refund", !forPerson, opts.maxMessages);
  const rejected = format === "json" ? new JsonSpill(2) : undefined;
  const warnings = format === "json" ? new JsonSpill(2) : undefined;
  let entriesJson: JsonSpill | undefined;
  let sink: Sink | undefined;
  let firstLine = true;
  const meter = progress(ctx, "refund");

  try {
    sink = await openOutput(ctx, opts.out);
    if (format === "csv") await sink.write(csvRow([...REFUND_CSV_COLUMNS, "schedule", "what_if"]));
    if (format === "json") await sink.write(`{\n  "format": "${REFUND_JSON_FORMAT}",\n  "schedule": ${JSON.stringify(scheduleInfo)},\n  "dutyScope": ${JSON.stringify(DUTY_SCOPE)},\n  "program": ${JSON.stringify(programJson(scope))},\n  "from": "${opts.from}",\n  "lines": [`);
    const { counts, warnedBy } = await foldPricedRows(input, { ...how.read, onNote: (d) => reportDiagnostics(ctx, [d], []) }, new Run(new PricingEngine([schedule]), [""], { fx, reading: how.reading }), {
      header: (names, cols, line) => {
        const found = declaredColumnsOf(names, schedule, { companions, total: cols.declared_duty >= 0, file: input.label, line });
        if (!found.ok) throw new CsvFatal(found.errors[0]!, found.errors.slice(1));
        columns = found.columns;
        const ior = importerOfRecordColumn(names, input.label, line);
        if (!ior.ok) throw new CsvFatal(ior.error);
        iorAt = ior.index;
      },
      line: (result, row) => {
        let declaration = null;
        if (useDeclared && columns !== undefined && declaresAnything(columns)) {
          const declared = declarationOf(row, result, columns, index, how.reading);
          if (!declared.ok) return declared.rejection;
          declaration = declared.declaration;
        }
        const r = refundLine(result, declaration, scope, useDeclared);
        const ior = iorAt < 0 ? "" : (row.fields[iorAt] ?? "").trim();
        fold.add(r, ior === "" ? null : ior);
        meter.tick(fold.counts.lines);
        if (format === "json") {
          sink!.push((firstLine ? "\n    " : ",\n    ") + JSON.stringify(refundLineJson(r)));
          firstLine = false;
        }
        return undefined;
      },
      rejected: (r) => {
        rejected?.add(rejectionJson(r));
        notes.rejected(r);
        // Streamed, before the entries (known only at the end): memory stays flat however many lines are rejected.
        if (format === "csv") sink!.push(refundRejectionCsv(r, csvTail));
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
        const w = { line: item.line, column: "hs", message: `a chapter 99 row (${item.companion.heading}${item.companion.duty ? `, declared ${item.companion.duty}` : ""}) with no goods line of its entry line before it: not claimed` };
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
    const iors = importerOfRecordTotals(entries);
    const totals = claimedTotals(entries);
    const files = claimFiles(entries, scope.program.cape.maxEntries);
    const unclaimable = entries.filter((e) => { const p = claimProblem(e); return p !== null && p !== "nothing to claim"; });
    const c = fold.counts;
    const allCounts = {
      ...counts,
      claimed: c.claimed,
      noDuty: c.noDuty.length,
      outsidePeriod: c.outsidePeriod.length,
      otherImporter: c.otherImporter.length,
      ...(unattached > 0 ? { unattached } : {}),
    };
    const notClaimed = {
      outsidePeriod: c.outsidePeriod,
      otherImporter: c.otherImporter,
      noDuty: c.noDuty,
      declaredOutsidePeriod: { lines: c.declaredOutside.lines, amount: formatMoney(c.declaredOutside.amount) },
      entriesNotClaimable: unclaimable.map((e) => ({ entry: e.entry, lines: e.lines, amount: formatMoney(e.amount), why: claimProblem(e) })),
    };

    if (format === "json") {
      await sink.write(`${!firstLine ? "\n  " : ""}]`);
      // Entries as a spilled array, like the rejections: one string per entry, never the whole list as one.
      entriesJson = new JsonSpill(2);
      for (const e of entries) entriesJson.add(refundEntryJson(e));
      await writeJsonObject(
        sink,
        [
          ["entries", entriesJson],
          ["importersOfRecord", iors.map(importerOfRecordJson)],
          ["totals", Object.fromEntries([...totals.keys()].sort().map((k) => { const t = totals.get(k)!; return [k, { entries: t.entries, computed: formatMoney(t.computed), amount: formatMoney(t.amount) }]; }))],
          ["claimFiles", opts.cape === undefined ? null : files.map((f) => ({ file: path.join(opts.cape!, f.name), importerOfRecord: f.importerOfRecord, entries: f.entries.length }))],
          ["notClaimed", notClaimed],
          ["rejected", rejected!],
          ["warnings", warnings!],
          ["counts", allCounts],
        ],
        0,
        true,
      );
      await sink.write("\n");
    } else if (format === "csv") {
      for (const e of entries) sink.push(refundEntryCsv(e, csvTail));
      await sink.drain();
    } else {
      const term = dataTerminal(ctx, opts.out);
      const draw = (g: Parameters<typeof drawTable>[0]) => (format === "table" ? drawTable(g, term) : drawMarkdown(g));
      const header = refundHeader(facts, scenario.overlays, scope, opts.from, allCounts, totals);
      let text = (format === "md" ? headerMarkdown(header) : headerText(header, term.color, term.width)) + "\n";
      if (entries.length > 0) text += draw(refundEntriesGrid(entries.slice(0, MAX_SHOWN)));
      else text += "No entry owes or declares IEEPA duty.\n";
      if (entries.length > MAX_SHOWN) text += `(${entries.length - MAX_SHOWN} more entries not shown: the first ${MAX_SHOWN} are; --format json or csv gives every one)\n`;
      if (iors.length > 0) text += "\n" + draw(importersOfRecordGrid(iors));
      await sink.write(text);
    }
    await sink.close();

    if (opts.cape !== undefined) {
      if (files.length === 0) ctx.stderr.write(`tariff refund: no entry to claim: no CAPE file written in ${opts.cape}\n`);
      else {
        await mkdir(opts.cape, { recursive: true });
        for (const f of files) {
          const out = await outputSink(path.join(opts.cape, f.name));
          try {
            await out.write(claimFileText(f, scope.program.cape.header));
            await out.close();
          } catch (e) {
            await out.abort();
            throw e;
          }
        }
        ctx.stderr.write(`tariff refund: ${files.length} CAPE file${files.length === 1 ? "" : "s"} written in ${opts.cape} (${files.map((f) => `${f.name}: ${f.entries.length} entr${f.entries.length === 1 ? "y" : "ies"}`).join(", ")})\n`);
      }
    }
    notes.finish();
    // Lines not claimed are said, never dropped unsaid.
    const period = spansText(scope.period);
    if (c.outsidePeriod.length > 0) ctx.stderr.write(`tariff refund: ${c.outsidePeriod.length} line${c.outsidePeriod.length === 1 ? "" : "s"} dated outside the IEEPA period (${period}), not claimed: ${someLines(c.outsidePeriod)}\n`);
    if (c.declaredOutside.lines.length > 0) ctx.stderr.write(`tariff refund: of those, ${someLines(c.declaredOutside.lines)} declare${c.declaredOutside.lines.length === 1 ? "s" : ""} IEEPA duty paid (${formatMoney(c.declaredOutside.amount)}): check them with the broker\n`);
    if (c.otherImporter.length > 0) ctx.stderr.write(`tariff refund: ${c.otherImporter.length} line${c.otherImporter.length === 1 ? "" : "s"} levied by another importer than ${scope.program.importer}, not claimed: ${someLines(c.otherImporter)}\n`);
    for (const e of unclaimable) ctx.stderr.write(`tariff refund: ${e.entry === null ? `lines ${someLines(e.lines)}` : `entry ${e.entry}`} (${formatMoney(e.amount)} ${e.currency} to claim): ${claimProblem(e)}: it cannot go in a CAPE file\n`);
    if (counts.warned !== undefined && format !== "json") ctx.stderr.write(`tariff refund: ${counts.warned} of ${counts.read} lines computed with warnings (${warnedByText(warnedBy)}): check them\n`);
    if (counts.rejected > 0) ctx.stderr.write(`tariff refund: ${counts.rejected} of ${counts.read} lines rejected\n`);
    return counts.rejected > 0 || unclaimable.length > 0 || unattached > 0 ? EXIT.FINDINGS : EXIT.OK;
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

function programJson(scope: ProgramScope): Record<string, unknown> {
  const p = scope.program;
  return {
    id: p.id,
    title: p.title,
    importer: p.importer,
    measures: scope.measures.map((m) => m.id),
    headings: p.headings,
    period: scope.period.map((s) => ({ from: s.from, until: s.until ?? null })),
    cape: { header: p.cape.header, maxEntries: p.cape.maxEntries, sources: p.cape.sources },
  };
}

function refundHeader(
  facts: ReturnType<typeof scheduleFacts>,
  overlays: readonly { file: string; title: string }[],
  scope: ProgramScope,
  from: string,
  counts: { read: number; computed: number; rejected: number; claimed: number; noDuty: number; outsidePeriod: number; otherImporter: number; unattached?: number },
  totals: ReturnType<typeof claimedTotals>,
): HeaderItem[] {
  const items: HeaderItem[] = [{ label: "Schedule", text: scheduleText(facts) }];
  if (overlays.length > 0) items.push({ label: "What-if", text: `${overlaysText(overlays)} applied on the schedule: not the rates in force` });
  const ids = scope.measures.map((m) => m.id);
  const unverified = unverifiedText(facts.unverified, ids, "refunded here");
  if (unverified) items.push({ label: "UNVERIFIED", text: unverified });
  items.push({ label: "Refund", text: `${ids.join(", ")} (${scope.program.id}), in force ${spansText(scope.period)}` });
  items.push({ label: "Amounts", text: from === "declared" ? "as paid where the file declares it (chapter 99 rows under the measures' headings, declared_<measure> columns), else as computed; no interest" : "as computed from the schedule; no interest" });
  const sums = [...totals.keys()].sort().flatMap((k) => { const t = totals.get(k)!; return sign(t.amount) > 0 ? [`${formatMoney(t.amount)} ${k} on ${t.entries} entr${t.entries === 1 ? "y" : "ies"}`] : []; });
  items.push({ label: "To claim", text: sums.length > 0 ? sums.join("; ") : "nothing" });
  items.push({ label: "Lines", text: `${counts.read} read: ${counts.claimed} owe IEEPA duty, ${counts.noDuty} none, ${counts.outsidePeriod} outside the period, ${counts.otherImporter} of another importer, ${counts.rejected} rejected${counts.unattached ? `; ${counts.unattached} chapter 99 rows follow no goods line` : ""}` });
  return items;
}
