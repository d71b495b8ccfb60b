/**
 * How `tariff reconcile` looks in each format (issue #15). JSON field names
 * and CSV columns are the documented contract (README, "Reconciling declared
 * duty"); amounts are strings with two decimals, differences signed
 * (declared − computed).
 */
import { type Decimal, sign } from "../../core/money/decimal.js";
import { formatMoney } from "../../core/money/money.js";
import type { EntryCheck, Explanation, LineCheck, MeasureCheck, ReconcileTotals } from "../../core/reconcile/reconcile.js";
import type { Rejection } from "../../core/duty/shipment.js";
import type { Grid, Tone } from "./grid.js";
import { csvRow, neutralizeFormula } from "./csv-row.js";
import { faultsText } from "./calc-output.js";

const money = (d: Decimal | null) => (d === null ? null : formatMoney(d));
/** A signed amount for a person: `+0.05`, `-3500.00`, `0.00`. */
export function signedMoney(d: Decimal): string {
  return sign(d) > 0 ? `+${formatMoney(d)}` : formatMoney(d);
}
const linesText = (lines: readonly number[]) => lines.join(" ");

function measureJson(m: MeasureCheck): Record<string, unknown> {
  return { measure: m.measure, heading: m.heading, computed: formatMoney(m.computed), declared: money(m.declared), difference: money(m.difference), lines: m.lines };
}

function explanationJson(e: Explanation): Record<string, unknown> {
  return { kind: e.kind, measure: e.measure, heading: e.heading, difference: formatMoney(e.difference), lines: e.lines };
}

export function lineCheckJson(c: LineCheck): Record<string, unknown> {
  const s = c.result.shipment;
  return {
    line: s.line,
    id: s.id,
    entry: s.entry,
    entryLine: s.entryLine,
    date: s.date,
    importer: s.importer,
    currency: c.result.dutyCurrency,
    status: c.status,
    computed: formatMoney(c.result.duty),
    declared: money(c.declared),
    difference: money(c.difference),
    declaredFrom: c.from,
    measures: c.measures.map(measureJson),
    explainedBy: c.explainedBy.map(explanationJson),
    ...(c.unknownHeadings.length > 0 ? { unknownHeadings: c.unknownHeadings.map((u) => ({ line: u.line, heading: u.heading, declared: formatMoney(u.amount) })) } : {}),
    ...(s.declared.length > 0 ? { companions: s.declared.map((d) => d.line) } : {}),
  };
}

export function entryCheckJson(e: EntryCheck): Record<string, unknown> {
  return {
    entry: e.entry,
    currency: e.currency,
    date: e.date,
    ...(e.dates.length > 1 ? { dates: e.dates } : {}),
    status: e.status,
    lines: e.lines,
    computed: formatMoney(e.computed),
    declared: money(e.declared),
    difference: money(e.difference),
    byMeasure: Object.fromEntries([...e.byMeasure.keys()].sort().map((k) => { const m = e.byMeasure.get(k)!; return [k, { computed: formatMoney(m.computed), declared: money(m.declared), difference: money(m.difference) }]; })),
    differing: e.differing,
    undeclared: e.undeclared,
  };
}

export function reconcileTotalsJson(totals: ReadonlyMap<string, ReconcileTotals>): Record<string, unknown> {
  return Object.fromEntries(
    [...totals.keys()].sort().map((c) => {
      const t = totals.get(c)!;
      return [c, { lines: t.lines, matched: t.matched, differing: t.differing, undeclared: t.undeclared, computed: formatMoney(t.computed), declared: formatMoney(t.declared), difference: formatMoney(t.difference), computedUndeclared: formatMoney(t.computedUndeclared) }];
    }),
  );
}

/** `us-ieepa-canada (9903.01.10) +0.05, lines 3` and the like. */
export function explanationText(e: Explanation): string {
  const what =
    e.kind === "measure" ? `${e.measure}${e.heading ? ` (${e.heading})` : ""}`
    : e.kind === "not-declared" ? `${e.measure} (not declared on its own)`
    : e.kind === "unknown-heading" ? `heading ${e.heading} (no measure of the schedule)`
    : "unexplained (no measure declared to set it against)";
  return `${what} ${signedMoney(e.difference)}${e.lines.length ? `, line${e.lines.length > 1 ? "s" : ""} ${linesText(e.lines)}` : ""}`;
}

function measureText(m: MeasureCheck): string {
  return `${m.measure}${m.heading ? ` ${m.heading}` : ""} computed ${formatMoney(m.computed)} declared ${m.declared === null ? "-" : formatMoney(m.declared)}${m.difference === null ? "" : ` difference ${signedMoney(m.difference)}`}`;
}

export const RECONCILE_CSV_COLUMNS = [
  "line", "status", "id", "entry", "entry_line", "date", "importer", "currency", "computed", "declared", "difference", "declared_from", "explained_by", "measures", "reason",
];

/** One line as a CSV row (`tail`: the schedule and what-if columns, with their leading comma). */
export function lineCheckCsv(c: LineCheck, tail: string): string {
  const s = c.result.shipment;
  const row = [
    String(s.line), c.status, neutralizeFormula(s.id ?? ""), neutralizeFormula(s.entry ?? ""), neutralizeFormula(s.entryLine ?? ""), s.date, s.importer, c.result.dutyCurrency,
    formatMoney(c.result.duty), money(c.declared) ?? "", money(c.difference) ?? "", c.from ?? "",
    neutralizeFormula(c.explainedBy.map(explanationText).join("; ")), neutralizeFormula(c.measures.map(measureText).join("; ")), "",
  ];
  return csvRow(row).slice(0, -1) + tail + "\n";
}

export function rejectionCheckCsv(r: Rejection, tail: string): string {
  const row = RECONCILE_CSV_COLUMNS.map(() => "");
  row[0] = String(r.line);
  row[1] = "rejected";
  row[2] = neutralizeFormula(r.id ?? "");
  row[RECONCILE_CSV_COLUMNS.length - 1] = neutralizeFormula(faultsText(r));
  return csvRow(row).slice(0, -1) + tail + "\n";
}

const tone = (status: string): Tone => (status === "match" ? "green" : "red");

export function reconcileTotalsGrid(totals: ReadonlyMap<string, ReconcileTotals>): Grid {
  const rows = [...totals.keys()].sort().map((c) => {
    const t = totals.get(c)!;
    return [c, String(t.lines), String(t.matched), String(t.differing), String(t.undeclared), formatMoney(t.computed), formatMoney(t.declared), signedMoney(t.difference)];
  });
  return {
    title: "Declared against computed (difference = declared − computed, over the lines that declare)",
    columns: ["Currency", "Lines", "Match", "Differ", "Undeclared", "Computed", "Declared", "Difference"],
    numeric: [false, true, true, true, true, true, true, true],
    rows,
    drop: [4],
  };
}

export function entriesGrid(entries: readonly EntryCheck[]): Grid {
  return {
    title: "Entries",
    columns: ["Entry", "Date", "Status", "Lines", "Computed", "Declared", "Difference", "By measure (declared − computed)"],
    numeric: [false, false, false, false, true, true, true, false],
    rows: entries.map((e) => [
      `${e.entry ?? "(no entry)"} ${e.currency}`,
      e.dates.length > 1 ? e.dates.join("\n") : e.date,
      e.status,
      linesText(e.lines),
      formatMoney(e.computed),
      e.declared === null ? "-" : formatMoney(e.declared),
      e.difference === null ? "-" : signedMoney(e.difference),
      // The measures declared at another amount than computed (one declared only within a total is in JSON, as null).
      [...e.byMeasure.keys()].sort().flatMap((k) => { const d = e.byMeasure.get(k)!.difference; return d !== null && sign(d) !== 0 ? [`${k} ${signedMoney(d)}`] : []; }).join("\n"),
    ]),
    tones: entries.map((e) => [undefined, undefined, tone(e.status)]),
    drop: [7, 1],
    comfort: [24],
  };
}

export function differingLinesGrid(checks: readonly LineCheck[]): Grid {
  return {
    title: "Lines that differ or declare nothing",
    columns: ["Line", "Entry", "Status", "Computed", "Declared", "Difference", "Explained by"],
    numeric: [true, false, false, true, true, true, false],
    rows: checks.map((c) => [
      String(c.result.shipment.line),
      [c.result.shipment.entry, c.result.shipment.entryLine].filter((x) => x !== null).join(" / "),
      c.status,
      formatMoney(c.result.duty),
      c.declared === null ? "-" : formatMoney(c.declared),
      c.difference === null ? "-" : signedMoney(c.difference),
      c.status === "undeclared" ? "nothing declared on this line" : c.explainedBy.map(explanationText).join("\n"),
    ]),
    tones: checks.map(() => [undefined, undefined, "red"]),
    drop: [1],
    comfort: [undefined, undefined, undefined, undefined, undefined, undefined, 30],
  };
}
