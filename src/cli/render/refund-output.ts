/**
 * How `tariff refund` looks in each format (issue #15). JSON field names and
 * CSV columns are the documented contract (README, "IEEPA refunds"); amounts
 * are strings with two decimals.
 */
import type { Decimal } from "../../core/money/decimal.js";
import { formatMoney } from "../../core/money/money.js";
import { type ImporterOfRecordTotal, type RefundEntry, type RefundLine, claimProblem } from "../../core/refund/refund.js";
import type { Rejection } from "../../core/duty/shipment.js";
import type { Grid } from "./grid.js";
import { csvRow, neutralizeFormula } from "./csv-row.js";
import { faultsText } from "./calc-output.js";

const money = (d: Decimal | null) => (d === null ? null : formatMoney(d));

export function refundLineJson(l: RefundLine): Record<string, unknown> {
  const s = l.result.shipment;
  return {
    line: s.line,
    id: s.id,
    entry: s.entry,
    entryLine: s.entryLine,
    date: s.date,
    importer: s.importer,
    currency: l.result.dutyCurrency,
    status: l.status,
    computed: formatMoney(l.computed),
    declared: money(l.declared),
    amount: formatMoney(l.amount),
    from: l.from,
    declaredLines: l.declaredLines,
  };
}

export function refundEntryJson(e: RefundEntry): Record<string, unknown> {
  const problem = claimProblem(e);
  return {
    entry: e.entry,
    capeEntryNumber: e.capeNumber,
    importerOfRecord: e.importerOfRecord,
    ...(e.importersOfRecord.length > 1 ? { importersOfRecord: e.importersOfRecord } : {}),
    date: e.date,
    ...(e.dates.length > 1 ? { dates: e.dates } : {}),
    currency: e.currency,
    lines: e.lines,
    declaredLines: e.declaredLines,
    computed: formatMoney(e.computed),
    declared: money(e.declared),
    amount: formatMoney(e.amount),
    from: e.from,
    claimable: problem === null,
    ...(problem !== null ? { notClaimable: problem } : {}),
  };
}

export function importerOfRecordJson(t: ImporterOfRecordTotal): Record<string, unknown> {
  return { importerOfRecord: t.importerOfRecord, currency: t.currency, entries: t.entries, lines: t.lines, amount: formatMoney(t.amount) };
}

export const REFUND_CSV_COLUMNS = ["entry", "cape_entry_number", "importer_of_record", "date", "currency", "lines", "computed", "declared", "amount", "from", "claimable", "note"];

export function refundEntryCsv(e: RefundEntry, tail: string): string {
  const problem = claimProblem(e);
  const notes = [problem ?? "", e.dates.length > 1 ? `lines dated ${e.dates.join(" ")}` : "", e.importersOfRecord.length > 1 ? `importers of record ${e.importersOfRecord.join(" ")}` : ""].filter((x) => x !== "").join("; ");
  return (
    csvRow([
      neutralizeFormula(e.entry ?? ""), e.capeNumber ?? "", neutralizeFormula(e.importerOfRecord ?? ""), e.date, e.currency, e.lines.join(" "),
      formatMoney(e.computed), money(e.declared) ?? "", formatMoney(e.amount), e.from, problem === null ? "Y" : "N", neutralizeFormula(notes),
    ]).slice(0, -1) + tail + "\n"
  );
}

export function refundRejectionCsv(r: Rejection, tail: string): string {
  const row = REFUND_CSV_COLUMNS.map(() => "");
  row[5] = String(r.line);
  row[10] = "N";
  row[11] = neutralizeFormula(`line ${r.line} rejected: ${faultsText(r)}`);
  return csvRow(row).slice(0, -1) + tail + "\n";
}

export function refundEntriesGrid(entries: readonly RefundEntry[]): Grid {
  return {
    title: "Entries (amount = what was paid where the file declares it, else the computed duty)",
    columns: ["Entry", "Date", "Importer of record", "Lines", "Computed", "Declared", "Amount", "From", "Claim file"],
    numeric: [false, false, false, false, true, true, true, false, false],
    rows: entries.map((e) => {
      const problem = claimProblem(e);
      return [
        e.entry ?? "(no entry)",
        e.dates.length > 1 ? e.dates.join("\n") : e.date,
        e.importersOfRecord.length > 1 ? e.importersOfRecord.join("\n") : (e.importerOfRecord ?? ""),
        e.lines.join(" "),
        formatMoney(e.computed),
        e.declared === null ? "-" : formatMoney(e.declared),
        `${formatMoney(e.amount)} ${e.currency}`,
        e.from,
        problem === null ? "yes" : `no: ${problem}`,
      ];
    }),
    drop: [7, 2, 4],
    comfort: [undefined, undefined, undefined, 12],
  };
}

export function importersOfRecordGrid(totals: readonly ImporterOfRecordTotal[]): Grid {
  return {
    title: "Per importer of record",
    columns: ["Importer of record", "Entries", "Lines", "Amount"],
    numeric: [false, true, true, true],
    rows: totals.map((t) => [t.importerOfRecord ?? "(not given)", String(t.entries), String(t.lines), `${formatMoney(t.amount)} ${t.currency}`]),
  };
}
