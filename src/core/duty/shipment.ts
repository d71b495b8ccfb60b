/**
 * A CSV row → a Shipment, or a Rejection naming the line, the column and why.
 * Checks run in column order of importance; the first problem found rejects
 * the row. Nothing is guessed: no day/month swapping, no currency symbols, no
 * thousands separators.
 */
import { didYouMean } from "../diagnostics.js";
import { asciiLowerCase, asciiUpperCase } from "../ascii.js";
import { type Decimal, compare, isNegative, parseDecimal } from "../money/decimal.js";
import { isCalendarDate } from "../dates.js";
import { type ImporterCode, type Schedule, asOfFor, firstDate, listsRead } from "../schedule/model.js";
import { type Product, ProductIndex, normalizeHs, parseClaims } from "../lookup/product.js";
import type { FxRate, FxTable } from "./fx.js";

export interface Shipment {
  line: number;
  id: string | null;
  date: string;
  importer: ImporterCode;
  origin: string;
  /** The sector the line is grouped under in reports. */
  sector: string;
  hs: string | null;
  /** What the schedule can tell of the goods (sector, list entries, claims): the measures that apply depend on it. */
  product: Product;
  /** As declared, in `currency`. */
  value: Decimal;
  currency: string;
  usmca: boolean;
  /** As declared, in `currency`; null when not given. */
  content: Decimal | null;
  /** Value of the US content, as declared in `currency`; null when not given. */
  usContent: Decimal | null;
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
export const KNOWN_COLUMNS = ["id", "date", "importer", "origin", "hs", "sector", "value", "currency", "usmca", "content_value", "claims", "us_content_value"] as const;
export type KnownColumn = (typeof KNOWN_COLUMNS)[number];

/** Where each known column is in a record of the file: its index, or -1 when the file has no such column. */
export type Columns = Readonly<Record<KnownColumn, number>>;

/** One record of a shipments file: the physical line it starts on, its fields, and where its columns are. */
export interface Row {
  readonly line: number;
  readonly fields: readonly string[];
  readonly columns: Columns;
}

/** Columns from a header of lower-case names. */
export function columnsOf(header: readonly string[]): Columns {
  const at = (c: KnownColumn) => header.indexOf(c);
  // One literal, so that every Columns has the same shape.
  return {
    id: at("id"),
    date: at("date"),
    importer: at("importer"),
    origin: at("origin"),
    hs: at("hs"),
    sector: at("sector"),
    value: at("value"),
    currency: at("currency"),
    usmca: at("usmca"),
    content_value: at("content_value"),
    claims: at("claims"),
    us_content_value: at("us_content_value"),
  };
}

/** A row from column → text (as a one-record file with those columns would give it). */
export function rowOf(values: Readonly<Record<string, string | undefined>>, line = 2): Row {
  const names = Object.keys(values).filter((k) => values[k] !== undefined);
  return { line, fields: names.map((k) => values[k]!), columns: columnsOf(names) };
}

export interface ShipmentContext {
  schedule: Schedule;
  products: ProductIndex;
  /** Lines dated before this are outside the schedule. */
  firstDate: string | undefined;
  /** After these dates the schedule's sources for each importer say nothing. */
  asOf: Record<ImporterCode, string>;
  /** The product lists the measures of each importer read: a line without hs cannot be placed on them. */
  listsOf: Record<ImporterCode, ReadonlySet<string>>;
  fx: FxTable | undefined;
}

/**
 * What reading rows needs of a schedule, worked out once. `products`: the HS
 * lookup of another schedule with the same sectors and lists, to share.
 */
export function shipmentContext(schedule: Schedule, fx: FxTable | undefined, products?: ProductIndex): ShipmentContext {
  const listsOf = listsRead(schedule);
  return { schedule, products: products ?? new ProductIndex(schedule), firstDate: firstDate(schedule), asOf: { US: asOfFor(schedule, "US"), CA: asOfFor(schedule, "CA") }, listsOf, fx };
}

const OTHER: Record<ImporterCode, string> = { US: "CA", CA: "US" };
const YES = new Set(["y", "yes", "true", "1"]);
const NO = new Set(["n", "no", "false", "0", ""]);

/** A field trimmed, or "" when the file has no such column. */
function field(row: Row, at: number): string {
  return at < 0 ? "" : (row.fields[at] ?? "").trim();
}

/** Two ASCII capitals (a country code), without a regular expression: this runs on every line. */
function isCountryCode(s: string): boolean {
  if (s.length !== 2) return false;
  const a = s.charCodeAt(0);
  const b = s.charCodeAt(1);
  return a >= 65 && a <= 90 && b >= 65 && b <= 90;
}
/** Shared by every line without warnings (most of them): one allocation less per line. Never mutated. */
const NO_WARNINGS: RowWarning[] = [];

function withWarning(warnings: RowWarning[], w: RowWarning): RowWarning[] {
  return warnings === NO_WARNINGS ? [w] : [...warnings, w];
}

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
  row: Row,
  ctx: ShipmentContext,
): { ok: true; shipment: Shipment; warnings: RowWarning[] } | { ok: false; rejection: Rejection } {
  let warnings: RowWarning[] = NO_WARNINGS;
  const line = row.line;
  const at = row.columns;
  const rowId = field(row, at.id) || null;

  const date = field(row, at.date);
  if (!isCalendarDate(date) && /^(grand\s+)?(sub)?totals?\b/i.test(rowId || date || field(row, at.importer))) {
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

  const importerField = field(row, at.importer);
  const importerText = importerField === "US" || importerField === "CA" ? importerField : asciiUpperCase(importerField);
  if (importerText !== "US" && importerText !== "CA") {
    return reject(line, rowId, "importer", "shipment/unknown-importer", importerText === "" ? "importer is empty: expected US or CA" : `unknown importer "${importerField}": expected US or CA`);
  }
  // The literal, not the field's text: a string read from the file is a new string on every line,
  // and looking one up as a property (schedule.importers[importer]) would hash it every time.
  const importer: ImporterCode = importerText === "US" ? "US" : "CA";

  const originField = field(row, at.origin);
  const originText = isCountryCode(originField) ? originField : asciiUpperCase(originField);
  if (originText !== "" && !isCountryCode(originText)) {
    return reject(line, rowId, "origin", "shipment/bad-origin", `origin "${originField}" is not a two-letter country code such as CA or US`);
  }
  const origin = originText || OTHER[importer];

  if (date > ctx.asOf[importer]) {
    warnings = withWarning(warnings, { line, column: "date", message: `date ${date} is after ${ctx.asOf[importer]}, when the schedule's ${importer} sources end: later changes of the law are not known to it` });
  }

  const claimsText = field(row, at.claims);
  const claims = claimsText === "" ? NO_CLAIMS : parseClaims(claimsText);

  const sectorText = field(row, at.sector);
  const hsText = field(row, at.hs);
  let hs: string | null = null;
  let product: Product;
  if (hsText !== "") {
    const digits = normalizeHs(hsText);
    if (digits === undefined) return reject(line, rowId, "hs", "shipment/bad-hs", `hs "${hsText}" is not an HS code (2 to 10 digits, dots optional)`);
    hs = digits;
    // A spreadsheet that read the code as a number drops its leading zero (0101210000 → 101210000).
    if (digits.length === 9) warnings = withWarning(warnings, { line, column: "hs", message: `hs ${hsText} has 9 digits: a leading zero may have been lost (0${digits}?); used as given` });
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
      const found = ctx.products.ofCode(hs);
      const fromHs = found.product.sector;
      if (fromHs !== sector) warnings = withWarning(warnings, { line, column: "sector", message: `sector "${sector}" disagrees with hs ${hsText}, which maps to ${fromHs ? `"${fromHs}"` : "no sector"}; using "${sector}"` });
      warnings = finerWarning(warnings, ctx, line, importer, hsText, found.finer);
      product = ctx.products.variant(found.product, sector, claims);
    } else {
      product = ctx.products.variant(ctx.products.ofSector(sector), sector, claims);
      if (ctx.listsOf[importer].size > 0) {
        warnings = withWarning(warnings, { line, column: "hs", message: `no hs code: charged by the measures that cover sector "${sector}" as a whole; measures by product list cannot be told without the code: give hs for the exact answer` });
      }
    }
  } else if (hs !== null) {
    const found = ctx.products.ofCode(hs);
    const fromHs = found.product.sector;
    if (fromHs === undefined) return reject(line, rowId, "hs", "shipment/unmapped-hs", `hs ${hsText} maps to no sector of the schedule; give a sector column`);
    sector = fromHs;
    warnings = finerWarning(warnings, ctx, line, importer, hsText, found.finer);
    product = ctx.products.variant(found.product, sector, claims);
  } else {
    return reject(line, rowId, "hs", "shipment/missing-sector", "neither hs nor sector is given");
  }

  const valueText = field(row, at.value);
  const parsedValue = parseAmount("value", valueText);
  if (!parsedValue.ok) return reject(line, rowId, "value", parsedValue.code, parsedValue.reason);
  const value = parsedValue.value;

  const contentText = field(row, at.content_value);
  let content: Decimal | null = null;
  if (contentText !== "") {
    const parsedContent = parseAmount("content_value", contentText);
    if (!parsedContent.ok) return reject(line, rowId, "content_value", parsedContent.code, parsedContent.reason);
    content = parsedContent.value;
    if (compare(content, value) > 0) return reject(line, rowId, "content_value", "shipment/content-exceeds-value", `content_value ${contentText} is greater than value ${valueText}`);
  }

  const usContentText = field(row, at.us_content_value);
  let usContent: Decimal | null = null;
  if (usContentText !== "") {
    const parsedUs = parseAmount("us_content_value", usContentText);
    if (!parsedUs.ok) return reject(line, rowId, "us_content_value", parsedUs.code, parsedUs.reason);
    usContent = parsedUs.value;
    if (compare(usContent, value) > 0) return reject(line, rowId, "us_content_value", "shipment/content-exceeds-value", `us_content_value ${usContentText} is greater than value ${valueText}`);
  }

  const usmcaField = field(row, at.usmca);
  let usmca: boolean;
  if (usmcaField === "Y") usmca = true;
  else if (usmcaField === "N" || usmcaField === "") usmca = false;
  else if (YES.has(asciiLowerCase(usmcaField))) usmca = true;
  else if (NO.has(asciiLowerCase(usmcaField))) usmca = false;
  else return reject(line, rowId, "usmca", "shipment/bad-usmca", `usmca "${usmcaField}" is not Y or N (yes/no, true/false, 1/0 also accepted)`);

  const dutyCurrency = ctx.schedule.importers[importer].currency;
  const currencyField = field(row, at.currency);
  const currency = currencyField === "" || currencyField === dutyCurrency ? dutyCurrency : asciiUpperCase(currencyField);
  if (currency !== dutyCurrency && !/^[A-Z]{3}$/.test(currency)) return reject(line, rowId, "currency", "shipment/bad-currency", `currency "${currencyField}" is not a three-letter code such as USD or CAD`);
  let fx: FxRate | null = null;
  if (currency !== dutyCurrency) {
    if (!ctx.fx) return reject(line, rowId, "currency", "shipment/needs-fx", `currency ${currency} is not the importer's ${dutyCurrency}: give --fx FILE with ${currency}/${dutyCurrency} rates`);
    const found = ctx.fx.rateOn(currency, dutyCurrency, date);
    if (!found) {
      return reject(line, rowId, "currency", "shipment/no-fx-rate", ctx.fx.hasPair(currency, dutyCurrency) ? `no ${currency}/${dutyCurrency} rate on or before ${date} in the fx file` : `the fx file has no ${currency}/${dutyCurrency} rates`);
    }
    fx = found;
  }

  return { ok: true, shipment: { line, id: rowId, date, importer, origin, sector, hs, product, value, currency, usmca, content, usContent, fx }, warnings };
}

const NO_CLAIMS: readonly string[] = [];

/** A code too short to tell whether it is on lists the importer's measures read. */
function finerWarning(warnings: RowWarning[], ctx: ShipmentContext, line: number, importer: ImporterCode, hsText: string, finer: readonly string[]): RowWarning[] {
  if (finer.length === 0) return warnings;
  const lists = finer.filter((l) => ctx.listsOf[importer].has(l));
  if (lists.length === 0) return warnings;
  const named = lists.length > 3 ? `${lists.slice(0, 3).join(", ")} and ${lists.length - 3} more` : lists.join(", ");
  return withWarning(warnings, { line, column: "hs", message: `hs ${hsText} is shorter than codes on list${lists.length > 1 ? "s" : ""} ${named}: charged as not on them; give the full code for the exact answer` });
}
