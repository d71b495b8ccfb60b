/**
 * JSON text → value, keeping positions. The core validates values and speaks in
 * JSON paths; this module turns those paths back into line and column.
 * Values come from JSON.parse (own properties only: a "__proto__" key stays an
 * ordinary key that strict schemas then reject); jsonc-parser supplies offsets.
 * No syntax tree is kept (for a 50 MB schedule it took a gigabyte): the text is
 * scanned once when read (syntax errors, keys given twice; skipped when
 * JSON.parse takes the text and no key is repeated) and once more when
 * diagnostics need lines (every wanted path in one pass).
 */
import { type ParseErrorCode, printParseErrorCode, visit } from "jsonc-parser";
import { type Diagnostic, type Location, type Path, error, quoted } from "../core/diagnostics.js";

export interface JsonDocument {
  file: string;
  text: string;
  value: unknown;
  lineStarts: number[];
  /** Keys given twice in one object (the second and later), with the offset of each repeat. */
  repeatedKeys: { key: string; offset: number }[];
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

/**
 * One pass over the text, outside strings: the deepest nesting of objects and
 * arrays, and the number of keys (in valid JSON a ":" outside strings follows
 * a key, once per key). Counted without recursion.
 */
function shapeOf(text: string): { depth: number; keys: number } {
  let depth = 0;
  let max = 0;
  let keys = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 58) keys++;
    else if (c === 123 || c === 91) max = Math.max(max, ++depth);
    else if (c === 125 || c === 93) depth--;
  }
  return { depth: max, keys };
}

/** The keys of every object in a parsed value, counted without recursion. */
function keysIn(value: unknown): number {
  let keys = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (v === null || typeof v !== "object") continue;
    if (Array.isArray(v)) {
      for (const x of v) if (x !== null && typeof x === "object") stack.push(x);
      continue;
    }
    for (const k in v) {
      keys++;
      const x = (v as Record<string, unknown>)[k];
      if (x !== null && typeof x === "object") stack.push(x);
    }
  }
  return keys;
}

/** A document whose line starts are found when a diagnostic first needs them (most documents have none). */
function documentOf(file: string, text: string, value: unknown, repeatedKeys: JsonDocument["repeatedKeys"], lineStarts?: number[]): JsonDocument {
  let starts = lineStarts;
  return {
    file,
    text,
    value,
    repeatedKeys,
    get lineStarts() {
      return (starts ??= lineStartsOf(text));
    },
  };
}

/** Parses JSON text; on a syntax error, every error found with its line and column. */
export function parseJson(text: string, file: string): { ok: true; doc: JsonDocument; warnings: Diagnostic[] } | { ok: false; errors: Diagnostic[]; text: string } {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const shape = shapeOf(body);
  // Parsers, validators and walkers recurse per nesting level; no schedule needs more than a handful.
  if (shape.depth > MAX_DEPTH) {
    return { ok: false, text: body, errors: [error("json/too-deep", `the JSON is nested more than ${MAX_DEPTH} levels deep: not a schedule or an overlay`, { file, line: 1, column: 1 })] };
  }
  // Valid JSON with every key of an object distinct needs no scan for positions: JSON.parse keeps one of
  // a repeated key, so the value then has fewer keys than the text. Otherwise the scan below finds and
  // locates the syntax error or the repeated keys. (The embedded schedule: 60-90 ms less of `validate default`.)
  if (body.trim() !== "") {
    let quick: unknown;
    let parsed = true;
    try {
      quick = JSON.parse(body);
    } catch {
      parsed = false;
    }
    if (parsed && keysIn(quick) === shape.keys) return { ok: true, doc: documentOf(file, body, quick, []), warnings: [] };
  }
  const lineStarts = lineStartsOf(body);
  const parseErrors: { error: ParseErrorCode; offset: number }[] = [];
  const repeatedKeys: { key: string; offset: number }[] = [];
  const keysOfOpenObjects: Set<string>[] = [];
  try {
    visit(
      body,
      {
        onObjectBegin: () => void keysOfOpenObjects.push(new Set()),
        onObjectEnd: () => void keysOfOpenObjects.pop(),
        onObjectProperty: (key, offset) => {
          const seen = keysOfOpenObjects[keysOfOpenObjects.length - 1];
          if (!seen) return;
          if (seen.has(key)) repeatedKeys.push({ key, offset });
          else seen.add(key);
        },
        onError: (code, offset) => void parseErrors.push({ error: code, offset }),
      },
      { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false },
    );
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
  return { ok: true, doc: documentOf(file, body, value, repeatedKeys, lineStarts), warnings: [] };
}

/** Keys given twice in one object: JSON.parse keeps the last silently, so say so. */
export function duplicateKeys(doc: JsonDocument, code: string): Diagnostic[] {
  return doc.repeatedKeys.map(({ key, offset }) => {
    const { line, column } = positionOf(doc.lineStarts, offset);
    return error(code, `key ${quoted(key)} appears twice in the same object; only one may be given`, { file: doc.file, line, column });
  });
}

/** A trie of the paths being looked for, with the offsets found for them (the first occurrence, as a reader of the text sees it). */
interface Wanted {
  children: Map<string | number, Wanted>;
  /** Offset of the value at this path, once found. */
  offset?: number;
  /** Offset of its key, when the value is an object's property. */
  keyOffset?: number;
}

/** Offsets of every prefix of `paths` that exists in the text: one scan, whatever the number of paths. */
function offsetsOf(doc: JsonDocument, paths: Path[]): Wanted {
  const root: Wanted = { children: new Map() };
  for (const path of paths) {
    let node = root;
    for (const part of path) {
      let next = node.children.get(part);
      if (!next) node.children.set(part, (next = { children: new Map() }));
      node = next;
    }
  }
  // One frame per open object or list: where it is in the trie, the next index (lists) or the key just read (objects).
  type Frame = { at: Wanted | undefined; list: boolean; index: number; key?: string; keyOffset?: number };
  const frames: Frame[] = [];
  const valueAt = (offset: number): Wanted | undefined => {
    const top = frames[frames.length - 1];
    let node: Wanted | undefined;
    let keyOffset: number | undefined;
    if (!top) node = root;
    else if (top.list) node = top.at?.children.get(top.index++);
    else if (top.key !== undefined) {
      node = top.at?.children.get(top.key);
      keyOffset = top.keyOffset;
    }
    if (node && node.offset === undefined) {
      node.offset = offset;
      if (keyOffset !== undefined) node.keyOffset = keyOffset;
    }
    return node;
  };
  const open = (list: boolean) => (offset: number) => void frames.push({ at: valueAt(offset), list, index: 0 });
  visit(
    doc.text,
    {
      onObjectBegin: open(false),
      onArrayBegin: open(true),
      onObjectEnd: () => void frames.pop(),
      onArrayEnd: () => void frames.pop(),
      onObjectProperty: (key, offset) => {
        const top = frames[frames.length - 1]!;
        top.key = key;
        top.keyOffset = offset;
      },
      onLiteralValue: (_value, offset) => void valueAt(offset),
    },
    { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false },
  );
  return root;
}

/** Line and column of the deepest existing prefix of `path`; `atKey` points at the key of the last segment when it exists. */
function positionIn(doc: JsonDocument, found: Wanted, path: Path, atKey: boolean): Pick<Location, "line" | "column"> {
  let offset = found.offset ?? 0;
  let node: Wanted | undefined = found;
  for (let n = 0; n < path.length; n++) {
    node = node.children.get(path[n]!);
    if (node?.offset === undefined) return positionOf(doc.lineStarts, offset);
    offset = node.offset;
    if (atKey && n === path.length - 1 && node.keyOffset !== undefined) offset = node.keyOffset;
  }
  return positionOf(doc.lineStarts, offset);
}

/**
 * Line and column for a JSON path. `atKey` points at the key of the last path
 * segment (for an unknown key) rather than its value. A path that does not
 * exist (a missing key) is located at its deepest existing parent.
 */
export function locate(doc: JsonDocument, path: Path, atKey = false): Pick<Location, "line" | "column"> {
  return positionIn(doc, offsetsOf(doc, [path]), path, atKey);
}

/** Fills line and column of diagnostics that carry only a JSON path in this document (one scan of the text for all of them). */
export function locateAll(doc: JsonDocument, diagnostics: Diagnostic[]): Diagnostic[] {
  const wanted = diagnostics.filter((d) => d.at.file === doc.file && d.at.line === undefined && d.at.path);
  if (wanted.length === 0) return diagnostics;
  const found = offsetsOf(doc, wanted.map((d) => d.at.path!));
  return diagnostics.map((d) => {
    if (d.at.file !== doc.file || d.at.line !== undefined || !d.at.path) return d;
    const underRates = d.at.path[d.at.path.length - 2] === "rates";
    const atKey = d.code.endsWith("/unknown-key") || (underRates && d.code.endsWith("/invalid-id")) || (underRates && (d.code.endsWith("/unknown-sector") || d.code.endsWith("/rate-for-uncovered-sector")));
    return { ...d, at: { ...d.at, ...positionIn(doc, found, d.at.path, atKey) } };
  });
}

/** Diagnostics in file order (line, then column), the order a person fixes them. */
export function byPosition(diagnostics: Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort((a, b) => (a.at.file === b.at.file ? 0 : a.at.file < b.at.file ? -1 : 1) || (a.at.line ?? 0) - (b.at.line ?? 0) || (a.at.column ?? 0) - (b.at.column ?? 0));
}
