/**
 * A Grid is rows of text cells with a header; the same Grid is drawn as a
 * terminal table, a Markdown table or CSV, so the three formats never disagree.
 */
import type { ChalkInstance } from "chalk";
import Table from "cli-table3";
import { stringify } from "csv-stringify/sync";
import { escapeText } from "../../core/escape.js";

export interface Grid {
  title?: string;
  columns: string[];
  /** Right-align columns holding amounts. */
  numeric?: boolean[];
  rows: string[][];
  /** A colour for some cells, on a terminal (per row, per column); text from files never carries its own. */
  tones?: Tone[][];
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

export function drawTable(grid: Grid, color: ChalkInstance): string {
  const table = new Table({
    head: grid.columns.map((c) => color.bold(c)),
    style: { head: [], border: [], compact: false },
    colAligns: grid.columns.map((_, i) => (grid.numeric?.[i] ? "right" : "left")),
    wordWrap: false,
  });
  grid.rows.forEach((row, r) =>
    table.push(
      row.map((cell, c) => {
        const tone = grid.tones?.[r]?.[c];
        return tone ? color[tone](safeCell(cell)) : safeCell(cell);
      }),
    ),
  );
  return (grid.title ? color.bold(safeCell(grid.title)) + "\n" : "") + table.toString() + "\n";
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

export function drawGrid(grid: Grid, format: GridFormat, color: ChalkInstance): string {
  return format === "table" ? drawTable(grid, color) : format === "md" ? drawMarkdown(grid) : drawCsv(grid);
}
