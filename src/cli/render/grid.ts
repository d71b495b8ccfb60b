/**
 * A Grid is rows of text cells with a header; the same Grid is drawn as a
 * terminal table, a Markdown table or CSV, so the three formats never disagree.
 *
 * On a terminal the table is fitted to its width (render/context.ts's
 * `outputWidth`): long cells wrap (at spaces, long words after punctuation),
 * the columns a grid names in `drop` are left out, least needed first, when
 * the rest would not be readable, and below that a table becomes a list of
 * records, so the box drawing is never wider than the terminal. Markdown and
 * CSV always hold every column.
 */
import type { ChalkInstance } from "chalk";
import Table from "cli-table3";
import { stringify } from "csv-stringify/sync";
import { escapeText } from "../../core/escape.js";
import type { Terminal } from "../context.js";
import { blockWidth, displayWidth, longestWord, wrapText } from "./text-width.js";
import { type Bars, barCell, barWidth, scaleOf } from "./bars.js";

export type { Bars } from "./bars.js";

export interface Grid {
  title?: string;
  columns: string[];
  /** Right-align columns holding amounts. */
  numeric?: boolean[];
  rows: string[][];
  /** A colour for some cells, on a terminal (per row, per column); text from files never carries its own. */
  tones?: Tone[][];
  /**
   * Columns (indices) that may be left out on a narrow terminal, least
   * needed first; `"bars"` is the bar column. Columns not named always stay.
   */
  drop?: (number | "bars")[];
  /** Per column, the width it should keep before a column is left out (default: 16 for text, the longest number for amounts). */
  comfort?: (number | undefined)[];
  /** A bar chart beside the numbers, on a terminal only (Markdown and CSV hold the numbers alone). */
  bars?: Bars;
}

export type Tone = "red" | "green" | undefined;

/**
 * A cell's text for a person: characters from input files that would drive
 * the terminal or hide (see core/escape.ts) shown escaped, line by line (a
 * cell's own line breaks stay: multi-line cells are drawn on several lines).
 */
function safeCell(text: string): string {
  return text.includes("\n") ? text.split("\n").map(escapeText).join("\n") : escapeText(text);
}

/** A cell below this many columns is not readable: a table that needs narrower ones becomes a list. */
const MIN_TEXT = 6;
/** Words up to this long are not broken in a squeezed table (dates, short ids). */
const MIN_WORD = 10;
/** Text columns are squeezed to this before any column is left out. */
const COMFORT_TEXT = 16;

interface Column {
  /** Index in the grid, or -1 for the bar column. */
  index: number;
  head: string;
  cells: string[];
  numeric: boolean;
  natural: number;
  comfort: number;
  min: number;
}

function textColumn(index: number, head: string, cells: string[], numeric: boolean, comfort: number | undefined): Column {
  const natural = Math.max(blockWidth(head), ...cells.map(blockWidth));
  // Amounts are never broken inside; they may go to a line of their own (`10000.00 USD` → two lines).
  const words = Math.max(longestWord(head), ...cells.map(longestWord));
  if (numeric) return { index, head, cells, numeric, natural, comfort: Math.min(natural, Math.max(words, comfort ?? 0)), min: words };
  // A word (a date, an id) is broken only below its comfortable width, and not below MIN_WORD.
  return { index, head, cells, numeric, natural, comfort: Math.min(natural, comfort ?? COMFORT_TEXT), min: Math.min(natural, Math.max(MIN_TEXT, Math.min(words, MIN_WORD))) };
}

/** Width of a table whose columns' text is `widths` wide: a space each side and a rule between. */
const tableWidth = (widths: number[]) => widths.reduce((a, b) => a + b, 0) + 3 * widths.length + 1;

export interface Layout {
  /** The columns drawn, with their text width; index -1 is the bar column. */
  columns: { index: number; width: number }[];
  /** Grid columns left out (indices), and whether the bars were. */
  dropped: number[];
  barsDropped: boolean;
}

/**
 * Which columns to draw and how wide, to fit `width` terminal columns; undefined
 * when even the narrowest table would not fit (the grid is then drawn as records).
 */
export function fitColumns(grid: Grid, width: number | undefined): Layout | undefined {
  const all: Column[] = grid.columns.map((head, i) => textColumn(i, safeCell(head), grid.rows.map((r) => safeCell(r[i] ?? "")), grid.numeric?.[i] === true, grid.comfort?.[i]));
  if (grid.bars) {
    // As wide as BAR_WIDTH where there is room; squeezed to 10, then 5, before the table becomes a list.
    const natural = barWidth(grid.bars, undefined);
    const bar: Column = { index: -1, head: grid.bars.title, cells: [], numeric: false, natural: Math.max(natural, displayWidth(grid.bars.title)), comfort: Math.max(barWidth(grid.bars, 10), displayWidth(grid.bars.title)), min: barWidth(grid.bars, 5) };
    all.splice(grid.bars.after + 1, 0, bar);
  }
  if (width === undefined) return { columns: all.map((c) => ({ index: c.index, width: c.natural })), dropped: [], barsDropped: false };
  let shown = all;
  const dropOrder = [...(grid.bars && !grid.drop?.includes("bars") ? ["bars" as const] : []), ...(grid.drop ?? [])];
  const dropped: number[] = [];
  let barsDropped = false;
  const sum = (key: "comfort" | "min") => tableWidth(shown.map((c) => c[key]));
  while (sum("comfort") > width && dropOrder.length > 0) {
    const next = dropOrder.shift()!;
    const index = next === "bars" ? -1 : next;
    if (!shown.some((c) => c.index === index)) continue;
    shown = shown.filter((c) => c.index !== index);
    if (index === -1) barsDropped = true;
    else dropped.push(index);
  }
  let widths: number[];
  if (sum("comfort") <= width) widths = shown.map((c) => c.comfort);
  else if (sum("min") <= width) widths = shown.map((c) => c.min);
  else return undefined;
  // Room left goes first to columns below their comfortable width, then towards their natural width.
  widths = share(widths, shown.map((c) => c.comfort), width - tableWidth(widths));
  widths = share(widths, shown.map((c) => c.natural), width - tableWidth(widths));
  return { columns: shown.map((c, i) => ({ index: c.index, width: widths[i]! })), dropped: dropped.sort((a, b) => a - b), barsDropped };
}

/**
 * `extra` columns shared among columns below their natural width: first to
 * those that need least to be whole (each fewer wrapped lines), then what is
 * left in proportion to what each still lacks, the odd columns to the
 * furthest from whole.
 */
export function share(widths: number[], naturals: number[], extra: number): number[] {
  const out = [...widths];
  if (extra <= 0) return out;
  const order = out.map((_, i) => i).filter((i) => naturals[i]! > out[i]!).sort((a, b) => naturals[a]! - out[a]! - (naturals[b]! - out[b]!) || a - b);
  let left = extra;
  let k = 0;
  for (; k < order.length; k++) {
    const i = order[k]!;
    const deficit = naturals[i]! - out[i]!;
    if (deficit * (order.length - k) > left) break;
    out[i] = naturals[i]!;
    left -= deficit;
  }
  const rest = order.slice(k);
  const lacking = rest.reduce((a, i) => a + naturals[i]! - out[i]!, 0);
  if (lacking === 0 || left <= 0) return out;
  let given = 0;
  for (const i of rest) {
    const add = Math.floor((left * (naturals[i]! - out[i]!)) / lacking);
    out[i]! += add;
    given += add;
  }
  for (let j = rest.length - 1; given < left && j >= 0; j--, given++) out[rest[j]!]!++;
  return out;
}

function paint(color: ChalkInstance, tone: Tone, text: string): string {
  return tone ? color[tone](text) : text;
}

/** The bar column's cells, scaled per group (currency), `width` columns wide. */
function barCells(bars: Bars, width: number, unicode: boolean): string[] {
  const scale = scaleOf(bars);
  return bars.values.map((v, r) => (v === undefined ? "" : barCell(v, scale.get(bars.groups[r] ?? "") ?? 0, width, bars.signed, unicode)));
}

export function drawTable(grid: Grid, term: Terminal): string {
  const { color } = term;
  const title = grid.title ? wrapText(safeCell(grid.title), term.width ?? Number.MAX_SAFE_INTEGER).map((l) => color.bold(l)).join("\n") + "\n" : "";
  const layout = fitColumns(grid, term.width);
  if (!layout) return title + drawRecords(grid, term);
  const bars = grid.bars ? barCells(grid.bars, barWidth(grid.bars, layout.columns.find((c) => c.index === -1)?.width ?? 1), term.unicode) : [];
  // A cell of several lines (several duties) hangs each line's continuation, so that its own lines stand out.
  const fit = (text: string, w: number) => (term.width === undefined ? text : wrapText(text, w, text.includes("\n") ? 2 : 0).join("\n"));
  const table = new Table({
    head: layout.columns.map((c) => color.bold(fit(c.index === -1 ? grid.bars!.title : safeCell(grid.columns[c.index]!), c.width))),
    style: { head: [], border: [], compact: false },
    colAligns: layout.columns.map((c) => (c.index !== -1 && grid.numeric?.[c.index] ? "right" : "left")),
    wordWrap: false,
  });
  grid.rows.forEach((row, r) =>
    table.push(
      layout.columns.map((c) => {
        if (c.index === -1) return paint(color, grid.bars!.signed ? signTone(grid.bars!.values[r]) : undefined, bars[r] ?? "");
        return paint(color, grid.tones?.[r]?.[c.index], fit(safeCell(row[c.index] ?? ""), c.width));
      }),
    ),
  );
  return title + table.toString() + "\n" + droppedNote(grid, layout, term.width);
}

function signTone(v: number | undefined): Tone {
  return v === undefined || v === 0 ? undefined : v > 0 ? "red" : "green";
}

function droppedNote(grid: Grid, layout: Layout, width: number | undefined): string {
  if (layout.dropped.length === 0) return "";
  const names = layout.dropped.map((i) => grid.columns[i]!).join(", ");
  return wrapText(`(not shown, to fit ${width} columns: ${escapeText(names)}; --format md or a wider terminal shows every column)`, width ?? Number.MAX_SAFE_INTEGER).join("\n") + "\n";
}

/**
 * A grid too wide for the terminal as a list: one block per row, a
 * `Column: value` line per cell, values wrapped under themselves (or below
 * the name when there is no room beside it). No box to break.
 */
function drawRecords(grid: Grid, term: Terminal): string {
  const width = Math.max(1, term.width ?? Number.MAX_SAFE_INTEGER);
  const names = grid.columns.map(safeCell);
  const blocks = grid.rows.map((row, r) => {
    const lines: string[] = [];
    names.forEach((name, c) => {
      const text = safeCell(row[c] ?? "");
      if (text === "") return;
      const label = `${name}: `;
      const room = width - displayWidth(label);
      const tone = grid.tones?.[r]?.[c];
      if (room >= MIN_TEXT) {
        const wrapped = wrapText(text, room);
        lines.push(label + paint(term.color, tone, wrapped[0]!));
        for (const more of wrapped.slice(1)) lines.push(" ".repeat(displayWidth(label)) + paint(term.color, tone, more));
      } else {
        lines.push(...wrapText(`${name}:`, width).map((l) => term.color.bold(l)));
        for (const part of wrapText(text, width - 2)) lines.push("  " + paint(term.color, tone, part));
      }
    });
    return lines.join("\n") + "\n";
  });
  return blocks.join("\n");
}

function mdCell(text: string): string {
  // Markdown's own escapes first, so that the backslash of an escape such as \x1b is not doubled.
  return safeCell(text.replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/\r\n/g, "\n")).replace(/\n/g, "<br>");
}

export function drawMarkdown(grid: Grid): string {
  const head = `| ${grid.columns.map(mdCell).join(" | ")} |`;
  const rule = `|${grid.columns.map((_, i) => (grid.numeric?.[i] ? " ---: " : " --- ")).join("|")}|`;
  const body = grid.rows.map((r) => `| ${r.map(mdCell).join(" | ")} |`);
  return (grid.title ? `### ${safeCell(grid.title)}\n\n` : "") + [head, rule, ...body].join("\n") + "\n";
}

export function drawCsv(grid: Grid): string {
  return stringify([grid.columns, ...grid.rows], { eof: true, record_delimiter: "unix" });
}

export type GridFormat = "table" | "md" | "csv";

export function drawGrid(grid: Grid, format: GridFormat, term: Terminal): string {
  return format === "table" ? drawTable(grid, term) : format === "md" ? drawMarkdown(grid) : drawCsv(grid);
}
