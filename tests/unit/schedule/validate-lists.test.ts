/** The cross-field rules of format 2 (src/core/schedule/validate-lists.ts): every error located by its path. */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { validateSchedule } from "../../../src/core/schedule/validate.js";

const base = () => JSON.parse(readFileSync(new URL("../../../fixtures/schedules/lists.json", import.meta.url), "utf8")) as any; // eslint-disable-line @typescript-eslint/no-explicit-any

function errorsAfter(edit: (s: any) => void) { // eslint-disable-line @typescript-eslint/no-explicit-any
  const s = base();
  edit(s);
  const r = validateSchedule(s, "s.json");
  return r.ok ? [] : r.errors.map((e) => ({ code: e.code, message: e.message, path: e.at.path, hint: e.hint }));
}

describe("format 2 rules", () => {
  it("the fixture is valid", () => {
    expect(errorsAfter(() => {})).toEqual([]);
  });

  it("a list a measure names must exist (did you mean)", () => {
    expect(errorsAfter((s) => (s.measures[0].lists[1] = "tier-lwo"))).toContainEqual({ code: "schedule/unknown-list", message: 'list "tier-lwo" is not defined in "lists"', path: ["measures", 0, "lists", 1], hint: 'did you mean "tier-low"?' });
  });

  it("an exemption's list must exist; an exemption object needs a list or a claim", () => {
    expect(errorsAfter((s) => (s.measures[1].exemptions[1].list = "nope"))).toContainEqual(expect.objectContaining({ code: "schedule/unknown-list", path: ["measures", 1, "exemptions", 1, "list"] }));
    expect(errorsAfter((s) => (s.measures[1].exemptions[1] = { heading: "9903.05.86" }))).toContainEqual({ code: "schedule/empty-exemption", message: 'an exemption object needs a "list", a "claim" or both', path: ["measures", 1, "exemptions", 1], hint: 'e.g. { "list": "us-301-note-52b", "heading": "9903.05.86" }' });
  });

  it("a rate for a list the period does not cover, and a covered list without a rate", () => {
    expect(errorsAfter((s) => (s.measures[0].lists = ["tier-high"]))).toEqual([
      { code: "schedule/rate-for-uncovered-list", message: 'measure "us-metals" gives a rate for list "tier-low", which it does not cover in this period', path: ["measures", 0, "periods", 0, "rates", "tier-low"], hint: 'add it to "lists" or drop this rate' },
    ]);
    expect(errorsAfter((s) => delete s.measures[0].periods[0].rates["tier-low"])).toEqual([
      { code: "schedule/missing-rate", message: 'measure "us-metals": period 2026-04-06 → open has no rate for list "tier-low"', path: ["measures", 0, "periods", 0], hint: 'add "rate" for all, or an entry in "rates"' },
    ]);
  });

  it("a measure with neither sectors nor lists covers nothing", () => {
    expect(errorsAfter((s) => delete s.measures[0].lists)).toContainEqual({ code: "schedule/missing-scope", message: 'measure "us-metals" covers nothing: give "sectors" or "lists"', path: ["measures", 0], hint: 'add "sectors": "*" for all goods, or "lists": [...]' });
  });

  it("list ids are unique and never a sector's; entries have days and exceptions under them", () => {
    expect(errorsAfter((s) => (s.lists[1].id = "tier-high"))).toContainEqual({ code: "schedule/duplicate-id", message: 'list id "tier-high" is defined twice', path: ["lists", 1, "id"], hint: undefined });
    expect(errorsAfter((s) => (s.lists[2].id = "steel"))).toContainEqual(expect.objectContaining({ code: "schedule/duplicate-id", message: 'list id "steel" is also a sector id: a key of "rates" must name one thing' }));
    expect(errorsAfter((s) => (s.lists[1].codes[0].until = "2026-06-08"))).toContainEqual(expect.objectContaining({ code: "schedule/empty-period", path: ["lists", 1, "codes", 0, "until"] }));
    expect(errorsAfter((s) => (s.lists[0].codes[1].except = ["7326.90"]))).toContainEqual(expect.objectContaining({ code: "schedule/bad-list-entry", message: 'list "tier-high": exception 7326.90 is not a longer code under 7326.90.86' }));
  });

  it("a ban needs no rate, and has none: a rate on a ban is an error at the rate", () => {
    const s = base();
    expect(s.measures[2].periods[0].rate).toBeUndefined();
    expect(validateSchedule(s, "s.json").ok).toBe(true);
    expect(errorsAfter((x) => (x.measures[2].periods[0].rate = "0%"))).toEqual([
      { code: "schedule/rate-on-ban", message: 'measure "us-ban" bans entry in period 2026-01-01 → open: a ban has no rate', path: ["measures", 2, "periods", 0, "rate"], hint: 'drop "rate" (to lift the ban, end the period)' },
    ]);
    expect(errorsAfter((x) => (x.measures[2].periods[0].rates = { steel: "10%" }))).toContainEqual(expect.objectContaining({ code: "schedule/rate-on-ban", path: ["measures", 2, "periods", 0, "rates"] }));
  });

  it("format 1 files keep being read, and say which format-2 feature they use", () => {
    expect(
      errorsAfter((s) => {
        s.format = "tariff-schedule/1";
      }).filter((e) => e.code === "schedule/needs-format-2").map((e) => e.path),
    ).toEqual([["lists"], ["importers", "US", "asOf"], ["measures", 0, "lists"], ["measures", 1, "exemptions", 1], ["measures", 1, "exemptions", 2], ["measures", 2, "lists"], ["measures", 2, "periods", 0, "action"], ["measures", 3, "lists"], ["measures", 3, "periods", 0, "usContentCap"], ["measures", 3, "periods", 0, "basis"]]);
  });
});
