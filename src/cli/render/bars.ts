/**
 * Horizontal bars drawn beside the numbers of a terminal table (calc --by,
 * compare). A picture only: the amounts stay in their own columns, exact; a
 * bar's length is the amount over the largest of its group (a currency: USD
 * and CAD are never drawn on one scale), rounded to the drawing's step.
 *
 * Unicode blocks on a UTF-8 terminal (eighths of a column for bars from the
 * left edge, halves for bars either side of an axis); `#` (and `|` for the
 * axis) otherwise: in a pipe, a file, or another character set.
 */

export interface Bars {
  /** The bar column is drawn after this column. */
  after: number;
  /** Its header. */
  title: string;
  /** Per row: the amount the bar shows; undefined draws nothing. */
  values: (number | undefined)[];
  /** Per row: the group it is scaled in (its currency). */
  groups: string[];
  /** Negative amounts left of an axis, positive right of it (a change); else bars from the left edge. */
  signed: boolean;
}

/** Width of the bar column where there is room. */
export const BAR_WIDTH = 20;

const EIGHTHS = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"];

/** The width of bars given at most `room` columns (BAR_WIDTH, or one more for signed ones, where there is room): signed bars are an odd width, the axis in the middle. */
export function barWidth(bars: Pick<Bars, "signed">, room: number | undefined): number {
  const w = Math.max(1, room ?? (bars.signed ? BAR_WIDTH + 1 : BAR_WIDTH));
  return bars.signed && w % 2 === 0 ? w - 1 : w;
}

/** The largest magnitude per group. */
export function scaleOf(bars: Pick<Bars, "values" | "groups">): Map<string, number> {
  const scale = new Map<string, number>();
  bars.values.forEach((v, i) => {
    if (v === undefined) return;
    const g = bars.groups[i] ?? "";
    scale.set(g, Math.max(scale.get(g) ?? 0, Math.abs(v)));
  });
  return scale;
}

/** Units of `steps` per column that `value` takes out of `max` over `columns` columns; a value that is not 0 shows at least one. */
function units(value: number, max: number, columns: number, steps: number): number {
  if (value === 0 || max === 0) return 0;
  return Math.max(1, Math.round((Math.abs(value) / max) * columns * steps));
}

/**
 * One bar, `width` columns wide (padded with spaces). Unsigned: from the left
 * edge (`█████▌`, `######`). Signed: an axis in the middle, negative to its
 * left, positive to its right (`   ▐██│`, `│███▌  `; `###|`, `|###`).
 */
export function barCell(value: number, max: number, width: number, signed: boolean, unicode: boolean): string {
  if (!signed) {
    if (!unicode) return "#".repeat(units(value, max, width, 1)).padEnd(width);
    const n = units(value, max, width, 8);
    return ("█".repeat(Math.floor(n / 8)) + EIGHTHS[n % 8]!).padEnd(width);
  }
  const half = Math.floor(width / 2);
  const axis = unicode ? "│" : "|";
  let bar: string;
  if (unicode) {
    const n = units(value, max, half, 2);
    const full = "█".repeat(Math.floor(n / 2));
    bar = value < 0 ? (n % 2 ? "▐" : "") + full : full + (n % 2 ? "▌" : "");
  } else bar = "#".repeat(units(value, max, half, 1));
  return value < 0 ? bar.padStart(half) + axis + " ".repeat(half) : " ".repeat(half) + axis + bar.padEnd(half);
}

/** An amount printed with two decimals ("-1234.50") as a number, for drawing only. */
export function amountNumber(text: string): number {
  return Number(text);
}
