/**
 * `--format html`: one self-contained file a consultant can send (issue #16).
 * Everything is inline: the stylesheet (screen and print), the charts (SVG
 * drawn here, no chart library), no script, no font, no image, nothing from
 * the network; a Content-Security-Policy in the page forbids loading anything
 * even if some text got through as markup. Every text from an input (ids,
 * titles, file names, reasons) is shown escaped, control characters as
 * `\x1b` (core/escape.ts), markup characters as entities.
 *
 * The same Grid as the terminal and Markdown tables, so the numbers never
 * disagree; charts are pictures of the numbers beside them.
 */
import { escapeText } from "../../core/escape.js";
import type { Grid } from "./grid.js";
import type { HeaderItem } from "./report-header.js";
import { DUTY_SCOPE } from "./report-header.js";

/** Text for HTML: control characters shown escaped, then `& < > " '` as entities. */
export function esc(text: string): string {
  return escapeText(text).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

const UNVERIFIED_BADGE = '<span class="unverified" title="UNVERIFIED: the schedule says facts of this measure are in doubt (see its note)">UNVERIFIED</span>';

/** A cell's escaped text, each UNVERIFIED measure it names followed by a badge, its own line breaks kept. */
function cellHtml(text: string, unverified: ReadonlySet<string>): string {
  // The cell's own lines kept (each line escaped on its own: a line break is not a control character to show).
  let html = text.replace(/ \(UNVERIFIED\)/g, "").replace(/\n\(UNVERIFIED\)/g, "").split("\n").map(esc).join("\n");
  for (const id of unverified) {
    const e = esc(id);
    if (!html.includes(e)) continue;
    html = html.replace(new RegExp(`(?<![\\w-])${e.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?![\\w-])`, "g"), `${e} ${UNVERIFIED_BADGE}`);
  }
  return html.replace(/\n/g, "<br>");
}

/** A Grid as an HTML table: amounts right-aligned, increases and decreases marked, UNVERIFIED measures badged. */
export function htmlTable(grid: Grid, unverified: ReadonlySet<string> = new Set()): string {
  const align = (i: number) => (grid.numeric?.[i] ? ' class="num"' : "");
  const head = grid.columns.map((c, i) => `<th${align(i)}>${esc(c)}</th>`).join("");
  const body = grid.rows
    .map((row, r) => {
      const cells = row.map((cell, i) => {
        const tone = grid.tones?.[r]?.[i];
        const date = /^\d{4}-\d{2}(-\d{2})?$/.test(cell);
        const cls = [grid.numeric?.[i] ? "num" : date ? "date" : "", tone === "red" ? "up" : tone === "green" ? "down" : ""].filter(Boolean).join(" ");
        return `<td${cls ? ` class="${cls}"` : ""}>${cellHtml(cell, unverified)}</td>`;
      });
      return `<tr>${cells.join("")}</tr>`;
    })
    .join("\n");
  const caption = grid.title ? `<caption>${esc(grid.title)}</caption>` : "";
  return `<table>${caption}<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody></table>\n`;
}

export interface ChartItem {
  label: string;
  /** The amount as printed (exact): shown beside the bar. */
  text: string;
  /** The amount as a number: the bar's length only. */
  value: number;
  /** Mark the label UNVERIFIED. */
  unverified?: boolean;
}

const CHART_WIDTH = 720;
const LABEL_WIDTH = 250;
const VALUE_WIDTH = 110;
const ROW = 22;
const BAR = 14;

function cut(label: string, max: number): string {
  return [...label].length > max ? [...label].slice(0, max - 1).join("") + "…" : label;
}

/** A number for an SVG attribute: two decimals at most, no exponent. */
const n = (x: number) => String(Math.round(x * 100) / 100);

/**
 * A horizontal bar chart as inline SVG. Unsigned: bars from the left, the
 * largest the full width. Signed (a change): an axis at zero, decreases to
 * its left in green, increases to its right in red. The amount (with its
 * sign) in a column at the right. Scaled on the largest magnitude of
 * `items`: give one currency per chart.
 */
export function barChart(title: string, items: readonly ChartItem[], signed: boolean, showTitle = true): string {
  const plot = CHART_WIDTH - LABEL_WIDTH - VALUE_WIDTH;
  const max = Math.max(0, ...items.map((i) => Math.abs(i.value)));
  const hasNegative = signed && items.some((i) => i.value < 0);
  const hasPositive = items.some((i) => i.value > 0);
  // With both signs, the axis in the middle; with one sign, at the edge the bars grow from.
  const zero = LABEL_WIDTH + (hasNegative && hasPositive ? plot / 2 : hasNegative ? plot : 0);
  const span = hasNegative && hasPositive ? plot / 2 : plot;
  const top = showTitle ? 24 : 6;
  const height = items.length * ROW + top + 6;
  const rows = items.map((item, i) => {
    const y = top + i * ROW;
    const length = max === 0 ? 0 : (Math.abs(item.value) / max) * span;
    const x = item.value < 0 ? zero - length : zero;
    const cls = !signed ? "bar" : item.value > 0 ? "bar up" : item.value < 0 ? "bar down" : "bar";
    const label = esc(cut(escapeText(item.label), 34));
    // The amount in a column of its own at the right: never over a bar or a label.
    const textX = CHART_WIDTH - 4;
    const anchor = "end";
    return (
      `<g><title>${esc(item.label)}: ${esc(item.text)}${item.unverified ? " (UNVERIFIED)" : ""}</title>` +
      `<text x="${LABEL_WIDTH - 8}" y="${y + BAR - 3}" text-anchor="end" class="label">${label}${item.unverified ? ' <tspan class="flag">UNVERIFIED</tspan>' : ""}</text>` +
      `<rect x="${n(x)}" y="${y}" width="${n(length)}" height="${BAR}" class="${cls}"/>` +
      `<text x="${n(textX)}" y="${y + BAR - 3}" text-anchor="${anchor}" class="amount">${esc(item.text)}</text></g>`
    );
  });
  const axis = `<line x1="${n(zero)}" y1="${top - 4}" x2="${n(zero)}" y2="${height - 4}" class="axis"/>`;
  return (
    `<figure class="chart"><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${CHART_WIDTH} ${height}" width="${CHART_WIDTH}" height="${height}" role="img" aria-label="${esc(title)}">` +
    `${showTitle ? `<text x="0" y="13" class="title">${esc(title)}</text>` : ""}${rows.join("")}${axis}</svg></figure>\n`
  );
}

const STYLE = `
:root { --ink: #1b1f23; --muted: #57606a; --rule: #d0d7de; --up: #b42318; --down: #1a7f37; --bar: #2f6fb0; --warn: #9a6700; --warnbg: #fff8c5; }
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--ink); margin: 0 auto; max-width: 1000px; padding: 24px; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 17px; margin: 28px 0 8px; border-bottom: 1px solid var(--rule); padding-bottom: 4px; }
h3 { font-size: 15px; margin: 20px 0 6px; }
.sub { color: var(--muted); margin: 0 0 16px; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; margin: 0 0 12px; }
dl.facts dt { font-weight: 600; }
dl.facts dd { margin: 0; }
.whatif { background: var(--warnbg); border: 1px solid #d4a72c; padding: 8px 12px; border-radius: 4px; margin: 8px 0; }
.scope { border-left: 3px solid var(--rule); padding: 4px 12px; color: var(--muted); }
.scope ul { margin: 4px 0; padding-left: 18px; }
table { border-collapse: collapse; margin: 8px 0 16px; font-variant-numeric: tabular-nums; }
caption { text-align: left; font-weight: 600; padding: 4px 0; }
th, td { border: 1px solid var(--rule); padding: 3px 8px; vertical-align: top; text-align: left; }
th { background: #f6f8fa; }
.num { text-align: right; white-space: nowrap; }
.date { white-space: nowrap; }
.up { color: var(--up); }
.down { color: var(--down); }
.unverified { display: inline-block; font-size: 10px; font-weight: 700; letter-spacing: .03em; color: var(--warn); background: var(--warnbg); border: 1px solid #d4a72c; border-radius: 3px; padding: 0 3px; vertical-align: 1px; }
figure.chart { margin: 8px 0 16px; }
svg { max-width: 100%; height: auto; font: 12px system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; }
svg .title { font-weight: 600; fill: var(--ink); }
svg .label { fill: var(--ink); }
svg .flag { fill: var(--warn); font-size: 9px; font-weight: 700; }
svg .amount { fill: var(--muted); }
svg .bar { fill: var(--bar); }
svg .bar.up { fill: var(--up); }
svg .bar.down { fill: var(--down); }
svg .axis { stroke: var(--muted); stroke-width: 1; }
footer { color: var(--muted); font-size: 12px; margin-top: 32px; border-top: 1px solid var(--rule); padding-top: 8px; }
@media print {
  @page { margin: 14mm; }
  body { max-width: none; padding: 0; font-size: 10pt; }
  h2 { break-after: avoid; }
  table, figure.chart, tr { break-inside: avoid; }
  th { background: none; }
  .whatif, .unverified { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
  svg .bar, svg .bar.up, svg .bar.down { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
}
`;

/** The header facts as a definition list; the what-if line stands out, the duty's scope in full. */
export function headerHtml(items: readonly HeaderItem[]): string {
  const rows = items
    .filter((i) => i.label !== "Duty")
    .map((i) => `<dt>${esc(i.label)}</dt><dd${i.label === "What-if" ? ' class="whatif"' : ""}>${esc(i.text)}</dd>`)
    .join("\n");
  const scope =
    `<div class="scope"><strong>What the duty includes:</strong> ${esc(DUTY_SCOPE.includes)}.` +
    `<br><strong>Not included</strong> (the total owed on an entry is more):<ul>${DUTY_SCOPE.excludes.map((e) => `<li>${esc(e)}</li>`).join("")}</ul></div>`;
  return `<dl class="facts">\n${rows}\n</dl>\n${items.some((i) => i.label === "Duty") ? scope : ""}\n`;
}

/** A whole page: `title`, a line under it, the header facts, then the sections (already HTML). */
export function htmlPage(title: string, subtitle: string, header: readonly HeaderItem[], sections: readonly string[], footer: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="generator" content="tariff">
<title>${esc(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>${esc(title)}</h1>
<p class="sub">${esc(subtitle)}</p>
${headerHtml(header)}</header>
<main>
${sections.join("\n")}
</main>
<footer>${esc(footer)}</footer>
</body>
</html>
`;
}

/** An `<h2>` or `<h3>` heading. */
export function heading(level: 2 | 3, text: string): string {
  return `<h${level}>${esc(text)}</h${level}>\n`;
}

/** A paragraph of plain text. */
export function para(text: string): string {
  return `<p>${esc(text)}</p>\n`;
}
