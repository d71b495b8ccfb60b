/** How a scenario comparison looks: JSON (documented, stable), tables and Markdown. */
import { type Decimal, formatDecimal, isZero, sign } from "../../core/money/decimal.js";
import { formatMoney } from "../../core/money/money.js";
import { type ComparisonResult, type Delta, type LineChange, deltasByKey } from "../../core/scenario/compare.js";
import { currencies, sortedKeys } from "../../core/duty/totals.js";
import type { Grid, Tone } from "./grid.js";
import { rejectionJson, warningJson } from "./calc-output.js";
import { amountNumber } from "./bars.js";
import { DUTY_SCOPE, DUTY_SCOPE_TEXT, type HeaderItem, type OverlayInfo, type ScheduleFacts, overlaysText, scheduleColumn, scheduleText, unverifiedText, whatIfColumn } from "./report-header.js";

export interface ScenarioInfo {
  name: string;
  schedule: string;
  overlays: string[];
  id: string;
  version: string;
  /** The schedule's stamp: asOf, asOf by importer, UNVERIFIED measures. */
  stamp: { asOf: string; asOfByImporter: Record<string, string>; unverified: string[] };
  /** The schedule as reports name it (title too), and the overlays with their titles. */
  facts: ScheduleFacts;
  overlayInfo: OverlayInfo[];
}

/** The `format` of compare's JSON (README). */
export const COMPARE_JSON_FORMAT = "tariff-compare/1";

/** Measures that charged a line under any scenario. */
export function chargedMeasures(result: ComparisonResult): string[] {
  const out = new Set<string>();
  for (const t of result.totals.values()) for (const c of currencies(t)) for (const m of t.get(c)!.byMeasure.keys()) out.add(m);
  return [...out];
}

/** What a comparison says before its numbers: each scenario's schedule and what-ifs, UNVERIFIED measures, the duty's scope. */
export function compareHeader(result: ComparisonResult, info: ScenarioInfo[]): HeaderItem[] {
  const base = info[0]!;
  const items: HeaderItem[] = [{ label: "Base", text: `${base.name}: ${scheduleText(base.facts)}${base.overlayInfo.length ? ` + what-if ${overlaysText(base.overlayInfo)}` : ""}` }];
  for (const s of info.slice(1)) {
    const same = s.schedule === base.schedule && s.id === base.id && s.version === base.version;
    const schedule = same ? `the base's schedule` : scheduleText(s.facts);
    items.push({ label: "Scenario", text: `${s.name}: ${s.overlayInfo.length ? `${schedule} + what-if ${overlaysText(s.overlayInfo)}` : schedule}` });
  }
  const schedules = new Set(info.map((s) => `${s.schedule}\n${s.id}\n${s.version}`)).size;
  const unverified = unverifiedText([...new Set(info.flatMap((s) => s.stamp.unverified))], chargedMeasures(result), "charged here under any scenario", schedules);
  if (unverified) items.push({ label: "UNVERIFIED", text: unverified });
  items.push({ label: "Duty", text: DUTY_SCOPE_TEXT });
  items.push({ label: "Lines", text: `${result.counts.read} read, ${result.counts.computed} computed, ${result.counts.rejected} rejected (a line rejected under any scenario is rejected under all)` });
  return items;
}

/** compare's CSV `scenarios` column (added last): `name=schedule as of date + overlay: title; …` for every scenario. */
export function scenariosColumn(info: ScenarioInfo[]): string {
  return info.map((s) => `${s.name}=${scheduleColumn(s.facts)}${s.overlayInfo.length ? ` + ${whatIfColumn(s.overlayInfo)}` : ""}`).join("; ");
}

function signed(d: Decimal): string {
  const text = formatMoney(d);
  return sign(d) > 0 ? `+${text}` : text;
}

function percentText(p: Decimal | undefined): string {
  if (p === undefined) return "n/a";
  const text = formatDecimal(p) + "%";
  return sign(p) > 0 ? `+${text}` : text;
}

export function changeJson(c: Delta): Record<string, unknown> {
  return { before: formatMoney(c.before), after: formatMoney(c.after), change: formatMoney(c.change), percent: c.percent === undefined ? null : formatDecimal(c.percent) };
}

function lineChangeJson(l: LineChange): Record<string, unknown> {
  return {
    line: l.line, id: l.id, date: l.date, importer: l.importer, sector: l.sector, currency: l.currency,
    before: formatMoney(l.before), after: formatMoney(l.after), change: formatMoney(l.change),
    measures: l.measures.map((m) => ({ measure: m.measure, before: formatMoney(m.before), after: formatMoney(m.after), change: formatMoney(m.change) })),
  };
}

/** Per non-base scenario, per breakdown, per currency: the changes. */
export function breakdowns(result: ComparisonResult, name: string) {
  const base = result.totals.get(result.scenarios[0]!.name)!;
  const after = result.totals.get(name)!;
  const cur = [...new Set([...currencies(base), ...currencies(after)])].sort();
  const empty = { bySector: new Map(), byMeasure: new Map(), byMonth: new Map() };
  const pick = (key: "bySector" | "byMeasure" | "byMonth") =>
    new Map(cur.map((c) => [c, deltasByKey((base.get(c) ?? empty)[key], (after.get(c) ?? empty)[key])]));
  return { currencies: cur, byCurrency: deltasByKey(base, after), bySector: pick("bySector"), byMeasure: pick("byMeasure"), byMonth: pick("byMonth") };
}

function mapJson(m: Map<string, Map<string, Delta>>): Record<string, unknown> {
  return Object.fromEntries([...m].map(([c, inner]) => [c, Object.fromEntries([...inner].map(([k, v]) => [k, changeJson(v)]))]));
}

export function comparisonJson(result: ComparisonResult, info: ScenarioInfo[]): Record<string, unknown> {
  const baseName = result.scenarios[0]!.name;
  return {
    format: COMPARE_JSON_FORMAT,
    scenarios: info.map((s) => ({ name: s.name, schedule: { id: s.id, version: s.version, file: s.schedule, asOf: s.stamp.asOf, asOfByImporter: s.stamp.asOfByImporter, unverified: s.stamp.unverified, title: s.facts.title }, overlays: s.overlays, overlayTitles: s.overlayInfo.map((o) => o.title) })),
    dutyScope: DUTY_SCOPE,
    base: baseName,
    totals: Object.fromEntries(
      result.scenarios.map((s) => {
        const t = result.totals.get(s.name)!;
        return [s.name, Object.fromEntries(currencies(t).map((c) => { const x = t.get(c)!; return [c, { lines: x.lines, value: formatMoney(x.value), duty: formatMoney(x.duty) }]; }))];
      }),
    ),
    changes: result.scenarios.slice(1).map((s) => {
      const b = breakdowns(result, s.name);
      const top = result.top.get(s.name)!;
      return {
        scenario: s.name,
        against: baseName,
        byCurrency: Object.fromEntries([...b.byCurrency].map(([c, v]) => [c, changeJson(v)])),
        bySector: mapJson(b.bySector),
        byMeasure: mapJson(b.byMeasure),
        byMonth: mapJson(b.byMonth),
        topLines: Object.fromEntries(sortedKeys(top).map((c) => [c, top.get(c)!.map(lineChangeJson)])),
      };
    }),
    rejected: result.rejected.map(rejectionJson),
    warnings: result.warnings.map(warningJson),
    counts: result.counts,
  };
}

export function scenarioGrid(result: ComparisonResult, info: ScenarioInfo[]): Grid {
  const baseName = result.scenarios[0]!.name;
  const base = result.totals.get(baseName)!;
  const rows: string[][] = [];
  const tones: Tone[][] = [];
  info.forEach((s, i) => {
    const t = result.totals.get(s.name)!;
    for (const c of currencies(t)) {
      const x = t.get(c)!;
      const ch = i === 0 ? undefined : breakdowns(result, s.name).byCurrency.get(c);
      rows.push([
        s.name + (i === 0 ? " (base)" : ""),
        [s.schedule, ...s.overlays].join(" + "),
        c,
        String(x.lines),
        formatMoney(x.duty),
        ch ? signed(ch.change) : "",
        ch ? percentText(ch.percent) : "",
      ]);
      tones.push(toneAt(5, ch?.change));
    }
    if (currencies(t).length === 0 && currencies(base).length === 0) {
      rows.push([s.name, [s.schedule, ...s.overlays].join(" + "), "", "0", "", "", ""]);
      tones.push([]);
    }
  });
  return {
    title: "Scenarios",
    columns: ["Scenario", "Schedule", "Currency", "Lines", "Duty", "Change", "%"],
    numeric: [false, false, false, true, true, true, true],
    rows,
    tones,
    // On a narrow terminal: the schedule (the header names it, with the overlays), then the lines (the same for every scenario), before the bars.
    drop: [1, 3, "bars"],
    bars: changeBars(rows, 5, 2),
  };
}

/**
 * Increases red, decreases green (on a terminal), in column `col`. The table
 * colours cells itself, after escaping their text: a colour code from an
 * input file must never pass as one of ours.
 */
/** Bars of the signed change in column `col` (empty: none), scaled per currency (column `currencyCol`). */
function changeBars(rows: string[][], col: number, currencyCol: number) {
  return { after: col, title: "Change bar", values: rows.map((r) => (r[col] ? amountNumber(r[col]!) : undefined)), groups: rows.map((r) => r[currencyCol]!), signed: true };
}

function toneAt(col: number, d: Decimal | undefined): Tone[] {
  const row: Tone[] = [];
  if (d !== undefined && sign(d) !== 0) row[col] = sign(d) > 0 ? "red" : "green";
  return row;
}

export function changeGrid(result: ComparisonResult, name: string, by: "sector" | "measure" | "month"): Grid {
  const b = breakdowns(result, name);
  const m = by === "sector" ? b.bySector : by === "measure" ? b.byMeasure : b.byMonth;
  const rows: string[][] = [];
  const tones: Tone[][] = [];
  for (const [c, inner] of m) {
    for (const [k, v] of inner) {
      if (isZero(v.change)) continue;
      rows.push([c, k, formatMoney(v.before), formatMoney(v.after), signed(v.change), percentText(v.percent)]);
      tones.push(toneAt(4, v.change));
    }
  }
  const label = by[0]!.toUpperCase() + by.slice(1);
  return {
    title: `${name} vs ${result.scenarios[0]!.name}: change by ${by}`,
    columns: ["Currency", label, "Before", "After", "Change", "%"],
    numeric: [false, false, true, true, true, true],
    rows,
    tones,
    drop: [2, "bars"],
    comfort: [undefined, 20],
    bars: changeBars(rows, 4, 0),
  };
}

export function topGrid(result: ComparisonResult, name: string): Grid {
  const top = result.top.get(name)!;
  const rows: string[][] = [];
  const tones: Tone[][] = [];
  for (const c of sortedKeys(top)) {
    for (const l of top.get(c)!) {
      rows.push([String(l.line), l.id ?? "", l.date, l.sector, c, formatMoney(l.before), formatMoney(l.after), signed(l.change), l.measures.map((m) => `${m.measure} ${signed(m.change)}`).join("\n")]);
      tones.push(toneAt(7, l.change));
    }
  }
  return { title: `${name} vs ${result.scenarios[0]!.name}: lines that change most`, columns: ["Line", "Id", "Date", "Sector", "Currency", "Before", "After", "Change", "Because of"], numeric: [true, false, false, false, false, true, true, true, false], rows, tones, drop: [3, 5] };
}
