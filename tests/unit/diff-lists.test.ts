/** `tariff diff` on format 2: codes joining or leaving a list by date, lists added, and a measure's terms per list. */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { diffSchedules } from "../../src/core/diff/diff.js";
import { validateSchedule } from "../../src/core/schedule/validate.js";

const raw = () => JSON.parse(readFileSync(new URL("../../fixtures/schedules/lists.json", import.meta.url), "utf8")) as any; // eslint-disable-line @typescript-eslint/no-explicit-any
function build(doc: unknown) {
  const r = validateSchedule(doc, "s.json");
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join("\n"));
  return r.value;
}

describe("diff of product lists", () => {
  it("the same schedule has no change", () => {
    expect(diffSchedules(build(raw()), build(raw())).changes).toEqual([]);
  });

  it("a code leaving a list from a date, and one joining it, dotted as the HTS writes them", () => {
    const after = raw();
    after.lists[0].codes[0] = { hs: "7208", until: "2026-10-01" }; // 7208 leaves the 50% list on 2026-10-01
    after.lists[0].codes.push({ hs: "7209.15.00", from: "2026-10-01" }); // 7209.15.00 joins it that day
    expect(diffSchedules(build(raw()), build(after)).changes).toEqual([
      { kind: "changed", list: "tier-high", field: "codes", from: "2026-10-01", until: null, before: "7208", after: "7209.15.00" },
    ]);
  });

  it("a list added, and a measure's rate for one list", () => {
    const after = raw();
    after.lists.push({ id: "extra", label: "Extra", codes: ["0301", "0302.11"] });
    after.measures[0].periods[0].rates["tier-low"].rate = "15%";
    const d = diffSchedules(build(raw()), build(after));
    expect(d.changes).toEqual([
      { kind: "added", list: "extra", field: "list", from: null, until: null, before: null, after: "2 codes" },
      { kind: "changed", measure: "us-metals", list: "tier-low", field: "rate", from: "2026-04-06", until: null, before: "25%", after: "15%" },
    ]);
    expect(d.summary).toMatchObject({ listsAdded: 1, listsRemoved: 0, listsChanged: 0, measuresChanged: 1 });
  });

  it("a list a measure stops covering", () => {
    const after = raw();
    after.measures[0].lists = ["tier-high"];
    delete after.measures[0].periods[0].rates["tier-low"];
    expect(diffSchedules(build(raw()), build(after)).changes).toEqual([
      { kind: "changed", measure: "us-metals", list: "tier-low", field: "lists", from: "2026-04-06", until: null, before: "25%", after: "not covered" },
    ]);
  });
});
