import { describe, expect, it } from "vitest";
import type { LineResult } from "../../../src/core/duty/compute.js";
import { addChange, addLine, combineTotals, emptyTotals } from "../../../src/core/duty/totals.js";
import { decimal } from "../../../src/core/money/decimal.js";
import { formatMoney } from "../../../src/core/money/money.js";

/** A computed line with only what totals read. */
function line(date: string, value: string, duty: string): LineResult {
  return { shipment: { sector: "steel", date }, dutyCurrency: "USD", customsValue: decimal(value), duty: decimal(duty), duties: [] } as unknown as LineResult;
}

describe("totals by month", () => {
  it("sum the lines of each month", () => {
    const totals = emptyTotals();
    // 2026-01: 100.00 + 50.00 = 150.00 of duty; 2026-02: 25.50
    addLine(totals, line("2026-01-05", "400.00", "100.00"));
    addLine(totals, line("2026-01-31", "200.00", "50.00"));
    addLine(totals, line("2026-02-01", "102.00", "25.50"));
    const months = totals.get("USD")!.byMonth;
    expect([...months].map(([m, b]) => [m, b.lines, formatMoney(b.value), formatMoney(b.duty)])).toEqual([
      ["2026-01", 2, "600.00", "150.00"],
      ["2026-02", 1, "102.00", "25.50"],
    ]);
  });

  it("stay exact when a file has more dates than are kept one by one (folded into months, bounded memory)", () => {
    const totals = emptyTotals();
    // 6,000 days from 2000-01-01, 1.01 of duty each: every month sums its days × 1.01
    const perMonth = new Map<string, number>();
    for (let d = 0; d < 6000; d++) {
      const date = new Date(Date.UTC(2000, 0, 1 + d)).toISOString().slice(0, 10);
      addLine(totals, line(date, "10.00", "1.01"));
      perMonth.set(date.slice(0, 7), (perMonth.get(date.slice(0, 7)) ?? 0) + 1);
    }
    const t = totals.get("USD")!;
    expect(t.byDate.size).toBeLessThanOrEqual(4096);
    const months = t.byMonth;
    expect(months.size).toBe(perMonth.size);
    for (const [month, days] of perMonth) {
      expect(months.get(month)!.lines).toBe(days);
      const cents = days * 101; // days × 1.01, in cents
      expect(formatMoney(months.get(month)!.duty)).toBe(`${(cents - (cents % 100)) / 100}.${String(cents % 100).padStart(2, "0")}`);
    }
    expect(formatMoney(t.duty)).toBe("6060.00"); // 6,000 × 1.01
  });
});

describe("combineTotals: the base's totals plus the changes where a scenario charges a line differently", () => {
  const shipments = new Map<string, object>();
  /** One shipment object per date and sector, as a comparison reads each line once for every scenario. */
  const shipmentOf = (date: string, sector: string) => {
    const key = `${date} ${sector}`;
    if (!shipments.has(key)) shipments.set(key, { sector, date });
    return shipments.get(key)!;
  };
  const withMeasure = (date: string, sector: string, duty: string, measure: string | null): LineResult =>
    ({ shipment: shipmentOf(date, sector), dutyCurrency: "USD", customsValue: decimal("1000.00"), duty: decimal(duty), duties: measure ? [{ measure, base: decimal("1000"), amount: decimal(duty) }] : [] }) as unknown as LineResult;

  it("equals the scenario's own totals, and drops groups left without a line", () => {
    const base = [withMeasure("2026-01-05", "steel", "500.00", "s232"), withMeasure("2026-02-05", "autos", "250.00", "a232")];
    // the what-if lifts s232: the steel line owes nothing; the autos line is unchanged
    const scenario = [withMeasure("2026-01-05", "steel", "0.00", null), base[1]!];
    const direct = emptyTotals();
    for (const r of scenario) addLine(direct, r);
    const all = emptyTotals();
    for (const r of base) addLine(all, r);
    const change = emptyTotals();
    addChange(change, base[0]!, scenario[0]!);
    const combined = combineTotals(all, change).get("USD")!;
    const expected = direct.get("USD")!;
    // 250.00 of duty in all: 0.00 + 250.00
    expect([combined.lines, formatMoney(combined.value), formatMoney(combined.duty)]).toEqual([2, "2000.00", "250.00"]);
    expect([...combined.byMeasure.keys()]).toEqual(["a232"]); // s232 charged no line: gone, as in the direct totals
    expect([...combined.byMeasure.keys()]).toEqual([...expected.byMeasure.keys()]);
    const view = (t: typeof combined) => ({
      sectors: [...t.bySector].map(([k, b]) => [k, b.lines, formatMoney(b.value), formatMoney(b.duty)]).sort(),
      months: [...t.byMonth].map(([k, b]) => [k, b.lines, formatMoney(b.value), formatMoney(b.duty)]).sort(),
    });
    expect(view(combined)).toEqual(view(expected));
  });
});

describe("addChange when the scenario reads the line differently (another sector)", () => {
  it("moves the line between groups, and the totals equal the scenario's own", () => {
    const before = line("2026-01-05", "1000.00", "500.00");
    const after = { ...line("2026-01-05", "1000.00", "100.00"), shipment: { sector: "autos", date: "2026-01-05" } } as unknown as LineResult;
    const base = emptyTotals();
    addLine(base, before);
    const change = emptyTotals();
    addChange(change, before, after);
    const t = combineTotals(base, change).get("USD")!;
    // 100.00 of duty, all of it in autos; steel is gone
    expect([t.lines, formatMoney(t.duty)]).toEqual([1, "100.00"]);
    expect([...t.bySector].map(([k, b]) => [k, b.lines, formatMoney(b.duty)])).toEqual([["autos", 1, "100.00"]]);
  });
});
