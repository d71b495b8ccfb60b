/**
 * Column mapping (issue #14): header names matched ignoring case, spaces and
 * punctuation, with synonyms; maps, constants and value maps; the faults of a
 * line, every one; dates and amounts read as declared, never guessed.
 * See issue #14.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type MapSpec, headerKey, isCompanion, mergeSpecs, parseInlineMap, planColumns, valueMapOf, viewRecord } from "../../src/core/duty/mapping.js";
import { KNOWN_COLUMNS, parseAmount, readDate } from "../../src/core/duty/shipment.js";
import { formatDecimal } from "../../src/core/money/decimal.js";

const plan = (header: string[], spec: MapSpec = {}) => {
  const r = planColumns(header, spec, "f.csv", 1);
  if (!r.ok) throw new Error(r.errors.map((e) => `${e.code}: ${e.message}`).join("\n"));
  return r.plan;
};
const errorsOf = (header: string[], spec: MapSpec = {}) => {
  const r = planColumns(header, spec, "f.csv", 1);
  return r.ok ? [] : r.errors.map((e) => ({ code: e.code, message: e.message, hint: e.hint, at: e.at }));
};

describe("headerKey", () => {
  it.each([
    ["HTS Number", "htsnumber"],
    ["hts_number", "htsnumber"],
    ["  Entered-Value ", "enteredvalue"],
    ["Value for Duty (CAD)", "valueforduty"],
    ["content_value", "contentvalue"],
    ["da\u200bte", "da\u200bte"], // an invisible character is not punctuation: "date" it is not
  ])("%s → %s", (name, key) => expect(headerKey(name)).toBe(key));
});

describe("planColumns", () => {
  it("finds columns by our names and by synonyms, any case, spaces or punctuation", () => {
    const p = plan(["Entry Date", "Importer", "HTS Number", "Entered Value", "Country of Origin", "Description"]);
    expect(p.columns.date).toBe(0);
    expect(p.columns.importer).toBe(1);
    expect(p.columns.hs).toBe(2);
    expect(p.columns.value).toBe(3);
    expect(p.columns.origin).toBe(4);
    expect(p.columns.sector).toBe(-1);
    expect(p.identity).toBe(true);
    expect(p.mapped).toEqual(['date ← "Entry Date"', 'origin ← "Country of Origin"', 'hs ← "HTS Number"', 'value ← "Entered Value"']);
  });

  it("our own name wins over a synonym: value beats Entered Value, which stays an ignored column", () => {
    const p = plan(["date", "importer", "hs", "Entered Value", "value"]);
    expect(p.columns.value).toBe(4);
  });

  it("two synonyms for one column are ambiguous, with the --map to choose", () => {
    expect(errorsOf(["date", "importer", "HTS Number", "HS Code", "value"])).toEqual([
      { code: "csv/ambiguous-column", message: 'columns "HTS Number" (field 3) and "HS Code" (field 4) both mean hs', hint: "say which with --map 'hs=HTS Number'", at: { file: "f.csv", line: 1 } },
    ]);
  });

  it("a column named twice is an error only when it is read", () => {
    expect(errorsOf(["date", "Date", "importer", "hs", "value"])[0]!.code).toBe("csv/duplicate-column");
    expect(plan(["date", "importer", "hs", "value", "note", "note"]).columns.value).toBe(3);
  });

  it("a map names their header; a header the file lacks is located in the map", () => {
    const at = { file: "m.json", line: 4, column: 11 };
    const p = plan(["Ship Date", "Importer", "Tariff", "Amount"], { columns: { date: { header: "ship date", at }, hs: { header: "TARIFF", at }, value: { header: "amount", at } } });
    expect([p.columns.date, p.columns.hs, p.columns.value]).toEqual([0, 2, 3]);
    const e = errorsOf(["Ship Date", "Importer", "Tariff", "Amount"], { columns: { date: { header: "Ship Dte", at } } });
    expect(e[0]).toEqual({ code: "map/unknown-header", message: 'the map reads column date from "Ship Dte", which is not in the header of f.csv (found: ship date, importer, tariff, amount)', hint: 'did you mean "Ship Date"?', at });
  });

  it("an optional mapped header may be missing (a preset's extra columns)", () => {
    const p = plan(["date", "importer", "hs", "value"], { columns: { declared_duty: { header: "Line Duty", at: { file: "p" }, optional: true } } });
    expect(p.columns.declared_duty).toBe(-1);
  });

  it("an optional mapped header the file lacks takes its value map with it (ACE's SPI on an export without SPI)", () => {
    const ace = {
      columns: { usmca: { header: "SPI", at: { file: "presets/ace.json" }, optional: true } },
      values: { usmca: valueMapOf({ S: "Y", "S+": "Y", "*": "N" }, { file: "presets/ace.json" }) },
    } as MapSpec;
    // No SPI and no usmca: no error (was map/values-without-column), no usmca column.
    expect(plan(["date", "importer", "hs", "value"], ace).columns.usmca).toBe(-1);
    // No SPI but the file's own usmca column: read as written, never through SPI's map ("Y" stays "Y", not "*" → "N").
    const own = plan(["date", "importer", "hs", "value", "usmca"], ace);
    expect(own.columns.usmca).toBe(4);
    expect(viewRecord(own, ["2025-09-15", "US", "8712", "100", "Y"])).toEqual(["2025-09-15", "US", "8712", "100", "Y"]);
  });

  it("constants are appended to each record; value maps change a field in place", () => {
    const p = plan(["Date", "HTS", "Value", "SPI"], {
      constants: { importer: { value: "US", at: { file: "--importer" } } },
      columns: { usmca: { header: "SPI", at: { file: "m" } } },
      values: { usmca: valueMapOf({ S: "Y", "S+": "Y", "*": "N" }, { file: "m" }) },
    });
    expect(p.identity).toBe(false);
    expect(p.columns.importer).toBe(4);
    expect(viewRecord(p, ["2025-09-15", "8712", "100", "s+"])).toEqual(["2025-09-15", "8712", "100", "Y", "US"]);
    expect(viewRecord(p, ["2025-09-15", "8712", "100", ""])).toEqual(["2025-09-15", "8712", "100", "N", "US"]);
    expect(viewRecord(p, ["2025-09-15", "8712", "100", "A"])).toEqual(["2025-09-15", "8712", "100", "N", "US"]);
  });

  it("a constant where the file has the column is an error at the constant", () => {
    expect(errorsOf(["date", "importer", "hs", "value"], { constants: { importer: { value: "US", at: { file: "--importer" } } } })[0]).toMatchObject({ code: "map/constant-and-column", at: { file: "--importer" } });
  });

  it("a missing required column: did you mean, a preset, or --importer", () => {
    expect(errorsOf(["date", "importer", "hs", "valu"])[0]).toMatchObject({ code: "csv/missing-column", hint: 'did you mean "valu" for "value"?' });
    expect(errorsOf(["Entry Number", "Entry Date", "HTS Number", "Entered Value", "SPI"])[0]).toMatchObject({ hint: "this looks like a US broker's ACE entry-line export: give --preset ace" });
    expect(errorsOf(["Release Date", "Tariff Item", "Value for Duty (CAD)"])[0]).toMatchObject({ hint: "this looks like a CARM (B3) export: give --preset carm" });
    expect(errorsOf(["date", "hs", "value"])[0]).toMatchObject({ message: 'missing required column "importer" in the header (found: date, hs, value)', hint: "give --importer US (or CA) when every line has one importer, or name your column with --map 'importer=YOUR HEADER'" });
    expect(errorsOf(["date;importer;hs;value"])[0]!.message).toContain(`(the header has ";": give --delimiter ';')`);
  });

  it("companion rows are told by their hs prefix", () => {
    const p = plan(["date", "importer", "hs", "value"], { companions: ["9903", "9902"] });
    expect(isCompanion(p, ["", "", "9903.01.10", ""])).toBe(true);
    expect(isCompanion(p, ["", "", "9902.12.34", ""])).toBe(true);
    expect(isCompanion(p, ["", "", "8712.00", ""])).toBe(false);
  });

  it("later layers win column by column", () => {
    const a: MapSpec = { columns: { hs: { header: "A", at: { file: "a" } } }, reading: { dateFormat: "MDY" } };
    const b: MapSpec = { constants: { hs: { value: "8712", at: { file: "b" } } }, reading: { dateFormat: "DMY" } };
    const m = mergeSpecs([a, b]);
    expect(m.columns?.hs).toBeUndefined();
    expect(m.constants?.hs?.value).toBe("8712");
    expect(m.reading?.dateFormat).toBe("DMY");
  });

  it("fuzzed headers and maps never throw: a plan or located errors", () => {
    const name = fc.oneof(fc.constantFrom(...KNOWN_COLUMNS, "HTS Number", "Entered Value", "Entry Date", "(x)", "", " ", "ß", "\u200b"), fc.string({ maxLength: 12 }));
    const column = fc.constantFrom(...KNOWN_COLUMNS);
    fc.assert(
      fc.property(fc.array(name, { maxLength: 12 }), fc.dictionary(column, name), fc.dictionary(column, fc.string({ maxLength: 4 })), fc.dictionary(column, fc.dictionary(fc.string({ maxLength: 3 }), fc.string({ maxLength: 3 }))), (header, columns, constants, values) => {
        const spec: MapSpec = {
          columns: Object.fromEntries(Object.entries(columns).map(([k, h]) => [k, { header: h, at: { file: "m", line: 1 } }])),
          constants: Object.fromEntries(Object.entries(constants).map(([k, v]) => [k, { value: v, at: { file: "m", line: 2 } }])),
          values: Object.fromEntries(Object.entries(values).map(([k, v]) => [k, valueMapOf(v, { file: "m", line: 3 })])),
        };
        const r = planColumns(header, mergeSpecs([spec]), "f.csv", 1);
        if (r.ok) {
          const record = header.map((_, i) => `v${i}`);
          const view = viewRecord(r.plan, record);
          for (const i of Object.values(r.plan.columns)) expect(i < view.length).toBe(true);
        } else for (const e of r.errors) expect(e.at.file === "f.csv" || e.at.file === "m").toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});

describe("parseInlineMap", () => {
  it("COLUMN=HEADER, or why not", () => {
    expect(parseInlineMap("hs=HTS Number")).toEqual({ ok: true, spec: { columns: { hs: { header: "HTS Number", at: { file: "--map" } } } } });
    expect(parseInlineMap("hss=HTS")).toEqual({ ok: false, message: `--map: unknown column "hss" (did you mean "hs"?); columns are ${KNOWN_COLUMNS.join(", ")}` });
    expect(parseInlineMap("hs")).toMatchObject({ ok: false });
    expect(parseInlineMap("hs=")).toEqual({ ok: false, message: "--map hs=: the header name is empty" });
  });
});

describe("readDate: slash dates only as declared", () => {
  it.each([
    ["2025-03-04", undefined, "2025-03-04"],
    ["03/04/2025", "MDY", "2025-03-04"],
    ["3/4/2025", "MDY", "2025-03-04"],
    ["03/04/2025", "DMY", "2025-04-03"],
    ["2025/3/4", "YMD", "2025-03-04"],
    ["2025-03-04", "DMY", "2025-03-04"], // ISO is never ambiguous
  ] as const)("%s with %s → %s", (text, format, iso) => expect(readDate(text, format)).toEqual({ ok: true, date: iso }));

  it.each([
    ["03/04/2025", undefined, 'date "03/04/2025" is not a date YYYY-MM-DD (day and month order is ambiguous: give --date-format MDY or DMY, or write YYYY-MM-DD)'],
    ["2025/03/04", undefined, 'date "2025/03/04" is not a date YYYY-MM-DD: write 2025-03-04, or give --date-format YMD'],
    ["03/04/25", undefined, 'date "03/04/25" is not a date YYYY-MM-DD (day and month order is ambiguous and the year has 2 digits: write YYYY-MM-DD)'],
    ["02/30/2025", "MDY", 'date "02/30/2025" is not a calendar date (read as MM/DD/YYYY, --date-format MDY: 2025-02-30)'],
    ["13/01/2025", "MDY", 'date "13/01/2025" is not a calendar date (read as MM/DD/YYYY, --date-format MDY: 2025-13-01)'],
    ["2025/03/04", "DMY", 'date "2025/03/04" is not a date DD/MM/YYYY (--date-format DMY) or YYYY-MM-DD'],
  ] as const)("%s with %s is refused", (text, format, reason) => expect(readDate(text, format)).toEqual({ ok: false, reason }));
});

describe("parseAmount with declared separators", () => {
  const ok = (text: string, reading: Parameters<typeof parseAmount>[2]) => {
    const r = parseAmount("value", text, reading);
    return r.ok ? formatDecimal(r.value, 2) : r.reason;
  };
  it.each([
    ["10,000", { thousands: "," }, "10000.00"],
    ["1,234.56", { thousands: "," }, "1234.56"],
    ["1234.56", { thousands: "," }, "1234.56"],
    ["1234,56", { decimalComma: true }, "1234.56"],
    ["1.234,56", { decimalComma: true, thousands: "." }, "1234.56"],
    ["1 234,56", { decimalComma: true, thousands: " " }, "1234.56"],
  ])("%s with %o", (text, reading, expected) => expect(ok(text, reading)).toBe(expected));

  it("refuses what the declared separators do not allow, saying which option", () => {
    expect(ok("1,23,456", { thousands: "," })).toBe('value "1,23,456" is not a decimal number such as 1234.56');
    expect(ok("1234.56", { decimalComma: true })).toBe('value "1234.56" has a dot, but this file\'s decimals are written with a comma (--decimal-comma): give --thousands . if the dot separates thousands');
    expect(ok("1.234,50", undefined)).toBe('value "1.234,50" has thousands dots and a decimal comma: give --decimal-comma --thousands . if the file writes amounts so, or write 1234.50');
    expect(ok("10,000", undefined)).toBe('value "10,000" has a thousands separator: write 10000, or give --thousands , if the file writes amounts so');
  });
});
