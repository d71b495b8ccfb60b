/**
 * The `--fx` file: CSV with columns date, pair, rate. `pair` is FROM/TO (or
 * FROMTO, as the Bank of Canada's FXUSDCAD): one unit of FROM is `rate` units
 * of TO, e.g. `2025-03-03,USD/CAD,1.4419`.
 */
import { parse } from "csv-parse/sync";
import { type Diagnostic, error } from "../core/diagnostics.js";
import { FxTable, type FxRate } from "../core/duty/fx.js";
import { isNegative, isZero, parseDecimal } from "../core/money/decimal.js";
import { isCalendarDate } from "../core/schedule/format.js";
import { readText } from "./read.js";

export async function loadFx(file: string): Promise<{ ok: true; table: FxTable } | { ok: false; errors: Diagnostic[]; text?: string }> {
  const read = await readText(file);
  if (!read.ok) return { ok: false, errors: [read.error] };
  let records: string[][];
  try {
    records = parse(read.text, { bom: true, relax_column_count: true, skip_empty_lines: true, record_delimiter: ["\r\n", "\n", "\r"] }) as string[][];
  } catch (e) {
    const err = e as { message: string; lines?: number };
    return { ok: false, text: read.text, errors: [error("fx/malformed", `${file} is not valid CSV: ${err.message}`, err.lines ? { file, line: err.lines } : { file })] };
  }
  const header = (records[0] ?? []).map((c) => c.trim().toLowerCase());
  const col = (name: string) => header.indexOf(name);
  const missing = ["date", "pair", "rate"].filter((c) => col(c) < 0);
  if (records.length === 0 || missing.length > 0) {
    return { ok: false, text: read.text, errors: [error("fx/missing-column", `${file}: missing column${missing.length > 1 ? "s" : ""} ${missing.join(", ")} in the header (expected date,pair,rate)`, { file, line: 1 }, "example: date,pair,rate / 2025-03-03,USD/CAD,1.4419")] };
  }
  const errors: Diagnostic[] = [];
  const rates: FxRate[] = [];
  const seen = new Map<string, number>();
  // Lines are counted from the text, since sync parsing gives records only; blank lines are skipped by both.
  const lineOf = physicalLines(read.text);
  records.slice(1).forEach((record, k) => {
    const line = lineOf[k + 1] ?? k + 2;
    const date = (record[col("date")] ?? "").trim();
    const pair = (record[col("pair")] ?? "").trim().toUpperCase();
    const rateText = (record[col("rate")] ?? "").trim();
    const m = /^([A-Z]{3})\/?([A-Z]{3})$/.exec(pair);
    const rate = parseDecimal(rateText);
    if (!isCalendarDate(date)) errors.push(error("fx/bad-date", `date "${date}" is not YYYY-MM-DD`, { file, line }));
    else if (!m) errors.push(error("fx/bad-pair", `pair "${pair}" is not a currency pair such as USD/CAD`, { file, line }));
    else if (!rate || isNegative(rate) || isZero(rate)) errors.push(error("fx/bad-rate", `rate "${rateText}" is not a positive decimal`, { file, line }));
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

/** Physical line numbers of non-empty lines (fx files have no quoted newlines worth supporting). */
function physicalLines(text: string): number[] {
  const out: number[] = [];
  text.split(/\r\n|\n|\r/).forEach((l, i) => {
    if (l.trim() !== "") out.push(i + 1);
  });
  return out;
}
