/**
 * io/json.ts: JSON text → value with positions. The core speaks in JSON paths;
 * these tests pin the line and column each path turns into (1-based), and the
 * position of syntax errors.
 */
import { describe, expect, it } from "vitest";
import type { Diagnostic, Path } from "../../../src/core/diagnostics.js";
import { validateSchedule } from "../../../src/core/schedule/validate.js";
import { type JsonDocument, byPosition, duplicateKeys, locate, locateAll, parseJson, positionOf, lineStartsOf } from "../../../src/io/json.js";

function doc(text: string, file = "t.json"): JsonDocument {
  const r = parseJson(text, file);
  if (!r.ok) throw new Error(`not JSON: ${r.errors.map((e) => e.message).join("; ")}`);
  expect(r.warnings).toEqual([]);
  return r.doc;
}

function at(code: string, path: Path, file = "t.json"): Diagnostic {
  return { code, severity: "error", message: "m", at: { file, path } };
}

/** Line and column that locateAll gives a diagnostic with this code and path. */
function where(d: JsonDocument, code: string, path: Path): [number | undefined, number | undefined] {
  const [located] = locateAll(d, [at(code, path, d.file)]);
  return [located!.at.line, located!.at.column];
}

// Columns counted by hand under each line:
//          1        10        20        30
//          123456789012345678901234567890
const TEXT = [
  "{", //                                         line 1
  '  "format": "tariff-schedule/1",', //          line 2
  '  "measures": [', //                           line 3
  "    {", //                                     line 4: measures[0] at col 5
  '      "id": "us-steel",', //                   line 5: key col 7, value col 13
  '      "periods": [{ "from": "2025-03-12", "rate": 50 }]', // line 6
  "    }", //
  "  ]", //
  "}", //
].join("\n");
// line 6: `      "periods": [{ "from": "2025-03-12", "rate": 50 }]`
//          key "periods" col 7, `[` col 18, `{` col 19, "from" key col 21, its value col 29,
//          "rate" key col 43, 50 at col 51

describe("parseJson + locateAll", () => {
  const d = doc(TEXT);

  it("parses the value", () => {
    expect(d.value).toEqual({ format: "tariff-schedule/1", measures: [{ id: "us-steel", periods: [{ from: "2025-03-12", rate: 50 }] }] });
  });

  it.each<[string, Path, [number, number]]>([
    ["a top-level value", ["format"], [2, 13]],
    ["an object in a list", ["measures", 0], [4, 5]],
    ["a string value", ["measures", 0, "id"], [5, 13]],
    ["a list", ["measures", 0, "periods"], [6, 18]],
    ["an object inside a list on one line", ["measures", 0, "periods", 0], [6, 19]],
    ["a value on a long line", ["measures", 0, "periods", 0, "from"], [6, 29]],
    ["a number value", ["measures", 0, "periods", 0, "rate"], [6, 51]],
    ["the root", [], [1, 1]],
  ])("points at %s", (_what, path, expected) => {
    expect(where(d, "schedule/wrong-type", path)).toEqual(expected);
  });

  it("points at the key, not the value, for an unknown key", () => {
    expect(where(d, "schedule/unknown-key", ["measures", 0, "id"])).toEqual([5, 7]);
    expect(where(d, "schedule/unknown-key", ["measures", 0, "periods", 0, "rate"])).toEqual([6, 43]);
  });

  it("points at the key for an unknown sector used as a key of rates", () => {
    const r = doc('{\n  "rates": { "enrgy": "10%" }\n}');
    expect(where(r, "schedule/unknown-sector", ["rates", "enrgy"])).toEqual([2, 14]);
    // So does a sector that exists but is not covered: the key is the fault.
    expect(where(r, "schedule/rate-for-uncovered-sector", ["rates", "enrgy"])).toEqual([2, 14]);
    // Any other code on the same path points at the value.
    expect(where(r, "schedule/invalid-rate", ["rates", "enrgy"])).toEqual([2, 23]);
  });

  it("points at the parent object for a missing key (its path is the parent's)", () => {
    expect(where(d, "schedule/missing-key", ["measures", 0])).toEqual([4, 5]);
  });

  it("falls back to the deepest existing parent for a path that does not exist", () => {
    expect(where(d, "schedule/wrong-type", ["measures", 0, "label"])).toEqual([4, 5]);
    expect(where(d, "schedule/wrong-type", ["measures", 7, "id"])).toEqual([3, 15]);
  });

  it("leaves alone diagnostics of another file, with a line already, or without a path", () => {
    const others: Diagnostic[] = [
      at("x", ["format"], "other.json"),
      { code: "x", severity: "error", message: "m", at: { file: "t.json", line: 9, column: 9, path: ["format"] } },
      { code: "x", severity: "error", message: "m", at: { file: "t.json" } },
    ];
    expect(locateAll(d, others)).toEqual(others);
  });

  it("keeps the path when it adds line and column", () => {
    expect(locateAll(d, [at("schedule/wrong-type", ["format"])])).toEqual([
      { code: "schedule/wrong-type", severity: "error", message: "m", at: { file: "t.json", path: ["format"], line: 2, column: 13 } },
    ]);
  });

  it("locates the diagnostics of validateSchedule in the text they came from", () => {
    const text = [
      "{",
      '  "format": "tariff-schedule/1", "id": "t", "version": "1", "title": "t", "asOf": "2026-01-01",',
      '  "sectors": [{ "id": "steel", "label": "Steel", "hs": ["72"] }],',
      '  "measures": [',
      '    { "id": "m", "label": "M", "importer": "US", "origins": ["CA"], "authority": "EO",',
      '      "sectors": ["stel"],',
      '      "perods": [],',
      '      "periods": [{ "from": "2025-03-12", "rate": "-5%" }] }',
      "  ]",
      "}",
    ].join("\n");
    const d2 = doc(text, "s.json");
    const r = validateSchedule(d2.value, "s.json");
    if (r.ok) throw new Error("expected errors");
    const located = byPosition(locateAll(d2, r.errors)).map((e) => [e.code, e.at.line, e.at.column]);
    expect(located).toEqual([
      ["schedule/unknown-sector", 6, 19],
      ["schedule/unknown-key", 7, 7],
      ["schedule/invalid-rate", 8, 51],
    ]);
  });

  it("reports a missing key at the object's opening brace", () => {
    const text = '{\n  "format": "tariff-schedule/1", "id": "t", "version": "1", "title": "t", "asOf": "2026-01-01",\n  "sectors": [\n    { "id": "steel", "hs": ["72"] }\n  ],\n  "measures": []\n}';
    const d2 = doc(text, "s.json");
    const r = validateSchedule(d2.value, "s.json");
    if (r.ok) throw new Error("expected errors");
    expect(locateAll(d2, r.errors).map((e) => [e.code, e.message, e.at.line, e.at.column])).toEqual([
      ["schedule/missing-key", 'missing required key "label" in sectors[0]', 4, 5],
    ]);
  });
});

describe("parseJson: text that is not a JSON document", () => {
  it.each<[string, string, string, number, number]>([
    ["a missing comma", '{\n  "a": 1\n  "b": 2\n}', 'invalid JSON: expected ","', 3, 3],
    ["a trailing comma", '{\n  "a": 1,\n  "b": [1, 2,]\n}', "invalid JSON: expected a value", 3, 14],
    ["a comment", '{"a": 1} // note', "invalid JSON: comments are not allowed in JSON", 1, 10],
    ["text after the value", '{"a": 1} x', "invalid JSON: unexpected character", 1, 10],
    ["an unclosed list", "[1, 2", 'invalid JSON: expected "]"', 1, 6],
    ["a CRLF file", '\r\n{\r\n  "a": x\r\n}', "invalid JSON: unexpected character", 3, 8],
    ["single quotes", "{\n  'a': 1\n}", "invalid JSON: unexpected character", 2, 3],
  ])("%s: the first error, with line and column", (_what, text, message, line, column) => {
    expect(parseJson(text, "t.json")).toEqual({
      ok: false,
      text,
      errors: [{ code: "json/syntax", severity: "error", message, at: { file: "t.json", line, column } }],
    });
  });

  it.each([
    ["empty", ""],
    ["blank", "  \n \n"],
  ])("an %s file is json/empty at 1:1", (_what, text) => {
    expect(parseJson(text, "t.json")).toEqual({
      ok: false,
      text,
      errors: [{ code: "json/empty", severity: "error", message: "the file is empty: expected a JSON object", at: { file: "t.json", line: 1, column: 1 } }],
    });
  });
});

describe("parseJson: a byte order mark", () => {
  it("is dropped: the value parses and columns do not count it", () => {
    const d = doc('\uFEFF{\n  "a": { "b": 1 }\n}');
    expect(d.value).toEqual({ a: { b: 1 } });
    expect(d.text.startsWith("{")).toBe(true);
    expect(locate(d, ["a", "b"])).toEqual({ line: 2, column: 15 });
  });

  it("on line 1, a fault's column is counted from the first real character", () => {
    const d = doc('\uFEFF{ "a": 1 }');
    expect(locate(d, ["a"])).toEqual({ line: 1, column: 8 });
    expect(parseJson('\uFEFF{ "a": x }', "t.json")).toMatchObject({ ok: false, errors: [{ code: "json/syntax", at: { line: 1, column: 8 } }] });
  });
});

describe("duplicateKeys", () => {
  it("finds a key given twice, at its second occurrence, in nested objects and lists too", () => {
    const d = doc('{\n  "a": 1,\n  "list": [{ "c": 1, "c": 2 }],\n  "a": 3\n}');
    expect(duplicateKeys(d, "schedule/duplicate-key")).toEqual([
      { code: "schedule/duplicate-key", severity: "error", message: 'key "c" appears twice in the same object; only one may be given', at: { file: "t.json", line: 3, column: 22 } },
      { code: "schedule/duplicate-key", severity: "error", message: 'key "a" appears twice in the same object; only one may be given', at: { file: "t.json", line: 4, column: 3 } },
    ]);
  });

  it("does not count the same key in two different objects", () => {
    expect(duplicateKeys(doc('[{ "id": 1 }, { "id": 2 }]'), "schedule/duplicate-key")).toEqual([]);
  });

  it("uses the code it is given", () => {
    expect(duplicateKeys(doc('{"x": 1, "x": 1}'), "overlay/duplicate-key").map((e) => e.code)).toEqual(["overlay/duplicate-key"]);
  });
});

describe("positionOf", () => {
  it("maps offsets to 1-based line and column", () => {
    const starts = lineStartsOf("ab\ncd\n\nef");
    expect([0, 1, 2, 3, 5, 6, 7, 8].map((o) => positionOf(starts, o))).toEqual([
      { line: 1, column: 1 },
      { line: 1, column: 2 },
      { line: 1, column: 3 },
      { line: 2, column: 1 },
      { line: 2, column: 3 },
      { line: 3, column: 1 },
      { line: 4, column: 1 },
      { line: 4, column: 2 },
    ]);
  });
});
