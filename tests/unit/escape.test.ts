/** What we print is safe (issue #13, item 6): one escaping function, one formula rule, ASCII-only case. */
import { describe, expect, it } from "vitest";
import { asciiLowerCase, asciiUpperCase } from "../../src/core/ascii.js";
import { escapeText, visiblePart } from "../../src/core/escape.js";
import { neutralizeFormula } from "../../src/cli/render/csv-row.js";

describe("escapeText", () => {
  it.each([
    ["plain text, accents and symbols stay", "Zoë's 12\" pipe → 25% × 1.5 €", "Zoë's 12\" pipe → 25% × 1.5 €"],
    ["ESC of an ANSI sequence", "\u001b[31mred\u001b[0m", "\\x1b[31mred\\x1b[0m"],
    ["other C0 controls, DEL, a C1 control", "a\u0000b\u0007c\td\ne\rf\u007fg\u0085h", "a\\x00b\\x07c\\x09d\\x0ae\\x0df\\x7fg\\x85h"],
    ["zero-width space, joiner, BOM, soft hyphen", "da\u200bte\u200d\ufeff\u00ad", "da\\u200bte\\u200d\\ufeff\\xad"], // below U+0100 as \\xNN, as JavaScript writes it
    ["bidirectional override and isolate", "abc\u202edef\u2066", "abc\\u202edef\\u2066"],
    ["line separator, no-break space, ideographic space", "a\u2028b\u00a0c\u3000d", "a\\u2028b\\xa0c\\u3000d"],
    ["private use (astral) and a lone surrogate", "x\u{f0000}y\ud800z", "x\\u{f0000}y\\ud800z"],
  ])("%s", (_name, text, shown) => {
    expect(escapeText(text)).toBe(shown);
  });

  it("visiblePart drops what escapeText would escape", () => {
    expect(visiblePart("da\u200bte\u0007")).toBe("date");
  });
});

describe("neutralizeFormula (CSV outputs, README: Spreadsheet formulas)", () => {
  it.each([
    ["=1+2", "'=1+2"], ["+cmd", "'+cmd"], ["+1", "'+1"], ["@SUM(A1)", "'@SUM(A1)"], ["\tx", "'\tx"], ["\rx", "'\rx"],
    ["-x", "'-x"], ["--1", "'--1"], ["-.5", "'-.5"],
    ["-12", "-12"], ["-0.50", "-0.50"], ["-", "-"], ["", ""], ["A=1", "A=1"], ["INV-001", "INV-001"],
  ])("%j → %j", (text, out) => {
    expect(neutralizeFormula(text)).toBe(out);
  });
});

describe("ASCII case: no Unicode folding", () => {
  it.each([["ca", "CA"], ["ß", "ß"], ["ﬀ", "ﬀ"], ["uſ", "Uſ"], ["ı", "ı"], ["usd", "USD"]])("asciiUpperCase(%j) = %j", (text, out) => {
    expect(asciiUpperCase(text)).toBe(out);
  });
  it.each([["DATE", "date"], ["İd", "İd"], ["\u212a", "\u212a"]])("asciiLowerCase(%j) = %j", (text, out) => {
    expect(asciiLowerCase(text)).toBe(out);
  });
});
