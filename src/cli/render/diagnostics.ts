/**
 * The one place diagnostics become text: `file:line:col: error: message [code]`,
 * the offending line with a caret under the fault, then the hint (hledger's
 * layout). JSON output gives the same objects with a JSON Pointer.
 */
import type { ChalkInstance } from "chalk";
import { type Diagnostic, jsonPointer } from "../../core/diagnostics.js";
import { escapeText } from "../../core/escape.js";

export type SourceLines = (file: string, line: number) => string | undefined;

export function renderDiagnostic(d: Diagnostic, color: ChalkInstance, sourceLine?: SourceLines): string {
  const where = [escapeText(d.at.file), d.at.line, d.at.line !== undefined ? d.at.column : undefined].filter((x) => x !== undefined).join(":");
  const label = d.severity === "error" ? color.red.bold("error") : color.yellow.bold("warning");
  // Text from input files (names, ids, keys quoted in messages) is shown escaped: never a raw control character.
  let out = `${color.bold(where)}: ${label}: ${escapeText(d.message)} ${color.dim(`[${d.code}]`)}\n`;
  const text = d.at.line !== undefined && sourceLine ? sourceLine(d.at.file, d.at.line) : undefined;
  if (text !== undefined && d.at.line !== undefined) {
    const gutter = String(d.at.line);
    const shown = text.replace(/\t/g, " ");
    // Long lines (minified JSON) are shown as a window around the fault.
    const column = d.at.column ?? 1;
    const start = column > 100 ? column - 60 : 0;
    const part = shown.slice(start, start + 140);
    const window = (start > 0 ? "..." : "") + escapeText(part) + (shown.length > start + 140 ? "..." : "");
    // The caret goes under the fault as shown: after the escapes of what comes before it.
    const caretAt = escapeText(part.slice(0, Math.max(0, column - 1 - start))).length + (start > 0 ? 3 : 0);
    out += `${color.dim(`${gutter} |`)} ${window}\n`;
    if (d.at.column !== undefined && caretAt <= window.length) {
      out += `${" ".repeat(gutter.length)} ${color.dim("|")} ${" ".repeat(Math.max(0, caretAt))}${color.red("^")}\n`;
    }
  }
  if (d.hint) out += `${color.cyan("hint")}: ${escapeText(d.hint)}\n`;
  return out;
}

export function diagnosticJson(d: Diagnostic): Record<string, unknown> {
  const out: Record<string, unknown> = { code: d.code, severity: d.severity, message: d.message, file: d.at.file };
  if (d.at.line !== undefined) out["line"] = d.at.line;
  if (d.at.column !== undefined) out["column"] = d.at.column;
  if (d.at.path !== undefined) out["pointer"] = jsonPointer(d.at.path);
  if (d.hint !== undefined) out["hint"] = d.hint;
  return out;
}

/** A SourceLines over texts already read (the files a command loaded). */
export function sourceLinesFrom(texts: Map<string, string>): SourceLines {
  const split = new Map<string, string[]>();
  return (file, line) => {
    const text = texts.get(file);
    if (text === undefined) return undefined;
    let lines = split.get(file);
    if (!lines) {
      lines = text.split(/\r\n|\r|\n/); // as lines are counted (io/json.ts lineStartsOf)
      split.set(file, lines);
    }
    return lines[line - 1];
  };
}
