/**
 * Findings of an independent review of fees, reconcile and refund
 * (2026-12-06), each fixed and kept here: amounts paid or owed in fractions
 * of a cent are rejected on their line (they crashed the run), one entry
 * written three ways is one entry, ACE's mode of transportation codes.
 * Files are written to a temp folder: each case is one or three lines.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { fixture, tariff } from "../helpers/cli.js";

const dir = mkdtempSync(path.join(tmpdir(), "tariff-review-"));
const file = (name: string, text: string) => {
  const f = path.join(dir, name);
  writeFileSync(f, text);
  return f;
};

describe("fractions of a cent in an amount paid or owed: the line is rejected, located, never a crash", () => {
  it("calc: customs_duty 4.605 (it went unrounded into the GST base and stopped the run with an internal error)", () => {
    const f = file("customs-duty.csv", "id,date,importer,origin,hs,value,customs_duty\nX1,2025-02-01,CA,US,9403.20.00.00,100.00,4.605\nX2,2025-02-01,CA,US,9403.20.00.00,100.00,4.60\n");
    for (const fees of [[], ["--fees"]]) {
      const r = tariff(["calc", f, ...fees, "--format", "json", "--no-lines"]);
      expect(r.code).toBe(1);
      const body = JSON.parse(r.stdout);
      expect(body.rejected).toEqual([expect.objectContaining({ line: 2, column: "customs_duty", code: "shipment/bad-amount", reason: 'customs_duty "4.605" has fractions of a cent: an amount paid or owed is in cents (4.61?)' })]);
      expect(body.counts).toMatchObject({ read: 2, computed: 1, rejected: 1 });
    }
  });

  it("reconcile: a declared duty of 35.005 is a rejected line; --tolerance 0.005 is a usage error", () => {
    const f = file("declared.csv", "id,entry,date,importer,origin,hs,value,usmca,declared_duty\nR1,E-1,2025-09-15,US,CA,8712000000,100.00,N,35.005\nR2,E-1,2025-09-15,US,CA,8712000000,100.00,N,35.00\n");
    const r = tariff(["reconcile", f, "--format", "json"]);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).rejected).toEqual([expect.objectContaining({ line: 2, column: "declared_duty", code: "shipment/bad-amount" })]);
    const t = tariff(["reconcile", f, "--tolerance", "0.005"]);
    expect(t.code).toBe(2);
    expect(t.stderr).toContain('--tolerance must be an amount of 0 or more in cents such as 0.01, got "0.005"');
  });
});

describe("one entry written three ways (ABC-1234567-8, ABC12345678, abc-1234567-8) is one entry", () => {
  // 3 lines of $1,000 bicycles on 2025-09-15: IEEPA 35% = 350.00 each; MPF 0.3464% × 1,000 = 3.464 → 3.46 a line,
  // 10.38 for the entry, raised once to FY2025's minimum 32.71 (computation.md B4), not three times (98.13).
  const f = file(
    "spellings.csv",
    "id,entry,date,importer,origin,hs,value,usmca,mode,importer_of_record\n" +
      "V1,ABC-1234567-8,2025-09-15,US,CA,8712000000,1000,N,truck,IOR-1\n" +
      "V2,ABC12345678,2025-09-15,US,CA,8712000000,1000,N,truck,IOR-1\n" +
      "V3,abc-1234567-8,2025-09-15,US,CA,8712000000,1000,N,truck,IOR-1\n",
  );

  it("calc --fees --by entry: one entry, named as its first line writes it, one minimum", () => {
    const body = JSON.parse(tariff(["calc", f, "--fees", "--by", "entry", "--format", "json", "--no-lines"]).stdout);
    expect(body.entries.map((e: any) => [e.entry, e.lines, e.fees.map((x: any) => [x.fee, x.lineAmount, x.amount])])).toEqual([["ABC-1234567-8", 3, [["us-mpf", "10.38", "32.71"]]]]);
  });

  it("refund: one entry of 1,050.00, as its CAPE file has it", () => {
    const body = JSON.parse(tariff(["refund", f, "--format", "json"]).stdout);
    expect(body.entries.map((e: any) => [e.entry, e.capeEntryNumber, e.lines, e.amount])).toEqual([["ABC-1234567-8", "ABC12345678", [2, 3, 4], "1050.00"]]);
  });
});

describe("mode: CBP's mode of transportation codes as ACE exports carry them", () => {
  it("11 (vessel, container) owes HMF, 30 (truck) does not; 12 is rejected with the spellings listed", () => {
    // HMF 0.125% × 10,000 = 12.50 on the vessel line only (computation.md B5).
    const f = file("modes.csv", "id,entry,date,importer,origin,hs,value,usmca,mode\nM1,E-1,2025-11-15,US,CA,8712000000,10000,N,11\nM2,E-2,2025-11-15,US,CA,8712000000,10000,N,30\nM3,E-3,2025-11-15,US,CA,8712000000,10000,N,12\n");
    const r = tariff(["calc", f, "--fees", "--format", "json"]);
    const body = JSON.parse(r.stdout);
    expect(body.totals.USD.fees["us-hmf"]).toMatchObject({ lines: 1, amount: "12.50" });
    expect(body.rejected).toEqual([expect.objectContaining({ line: 4, column: "mode", reason: 'mode "12" is not one of vessel (or ocean, sea, 10, 11), truck (or road, 30, 31), rail (or 20, 21), air (or 40, 41), mail (or 50)' })]);
  });
});

it("the fixture schedules still read (a sanity check of the helper)", () => {
  expect(tariff(["validate", fixture("schedules", "fees.json")]).code).toBe(0);
});
