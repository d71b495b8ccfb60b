/**
 * Fees and taxes (issue #15): the worked examples of computation.md to the
 * cent, through the core run on fixtures/schedules/fees.json (the fees of
 * data/fees.mjs beside measures standing in for the examples' duties; values
 * rounded to the cent for both importers, as the examples are).
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { PricingEngine } from "../../../src/core/duty/engine.js";
import { Run, type RunResult } from "../../../src/core/duty/run.js";
import { rowOf } from "../../../src/core/duty/shipment.js";
import { FxTable } from "../../../src/core/duty/fx.js";
import { valueKey } from "../../../src/core/duty/charges.js";
import { decimal } from "../../../src/core/money/decimal.js";
import { formatMoney } from "../../../src/core/money/money.js";
import { validateSchedule } from "../../../src/core/schedule/validate.js";
import type { Schedule } from "../../../src/core/schedule/model.js";

const raw = JSON.parse(readFileSync(new URL("../../../fixtures/schedules/fees.json", import.meta.url), "utf8")) as Record<string, unknown>;

function load(doc: Record<string, unknown>, file = "fees.json"): Schedule {
  const r = validateSchedule(doc, file);
  if (!r.ok) throw new Error(r.errors.map((e) => `${e.code} ${e.message}`).join("\n"));
  return r.value;
}
const schedule = load(raw);
// computation.md A7.1 (1.15) and A7.5 (1.3750, hypothetical): USD → CAD
const fx = new FxTable([
  { date: "2026-03-01", from: "USD", to: "CAD", rate: decimal("1.1500"), text: "1.1500", line: 2 },
  { date: "2026-03-05", from: "USD", to: "CAD", rate: decimal("1.3750"), text: "1.3750", line: 3 },
]);

const m = formatMoney;

function run(rows: Record<string, string>[], fees = true, s: Schedule = schedule): { result: RunResult; lines: ReturnType<Run["add"]>[] } {
  const r = new Run(new PricingEngine([s], { fees }), [""], { fx, entries: true });
  const lines = rows.map((row, i) => r.add(rowOf(row, i + 2)));
  for (const l of lines) if (!l.ok) throw new Error(l.rejection.reason);
  return { result: r.result(), lines };
}

function entryFees(result: RunResult, entry: string | null): Record<string, string> {
  const e = [...result.scenarios[0]!.entries!].find((x) => x.entry === entry)!;
  return Object.fromEntries(e.fees.map((f) => [f.fee, m(f.amount)]));
}

function lineFees(added: ReturnType<Run["add"]>): Record<string, string> {
  if (!added.ok) throw new Error("rejected");
  return Object.fromEntries(added.results[0]!.fees.map((f) => [f.charge.fee, m(f.amount)]));
}

const us = (fields: Record<string, string>) => ({ importer: "US", date: "2025-11-15", usmca: "N", ...fields });

describe("US merchandise processing fee and harbor maintenance fee (computation.md B4, B5, B7)", () => {
  it("B7.1, CBP's exam key: $10,500 at 14.9% by vessel: duty 1,564.50, MPF 36.37, HMF 13.13", () => {
    // 10,500 × 14.9% = 1,564.50; × 0.3464% = 36.372 → 36.37; × 0.125% = 13.125 → 13.13 (half up)
    const { result, lines } = run([us({ entry: "E1", hs: "9619.00.64", value: "10500", mode: "vessel" })]);
    expect(lines[0]!.ok && m(lines[0]!.results[0]!.duty)).toBe("1564.50");
    expect(entryFees(result, "E1")).toEqual({ "us-hmf": "13.13", "us-mpf": "36.37" });
  });

  const b73 = (mode: string) => [
    us({ entry: "E", hs: "8501.10", value: "8765.43", mode }),
    us({ entry: "E", hs: "8503.00", value: "15000.00", usmca: "Y", mode }),
    us({ entry: "E", hs: "8502.11", value: "1234.56", mode }),
  ];

  it("B7.3, one entry of three lines, FY2026, ocean: duty 328.88, MPF 34.64 (the USMCA line exempt), HMF 31.25 (every line)", () => {
    const { result, lines } = run(b73("ocean"));
    // duty: 8,765.43 × 3.4% = 298.02462 → 298.02; 1,234.56 × 2.5% = 30.864 → 30.86; sum 328.88
    expect(m(result.scenarios[0]!.totals.get("USD")!.duty)).toBe("328.88");
    // MPF per line: 8,765.43 × 0.3464% = 30.3634 → 30.36; line 2 exempt; 1,234.56 × 0.3464% = 4.2765… → 4.28
    expect(lines.map(lineFees)).toEqual([
      { "us-mpf": "30.36", "us-hmf": "10.96" }, // HMF 8,765.43 × 0.125% = 10.9567875 → 10.96
      { "us-hmf": "18.75" }, // 15,000.00 × 0.125% = 18.75; USMCA does not exempt HMF
      { "us-mpf": "4.28", "us-hmf": "1.54" }, // 1,234.56 × 0.125% = 1.5432 → 1.54
    ]);
    // entry: MPF 30.36 + 4.28 = 34.64, within 33.58–651.50; HMF 10.96 + 18.75 + 1.54 = 31.25 (the brief: 24,999.99 × 0.125% = 31.2499875 → 31.25)
    expect(entryFees(result, "E")).toEqual({ "us-hmf": "31.25", "us-mpf": "34.64" });
    const fees = result.scenarios[0]!.fees!.get("USD")!;
    expect(m(fees.total)).toBe("65.89");
  });

  it("B7.3 by truck: no HMF", () => {
    expect(entryFees(run(b73("truck")).result, "E")).toEqual({ "us-mpf": "34.64" });
  });

  it("the minimum and maximum are the entry's, never a line's: $5,000 → 17.32 → 33.58 (FY2026) or 32.71 (FY2025); $200,000 → 692.80 → 651.50", () => {
    const { result, lines } = run([
      us({ entry: "MIN26", hs: "8503", value: "5000" }),
      us({ entry: "MIN25", hs: "8503", value: "5000", date: "2025-09-30" }),
      us({ entry: "MAX26", hs: "8503", value: "200000" }),
      us({ entry: "MIN27", hs: "8503", value: "5000", date: "2026-10-01" }),
    ]);
    // each line's part is 0.3464% of its value, unbounded: 5,000 × 0.3464% = 17.32; 200,000 × 0.3464% = 692.80
    expect(lines.map(lineFees)).toEqual([{ "us-mpf": "17.32" }, { "us-mpf": "17.32" }, { "us-mpf": "692.80" }, { "us-mpf": "17.32" }]);
    expect(entryFees(result, "MIN26")).toEqual({ "us-mpf": "33.58" });
    expect(entryFees(result, "MIN25")).toEqual({ "us-mpf": "32.71" });
    expect(entryFees(result, "MAX26")).toEqual({ "us-mpf": "651.50" });
    // FY2027 from 2026-10-01 (changes-2026-h2.md): minimum 34.58
    expect(entryFees(result, "MIN27")).toEqual({ "us-mpf": "34.58" });
    const e = [...result.scenarios[0]!.entries!].find((x) => x.entry === "MAX26")!;
    expect(e.fees[0]).toMatchObject({ bound: "maximum" });
    expect(m(e.fees[0]!.lineAmount)).toBe("692.80");
  });

  it("two entries below the minimum are each raised; the same lines in one entry are not", () => {
    // apart: 17.32 → 33.58 twice = 67.16; together: 17.32 + 17.32 = 34.64, above the minimum
    const apart = run([us({ entry: "A", hs: "8503", value: "5000" }), us({ entry: "B", hs: "8503", value: "5000" })]).result;
    const together = run([us({ entry: "A", hs: "8503", value: "5000" }), us({ entry: "A", hs: "8503", value: "5000" })]).result;
    expect(m(apart.scenarios[0]!.fees!.get("USD")!.total)).toBe("67.16");
    expect(m(together.scenarios[0]!.fees!.get("USD")!.total)).toBe("34.64");
  });

  it("an entry whose lines span the fiscal year takes the minimum of its earliest line, whatever the line order", () => {
    // 5,000 × 0.3464% = 17.32 on each; 34.64 is above FY2025's 32.71 and FY2026's 33.58 alike, so: three lines of 3,000
    // (10.39 each: 3,000 × 0.3464% = 10.392 → 10.39; 31.17 in all), below both minimums: the earliest date's (FY2025) applies
    const rows = [us({ entry: "X", hs: "8503", value: "3000", date: "2025-10-02" }), us({ entry: "X", hs: "8503", value: "3000", date: "2025-09-29" }), us({ entry: "X", hs: "8503", value: "3000", date: "2025-10-03" })];
    expect(entryFees(run(rows).result, "X")).toEqual({ "us-mpf": "32.71" });
    expect(entryFees(run([...rows].reverse()).result, "X")).toEqual({ "us-mpf": "32.71" });
    expect([...run(rows).result.scenarios[0]!.entries!][0]).toMatchObject({ date: "2025-09-29", dates: 3 });
  });

  it("an entry of USMCA lines only owes no MPF (not the minimum)", () => {
    expect(entryFees(run([us({ entry: "U", hs: "8503", value: "5000", usmca: "Y" })]).result, "U")).toEqual({});
  });

  it("lines naming no entry: their fees are summed with no minimum or maximum, and counted", () => {
    const { result } = run([us({ hs: "8503", value: "5000" }), us({ hs: "8503", value: "1000" })]);
    // 17.32 + 1,000 × 0.3464% = 3.464 → 3.46: 20.78, not raised to 33.58
    expect(entryFees(result, null)).toEqual({ "us-mpf": "20.78" });
    expect(result.unentered).toBe(2);
  });

  it("a line with no mode is not charged HMF, and is counted", () => {
    const { result, lines } = run([us({ entry: "E", hs: "8503", value: "10000" })]);
    expect(lineFees(lines[0]!)).toEqual({ "us-mpf": "34.64" });
    expect(result.unmoded).toEqual({ lines: 1, fees: ["us-hmf"] });
  });

  it("without --fees nothing is charged but the duty, and no entry fee is kept", () => {
    const { result, lines } = run([us({ entry: "E", hs: "9619", value: "10500", mode: "vessel" })], false);
    expect(lines[0]!.ok && lines[0]!.results[0]!.fees).toEqual([]);
    expect(result.scenarios[0]!.fees).toBeNull();
    expect([...result.scenarios[0]!.entries!][0]!.fees).toEqual([]);
  });
});

describe("Canada's GST on the value for tax (computation.md A3, A7)", () => {
  const ca = (fields: Record<string, string>) => ({ importer: "CA", date: "2026-03-10", usmca: "N", entry: "T", ...fields });
  const gst = (fields: Record<string, string>) => lineFees(run([ca(fields)]).lines[0]!)["ca-gst"];

  it("A7.1: US$100 at 1.15, duty 4% (declared): VFD 115.00, VFT 119.60, GST 5.98", () => {
    // 100 × 1.15 = 115.00; customs_duty 4.60; 5% × 119.60 = 5.98
    expect(gst({ date: "2026-03-02", hs: "0101.21", value: "100", currency: "USD", customs_duty: "4.60" })).toBe("5.98");
  });

  it("A7.2, TCC18-077: VFD 150, surtax 10% = 15.00 → VFT 165.00, GST 8.25; with MFN 8% (12.00) → 177.00, 8.85", () => {
    expect(gst({ hs: "9403.20", value: "150.00" })).toBe("8.25");
    expect(gst({ hs: "9403.20", value: "150.00", customs_duty: "12.00" })).toBe("8.85");
  });

  it("A7.3, CN 25-24: VFD 1,000, surtax 500, duty 50, anti-dumping 34 → GST 79.20 (5% × 1,584.00)", () => {
    expect(gst({ hs: "7208.10", value: "1000.00", customs_duty: "50.00", sima_duty: "34.00" })).toBe("79.20");
  });

  it("A7.4: VFD 150, surtax 25% on a CUSMA good = 37.50 → GST 5% × 187.50 = 9.375 → 9.38 (half up, not the broker's unrounded 9.375)", () => {
    expect(gst({ hs: "7601.10", value: "150.00", usmca: "Y" })).toBe("9.38");
  });

  it("A7.5: three lines at 1.3750: GST 1,060.96 + 137.50 + 3,334.38 = 4,532.84 (per line, not 5% of the total VFT: 4,532.83)", () => {
    const { result, lines } = run([
      ca({ hs: "7601.10", value: "12345.67", currency: "USD" }), // VFD 16,975.30 + surtax 4,243.83 = 21,219.13 × 5% = 1,060.9565 → 1,060.96
      ca({ hs: "2009.11", value: "2000.00", currency: "USD" }), // VFD 2,750.00, surtax repealed 2025-09-01: × 5% = 137.50
      ca({ hs: "8703.23", value: "40000.00", currency: "USD", usmca: "Y" }), // 55,000.00 + 11,687.50 = 66,687.50 × 5% = 3,334.375 → 3,334.38
    ]);
    expect(lines.map((l) => lineFees(l)["ca-gst"])).toEqual(["1060.96", "137.50", "3334.38"]);
    expect(entryFees(result, "T")).toEqual({ "ca-gst": "4532.84" });
    const bases = lines.map((l) => (l.ok ? m(l.results[0]!.fees[0]!.base) : ""));
    expect(bases).toEqual(["21219.13", "2750.00", "66687.50"]);
  });

  it("A7.5 line 2 while the surtax was in force: surtax 687.50, VFT 3,437.50, GST 171.88 (171.875)", () => {
    expect(gst({ date: "2025-06-01", hs: "2009.11", value: "2750.00" })).toBe("171.88");
  });

  it("US fees never land in CAD, nor GST in USD", () => {
    const { result } = run([ca({ hs: "0101", value: "100" }), us({ entry: "E", hs: "8503", value: "10000" })]);
    const fees = result.scenarios[0]!.fees!;
    expect([...fees.keys()]).toEqual(["CAD", "USD"]);
    expect(fees.get("CAD")!.fees.map((f) => f.fee)).toEqual(["ca-gst"]);
    expect(fees.get("USD")!.fees.map((f) => f.fee)).toEqual(["us-mpf"]);
  });
});

describe("the reuse key is made of the whole charge value", () => {
  it("schedules that differ only in a fee's maximum charge lines differently (a hand-written list could forget it)", () => {
    const other = structuredClone(raw) as { fees: { id: string; periods: { maximum?: string }[] }[] };
    other.fees.find((f) => f.id === "us-mpf")!.periods[1]!.maximum = "700.00";
    const engine = new PricingEngine([schedule, load(other as unknown as Record<string, unknown>, "other.json")], { fees: true });
    const r = new Run(engine, ["a", "b"], { entries: true });
    const added = r.add(rowOf(us({ entry: "E", hs: "8503", value: "200000" })));
    if (!added.ok) throw new Error(added.rejection.reason);
    expect(added.results[0]!.charges).not.toBe(added.results[1]!.charges);
    const [a, b] = r.result().scenarios;
    // 692.80 cut to 651.50 under a; to 692.80 under b (maximum 700.00)
    expect([m(a!.fees!.get("USD")!.total), m(b!.fees!.get("USD")!.total)]).toEqual(["651.50", "692.80"]);
  });

  it("two schedules read from two files alike share keys (amounts reused)", () => {
    const engine = new PricingEngine([schedule, load(JSON.parse(JSON.stringify(raw)), "copy.json")], { fees: true });
    const r = new Run(engine, ["a", "b"]);
    const added = r.add(rowOf(us({ entry: "E", hs: "8501", value: "1000", mode: "vessel" })));
    if (!added.ok) throw new Error(added.rejection.reason);
    expect(added.results[1]!.charges).toBe(added.results[0]!.charges);
    expect(added.results[1]!.duties).toBe(added.results[0]!.duties);
  });

  it("valueKey: keys sorted, decimals normalised (25% is 25.0%), a Map refused", () => {
    expect(valueKey({ b: 1, a: [decimal("25"), null] })).toBe(valueKey({ a: [decimal("25.0"), null], b: 1 }));
    expect(valueKey({ a: "x" })).not.toBe(valueKey({ a: "y" }));
    expect(valueKey({ a: undefined })).not.toBe(valueKey({ a: null }));
    expect(() => valueKey({ a: new Map() })).toThrow(/internal/);
  });
});
