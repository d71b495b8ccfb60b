/** `tariff rates`: the measures in force on a date, with rate, basis, heading, exemptions and stacking. */
import type { Command } from "commander";
import { didYouMean } from "../../core/diagnostics.js";
import { type MeasureView, type TermsView, ratesInForce } from "../../core/lookup/rates-view.js";
import { colorFor, type Context } from "../context.js";
import { EXIT, type ExitCode } from "../exit-codes.js";
import { dateArg, importerArg, FORMATS, type Format } from "../args.js";
import { emit } from "../output.js";
import { type Grid, drawGrid } from "../render/grid.js";
import { loadScheduleOrReport } from "./common.js";

function termsText(t: TermsView | null): string {
  if (!t) return "";
  const basis = t.basis === "value" ? "" : ` on ${t.basis === "content" ? "content" : "non-content"}`;
  return `${t.rate}${basis}${t.share ? ` × ${t.share} of basis` : ""}`;
}

function rateCell(m: MeasureView): string {
  const parts = m.terms ? [termsText(m.terms)] : [];
  for (const [sector, t] of Object.entries(m.bySector)) parts.push(`${sector} ${termsText(t)}`);
  return parts.join("; ");
}

function headingCell(m: MeasureView): string {
  const headings = new Set<string>();
  if (m.terms?.heading) headings.add(m.terms.heading);
  for (const t of Object.values(m.bySector)) if (t.heading) headings.add(t.heading);
  return [...headings].join(", ");
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

export function ratesGrid(views: MeasureView[], at: string): Grid {
  return {
    title: `Measures in force on ${at}`,
    columns: ["Measure", "Importer", "Heading", "Rate", "Sectors", "USMCA", "Excluded by", "Period"],
    rows: views.map((m) => [
      m.measure,
      `${m.importer} ← ${m.origins.join(",")}`,
      headingCell(m),
      rateCell(m),
      m.sectors === "*" ? (m.exceptSectors.length ? `all but ${m.exceptSectors.join(", ")}` : "all") : m.sectors.join(", "),
      usmcaCell(m),
      m.excludedBy.map((e) => (e.when === "owes" ? `${e.measure} (if > 0%)` : e.measure)).join(", "),
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
    .option("-f, --format <format>", `output format: ${FORMATS.join(", ")}`, "table")
    .option("-o, --out <file>", "write to FILE (atomically) instead of stdout")
    .addHelpText("after", `
Examples:
  $ tariff rates --at 2025-09-15 --importer US
  $ tariff rates --at 2025-06-04 --sector steel --format json
  $ tariff rates --schedule my-schedule.json --format md > rates.md

Exit codes: 0 listed; 2 bad option, unreadable or invalid schedule.`)
    .action(async (opts: { at?: string; importer?: "US" | "CA"; sector?: string; schedule: string; format: string; out?: string }) => {
      if (!(FORMATS as readonly string[]).includes(opts.format)) {
        ctx.stderr.write(`tariff rates: --format must be one of ${FORMATS.join(", ")}, got "${opts.format}"\n`);
        return done(EXIT.TROUBLE);
      }
      const format = opts.format as Format;
      const schedule = await loadScheduleOrReport(ctx, opts.schedule);
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
        text = drawGrid(ratesGrid(views, at), format, colorFor(ctx.stdout, ctx.env));
        if (views.length === 0 && format === "table") text += "(no measure in force)\n";
      }
      await emit(ctx, opts.out, text);
      done(EXIT.OK);
    });
}
