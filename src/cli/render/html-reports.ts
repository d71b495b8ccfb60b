/**
 * The HTML reports of calc and compare (diff's is beside its other formats,
 * commands/diff.ts): which tables and charts, in which order. Pages are built
 * by render/html.ts; tables are the same Grids as the terminal's.
 */
import type { LineResult } from "../../core/duty/compute.js";
import type { Rejection } from "../../core/duty/shipment.js";
import { type Totals, currencies, sortedKeys } from "../../core/duty/totals.js";
import { formatMoney } from "../../core/money/money.js";
import type { ComparisonResult } from "../../core/scenario/compare.js";
import { type By, breakdownGrid, linesGrid, totalsGrid } from "./calc-output.js";
import { type ScenarioInfo, breakdowns, changeGrid, scenarioGrid, topGrid } from "./compare-output.js";
import type { Grid } from "./grid.js";
import { type ChartItem, barChart, esc, heading, htmlPage, htmlTable, para } from "./html.js";
import type { HeaderItem } from "./report-header.js";

const BY: By[] = ["measure", "sector", "month"];

/** A grid's rows for one currency (its first column). */
function forCurrency(grid: Grid, currency: string): Grid {
  const keep = grid.rows.map((r, i) => (r[0] === currency ? i : -1)).filter((i) => i >= 0);
  return { ...grid, title: undefined, rows: keep.map((i) => grid.rows[i]!), tones: grid.tones ? keep.map((i) => grid.tones![i] ?? []) : undefined };
}

const amount = (d: Parameters<typeof formatMoney>[0]) => ({ text: formatMoney(d), value: Number(formatMoney(d)) });

export interface CalcHtml {
  file: string;
  header: HeaderItem[];
  totals: Totals;
  unverified: ReadonlySet<string>;
  /** `--lines`: the first lines, and how many more were not kept. */
  lines?: { shown: LineResult[]; more: number };
  rejected: { shown: Rejection[]; more: number };
  footer: string;
}

/** calc's report: totals per currency; per currency, duty by measure, sector and month as charts and tables; lines and rejections. */
export function calcHtml(r: CalcHtml): string {
  const sections: string[] = [heading(2, "Duty totals (the schedule's measures only: no MFN duty, fees or taxes)"), htmlTable({ ...totalsGrid(r.totals), title: undefined }, r.unverified)];
  if (currencies(r.totals).length === 0) sections.push(para("No line was computed."));
  for (const c of currencies(r.totals)) {
    const t = r.totals.get(c)!;
    sections.push(heading(2, `Duty in ${c}`));
    for (const by of BY) {
      let items: ChartItem[];
      if (by === "measure") items = sortedKeys(t.byMeasure).map((k) => ({ label: k, ...amount(t.byMeasure.get(k)!.duty), unverified: r.unverified.has(k) })).sort((a, b) => b.value - a.value || (a.label < b.label ? -1 : 1));
      else if (by === "sector") items = sortedKeys(t.bySector).map((k) => ({ label: k, ...amount(t.bySector.get(k)!.duty) })).sort((a, b) => b.value - a.value || (a.label < b.label ? -1 : 1));
      else items = sortedKeys(t.byMonth).map((k) => ({ label: k, ...amount(t.byMonth.get(k)!.duty) }));
      sections.push(heading(3, `Duty by ${by} (${c})`), barChart(`Duty by ${by}, ${c}`, items, false, false), htmlTable(forCurrency(breakdownGrid(r.totals, by, r.unverified), c), r.unverified));
    }
  }
  if (r.lines) {
    sections.push(heading(2, "Lines"), htmlTable({ ...linesGrid(r.lines.shown), title: undefined }, r.unverified));
    if (r.lines.more > 0) sections.push(para(`${r.lines.more} more lines not shown: the first ${r.lines.shown.length} are; --format csv or json gives every line.`));
  }
  if (r.rejected.shown.length > 0) {
    sections.push(
      heading(2, "Rejected lines"),
      htmlTable({ columns: ["Line", "Id", "Column", "Reason"], numeric: [true, false, false, false], rows: r.rejected.shown.map((x) => [String(x.line), x.id ?? "", x.column ?? "", x.reason]) }),
    );
    if (r.rejected.more > 0) sections.push(para(`${r.rejected.more} more rejected lines not shown; --format json lists every one.`));
  }
  return htmlPage("Duty report", `Shipments: ${r.file}`, r.header, sections, r.footer);
}

export interface CompareHtml {
  file: string;
  header: HeaderItem[];
  result: ComparisonResult;
  info: ScenarioInfo[];
  unverified: ReadonlySet<string>;
  footer: string;
}

/** compare's report: each scenario's totals, the change by scenario as signed bars, then per scenario the change by measure, sector and month, and the lines that change most. */
export function compareHtml(r: CompareHtml): string {
  const { result, info } = r;
  const base = info[0]!.name;
  const sections: string[] = [heading(2, "Scenarios"), htmlTable({ ...scenarioGrid(result, info), title: undefined }, r.unverified)];
  const all = [...new Set(info.slice(1).flatMap((s) => breakdowns(result, s.name).currencies))].sort();
  for (const c of all) {
    const items: ChartItem[] = info.slice(1).map((s) => {
      const ch = breakdowns(result, s.name).byCurrency.get(c);
      const text = ch ? formatMoney(ch.change) : "0.00";
      return { label: s.name, text: Number(text) > 0 ? `+${text}` : text, value: Number(text) };
    });
    if (items.some((i) => i.value !== 0)) sections.push(barChart(`Change against ${base} by scenario, ${c} (increases right, decreases left)`, items, true));
  }
  for (const s of info.slice(1)) {
    sections.push(heading(2, `${s.name} against ${base}`));
    const b = breakdowns(result, s.name);
    let any = false;
    for (const by of BY) {
      const grid = changeGrid(result, s.name, by);
      if (grid.rows.length === 0) continue;
      any = true;
      sections.push(heading(3, `Change by ${by}`));
      const m = by === "measure" ? b.byMeasure : by === "sector" ? b.bySector : b.byMonth;
      for (const [c, inner] of m) {
        const items: ChartItem[] = [...inner]
          .filter(([, v]) => Number(formatMoney(v.change)) !== 0)
          .map(([k, v]) => {
            const text = formatMoney(v.change);
            return { label: k, text: Number(text) > 0 ? `+${text}` : text, value: Number(text), unverified: by === "measure" && r.unverified.has(k) };
          });
        if (by !== "month") items.sort((x, y) => Math.abs(y.value) - Math.abs(x.value) || (x.label < y.label ? -1 : 1));
        if (items.length > 0) sections.push(barChart(`${s.name}: change by ${by}, ${c}`, items, true));
      }
      sections.push(htmlTable({ ...grid, title: undefined }, r.unverified));
    }
    const top = topGrid(result, s.name);
    if (top.rows.length > 0) sections.push(heading(3, "Lines that change most"), htmlTable({ ...top, title: undefined }, r.unverified));
    if (!any) sections.push(para(`No line changes against ${base}.`));
  }
  if (result.counts.rejected > 0) sections.push(para(`${result.counts.rejected} of ${result.counts.read} lines were rejected under some scenario and are left out of every scenario; standard error lists them, --format json has every one.`));
  return htmlPage("Scenario comparison", `Shipments: ${r.file}`, r.header, sections, r.footer);
}

/** The footer of every report: what made it, how to read it. */
export function footerText(version: string): string {
  return `Made by tariff ${version}. Amounts are exact decimals, two places, per currency (USD for US duty, CAD for Canadian surtax; never added together). Charts are drawn to scale within a currency and chart: read the numbers in the tables.`;
}

export { esc };
