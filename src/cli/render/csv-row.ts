/**
 * RFC 4180 rows for the streamed CSV outputs. csv-stringify (used for the
 * other CSV outputs, and as this function's oracle in a property test) costs
 * more per row than computing the row's duty, so the hot path quotes by hand:
 * a field is quoted when it holds a comma, a quote, CR or LF, and its quotes
 * are doubled.
 */
const NEEDS_QUOTES = /[",\r\n]/;

export function csvField(text: string): string {
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRow(fields: readonly string[]): string {
  let out = "";
  for (let i = 0; i < fields.length; i++) out += (i === 0 ? "" : ",") + csvField(fields[i]!);
  return out + "\n";
}
