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

/**
 * A field of the user's own text (an id, a schedule's heading or label) as a
 * spreadsheet will not run it: one starting with `=`, `+`, `@`, a tab or a CR,
 * or with `-` followed by a non-digit, gets a leading `'` (OWASP, "CSV
 * injection"). `-12.50` and other numbers stay as they are. Documented in the
 * README (Output of calc).
 */
export function neutralizeFormula(text: string): string {
  if (text.length === 0) return text;
  const c = text.charCodeAt(0);
  if (c === 61 /* = */ || c === 43 /* + */ || c === 64 /* @ */ || c === 9 || c === 13) return `'${text}`;
  if (c === 45 /* - */ && text.length > 1) {
    const d = text.charCodeAt(1);
    if (d < 48 || d > 57) return `'${text}`;
  }
  return text;
}
