/**
 * Declared duty against computed duty (issue #15, item 4), worked by hand on
 * the small schedule fixtures/schedules/ieepa-refund.json, whose rates are the
 * domain brief's: IEEPA Canada 25% from 2025-03-04, 35% from 2025-08-01, until
 * 2026-02-24, USMCA goods exempt (us-measures.md §1); Section 232 steel 50%
 * from 2025-06-04 (§2); US values rounded to whole dollars (19 CFR 159.3).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { LineResult } from "../../../src/core/duty/compute.js";
import { priceLine } from "../../../src/core/duty/engine.js";
import { type Companion, type Row, parseShipment, rowOf, shipmentContext } from "../../../src/core/duty/shipment.js";
import type { Reading } from "../../../src/core/duty/mapping.js";
import { decimal } from "../../../src/core/money/decimal.js";
import { formatMoney } from "../../../src/core/money/money.js";
import { validateSchedule } from "../../../src/core/schedule/validate.js";
import type { Schedule } from "../../../src/core/schedule/model.js";
import { type DeclaredColumns, declarationOf, declaredColumnsOf, declaresAnything } from "../../../src/core/reconcile/declared.js";
import { headingIndex, headingKey, measureOfHeading } from "../../../src/core/reconcile/headings.js";
import { type LineCheck, ReconcileFold, reconcileLine } from "../../../src/core/reconcile/reconcile.js";
import { ROOT } from "../../helpers/cli.js";
import { schedule as scheduleOf } from "../../helpers/schedules.js";

function fixtureSchedule(): Schedule {
  const r = validateSchedule(JSON.parse(readFileSync(path.join(ROOT, "fixtures/schedules/ieepa-refund.json"), "utf8")), "ieepa-refund.json");
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join("; "));
  return r.value;
}

const s = fixtureSchedule();
const index = headingIndex(s);
const ACE: Reading = { thousands: "," };

/** A goods row priced under `sched`, with companion rows attached as the reader attaches them. */
function priced(fields: Record<string, string>, companions: Omit<Companion, "line">[] = [], line = 2, sched: Schedule = s): { row: Row; result: LineResult } {
  const row = rowOf({ importer: "US", origin: "CA", usmca: "N", ...fields }, line);
  if (companions.length > 0) row.companions = companions.map((c, i) => ({ ...c, line: line + 1 + i }));
  const parsed = parseShipment(row, shipmentContext(sched, undefined, undefined, ACE));
  if (!parsed.ok) throw new Error(parsed.rejection.reason);
  const p = priceLine(sched, parsed.shipment);
  if (!p.ok) throw new Error(p.rejection.reason);
  return { row, result: p.result };
}

const COMPANIONS: DeclaredColumns = { byMeasure: [], companions: true, total: false };

function check(fields: Record<string, string>, columns: DeclaredColumns, companions: Omit<Companion, "line">[] = [], tolerance = "0.00", sched: Schedule = s): LineCheck {
  const { row, result } = priced(fields, companions, 2, sched);
  const d = declarationOf(row, result, columns, headingIndex(sched), ACE);
  if (!d.ok) throw new Error(d.rejection.reason);
  return reconcileLine(result, d.declaration, decimal(tolerance));
}

const money = (d: { units: number | bigint; scale: number } | null) => (d === null ? null : formatMoney(d));

describe("headings", () => {
  it.each([
    ["9903.01.10", "99030110"],
    ["9903.01.10.00", "99030110"],
    ["99030110", "99030110"],
    [" 9903 01 13 ", "99030113"],
    ["", ""],
  ])("headingKey(%j) = %j", (text, key) => expect(headingKey(text)).toBe(key));

  it("indexes every heading the schedule names: the measure's, a sector's own terms", () => {
    expect(index.get("99030110")).toEqual(["us-ieepa-canada"]);
    expect(index.get("99030113")).toEqual(["us-ieepa-canada"]); // energy's own terms
    expect(index.get("99038187")).toEqual(["us-232-steel"]);
    expect(index.get("99030301")).toEqual(["us-122-surcharge"]);
    expect(index.has("99030114")).toBe(false);
  });

  it("a heading charged on the line wins; else the schedule's; else none", () => {
    const charged = [{ measure: "x-measure", heading: "9903.01.10" }];
    expect(measureOfHeading("9903.01.10", charged, [], index)).toBe("x-measure");
    expect(measureOfHeading("9903.81.87", [], [], index)).toBe("us-232-steel");
    expect(measureOfHeading("9903.99.99", [], [], index)).toBeUndefined();
    expect(measureOfHeading("n/a", [], [], index)).toBeUndefined();
  });
});

describe("declared columns of a header", () => {
  const at = { companions: false, total: true, file: "f.csv", line: 1 };
  it("finds declared_<measure> columns, whatever their case; other declared… columns are not ours", () => {
    const r = declaredColumnsOf(["id", "DECLARED_us-ieepa-canada", "declared value", "declared_duty"], s, at);
    expect(r).toEqual({ ok: true, columns: { byMeasure: [{ measure: "us-ieepa-canada", index: 1, header: "DECLARED_us-ieepa-canada" }], companions: false, total: true } });
  });

  it("a declared_ column of no measure is an error with a did-you-mean", () => {
    const r = declaredColumnsOf(["declared_us-ieepa-canda"], s, at);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors[0]).toMatchObject({ code: "reconcile/unknown-measure-column", hint: 'did you mean "declared_us-ieepa-canada"?', at: { file: "f.csv", line: 1 } });
  });

  it("a measure's column twice, or columns beside companion rows, are errors", () => {
    const twice = declaredColumnsOf(["declared_us-232-steel", "Declared_US-232-Steel"], s, at);
    expect(twice.ok || twice.errors.map((e) => e.code)).toEqual(["csv/duplicate-column"]);
    const both = declaredColumnsOf(["declared_us-232-steel"], s, { ...at, companions: true });
    expect(both.ok || both.errors.map((e) => e.code)).toEqual(["reconcile/two-declarations"]);
  });

  it("under companion rows the goods line's declared_duty is not read; a file with none of the three declares nothing", () => {
    const r = declaredColumnsOf(["declared_duty"], s, { ...at, companions: true });
    expect(r.ok && r.columns.total).toBe(false);
    expect(declaresAnything({ byMeasure: [], companions: false, total: false })).toBe(false);
  });
});

describe("one line, declared against computed", () => {
  const bike = { date: "2025-09-15", hs: "8712000000", value: "10000.00" };

  it("companion rows: IEEPA declared 3,499.95 against 10,000 × 35% = 3,500.00 → -0.05, explained by us-ieepa-canada on line 3", () => {
    const c = check(bike, COMPANIONS, [{ heading: "9903.01.10", duty: "3,499.95" }]);
    expect(c.status).toBe("differs");
    expect([money(c.result.duty), money(c.declared), money(c.difference)]).toEqual(["3500.00", "3499.95", "-0.05"]);
    expect(c.explainedBy.map((e) => [e.kind, e.measure, formatMoney(e.difference), e.lines])).toEqual([["measure", "us-ieepa-canada", "-0.05", [3]]]);
  });

  it("companion rows matching to the cent: a match with no explanation", () => {
    const c = check(bike, COMPANIONS, [{ heading: "9903.01.10", duty: "3,500.00" }]);
    expect([c.status, money(c.difference), c.explainedBy]).toEqual(["match", "0.00", []]);
  });

  it("under companion rows a measure charged without a row is declared at 0.00: the whole duty is the difference", () => {
    const c = check(bike, COMPANIONS);
    expect([c.status, money(c.declared), money(c.difference)]).toEqual(["differs", "0.00", "-3500.00"]);
    expect(c.explainedBy.map((e) => [e.kind, e.measure])).toEqual([["measure", "us-ieepa-canada"]]);
  });

  it("a heading no measure names: in the total, explained by the heading (100.00 over 3,500.00)", () => {
    const c = check(bike, COMPANIONS, [{ heading: "9903.01.10", duty: "3,500.00" }, { heading: "9903.99.99", duty: "100.00" }]);
    expect([c.status, money(c.declared), money(c.difference)]).toEqual(["differs", "3600.00", "100.00"]);
    expect(c.explainedBy.map((e) => [e.kind, e.heading, formatMoney(e.difference), e.lines])).toEqual([["unknown-heading", "9903.99.99", "100.00", [4]]]);
    expect(c.unknownHeadings).toEqual([{ line: 4, heading: "9903.99.99", amount: decimal("100.00") }]);
  });

  it("a heading the schedule names for a measure not charged (USMCA steel declares 9903.01.10 at 0.00): that measure, at 0.00 against 0.00", () => {
    // 25,000 × 50% = 12,500.00 (232 steel, §2); IEEPA exempt for USMCA goods and excluded by 232 steel.
    const c = check({ date: "2025-10-01", hs: "7208510030", value: "25000.00", usmca: "Y" }, COMPANIONS, [{ heading: "9903.81.87", duty: "12,500.00" }, { heading: "9903.01.10", duty: "0.00" }]);
    expect(c.status).toBe("match");
    expect(c.measures.map((m) => [m.measure, money(m.computed), money(m.declared), m.lines])).toEqual([
      ["us-232-steel", "12500.00", "12500.00", [3]],
      ["us-ieepa-canada", "0.00", "0.00", [4]],
    ]);
  });

  it("declared_duty alone with one measure charged: the difference is that measure's, not declared on its own", () => {
    // 2025-04-01: IEEPA 25% × 1,000 = 250.00; declared 240.00 → -10.00
    const c = check({ date: "2025-04-01", hs: "8712000000", value: "1000.00", declared_duty: "240.00" }, { byMeasure: [], companions: false, total: true });
    expect([c.status, c.from, money(c.difference)]).toEqual(["differs", "declared_duty", "-10.00"]);
    expect(c.explainedBy.map((e) => [e.kind, e.measure, formatMoney(e.difference)])).toEqual([["not-declared", "us-ieepa-canada", "-10.00"]]);
  });

  it("a total that matches while a measure's column does not: the measure and the rest it leaves unexplained", () => {
    // declared_duty 3,500.00 = computed; declared_us-ieepa-canada 3,400.00 → -100.00 on the measure, +100.00 pinned to nothing
    const row = rowOf({ importer: "US", origin: "CA", date: "2025-09-15", hs: "8712000000", value: "10000.00", declared_duty: "3500.00", "declared_us-ieepa-canada": "3400.00" });
    const cols = declaredColumnsOf(Object.keys({ importer: 1, origin: 1, date: 1, hs: 1, value: 1, declared_duty: 1, "declared_us-ieepa-canada": 1 }), s, { companions: false, total: true, file: "f", line: 1 });
    if (!cols.ok) throw new Error("columns");
    const parsed = parseShipment(row, shipmentContext(s, undefined));
    if (!parsed.ok) throw new Error(parsed.rejection.reason);
    const p = priceLine(s, parsed.shipment);
    if (!p.ok) throw new Error("priced");
    const d = declarationOf(row, p.result, cols.columns, index, {});
    if (!d.ok) throw new Error(d.rejection.reason);
    const c = reconcileLine(p.result, d.declaration, decimal("0"));
    expect([c.status, money(c.difference)]).toEqual(["differs", "0.00"]);
    expect(c.explainedBy.map((e) => [e.kind, e.measure, formatMoney(e.difference)])).toEqual([
      ["measure", "us-ieepa-canada", "-100.00"],
      ["unexplained", null, "100.00"],
    ]);
  });

  it("tolerance: 3,499.99 against 3,500.00 matches within 0.01, not within 0.00", () => {
    const companions = [{ heading: "9903.01.10", duty: "3,499.99" }];
    expect(check(bike, COMPANIONS, companions, "0.01").status).toBe("match");
    expect(check(bike, COMPANIONS, companions, "0.00").status).toBe("differs");
  });

  it("differences each within the tolerance that add up beyond it: the line differs, explained by both", () => {
    // Two stacking measures of 10% each on 1,000: 100.00 + 100.00; each declared 99.98 (-0.02), tolerance 0.03, line -0.04.
    const two = scheduleOf({
      sectors: [{ id: "other_goods", label: "Other", hs: ["87"] }],
      measures: ["a-one", "b-two"].map((id) => ({ id, label: id, importer: "US", origins: ["CA"], authority: "x", sectors: "*", periods: [{ from: "2025-01-01", rate: "10%" }] })),
    });
    const cols = declaredColumnsOf(["declared_a-one", "declared_b-two"], two, { companions: false, total: false, file: "f", line: 1 });
    if (!cols.ok) throw new Error("columns");
    const row = rowOf({ importer: "US", origin: "CA", date: "2025-09-15", hs: "8712", value: "1000", "declared_a-one": "99.98", "declared_b-two": "99.98" });
    const parsed = parseShipment(row, shipmentContext(two, undefined));
    if (!parsed.ok) throw new Error(parsed.rejection.reason);
    const p = priceLine(two, parsed.shipment);
    if (!p.ok) throw new Error("priced");
    // rowOf keeps the fields in key order: the declared columns are the last two fields.
    const cols2 = { ...cols.columns, byMeasure: cols.columns.byMeasure.map((b, i) => ({ ...b, index: 5 + i })) };
    const d = declarationOf(row, p.result, cols2, headingIndex(two), {});
    if (!d.ok) throw new Error(d.rejection.reason);
    const c = reconcileLine(p.result, d.declaration, decimal("0.03"));
    expect([c.status, money(c.difference)]).toEqual(["differs", "-0.04"]);
    expect(c.explainedBy.map((e) => [e.measure, formatMoney(e.difference)])).toEqual([["a-one", "-0.02"], ["b-two", "-0.02"]]);
  });

  it("blank declared cells declare nothing: the line is undeclared", () => {
    const c = check({ ...bike, declared_duty: "" }, { byMeasure: [], companions: false, total: true });
    expect([c.status, c.declared, c.difference, c.explainedBy]).toEqual(["undeclared", null, null, []]);
  });

  it("a declared amount that is not a number rejects the line, naming the companion row", () => {
    const { row, result } = priced(bike, [{ heading: "9903.01.10", duty: "3.500,00" }]);
    const d = declarationOf(row, result, COMPANIONS, index, ACE);
    expect(d.ok).toBe(false);
    if (d.ok) return;
    expect(d.rejection).toMatchObject({ line: 2, column: "declared_duty", code: "shipment/bad-amount" });
    expect(d.rejection.reason).toMatch(/^the chapter 99 row on line 3 \(9903\.01\.10\): /);
    const negative = priced({ ...bike, declared_duty: "-1.00" });
    const neg = declarationOf(negative.row, negative.result, { byMeasure: [], companions: false, total: true }, index, {});
    expect(neg.ok || neg.rejection.reason).toBe("declared_duty -1.00 is negative: a declared duty is 0 or more");
  });
});

describe("entries and totals", () => {
  it("sums an entry's lines: 3,500.00 + 875.35 computed, 3,500.00 + 875.30 declared → -0.05 on line 4; an undeclared line leaves the entry's declared sum unknown", () => {
    const fold = new ReconcileFold();
    const lines = [
      // 10,000 × 35% = 3,500.00
      { fields: { date: "2025-09-15", hs: "8712000000", value: "10000.00", entry: "ABC-1" }, companions: [{ heading: "9903.01.10", duty: "3,500.00" }], line: 2 },
      // 2,500.50 → 2,501 (whole dollars, 19 CFR 159.3) × 35% = 875.35
      { fields: { date: "2025-09-15", hs: "4202210000", value: "2500.50", entry: "ABC-1" }, companions: [{ heading: "9903.01.10", duty: "875.30" }], line: 4 },
    ];
    for (const l of lines) {
      const { row, result } = priced(l.fields, l.companions, l.line);
      const d = declarationOf(row, result, COMPANIONS, index, ACE);
      if (!d.ok) throw new Error("declared");
      fold.add(reconcileLine(result, d.declaration, decimal("0")));
    }
    const [e] = fold.list();
    expect([e!.entry, e!.status, e!.lines, money(e!.computed), money(e!.declared), money(e!.difference), e!.differing]).toEqual(["ABC-1", "differs", [2, 4], "4375.35", "4375.30", "-0.05", [4]]);
    expect(money(e!.byMeasure.get("us-ieepa-canada")!.difference)).toBe("-0.05");
    const t = fold.totals.get("USD")!;
    expect([t.lines, t.matched, t.differing, t.undeclared, money(t.difference)]).toEqual([2, 1, 1, 0, "-0.05"]);

    const { row, result } = priced({ date: "2025-09-15", hs: "8712000000", value: "100.00", entry: "ABC-1", declared_duty: "" }, [], 6);
    const d = declarationOf(row, result, { byMeasure: [], companions: false, total: true }, index, {});
    if (!d.ok) throw new Error("declared");
    fold.add(reconcileLine(result, d.declaration, decimal("0")));
    const [after] = fold.list();
    expect([after!.status, after!.declared, after!.difference, after!.undeclared, money(after!.computed)]).toEqual(["differs", null, null, [6], "4410.35"]);
    expect(money(fold.totals.get("USD")!.computedUndeclared)).toBe("35.00");
  });

  it("lines of no entry and of two currencies are kept apart, never added", () => {
    const fold = new ReconcileFold();
    const us = priced({ date: "2025-09-15", hs: "8712000000", value: "1000.00", declared_duty: "350.00" });
    const ca = priced({ importer: "CA", origin: "US", date: "2025-04-01", hs: "7208510030", value: "1000.00", declared_duty: "250.00", entry: "T1" }, [], 3);
    for (const { row, result } of [us, ca]) {
      const d = declarationOf(row, result, { byMeasure: [], companions: false, total: true }, index, {});
      if (!d.ok) throw new Error("declared");
      fold.add(reconcileLine(result, d.declaration, decimal("0")));
    }
    expect(fold.list().map((e) => [e.currency, e.entry, money(e.computed)])).toEqual([["CAD", "T1", "250.00"], ["USD", null, "350.00"]]);
    expect([...fold.totals.keys()].sort()).toEqual(["CAD", "USD"]);
  });
});
