/**
 * Invariants of the duty computation over random shipment files built from
 * the embedded schedule's own sectors and dates.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { LineResult } from "../../src/core/duty/compute.js";
import { PricingEngine } from "../../src/core/duty/engine.js";
import { parseShipment, rowOf, shipmentContext } from "../../src/core/duty/shipment.js";
import { addLine, emptyTotals } from "../../src/core/duty/totals.js";
import { type Decimal, ZERO, add, compare, mul, sub, roundHalfAwayFromZero } from "../../src/core/money/decimal.js";
import { rateFraction } from "../../src/core/money/rate.js";
import { totalsJson } from "../../src/cli/render/calc-output.js";
import { defaultSchedule } from "../helpers/default-schedule.js";
import { shipmentRow as shipmentRowOf } from "../helpers/generators.js";

const schedule = defaultSchedule();
const ctx = shipmentContext(schedule, undefined);
const engine = new PricingEngine([schedule]);
const shipmentRow = shipmentRowOf(schedule);

function compute(rows: Record<string, string>[]): LineResult[] {
  return rows.map((row, i) => {
    const parsed = parseShipment(rowOf(row, i + 2), ctx);
    if (!parsed.ok) throw new Error(parsed.rejection.reason);
    return engine.line(0, parsed.shipment);
  });
}

const files = fc.array(shipmentRow, { minLength: 0, maxLength: 40 });

describe("calc invariants", () => {
  it("totals per currency equal the sum of the lines, to the cent", () => {
    fc.assert(
      fc.property(files, (rows) => {
        const results = compute(rows);
        const totals = results.reduce(addLine, emptyTotals());
        const expected = new Map<string, Decimal>();
        for (const r of results) expected.set(r.dutyCurrency, add(expected.get(r.dutyCurrency) ?? ZERO, add(ZERO, r.duties.reduce((s, d) => add(s, d.amount), ZERO))));
        for (const [currency, sum] of expected) expect(compare(totals.get(currency)!.duty, sum)).toBe(0);
        for (const [currency, t] of totals) {
          const byMeasure = [...t.byMeasure.values()].reduce((s, b) => add(s, b.duty), ZERO);
          const bySector = [...t.bySector.values()].reduce((s, b) => add(s, b.duty), ZERO);
          const byMonth = [...t.byMonth.values()].reduce((s, b) => add(s, b.duty), ZERO);
          expect([byMeasure, bySector, byMonth].map((d) => compare(d, t.duty))).toEqual([0, 0, 0]);
          expect(currency === "USD" || currency === "CAD").toBe(true);
        }
      }),
      { numRuns: 200 },
    );
  });

  it("reordering the lines changes no total", () => {
    fc.assert(
      fc.property(files.chain((rows) => fc.tuple(fc.constant(rows), fc.shuffledSubarray(rows, { minLength: rows.length, maxLength: rows.length }))), ([rows, shuffled]) => {
        const a = compute(rows).reduce(addLine, emptyTotals());
        const b = compute(shuffled).reduce(addLine, emptyTotals());
        expect(totalsJson(b)).toEqual(totalsJson(a));
      }),
      { numRuns: 100 },
    );
  });

  it("a line's duty never exceeds its rounded value × the sum of its rates, and each rounding is at most half a cent", () => {
    fc.assert(
      fc.property(shipmentRow, (row) => {
        const [r] = compute([row]);
        const value = roundHalfAwayFromZero(r!.customsValue, r!.shipment.importer === "US" ? 0 : 2);
        let bound = ZERO;
        for (const d of r!.duties) {
          const exact = mul(d.base, rateFraction(d.rate));
          const error = sub(d.amount, exact);
          expect(compare(error, { units: 5n, scale: 3 }) <= 0 && compare(error, { units: -5n, scale: 3 }) >= 0).toBe(true);
          expect(compare(d.base, value) <= 0).toBe(true);
          bound = add(bound, mul(value, rateFraction(d.rate)));
        }
        // each duty rounds by at most half a cent
        const slack = { units: 5n * BigInt(r!.duties.length), scale: 3 };
        expect(compare(r!.duty, add(bound, slack)) <= 0).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});
