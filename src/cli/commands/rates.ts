/** `tariff rates`: the measures in force on a date, with rate, basis, heading, exemptions and stacking. */
import type { Command } from "commander";
import { didYouMean } from "../../core/diagnostics.js";
import { type MeasureView, type TermsView, ratesInForce } from "../../core/lookup/rates-view.js";
import { dataColor, type Context } from "../context.js";
import { EXIT, type ExitCode } from "../exit-codes.js";
import { collect, dateArg, importerArg, FORMATS, type Format } from "../args.js";
import { emit, outputProblem } from "../output.js";
import { neutralizeFormula } from "../render/csv-row.js";
import { type Grid, drawCsv, drawGrid } from "../render/grid.js";
import { loadScenarioSchedule } from "./common.js";

function termsText(t: TermsView | null): string {
  if (!t) return "";
  const basis = t.basis === "value" ? "" : ` on ${t.basis === "content" ? "content" : "non-content"}`;
  return `${t.rate}${basis}${t.share ? ` × ${t.share} of basis` : ""}`;
}

/** The default rate, then sectors grouped by their own rate where it differs (the table is for reading; csv has every row). */
function rateCell(m: MeasureView): string {
  const base = m.terms ? termsText(m.terms) : undefined;
  const groups = new Map<string, string[]>();
  for (const [sector, t] of Object.entries(m.bySector)) {
    const text = termsText(t);
    if (text === base) continue;
    groups.set(text, [...(groups.get(text) ?? []), sector]);
  }
  const parts = base !== undefined ? [base] : [];
  for (const [text, sectors] of groups) parts.push(`${sectors.length > 3 ? `${sectors.slice(0, 2).join(", ")} +${sectors.length - 2} more` : sectors.join(", ")}: ${text}`);
  return parts.join("\n");
}

function excludedCell(m: MeasureView): string {
  const names = m.excludedBy.map((e) => (e.when === "owes" ? `${e.measure} (if owed)` : e.measure));
  return names.join("\n");
}

function headingCell(m: MeasureView): string {
  const headings = new Set<string>();
  if (m.terms?.heading) headings.add(m.terms.heading);
  for (const t of Object.values(m.bySector)) if (t.heading) headings.add(t.heading);
  return [...headings].join("\n");
}

function usmcaCell(m: MeasureView): string {
  if (m.exemptions.includes("usmca")) return "exempt";
  if (m.usmca) {
    const parts = [];
    if (m.usmca.rate) parts.push(m.usmca.rate);
    if (m.usmca.basis) parts.push(`on ${m.usmca.basis}`);
    if (m.usmca.share) parts.push(`× ${m.usmca.share} of basis`);
    return parts.join(" ");
  }
  return "not exempt";
}

/** Long sector lists are cut for the table; csv and json give them whole. */
function sectorsCell(m: MeasureView): string {
  const cut = (list: string[]) => (list.length > 3 ? `${list.slice(0, 2).join(", ")} (+${list.length - 2} more)` : list.join(", "));
  return m.sectors === "*" ? (m.exceptSectors.length ? `all but ${cut(m.exceptSectors)}` : "all") : cut(m.sectors);
}

/** One row per measure and sector with its own terms (sector "*" for the measure's default), for scripts. */
export function ratesCsvGrid(views: MeasureView[]): Grid {
  const rows: string[][] = [];
  const usmca = (m: MeasureView) => (m.exemptions.includes("usmca") ? "exempt" : m.usmca ? [m.usmca.rate, m.usmca.basis && `basis ${m.usmca.basis}`, m.usmca.share && `share ${m.usmca.share}`].filter(Boolean).join(" ") : "");
  const row = (m: MeasureView, sector: string, t: TermsView) => [
    // A heading is a schedule's free text: kept from being run as a formula (render/csv-row.ts).
    m.measure, m.importer, m.origins.join(" "), sector, t.rate, t.basis, t.share ?? "", neutralizeFormula(t.heading ?? ""), usmca(m),
    m.excludedBy.map((e) => (e.when === "owes" ? `${e.measure}(owes)` : e.measure)).join(" "), m.from, m.until ?? "",
    m.sectors === "*" ? "*" : m.sectors.join(" "), m.exceptSectors.join(" "),
  ];
  for (const m of views) {
    if (m.terms) rows.push(row(m, "*", m.terms));
    for (const [sector, t] of Object.entries(m.bySector)) rows.push(row(m, sector, t));
  }
  return {
    columns: ["measure", "importer", "origins", "sector", "rate", "basis", "share", "heading", "usmca", "excluded_by", "from", "until", "sectors", "except_sectors"],
    rows,
  };
}

export function ratesGrid(views: MeasureView[], at: string): Grid {
  return {
    title: `Measures in force on ${at}`,
    columns: ["Measure", "Importer", "Heading", "Rate", "Sectors", "USMCA", "Excluded by", "Period"],
    rows: views.map((m) => [
      m.measure,
      `${m.importer} ← ${m.origins.join(",")}`,
      headingCell(m),
      rateCell(m),
      sectorsCell(m),
      usmcaCell(m),
      excludedCell(m),
      `${m.from} → ${m.until ?? "open"}`,
    ]),
  };
}

export function registerRates(program: Command, ctx: Context, done: (code: ExitCode) => void): void {
  program
    .command("rates")
    .summary("the measures in force on a date")
    .description("List the measures in force on a date: rate per sector, basis, Chapter 99 heading or surtax order, USMCA treatment and stacking.")
    .option("--at <date>", "the date (YYYY-MM-DD); default today", dateArg)
    .option("--importer <code>", "only measures levied by US or CA customs", importerArg)
    .option("--sector <id>", "only measures charging this sector, with its own rate")
    .option("-s, --schedule <file>", 'schedule file ("default" = embedded, "-" = stdin)', "default")
    .option("--overlay <file>", "what-if overlay applied on the schedule (repeatable, in order)", collect)
    .option("-f, --format <format>", `output format: ${FORMATS.join(", ")}`, "table")
    .option("-o, --out <file>", "write to FILE (atomically) instead of stdout")
    .addHelpText("after", `
Examples:
  $ tariff rates --at 2025-09-15 --importer US
  $ tariff rates --at 2025-06-04 --sector steel --format json
  $ tariff rates --schedule my-schedule.json --format md > rates.md
  $ tariff rates --at 2026-09-01 --overlay fixtures/overlays/ieepa-never-struck-down.json

Exit codes: 0 listed; 2 bad option, unreadable or invalid schedule.`)
    .action(async (opts: { at?: string; importer?: "US" | "CA"; sector?: string; schedule: string; overlay?: string[]; format: string; out?: string }) => {
      if (!(FORMATS as readonly string[]).includes(opts.format)) {
        ctx.stderr.write(`tariff rates: --format must be one of ${FORMATS.join(", ")}, got "${opts.format}"\n`);
        return done(EXIT.TROUBLE);
      }
      const format = opts.format as Format;
      const clash = await outputProblem(ctx, [{ what: "-o", file: opts.out }], [{ what: "the schedule", file: opts.schedule }, ...(opts.overlay ?? []).map((o) => ({ what: "the overlay", file: o }))]);
      if (clash !== undefined) {
        ctx.stderr.write(`tariff rates: ${clash}\n`);
        return done(EXIT.TROUBLE);
      }
      const schedule = await loadScenarioSchedule(ctx, opts.schedule, opts.overlay ?? []);
      if (!schedule) return done(EXIT.TROUBLE);
      if (opts.sector !== undefined && !schedule.sectorById.has(opts.sector)) {
        const guess = didYouMean(opts.sector, schedule.sectorById.keys());
        ctx.stderr.write(`tariff rates: unknown sector "${opts.sector}"${guess ? ` (did you mean "${guess}"?)` : ""}; see the schedule's "sectors"\n`);
        return done(EXIT.TROUBLE);
      }
      const at = opts.at ?? ctx.today;
      const filter = { date: at, ...(opts.importer ? { importer: opts.importer } : {}), ...(opts.sector !== undefined ? { sector: opts.sector } : {}) };
      const views = ratesInForce(schedule, filter);
      let text: string;
      if (format === "json") {
        text = JSON.stringify({ schedule: { id: schedule.id, version: schedule.version }, at, importer: opts.importer ?? null, sector: opts.sector ?? null, measures: views }, null, 2) + "\n";
      } else {
        text = format === "csv" ? drawCsv(ratesCsvGrid(views)) : drawGrid(ratesGrid(views, at), format, dataColor(ctx, opts.out));
        if (views.length === 0 && format === "table") text += "(no measure in force)\n";
      }
      await emit(ctx, opts.out, text);
      done(EXIT.OK);
    });
}
