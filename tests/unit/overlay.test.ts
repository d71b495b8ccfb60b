/**
 * Overlays (SPEC.md §2): a what-if written as changes to a schedule, applied
 * in order. Each operation is checked twice: on the periods it writes (what
 * a user would read in `tariff schedule export`) and on the duty of a line
 * worked out by hand.
 */
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { skipText } from "../../src/core/duty/compute.js";
import { computeLine } from "../../src/core/duty/engine.js";
import { formatMoney } from "../../src/core/money/money.js";
import { formatRate } from "../../src/core/money/rate.js";
import { type Overlay, SetChange, applyOverlay, scheduleWithOverlays, validateOverlay } from "../../src/core/schedule/overlay.js";
import type { Schedule } from "../../src/core/schedule/model.js";
import { validateSchedule } from "../../src/core/schedule/validate.js";
import { defaultSchedule } from "../helpers/default-schedule.js";
import { schedule, shipment } from "../helpers/schedules.js";

const US = { currency: "USD", valueRounding: "whole", dutyRounding: "cent" };
const CA = { currency: "CAD", valueRounding: "cent", dutyRounding: "cent" };

/** A small schedule with the domain brief's rates (us-measures.md §1, §2; canada-measures.md §2). */
const brief = schedule({
  importers: { US, CA },
  sectors: [
    { id: "steel", label: "Steel", hs: ["72"] },
    { id: "aluminum", label: "Aluminum", hs: ["76"] },
    { id: "energy", label: "Energy", hs: ["2709"] },
    { id: "other_goods", label: "Other", hs: ["87", "94"] },
  ],
  measures: [
    {
      // us-measures.md §1: 25% from 2025-03-04, USMCA exempt from 03-07, 35% from 08-01, energy 10%; ended 2026-02-24
      id: "us-ieepa-canada", label: "IEEPA", importer: "US", origins: ["CA"], authority: "EO 14193", heading: "9903.01.10", sectors: "*",
      periods: [
        { from: "2025-03-04", until: "2025-03-07", rate: "25%", rates: { energy: { rate: "10%", heading: "9903.01.13" } } },
        { from: "2025-03-07", until: "2025-08-01", rate: "25%", rates: { energy: { rate: "10%", heading: "9903.01.13" } }, exemptions: ["usmca"] },
        { from: "2025-08-01", until: "2026-02-24", rate: "35%", rates: { energy: { rate: "10%", heading: "9903.01.13" } }, exemptions: ["usmca"], excludedBy: ["us-232-steel"] },
      ],
    },
    {
      // us-measures.md §2: 25% from 2025-03-12, 50% from 2025-06-04 (Procl. 10947)
      id: "us-232-steel", label: "232 steel", importer: "US", origins: ["CA"], authority: "Procl. 10896", sectors: ["steel"],
      periods: [
        { from: "2025-03-12", until: "2025-06-04", rate: "25%" },
        { from: "2025-06-04", rate: "50%" },
      ],
    },
    // canada-measures.md §2: SOR/2025-95, 25% of VFD from 2025-03-13, no end date
    { id: "ca-surtax-us-aluminum", label: "aluminum", importer: "CA", origins: ["US"], authority: "SOR/2025-95", sectors: ["aluminum"], periods: [{ from: "2025-03-13", rate: "25%" }] },
  ],
});

function overlay(changes: unknown[], file = "what-if.json"): Overlay {
  const r = validateOverlay({ format: "tariff-overlay/1", title: "test", changes }, file);
  if (!r.ok) throw new Error("test overlay invalid:\n" + r.errors.map((e) => `${e.code} ${e.message}`).join("\n"));
  return r.value;
}

/** The brief with an overlay applied (validated like any schedule). */
function withOverlay(changes: unknown[], base: Schedule = brief): Schedule {
  const r = scheduleWithOverlays(base, [overlay(changes)], "brief + what-if.json");
  if (!r.ok) throw new Error("overlay does not apply:\n" + r.errors.map((e) => `${e.code} ${e.message}`).join("\n"));
  return r.value;
}

/** A measure's periods as written in the resulting schedule file. */
function periods(s: Schedule, id: string) {
  return s.file.measures.find((m) => m.id === id)?.periods;
}

function duty(s: Schedule, fields: Record<string, string>) {
  const r = computeLine(s, shipment(s, fields));
  return {
    duty: formatMoney(r.duty),
    duties: r.duties.map((d) => `${d.measure} ${formatRate(d.rate)} × ${formatMoney(d.base)} = ${formatMoney(d.amount)}`),
  };
}

/** One measure's amount on a line ("-" when it does not apply). */
function amountOf(s: Schedule, fields: Record<string, string>, measure: string): string {
  const d = computeLine(s, shipment(s, fields)).duties.find((x) => x.measure === measure);
  return d ? formatMoney(d.amount) : "-";
}

const bicycle = (date: string, extra: Record<string, string> = {}) => ({ date, importer: "US", hs: "8712", value: "10000", ...extra });
const crude = (date: string) => ({ date, importer: "US", hs: "2709", value: "20000" });
const steel = (date: string, extra: Record<string, string> = {}) => ({ date, importer: "US", hs: "7208", value: "1000", ...extra });
const aluminum = (date: string) => ({ date, importer: "CA", hs: "7601", value: "1000.00" });

describe("the empty overlay", () => {
  it("is the identity: the same periods and the same duties", () => {
    const s = withOverlay([]);
    expect(s.file).toEqual(brief.file);
    for (const fields of [bicycle("2025-09-15"), bicycle("2025-03-05", { usmca: "Y" }), crude("2025-09-15"), steel("2025-07-01"), aluminum("2026-03-10")]) {
      expect(duty(s, fields)).toEqual(duty(brief, fields));
    }
  });

  it("leaves the base schedule untouched when overlays are applied", () => {
    const before = structuredClone(brief.file);
    withOverlay([{ measure: "us-ieepa-canada", from: "2025-10-01", rate: "40%" }, { measure: "us-232-steel", end: "2025-01-01" }]);
    expect(brief.file).toEqual(before);
  });
});

describe("set: terms on [from, until)", () => {
  it("from a date inside a period, up to the measure's end: the period is split, sectors with their own rate keep it", () => {
    const s = withOverlay([{ measure: "us-ieepa-canada", from: "2025-10-01", until: "2026-02-24", rate: "40%" }]);
    expect(periods(s, "us-ieepa-canada")!.slice(2)).toEqual([
      { from: "2025-08-01", until: "2025-10-01", rate: "35%", rates: { energy: { rate: "10%", heading: "9903.01.13" } }, exemptions: ["usmca"], excludedBy: ["us-232-steel"] },
      { from: "2025-10-01", until: "2026-02-24", rate: "40%", rates: { energy: { rate: "10%", heading: "9903.01.13" } }, exemptions: ["usmca"], excludedBy: ["us-232-steel"] },
    ]);
    // 10,000 × 35% = 3,500.00 the day before; 10,000 × 40% = 4,000.00 from 2025-10-01
    expect(duty(s, bicycle("2025-09-30")).duty).toBe("3500.00");
    expect(duty(s, bicycle("2025-10-01")).duty).toBe("4000.00");
    // energy keeps its own 10%: 20,000 × 10% = 2,000.00
    expect(duty(s, crude("2025-10-01")).duty).toBe("2000.00");
    // the end date stays: nothing from 2026-02-24
    expect(duty(s, bicycle("2026-02-24")).duty).toBe("0.00");
  });

  it("from a date with no until: the terms hold from then on, also past the measure's end", () => {
    // [2025-10-01, ∞): the span after 2026-02-24 is filled with the same terms
    const s = withOverlay([{ measure: "us-ieepa-canada", from: "2025-10-01", rate: "40%" }]);
    expect(periods(s, "us-ieepa-canada")!.slice(3).map((p) => [p.from, p.until, p.rate])).toEqual([
      ["2025-10-01", "2026-02-24", "40%"],
      ["2026-02-24", undefined, "40%"],
    ]);
    expect(duty(s, bicycle("2026-11-20")).duty).toBe("4000.00");
  });

  it("from a date after the measure ended: a new open period with the terms of the last one (gap filling)", () => {
    // ieepa-never-struck-down, on the brief: IEEPA continues at 35% from 2026-02-24
    const s = withOverlay([{ measure: "us-ieepa-canada", from: "2026-02-24", rate: "35%" }]);
    expect(periods(s, "us-ieepa-canada")!.at(-1)).toEqual({ from: "2026-02-24", rate: "35%", rates: { energy: { rate: "10%", heading: "9903.01.13" } }, exemptions: ["usmca"], excludedBy: ["us-232-steel"] });
    expect(duty(s, bicycle("2026-11-20")).duty).toBe("3500.00"); // 10,000 × 35%
    expect(duty(s, bicycle("2026-11-20", { usmca: "Y" })).duty).toBe("0.00"); // still USMCA-exempt
    expect(duty(s, crude("2026-11-20")).duty).toBe("2000.00"); // energy 10% × 20,000
  });

  it("a later start leaves a gap where the measure stays off", () => {
    const s = withOverlay([{ measure: "us-ieepa-canada", from: "2026-04-01", rate: "20%" }]);
    expect(periods(s, "us-ieepa-canada")!.slice(3)).toEqual([{ from: "2026-04-01", rate: "20%", rates: { energy: { rate: "10%", heading: "9903.01.13" } }, exemptions: ["usmca"], excludedBy: ["us-232-steel"] }]);
    expect(duty(s, bicycle("2026-03-31")).duty).toBe("0.00");
    expect(duty(s, bicycle("2026-04-01")).duty).toBe("2000.00"); // 10,000 × 20%
  });

  it("a span across two periods splits both ends and changes only what is inside", () => {
    const s = withOverlay([{ measure: "us-ieepa-canada", from: "2025-07-01", until: "2025-09-01", rate: "30%" }]);
    expect(periods(s, "us-ieepa-canada")!.map((p) => [p.from, p.until, p.rate])).toEqual([
      ["2025-03-04", "2025-03-07", "25%"],
      ["2025-03-07", "2025-07-01", "25%"],
      ["2025-07-01", "2025-08-01", "30%"],
      ["2025-08-01", "2025-09-01", "30%"],
      ["2025-09-01", "2026-02-24", "35%"],
    ]);
    expect(["2025-06-30", "2025-07-01", "2025-08-15", "2025-09-01"].map((d) => duty(s, bicycle(d)).duty)).toEqual(["2500.00", "3000.00", "3000.00", "3500.00"]);
  });

  it("a span before the measure began: a new period with the terms of the first one", () => {
    // us-232-steel at 10% on [2025-01-01, 2025-03-12): 1,000 × 10% = 100.00
    const s = withOverlay([{ measure: "us-232-steel", from: "2025-01-01", until: "2025-03-12", rate: "10%" }]);
    expect(periods(s, "us-232-steel")).toEqual([
      { from: "2025-01-01", until: "2025-03-12", rate: "10%" },
      { from: "2025-03-12", until: "2025-06-04", rate: "25%" },
      { from: "2025-06-04", rate: "50%" },
    ]);
    // IEEPA starts 2025-03-04: only the new 232 period charges on 2025-02-01
    expect(duty(s, steel("2025-02-01")).duty).toBe("100.00");
    expect(amountOf(s, steel("2025-03-12"), "us-232-steel")).toBe("250.00");
  });

  it("a span reaching past an open-ended measure splits it and keeps the rate after", () => {
    const s = withOverlay([{ measure: "us-232-steel", from: "2026-01-01", until: "2026-07-01", rate: "25%" }]);
    expect(periods(s, "us-232-steel")!.map((p) => [p.from, p.until, p.rate])).toEqual([
      ["2025-03-12", "2025-06-04", "25%"],
      ["2025-06-04", "2026-01-01", "50%"],
      ["2026-01-01", "2026-07-01", "25%"],
      ["2026-07-01", undefined, "50%"],
    ]);
    expect(["2025-12-31", "2026-01-01", "2026-06-30", "2026-07-01"].map((d) => duty(s, steel(d)).duty)).toEqual(["500.00", "250.00", "250.00", "500.00"]);
  });

  it('with a sector: only that sector\'s rate changes', () => {
    const s = withOverlay([{ measure: "us-ieepa-canada", from: "2025-10-01", sector: "energy", rate: "5%" }]);
    expect(duty(s, crude("2025-10-01")).duty).toBe("1000.00"); // 20,000 × 5%
    expect(duty(s, crude("2025-09-30")).duty).toBe("2000.00"); // 20,000 × 10% before
    expect(duty(s, bicycle("2025-10-01")).duty).toBe("3500.00"); // others keep 35%
    // the heading of the sector's entry is kept
    expect(periods(s, "us-ieepa-canada")!.at(-1)!.rates).toEqual({ energy: { rate: "5%", heading: "9903.01.13" } });
  });

  it('with sector "*": every sector, including those with their own rate', () => {
    const s = withOverlay([{ measure: "us-ieepa-canada", from: "2025-10-01", sector: "*", rate: "20%" }]);
    expect(duty(s, crude("2025-10-01")).duty).toBe("4000.00"); // 20,000 × 20%
    expect(duty(s, bicycle("2025-10-01")).duty).toBe("2000.00"); // 10,000 × 20%
  });

  it("with a sector the measure did not cover: the sector is added to the periods changed", () => {
    // us-232-steel charging aluminum 10% from 2025-06-04 (a what-if): 1,000 × 10% = 100.00
    const s = withOverlay([{ measure: "us-232-steel", from: "2025-06-04", sector: "aluminum", rate: "10%" }]);
    expect(periods(s, "us-232-steel")![1]).toEqual({ from: "2025-06-04", rate: "50%", rates: { aluminum: "10%" }, sectors: ["steel", "aluminum"] });
    const usAluminum = (date: string) => ({ date, importer: "US", hs: "7601", value: "1000" });
    expect(amountOf(s, usAluminum("2025-07-01"), "us-232-steel")).toBe("100.00");
    expect(amountOf(s, usAluminum("2025-05-01"), "us-232-steel")).toBe("-"); // not covered before 2025-06-04
    expect(amountOf(s, steel("2025-07-01"), "us-232-steel")).toBe("500.00"); // steel keeps 50%
  });

  it("basis and heading", () => {
    // 232 steel on the metal content from 2025-06-04: 50% × 400 = 200.00
    const s = withOverlay([{ measure: "us-232-steel", from: "2025-06-04", basis: "content", heading: "9903.81.87" }]);
    const r = computeLine(s, shipment(s, steel("2025-09-15", { content_value: "400" })));
    // from 2025-08-01 IEEPA is switched off by 232 steel in the brief
    expect(r.duties.map((d) => [d.measure, d.heading, d.basis, formatMoney(d.base), formatMoney(d.amount)])).toEqual([["us-232-steel", "9903.81.87", "content", "400.00", "200.00"]]);
  });

  it("exemptions and excludedBy replace the period's", () => {
    // IEEPA without the USMCA exemption from 2025-10-01: a USMCA bicycle pays 35% × 10,000
    const a = withOverlay([{ measure: "us-ieepa-canada", from: "2025-10-01", exemptions: [] }]);
    expect(duty(a, bicycle("2025-09-30", { usmca: "Y" })).duty).toBe("0.00");
    expect(duty(a, bicycle("2025-10-01", { usmca: "Y" })).duty).toBe("3500.00");
    // IEEPA stacking on 232 steel from 2025-10-01: 1,000 × (35% + 50%) = 850.00
    const b = withOverlay([{ measure: "us-ieepa-canada", from: "2025-10-01", excludedBy: [] }]);
    expect(duty(b, steel("2025-09-30")).duty).toBe("500.00");
    expect(duty(b, steel("2025-10-01")).duty).toBe("850.00");
  });

  it("usmca terms: a share of the value for qualifying goods", () => {
    // the aluminum surtax on 50% of the value of CUSMA goods from 2026-01-01: 1,000 × 50% × 25% = 125.00
    const s = withOverlay([{ measure: "ca-surtax-us-aluminum", from: "2026-01-01", usmca: { share: "50%" } }]);
    expect(duty(s, { ...aluminum("2026-01-02"), usmca: "Y" }).duty).toBe("125.00");
    expect(duty(s, aluminum("2026-01-02")).duty).toBe("250.00");
    expect(duty(s, { ...aluminum("2025-12-31"), usmca: "Y" }).duty).toBe("250.00");
  });
});

describe("end", () => {
  it("ends the measure on the date: it applies the day before, not on the day", () => {
    // canada-lifts-metal-surtax-at-review, on the brief
    const s = withOverlay([{ measure: "ca-surtax-us-aluminum", end: "2026-07-01" }]);
    expect(periods(s, "ca-surtax-us-aluminum")).toEqual([{ from: "2025-03-13", until: "2026-07-01", rate: "25%" }]);
    expect(duty(s, aluminum("2026-06-30")).duty).toBe("250.00"); // 1,000.00 × 25%
    const after = computeLine(s, shipment(s, aluminum("2026-07-01")));
    expect(formatMoney(after.duty)).toBe("0.00");
    expect(after.skipped.map((k) => `${k.measure}: ${skipText(k.reason)}`)).toEqual(["ca-surtax-us-aluminum: outside its periods"]);
  });

  it("drops the periods that start on or after the date", () => {
    const s = withOverlay([{ measure: "us-232-steel", end: "2025-06-04" }]);
    expect(periods(s, "us-232-steel")).toEqual([{ from: "2025-03-12", until: "2025-06-04", rate: "25%" }]);
    // from 2025-06-04 steel pays IEEPA instead: 1,000 × 25%
    expect(duty(s, steel("2025-07-01")).duty).toBe("250.00");
  });

  it("an end later than the measure's own end changes nothing", () => {
    const s = withOverlay([{ measure: "us-ieepa-canada", end: "2027-01-01" }]);
    expect(periods(s, "us-ieepa-canada")).toEqual(periods(brief, "us-ieepa-canada"));
  });

  it("ended before it began: the measure is removed, and so are the exclusions naming it", () => {
    const s = withOverlay([{ measure: "us-232-steel", end: "2025-01-01" }]);
    expect(s.file.measures.map((m) => m.id)).toEqual(["us-ieepa-canada", "ca-surtax-us-aluminum"]);
    expect(periods(s, "us-ieepa-canada")![2]!.excludedBy).toEqual([]);
    // steel pays IEEPA 35% × 1,000 = 350.00
    expect(duty(s, steel("2025-09-15")).duty).toBe("350.00");
  });
});

describe("addExemption / dropExemption", () => {
  it("adds an exemption from a date", () => {
    const s = withOverlay([{ measure: "us-232-steel", addExemption: "usmca", from: "2025-09-01" }]);
    expect(periods(s, "us-232-steel")).toEqual([
      { from: "2025-03-12", until: "2025-06-04", rate: "25%" },
      { from: "2025-06-04", until: "2025-09-01", rate: "50%" },
      { from: "2025-09-01", rate: "50%", exemptions: ["usmca"] },
    ]);
    // 1,000 × 50% = 500.00 the day before (IEEPA: USMCA-exempt)
    expect(duty(s, steel("2025-08-31", { usmca: "Y" })).duty).toBe("500.00");
    // exempt from 232 too; IEEPA, no longer switched off by 232, is USMCA-exempt as well
    expect(duty(s, steel("2025-09-01", { usmca: "Y" })).duty).toBe("0.00");
    // a non-USMCA line still pays 232 50%, and IEEPA stays off
    expect(duty(s, steel("2025-09-01"))).toEqual({ duty: "500.00", duties: ["us-232-steel 50% × 1000.00 = 500.00"] });
  });

  it("drops an exemption, by default on every period", () => {
    const s = withOverlay([{ measure: "us-ieepa-canada", dropExemption: "usmca" }]);
    expect(periods(s, "us-ieepa-canada")!.map((p) => p.exemptions)).toEqual([[], [], []]);
    expect(duty(s, bicycle("2025-09-15", { usmca: "Y" })).duty).toBe("3500.00");
    expect(duty(s, bicycle("2025-04-01", { usmca: "Y" })).duty).toBe("2500.00");
  });

  it("adding an exemption already there changes nothing in effect", () => {
    const s = withOverlay([{ measure: "us-ieepa-canada", addExemption: "usmca", from: "2025-03-07" }]);
    expect(periods(s, "us-ieepa-canada")!.map((p) => p.exemptions)).toEqual([undefined, ["usmca"], ["usmca"]]);
  });
});

describe("add a measure", () => {
  it("adds a new measure that applies like any other", () => {
    // a what-if Canadian surtax on US energy: 10% × 1,000.00 = 100.00 from 2026-01-01
    const s = withOverlay([
      { add: { id: "ca-surtax-us-energy", label: "what-if energy surtax", importer: "CA", origins: ["US"], authority: "what-if", sectors: ["energy"], periods: [{ from: "2026-01-01", rate: "10%" }] } },
    ]);
    expect(s.measures.map((m) => m.id)).toContain("ca-surtax-us-energy");
    expect(duty(s, { date: "2026-01-01", importer: "CA", hs: "2709", value: "1000.00" })).toEqual({ duty: "100.00", duties: ["ca-surtax-us-energy 10% × 1000.00 = 100.00"] });
    expect(duty(s, { date: "2025-12-31", importer: "CA", hs: "2709", value: "1000.00" }).duty).toBe("0.00");
  });

  it("an added measure can be changed by a later change of the same overlay", () => {
    const s = withOverlay([
      { add: { id: "ca-surtax-us-energy", label: "what-if", importer: "CA", origins: ["US"], authority: "what-if", sectors: ["energy"], periods: [{ from: "2026-01-01", rate: "10%" }] } },
      { measure: "ca-surtax-us-energy", from: "2026-04-01", rate: "15%" },
    ]);
    expect(duty(s, { date: "2026-04-01", importer: "CA", hs: "2709", value: "1000.00" }).duty).toBe("150.00");
  });
});

describe("changes apply in order", () => {
  it("a later change wins over an earlier one", () => {
    const s = withOverlay([
      { measure: "us-ieepa-canada", from: "2025-10-01", rate: "40%" },
      { measure: "us-ieepa-canada", from: "2025-11-01", rate: "45%" },
    ]);
    expect(["2025-10-15", "2025-11-15"].map((d) => duty(s, bicycle(d)).duty)).toEqual(["4000.00", "4500.00"]);
  });

  it("set then end: the end wins; end then set: the set re-opens the measure", () => {
    const setThenEnd = withOverlay([
      { measure: "us-ieepa-canada", from: "2026-02-24", rate: "35%" },
      { measure: "us-ieepa-canada", end: "2026-06-01" },
    ]);
    expect(["2026-05-31", "2026-06-01"].map((d) => duty(setThenEnd, bicycle(d)).duty)).toEqual(["3500.00", "0.00"]);
    const endThenSet = withOverlay([
      { measure: "us-ieepa-canada", end: "2025-10-01" },
      { measure: "us-ieepa-canada", from: "2025-11-01", rate: "10%" },
    ]);
    expect(["2025-09-30", "2025-10-15", "2025-11-01", "2027-01-01"].map((d) => duty(endThenSet, bicycle(d)).duty)).toEqual(["3500.00", "0.00", "1000.00", "1000.00"]);
  });

  it("two overlays stack: the second sees the first's result", () => {
    const first = overlay([{ measure: "us-ieepa-canada", from: "2026-02-24", rate: "35%" }], "first.json");
    const second = overlay([{ measure: "us-ieepa-canada", from: "2026-06-01", rate: "10%" }], "second.json");
    const r = scheduleWithOverlays(brief, [first, second], "brief + first + second");
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(["2026-03-01", "2026-06-01"].map((d) => duty(r.value, bicycle(d)).duty)).toEqual(["3500.00", "1000.00"]);
    // the other order: the second's period is re-set by the first from 2026-02-24
    const other = scheduleWithOverlays(brief, [second, first], "brief + second + first");
    expect(other.ok).toBe(true);
    if (!other.ok) return;
    expect(["2026-03-01", "2026-06-01"].map((d) => duty(other.value, bicycle(d)).duty)).toEqual(["3500.00", "3500.00"]);
  });
});

describe("applying an overlay yields a schedule that validates", () => {
  it("the result of every example-like change reads back through validateSchedule with no error", () => {
    const s = withOverlay([
      { measure: "us-ieepa-canada", from: "2025-07-01", until: "2025-09-01", rate: "30%" },
      { measure: "us-ieepa-canada", from: "2026-02-24", sector: "*", rate: "20%" },
      { measure: "us-232-steel", from: "2025-06-04", sector: "aluminum", rate: "10%" },
      { measure: "us-232-steel", addExemption: "usmca", from: "2026-01-01" },
      { measure: "ca-surtax-us-aluminum", end: "2026-07-01" },
      { add: { id: "ca-surtax-us-energy", label: "x", importer: "CA", origins: ["US"], authority: "what-if", sectors: ["energy"], periods: [{ from: "2026-01-01", rate: "10%" }] } },
    ]);
    const again = validateSchedule(JSON.parse(JSON.stringify(s.file)), "exported.json");
    expect(again.ok ? [] : again.errors.map((e) => e.message)).toEqual([]);
  });

  it("each example overlay of fixtures/overlays applies to the embedded schedule", async () => {
    const { readFileSync, readdirSync } = await import("node:fs");
    const path = await import("node:path");
    const { ROOT } = await import("../helpers/cli.js");
    const dir = path.join(ROOT, "fixtures/overlays");
    const base = defaultSchedule();
    const files = readdirSync(dir).filter((f) => f.endsWith(".json"));
    expect(files.length).toBeGreaterThanOrEqual(5);
    for (const f of files) {
      const o = validateOverlay(JSON.parse(readFileSync(path.join(dir, f), "utf8")), f);
      expect(o.ok, f).toBe(true);
      if (!o.ok) continue;
      const r = scheduleWithOverlays(base, [o.value], `default + ${f}`);
      expect(r.ok ? [] : r.errors.map((e) => e.message), f).toEqual([]);
    }
  });

  it("an added measure that names an unknown sector is an error located in the overlay", () => {
    const o = overlay([{ add: { id: "ca-what-if", label: "x", importer: "CA", origins: ["US"], authority: "x", sectors: ["steal"], periods: [{ from: "2026-01-01", rate: "10%" }] } }]);
    const r = scheduleWithOverlays(brief, [o], "brief + what-if.json");
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => [e.code, e.at.file, e.at.path])).toEqual([["overlay/unknown-sector", "what-if.json", ["changes", 0, "add", "sectors", 0]]]);
    expect(r.errors[0]!.hint).toBe('did you mean "steel"?');
  });

  it("a change that makes the schedule invalid is reported against the combined schedule", () => {
    // 232 steel switched off by IEEPA, while IEEPA is switched off by 232 steel from 2025-08-01: a cycle
    const r = scheduleWithOverlays(brief, [overlay([{ measure: "us-232-steel", from: "2025-06-04", excludedBy: ["us-ieepa-canada"] }])], "brief + what-if.json");
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.length).toBeGreaterThan(0);
    expect(r.errors.every((e) => e.message.startsWith("after applying what-if.json: "))).toBe(true);
  });

  // BUG: with "sector", a sector the measure does not list is added to the periods' sectors
  // (overlay.ts applySet: "A sector given its own rate must be covered in this period"), but a
  // sector that a "*" measure excepts (us-122-surcharge's energy, potash, …) is not: the result
  // fails validation with one unlocated error per period ("after applying …: … gives a rate for
  // sector "energy", which it does not cover in this period", hint "remove it from exceptSectors"),
  // which an overlay cannot do. Either the sector should be covered, or the error should point at
  // the change in the overlay.
  it('a sector excepted from a "*" measure: covered, or an error located at the change', () => {
    const star = schedule({
      importers: { US, CA },
      sectors: [{ id: "energy", label: "Energy", hs: ["2709"] }, { id: "other_goods", label: "Other", hs: ["87"] }],
      // us-measures.md §1b: Section 122 10%, Annex II (energy) excepted
      measures: [{ id: "us-122-surcharge", label: "122", importer: "US", origins: ["CA"], authority: "Procl. 11012", sectors: "*", exceptSectors: ["energy"], periods: [{ from: "2026-02-24", until: "2026-07-24", rate: "10%" }] }],
    });
    const r = scheduleWithOverlays(star, [overlay([{ measure: "us-122-surcharge", from: "2026-03-01", sector: "energy", rate: "5%" }])], "star + what-if.json");
    if (r.ok) {
      // 20,000 × 5% = 1,000.00
      expect(duty(r.value, { date: "2026-03-02", importer: "US", hs: "2709", value: "20000" }).duty).toBe("1000.00");
    } else {
      expect(r.errors.map((e) => [e.at.file, e.at.path])).toEqual([["what-if.json", ["changes", 0, "sector"]]]);
    }
  });
});

describe("overlay validation: shape", () => {
  const v = (raw: unknown) => {
    const r = validateOverlay(raw, "o.json");
    return r.ok ? [] : r.errors.map((e) => [e.code, e.at.path ?? [], e.message, e.hint ?? null]);
  };
  const o = (changes: unknown[]) => ({ format: "tariff-overlay/1", title: "t", changes });

  it.each([
    ["a typo'd key in a change, with did-you-mean", [{ measure: "m", from: "2026-01-01", rat: "30%" }], ["overlay/unknown-key", ["changes", 0, "rat"], 'unknown key "rat" in changes[0]', 'did you mean "rate"?']],
    ["a rate that is a number", [{ measure: "m", from: "2026-01-01", rate: 30 }], ["overlay/wrong-type", ["changes", 0, "rate"]]],
    ["a date that is not a calendar date", [{ measure: "m", from: "2026-02-30", rate: "30%" }], ["overlay/invalid-date", ["changes", 0, "from"]]],
    ["until not after from", [{ measure: "m", from: "2026-01-01", until: "2026-01-01", rate: "30%" }], ["overlay/empty-period", ["changes", 0, "until"], 'changes[0]: "until" 2026-01-01 must be after "from" 2026-01-01']],
    ["nothing to change", [{ measure: "m", from: "2026-01-01" }], ["overlay/invalid-change", ["changes", 0]]],
    ["a sector with other terms than rate, basis, heading", [{ measure: "m", from: "2026-01-01", sector: "steel", exemptions: [] }], ["overlay/invalid-change", ["changes", 0, "sector"], 'changes[0]: with "sector", only "rate", "basis" and "heading" can change']],
    ["both addExemption and dropExemption", [{ measure: "m", addExemption: "usmca", dropExemption: "usmca" }], ["overlay/invalid-change", ["changes", 0], 'changes[0]: give either "addExemption" or "dropExemption"']],
    ["a change that is not an object", ["m"], ["overlay/wrong-type", ["changes", 0], "changes[0]: expected a change object"]],
  ])("%s", (_, changes, expected) => {
    const errors = v(o(changes));
    expect(errors).toHaveLength(1);
    expect(errors[0]!.slice(0, expected.length)).toEqual(expected);
  });

  // BUG: a bad date under "end" gets the generic code overlay/invalid, while the same fault under "from"
  // or "until" is overlay/invalid-date (zod-issues.ts codeFor() knows only from/until/asOf as date keys).
  it('an "end" that is not a date has the same code as a bad "from": overlay/invalid-date', () => {
    const errors = v(o([{ measure: "m", end: "2026-02-30" }]));
    expect(errors.map((e) => [e[0], e[1], e[2]])).toEqual([["overlay/invalid-date", ["changes", 0, "end"], 'changes[0].end: "2026-02-30" is not a calendar date']]);
  });

  it("a typo'd top-level key, a missing title and changes that are not a list are all reported", () => {
    const errors = v({ format: "tariff-overlay/1", titel: "t", changes: {} });
    expect(errors.map((e) => [e[0], e[1]])).toEqual(expect.arrayContaining([["overlay/unknown-key", ["titel"]], ["overlay/wrong-type", ["changes"]]]));
    expect(errors.find((e) => e[0] === "overlay/unknown-key")![3]).toBe('did you mean "title"?');
    expect(errors.some((e) => String(e[2]).includes("title"))).toBe(true);
  });

  it("refuses an unknown format, naming the one it supports", () => {
    const errors = v({ format: "tariff-overlay/2", title: "t", changes: [] });
    expect(errors).toHaveLength(1);
    expect(errors[0]![0]).toBe("overlay/unknown-format");
    expect(String(errors[0]![2]) + String(errors[0]![3])).toContain("tariff-overlay/1");
  });

  it("a schedule is not an overlay", () => {
    expect(v({ ...brief.file })[0]![0]).toMatch(/^overlay\//);
  });
});

describe("overlay validation: references, checked against the schedule", () => {
  const apply = (changes: unknown[]) => {
    const r = applyOverlay(brief.file, overlay(changes));
    return r.ok ? [] : r.errors.map((e) => [e.code, e.at.file, e.at.path, e.message, e.hint ?? null]);
  };

  it("an unknown measure, with did-you-mean", () => {
    expect(apply([{ measure: "us-232-stel", from: "2026-01-01", rate: "30%" }])).toEqual([
      ["overlay/unknown-measure", "what-if.json", ["changes", 0, "measure"], 'changes[0]: measure "us-232-stel" is not in schedule test', 'did you mean "us-232-steel"?'],
    ]);
  });

  it("an unknown measure in end, addExemption and excludedBy", () => {
    const errors = apply([
      { measure: "ca-surtax-us-alum", end: "2026-07-01" },
      { measure: "us-ieepa-canda", dropExemption: "usmca" },
      { measure: "us-ieepa-canada", from: "2026-01-01", excludedBy: ["us-232-steeel"] },
    ]);
    expect(errors.map((e) => [e[0], e[2], e[4]])).toEqual([
      ["overlay/unknown-measure", ["changes", 0, "measure"], 'did you mean "ca-surtax-us-aluminum"?'],
      ["overlay/unknown-measure", ["changes", 1, "measure"], 'did you mean "us-ieepa-canada"?'],
      ["overlay/unknown-measure", ["changes", 2, "excludedBy", 0], 'did you mean "us-232-steel"?'],
    ]);
  });

  it("an unknown sector, with did-you-mean", () => {
    expect(apply([{ measure: "us-232-steel", from: "2026-01-01", sector: "steal", rate: "30%" }])).toEqual([
      ["overlay/unknown-sector", "what-if.json", ["changes", 0, "sector"], 'changes[0]: sector "steal" is not in schedule test', 'did you mean "steel"?'],
    ]);
  });

  it("adding a measure the schedule already has", () => {
    const errors = apply([{ add: { id: "us-232-steel", label: "x", importer: "US", origins: ["CA"], authority: "x", sectors: ["steel"], periods: [{ from: "2026-01-01", rate: "10%" }] } }]);
    expect(errors.map((e) => [e[0], e[2]])).toEqual([["overlay/duplicate-measure", ["changes", 0, "add", "id"]]]);
  });

  it("a change naming a measure that an earlier change removed", () => {
    const errors = apply([{ measure: "us-232-steel", end: "2025-01-01" }, { measure: "us-232-steel", from: "2026-01-01", rate: "10%" }]);
    // not "unknown": it says which change removed it
    expect(errors).toEqual([["overlay/removed-measure", "what-if.json", ["changes", 1, "measure"], 'changes[1]: measure "us-232-steel" no longer exists: changes[0] ended it before it began', "reorder the changes, or end the measure later"]]);
  });
});

describe('"list": one product list\'s rate (format 2)', () => {
  /**
   * Metals tiers by list, as us-232-metals in the embedded schedule (50% / 25% / 15%, one measure),
   * and a measure charging by sector and by list at once, to show where a new list key lands.
   * 7326.90.86.xx is on annex-1a and on annex-1b: annex-1a is written first, so it takes them.
   */
  const tiers = schedule({
    format: "tariff-schedule/2",
    importers: { US, CA },
    sectors: [
      { id: "steel", label: "Steel", hs: ["72"] },
      { id: "steel_articles", label: "Steel articles", hs: ["73"] },
    ],
    lists: [
      { id: "annex-1a", label: "I-A", codes: ["7208", "7326.90.86"] },
      { id: "annex-1b", label: "I-B", codes: ["7321", "7326.90"] },
      { id: "annex-3", label: "III", codes: ["7325"] },
      { id: "extra", label: "a what-if list", codes: ["7308", "7325.10"] },
    ],
    measures: [
      {
        id: "us-metals", label: "232 metals", importer: "US", origins: ["CA"], authority: "Procl. 11021", heading: "9903.82.02", lists: ["annex-1a", "annex-1b", "annex-3"],
        periods: [{ from: "2026-04-06", rates: { "annex-1a": "50%", "annex-1b": { rate: "25%", heading: "9903.82.09" }, "annex-3": { rate: "15%", heading: "9903.82.10" } } }],
      },
      {
        id: "us-mixed", label: "by sector and list", importer: "US", origins: ["CA"], authority: "what-if", sectors: ["steel_articles"], lists: ["annex-3"],
        periods: [{ from: "2026-01-01", rates: { "annex-3": "15%", steel_articles: "30%" } }],
      },
      { id: "us-sectors", label: "by sector only", importer: "US", origins: ["CA"], authority: "what-if", sectors: ["steel"], periods: [{ from: "2026-01-01", rate: "25%" }] },
    ],
  });
  const line = (date: string, hs: string, value = "1000") => ({ date, importer: "US", hs, value });
  // Amounts are per measure (amountOf): a steel article pays us-metals and us-mixed.
  const onTiers = (changes: unknown[]) => withOverlay(changes, tiers);

  it("sets the list's rate from a date; the other lists keep theirs, the entry keeps its heading and its place", () => {
    const s = onTiers([{ measure: "us-metals", from: "2026-10-01", list: "annex-1b", rate: "50%" }]);
    expect(periods(s, "us-metals")).toEqual([
      { from: "2026-04-06", until: "2026-10-01", rates: { "annex-1a": "50%", "annex-1b": { rate: "25%", heading: "9903.82.09" }, "annex-3": { rate: "15%", heading: "9903.82.10" } } },
      { from: "2026-10-01", rates: { "annex-1a": "50%", "annex-1b": { rate: "50%", heading: "9903.82.09" }, "annex-3": { rate: "15%", heading: "9903.82.10" } } },
    ]);
    // 7321.11.10 (I-B): 1,000 × 25% = 250.00 the day before; 1,000 × 50% = 500.00 from 2026-10-01, still under 9903.82.09
    const metals = (l: Record<string, string>) => computeLine(s, shipment(s, l)).duties.filter((d) => d.measure === "us-metals").map((d) => `${d.heading} ${formatRate(d.rate)} × ${formatMoney(d.base)} = ${formatMoney(d.amount)}`);
    expect(metals(line("2026-09-30", "7321.11.10"))).toEqual(["9903.82.09 25% × 1000.00 = 250.00"]);
    expect(metals(line("2026-10-01", "7321.11.10"))).toEqual(["9903.82.09 50% × 1000.00 = 500.00"]);
    // 1,000.50 is valued 1,001 (whole dollars, half away from zero): 1,001 × 50% = 500.50
    expect(metals(line("2026-10-01", "7321.11.10", "1000.50"))).toEqual(["9903.82.09 50% × 1001.00 = 500.50"]);
    // I-A and III unchanged: 1,000 × 50% = 500.00; 1,000 × 15% = 150.00
    expect(metals(line("2026-10-01", "7208.10.00.00"))).toEqual(["9903.82.02 50% × 1000.00 = 500.00"]);
    expect(metals(line("2026-10-01", "7325.99.10"))).toEqual(["9903.82.10 15% × 1000.00 = 150.00"]);
  });

  it("duty rounds once to the cent, half away from zero", () => {
    // III at 12.5%: 1,000.50 → 1,001 × 12.5% = 125.125 → 125.13
    const s = onTiers([{ measure: "us-metals", from: "2026-10-01", list: "annex-3", rate: "12.5%" }]);
    expect(amountOf(s, line("2026-10-01", "7325.99.10", "1000.50"), "us-metals")).toBe("125.13");
  });

  it("a code on two lists keeps the tier of the key written first: the overlay sets a rate, it does not rank the lists", () => {
    const s = onTiers([{ measure: "us-metals", from: "2026-10-01", list: "annex-1b", rate: "10%" }]);
    // 7326.90.86.10 is on I-A and I-B; I-A comes first: 1,000 × 50% = 500.00, as before
    expect(amountOf(s, line("2026-10-01", "7326.90.86.10"), "us-metals")).toBe("500.00");
    // 7326.90.10 is on I-B only: 1,000 × 10% = 100.00
    expect(amountOf(s, line("2026-10-01", "7326.90.10"), "us-metals")).toBe("100.00");
  });

  it("with until: the periods are split at both dates and the rate comes back after", () => {
    const s = onTiers([{ measure: "us-metals", from: "2026-10-01", until: "2027-01-01", list: "annex-1b", rate: "50%" }]);
    expect(periods(s, "us-metals")!.map((p) => [p.from, p.until, p.rates?.["annex-1b"]])).toEqual([
      ["2026-04-06", "2026-10-01", { rate: "25%", heading: "9903.82.09" }],
      ["2026-10-01", "2027-01-01", { rate: "50%", heading: "9903.82.09" }],
      ["2027-01-01", undefined, { rate: "25%", heading: "9903.82.09" }],
    ]);
    // 1,000 × 25%, 50%, 50%, 25%
    expect(["2026-09-30", "2026-10-01", "2026-12-31", "2027-01-01"].map((d) => amountOf(s, line(d, "7321.11.10"), "us-metals"))).toEqual(["250.00", "500.00", "500.00", "250.00"]);
  });

  it("a list the measure did not cover: added to the period's lists, its key before the first sector key", () => {
    const s = onTiers([{ measure: "us-mixed", from: "2026-07-01", list: "extra", rate: "5%" }]);
    const after = periods(s, "us-mixed")![1]!;
    expect(after).toEqual({ from: "2026-07-01", rates: { "annex-3": "15%", extra: "5%", steel_articles: "30%" }, lists: ["annex-3", "extra"] });
    expect(Object.keys(after.rates!)).toEqual(["annex-3", "extra", "steel_articles"]);
    // 7308.90 (steel_articles, on extra): 1,000 × 30% = 300.00 before; the sector's own rate does not hide the list: 1,000 × 5% = 50.00
    expect(amountOf(s, line("2026-06-30", "7308.90"), "us-mixed")).toBe("300.00");
    expect(amountOf(s, line("2026-07-01", "7308.90"), "us-mixed")).toBe("50.00");
    // 7325.10 is on extra and on annex-3, whose key is above it: 1,000 × 15% = 150.00, unchanged
    expect(amountOf(s, line("2026-07-01", "7325.10"), "us-mixed")).toBe("150.00");
    // other steel articles keep the sector's 30%
    expect(amountOf(s, line("2026-07-01", "7310.10"), "us-mixed")).toBe("300.00");
  });

  it("on a measure of sectors only: the period gets its own lists", () => {
    const s = onTiers([{ measure: "us-sectors", from: "2026-07-01", list: "annex-1a", rate: "40%" }]);
    expect(periods(s, "us-sectors")![1]).toEqual({ from: "2026-07-01", rate: "25%", rates: { "annex-1a": "40%" }, lists: ["annex-1a"] });
    // 7208.10 (steel, on I-A): 1,000 × 40% = 400.00; 7210.10 (steel, on no list): 1,000 × 25% = 250.00
    expect(amountOf(s, line("2026-07-01", "7208.10"), "us-sectors")).toBe("400.00");
    expect(amountOf(s, line("2026-07-01", "7210.10"), "us-sectors")).toBe("250.00");
  });

  it('"sector": "*" changes every rate of the measure, list keys included (their headings kept)', () => {
    const s = onTiers([
      { measure: "us-metals", from: "2026-10-01", sector: "*", rate: "20%" },
      { measure: "us-mixed", from: "2026-10-01", sector: "*", rate: "20%" },
    ]);
    expect(periods(s, "us-metals")![1]!.rates).toEqual({ "annex-1a": "20%", "annex-1b": { rate: "20%", heading: "9903.82.09" }, "annex-3": { rate: "20%", heading: "9903.82.10" } });
    // every tier: 1,000 × 20% = 200.00 (50%, 25%, 15% the day before)
    for (const [hs, before] of [["7208.10.00.00", "500.00"], ["7321.11.10", "250.00"], ["7325.99.10", "150.00"]] as const) {
      expect(amountOf(s, line("2026-09-30", hs), "us-metals")).toBe(before);
      expect(amountOf(s, line("2026-10-01", hs), "us-metals")).toBe("200.00");
    }
    // us-mixed: the list key (15%) and the sector key (30%) both become 20%
    expect(amountOf(s, line("2026-10-01", "7325.10"), "us-mixed")).toBe("200.00");
    expect(amountOf(s, line("2026-10-01", "7310.10"), "us-mixed")).toBe("200.00");
  });

  it('"sector" on a measure of lists only: the sector is covered from then on, not ignored', () => {
    const s = onTiers([{ measure: "us-metals", from: "2026-10-01", sector: "steel", rate: "5%" }]);
    expect(periods(s, "us-metals")![1]).toMatchObject({ sectors: ["steel"], rates: { steel: "5%" } });
    // 7210.10 (steel, on no list): not charged before; 1,000 × 5% = 50.00 after. 7208.10 is on I-A, whose key comes first: 50%.
    expect(amountOf(s, line("2026-09-30", "7210.10"), "us-metals")).toBe("-");
    expect(amountOf(s, line("2026-10-01", "7210.10"), "us-metals")).toBe("50.00");
    expect(amountOf(s, line("2026-10-01", "7208.10.00.00"), "us-metals")).toBe("500.00");
  });

  it("the result reads back through validateSchedule", () => {
    const s = onTiers([
      { measure: "us-metals", from: "2026-10-01", until: "2027-01-01", list: "annex-1b", rate: "50%", heading: "9903.82.02" },
      { measure: "us-mixed", from: "2026-07-01", list: "extra", rate: "5%", basis: "content" },
      { measure: "us-sectors", from: "2025-06-01", list: "annex-3", rate: "15%" },
    ]);
    const again = validateSchedule(JSON.parse(JSON.stringify(s.file)), "exported.json");
    expect(again.ok ? [] : again.errors.map((e) => e.message)).toEqual([]);
  });

  describe("references", () => {
    const apply = (changes: unknown[], base: Schedule = tiers) => {
      const r = applyOverlay(base.file, overlay(changes));
      return r.ok ? [] : r.errors.map((e) => [e.code, e.at.file, e.at.path, e.message, e.hint ?? null]);
    };

    it("an unknown list, with did-you-mean over the schedule's lists", () => {
      expect(apply([{ measure: "us-metals", from: "2026-10-01", list: "annex-1c", rate: "50%" }])).toEqual([
        ["overlay/unknown-list", "what-if.json", ["changes", 0, "list"], 'changes[0]: list "annex-1c" is not in schedule test', 'did you mean "annex-1a"?'],
      ]);
    });

    it("a sector id given as a list says so", () => {
      expect(apply([{ measure: "us-metals", from: "2026-10-01", list: "steel", rate: "50%" }])).toEqual([
        ["overlay/unknown-list", "what-if.json", ["changes", 0, "list"], 'changes[0]: list "steel" is not in schedule test', '"steel" is a sector: write "sector": "steel"'],
      ]);
    });

    it("a format-1 schedule has no lists: the error says so", () => {
      expect(apply([{ measure: "us-232-steel", from: "2026-01-01", list: "annex-1b", rate: "50%" }], brief)).toEqual([
        [
          "overlay/unknown-list", "what-if.json", ["changes", 0, "list"],
          'changes[0]: list "annex-1b" is not in schedule test: it has no product lists (format "tariff-schedule/1")',
          'product lists need a "tariff-schedule/2" schedule; "sector" changes one sector\'s rate',
        ],
      ]);
    });
  });
});

describe('overlay validation: "list"', () => {
  const v = (change: Record<string, unknown>) => {
    const r = validateOverlay({ format: "tariff-overlay/1", title: "t", changes: [change] }, "o.json");
    return r.ok ? [] : r.errors.map((e) => [e.code, e.at.path ?? [], e.message, e.hint ?? null]);
  };

  it("both sector and list: located at list", () => {
    expect(v({ measure: "m", from: "2026-01-01", sector: "steel", list: "annex-1b", rate: "50%" })).toEqual([
      ["overlay/invalid-change", ["changes", 0, "list"], 'changes[0]: give either "sector" or "list", not both', "a change sets the rate of one sector or of one product list: write one change for each"],
    ]);
  });

  it("with list, only rate, basis and heading can change", () => {
    expect(v({ measure: "m", from: "2026-01-01", list: "annex-1b", exemptions: [] })).toEqual([
      ["overlay/invalid-change", ["changes", 0, "list"], 'changes[0]: with "list", only "rate", "basis" and "heading" can change', null],
    ]);
  });

  it("a list id that is not kebab-case", () => {
    const errors = v({ measure: "m", from: "2026-01-01", list: "Annex_1B", rate: "50%" });
    expect(errors.map((e) => [e[0], e[1]])).toEqual([["overlay/invalid", ["changes", 0, "list"]]]);
  });

  it('a list id under "sector": the hint names the "list" key', () => {
    const errors = v({ measure: "m", from: "2026-01-01", sector: "us-232-metals-annex-1b", rate: "50%" });
    expect(errors.map((e) => [e[0], e[1], e[3]])).toEqual([["overlay/invalid", ["changes", 0, "sector"], 'for a product list, write "list": "us-232-metals-annex-1b"']]);
  });

  it("the JSON Schema of a change describes the key", () => {
    const properties = (z.toJSONSchema(SetChange, { io: "input", unrepresentable: "any" }) as { properties: Record<string, { description?: string; pattern?: string }> }).properties;
    expect(properties["list"]).toMatchObject({ type: "string", pattern: "^[a-z0-9]+(-[a-z0-9]+)*$" });
    expect(properties["list"]!.description).toMatch(/^Only this product list's rate \(and heading, basis\) changes/);
    expect(properties["sector"]!.description).toContain("product lists alike");
  });
});
