/**
 * A Grid is rows of text cells with a header; the same Grid is drawn as a
 * terminal table, a Markdown table or CSV, so the three formats never disagree.
 */
import type { ChalkInstance } from "chalk";
import Table from "cli-table3";
import { stringify } from "csv-stringify/sync";

export interface Grid {
  title?: string;
  columns: string[];
  /** Right-align columns holding amounts. */
  numeric?: boolean[];
  rows: string[][];
}

export function drawTable(grid: Grid, color: ChalkInstance): string {
  const table = new Table({
    head: grid.columns.map((c) => color.bold(c)),
    style: { head: [], border: [], compact: false },
    colAligns: grid.columns.map((_, i) => (grid.numeric?.[i] ? "right" : "left")),
    wordWrap: false,
  });
  for (const row of grid.rows) table.push(row);
  return (grid.title ? color.bold(grid.title) + "\n" : "") + table.toString() + "\n";
}

function mdCell(text: string): string {
  return text.replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/\r?\n/g, "<br>");
}

export function drawMarkdown(grid: Grid): string {
  const head = `| ${grid.columns.map(mdCell).join(" | ")} |`;
  const rule = `|${grid.columns.map((_, i) => (grid.numeric?.[i] ? " ---: " : " --- ")).join("|")}|`;
  const body = grid.rows.map((r) => `| ${r.map(mdCell).join(" | ")} |`);
  return (grid.title ? `### ${grid.title}\n\n` : "") + [head, rule, ...body].join("\n") + "\n";
}

export function drawCsv(grid: Grid): string {
  return stringify([grid.columns, ...grid.rows], { eof: true, record_delimiter: "unix" });
}

export type GridFormat = "table" | "md" | "csv";

export function drawGrid(grid: Grid, format: GridFormat, color: ChalkInstance): string {
  return format === "table" ? drawTable(grid, color) : format === "md" ? drawMarkdown(grid) : drawCsv(grid);
}
