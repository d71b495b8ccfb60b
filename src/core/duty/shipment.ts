/**
 * A CSV row → a Shipment, or a Rejection naming the line, the column and why.
 * Checks run in column order of importance; the first problem found rejects
 * the row. Nothing is guessed: no day/month swapping, no currency symbols, no
 * thousands separators.
 */
import { didYouMean } from "../diagnostics.js";
import { asciiLowerCase, asciiUpperCase } from "../ascii.js";
import { type Decimal, compare, formatDecimal, isNegative, normalize, parseDecimal, roundHalfAwayFromZero } from "../money/decimal.js";
import { dayNumber, isCalendarDate } from "../dates.js";
import { type DeclaredPart, type ImporterCode, type Mode, type Schedule, asOfFor, firstDate, listsRead } from "../schedule/model.js";
import { type Product, ProductIndex, normalizeHs, parseClaims } from "../lookup/product.js";
import { CatchAllIndex, dottedHs } from "../lookup/catch-all.js";
import type { FxRate, FxTable } from "./fx.js";
import type { DateFormat, Reading } from "./mapping.js";

export interface Shipment {
  line: number;
  id: string | null;
  date: string;
  /** `dayNumber(date)`: read once, so the plan lookup indexes by it instead of comparing the text. */
  day: number;
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
  /** The customs entry number and its line number, when the file gives them (ACE's Entry Number, Line Number). */
  entry: string | null;
  entryLine: string | null;
  /** Chapter 99 rows declared with the line (ACE companions); empty when none. */
  declared: readonly Companion[];
  /** How the goods reached the border (`mode` column; `ocean` reads as vessel); null when not given. */
  mode: Mode | null;
  /**
   * Charges on the line this tool does not compute, as the line declares them
   * (`customs_duty`, `sima_duty`, `excise` columns), in the duty currency: a
   * tax's base can include them (Canada's GST). Absent when not given.
   */
  otherCharges: Readonly<Partial<Record<DeclaredPart, Decimal>>>;
}

export interface Rejection {
  line: number;
  /** The row's own `id`, when it has one: a broker matches rejections to invoices by it. */
  id: string | null;
  column: string | null;
  reason: string;
  /** Stable code, e.g. `shipment/bad-date`. */
  code: string;
  /** Every fault of the line, the first being `column`/`code`/`reason`; absent when that one is all. */
  faults?: Fault[];
}

export interface RowWarning {
  line: number;
  column: string;
  message: string;
}

export const REQUIRED_COLUMNS = ["date", "importer", "value"] as const;
export const KNOWN_COLUMNS = ["id", "date", "importer", "origin", "hs", "sector", "value", "currency", "usmca", "content_value", "claims", "us_content_value", "entry", "entry_line", "declared_duty", "mode", "customs_duty", "sima_duty", "excise"] as const;
export type KnownColumn = (typeof KNOWN_COLUMNS)[number];

/** Where each known column is in a record of the file: its index, or -1 when the file has no such column. */
export type Columns = Readonly<Record<KnownColumn, number>>;

/** One record of a shipments file: the physical line it starts on, its fields, and where its columns are. */
export interface Row {
  readonly line: number;
  readonly fields: readonly string[];
  readonly columns: Columns;
  /** Companion rows attached to this goods line (ACE's chapter 99 lines), when the map declares them. */
  companions?: Companion[];
  /** The fields as read, when a value map changed `fields` and the reader was asked to keep them (calc --keep-columns). */
  input?: readonly string[];
  /** What the reader noticed about the row (an Excel HS code whose leading zero it put back): passed on with the row's own warnings. */
  readonly warnings?: readonly RowWarning[];
}

/** A chapter 99 row declared with a goods line (ACE: 9903/9902 on the same entry line): counted and shown, never priced. */
export interface Companion {
  line: number;
  /** The heading as written (e.g. 9903.01.10). */
  heading: string;
  /** The duty the row declares, as written; null when the file has no declared_duty column or it is empty. */
  duty: string | null;
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
    entry: at("entry"),
    entry_line: at("entry_line"),
    declared_duty: at("declared_duty"),
    mode: at("mode"),
    customs_duty: at("customs_duty"),
    sima_duty: at("sima_duty"),
    excise: at("excise"),
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
  /** Codes that fall through to a catch-all sector near listed codes (a warning: issue #14). */
  catchAll: CatchAllIndex;
  fx: FxTable | undefined;
  /** How dates and amounts are written, as declared by a map, a preset or options; never guessed. */
  reading: Reading;
}

/**
 * What reading rows needs of a schedule, worked out once. `products`: the HS
 * lookup of another schedule with the same sectors and lists, to share.
 */
export function shipmentContext(schedule: Schedule, fx: FxTable | undefined, products?: ProductIndex, reading: Reading = {}): ShipmentContext {
  const listsOf = listsRead(schedule);
  return { schedule, products: products ?? new ProductIndex(schedule), firstDate: firstDate(schedule), asOf: { US: asOfFor(schedule, "US"), CA: asOfFor(schedule, "CA") }, listsOf, catchAll: new CatchAllIndex(schedule), fx, reading };
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

/** One fault of a line: the column and why. A rejected line lists every fault found (issue #14). */
export interface Fault {
  column: string | null;
  code: string;
  reason: string;
}

function reject(line: number, id: string | null, column: string | null, code: string, reason: string): { ok: false; rejection: Rejection } {
  return { ok: false, rejection: { line, id, column, reason, code } };
}

/** A money field as an exact decimal, or why it is not one, in words that say how to fix it. `reading`: separators the file declares. */
export function parseAmount(column: string, text: string, reading?: Reading): { ok: true; value: Decimal } | { ok: false; code: string; reason: string } {
  if (text === "") return { ok: false, code: "shipment/missing-value", reason: `${column} is empty` };
  let plain = text;
  if (reading !== undefined && (reading.thousands !== undefined || reading.decimalComma === true)) {
    const n = declaredAmount(text, reading);
    if (n === undefined) return { ok: false, ...amountProblem(column, text, reading) };
    plain = n;
  }
  const d = parseDecimal(plain);
  if (d) return isNegative(d) ? { ok: false, code: "shipment/negative-value", reason: `${column} ${text} is negative: customs values are 0 or more` } : { ok: true, value: d };
  return { ok: false, ...amountProblem(column, text, reading) };
}

/**
 * A plain amount field (`plain`: the file declares no separators) as
 * `parseAmount` reads it when it is a decimal of 0 or more, without a result
 * object per field; undefined for any other text, which `parseAmount` then
 * reads with its checks and messages.
 */
function plainAmount(text: string, plain: boolean): Decimal | undefined {
  if (!plain || text === "") return undefined;
  const d = parseDecimal(text);
  return d !== undefined && !isNegative(d) ? d : undefined;
}

/**
 * What makes two lines one entry: the entry number without dashes or spaces,
 * in upper case (ABC-1234567-8, ABC12345678 and abc 1234567 8 are one entry
 * as CBP numbers it; CARM's transaction numbers likewise). Entries, their fee
 * bounds, reconcile and refund all group by it; outputs show the number as
 * the entry's first line writes it.
 */
export function entryKey(entry: string): string {
  for (let i = 0; i < entry.length; i++) {
    const c = entry.charCodeAt(i);
    if (c === 45 || c === 32 || c === 9 || (c >= 97 && c <= 122)) return asciiUpperCase(entry.replace(/[-\s]/g, ""));
  }
  return entry;
}

/**
 * An amount of money paid or owed (customs duty, SIMA, excise, a declared
 * duty): as `parseAmount` reads it, and in whole cents: a document of
 * account has no fractions of a cent, so "4.605" is a mistake to fix, not
 * an amount to round (a value is rounded: it is a base, not a charge).
 */
export function parseCents(column: string, text: string, reading?: Reading): { ok: true; value: Decimal } | { ok: false; code: string; reason: string } {
  const parsed = parseAmount(column, text, reading);
  if (!parsed.ok || normalize(parsed.value).scale <= 2) return parsed;
  return { ok: false, code: "shipment/bad-amount", reason: `${column} "${text}" has fractions of a cent: an amount paid or owed is in cents (${formatDecimal(roundHalfAwayFromZero(parsed.value, 2), 2)}?)` };
}

/** An amount written with the separators a file declares, as a plain decimal; undefined when it does not follow them. */
function declaredAmount(text: string, reading: Reading): string | undefined {
  const dec = reading.decimalComma === true ? "," : ".";
  const th = reading.thousands;
  const esc = (c: string) => c.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const grouped = th !== undefined ? `\\d{1,3}(?:${esc(th)}\\d{3})+` : "(?!)";
  const re = new RegExp(`^(-?)(\\d+|${grouped})(?:${esc(dec)}(\\d+))?$`);
  const m = re.exec(text);
  if (!m) return undefined;
  const whole = th !== undefined ? m[2]!.split(th).join("") : m[2]!;
  return `${m[1]}${whole}${m[3] !== undefined ? `.${m[3]}` : ""}`;
}

function amountProblem(column: string, text: string, reading?: Reading): { code: string; reason: string } {
  const decimalComma = reading?.decimalComma === true;
  if (decimalComma && /^-?\d+(\.\d+)+(,\d+)?$/.test(text)) return { code: "shipment/bad-amount", reason: `${column} "${text}" has a dot, but this file's decimals are written with a comma (--decimal-comma): give --thousands . if the dot separates thousands` };
  if (!decimalComma && /^-?\d{1,3}(,\d{3})+(\.\d+)?$/.test(text)) return { code: "shipment/bad-amount", reason: `${column} "${text}" has a thousands separator: write ${text.replace(/,/g, "")}, or give --thousands , if the file writes amounts so` };
  if (/^[-+]?[$€£¥]|^(US|C|CA)\$|[$€£]$/.test(text)) return { code: "shipment/bad-amount", reason: `${column} "${text}" has a currency symbol: write the number only and the currency in the currency column` };
  if (!decimalComma && /^-?\d{1,3}(\.\d{3})+,\d+$/.test(text)) return { code: "shipment/bad-amount", reason: `${column} "${text}" has thousands dots and a decimal comma: give --decimal-comma --thousands . if the file writes amounts so, or write ${text.replace(/\./g, "").replace(",", ".")}` };
  if (!decimalComma && /^\d+,\d{1,2}$/.test(text)) return { code: "shipment/bad-amount", reason: `${column} "${text}" uses a decimal comma: write ${text.replace(",", ".")}, or give --decimal-comma if the file writes decimals so` };
  if (/^[+-]?\d*\.?\d+e[+-]?\d+$/i.test(text)) return { code: "shipment/bad-amount", reason: `${column} "${text}" is in scientific notation: write the full decimal number` };
  return { code: "shipment/bad-amount", reason: `${column} "${text}" is not a decimal number such as ${decimalComma ? "1234,56" : "1234.56"}` };
}

const DATE_PATTERNS: Record<DateFormat, { re: RegExp; order: [number, number, number]; shape: string }> = {
  MDY: { re: /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/, order: [3, 1, 2], shape: "MM/DD/YYYY" },
  DMY: { re: /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/, order: [3, 2, 1], shape: "DD/MM/YYYY" },
  YMD: { re: /^(\d{4})[/.-](\d{1,2})[/.-](\d{1,2})$/, order: [1, 2, 3], shape: "YYYY/MM/DD" },
};

/** A date as `YYYY-MM-DD`, or why not (a message naming the option to give when the order is not declared). */
export function readDate(text: string, format: DateFormat | undefined): { ok: true; date: string } | { ok: false; reason: string } {
  if (isCalendarDate(text)) return { ok: true, date: text };
  if (format !== undefined) {
    const p = DATE_PATTERNS[format];
    const m = p.re.exec(text);
    if (m) {
      const [y, mo, d] = p.order.map((k) => m[k]!);
      const iso = `${y}-${mo!.padStart(2, "0")}-${d!.padStart(2, "0")}`;
      if (isCalendarDate(iso)) return { ok: true, date: iso };
      return { ok: false, reason: `date "${text}" is not a calendar date (read as ${p.shape}, --date-format ${format}: ${iso})` };
    }
    return { ok: false, reason: `date "${text}" is not a date ${p.shape} (--date-format ${format}) or YYYY-MM-DD` };
  }
  const hint = /^\d{4}[/.]\d{1,2}[/.]\d{1,2}$/.test(text)
    ? /^\d{4}\/\d{2}\/\d{2}$/.test(text) && isCalendarDate(text.replace(/\//g, "-")) ? `: write ${text.replace(/\//g, "-")}, or give --date-format YMD` : ": give --date-format YMD, or write YYYY-MM-DD"
    : /^\d{1,2}[/.-]\d{1,2}[/.-]\d{4}$/.test(text)
      ? " (day and month order is ambiguous: give --date-format MDY or DMY, or write YYYY-MM-DD)"
      : /^\d{1,2}[/.-]\d{1,2}[/.-]\d{2}$/.test(text)
        ? " (day and month order is ambiguous and the year has 2 digits: write YYYY-MM-DD)"
        : "";
  return { ok: false, reason: `date "${text}" is not a date YYYY-MM-DD${hint}` };
}

/**
 * A row → a Shipment, or a Rejection with every fault found (`faults`; the
 * first is also `column`/`code`/`reason`). Checks that need an earlier field
 * (the origin's default needs the importer, an fx rate the date) are left out
 * when that field is at fault.
 */
export function parseShipment(
  row: Row,
  ctx: ShipmentContext,
): { ok: true; shipment: Shipment; warnings: RowWarning[] } | { ok: false; rejection: Rejection } {
  let warnings: RowWarning[] = row.warnings !== undefined ? [...row.warnings] : NO_WARNINGS;
  let faults: Fault[] | null = null;
  const line = row.line;
  const at = row.columns;
  const rowId = field(row, at.id) || null;

  const dateField = field(row, at.date);
  let date: string | null = null;
  // Its digits read once: -1 when it is not a YYYY-MM-DD calendar date.
  let day = dayNumber(dateField);
  if (day < 0 && /^(grand\s+)?(sub)?totals?\b/i.test(rowId || dateField || field(row, at.importer))) {
    return reject(line, rowId, null, "shipment/totals-row", "a totals row, not a shipment: remove it (tariff computes the totals)");
  }
  if (dateField === "") (faults ??= []).push({ column: "date", code: "shipment/missing-date", reason: "date is empty" });
  else if (day >= 0) date = dateField;
  else {
    const r = readDate(dateField, ctx.reading.dateFormat);
    if (r.ok) {
      date = r.date;
      day = dayNumber(date);
    } else (faults ??= []).push({ column: "date", code: "shipment/bad-date", reason: r.reason });
  }
  if (date !== null && ctx.firstDate !== undefined && date < ctx.firstDate) {
    (faults ??= []).push({ column: "date", code: "shipment/date-before-schedule", reason: `date ${date} is before the schedule's first date ${ctx.firstDate}` });
    date = null;
  }

  const importerField = field(row, at.importer);
  const importerText = importerField === "US" || importerField === "CA" ? importerField : asciiUpperCase(importerField);
  // The literal, not the field's text: a string read from the file is a new string on every line,
  // and looking one up as a property (schedule.importers[importer]) would hash it every time.
  const importer: ImporterCode | null = importerText === "US" ? "US" : importerText === "CA" ? "CA" : null;
  if (importer === null) (faults ??= []).push({ column: "importer", code: "shipment/unknown-importer", reason: importerText === "" ? "importer is empty: expected US or CA" : `unknown importer "${importerField}": expected US or CA` });

  const originField = field(row, at.origin);
  const originText = isCountryCode(originField) ? originField : asciiUpperCase(originField);
  if (originText !== "" && !isCountryCode(originText)) {
    (faults ??= []).push({ column: "origin", code: "shipment/bad-origin", reason: `origin "${originField}" is not a two-letter country code such as CA or US` });
  }
  const origin = originText || (importer !== null ? OTHER[importer] : "");

  if (date !== null && importer !== null && date > ctx.asOf[importer]) {
    warnings = withWarning(warnings, { line, column: "date", message: `date ${date} is after ${ctx.asOf[importer]}, when the schedule's ${importer} sources end: later changes of the law are not known to it` });
  }

  const claimsText = field(row, at.claims);
  const claims = claimsText === "" ? NO_CLAIMS : parseClaims(claimsText);

  const sectorText = field(row, at.sector);
  const hsText = field(row, at.hs);
  let hs: string | null = null;
  let product: Product | null = null;
  let sector = "";
  let hsBad = false;
  if (hsText !== "") {
    const digits = normalizeHs(hsText);
    if (digits === undefined) {
      (faults ??= []).push({ column: "hs", code: "shipment/bad-hs", reason: `hs "${hsText}" is not an HS code (2 to 10 digits, dots optional)` });
      hsBad = true;
    } else {
      hs = digits;
      // A spreadsheet that read the code as a number drops its leading zero (0101210000 → 101210000, 04069012 → 4069012).
      if (digits.length === 9 || digits.length === 7) warnings = withWarning(warnings, { line, column: "hs", message: `hs ${hsText} has ${digits.length} digits: a leading zero may have been lost (0${digits}?); used as given` });
    }
  }
  if (sectorText !== "") {
    if (!ctx.schedule.sectorById.has(sectorText)) {
      const lower = sectorText.toLowerCase();
      const guess = ctx.schedule.sectorById.has(lower) ? lower : didYouMean(sectorText, ctx.schedule.sectorById.keys());
      (faults ??= []).push({ column: "sector", code: "shipment/unknown-sector", reason: `unknown sector "${sectorText}"${guess ? ` (did you mean "${guess}"?)` : ""}` });
    } else {
      sector = sectorText;
      if (hs !== null) {
        const found = ctx.products.ofCode(hs);
        const fromHs = found.product.sector;
        if (fromHs !== sector) warnings = withWarning(warnings, { line, column: "sector", message: `sector "${sector}" disagrees with hs ${hsText}, which maps to ${fromHs ? `"${fromHs}"` : "no sector"}; using "${sector}"` });
        if (importer !== null) warnings = codeWarnings(warnings, ctx, line, importer, hs, hsText, sector, fromHs, found.finer);
        product = ctx.products.variant(found.product, sector, claims);
      } else if (!hsBad) {
        product = ctx.products.variant(ctx.products.ofSector(sector), sector, claims);
        if (importer !== null && ctx.listsOf[importer].size > 0) {
          warnings = withWarning(warnings, { line, column: "hs", message: `no hs code: charged by the measures that cover sector "${sector}" as a whole; measures by product list cannot be told without the code: give hs for the exact answer` });
        }
      }
    }
  } else if (hs !== null) {
    const found = ctx.products.ofCode(hs);
    const fromHs = found.product.sector;
    if (fromHs === undefined) (faults ??= []).push({ column: "hs", code: "shipment/unmapped-hs", reason: `hs ${hsText} maps to no sector of the schedule; give a sector column` });
    else {
      sector = fromHs;
      if (importer !== null) warnings = codeWarnings(warnings, ctx, line, importer, hs, hsText, sector, fromHs, found.finer);
      product = ctx.products.variant(found.product, sector, claims);
    }
  } else if (!hsBad) {
    (faults ??= []).push({ column: "hs", code: "shipment/missing-sector", reason: "neither hs nor sector is given" });
  }

  const reading = ctx.reading;
  const plain = reading.thousands === undefined && reading.decimalComma !== true;
  const valueText = field(row, at.value);
  let value = plainAmount(valueText, plain);
  if (value === undefined) {
    const parsed = parseAmount("value", valueText, reading);
    if (!parsed.ok) (faults ??= []).push({ column: "value", code: parsed.code, reason: parsed.reason });
    else value = parsed.value;
  }

  const contentText = field(row, at.content_value);
  let content: Decimal | null = null;
  if (contentText !== "") {
    content = plainAmount(contentText, plain) ?? null;
    if (content === null) {
      const parsed = parseAmount("content_value", contentText, reading);
      if (!parsed.ok) (faults ??= []).push({ column: "content_value", code: parsed.code, reason: parsed.reason });
      else content = parsed.value;
    }
    if (content !== null && value !== undefined && compare(content, value) > 0) (faults ??= []).push({ column: "content_value", code: "shipment/content-exceeds-value", reason: `content_value ${contentText} is greater than value ${valueText}` });
  }

  const usContentText = field(row, at.us_content_value);
  let usContent: Decimal | null = null;
  if (usContentText !== "") {
    usContent = plainAmount(usContentText, plain) ?? null;
    if (usContent === null) {
      const parsed = parseAmount("us_content_value", usContentText, reading);
      if (!parsed.ok) (faults ??= []).push({ column: "us_content_value", code: parsed.code, reason: parsed.reason });
      else usContent = parsed.value;
    }
    if (usContent !== null && value !== undefined && compare(usContent, value) > 0) (faults ??= []).push({ column: "us_content_value", code: "shipment/content-exceeds-value", reason: `us_content_value ${usContentText} is greater than value ${valueText}` });
  }

  const usmcaField = field(row, at.usmca);
  let usmca = false;
  if (usmcaField === "Y") usmca = true;
  else if (usmcaField === "N" || usmcaField === "") usmca = false;
  else if (YES.has(asciiLowerCase(usmcaField))) usmca = true;
  else if (NO.has(asciiLowerCase(usmcaField))) usmca = false;
  else (faults ??= []).push({ column: "usmca", code: "shipment/bad-usmca", reason: `usmca "${usmcaField}" is not Y or N (yes/no, true/false, 1/0 also accepted)` });

  const currencyField = field(row, at.currency);
  let currency = currencyField;
  let fx: FxRate | null = null;
  if (importer !== null) {
    const dutyCurrency = ctx.schedule.importers[importer].currency;
    currency = currencyField === "" || currencyField === dutyCurrency ? dutyCurrency : asciiUpperCase(currencyField);
    if (currency !== dutyCurrency && !/^[A-Z]{3}$/.test(currency)) (faults ??= []).push({ column: "currency", code: "shipment/bad-currency", reason: `currency "${currencyField}" is not a three-letter code such as USD or CAD` });
    else if (currency !== dutyCurrency) {
      if (!ctx.fx) (faults ??= []).push({ column: "currency", code: "shipment/needs-fx", reason: `currency ${currency} is not the importer's ${dutyCurrency}: give --fx FILE with ${currency}/${dutyCurrency} rates` });
      else if (date !== null) {
        const found = ctx.fx.rateOn(currency, dutyCurrency, date);
        if (!found) {
          (faults ??= []).push({ column: "currency", code: "shipment/no-fx-rate", reason: ctx.fx.hasPair(currency, dutyCurrency) ? `no ${currency}/${dutyCurrency} rate on or before ${date} in the fx file` : `the fx file has no ${currency}/${dutyCurrency} rates` });
        } else fx = found;
      }
    }
  } else if (currencyField !== "" && !/^[A-Za-z]{3}$/.test(currencyField)) {
    (faults ??= []).push({ column: "currency", code: "shipment/bad-currency", reason: `currency "${currencyField}" is not a three-letter code such as USD or CAD` });
  }

  // Read only when the file has the columns: most files do not, and this runs on every line.
  let mode: Mode | null = null;
  if (at.mode >= 0) {
    const modeField = field(row, at.mode);
    if (modeField !== "") {
      const m = MODE_OF.get(asciiLowerCase(modeField));
      if (m === undefined) (faults ??= []).push({ column: "mode", code: "shipment/bad-mode", reason: `mode "${modeField}" is not one of ${MODE_NAMES}` });
      else mode = m;
    }
  }
  let otherCharges: Partial<Record<DeclaredPart, Decimal>> = NO_OTHER_CHARGES;
  if (at.customs_duty >= 0 || at.sima_duty >= 0 || at.excise >= 0) for (const part of DECLARED_PARTS) {
    if (at[part] < 0) continue;
    const text = field(row, at[part]);
    if (text === "") continue;
    const parsed = parseCents(part, text, reading);
    if (!parsed.ok) (faults ??= []).push({ column: part, code: parsed.code, reason: parsed.reason });
    else {
      if (otherCharges === NO_OTHER_CHARGES) otherCharges = {};
      otherCharges[part] = parsed.value;
    }
  }

  if (faults !== null) {
    const first = faults[0]!;
    return { ok: false, rejection: { line, id: rowId, column: first.column, reason: first.reason, code: first.code, faults } };
  }
  const entry = at.entry < 0 ? null : field(row, at.entry) || null;
  const entryLine = at.entry_line < 0 ? null : field(row, at.entry_line) || null;
  const declared = row.companions ?? NO_COMPANIONS;
  return { ok: true, shipment: { line, id: rowId, date: date!, day, importer: importer!, origin, sector, hs, product: product!, value: value!, currency, usmca, content, usContent, fx, entry, entryLine, declared, mode, otherCharges }, warnings };
}

const NO_COMPANIONS: readonly Companion[] = [];
const NO_OTHER_CHARGES: Readonly<Partial<Record<DeclaredPart, Decimal>>> = Object.freeze({});
const DECLARED_PARTS: readonly DeclaredPart[] = ["customs_duty", "sima_duty", "excise"];
/**
 * Mode names as written (lower case) → the mode; `ocean` is a vessel. The
 * numbers are CBP's mode of transportation codes as ACE exports carry them
 * (CATAIR, appendix B: 10/11 vessel, non-container/container; 20/21 rail;
 * 30/31 truck; 40/41 air; 50 mail); other codes (12 border water-borne, 32-34
 * road other than truck, 60 passenger, 70 fixed) are not read as one of these.
 */
const MODE_SPELLINGS: readonly (readonly [Mode, readonly string[]])[] = [
  ["vessel", ["vessel", "ocean", "sea", "10", "11"]],
  ["truck", ["truck", "road", "30", "31"]],
  ["rail", ["rail", "20", "21"]],
  ["air", ["air", "40", "41"]],
  ["mail", ["mail", "50"]],
];
const MODE_OF = new Map<string, Mode>(MODE_SPELLINGS.flatMap(([mode, names]) => names.map((n) => [n, mode] as const)));
/** As a message lists them: `vessel (or ocean, sea, 10, 11), …`. */
const MODE_NAMES = MODE_SPELLINGS.map(([mode, names]) => (names.length > 1 ? `${mode} (or ${names.slice(1).join(", ")})` : mode)).join(", ");
const NO_CLAIMS: readonly string[] = [];

/**
 * What a line's code may hide: a code too short to place on the lists the
 * importer's measures read, or else (when the line is grouped under the
 * sector of its code) a code that falls through to a catch-all sector beside
 * listed codes (`CatchAllIndex`). At most one of the two: the first says more.
 */
function codeWarnings(warnings: RowWarning[], ctx: ShipmentContext, line: number, importer: ImporterCode, hs: string, hsText: string, sector: string, fromHs: string | undefined, finer: readonly string[]): RowWarning[] {
  const shorter = finerWarning(warnings, ctx, line, importer, hsText, finer);
  if (shorter !== warnings || sector !== fromHs) return shorter;
  const hit = ctx.catchAll.check(importer, hs, sector);
  if (hit === undefined) return warnings;
  const near = `${hit.count} listed code${hit.count > 1 ? "s" : ""} (${dottedHs(hit.near)}${hit.count > 1 ? ", …" : ""})`;
  const where = hit.kind === "under" ? `${near} begin${hit.count > 1 ? "" : "s"} with it: give the full code for the exact answer` : `${near} share${hit.count > 1 ? "" : "s"} its first ${hit.shared} digits: a mistyped code, or one the schedule lacks? If it is right, the duty is as charged`;
  return withWarning(warnings, {
    line,
    column: "hs",
    message: `hs ${hsText} is on no product list and falls to sector "${sector}" of chapter ${hs.slice(0, 2)}, charged only by the ${importer} measures on all goods, though ${where}`,
  });
}

/** A code too short to tell whether it is on lists the importer's measures read. */
function finerWarning(warnings: RowWarning[], ctx: ShipmentContext, line: number, importer: ImporterCode, hsText: string, finer: readonly string[]): RowWarning[] {
  if (finer.length === 0) return warnings;
  const lists = finer.filter((l) => ctx.listsOf[importer].has(l));
  if (lists.length === 0) return warnings;
  const named = lists.length > 3 ? `${lists.slice(0, 3).join(", ")} and ${lists.length - 3} more` : lists.join(", ");
  return withWarning(warnings, { line, column: "hs", message: `hs ${hsText} is shorter than codes on list${lists.length > 1 ? "s" : ""} ${named}: charged as not on them; give the full code for the exact answer` });
}
