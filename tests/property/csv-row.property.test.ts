/** The hand-quoted CSV rows of the streamed outputs agree with csv-stringify (the oracle) and read back with csv-parse. */
import fc from "fast-check";
import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import { describe, expect, it } from "vitest";
import { csvRow } from "../../src/cli/render/csv-row.js";

const field = fc.oneof(fc.string(), fc.constantFrom("", ",", '"', "a,b", 'say "hi"', "line\nbreak", "cr\rlf\r\n", " spaced "));

describe("csvRow", () => {
  it("writes what csv-stringify writes", () => {
    fc.assert(fc.property(fc.array(field, { minLength: 1, maxLength: 8 }), (fields) => {
      expect(csvRow(fields)).toBe(stringify([fields], { record_delimiter: "unix" }));
    }), { numRuns: 500 });
  });

  it("reads back field for field", () => {
    fc.assert(fc.property(fc.array(fc.array(field, { minLength: 2, maxLength: 2 }), { minLength: 1, maxLength: 5 }), (rows) => {
      const text = rows.map(csvRow).join("");
      expect(parse(text, { relax_column_count: true })).toEqual(rows);
    }), { numRuns: 300 });
  });
});

describe("lineCsvText (the hot path of calc --format csv)", () => {
  it("equals the generic quoting of the same fields, whatever the id", async () => {
    const { computeLine } = await import("../../src/core/duty/engine.js");
    const { lineCsv, lineCsvText } = await import("../../src/cli/render/calc-output.js");
    const { defaultSchedule } = await import("../helpers/default-schedule.js");
    const { shipment } = await import("../helpers/schedules.js");
    const s = defaultSchedule();
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.constantFrom("INV,1", 'say "x"', "a\nb", "")), fc.constantFrom("8712.00", "7308.90", "4407.11", "2709.00"), (id, hs) => {
        const r = computeLine(s, shipment(s, { id, date: "2025-10-20", importer: "US", hs, value: "1234.56", content_value: "100.50" }));
        expect(lineCsvText(r)).toBe(csvRow(lineCsv(r)));
      }),
      { numRuns: 200 },
    );
  });
});
