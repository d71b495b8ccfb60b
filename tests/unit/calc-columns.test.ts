/** Names and cells of calc's requested columns (issue #14, item 8). See issue #14. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CalcColumns, columnMeasures, keptNames } from "../../src/cli/render/calc-columns.js";
import { asciiLowerCase } from "../../src/core/ascii.js";
import { schedule } from "../helpers/schedules.js";

describe("keptNames", () => {
  it.each([
    [["id", "Date", "note"], ["id", "date", "duty"], ["in_id", "in_Date", "note"]],
    // the user's own in_id is kept; the clashing id goes further
    [["id", "in_id"], ["id"], ["in_in_id", "in_id"]],
    // a repeated name gets in_ too
    [["note", "Note", " note "], [], ["note", "in_Note", "in_in_note"]],
    [["duty_us-232-steel"], ["duty_us-232-steel"], ["in_duty_us-232-steel"]],
  ])("%j beside %j → %j", (header, taken, expected) => {
    expect(keptNames(header, taken)).toEqual(expected);
  });

  it("gives unique names, none taken, and keeps every name that clashes with nothing", () => {
    const name = fc.constantFrom("id", "ID", "in_id", "note", "Note", "in_note", "in_in_id", "", "duty");
    fc.assert(
      fc.property(fc.array(name, { maxLength: 8 }), fc.array(name, { maxLength: 4 }), (header, taken) => {
        const out = keptNames(header, taken).map(asciiLowerCase);
        const takenKeys = new Set(taken.map(asciiLowerCase));
        if (new Set(out).size !== out.length) return false;
        if (out.some((n) => takenKeys.has(n))) return false;
        // a name kept as is: clashes with nothing taken and is its first occurrence
        return header.every((h, i) => out[i] === asciiLowerCase(h.trim()) || takenKeys.has(asciiLowerCase(h.trim())) || header.slice(0, i).some((e) => asciiLowerCase(e.trim()) === asciiLowerCase(h.trim())));
      }),
    );
  });
});

describe("columnMeasures", () => {
  const s = schedule({
    format: "tariff-schedule/2",
    sectors: [{ id: "all", label: "All", hs: ["01"] }],
    lists: [{ id: "banned", label: "Banned", codes: ["0101"] }],
    measures: [
      { id: "ca-one", label: "x", importer: "CA", origins: ["US"], authority: "A", sectors: "*", periods: [{ from: "2025-01-01", rate: "10%" }] },
      { id: "us-ban", label: "x", importer: "US", origins: ["CA"], authority: "B", lists: ["banned"], periods: [{ from: "2025-01-01", action: "prohibit" }] },
      { id: "us-one", label: "x", importer: "US", origins: ["CA"], authority: "C", sectors: "*", periods: [{ from: "2025-01-01", rate: "10%" }] },
    ],
  });
  it("in schedule order, of the importers given, without measures that only ban", () => {
    expect(columnMeasures(s, ["US", "CA"])).toEqual(["ca-one", "us-one"]);
    expect(columnMeasures(s, ["US"])).toEqual(["us-one"]);
  });

  it("a rejected line has an empty cell per measure and its own fields, quoted and neutralised", () => {
    const c = new CalcColumns({ measures: ["ca-one", "us-one"], keep: true });
    c.inputHeader(["id", "note"]);
    expect(c.header(["id"])).toEqual(["duty_ca-one", "duty_us-one", "in_id", "note"]);
    expect(c.rejected({ line: 2, fields: ["A", "+1,2"], columns: {} as never })).toBe(",,,A,\"'+1,2\"");
    expect(c.rejected(undefined)).toBe(",,,,");
  });
});
