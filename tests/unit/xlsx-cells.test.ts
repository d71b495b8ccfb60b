/**
 * Excel cells as the text a CSV file would hold (issue #14, item 5): numbers
 * as Excel shows them in General format (15 significant digits, never
 * binary noise), date cells as days, HS codes stored as numbers given back
 * the zeros their length proves lost. See src/io/xlsx.ts.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cellText, hsFromNumber, isDateFormat, numberText } from "../../src/io/xlsx.js";

describe("numberText: a number cell as its decimal", () => {
  it.each<[number, string]>([
    [10000.1, "10000.1"], // the double nearest 10000.1 is 10000.100000000000364: shown as typed
    [10000.099999999999, "10000.1"], // what a computed cell may store: 15 significant digits, as Excel shows it
    [0.1 + 0.2, "0.3"], // 0.30000000000000004
    [1234.56, "1234.56"],
    [406901200, "406901200"],
    [100, "100"],
    [0, "0"],
    [-5, "-5"],
    [-10000.1, "-10000.1"],
    [0.000001, "0.000001"], // toPrecision gives 0.00000100000000000000: no exponent
    [1e-7, "0.0000001"], // toPrecision gives 1.00000000000000e-7
    [1e21, "1000000000000000000000"], // 1.00000000000000e+21
    [123456789012345678, "123456789012346000"], // past 15 digits, as Excel shows it
  ])("%s → %s", (n, text) => {
    expect(numberText(n)).toBe(text);
  });

  it("round-trips every decimal of up to 15 significant digits typed into a cell (no binary noise)", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 13n }), fc.integer({ min: 0, max: 4 }), (units, scale) => {
        const digits = units.toString().padStart(scale + 1, "0");
        const typed = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
        const expected = typed.includes(".") ? typed.replace(/\.?0+$/, "") : typed;
        expect(numberText(Number(typed))).toBe(expected.replace(/^0+(?=\d)/, ""));
      }),
    );
  });
});

describe("cellText: each kind of cell", () => {
  it.each<[string, { value: unknown; numFmt?: string }, boolean, { text: string; number?: number; zeros?: number }]>([
    ["text", { value: "03/04/2025" }, false, { text: "03/04/2025" }],
    ["empty", { value: null }, false, { text: "" }],
    ["number", { value: 10000.1 }, false, { text: "10000.1", number: 10000.1 }],
    ["number, --decimal-comma", { value: 10000.1 }, true, { text: "10000,1", number: 10000.1 }],
    ["date cell (exceljs gives a Date at midnight UTC)", { value: new Date(Date.UTC(2025, 8, 15)), numFmt: "yyyy-mm-dd" }, false, { text: "2025-09-15" }],
    ["date and time: the day", { value: new Date(Date.UTC(2025, 8, 15, 23, 59)), numFmt: "m/d/yy h:mm" }, false, { text: "2025-09-15" }],
    // 45915 days after 1899-12-30 is 2025-09-15
    ["a formula's result with a date format", { value: { formula: "B1+1", result: 45915 }, numFmt: "dd/mm/yyyy" }, false, { text: "2025-09-15" }],
    ["a formula's number", { value: { formula: "E2*2", result: 20000.2 } }, false, { text: "20000.2", number: 20000.2 }],
    ["a formula never calculated", { value: { formula: "E2*2" } }, false, { text: "" }],
    ["boolean", { value: true }, false, { text: "TRUE" }],
    ["error", { value: { error: "#N/A" } }, false, { text: "#N/A" }],
    ["rich text", { value: { richText: [{ text: "Ste" }, { text: "el" }] } }, false, { text: "Steel" }],
    ["number formatted 0000000000", { value: 406901200, numFmt: "0000000000" }, false, { text: "406901200", number: 406901200, zeros: 10 }],
  ])("%s", (_what, cell, decimalComma, expected) => {
    expect(cellText(cell, decimalComma)).toEqual(expected);
  });
});

describe("isDateFormat", () => {
  it.each<[string, boolean]>([
    ["yyyy-mm-dd", true],
    ["m/d/yy", true],
    ["dd/mm/yyyy", true],
    ["mmm-yy", true],
    ["[$-409]d-mmm-yyyy", true],
    ["General", false],
    ["0.00", false],
    ["#,##0.00", false],
    ["0000000000", false],
    ["h:mm:ss", false], // a time, not a day
    ['"Day" 0', false], // quoted text is no date part
    ["[Red]0.00", false],
  ])("%s → %s", (format, date) => {
    expect(isDateFormat(format)).toBe(date);
  });
});

describe("hsFromNumber: only what the number's length proves", () => {
  it.each<[number, string, number | undefined, string, boolean]>([
    [406901200, "406901200", undefined, "0406901200", true], // 9 digits: a 10-digit code of chapter 04
    [4069012, "4069012", undefined, "04069012", true], // 7 → 8
    [10121, "10121", undefined, "010121", true], // 5 → 6
    [406, "406", undefined, "0406", true], // 3 → 4
    [8712000000, "8712000000", undefined, "8712000000", false], // even: as written
    [87120000, "87120000", undefined, "87120000", false],
    [12, "12", undefined, "12", false],
    [406901200, "406901200", 10, "0406901200", false], // the cell's format shows the zero: no warning
    [4069012, "4069012", 8, "04069012", false],
    [4202.2, "4202.2", undefined, "4202.20", true], // heading.subheading: the subheading has 2 digits
    [406.9, "406.9", undefined, "0406.90", true],
    [4202.2, "4202,2", undefined, "4202.20", true], // written with --decimal-comma
    [8471.31, "8471.31", undefined, "8471.31", false],
    [87.123, "87.123", undefined, "87.123", false], // no shape of a code: left for the parser to judge
    [12345678901, "12345678901", undefined, "12345678901", false], // 11 digits: not a code, left as is (rejected later)
  ])("%s (%s, zeros %s) → %s", (n, text, zeros, restored, warn) => {
    const r = hsFromNumber(n, text, zeros);
    expect([r.text, r.warn]).toEqual([restored, warn]);
  });
});
