/**
 * `calc --fees` and `--by entry` (issue #15): the built CLI on the worked
 * examples of computation.md (fixtures/schedules/fees.json, the fees of
 * data/fees.mjs). Amounts are checked in unit tests to the cent
 * (tests/unit/duty/fees.test.ts); here, where they show and that nothing
 * shows without the options.
 */
import { describe, expect, it } from "vitest";
import { fixture, tariff } from "../helpers/cli.js";

const FEES = fixture("schedules", "fees.json");
const US = fixture("shipments", "fees-us-entries.csv");
const CA = fixture("shipments", "fees-ca.csv");
const FX = fixture("fx", "fees-examples.csv");

describe("calc --fees", () => {
  it("json: each line's fees, each currency's fees after the entries' minimum and maximum, and (--by entry) the entries", () => {
    const r = tariff(["calc", US, "-s", FEES, "--fees", "--by", "entry", "--format", "json"]);
    expect.soft(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    // B7.1: 10,500 × 0.3464% = 36.372 → 36.37 (the line's part); × 0.125% = 13.125 → 13.13
    expect(doc.lines.find((l: { id: string }) => l.id === "B7.1").fees).toEqual([
      { fee: "us-mpf", kind: "fee", heading: "499", rate: "0.3464%", base: "10500.00", amount: "36.37" },
      { fee: "us-hmf", kind: "fee", heading: "501", rate: "0.125%", base: "10500.00", amount: "13.13" },
    ]);
    // a USMCA line by truck: no fee at all
    expect(doc.lines.find((l: { id: string }) => l.id === "B7.3-truck-2").fees).toEqual([]);
    // MPF owed: 34.64 + 34.64 + 36.37 + 33.58 + 32.71 + 651.50 = 823.44; the lines' parts: (30.36 + 4.28) × 2 + 36.37 + 17.32 × 2 + 692.80 = 833.09
    // HMF: 31.25 + 13.13 = 44.38
    expect(doc.totals.USD.fees).toEqual({
      "us-hmf": { kind: "fee", heading: "501", entries: 2, lines: 4, base: "35499.99", lineAmount: "44.38", amount: "44.38", raisedToMinimum: 0, cutToMaximum: 0 },
      "us-mpf": { kind: "fee", heading: "499", entries: 6, lines: 8, base: "240499.98", lineAmount: "833.09", amount: "823.44", raisedToMinimum: 2, cutToMaximum: 1 },
    });
    expect(doc.totals.USD.feeTotal).toBe("867.82");
    // the duty stays the schedule's measures only
    expect(doc.totals.USD.duty).toBe("2222.26");
    expect(doc.entries.map((e: { entry: string; feeTotal: string }) => [e.entry, e.feeTotal])).toEqual([
      ["ENT-B73", "65.89"],
      ["ENT-TRUCK", "34.64"],
      ["ENT-B71", "49.50"],
      ["ENT-MIN26", "33.58"],
      ["ENT-MIN25", "32.71"],
      ["ENT-MAX26", "651.50"],
    ]);
    expect(doc.entries[5].fees[0]).toEqual({ fee: "us-mpf", kind: "fee", heading: "499", lines: 1, base: "200000.00", lineAmount: "692.80", amount: "651.50", minimum: "33.58", maximum: "651.50", bound: "maximum" });
  });

  it("GST (A7.1–A7.5) in CAD, on the value for tax", () => {
    const r = tariff(["calc", CA, "-s", FEES, "--fx", FX, "--fees", "--format", "json"]);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.lines.map((l: { id: string; fees: { amount: string }[] }) => [l.id, l.fees[0]!.amount])).toEqual([
      ["A7.1", "5.98"],
      ["A7.2-mfn0", "8.25"],
      ["A7.2-mfn8", "8.85"],
      ["A7.3", "79.20"],
      ["A7.4", "9.38"],
      ["A7.5-1", "1060.96"],
      ["A7.5-2", "137.50"],
      ["A7.5-3", "3334.38"],
    ]);
    expect(doc.totals.CAD.feeTotal).toBe("4644.50");
  });

  it("csv: the line's fees in a last column; totals with fees on stderr", () => {
    const r = tariff(["calc", US, "-s", FEES, "--fees", "--format", "csv"]);
    expect(r.code).toBe(0);
    const [header, ...rows] = r.stdout.trimEnd().split("\n");
    expect(header!.endsWith(",schedule,what_if,fees")).toBe(true);
    expect(rows.find((l) => l.includes(",B7.1,"))!.endsWith(",us-mpf 0.3464% on 10500.00 = 36.37; us-hmf 0.125% on 10500.00 = 13.13")).toBe(true);
    expect(r.stderr).toContain("tariff calc: USD fees and taxes 867.82 (us-hmf 44.38, us-mpf 823.44), apart from the duty\n");
  });

  it("table: fees apart from the duty totals; --by entry shows each entry's fees and its duty plus fees", () => {
    const r = tariff(["calc", US, "-s", FEES, "--fees", "--by", "entry"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Fees and taxes (--fees: apart from the duty; minimum and maximum per entry)");
    expect(r.stdout).toMatch(/│ USD\s+│ us-mpf\s+│ fee\s+│\s+6 │\s+8 │\s+240499\.98 │\s+823\.44 │ 2 raised to the minimum, 1 cut to the maximum │/);
    expect(r.stdout).toMatch(/│ USD\s+│ ENT-MAX26 │ 2025-11-15 │\s+1 │\s+200000\.00 │\s+0\.00 │ us-mpf 651\.50 \(maximum\)\s+│\s+651\.50 │/);
  });

  it("says once when lines name no entry or no mode, instead of guessing", () => {
    const input = "date,importer,hs,value\n2025-11-15,US,8503,5000\n2025-11-15,US,8503,1000\n";
    const r = tariff(["calc", "-", "-s", FEES, "--fees", "--format", "json"], { input });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(
      "tariff calc: 2 of 2 lines name no entry: their fees are summed without the minimum and maximum per entry; give an entry column (ACE: Entry Number)\n" +
        "tariff calc: 2 of 2 lines have no mode: us-hmf (charged on some modes only) not charged on them; give a mode column (vessel, truck, rail, air, mail)\n",
    );
    // 5,000 × 0.3464% = 17.32; 1,000 × 0.3464% = 3.464 → 3.46: 20.78, not raised to the minimum
    expect(JSON.parse(r.stdout).totals.USD.fees["us-mpf"].amount).toBe("20.78");
  });

  it("a mode that is not one of the five is a rejection of the line", () => {
    const r = tariff(["calc", "-", "-s", FEES, "--fees", "--format", "json"], { input: "date,importer,hs,value,mode\n2025-11-15,US,8503,5000,boat\n" });
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).rejected[0]).toMatchObject({ line: 2, column: "mode", code: "shipment/bad-mode" });
  });

  it("goes with table, md, json, csv and ndjson, not html", () => {
    const r = tariff(["calc", US, "-s", FEES, "--fees", "--format", "html"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("tariff calc: --fees goes with --format table, md, json, csv or ndjson (html does not show fees yet)\n");
  });

  it("json --fees without --by entry has no entries (a big file has many)", () => {
    const doc = JSON.parse(tariff(["calc", US, "-s", FEES, "--fees", "--format", "json"]).stdout);
    expect(Object.keys(doc)).not.toContain("entries");
    expect(doc.totals.USD.feeTotal).toBe("867.82");
  });

  it("without --fees nothing of it shows: no fees in lines or totals, no entries, no fees column", () => {
    const json = JSON.parse(tariff(["calc", US, "-s", FEES, "--format", "json"]).stdout);
    expect(Object.keys(json)).not.toContain("entries");
    expect(Object.keys(json.lines[0])).not.toContain("fees");
    expect(Object.keys(json.totals.USD)).not.toContain("fees");
    const csv = tariff(["calc", US, "-s", FEES, "--format", "csv"]).stdout;
    expect(csv.split("\n")[0]!.endsWith(",schedule,what_if")).toBe(true);
  });
});

describe("calc --by entry", () => {
  it("the ACE preset's Entry Number groups the lines: duty per entry", () => {
    const r = tariff(["calc", fixture("shipments", "ace-entry-lines.csv"), "--preset", "ace", "--by", "entry", "--format", "json"]);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.entries.map((e: { entry: string; lines: number; date: string; fees: unknown[] }) => [e.entry, e.lines, e.date, e.fees])).toEqual([
      ["ABC-1234567-8", 2, "2025-09-15", []],
      ["ABC-7654321-0", 2, "2025-10-01", []],
    ]);
    const sum = doc.entries.reduce((a: number, e: { duty: string }) => a + Math.round(Number(e.duty) * 100), 0);
    expect(sum).toBe(Math.round(Number(doc.totals.USD.duty) * 100));
  });

  it("goes with table, md and json", () => {
    const r = tariff(["calc", US, "-s", FEES, "--by", "entry", "--format", "csv"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("tariff calc: --by entry goes with --format table, md or json\n");
  });
});

describe("--fees and the schedule's fees", () => {
  it("the embedded schedule has the fees of data/fees.mjs: the same MPF and HMF as the fixture schedule's on the same entries", () => {
    // fees-us-entries.csv under fixtures/schedules/fees.json: MPF 823.44 and HMF 44.38 (worked out above);
    // the embedded schedule charges the same fees, whatever its duties on these codes.
    const r = tariff(["calc", US, "--fees", "--format", "json", "--no-lines"]);
    const fees = JSON.parse(r.stdout).totals.USD.fees;
    expect([fees["us-mpf"].amount, fees["us-hmf"].amount]).toEqual(["823.44", "44.38"]);
  });

  it("a schedule with no fees: said once on stderr (a warning, exit as without it), not an empty table that reads as nothing owed", () => {
    const r = tariff(["calc", US, "--fees", "-s", fixture("schedules", "ieepa-refund.json"), "--format", "json", "--no-lines"]);
    expect(r.stderr).toContain(`${fixture("schedules", "ieepa-refund.json")}: warning: the schedule has no fees or taxes (no "fees"): --fees adds nothing [calc/no-fees]\nhint: use the embedded schedule, or add fees to yours (README: Fees and taxes)\n`);
  });
});
