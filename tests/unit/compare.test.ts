/**
 * Scenario comparison (src/core/scenario/compare.ts): the change of a scenario
 * against the base, per line and in totals, with percentages; the lines that
 * change most; rejections that keep every scenario on the same lines.
 */
import { describe, expect, it } from "vitest";
import { PricingEngine, computeLine } from "../../src/core/duty/engine.js";
import { rowOf } from "../../src/core/duty/shipment.js";
import { type Decimal, decimal, formatDecimal } from "../../src/core/money/decimal.js";
import { formatMoney } from "../../src/core/money/money.js";
import { Comparison, type LineChange, deltaOf, deltasByKey, lineChange } from "../../src/core/scenario/compare.js";
import type { Schedule } from "../../src/core/schedule/model.js";
import { scheduleWithOverlays, validateOverlay } from "../../src/core/schedule/overlay.js";
import { schedule, shipment } from "../helpers/schedules.js";

const US = { currency: "USD", valueRounding: "whole", dutyRounding: "cent" };
const CA = { currency: "CAD", valueRounding: "cent", dutyRounding: "cent" };
const sectors = [
  { id: "steel", label: "Steel", hs: ["72"] },
  { id: "aluminum", label: "Aluminum", hs: ["76"] },
  { id: "other_goods", label: "Other", hs: ["87"] },
];

/** Rates from the brief: IEEPA 35% from 2025-08-01 (us-measures.md §1), 232 steel 50% (§2), SOR/2025-95 aluminum 25% (canada-measures.md §2). */
const base = schedule({
  importers: { US, CA },
  sectors,
  measures: [
    { id: "us-ieepa-canada", label: "IEEPA", importer: "US", origins: ["CA"], authority: "EO 14193", sectors: "*", periods: [{ from: "2025-08-01", rate: "35%", excludedBy: ["us-232-steel"] }] },
    { id: "us-232-steel", label: "232 steel", importer: "US", origins: ["CA"], authority: "Procl. 10947", sectors: ["steel"], periods: [{ from: "2025-06-04", rate: "50%" }] },
    { id: "ca-surtax-us-aluminum", label: "aluminum", importer: "CA", origins: ["US"], authority: "SOR/2025-95", sectors: ["aluminum"], periods: [{ from: "2025-03-13", rate: "25%" }] },
  ],
});

function withOverlay(changes: unknown[]): Schedule {
  const o = validateOverlay({ format: "tariff-overlay/1", title: "t", changes }, "what-if.json");
  if (!o.ok) throw new Error(o.errors.map((e) => e.message).join("; "));
  const r = scheduleWithOverlays(base, [o.value], "base + what-if.json");
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join("; "));
  return r.value;
}

/** What-if: 232 steel back at 25% (as metals-232-at-25.json), the aluminum surtax lifted from 2026-07-01. */
const whatIf = withOverlay([
  { measure: "us-232-steel", from: "2025-06-04", rate: "25%" },
  { measure: "ca-surtax-us-aluminum", end: "2026-07-01" },
]);

const m = (d: Decimal) => formatMoney(d);

describe("deltaOf", () => {
  it.each([
    // USD on the sample under ieepa-never-struck-down: 2,500 / 24,119 = 10.365… % → 10.37
    ["24119.00", "26619.00", "2500.00", "10.37"],
    // 232 steel back at 25% on INV-005: −300 / 600 = −50 %
    ["600.00", "300.00", "-300.00", "-50.00"],
    ["3.00", "4.00", "1.00", "33.33"], // 33.333… → 33.33
    ["3.00", "5.00", "2.00", "66.67"], // 66.666… → 66.67
    // 0.01 / 200 = 0.005 %: a tie, rounded away from zero, both ways
    ["200.00", "200.01", "0.01", "0.01"],
    ["200.00", "199.99", "-0.01", "-0.01"],
    ["1000.00", "1000.00", "0.00", "0.00"],
    ["1000.00", "0.00", "-1000.00", "-100.00"],
  ])("%s → %s: change %s, %s%%", (before, after, change, percent) => {
    const c = deltaOf(decimal(before), decimal(after));
    expect([m(c.before), m(c.after), m(c.change), c.percent === undefined ? undefined : formatDecimal(c.percent)]).toEqual([before, after, change, percent]);
  });

  it("has no percentage when the base is zero", () => {
    expect(deltaOf(decimal("0.00"), decimal("1000.00")).percent).toBeUndefined();
    expect(deltaOf(decimal("0"), decimal("0")).percent).toBeUndefined();
    expect(m(deltaOf(decimal("0"), decimal("1000")).change)).toBe("1000.00");
  });
});

describe("deltasByKey", () => {
  it("takes the keys of either side, sorted, a missing side counting 0", () => {
    const before = new Map([["us-122-surcharge", { duty: decimal("1000.00") }], ["us-ieepa-canada", { duty: decimal("8000.00") }]]);
    const after = new Map([["us-ieepa-canada", { duty: decimal("11500.00") }], ["us-301-forced-labor", { duty: decimal("0.00") }]]);
    const c = deltasByKey(before, after);
    expect([...c].map(([k, v]) => [k, m(v.before), m(v.after), m(v.change), v.percent && formatDecimal(v.percent)])).toEqual([
      ["us-122-surcharge", "1000.00", "0.00", "-1000.00", "-100.00"],
      ["us-301-forced-labor", "0.00", "0.00", "0.00", undefined],
      ["us-ieepa-canada", "8000.00", "11500.00", "3500.00", "43.75"], // 3,500 / 8,000
    ]);
  });
});

describe("lineChange", () => {
  const line = (s: Schedule, fields: Record<string, string>, n = 2) => computeLine(s, shipment(s, fields, n));

  it("names the measures whose amounts differ, with both amounts, sorted by id", () => {
    // steel 2025-09-15, 1,000: base 232 50% = 500.00 (IEEPA off);
    // what-if where 232 steel ended: IEEPA 35% = 350.00
    const ended = withOverlay([{ measure: "us-232-steel", end: "2025-06-04" }]);
    const fields = { id: "S-1", date: "2025-09-15", importer: "US", hs: "7208", value: "1000" };
    const c = lineChange(line(base, fields), line(ended, fields));
    expect({ ...c, before: m(c.before), after: m(c.after), change: m(c.change), measures: c.measures.map((x) => [x.measure, m(x.before), m(x.after), m(x.change)]) }).toEqual({
      line: 2, id: "S-1", date: "2025-09-15", importer: "US", sector: "steel", currency: "USD",
      before: "500.00", after: "350.00", change: "-150.00",
      measures: [
        ["us-232-steel", "500.00", "0.00", "-500.00"],
        ["us-ieepa-canada", "0.00", "350.00", "350.00"],
      ],
    });
  });

  it("leaves out measures whose amount is the same; a line that does not change has no measures", () => {
    const fields = { date: "2025-09-15", importer: "US", hs: "8712", value: "1000" };
    const c = lineChange(line(base, fields), line(whatIf, fields));
    expect([m(c.change), c.measures, c.id]).toEqual(["0.00", [], null]);
  });
});

function run(scenarios: [string, Schedule][], rows: Record<string, string>[], top = 10) {
  const c = new Comparison(scenarios.map(([name, schedule]) => ({ name, schedule })), undefined, top);
  const outcomes = rows.map((row, i) => c.add(rowOf(row, i + 2)));
  return { comparison: c, outcomes, result: c.result() };
}

const topOf = (lines: LineChange[] | undefined) => (lines ?? []).map((l) => [l.line, m(l.change)]);

describe("Comparison", () => {
  const rows = [
    { id: "ST-1", date: "2025-09-15", importer: "US", hs: "7208", value: "1000" }, // 500.00 → 250.00
    { id: "ST-2", date: "2025-09-15", importer: "US", hs: "7208", value: "3000" }, // 1,500.00 → 750.00
    { id: "BIKE", date: "2025-09-15", importer: "US", hs: "8712", value: "10000" }, // 3,500.00 both
    { id: "AL-1", date: "2026-06-30", importer: "CA", hs: "7601", value: "1000.00" }, // 250.00 both
    { id: "AL-2", date: "2026-07-01", importer: "CA", hs: "7601", value: "16975.30" }, // 4,243.825 → 4,243.83 → 0.00
  ];

  it("totals each scenario and lists the lines that change most, per currency", () => {
    const { result } = run([["base", base], ["what-if", whatIf]], rows);
    expect(result.counts).toEqual({ read: 5, computed: 5, rejected: 0 });
    const duty = (name: string, cur: string) => m(result.totals.get(name)!.get(cur)!.duty);
    // USD: 500 + 1,500 + 3,500 = 5,500.00 → 250 + 750 + 3,500 = 4,500.00
    // CAD: 250 + 4,243.83 = 4,493.83 → 250.00
    expect([duty("base", "USD"), duty("what-if", "USD"), duty("base", "CAD"), duty("what-if", "CAD")]).toEqual(["5500.00", "4500.00", "4493.83", "250.00"]);
    const top = result.top.get("what-if")!;
    expect(topOf(top.get("USD"))).toEqual([[3, "-750.00"], [2, "-250.00"]]);
    expect(topOf(top.get("CAD"))).toEqual([[6, "-4243.83"]]);
    expect([...result.top.keys()]).toEqual(["what-if"]); // the base has no change against itself
  });

  it("keeps only the N lines with the largest absolute change, ties going to the earlier line", () => {
    const ties = [
      { date: "2025-09-15", importer: "US", hs: "7208", value: "1000" }, // -250.00, line 2
      { date: "2025-09-15", importer: "US", hs: "7208", value: "4000" }, // -1,000.00, line 3
      { date: "2025-09-15", importer: "US", hs: "7208", value: "1000" }, // -250.00, line 4
      { date: "2025-09-15", importer: "US", hs: "7208", value: "1000" }, // -250.00, line 5
    ];
    expect(topOf(run([["base", base], ["what-if", whatIf]], ties, 2).result.top.get("what-if")!.get("USD"))).toEqual([[3, "-1000.00"], [2, "-250.00"]]);
    expect(topOf(run([["base", base], ["what-if", whatIf]], ties, 3).result.top.get("what-if")!.get("USD"))).toEqual([[3, "-1000.00"], [2, "-250.00"], [4, "-250.00"]]);
    // an increase and a decrease of the same size rank by size, not by sign
    const up = withOverlay([{ measure: "us-232-steel", from: "2025-06-04", rate: "75%" }]);
    expect(topOf(run([["base", base], ["up", up]], ties, 1).result.top.get("up")!.get("USD"))).toEqual([[3, "1000.00"]]);
  });

  it("each scenario is compared with the first", () => {
    const up = withOverlay([{ measure: "us-232-steel", from: "2025-06-04", rate: "75%" }]);
    const { result } = run([["base", base], ["what-if", whatIf], ["up", up]], rows.slice(0, 1));
    // 1,000 × 25% = 250.00 and 1,000 × 75% = 750.00 against 500.00
    expect(topOf(result.top.get("what-if")!.get("USD"))).toEqual([[2, "-250.00"]]);
    expect(topOf(result.top.get("up")!.get("USD"))).toEqual([[2, "250.00"]]);
  });

  it("a line rejected under one scenario is rejected for all, naming that scenario, and counted once", () => {
    // a schedule without the aluminum sector cannot map 7601
    const narrow = schedule({
      importers: { US, CA },
      sectors: sectors.filter((s) => s.id !== "aluminum"),
      measures: [{ id: "us-ieepa-canada", label: "IEEPA", importer: "US", origins: ["CA"], authority: "EO 14193", sectors: "*", periods: [{ from: "2025-08-01", rate: "35%" }] }],
    });
    const { result, outcomes } = run([["base", base], ["narrow", narrow]], rows);
    expect(outcomes.map((o) => o.ok)).toEqual([true, true, true, false, false]);
    expect(result.counts).toEqual({ read: 5, computed: 3, rejected: 2 });
    expect(result.rejected.map((r) => [r.line, r.column])).toEqual([[5, "hs"], [6, "hs"]]);
    expect(result.rejected[0]!.reason).toMatch(/\(under scenario narrow\)$/);
    // neither scenario counts the rejected lines
    expect(result.totals.get("base")!.get("CAD")).toBeUndefined();
    expect(result.totals.get("narrow")!.get("CAD")).toBeUndefined();
    expect(result.totals.get("base")!.get("USD")!.lines).toBe(3);
  });

  it("a bad row counts as read and rejected", () => {
    const { comparison } = run([["base", base], ["what-if", whatIf]], rows.slice(0, 2));
    comparison.reject({ line: 9, id: null, column: "date", reason: "date is empty", code: "shipment/bad-date" });
    expect(comparison.result().counts).toEqual({ read: 3, computed: 2, rejected: 1 });
  });

  it("refuses to run without a scenario (a bug, not a user error)", () => {
    expect(() => new Comparison([], undefined, 10)).toThrow(/internal/);
  });
});

describe("PricingEngine.line with `like`: a scenario that charges a line alike reuses the base's amounts", () => {
  const fields = (hs: string, date: string, importer = "US") => ({ date, importer, hs, value: "2000" });
  // One engine of both schedules: keys are comparable only within an engine.
  const engine = new PricingEngine([base, whatIf]);
  const [BASE, WHAT_IF] = [0, 1];

  it("charged alike: the same amounts, and the skipped measures of its own schedule", () => {
    // IEEPA 35% × 2,000 = 700.00 in both; the what-if only touches steel and aluminum
    const s = shipment(base, fields("8708", "2026-03-02"));
    const before = engine.line(BASE, s);
    const after = engine.line(WHAT_IF, s, before);
    expect(after.charges).toBe(before.charges);
    expect(after.duties).toBe(before.duties); // reused, not recomputed
    expect(m(after.duty)).toBe("700.00");
    expect(after.skipped).toEqual(computeLine(whatIf, s).skipped);
  });

  it("charged differently: worked out under its own schedule", () => {
    // 232 steel 50% × 2,000 = 1,000.00 in the base; 25% × 2,000 = 500.00 in the what-if
    const s = shipment(base, fields("7208", "2026-03-02"));
    const before = engine.line(BASE, s);
    const after = engine.line(WHAT_IF, s, before);
    expect(after.charges).not.toBe(before.charges);
    expect([m(before.duty), m(after.duty)]).toEqual(["1000.00", "500.00"]);
    expect(after).toEqual(engine.line(WHAT_IF, s));
  });

  it("a lifted measure charges differently after its end, alike before it", () => {
    // aluminum surtax 25% × 2,000.00 = 500.00 until 2026-07-01 in both; nothing after it in the what-if
    const early = shipment(base, fields("7601", "2026-06-30", "CA"));
    const late = shipment(base, fields("7601", "2026-07-01", "CA"));
    expect(m(engine.line(WHAT_IF, early, engine.line(BASE, early)).duty)).toBe("500.00");
    expect(m(engine.line(WHAT_IF, late, engine.line(BASE, late)).duty)).toBe("0.00");
  });

  it("a heading cannot make two different charges look alike", () => {
    // A: measure a 25% whose heading reads like a second measure; B: a 25% and b 10%.
    // 2,000 × 25% = 500.00 under A; 2,000 × (25% + 10%) = 700.00 under B.
    const measure = (id: string, heading: string, rate: string) => ({ id, label: id, importer: "US", origins: ["CA"], authority: "x", heading, sectors: "*", periods: [{ from: "2025-03-04", rate }] });
    const a = schedule({ importers: { US, CA }, sectors, measures: [measure("a", 'h|b 0.1 value - h2', "25%")] });
    const b = schedule({ importers: { US, CA }, sectors, measures: [measure("a", "h", "25%"), measure("b", "h2", "10%")] });
    const s = shipment(a, fields("8708", "2026-03-02"));
    const ab = new PricingEngine([a, b]);
    const under = ab.line(1, s, ab.line(0, s));
    expect(m(under.duty)).toBe("700.00");
    expect(under).toEqual(ab.line(1, s));
  });

  it("a `like` of another shipment is never reused", () => {
    const a = shipment(base, fields("8708", "2026-03-02"));
    const b = shipment(base, { ...fields("8708", "2026-03-02"), value: "4000" });
    // 35% × 4,000 = 1,400.00, not the 700.00 of the other line
    expect(m(engine.line(WHAT_IF, b, engine.line(BASE, a)).duty)).toBe("1400.00");
  });
});
