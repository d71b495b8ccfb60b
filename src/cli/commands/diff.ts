/**
 * `tariff diff OLD NEW`: what changed between two schedules in effect, as a
 * plan (table), JSON, Markdown (for a pull request comment) or CSV. The
 * comparison is `core/diff`; this file only loads, renders and picks the exit
 * code, as diff(1): 0 no change in effect, 1 changes, 2 trouble.
 */
import type { ChalkInstance } from "chalk";
import type { Command } from "commander";
import { didYouMean } from "../../core/diagnostics.js";
import { type Difference, type ChangeField, type DiffFilter, type MetadataChange, type ScheduleDiff, diffSchedules } from "../../core/diff/diff.js";
import { collect, dateArg, importerArg, FORMATS } from "../args.js";
import { heading, htmlPage, htmlTable, para } from "../render/html.js";
import { version } from "../version.js";
import { dataTerminal, type Context, type Terminal } from "../context.js";
import { EXIT, type ExitCode } from "../exit-codes.js";
import { emit, outputProblem } from "../output.js";
import { escapeText } from "../../core/escape.js";
import { neutralizeFormula } from "../render/csv-row.js";
import { type Grid, drawCsv, drawMarkdown } from "../render/grid.js";
import { loadScenario, loadScheduleOrReport } from "./common.js";
import { type HeaderItem, type OverlayInfo, type ScheduleFacts, headerMarkdown, headerText, overlaysText, scheduleColumn, scheduleFacts, scheduleText, unverifiedText, whatIfColumn } from "../render/report-header.js";
import { displayWidth, wrapText } from "../render/text-width.js";

const DIFF_FORMATS = [...FORMATS, "html"] as const;
type DiffFormat = (typeof DIFF_FORMATS)[number];

/** The `format` of diff's JSON (README). */
export const DIFF_JSON_FORMAT = "tariff-diff/1";

/** What a diff report says of its two schedules: each one's facts, and the what-if overlays applied to NEW. */
export interface DiffSides {
  old: ScheduleFacts;
  new: ScheduleFacts;
  overlays: OverlayInfo[];
}

/** The header of a diff: both schedules, the what-if overlays, the UNVERIFIED measures among those changed. */
function diffHeader(d: ScheduleDiff, sides: DiffSides): HeaderItem[] {
  const items: HeaderItem[] = [{ label: "Old", text: scheduleText(sides.old) }, { label: "New", text: scheduleText(sides.new) }];
  if (sides.overlays.length > 0) items.push({ label: "What-if", text: `${overlaysText(sides.overlays)} applied on NEW: not the rates in force` });
  const changed = d.changes.flatMap((c) => (c.measure !== undefined ? [c.measure] : []));
  const unverified = unverifiedText([...new Set([...sides.old.unverified, ...sides.new.unverified])], changed, "changed here", 2);
  if (unverified) items.push({ label: "UNVERIFIED", text: unverified });
  return items;
}

/** A line of the plan wrapped to `width`, under its own indent (a long line loses its colour: the words stay). */
function fitLine(line: string, width: number | undefined): string {
  // eslint-disable-next-line no-control-regex
  const plain = line.replace(/\x1b\[[0-9;]*m/g, "");
  if (width === undefined || displayWidth(plain) <= width) return line;
  const indent = plain.length - plain.trimStart().length;
  return wrapText(plain.trimStart(), Math.max(1, width - indent), 2).map((l) => " ".repeat(indent) + l).join("\n");
}

// ---------------------------------------------------------------- words

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

const FIELD_WORD: Record<ChangeField, string> = {
  sector: "sector",
  hs: "HS prefixes",
  currency: "currency",
  valueRounding: "value rounding",
  dutyRounding: "duty rounding",
  "in-force": "in force",
  importer: "importer",
  origins: "origins",
  sectors: "coverage",
  rate: "rate",
  basis: "basis",
  share: "share",
  heading: "heading",
  usmca: "USMCA",
  exemptions: "exemptions",
  excludedBy: "excluded by",
  list: "list",
  codes: "codes",
  lists: "list coverage",
};

const SUMMARY_WORD: Partial<Record<ChangeField, string>> = { "in-force": "in-force", excludedBy: "stacking" };

/** Fields whose before/after speak for themselves: `25% → 35%`, `not in force → 25%`, `not covered → 10%`. */
const BARE_FIELDS = new Set<ChangeField>(["rate", "in-force", "sectors", "lists"]);

const SIGN = { added: "+", removed: "-", changed: "~" } as const;

/** " + overlay FILE" when NEW is a what-if. */
function overlayText(d: ScheduleDiff): string {
  const o = d.new.overlays ?? [];
  return o.length ? ` + overlay${o.length > 1 ? "s" : ""} ${o.join(", ")}` : "";
}

/** The one-line summary: `2 measures added, 1 removed, 1 changed; 3 rate changes; 1 sector added`. */
function summaryLine(d: ScheduleDiff): string {
  const s = d.summary;
  const parts: string[] = [];
  const counted = (items: [number, string][], noun: string) => {
    const present = items.filter(([n]) => n > 0);
    if (present.length === 0) return;
    parts.push(present.map(([n, verb], i) => (i === 0 ? `${plural(n, noun)} ${verb}` : `${n} ${verb}`)).join(", "));
  };
  counted([[s.measuresAdded, "added"], [s.measuresRemoved, "removed"], [s.measuresChanged, "changed"]], "measure");
  const inChanged = d.changes.filter((c) => c.kind === "changed" && c.measure !== undefined);
  const fieldParts: string[] = [];
  for (const field of Object.keys(s.byField) as ChangeField[]) {
    const n = inChanged.filter((c) => c.field === field).length;
    if (n === 0) continue;
    fieldParts.push(field === "rate" ? `${plural(n, "rate")} changed` : plural(n, `${SUMMARY_WORD[field] ?? FIELD_WORD[field]} change`));
  }
  if (fieldParts.length > 0) parts.push(fieldParts.join(", "));
  counted([[s.sectorsAdded, "added"], [s.sectorsRemoved, "removed"], [s.sectorsChanged, "changed"]], "sector");
  counted([[s.listsAdded, "added"], [s.listsRemoved, "removed"], [s.listsChanged, "changed"]], "list");
  const importerTerms = d.changes.filter((c) => c.importer !== undefined).length;
  if (importerTerms > 0) parts.push(plural(importerTerms, "importer term change"));
  const effect = parts.length === 0 ? "No change in effect" : parts.join("; ");
  return s.metadata > 0 ? `${effect}; ${plural(s.metadata, "metadata change")} without effect.` : `${effect}.`;
}

/** ` (in force on 2025-09-01; importer US; sector steel)`, or nothing without a filter. */
function filterText(f: DiffFilter): string {
  const parts = [f.at !== undefined ? `in force on ${f.at}` : "", f.importer !== undefined ? `importer ${f.importer}` : "", f.sector !== undefined ? `sector ${f.sector}` : ""].filter((x) => x !== "");
  return parts.length === 0 ? "" : ` (${parts.join("; ")})`;
}

function span(c: { from: string | null; until: string | null }): string {
  return c.from === null ? "" : `${c.from} → ${c.until ?? "open"}`;
}

function beforeAfter(c: Difference): string {
  if (c.field === "hs" && c.before !== null && c.after !== null) {
    const o = new Set(c.before.split(", "));
    const n = new Set(c.after.split(", "));
    const added = [...n].filter((x) => !o.has(x)).map((x) => `+${x}`);
    const removed = [...o].filter((x) => !n.has(x)).map((x) => `-${x}`);
    return [...added, ...removed].join(", ");
  }
  if (c.field === "sector") return `hs ${(c.after ?? c.before) || "(none)"}`;
  if (c.field === "list") return `${c.after ?? c.before}`;
  if (c.field === "codes") return [c.after ? `+ ${c.after}` : "", c.before ? `- ${c.before}` : ""].filter((x) => x !== "").join("; ");
  return `${BARE_FIELDS.has(c.field) ? "" : `${FIELD_WORD[c.field]} `}${c.before} → ${c.after}`;
}

/** ` (all sectors but energy, potash)` for a change most sectors share. */
function exceptText(c: Difference): string {
  return c.exceptSectors ? ` (all sectors but ${c.exceptSectors.join(", ")})` : "";
}

/** Per-sector changes with the same dates and values print as one line: `other_goods, steel: 25% → 35%`. */
function groupBySector(changes: Difference[]): { change: Difference; sectors: string[] }[] {
  const out: { change: Difference; sectors: string[] }[] = [];
  const byKey = new Map<string, { change: Difference; sectors: string[] }>();
  for (const c of changes) {
    if (c.list !== undefined) {
      out.push({ change: c, sectors: [`list ${c.list}`] });
      continue;
    }
    if (c.sector === undefined) {
      out.push({ change: c, sectors: [] });
      continue;
    }
    const key = JSON.stringify([c.field, c.from, c.until, c.before, c.after]);
    const group = byKey.get(key);
    if (group) group.sectors.push(c.sector);
    else {
      const g = { change: c, sectors: [c.sector] };
      byKey.set(key, g);
      out.push(g);
    }
  }
  return out;
}

function metadataLine(m: MetadataChange): string {
  const where = [m.measure ?? (m.sector !== undefined ? `sector ${m.sector}` : ""), m.field, span(m)].filter((x) => x !== "").join(" ");
  if (m.field === "sources") return `${where}: ${m.before === null ? `+ ${m.after}` : `- ${m.before}`}`;
  const q = (v: string | null) => (v === null ? "(none)" : JSON.stringify(v));
  return `${where}: ${q(m.before)} → ${q(m.after)}`;
}

// ---------------------------------------------------------------- formats

/** The plan: `+` added, `-` removed, `~` changed, grouped by measure. */
export function renderPlan(d: ScheduleDiff, filter: DiffFilter, color: ChalkInstance, sides: DiffSides, width: number | undefined): string {
  const paint = (kind: Difference["kind"], s: string) => (kind === "added" ? color.green(s) : kind === "removed" ? color.red(s) : color.yellow(s));
  // Labels, headings, notes and versions are a schedule's free text: shown escaped (core/escape.ts), before any colour.
  const e = escapeText;
  const lines: string[] = [color.bold(e(`Schedule diff: ${d.old.id} ${d.old.version} → ${d.new.id} ${d.new.version}${overlayText(d)}${filterText(filter)}`)), ""];
  lines.push(...headerText(diffHeader(d, sides), color, width).trimEnd().split("\n"), "");
  const sectors = d.changes.filter((c) => c.measure === undefined && c.sector !== undefined);
  if (sectors.length > 0) {
    lines.push(color.bold("Sectors"));
    for (const c of sectors) {
      const label = d.labels.sectors[c.sector!];
      lines.push(`  ${paint(c.kind, `${SIGN[c.kind]} ${c.sector}`)}${label ? ` (${e(label)})` : ""}: ${e(beforeAfter(c))}`);
    }
    lines.push("");
  }
  const lists = d.changes.filter((c) => c.measure === undefined && c.list !== undefined);
  if (lists.length > 0) {
    lines.push(color.bold("Lists"));
    for (const c of lists) lines.push(`  ${paint(c.kind, `${SIGN[c.kind]} ${c.list}`)}${c.from !== null ? ` ${span(c)}` : ""}: ${beforeAfter(c)}`);
    lines.push("");
  }
  const importers = d.changes.filter((c) => c.importer !== undefined);
  if (importers.length > 0) {
    lines.push(color.bold("Importers"));
    for (const c of importers) lines.push(`  ${paint("changed", `~ ${c.importer}`)} ${e(beforeAfter(c))}`);
    lines.push("");
  }
  const measures = [...new Set(d.changes.filter((c) => c.measure !== undefined).map((c) => c.measure!))];
  for (const id of measures) {
    const own = d.changes.filter((c) => c.measure === id);
    const kind = own[0]!.kind;
    const label = d.labels.measures[id];
    lines.push(`${paint(kind, `${SIGN[kind]} ${id}`)}${label ? `  ${color.dim(e(label))}` : ""}`);
    for (const { change, sectors: list } of groupBySector(own)) {
      lines.push(e(`    ${span(change)}: ${list.length > 0 ? `${list.join(", ")}: ` : ""}${beforeAfter(change)}${exceptText(change)}`));
    }
    lines.push("");
  }
  if (d.metadata.length > 0) {
    lines.push(color.bold("Metadata (no effect on duties)"));
    for (const m of d.metadata) lines.push(e(`  ~ ${metadataLine(m)}`));
    lines.push("");
  }
  lines.push(summaryLine(d));
  return lines.map((l) => fitLine(l, width)).join("\n") + "\n";
}

const CHANGE_COLUMNS = ["", "Measure", "Sector", "Field", "From", "Until", "Before", "After"];

/** The changes in effect as a grid; `sign` draws a kind's sign (`\`~\`` in Markdown). */
function changesGrid(d: ScheduleDiff, sign: (kind: Difference["kind"]) => string): Grid {
  return {
    columns: CHANGE_COLUMNS,
    rows: d.changes.map((c) => [
      sign(c.kind),
      c.measure ?? (c.importer !== undefined ? `(${c.importer} importer)` : ""),
      c.sector ?? (c.list !== undefined ? `list ${c.list}` : c.exceptSectors ? `all but ${c.exceptSectors.join(", ")}` : ""),
      FIELD_WORD[c.field],
      c.from ?? "",
      c.from === null ? "" : (c.until ?? "open"),
      c.before ?? "",
      c.after ?? "",
    ]),
  };
}

function metadataGrid(d: ScheduleDiff): Grid {
  return {
    title: "Metadata (no effect on duties)",
    columns: ["Measure", "Sector", "Field", "From", "Until", "Before", "After"],
    rows: d.metadata.map((m) => [m.measure ?? "", m.sector ?? "", m.field, m.from ?? "", m.from === null ? "" : (m.until ?? "open"), m.before ?? "", m.after ?? ""]),
  };
}

function diffTitle(d: ScheduleDiff, filter: DiffFilter): string {
  return `Schedule diff: ${d.old.id} ${d.old.version} → ${d.new.id} ${d.new.version}${overlayText(d)}${filterText(filter)}`;
}

export function renderMarkdown(d: ScheduleDiff, filter: DiffFilter, sides: DiffSides): string {
  let out = `### Schedule diff: \`${d.old.id}\` ${d.old.version} → \`${d.new.id}\` ${d.new.version}${overlayText(d)}${filterText(filter)}\n\n${headerMarkdown(diffHeader(d, sides))}\n**${summaryLine(d)}**\n`;
  if (d.changes.length > 0) out += "\n" + drawMarkdown(changesGrid(d, (k) => `\`${SIGN[k]}\``));
  if (d.metadata.length > 0) out += "\n" + drawMarkdown(metadataGrid(d)).replace(/^### /, "#### ");
  return out;
}

/** A page for a client or a review: the header, the summary, the changes in effect (UNVERIFIED measures badged), the metadata. */
export function renderHtml(d: ScheduleDiff, filter: DiffFilter, sides: DiffSides, made: string): string {
  const unverified = new Set([...sides.old.unverified, ...sides.new.unverified]);
  const sections = [para(summaryLine(d))];
  if (d.changes.length > 0) sections.push(heading(2, "Changes in effect"), htmlTable(changesGrid(d, (k) => ({ added: "+ added", removed: "- removed", changed: "~ changed" })[k]), unverified));
  if (d.metadata.length > 0) sections.push(heading(2, "Metadata (no effect on duties)"), htmlTable({ ...metadataGrid(d), title: undefined }, unverified));
  return htmlPage("Schedule diff", diffTitle(d, filter).replace(/^Schedule diff: /, ""), diffHeader(d, sides), sections, made);
}

export function renderCsv(d: ScheduleDiff, sides: DiffSides): string {
  const metaKind = (m: MetadataChange) => (m.before === null ? "added" : m.after === null ? "removed" : "changed");
  // Added last: the two schedules and the what-if overlays applied to NEW, on every row.
  const tail = [neutralizeFormula(scheduleColumn(sides.old)), neutralizeFormula(scheduleColumn(sides.new)), neutralizeFormula(whatIfColumn(sides.overlays))];
  return drawCsv({
    columns: ["effect", "kind", "measure", "sector", "except_sectors", "importer", "field", "from", "until", "before", "after", "list", "old_schedule", "new_schedule", "what_if"],
    rows: [
      // before/after can be a schedule's free text (a heading, a label): kept from being run as a formula.
      ...d.changes.map((c) => ["yes", c.kind, c.measure ?? "", c.sector ?? "", (c.exceptSectors ?? []).join(" "), c.importer ?? "", c.field, c.from ?? "", c.until ?? "", neutralizeFormula(c.before ?? ""), neutralizeFormula(c.after ?? ""), c.list ?? "", ...tail]),
      ...d.metadata.map((m) => ["no", metaKind(m), m.measure ?? "", m.sector ?? "", "", "", m.field, m.from ?? "", m.until ?? "", neutralizeFormula(m.before ?? ""), neutralizeFormula(m.after ?? ""), "", ...tail]),
    ],
  });
}

/** The documented JSON (README, "tariff diff"): labels are left out, keys in a fixed order. */
export function diffJson(d: ScheduleDiff, filter: DiffFilter, sides: DiffSides): string {
  const side = (s: ScheduleFacts) => ({ title: s.title, asOf: s.asOf, asOfByImporter: s.asOfByImporter, unverified: s.unverified });
  const body = {
    format: DIFF_JSON_FORMAT,
    old: { ...d.old, ...side(sides.old) },
    new: { ...d.new, ...side(sides.new), ...(sides.overlays.length ? { overlayTitles: sides.overlays.map((o) => o.title) } : {}) },
    filter: { at: filter.at ?? null, importer: filter.importer ?? null, sector: filter.sector ?? null },
    changes: d.changes,
    metadata: d.metadata,
    summary: d.summary,
  };
  return JSON.stringify(body, null, 2) + "\n";
}

// ---------------------------------------------------------------- command

interface DiffOptions {
  at?: string;
  importer?: "US" | "CA";
  sector?: string;
  format: string;
  out?: string;
  quiet?: boolean;
  overlay?: string[];
}

export function registerDiff(program: Command, ctx: Context, done: (code: ExitCode) => void): void {
  program
    .command("diff")
    .summary("what changed in effect between two schedules")
    .description(
      "Compare two schedules in effect, not in text: measures added or removed; for each measure, the dates on which its rate, basis, heading, coverage, USMCA treatment or stacking differ; sectors added, removed or with other HS prefixes; importer currency and rounding. Names, notes, sources and the version are listed separately, as metadata without effect. Reordering, reformatting or splitting a period with the same terms is no change.",
    )
    .argument("<old>", 'the old schedule ("default" = embedded, "-" = stdin)')
    .argument("<new>", 'the new schedule ("default" = embedded, "-" = stdin)')
    .option("--at <date>", "only what is in force on this date (YYYY-MM-DD)", dateArg)
    .option("--importer <code>", "only measures levied by US or CA customs", importerArg)
    .option("--sector <id>", "only this sector and the measures charging it")
    .option("-f, --format <format>", `output format: ${DIFF_FORMATS.join(", ")}`, "table")
    .option("-o, --out <file>", "write to FILE (atomically) instead of stdout")
    .option("-q, --quiet", "print nothing; only the exit code tells (errors still go to stderr)")
    .option("--overlay <file>", "apply this overlay to NEW before comparing (repeatable, in order): shows what a what-if changes", collect)
    .addHelpText(
      "after",
      `
Examples:
  $ tariff diff fixtures/diff/base.json fixtures/diff/rate-changed.json   # exit 1
  $ tariff diff fixtures/diff/base.json fixtures/diff/reordered.json
  $ tariff schedule export | tariff diff - fixtures/schedules/minimal.json --at 2025-09-15   # exit 1
  $ tariff diff fixtures/diff/base.json fixtures/diff/rate-changed-per-sector.json --sector steel --format json   # exit 1
  $ tariff diff fixtures/diff/base.json fixtures/diff/sectors-changed.json --format md > /tmp/diff.md   # exit 1
  $ tariff diff default default --overlay fixtures/overlays/metals-232-at-25.json --format html -o /tmp/diff.html   # exit 1
  $ tariff diff fixtures/diff/base.json fixtures/diff/rate-changed.json --quiet || echo "rates changed"
  $ tariff diff default default --overlay fixtures/overlays/metals-annex-i-b-at-50.json   # exit 1

Output: table (default) is a plan: "+" added, "-" removed, "~" changed, grouped by measure,
with dates as "from → until" (until exclusive, "open" when none). json is documented in the README.

Exit codes: 0 no change in effect (metadata may differ); 1 changes in effect; 2 bad option, unreadable or invalid schedule.`,
    )
    .action(async (oldSpec: string, newSpec: string, opts: DiffOptions) => {
      if (!(DIFF_FORMATS as readonly string[]).includes(opts.format)) {
        ctx.stderr.write(`tariff diff: --format must be one of ${DIFF_FORMATS.join(", ")}, got "${opts.format}"\n`);
        return done(EXIT.TROUBLE);
      }
      if (oldSpec === "-" && newSpec === "-") {
        ctx.stderr.write(`tariff diff: only one of OLD and NEW can be "-" (stdin)\n`);
        return done(EXIT.TROUBLE);
      }
      const format = opts.format as DiffFormat;
      const clash = await outputProblem(ctx, [{ what: "-o", file: opts.out }], [{ what: "OLD", file: oldSpec }, { what: "NEW", file: newSpec }, ...(opts.overlay ?? []).map((o) => ({ what: "the overlay", file: o }))]);
      if (clash !== undefined) {
        ctx.stderr.write(`tariff diff: ${clash}\n`);
        return done(EXIT.TROUBLE);
      }
      // Both are loaded before giving up, so that every error of both is shown at once.
      const a = await loadScheduleOrReport(ctx, oldSpec);
      const scenario = await loadScenario(ctx, newSpec, opts.overlay ?? []);
      if (!a || !scenario) return done(EXIT.TROUBLE);
      const b = scenario.schedule;
      const sides: DiffSides = { old: scheduleFacts(a), new: scheduleFacts(b), overlays: scenario.overlays };
      if (opts.sector !== undefined && !a.sectorById.has(opts.sector) && !b.sectorById.has(opts.sector)) {
        const guess = didYouMean(opts.sector, new Set([...a.sectorById.keys(), ...b.sectorById.keys()]));
        ctx.stderr.write(`tariff diff: unknown sector "${opts.sector}" in both schedules${guess ? ` (did you mean "${guess}"?)` : ""}\n`);
        return done(EXIT.TROUBLE);
      }
      const filter: DiffFilter = {
        ...(opts.at !== undefined ? { at: opts.at } : {}),
        ...(opts.importer !== undefined ? { importer: opts.importer } : {}),
        ...(opts.sector !== undefined ? { sector: opts.sector } : {}),
      };
      const diff = diffSchedules(a, b, filter);
      if (opts.overlay?.length) diff.new.overlays = opts.overlay;
      if (!opts.quiet) await emit(ctx, opts.out, render(diff, filter, format, dataTerminal(ctx, opts.out), sides));
      done(diff.changes.length > 0 ? EXIT.FINDINGS : EXIT.OK);
    });
}

function render(diff: ScheduleDiff, filter: DiffFilter, format: DiffFormat, term: Terminal, sides: DiffSides): string {
  switch (format) {
    case "json":
      return diffJson(diff, filter, sides);
    case "md":
      return renderMarkdown(diff, filter, sides);
    case "csv":
      return renderCsv(diff, sides);
    case "table":
      return renderPlan(diff, filter, term.color, sides, term.width);
    case "html":
      return renderHtml(diff, filter, sides, `Made by tariff ${version()}. A change "in effect" changes a duty on some date; metadata (names, notes, sources) does not.`);
  }
}

