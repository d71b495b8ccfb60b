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
