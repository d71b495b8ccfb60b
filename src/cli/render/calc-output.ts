/**
 * How a computed line, a rejection and the totals look in each output format.
 * JSON field names and order are the documented, stable contract (README,
 * "JSON output"); amounts are strings with two decimals.
 */
import { type Decimal, add, digitsOf, formatDecimal } from "../../core/money/decimal.js";
import { formatMoney } from "../../core/money/money.js";
import { formatFraction, formatRate } from "../../core/money/rate.js";
import { type LineResult, type LineFee, type Duty, skipText } from "../../core/duty/compute.js";
import type { CurrencyFees, EntryFee, EntryResult } from "../../core/duty/entries.js";
import type { Rejection, RowWarning } from "../../core/duty/shipment.js";
import { type Totals, currencies, sortedKeys } from "../../core/duty/totals.js";
import type { Grid } from "./grid.js";
import { amountNumber } from "./bars.js";
import { csvField, neutralizeFormula } from "./csv-row.js";
import { escapeText } from "../../core/escape.js";

export function shareText(d: Duty): string | null {
  return d.share ? formatFraction(d.share) : null;
}

/** A declared amount as given, with at least two decimals (`10000` → `10000.00`, `12.345` stays). */
export function formatDeclared(d: Decimal): string {
  return formatDecimal(d, Math.max(d.scale, 2));
}

/** A line's fee or tax in JSON: for a fee, the line's part, before its entry's minimum and maximum. */
export function lineFeeJson(f: LineFee): Record<string, unknown> {
  const c = f.charge;
  return { fee: c.fee, kind: c.kind, heading: c.heading, rate: formatRate(c.rate), base: formatMoney(f.base), amount: formatMoney(f.amount) };
}

export function lineJson(r: LineResult): Record<string, unknown> {
  const s = r.shipment;
  return {
    line: s.line,
    id: s.id,
    date: s.date,
    importer: s.importer,
    origin: s.origin,
    sector: s.sector,
    hs: s.hs,
    usmca: s.usmca,
    value: formatDeclared(s.value),
    currency: s.currency,
    contentValue: s.content ? formatDeclared(s.content) : null,
    fx: s.fx ? { pair: `${s.fx.from}/${s.fx.to}`, date: s.fx.date, rate: s.fx.text } : null,
    customsValue: formatMoney(r.customsValue),
    dutyCurrency: r.dutyCurrency,
    duties: r.duties.map((d) => ({
      measure: d.measure,
      heading: d.heading,
      rate: formatRate(d.rate),
      basis: d.basis,
      share: shareText(d),
      base: formatMoney(d.base),
      amount: formatMoney(d.amount),
    })),
    skipped: r.skipped.map((k) => ({ measure: k.measure, why: skipText(k.reason) })),
    duty: formatMoney(r.duty),
    // Added by issue #14, only for files that have them (an ACE export): the entry, its line, its chapter 99 rows.
    ...(s.entry !== null ? { entry: s.entry } : {}),
    ...(s.entryLine !== null ? { entryLine: s.entryLine } : {}),
    ...(s.declared.length > 0 ? { declared: s.declared.map((c) => ({ line: c.line, heading: c.heading, duty: c.duty })) } : {}),
  };
}

/** A line in JSON with its fees and taxes (`--fees`; issue #15): `fees` added last, empty when none applies. */
export function lineJsonWithFees(r: LineResult): Record<string, unknown> {
  return { ...lineJson(r), fees: r.fees.map(lineFeeJson) };
}

/** A line's fees and taxes as one CSV cell (`--fees`): `us-mpf 0.3464% on 10500.00 = 36.37; …`. */
export function lineFeesText(r: LineResult): string {
  return r.fees.map((f) => `${f.charge.fee} ${formatRate(f.charge.rate)} on ${formatMoney(f.base)} = ${formatMoney(f.amount)}`).join("; ");
}

function entryFeeJson(f: EntryFee): Record<string, unknown> {
  return {
    fee: f.fee,
    kind: f.kind,
    heading: f.heading,
    lines: f.lines,
    base: formatMoney(f.base),
    lineAmount: formatMoney(f.lineAmount),
    amount: formatMoney(f.amount),
    minimum: f.minimum === null ? null : formatMoney(f.minimum),
    maximum: f.maximum === null ? null : formatMoney(f.maximum),
    bound: f.bound,
  };
}

/** One entry in JSON (`--by entry`, `--fees`). `entry` null: the lines that name no entry. */
export function entryJson(e: EntryResult): Record<string, unknown> {
  return {
    entry: e.entry,
    importer: e.importer,
    currency: e.currency,
    date: e.date,
    dates: e.dates,
    lines: e.lines,
    value: formatMoney(e.value),
    duty: formatMoney(e.duty),
    fees: e.fees.map(entryFeeJson),
    feeTotal: formatMoney(e.feeTotal),
  };
}

/** A currency's fees and taxes in JSON, by fee id, after each entry's minimum and maximum. */
function currencyFeesJson(f: CurrencyFees | undefined): Record<string, unknown> {
  const byFee = Object.fromEntries((f?.fees ?? []).map((t) => [t.fee, { kind: t.kind, heading: t.heading, entries: t.entries, lines: t.lines, base: formatMoney(t.base), lineAmount: formatMoney(t.lineAmount), amount: formatMoney(t.amount), raisedToMinimum: t.raised, cutToMaximum: t.cut }]));
  return { fees: byFee, feeTotal: formatMoney(f?.total ?? { units: 0, scale: 0 }) };
}

export function rejectionJson(r: Rejection): Record<string, unknown> {
  return { line: r.line, id: r.id, column: r.column, code: r.code, reason: r.reason, faults: faultsOf(r) };
}

/** Every fault of a rejected line (issue #14): the first is the rejection's own column, code and reason. */
export function faultsOf(r: Rejection): { column: string | null; code: string; reason: string }[] {
  return r.faults ?? [{ column: r.column, code: r.code, reason: r.reason }];
}

/** A rejection's faults in one text: `date: …; value: …`. */
export function faultsText(r: Rejection): string {
  return faultsOf(r).map((f) => (f.column ? `${f.column}: ${f.reason}` : f.reason)).join("; ");
}

export function warningJson(w: RowWarning): Record<string, unknown> {
  return { line: w.line, column: w.column, message: w.message };
}

/** `fees` (`--fees`): each currency gets its fees and taxes and their total (added fields). */
export function totalsJson(totals: Totals, fees?: Map<string, CurrencyFees> | null): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const c of currencies(totals)) {
    const t = totals.get(c)!;
    const bucket = (m: Map<string, { lines: number; value: Decimal; duty: Decimal }>) =>
      Object.fromEntries(sortedKeys(m).map((k) => { const b = m.get(k)!; return [k, { lines: b.lines, value: formatMoney(b.value), duty: formatMoney(b.duty) }]; }));
    out[c] = {
      lines: t.lines,
      value: formatMoney(t.value),
      duty: formatMoney(t.duty),
      bySector: bucket(t.bySector),
      byMeasure: Object.fromEntries(sortedKeys(t.byMeasure).map((k) => { const b = t.byMeasure.get(k)!; return [k, { lines: b.lines, base: formatMoney(b.base), duty: formatMoney(b.duty) }]; })),
      byMonth: bucket(t.byMonth),
      ...(fees ? currencyFeesJson(fees.get(c)) : {}),
    };
  }
  return out;
}

export const CSV_COLUMNS = [
  "line", "status", "id", "date", "importer", "origin", "sector", "hs", "usmca", "value", "currency", "content_value",
  "fx_rate", "customs_value", "duty_currency", "duty", "duties", "reason",
];

function dutyText(d: Duty): string {
  const share = shareText(d);
  return `${d.measure} ${formatRate(d.rate)}${share ? ` × ${share}` : ""} on ${d.basis} ${formatMoney(d.base)} = ${formatMoney(d.amount)}`;
}

/**
 * A computed line as one CSV row. Only the user's `id` can hold a comma or a
 * quote, or read as a spreadsheet formula: every other field is a validated
 * code, date or number, or text built here from ids and amounts, so only `id`
 * goes through the quoting and neutralizeFormula (`tests/e2e/calc.test.ts`
 * reads these rows back). The definition of a row: `--format csv` writes the
 * same bytes without the strings (`calc-csv-bytes.ts`, issue #17), and this
 * with `TARIFF_WRITER=text`.
 */
export function lineCsvText(r: LineResult, tail = ""): string {
  const s = r.shipment;
  const declared = formatDeclared(s.value);
  // A value that is its own customs value (no conversion, no rounding: the same decimal) is printed once.
  const customsValue = r.customsValue === s.value ? declared : formatMoney(r.customsValue);
  return (
    `${digitsOf(s.line)},computed,${s.id === null ? "" : csvField(neutralizeFormula(s.id))},${s.date},${s.importer},${s.origin},${s.sector},${s.hs ?? ""},${s.usmca ? "Y" : "N"},` +
    `${declared},${s.currency},${s.content ? formatDeclared(s.content) : ""},${s.fx ? `${s.fx.from}/${s.fx.to} ${s.fx.text} (${s.fx.date})` : ""},` +
    `${customsValue},${r.dutyCurrency},${formatMoney(r.duty)},${r.duties.map(dutyText).join("; ")},${tail}\n`
  );
}

export function lineCsv(r: LineResult): string[] {
  const s = r.shipment;
  return [
    String(s.line), "computed", neutralizeFormula(s.id ?? ""), s.date, s.importer, s.origin, s.sector, s.hs ?? "", s.usmca ? "Y" : "N",
    formatDeclared(s.value), s.currency, s.content ? formatDeclared(s.content) : "", s.fx ? `${s.fx.from}/${s.fx.to} ${s.fx.text} (${s.fx.date})` : "",
    formatMoney(r.customsValue), r.dutyCurrency, formatMoney(r.duty), r.duties.map(dutyText).join("; "), "",
  ];
}

export function rejectionCsv(r: Rejection): string[] {
  const row = CSV_COLUMNS.map(() => "");
  row[0] = String(r.line);
  row[1] = "rejected";
  row[2] = neutralizeFormula(r.id ?? "");
  row[CSV_COLUMNS.length - 1] = neutralizeFormula(faultsText(r));
  return row;
}

/** The breakdowns of `calc --by` (and its completion). */
/** `calc --by`'s values: a breakdown of the totals (`By`), or the entries (a table of its own). */
export const BY_KEYS = ["sector", "measure", "month", "entry"] as const;
export type By = Exclude<(typeof BY_KEYS)[number], "entry">;

export function totalsGrid(totals: Totals): Grid {
  return {
    title: "Duty totals (the schedule's measures only: no MFN duty, fees or taxes)",
    columns: ["Currency", "Lines", "Customs value", "Duty"],
    numeric: [false, true, true, true],
    rows: currencies(totals).map((c) => { const t = totals.get(c)!; return [c, String(t.lines), formatMoney(t.value), formatMoney(t.duty)]; }),
  };
}

/** Fees and taxes per currency (`--fees`), apart from the duty: each after its entries' minimum and maximum. */
export function feesGrid(fees: Map<string, CurrencyFees>): Grid {
  const rows: string[][] = [];
  for (const [c, f] of fees) {
    for (const t of f.fees) {
      const bounds = [t.raised > 0 ? `${t.raised} raised to the minimum` : "", t.cut > 0 ? `${t.cut} cut to the maximum` : ""].filter((x) => x !== "").join(", ");
      rows.push([c, t.fee, t.kind, String(t.entries), String(t.lines), formatMoney(t.base), formatMoney(t.amount), bounds]);
    }
    rows.push([c, "all fees and taxes", "", "", "", "", formatMoney(f.total), ""]);
  }
  return {
    title: "Fees and taxes (--fees: apart from the duty; minimum and maximum per entry)",
    columns: ["Currency", "Fee", "Kind", "Entries", "Lines", "Base", "Amount", "Entries bounded"],
    numeric: [false, false, false, true, true, true, true, false],
    rows,
    drop: [7, 2, 4],
  };
}

/** Totals per entry (`--by entry`), in the order entries first came (the first `max`); with fees, their amounts and duty plus fees. */
export function entriesGrid(entries: Iterable<EntryResult>, withFees: boolean, max = Infinity): Grid {
  const shown: EntryResult[] = [];
  for (const e of entries) {
    if (shown.length >= max) break;
    shown.push(e);
  }
  const rows = shown.map((e) => {
    const row = [e.currency, e.entry ?? "(no entry)", e.date + (e.dates > 1 ? ` (+${e.dates - 1} dates)` : ""), String(e.lines), formatMoney(e.value), formatMoney(e.duty)];
    if (withFees) row.push(e.fees.map((f) => `${f.fee} ${formatMoney(f.amount)}${f.bound ? ` (${f.bound})` : ""}`).join("\n") || "none", formatMoney(add(e.duty, e.feeTotal)));
    return row;
  });
  return {
    title: "Duty by entry",
    columns: ["Currency", "Entry", "Date", "Lines", "Customs value", "Duty", ...(withFees ? ["Fees and taxes", "Duty + fees"] : [])],
    numeric: [false, false, false, true, true, true, ...(withFees ? [false, true] : [])],
    rows,
    drop: [2, 3],
  };
}

/** `unverified`: measures whose facts the schedule marks UNVERIFIED, flagged where they are listed. */
export function breakdownGrid(totals: Totals, by: By, unverified: ReadonlySet<string> = new Set()): Grid {
  const rows: string[][] = [];
  for (const c of currencies(totals)) {
    const t = totals.get(c)!;
    if (by === "measure") {
      for (const k of sortedKeys(t.byMeasure)) { const b = t.byMeasure.get(k)!; rows.push([c, unverified.has(k) ? `${k} (UNVERIFIED)` : k, String(b.lines), formatMoney(b.base), formatMoney(b.duty)]); }
    } else {
      const m = by === "sector" ? t.bySector : t.byMonth;
      for (const k of sortedKeys(m)) { const b = m.get(k)!; rows.push([c, k, String(b.lines), formatMoney(b.value), formatMoney(b.duty)]); }
    }
  }
  const label = by === "sector" ? "Sector" : by === "measure" ? "Measure" : "Month";
  return {
    title: `Duty by ${by}`,
    columns: ["Currency", label, "Lines", by === "measure" ? "Base" : "Customs value", "Duty"],
    numeric: [false, false, true, true, true],
    rows,
    // The duty drawn beside its amount, to scale within its currency; on a narrow terminal the base or value goes first.
    bars: { after: 4, title: "Duty bar", values: rows.map((r) => amountNumber(r[4]!)), groups: rows.map((r) => r[0]!), signed: false },
    drop: ["bars", 3, 2],
    comfort: [undefined, 20],
  };
}

export function linesGrid(results: LineResult[]): Grid {
  return {
    title: "Lines",
    columns: ["Line", "Id", "Date", "Imp", "Sector", "Value", "Duties", "Duty", "Exempt or excluded"],
    // On a narrow terminal: what did not apply first, then the sector and the importer (the value's currency says it).
    drop: [8, 4, 3],
    comfort: [undefined, undefined, undefined, undefined, undefined, undefined, 30],
    numeric: [true, false, false, false, false, true, false, true, false],
    rows: results.map((r) => [
      String(r.shipment.line),
      r.shipment.id ?? "",
      r.shipment.date,
      r.shipment.importer,
      r.shipment.sector,
      `${formatMoney(r.customsValue)} ${r.dutyCurrency}` + (r.shipment.fx ? `\n(${formatDeclared(r.shipment.value)} ${r.shipment.currency} × ${r.shipment.fx.text})` : ""),
      r.duties.map(dutyText).join("\n") || "none",
      formatMoney(r.duty),
      // Only the measures that were in force and covered the sector but did not apply: the rest is in --explain and JSON.
      r.skipped.filter((k) => k.reason.kind === "exempt" || k.reason.kind === "excluded").map((k) => `${k.measure}: ${skipText(k.reason)}`).join("\n"),
    ]),
  };
}

/** One line's reasoning in words (`--explain LINE`). */
export function explainLine(r: LineResult): string {
  const s = r.shipment;
  const out: string[] = [];
  out.push(`Line ${s.line}${s.id ? ` (${s.id})` : ""}: ${s.importer} import from ${s.origin} on ${s.date}, sector ${s.sector}${s.hs ? ` (hs ${s.hs})` : ""}, ${s.usmca ? "USMCA-qualifying" : "not USMCA-qualifying"}.`);
  out.push(`Declared value ${formatDeclared(s.value)} ${s.currency}${s.content ? `, content ${formatDeclared(s.content)} ${s.currency}` : ""}.`);
  if (s.fx) out.push(`Converted at ${s.fx.from}/${s.fx.to} ${s.fx.text}, the rate of ${s.fx.date} (latest on or before ${s.date}): customs value ${formatMoney(r.customsValue)} ${r.dutyCurrency}.`);
  if (r.duties.length === 0) out.push("No measure applies.");
  for (const d of r.duties) {
    const share = shareText(d);
    out.push(`- ${d.measure}${d.heading ? ` (${d.heading})` : ""} applies: ${formatRate(d.rate)} of the ${d.basis === "value" ? "value" : d.basis === "content" ? "content value" : "value less content"}${share ? ` × ${share}` : ""}, base ${formatMoney(d.base)} ${r.dutyCurrency} → ${formatMoney(d.amount)} ${r.dutyCurrency}.`);
  }
  for (const k of r.skipped) out.push(`- ${k.measure} does not apply: ${skipText(k.reason)}.`);
  out.push(`Duty on this line: ${formatMoney(r.duty)} ${r.dutyCurrency}.`);
  // --fees only (a line has none otherwise): apart from the duty.
  for (const f of r.fees) {
    const c = f.charge;
    const bounds = c.kind === "fee" && (c.minimum !== null || c.maximum !== null) ? `; the line's part: the entry's sum is held between ${c.minimum ? formatMoney(c.minimum) : "0.00"} and ${c.maximum ? formatMoney(c.maximum) : "no maximum"}` : "";
    out.push(`- ${c.kind} ${c.fee}${c.heading ? ` (${c.heading})` : ""}: ${formatRate(c.rate)} of ${formatMoney(f.base)} ${r.dutyCurrency} → ${formatMoney(f.amount)} ${r.dutyCurrency}${bounds}.`);
  }
  // Words for a person: the line's id and a schedule's headings shown escaped (core/escape.ts).
  return out.map(escapeText).join("\n") + "\n";
}
