/**
 * io/json.ts: valid JSON whose keys are all distinct is taken by JSON.parse
 * alone (no scan for positions); anything else is scanned, so repeated keys
 * and syntax errors are still found and located. Both paths give the same
 * document: the property test compares the quick answer with the scanned one.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { duplicateKeys, parseJson, positionOf } from "../../src/io/json.js";

const ok = (text: string) => {
  const r = parseJson(text, "f.json");
  if (!r.ok) throw new Error(r.errors[0]!.message);
  return r.doc;
};

describe("parseJson", () => {
  it("a key repeated in a nested object is found and located, whatever colons the strings hold", () => {
    const doc = ok('{"a": "x:y", "b": {"c:": 1,\n "c:": 2}, "d": [{"e": ":"}]}');
    expect(doc.repeatedKeys.map((k) => k.key)).toEqual(["c:"]);
    expect(duplicateKeys(doc, "schedule/repeated-key")[0]!.at).toEqual({ file: "f.json", line: 2, column: 2 });
  });

  it("distinct keys: no repeated key, lines found when asked (CR, LF, CRLF)", () => {
    const doc = ok('{"a": 1,\r\n"b": "\\":",\r"c": {"__proto__": 1, "a": 2}}');
    expect(doc.repeatedKeys).toEqual([]);
    expect(doc.value).toEqual(JSON.parse('{"a": 1, "b": "\\":", "c": {"__proto__": 1, "a": 2}}'));
    expect(positionOf(doc.lineStarts, doc.text.indexOf('"c"'))).toEqual({ line: 3, column: 1 });
  });

  it("a syntax error is still located", () => {
    const r = parseJson('{"a": 1,\n "b": }', "f.json");
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]).toMatchObject({ code: "json/syntax", at: { file: "f.json", line: 2, column: 7 } });
  });

  it("property: an object with keys drawn from a few names (often repeated) gives the repeats a scan finds", () => {
    const key = fc.constantFrom("a", "b", "c:", "\\\"", "__proto__");
    const leaf = fc.oneof(fc.integer(), fc.constantFrom('"x"', '":"', "null", "[]", "{}"));
    const obj = fc.letrec((tie) => ({
      node: fc.oneof({ depthSize: "small", withCrossShrink: true }, leaf, tie("object"), tie("array")),
      array: fc.array(tie("node"), { maxLength: 3 }).map((xs) => `[${xs.join(",")}]`),
      object: fc.array(fc.tuple(key, tie("node")), { maxLength: 4 }).map((kv) => `{${kv.map(([k, v]) => `"${k}":${v}`).join(",")}}`),
    })).object;
    fc.assert(
      fc.property(obj, (text) => {
        const doc = ok(text);
        // The repeats, counted by hand: for each object, keys seen before in it.
        const expected = countRepeats(text);
        expect(doc.repeatedKeys.length).toBe(expected);
        expect(doc.value).toEqual(JSON.parse(text));
      }),
    );
  });
});

/** Repeated keys per object, from a plain recursive reading of the text (test oracle; small inputs). */
function countRepeats(text: string): number {
  let i = 0;
  let repeats = 0;
  const ws = () => {
    while (/\s/.test(text[i] ?? "")) i++;
  };
  const str = (): string => {
    const start = i;
    i++;
    while (text[i] !== '"') i += text[i] === "\\" ? 2 : 1;
    i++;
    return JSON.parse(text.slice(start, i)) as string;
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === "{") {
      i++;
      const seen = new Set<string>();
      ws();
      while (text[i] !== "}") {
        ws();
        const k = str();
        if (seen.has(k)) repeats++;
        seen.add(k);
        ws();
        i++; // :
        value();
        ws();
        if (text[i] === ",") i++;
        ws();
      }
      i++;
    } else if (c === "[") {
      i++;
      ws();
      while (text[i] !== "]") {
        value();
        ws();
        if (text[i] === ",") i++;
        ws();
      }
      i++;
    } else if (c === '"') str();
    else while (i < text.length && !/[,\]}\s]/.test(text[i]!)) i++;
  };
  value();
  return repeats;
}
