/**
 * The `--fx` file: CSV with columns date, pair, rate. `pair` is FROM/TO (or
 * FROMTO, as the Bank of Canada's FXUSDCAD): one unit of FROM is `rate` units
 * of TO, e.g. `2025-03-03,USD/CAD,1.4419`.
 */
import { parse } from "csv-parse/sync";
import { type Diagnostic, error } from "../core/diagnostics.js";
import { FxTable, type FxRate } from "../core/duty/fx.js";
import { isNegative, isZero, parseDecimal } from "../core/money/decimal.js";
import { isCalendarDate } from "../core/dates.js";
import { asciiLowerCase, asciiUpperCase } from "../core/ascii.js";
import { readText } from "./read.js";
import { csvError, unclosedQuoteLine } from "./shipments.js";

export async function loadFx(file: string): Promise<{ ok: true; table: FxTable } | { ok: false; errors: Diagnostic[]; text?: string }> {
  const read = await readText(file);
  if (!read.ok) return { ok: false, errors: [read.error] };
  let parsed: { record: string[]; info: { lines: number } }[];
  try {
    parsed = parse(read.text, { bom: true, info: true, relax_column_count: true, skip_empty_lines: true, record_delimiter: ["\r\n", "\n", "\r"] }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (e) {
    const err = e as { code?: string };
    const d = csvError(e, file, err.code === "CSV_QUOTE_NOT_CLOSED" ? unclosedQuoteLine(read.text) - 1 : 0).diagnostic;
    return { ok: false, text: read.text, errors: [{ ...d, code: "fx/malformed" }] };
  }
  // Lines of spaces or of empty fields are blank lines, as in shipment files.
  const rows = parsed.filter((r) => !r.record.every((f) => f.trim() === ""));
  if (rows.length === 0) {
    return { ok: false, text: read.text, errors: [error("fx/empty", "the fx file is empty: expected a header date,pair,rate and one rate per line", { file, line: 1 }, "example: date,pair,rate / 2025-03-03,USD/CAD,1.4419")] };
  }
  const records = rows.map((r) => r.record);
  const header = (records[0] ?? []).map((c) => asciiLowerCase(c.trim()));
  const col = (name: string) => header.indexOf(name);
  // Checked like a shipments header: a column named twice would make one of the two silently ignored.
  const twice = header.findIndex((name, i) => name !== "" && header.indexOf(name) < i);
  if (twice >= 0) {
    return { ok: false, text: read.text, errors: [error("fx/duplicate-column", `column "${header[twice]}" appears twice in the header (fields ${header.indexOf(header[twice]!) + 1} and ${twice + 1})`, { file, line: rows[0]!.info.lines }, "rename or remove one of them")] };
  }
  const missing = ["date", "pair", "rate"].filter((c) => col(c) < 0);
  if (missing.length > 0) {
    return { ok: false, text: read.text, errors: [error("fx/missing-column", `missing column${missing.length > 1 ? "s" : ""} ${missing.join(", ")} in the header (expected date,pair,rate)`, { file, line: rows[0]!.info.lines }, "example: date,pair,rate / 2025-03-03,USD/CAD,1.4419")] };
  }
  const errors: Diagnostic[] = [];
  const rates: FxRate[] = [];
  const seen = new Map<string, number>();
  records.slice(1).forEach((record, k) => {
    const line = rows[k + 1]!.info.lines;
    // A field too many or too few: the rate may be in the wrong column (a decimal comma split it, say).
    if (record.length !== header.length) {
      errors.push(error("fx/field-count", `expected ${header.length} fields as in the header, found ${record.length}`, { file, line }));
      return;
    }
    const date = (record[col("date")] ?? "").trim();
    const pair = asciiUpperCase((record[col("pair")] ?? "").trim());
    const rateText = (record[col("rate")] ?? "").trim();
    const m = /^([A-Z]{3})\/?([A-Z]{3})$/.exec(pair);
    const rate = parseDecimal(rateText);
    if (!isCalendarDate(date)) errors.push(error("fx/bad-date", `date "${date}" is not YYYY-MM-DD`, { file, line }));
    else if (!m) errors.push(error("fx/bad-pair", `pair "${pair}" is not a currency pair such as USD/CAD`, { file, line }));
    else if (m[1] === m[2]) errors.push(error("fx/bad-pair", `pair "${pair}" is one currency twice: a rate converts one currency into another, such as USD/CAD`, { file, line }));
    else if (!rate || isNegative(rate) || isZero(rate)) errors.push(error("fx/bad-rate", `rate "${rateText}" is not a positive decimal${/^\d+,\d+$/.test(rateText) ? `: write ${rateText.replace(",", ".")} (no decimal comma)` : ""}`, { file, line }));
    else {
      const key = `${date} ${m[1]}/${m[2]}`;
      const first = seen.get(key);
      if (first !== undefined) errors.push(error("fx/duplicate-rate", `a second ${m[1]}/${m[2]} rate for ${date} (first on line ${first})`, { file, line }));
      else {
        seen.set(key, line);
        rates.push({ date, from: m[1]!, to: m[2]!, rate, text: rateText, line });
      }
    }
  });
  return errors.length > 0 ? { ok: false, errors, text: read.text } : { ok: true, table: new FxTable(rates) };
}
