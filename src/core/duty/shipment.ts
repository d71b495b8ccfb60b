/**
 * A CSV row → a Shipment, or a Rejection naming the line, the column and why.
 * Checks run in column order of importance; the first problem found rejects
 * the row. Nothing is guessed: no day/month swapping, no currency symbols, no
 * thousands separators.
 */
import { didYouMean } from "../diagnostics.js";
import { type Decimal, compare, isNegative, parseDecimal } from "../money/decimal.js";
import { isCalendarDate } from "../dates.js";
import type { ImporterCode, Schedule } from "../schedule/model.js";
import { type SectorIndex, normalizeHs } from "../lookup/sector.js";
import type { FxRate, FxTable } from "./fx.js";

export interface Shipment {
  line: number;
  id: string | null;
  date: string;
  importer: ImporterCode;
  origin: string;
  sector: string;
  hs: string | null;
  /** As declared, in `currency`. */
  value: Decimal;
  currency: string;
  usmca: boolean;
  /** As declared, in `currency`; null when not given. */
  content: Decimal | null;
  fx: FxRate | null;
}

export interface Rejection {
  line: number;
  /** The row's own `id`, when it has one: a broker matches rejections to invoices by it. */
  id: string | null;
  column: string | null;
  reason: string;
  /** Stable code, e.g. `shipment/bad-date`. */
  code: string;
}

export interface RowWarning {
  line: number;
  column: string;
  message: string;
}

export const REQUIRED_COLUMNS = ["date", "importer", "value"] as const;
export const KNOWN_COLUMNS = ["id", "date", "importer", "origin", "hs", "sector", "value", "currency", "usmca", "content_value"] as const;

export interface ShipmentContext {
  schedule: Schedule;
  sectors: SectorIndex;
  /** Lines dated before this are outside the schedule. */
  firstDate: string | undefined;
  fx: FxTable | undefined;
}

export type Row = (column: string) => string | undefined;

const OTHER: Record<ImporterCode, string> = { US: "CA", CA: "US" };
const YES = new Set(["y", "yes", "true", "1"]);
const NO = new Set(["n", "no", "false", "0", ""]);
/** Shared by every line without warnings (most of them): one allocation less per line. Never mutated. */
const NO_WARNINGS: RowWarning[] = [];

function reject(line: number, id: string | null, column: string | null, code: string, reason: string): { ok: false; rejection: Rejection } {
  return { ok: false, rejection: { line, id, column, reason, code } };
}

/** A money field as an exact decimal, or why it is not one, in words that say how to fix it. */
export function parseAmount(column: string, text: string): { ok: true; value: Decimal } | { ok: false; code: string; reason: string } {
  if (text === "") return { ok: false, code: "shipment/missing-value", reason: `${column} is empty` };
  const d = parseDecimal(text);
  if (d) return isNegative(d) ? { ok: false, code: "shipment/negative-value", reason: `${column} ${text} is negative: customs values are 0 or more` } : { ok: true, value: d };
  return { ok: false, ...amountProblem(column, text) };
}

function amountProblem(column: string, text: string): { code: string; reason: string } {
  if (/^-?\d{1,3}(,\d{3})+(\.\d+)?$/.test(text)) return { code: "shipment/bad-amount", reason: `${column} "${text}" has a thousands separator: write ${text.replace(/,/g, "")}` };
  if (/^[-+]?[$€£¥]|^(US|C|CA)\$|[$€£]$/.test(text)) return { code: "shipment/bad-amount", reason: `${column} "${text}" has a currency symbol: write the number only and the currency in the currency column` };
  if (/^\d+,\d{1,2}$/.test(text)) return { code: "shipment/bad-amount", reason: `${column} "${text}" uses a decimal comma: write ${text.replace(",", ".")}` };
  if (/^[+-]?\d*\.?\d+e[+-]?\d+$/i.test(text)) return { code: "shipment/bad-amount", reason: `${column} "${text}" is in scientific notation: write the full decimal number` };
  return { code: "shipment/bad-amount", reason: `${column} "${text}" is not a decimal number such as 1234.56` };
}

export function parseShipment(
  line: number,
  row: Row,
  ctx: ShipmentContext,
): { ok: true; shipment: Shipment; warnings: RowWarning[] } | { ok: false; rejection: Rejection } {
  let warnings: RowWarning[] = NO_WARNINGS;
  const warn = (w: RowWarning) => {
    if (warnings === NO_WARNINGS) warnings = [];
    warnings.push(w);
  };
  const text = (c: string) => (row(c) ?? "").trim();
  const rowId = text("id") || null;

  const date = text("date");
  if (!isCalendarDate(date) && /^(grand\s+)?(sub)?totals?\b/i.test(text("id") || date || text("importer"))) {
    return reject(line, rowId, null, "shipment/totals-row", "a totals row, not a shipment: remove it (tariff computes the totals)");
  }
  if (date === "") return reject(line, rowId, "date", "shipment/missing-date", "date is empty");
  if (!isCalendarDate(date)) {
    const hint = /^\d{4}\/\d{2}\/\d{2}$/.test(date) ? `: write ${date.replace(/\//g, "-")}` : /^\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}$/.test(date) ? " (day and month order is ambiguous: write YYYY-MM-DD)" : "";
    return reject(line, rowId, "date", "shipment/bad-date", `date "${date}" is not a date YYYY-MM-DD${hint}`);
  }
  if (ctx.firstDate !== undefined && date < ctx.firstDate) {
    return reject(line, rowId, "date", "shipment/date-before-schedule", `date ${date} is before the schedule's first date ${ctx.firstDate}`);
  }

  const importerText = text("importer").toUpperCase();
  if (importerText !== "US" && importerText !== "CA") {
    return reject(line, rowId, "importer", "shipment/unknown-importer", importerText === "" ? "importer is empty: expected US or CA" : `unknown importer "${text("importer")}": expected US or CA`);
  }
  const importer = importerText as ImporterCode;

  const originText = text("origin").toUpperCase();
  if (originText !== "" && !/^[A-Z]{2}$/.test(originText)) {
    return reject(line, rowId, "origin", "shipment/bad-origin", `origin "${text("origin")}" is not a two-letter country code such as CA or US`);
  }
  const origin = originText || OTHER[importer];

  const sectorText = text("sector");
  const hsText = text("hs");
  let hs: string | null = null;
  if (hsText !== "") {
    const digits = normalizeHs(hsText);
    if (digits === undefined) return reject(line, rowId, "hs", "shipment/bad-hs", `hs "${hsText}" is not an HS code (2 to 10 digits, dots optional)`);
    hs = digits;
    // A spreadsheet that read the code as a number drops its leading zero (0101210000 → 101210000).
    if (digits.length === 9) warn({ line, column: "hs", message: `hs ${hsText} has 9 digits: a leading zero may have been lost (0${digits}?); used as given` });
  }
  let sector: string;
  if (sectorText !== "") {
    if (!ctx.schedule.sectorById.has(sectorText)) {
      const lower = sectorText.toLowerCase();
      const guess = ctx.schedule.sectorById.has(lower) ? lower : didYouMean(sectorText, ctx.schedule.sectorById.keys());
      return reject(line, rowId, "sector", "shipment/unknown-sector", `unknown sector "${sectorText}"${guess ? ` (did you mean "${guess}"?)` : ""}`);
    }
    sector = sectorText;
    if (hs !== null) {
      const fromHs = ctx.sectors.sectorOf(hs);
      if (fromHs !== sector) warn({ line, column: "sector", message: `sector "${sector}" disagrees with hs ${hsText}, which maps to ${fromHs ? `"${fromHs}"` : "no sector"}; using "${sector}"` });
    }
  } else if (hs !== null) {
    const fromHs = ctx.sectors.sectorOf(hs);
    if (fromHs === undefined) return reject(line, rowId, "hs", "shipment/unmapped-hs", `hs ${hsText} maps to no sector of the schedule; give a sector column`);
    sector = fromHs;
  } else {
    return reject(line, rowId, "hs", "shipment/missing-sector", "neither hs nor sector is given");
  }

  const valueText = text("value");
  const parsedValue = parseAmount("value", valueText);
  if (!parsedValue.ok) return reject(line, rowId, "value", parsedValue.code, parsedValue.reason);
  const value = parsedValue.value;

  const contentText = text("content_value");
  let content: Decimal | null = null;
  if (contentText !== "") {
    const parsedContent = parseAmount("content_value", contentText);
    if (!parsedContent.ok) return reject(line, rowId, "content_value", parsedContent.code, parsedContent.reason);
    content = parsedContent.value;
    if (compare(content, value) > 0) return reject(line, rowId, "content_value", "shipment/content-exceeds-value", `content_value ${contentText} is greater than value ${valueText}`);
  }

  const usmcaText = text("usmca").toLowerCase();
  let usmca: boolean;
  if (YES.has(usmcaText)) usmca = true;
  else if (NO.has(usmcaText)) usmca = false;
  else return reject(line, rowId, "usmca", "shipment/bad-usmca", `usmca "${text("usmca")}" is not Y or N (yes/no, true/false, 1/0 also accepted)`);

  const dutyCurrency = ctx.schedule.importers[importer].currency;
  const currency = (text("currency") || dutyCurrency).toUpperCase();
  if (!/^[A-Z]{3}$/.test(currency)) return reject(line, rowId, "currency", "shipment/bad-currency", `currency "${text("currency")}" is not a three-letter code such as USD or CAD`);
  let fx: FxRate | null = null;
  if (currency !== dutyCurrency) {
    if (!ctx.fx) return reject(line, rowId, "currency", "shipment/needs-fx", `currency ${currency} is not the importer's ${dutyCurrency}: give --fx FILE with ${currency}/${dutyCurrency} rates`);
    const found = ctx.fx.rateOn(currency, dutyCurrency, date);
    if (!found) {
      return reject(line, rowId, "currency", "shipment/no-fx-rate", ctx.fx.hasPair(currency, dutyCurrency) ? `no ${currency}/${dutyCurrency} rate on or before ${date} in the fx file` : `the fx file has no ${currency}/${dutyCurrency} rates`);
    }
    fx = found;
  }

  return { ok: true, shipment: { line, id: rowId, date, importer, origin, sector, hs, value, currency, usmca, content, fx }, warnings };
}
