/**
 * Invariants of reconcile and refund (issue #15, item 6) over random
 * shipment files built from the embedded schedule's own sectors and dates:
 * - a file reconciled against its own computed duty shows no difference,
 *   whether it declares per line, per measure or in companion rows;
 * - the refund claimed from computed amounts equals the IEEPA part of calc's
 *   totals by measure on the same lines.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { LineResult } from "../../src/core/duty/compute.js";
import { PricingEngine } from "../../src/core/duty/engine.js";
import { type Companion, parseShipment, rowOf, shipmentContext } from "../../src/core/duty/shipment.js";
import { addLine, emptyTotals } from "../../src/core/duty/totals.js";
import { type Decimal, ZERO, add, compare } from "../../src/core/money/decimal.js";
import { formatMoney } from "../../src/core/money/money.js";
import { declarationOf, declaredColumnsOf } from "../../src/core/reconcile/declared.js";
import { headingIndex } from "../../src/core/reconcile/headings.js";
import { ReconcileFold, reconcileLine } from "../../src/core/reconcile/reconcile.js";
import { programScope, refundProgramOf } from "../../src/core/refund/program.js";
import { RefundFold, claimedTotals, refundLine } from "../../src/core/refund/refund.js";
import { ROOT } from "../helpers/cli.js";
import { defaultSchedule } from "../helpers/default-schedule.js";
import { shipmentRow as shipmentRowOf } from "../helpers/generators.js";

const schedule = defaultSchedule();
const ctx = shipmentContext(schedule, undefined);
/** One engine for every line, as a run has (its plans are cached). */
const engine = new PricingEngine([schedule]);
const index = headingIndex(schedule);
const shipmentRow = shipmentRowOf(schedule);
const files = fc.array(shipmentRow, { minLength: 0, maxLength: 30 });
const zeroTolerance: Decimal = ZERO;

function compute(rows: Record<string, string>[]): LineResult[] {
  return rows.map((row, i) => {
    const parsed = parseShipment(rowOf(row, i + 2), ctx);
    if (!parsed.ok) throw new Error(parsed.rejection.reason);
    return engine.line(0, parsed.shipment);
  });
}

const program = (() => {
  const r = refundProgramOf(JSON.parse(readFileSync(path.join(ROOT, "refunds/ieepa.json"), "utf8")), "refunds/ieepa.json");
  if (!r.ok) throw new Error("program");
  const s = programScope(r.program, schedule);
  if (!s.ok) throw new Error(s.message);
  return s.scope;
})();

describe("reconcile of a file against its own computed duty", () => {
  it("declared_duty and declared_<measure> columns written from the computed amounts: every line and entry matches, no difference anywhere", () => {
    fc.assert(
      fc.property(files, fc.boolean(), (rows, withTotal) => {
        const fold = new ReconcileFold();
        compute(rows).forEach((r, i) => {
          // The same line, now declaring what it was computed to owe (the total only on some runs).
          const declared: Record<string, string> = { ...rows[i]!, entry: `E${i % 3}` };
          if (withTotal) declared["declared_duty"] = formatMoney(r.duty);
          for (const d of r.duties) declared[`declared_${d.measure}`] = formatMoney(d.amount);
          if (!withTotal && r.duties.length === 0) declared["declared_duty"] = formatMoney(r.duty);
          const row = rowOf(declared, i + 2);
          const names = Object.keys(declared).filter((k) => declared[k] !== undefined);
          const cols = declaredColumnsOf(names, schedule, { companions: false, total: row.columns.declared_duty >= 0, file: "f", line: 1 });
          if (!cols.ok) throw new Error(cols.errors[0]!.message);
          const parsed = parseShipment(row, ctx);
          if (!parsed.ok) throw new Error(parsed.rejection.reason);
          const result = engine.line(0, parsed.shipment);
          const d = declarationOf(row, result, cols.columns, index, {});
          if (!d.ok) throw new Error(d.rejection.reason);
          const c = reconcileLine(result, d.declaration, zeroTolerance);
          expect([c.status, c.difference && formatMoney(c.difference), c.explainedBy]).toEqual(["match", "0.00", []]);
          for (const m of c.measures) expect(m.difference === null || formatMoney(m.difference) === "0.00").toBe(true);
          fold.add(c);
        });
        for (const e of fold.list()) expect([e.status, e.difference && formatMoney(e.difference)]).toEqual(["match", "0.00"]);
        for (const t of fold.totals.values()) expect([t.differing, t.undeclared, formatMoney(t.difference)]).toEqual([0, 0, "0.00"]);
      }),
      { numRuns: 100 },
    );
  });

  it("companion rows written from the computed duties under their headings: every line matches", () => {
    fc.assert(
      fc.property(files, (rows) => {
        compute(rows).forEach((r, i) => {
          const row = rowOf(rows[i]!, i + 2);
          const companions: Companion[] = r.duties.flatMap((d, k) => (d.heading === null ? [] : [{ line: 1000 + k, heading: d.heading, duty: formatMoney(d.amount) }]));
          // A duty without a heading cannot be declared in a chapter 99 row: such lines are left to the columns test.
          if (companions.length !== r.duties.length) return;
          row.companions = companions;
          const parsed = parseShipment(row, ctx);
          if (!parsed.ok) throw new Error(parsed.rejection.reason);
          const result = engine.line(0, parsed.shipment);
          const d = declarationOf(row, result, { byMeasure: [], companions: true, total: false }, index, {});
          if (!d.ok) throw new Error(d.rejection.reason);
          const c = reconcileLine(result, d.declaration, zeroTolerance);
          expect([c.status, c.difference && formatMoney(c.difference)]).toEqual(["match", "0.00"]);
        });
      }),
      { numRuns: 100 },
    );
  });
});

describe("refund from computed amounts", () => {
  it("equals the IEEPA part of calc's totals by measure, per currency", () => {
    fc.assert(
      fc.property(files, (rows) => {
        const results = compute(rows);
        const totals = results.reduce(addLine, emptyTotals());
        const fold = new RefundFold();
        results.forEach((r, i) => fold.add(refundLine(r, null, program, false), i % 2 === 0 ? "IOR-A" : null));
        const claimed = claimedTotals(fold.list());
        for (const currency of new Set([...totals.keys(), ...claimed.keys()])) {
          let ieepa: Decimal = ZERO;
          for (const id of program.ids) ieepa = add(ieepa, totals.get(currency)?.byMeasure.get(id)?.duty ?? ZERO);
          expect(formatMoney(claimed.get(currency)?.amount ?? ZERO)).toBe(formatMoney(ieepa));
        }
        // Every line is claimed, or counted with its line number under a reason.
        const c = fold.counts;
        expect(c.claimed + c.noDuty.length + c.outsidePeriod.length + c.otherImporter.length).toBe(results.length);
        expect(compare(fold.counts.declaredOutside.amount, ZERO)).toBe(0);
      }),
      { numRuns: 200 },
    );
  });
});
