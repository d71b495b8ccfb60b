/**
 * JSON text → value, keeping positions. The core validates values and speaks in
 * JSON paths; this module turns those paths back into line and column.
 * Values come from JSON.parse (own properties only: a "__proto__" key stays an
 * ordinary key that strict schemas then reject); jsonc-parser supplies offsets.
 */
import { type Node, type ParseError, findNodeAtLocation, parseTree, printParseErrorCode } from "jsonc-parser";
import { type Diagnostic, type Location, type Path, error } from "../core/diagnostics.js";

export interface JsonDocument {
  file: string;
  text: string;
  value: unknown;
  tree: Node | undefined;
  lineStarts: number[];
}

/** Where each line starts: lines end at LF, CRLF or a lone CR (old Mac files), as in CSV files. */
export function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) starts.push(i + 1);
  }
  return starts;
}

export function positionOf(lineStarts: number[], offset: number): { line: number; column: number } {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lineStarts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - lineStarts[lo]! + 1 };
}

const SYNTAX_MESSAGES: Record<string, string> = {
  InvalidSymbol: "unexpected character",
  InvalidNumberFormat: "invalid number",
  PropertyNameExpected: "expected a property name in double quotes",
  ValueExpected: "expected a value",
  ColonExpected: 'expected ":"',
  CommaExpected: 'expected ","',
  CloseBraceExpected: 'expected "}"',
  CloseBracketExpected: 'expected "]"',
  EndOfFileExpected: "expected the end of the file",
  InvalidCommentToken: "comments are not allowed in JSON",
  UnexpectedEndOfComment: "unexpected end of comment",
  UnexpectedEndOfString: "unterminated string",
  UnexpectedEndOfNumber: "unexpected end of number",
  InvalidUnicode: "invalid unicode escape",
  InvalidEscapeCharacter: "invalid escape character",
  InvalidCharacter: "invalid character in string",
};

const MAX_DEPTH = 64;

/** Deepest nesting of objects and arrays, outside strings; counted without recursion. */
function nestingDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) max = Math.max(max, ++depth);
    else if (c === 125 || c === 93) depth--;
  }
  return max;
}

/** Parses JSON text; on a syntax error, every error found with its line and column. */
export function parseJson(text: string, file: string): { ok: true; doc: JsonDocument; warnings: Diagnostic[] } | { ok: false; errors: Diagnostic[]; text: string } {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const lineStarts = lineStartsOf(body);
  // Parsers, validators and walkers recurse per nesting level; no schedule needs more than a handful.
  if (nestingDepth(body) > MAX_DEPTH) {
    return { ok: false, text: body, errors: [error("json/too-deep", `the JSON is nested more than ${MAX_DEPTH} levels deep: not a schedule or an overlay`, { file, line: 1, column: 1 })] };
  }
  const parseErrors: ParseError[] = [];
  let tree: Node | undefined;
  try {
    tree = parseTree(body, parseErrors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  } catch (e) {
    // jsonc-parser recurses per nesting level: thousands of levels exhaust the stack. No schedule is nested that deep.
    if (e instanceof RangeError) return { ok: false, text: body, errors: [error("json/too-deep", "the JSON is nested too deeply to be a schedule or an overlay", { file, line: 1, column: 1 })] };
    throw e;
  }
  // Only the first syntax error: the ones after it are mostly its echoes.
  const syntax = parseErrors.slice(0, 1).map((e) => {
    const { line, column } = positionOf(lineStarts, e.offset);
    const name = printParseErrorCode(e.error);
    return error("json/syntax", `invalid JSON: ${SYNTAX_MESSAGES[name] ?? name}`, { file, line, column });
  });
  if (body.trim() === "") return { ok: false, text: body, errors: [error("json/empty", "the file is empty: expected a JSON object", { file, line: 1, column: 1 })] };
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (e) {
    if (syntax.length === 0) syntax.push(error("json/syntax", `invalid JSON: ${(e as Error).message}`, { file, line: 1, column: 1 }));
  }
  if (syntax.length > 0) return { ok: false, errors: syntax, text: body };
  const doc: JsonDocument = { file, text: body, value, tree, lineStarts };
  return { ok: true, doc, warnings: [] };
}

/** Keys given twice in one object: JSON.parse keeps the last silently, so say so. */
export function duplicateKeys(doc: JsonDocument, code: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  const walk = (node: Node | undefined): void => {
    if (!node) return;
    if (node.type === "object") {
      const seen = new Set<string>();
      for (const prop of node.children ?? []) {
        const key = prop.children?.[0];
        if (key && typeof key.value === "string") {
          if (seen.has(key.value)) {
            const { line, column } = positionOf(doc.lineStarts, key.offset);
            out.push(error(code, `key "${key.value}" appears twice in the same object; only one may be given`, { file: doc.file, line, column }));
          }
          seen.add(key.value);
        }
        walk(prop.children?.[1]);
      }
    } else if (node.type === "array") for (const child of node.children ?? []) walk(child);
  };
  walk(doc.tree);
  return out;
}

/**
 * Line and column for a JSON path. `atKey` points at the key of the last path
 * segment (for an unknown key) rather than its value. A path that does not
 * exist (a missing key) is located at its deepest existing parent.
 */
export function locate(doc: JsonDocument, path: Path, atKey = false): Pick<Location, "line" | "column"> {
  if (!doc.tree) return { line: 1, column: 1 };
  for (let n = path.length; n >= 0; n--) {
    const node = findNodeAtLocation(doc.tree, path.slice(0, n));
    if (!node) continue;
    let offset = node.offset;
    if (atKey && n === path.length && node.parent?.type === "property" && node.parent.children?.[0]) offset = node.parent.children[0].offset;
    return positionOf(doc.lineStarts, offset);
  }
  return { line: 1, column: 1 };
}

/** Fills line and column of diagnostics that carry only a JSON path in this document. */
export function locateAll(doc: JsonDocument, diagnostics: Diagnostic[]): Diagnostic[] {
  return diagnostics.map((d) => {
    if (d.at.file !== doc.file || d.at.line !== undefined || !d.at.path) return d;
    const underRates = d.at.path[d.at.path.length - 2] === "rates";
    const atKey = d.code.endsWith("/unknown-key") || (underRates && d.code.endsWith("/invalid-id")) || (underRates && (d.code.endsWith("/unknown-sector") || d.code.endsWith("/rate-for-uncovered-sector")));
    return { ...d, at: { ...d.at, ...locate(doc, d.at.path, atKey) } };
  });
}

/** Diagnostics in file order (line, then column), the order a person fixes them. */
export function byPosition(diagnostics: Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort((a, b) => (a.at.file === b.at.file ? 0 : a.at.file < b.at.file ? -1 : 1) || (a.at.line ?? 0) - (b.at.line ?? 0) || (a.at.column ?? 0) - (b.at.column ?? 0));
}
