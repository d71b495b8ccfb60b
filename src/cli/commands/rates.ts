/** `tariff rates`: the measures in force on a date, with rate, basis, heading, exemptions and stacking. */
import type { Command } from "commander";
import { didYouMean } from "../../core/diagnostics.js";
import { type MeasureView, type TermsView, ratesInForce, termsText } from "../../core/lookup/rates-view.js";
import { dataTerminal, type Context } from "../context.js";
import { EXIT, type ExitCode } from "../exit-codes.js";
import { collect, countryArg, dateArg, hsArg, importerArg, yesNoArg, FORMATS, type Format } from "../args.js";
import { type CodeRates, ratesForCode } from "../../core/lookup/code-rates.js";
import { ProductIndex, parseClaims } from "../../core/lookup/product.js";
import type { Schedule } from "../../core/schedule/model.js";
import { asOfFor, exemptionText, scheduleStamp } from "../../core/schedule/model.js";
import { emit, outputProblem } from "../output.js";
import { neutralizeFormula } from "../render/csv-row.js";
import { type Grid, drawCsv, drawGrid } from "../render/grid.js";
import { loadScenario } from "./common.js";
import { type HeaderItem, type OverlayInfo, type ScheduleFacts, headerMarkdown, headerText, overlaysText, scheduleColumn, scheduleFacts, scheduleText, unverifiedText, whatIfColumn } from "../render/report-header.js";

/** The `format` of rates' JSON (README). */
export const RATES_JSON_FORMAT = "tariff-rates/1";

/** What a rates listing says before its table: the schedule, the what-if overlays, the UNVERIFIED measures listed. */
function ratesHeader(facts: ScheduleFacts, overlays: OverlayInfo[], listed: string[]): HeaderItem[] {
  const items: HeaderItem[] = [{ label: "Schedule", text: scheduleText(facts) }];
  if (overlays.length > 0) items.push({ label: "What-if", text: `${overlaysText(overlays)} applied on the schedule: not the rates in force` });
  const unverified = unverifiedText(facts.unverified, listed, "listed here");
  if (unverified) items.push({ label: "UNVERIFIED", text: unverified });
  return items;
}

/** A csv with the schedule and the what-if overlays on every row (added last). */
function withReportColumns(grid: Grid, facts: ScheduleFacts, overlays: OverlayInfo[]): Grid {
  const tail = [neutralizeFormula(scheduleColumn(facts)), neutralizeFormula(whatIfColumn(overlays))];
  return { ...grid, columns: [...grid.columns, "schedule", "what_if"], rows: grid.rows.map((r) => [...r, ...tail]) };
}

function termsCell(t: TermsView | null): string {
  return t ? termsText(t) : "";
}

/** The default rate, then sectors grouped by their own rate where it differs (the table is for reading; csv has every row). */
function rateCell(m: MeasureView): string {
  if (m.action === "prohibit") return "entry prohibited";
  const base = m.terms ? termsCell(m.terms) : undefined;
  const groups = new Map<string, string[]>();
  for (const [sector, t] of [...Object.entries(m.bySector), ...Object.entries(m.byList)]) {
    const text = termsCell(t);
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
  for (const t of [...Object.values(m.bySector), ...Object.values(m.byList)]) if (t.heading) headings.add(t.heading);
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
  const sectors = m.sectors === "*" ? (m.exceptSectors.length ? `all but ${cut(m.exceptSectors)}` : "all") : cut(m.sectors);
  const lists = m.lists.length > 0 ? `lists ${cut(m.lists)}` : "";
  const exempt = m.exemptBy.length > 0 ? `exempt: ${cut(m.exemptBy.map(exemptionText))}` : "";
  return [sectors, lists, exempt].filter((x) => x !== "").join("\n");
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
    // On a narrow terminal: stacking first, then the heading and USMCA terms (--format md, csv or json have them).
    drop: [6, 2, 5],
    comfort: [18, undefined, undefined, undefined, undefined, undefined, undefined, 12],
    rows: views.map((m) => [
      (m.note ?? "").includes("UNVERIFIED") ? `${m.measure}\n(UNVERIFIED)` : m.measure,
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

/** What `--hs` prints: one block per importer asked about. */
export function codeRatesGrids(results: CodeRates[], unverified: ReadonlySet<string>): Grid[] {
  const name = (id: string) => (unverified.has(id) ? `${id} (UNVERIFIED)` : id);
  return results.flatMap((r) => {
    const who = `${r.importer} ← ${r.origin}${r.usmca ? ", USMCA" : ""}${r.claims.length ? `, claims ${r.claims.join(" ")}` : ""}`;
    const title = `HS ${r.hs} on ${r.date} (${who}): sector ${r.sector ?? "none"}${r.lists.length ? `; on ${r.lists.join(", ")}` : ""}`;
    const applies: Grid = {
      title,
      columns: ["Measure", "Heading", "Rate", "Basis", "Through"],
      drop: [4, 1],
      rows: r.prohibited
        ? [[name(r.prohibited.measure), r.prohibited.heading ?? "", "ENTRY PROHIBITED", "", r.prohibited.authority]]
        : r.duties.map((d) => [name(d.measure), d.heading ?? "", d.rate + (d.share ? ` × ${d.share}` : ""), d.basis + (d.usContentCap ? ` (US content up to ${d.usContentCap})` : ""), "list" in d.scope ? `list ${d.scope.list}` : `sector ${d.scope.sector}`]),
    };
    const skipped: Grid = { title: "Not applied", columns: ["Measure", "Why"], rows: r.skipped.map((k) => [k.measure, k.why]) };
    return [applies, skipped];
  });
}

function codeRatesCsv(results: CodeRates[]): Grid {
  const rows: string[][] = [];
  for (const r of results) {
    const common = [r.hs, r.date, r.importer, r.origin, r.usmca ? "Y" : "N", r.sector ?? ""];
    // Headings and authorities are a schedule's free text: kept from being run as a formula (render/csv-row.ts).
    if (r.prohibited) rows.push([...common, r.prohibited.measure, "prohibited", neutralizeFormula(r.prohibited.heading ?? ""), "", "", "", "", neutralizeFormula(r.prohibited.authority)]);
    for (const d of r.duties) rows.push([...common, d.measure, "applies", neutralizeFormula(d.heading ?? ""), d.rate, d.basis, d.share ?? "", "list" in d.scope ? `list:${d.scope.list}` : `sector:${d.scope.sector}`, ""]);
    for (const k of r.skipped) rows.push([...common, k.measure, "skipped", "", "", "", "", "", neutralizeFormula(k.why)]);
  }
  return { columns: ["hs", "date", "importer", "origin", "usmca", "sector", "measure", "status", "heading", "rate", "basis", "share", "through", "why"], rows };
}

function scheduleJson(schedule: Schedule, overlays: OverlayInfo[]): Record<string, unknown> {
  return { ...scheduleStamp(schedule), title: schedule.title, overlays: overlays.map((o) => o.file), overlayTitles: overlays.map((o) => o.title) };
}

export function registerRates(program: Command, ctx: Context, done: (code: ExitCode) => void): void {
  program
    .command("rates")
    .summary("the measures in force on a date")
    .description("List the measures in force on a date: rate per sector, basis, Chapter 99 heading or surtax order, USMCA treatment and stacking.")
    .option("--at <date>", "the date (YYYY-MM-DD); default today", dateArg)
    .option("--importer <code>", "only measures levied by US or CA customs", importerArg)
    .option("--sector <id>", "only measures charging this sector, with its own rate")
    .option("--hs <code>", "what applies to this HS code: each measure with its heading, rate, basis and list, and why the others do not", hsArg)
    .option("--origin <cc>", "--hs: country of origin (default: the other of US/CA)", countryArg)
    .option("--usmca <Y|N>", "--hs: the goods qualify under USMCA/CUSMA", yesNoArg)
    .option("--claims <headings>", '--hs: chapter 99 headings claimed, e.g. "9903.05.88"')
    .option("-s, --schedule <file>", 'schedule file ("default" = embedded, "-" = stdin)', "default")
    .option("--overlay <file>", "what-if overlay applied on the schedule (repeatable, in order)", collect)
    .option("-f, --format <format>", `output format: ${FORMATS.join(", ")}`, "table")
    .option("-o, --out <file>", "write to FILE (atomically) instead of stdout")
    .addHelpText("after", `
Examples:
  $ tariff rates --at 2025-09-15 --importer US
  $ tariff rates --at 2025-06-04 --sector steel --format json
  $ tariff rates --schedule fixtures/schedules/minimal.json --at 2025-09-15 --format md > /tmp/rates.md
  $ tariff rates --at 2026-09-01 --overlay fixtures/overlays/ieepa-never-struck-down.json
  $ tariff rates --hs 7326.90.86 --at 2026-07-01 --importer US
  $ tariff rates --hs 8802.40.01 --at 2026-09-01 --importer US --claims 9903.05.88 --format json

Exit codes: 0 listed; 2 bad option, unreadable or invalid schedule.`)
    .action(async (opts: { at?: string; importer?: "US" | "CA"; sector?: string; hs?: string; origin?: string; usmca?: boolean; claims?: string; schedule: string; overlay?: string[]; format: string; out?: string }) => {
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
      const scenario = await loadScenario(ctx, opts.schedule, opts.overlay ?? []);
      if (!scenario) return done(EXIT.TROUBLE);
      const { schedule, overlays } = scenario;
      const facts = scheduleFacts(schedule);
      const term = dataTerminal(ctx, opts.out);
      const header = (listed: string[]) => {
        const items = ratesHeader(facts, overlays, listed);
        return format === "md" ? headerMarkdown(items) + "\n" : headerText(items, term.color, term.width) + "\n";
      };
      if (opts.sector !== undefined && !schedule.sectorById.has(opts.sector)) {
        const guess = didYouMean(opts.sector, schedule.sectorById.keys());
        ctx.stderr.write(`tariff rates: unknown sector "${opts.sector}"${guess ? ` (did you mean "${guess}"?)` : ""}; see the schedule's "sectors"\n`);
        return done(EXIT.TROUBLE);
      }
      const at = opts.at ?? ctx.today;
      if (opts.hs === undefined && (opts.origin !== undefined || opts.usmca !== undefined || opts.claims !== undefined)) {
        ctx.stderr.write("tariff rates: --origin, --usmca and --claims go with --hs CODE\n");
        return done(EXIT.TROUBLE);
      }
      if (opts.hs !== undefined) {
        if (opts.sector !== undefined) {
          ctx.stderr.write("tariff rates: give --hs or --sector, not both (the code decides the sector)\n");
          return done(EXIT.TROUBLE);
        }
        const products = new ProductIndex(schedule);
        const importers = opts.importer ? [opts.importer] : (["US", "CA"] as const);
        const results = importers.map((importer) =>
          ratesForCode(schedule, products, { hs: opts.hs!, date: at, importer, origin: opts.origin ?? (importer === "US" ? "CA" : "US"), usmca: opts.usmca ?? false, claims: parseClaims(opts.claims ?? "") }),
        );
        let text: string;
        if (format === "json") text = JSON.stringify({ format: RATES_JSON_FORMAT, schedule: scheduleJson(schedule, overlays), at, results }, null, 2) + "\n";
        else if (format === "csv") text = drawCsv(withReportColumns(codeRatesCsv(results), facts, overlays));
        else {
          const listed = results.flatMap((r) => [...r.duties.map((d) => d.measure), ...(r.prohibited ? [r.prohibited.measure] : [])]);
          text = header(listed) + codeRatesGrids(results, new Set(facts.unverified)).map((g) => drawGrid(g, format, term)).join("\n");
        }
        await emit(ctx, opts.out, text);
        for (const r of results) {
          if (r.finer.length > 0) ctx.stderr.write(`tariff rates: warning: hs ${opts.hs} is shorter than codes on ${r.finer.slice(0, 3).join(", ")}${r.finer.length > 3 ? ` and ${r.finer.length - 3} more` : ""}: a longer code may be on them\n`);
          for (const c of r.unusedClaims) ctx.stderr.write(`tariff rates: warning: claim ${c} does not apply to ${r.importer} ← ${r.origin} on ${at}\n`);
          if (at > asOfFor(schedule, r.importer)) ctx.stderr.write(`tariff rates: warning: ${at} is after ${asOfFor(schedule, r.importer)}, when the schedule's ${r.importer} sources end: later changes of the law are not known to it\n`);
        }
        return done(EXIT.OK);
      }
      const filter = { date: at, ...(opts.importer ? { importer: opts.importer } : {}), ...(opts.sector !== undefined ? { sector: opts.sector } : {}) };
      const views = ratesInForce(schedule, filter);
      let text: string;
      if (format === "json") {
        text = JSON.stringify({ format: RATES_JSON_FORMAT, schedule: scheduleJson(schedule, overlays), at, importer: opts.importer ?? null, sector: opts.sector ?? null, measures: views }, null, 2) + "\n";
      } else if (format === "csv") {
        text = drawCsv(withReportColumns(ratesCsvGrid(views), facts, overlays));
      } else {
        text = header(views.map((v) => v.measure)) + drawGrid(ratesGrid(views, at), format, term);
        if (views.length === 0 && format === "table") text += "(no measure in force)\n";
      }
      await emit(ctx, opts.out, text);
      done(EXIT.OK);
    });
}
