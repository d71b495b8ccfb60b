import { describe, expect, it } from "vitest";
import { skipText } from "../../../src/core/duty/compute.js";
import { computeLine } from "../../../src/core/duty/engine.js";
import { FxTable } from "../../../src/core/duty/fx.js";
import { decimal } from "../../../src/core/money/decimal.js";
import { formatMoney } from "../../../src/core/money/money.js";
import { formatRate } from "../../../src/core/money/rate.js";
import { schedule, shipment } from "../../helpers/schedules.js";

const US = { currency: "USD", valueRounding: "whole", dutyRounding: "cent" };
const CA = { currency: "CAD", valueRounding: "cent", dutyRounding: "cent" };

/** The rates below are the domain brief's (us-measures.md §1, §2, §5, §7, §8; canada-measures.md §1–3). */
const brief = schedule({
  importers: { US, CA },
  sectors: [
    { id: "steel", label: "Steel", hs: ["72", "7308"] },
    { id: "energy", label: "Energy", hs: ["2709"] },
    { id: "softwood_lumber", label: "Softwood lumber", hs: ["4407.11"] },
    { id: "autos", label: "Passenger vehicles", hs: ["8703"] },
    { id: "orange_juice", label: "Orange juice", hs: ["2009.11"] },
    { id: "aluminum", label: "Aluminum", hs: ["76"] },
    { id: "other_goods", label: "Other", hs: ["87", "94", "01"] },
  ],
  measures: [
    {
      id: "us-ieepa-canada", label: "IEEPA", importer: "US", origins: ["CA"], authority: "EO 14193", heading: "9903.01.10", sectors: "*",
      excludedBy: ["us-232-autos", "us-232-timber"],
      periods: [
        // §1: 25% from 2025-03-04, energy 10%; USMCA exempt from 03-07; 35% from 08-01; ended 2026-02-24
        { from: "2025-03-04", until: "2025-03-07", rate: "25%", rates: { energy: { rate: "10%", heading: "9903.01.13" } } },
        { from: "2025-03-07", until: "2025-08-01", rate: "25%", rates: { energy: { rate: "10%", heading: "9903.01.13" } }, exemptions: ["usmca"] },
        { from: "2025-08-01", until: "2026-02-24", rate: "35%", rates: { energy: { rate: "10%", heading: "9903.01.13" } }, exemptions: ["usmca"], excludedBy: ["us-232-autos", "us-232-timber", "us-232-steel"] },
      ],
    },
    {
      id: "us-232-steel", label: "232 steel", importer: "US", origins: ["CA"], authority: "Procl. 10896", sectors: ["steel"],
      periods: [
        // §2 and §8 (EO 14289): before 2025-06-04 IEEPA wins when it owes more than 0%
        { from: "2025-03-12", until: "2025-06-04", rate: "25%", excludedBy: ["us-232-autos", { measure: "us-ieepa-canada", when: "owes" }] },
        { from: "2025-06-04", until: "2026-04-06", rate: "50%", basis: "content", excludedBy: ["us-232-autos"] },
        { from: "2026-04-06", rate: "50%", excludedBy: ["us-232-autos"] },
      ],
    },
    { id: "us-232-autos", label: "232 autos", importer: "US", origins: ["CA"], authority: "Procl. 10908", sectors: ["autos"], periods: [{ from: "2025-04-03", rate: "25%" }] },
    { id: "us-232-timber", label: "232 lumber", importer: "US", origins: ["CA"], authority: "Procl. 10976", sectors: ["softwood_lumber"], periods: [{ from: "2025-10-14", rate: "10%" }] },
    // §7: AR6 AD 20.56% from 2025-07-29, CVD 14.63% from 2025-08-12 (non-selected exporters)
    { id: "us-ad-softwood", label: "AD", importer: "US", origins: ["CA"], authority: "A-122-857", sectors: ["softwood_lumber"], periods: [{ from: "2025-01-01", until: "2025-07-29", rate: "7.66%" }, { from: "2025-07-29", rate: "20.56%" }] },
    { id: "us-cvd-softwood", label: "CVD", importer: "US", origins: ["CA"], authority: "C-122-858", sectors: ["softwood_lumber"], periods: [{ from: "2025-01-01", until: "2025-08-12", rate: "6.74%" }, { from: "2025-08-12", rate: "14.63%" }] },
    // canada-measures.md §1: SOR/2025-66, 25%, 2025-03-04 → 2025-09-01
    { id: "ca-surtax-us-2025-1", label: "tranche 1", importer: "CA", origins: ["US"], authority: "SOR/2025-66", sectors: ["orange_juice"], periods: [{ from: "2025-03-04", until: "2025-09-01", rate: "25%" }] },
    { id: "ca-surtax-us-aluminum", label: "aluminum", importer: "CA", origins: ["US"], authority: "SOR/2025-95", sectors: ["aluminum"], periods: [{ from: "2025-03-13", rate: "25%" }] },
    // §3: SOR/2025-118, 25% of VFD; CUSMA vehicles 25% × (VFD − 15% of VFD)
    { id: "ca-surtax-us-vehicles", label: "vehicles", importer: "CA", origins: ["US"], authority: "SOR/2025-118", sectors: ["autos"], periods: [{ from: "2025-04-09", rate: "25%", usmca: { share: "85%" } }] },
  ],
});

function line(fields: Record<string, string>, fx?: FxTable) {
  const r = computeLine(brief, shipment(brief, fields, 2, fx));
  return {
    duty: formatMoney(r.duty),
    duties: r.duties.map((d) => `${d.measure} ${formatRate(d.rate)} × ${formatMoney(d.base)} = ${formatMoney(d.amount)}`),
    skipped: r.skipped.map((k) => `${k.measure}: ${skipText(k.reason)}`),
  };
}

describe("computeLine: US", () => {
  it("charges IEEPA 35% on a non-USMCA bicycle (us-measures.md §11 worked check)", () => {
    // 10,000 × 35% = 3,500.00
    expect(line({ date: "2025-09-15", importer: "US", hs: "8712.00", value: "10000" })).toEqual({
      duty: "3500.00",
      duties: ["us-ieepa-canada 35% × 10000.00 = 3500.00"],
      // timber starts 2025-10-14: a measure not in force is "outside its periods" before its sectors are looked at
      skipped: ["us-232-steel: not in its sectors", "us-232-autos: not in its sectors", "us-232-timber: outside its periods", "us-ad-softwood: not in its sectors", "us-cvd-softwood: not in its sectors"],
    });
  });

  it("rounds the US value to whole dollars before the rate (19 CFR 159.3)", () => {
    // 1,000.49 → 1,000 × 35% = 350.00; 1,000.50 → 1,001 × 35% = 350.35
    expect(line({ date: "2025-09-15", importer: "US", hs: "8712", value: "1000.49" }).duty).toBe("350.00");
    expect(line({ date: "2025-09-15", importer: "US", hs: "8712", value: "1000.50" }).duty).toBe("350.35");
  });

  it("rounds each duty to the cent, ties away from zero", () => {
    // energy 10%: 1,005 × 10% = 100.50; a tie: 1 × 25% = 0.25; 3 × 35% = 1.05; 7 × 25% = 1.75 — and 1 × 10.5%… use IEEPA 25% on $1.02 → 1 × 25% = 0.25
    expect(line({ date: "2025-05-01", importer: "US", hs: "2709", value: "1005" }).duties).toEqual(["us-ieepa-canada 10% × 1005.00 = 100.50"]);
    // 2025-03-05 (before the USMCA exemption): 3 × 25% = 0.75 exactly; $0.50 → $1 (whole dollar) × 25% = 0.25
    expect(line({ date: "2025-03-05", importer: "US", hs: "8712", value: "0.50" }).duty).toBe("0.25");
  });

  it("drops IEEPA for USMCA goods only from 2025-03-07 (not retroactive)", () => {
    expect(line({ date: "2025-03-06", importer: "US", hs: "8712", value: "100", usmca: "Y" }).duty).toBe("25.00");
    expect(line({ date: "2025-03-07", importer: "US", hs: "8712", value: "100", usmca: "Y" })).toMatchObject({ duty: "0.00", duties: [] });
    expect(line({ date: "2025-03-07", importer: "US", hs: "8712", value: "100", usmca: "Y" }).skipped).toContain("us-ieepa-canada: exempt (usmca)");
  });

  it("applies EO 14289 before 2025-06-04: IEEPA wins over 232 steel when it owes more than 0%", () => {
    // non-USMCA steel 2025-05-01: IEEPA 25% × 2,000 = 500.00; 232 steel off
    expect(line({ date: "2025-05-01", importer: "US", hs: "7208", value: "2000" })).toMatchObject({
      duty: "500.00",
      skipped: expect.arrayContaining(["us-232-steel: excluded by us-ieepa-canada"]),
    });
    // USMCA steel 2025-05-01: IEEPA exempt (0%), so 232 steel 25% × 2,000 = 500.00 applies
    expect(line({ date: "2025-05-01", importer: "US", hs: "7208", value: "2000", usmca: "Y" }).duties).toEqual(["us-232-steel 25% × 2000.00 = 500.00"]);
  });

  it("charges 232 steel on metal content from 2025-06-04 and switches IEEPA off", () => {
    // 50% × content 1,200.40 → 1,200 (whole dollars) = 600.00
    expect(line({ date: "2025-09-15", importer: "US", hs: "7308.90", value: "5000", content_value: "1200.40" })).toMatchObject({
      duty: "600.00",
      duties: ["us-232-steel 50% × 1200.00 = 600.00"],
      skipped: expect.arrayContaining(["us-ieepa-canada: excluded by us-232-steel"]),
    });
    // no content declared: the full value is the basis, 50% × 5,000 = 2,500.00
    expect(line({ date: "2025-09-15", importer: "US", hs: "7308.90", value: "5000" }).duty).toBe("2500.00");
    // from 2026-04-06 the full value, whatever the content: 50% × 5,000 = 2,500.00
    expect(line({ date: "2026-05-01", importer: "US", hs: "7308.90", value: "5000", content_value: "1200" }).duty).toBe("2500.00");
  });

  it("stacks three measures on softwood lumber and excludes IEEPA (§5, §7)", () => {
    // 2025-10-20, $10,000: 232 timber 10% = 1,000.00; AD 20.56% = 2,056.00; CVD 14.63% = 1,463.00; total 4,519.00
    expect(line({ date: "2025-10-20", importer: "US", hs: "4407.11.00", value: "10000" })).toMatchObject({
      duty: "4519.00",
      duties: ["us-232-timber 10% × 10000.00 = 1000.00", "us-ad-softwood 20.56% × 10000.00 = 2056.00", "us-cvd-softwood 14.63% × 10000.00 = 1463.00"],
      skipped: expect.arrayContaining(["us-ieepa-canada: excluded by us-232-timber"]),
    });
  });

  it("uses the rate of the line's date at each boundary (from inclusive, until exclusive)", () => {
    expect(line({ date: "2025-07-31", importer: "US", hs: "8712", value: "100" }).duty).toBe("25.00");
    expect(line({ date: "2025-08-01", importer: "US", hs: "8712", value: "100" }).duty).toBe("35.00");
    expect(line({ date: "2026-02-23", importer: "US", hs: "8712", value: "100" }).duty).toBe("35.00");
    expect(line({ date: "2026-02-24", importer: "US", hs: "8712", value: "100" })).toMatchObject({ duty: "0.00", skipped: expect.arrayContaining(["us-ieepa-canada: outside its periods"]) });
  });
});

describe("computeLine: Canada (computation.md A7.5)", () => {
  const fx = new FxTable([{ date: "2026-03-01", from: "USD", to: "CAD", rate: decimal("1.3750"), text: "1.3750", line: 2 }]);

  it("line 1: aluminum, US$12,345.67 at 1.3750 → VFD 16,975.30, surtax 4,243.83", () => {
    // 12,345.67 × 1.3750 = 16,975.29625 → 16,975.30; × 25% = 4,243.825 → 4,243.83
    expect(line({ date: "2026-03-10", importer: "CA", hs: "7601", value: "12345.67", currency: "USD" }, fx)).toMatchObject({ duty: "4243.83", duties: ["ca-surtax-us-aluminum 25% × 16975.30 = 4243.83"] });
  });

  it("line 2: orange juice, surtax repealed 2025-09-01; 687.50 while in force", () => {
    expect(line({ date: "2026-03-10", importer: "CA", hs: "2009.11", value: "2000", currency: "USD" }, fx).duty).toBe("0.00");
    // 2,750.00 × 25% = 687.50
    expect(line({ date: "2025-06-01", importer: "CA", hs: "2009.11", value: "2750.00" }).duty).toBe("687.50");
  });

  it("line 3: CUSMA passenger vehicle pays 25% on VFD less the 15% default content", () => {
    // 40,000 × 1.3750 = 55,000.00; × 85% = 46,750.00; × 25% = 11,687.50
    expect(line({ date: "2026-03-10", importer: "CA", hs: "8703.23", value: "40000", currency: "USD", usmca: "Y" }, fx).duties).toEqual(["ca-surtax-us-vehicles 25% × 46750.00 = 11687.50"]);
    // not CUSMA: 25% × 55,000.00 = 13,750.00
    expect(line({ date: "2026-03-10", importer: "CA", hs: "8703.23", value: "40000", currency: "USD" }, fx).duty).toBe("13750.00");
  });
});

describe("computeLine: exclusion chains", () => {
  const chain = schedule({
    sectors: [{ id: "goods", label: "Goods", hs: ["01"] }],
    measures: [
      { id: "a", label: "A", importer: "US", origins: ["CA"], authority: "x", sectors: "*", excludedBy: ["b"], periods: [{ from: "2025-01-01", rate: "10%" }] },
      { id: "b", label: "B", importer: "US", origins: ["CA"], authority: "x", sectors: "*", excludedBy: ["c"], periods: [{ from: "2025-01-01", rate: "20%" }] },
      { id: "c", label: "C", importer: "US", origins: ["CA"], authority: "x", sectors: "*", periods: [{ from: "2025-06-01", rate: "0%" }] },
      { id: "d", label: "D", importer: "US", origins: ["CA"], authority: "x", sectors: "*", excludedBy: [{ measure: "c", when: "owes" }], periods: [{ from: "2025-01-01", rate: "5%" }] },
    ],
  });
  const run = (date: string) => computeLine(chain, shipment(chain, { date, importer: "US", hs: "0101", value: "100" }));

  it("an excluded measure excludes nothing: C off B, so A applies", () => {
    // 2025-07-01: C applies (0%), B excluded by C, A applies 10% × 100 = 10.00; D: C owes 0%, so D applies 5.00
    const r = run("2025-07-01");
    expect(r.duties.map((d) => d.measure)).toEqual(["a", "c", "d"]);
    expect(formatMoney(r.duty)).toBe("15.00");
  });

  it("without C, B applies and switches A off", () => {
    // 2025-02-01: B 20% × 100 = 20.00 + D 5.00
    const r = run("2025-02-01");
    expect(r.duties.map((d) => d.measure)).toEqual(["b", "d"]);
    expect(r.skipped.map((k) => skipText(k.reason))).toEqual(["excluded by b", "outside its periods"]);
    expect(formatMoney(r.duty)).toBe("25.00");
  });
});

describe("computeLine: bases and 'owes' (found by the audit against the brief)", () => {
  const s = schedule({
    importers: { US, CA },
    sectors: [
      { id: "steel", label: "Steel", hs: ["72"] },
      { id: "beer", label: "Beer in aluminum cans", hs: ["2203"] },
      { id: "autos", label: "Vehicles", hs: ["8703"] },
    ],
    measures: [
      // us-measures.md §8: from 2025-06-04 232 metals rank above IEEPA; "a higher layer switches lower ones off only when more than 0% is owed"
      { id: "ieepa", label: "IEEPA", importer: "US", origins: ["CA"], authority: "EO 14193", sectors: "*", excludedBy: [{ measure: "alu", when: "owes" }], periods: [{ from: "2025-08-01", until: "2026-02-24", rate: "35%" }] },
      { id: "alu", label: "232 aluminum", importer: "US", origins: ["CA"], authority: "Procl. 10895", sectors: ["beer"], basis: "content", periods: [{ from: "2025-06-04", rate: "50%" }] },
      // §1b: before 2026-04-06 the non-metal value of a 232 metal article paid the 122 surcharge
      { id: "s122", label: "122", importer: "US", origins: ["CA"], authority: "Procl. 11012", sectors: ["steel"], basis: "non_content", periods: [{ from: "2026-02-24", rate: "10%" }] },
      { id: "steel232", label: "232 steel", importer: "US", origins: ["CA"], authority: "Procl. 10896", sectors: ["steel"], basis: "content", periods: [{ from: "2025-06-04", rate: "50%" }] },
      // canada-measures.md §3: 25% × (A − B), B = 15% of A
      { id: "ca-veh", label: "vehicles", importer: "CA", origins: ["US"], authority: "SOR/2025-118", sectors: ["autos"], periods: [{ from: "2025-04-09", rate: "25%", usmca: { share: "85%" } }] },
    ],
  });
  const run = (fields: Record<string, string>) => {
    const r = computeLine(s, shipment(s, fields));
    return r.duties.map((d) => `${d.measure} ${formatMoney(d.base)}=${formatMoney(d.amount)}`).concat(`total ${formatMoney(r.duty)}`);
  };

  it("a measure that owes nothing on the line (content 0) switches nothing off", () => {
    // bottled beer: aluminum 50% × content 0 = 0.00 owes nothing, so IEEPA 35% × 10,000 = 3,500.00 applies
    expect(run({ date: "2025-08-01", importer: "US", hs: "2203", value: "10000", content_value: "0" })).toEqual(["ieepa 10000.00=3500.00", "alu 0.00=0.00", "total 3500.00"]);
    // canned beer: aluminum 50% × 1,000 = 500.00 owes, IEEPA off
    expect(run({ date: "2025-08-01", importer: "US", hs: "2203", value: "10000", content_value: "1000" })).toEqual(["alu 1000.00=500.00", "total 500.00"]);
  });

  it("the non-content basis is the rounded value less the rounded content, so the two add up to the value", () => {
    // value 10,000.49 → 10,000; content 3,999.50 → 4,000; rest 6,000 (not round(6,000.99) = 6,001)
    // 122: 10% × 6,000 = 600.00; 232 steel: 50% × 4,000 = 2,000.00
    expect(run({ date: "2026-04-01", importer: "US", hs: "7208", value: "10000.49", content_value: "3999.50" })).toEqual(["s122 6000.00=600.00", "steel232 4000.00=2000.00", "total 2600.00"]);
  });

  it("a share charges the basis less the rounded rest: 25% × (A − B), B = 15% of A to the cent", () => {
    // A = 40,000.30; B = 6,000.045 → 6,000.05; A − B = 34,000.25; × 25% = 8,500.0625 → 8,500.06
    // (rounding 85% of A first would give 34,000.26 and 8,500.07)
    expect(run({ date: "2025-04-09", importer: "CA", hs: "8703.23", value: "40000.30", usmca: "Y" })).toEqual(["ca-veh 34000.25=8500.06", "total 8500.06"]);
  });
});

describe("computeLine: a long exclusion chain is resolved without recursion", () => {
  it("5,000 measures, each excluded by the next: every other one applies, from the last", () => {
    const n = 5000;
    const chain = schedule({
      sectors: [{ id: "other_goods", label: "Other", hs: ["01"] }],
      measures: Array.from({ length: n }, (_, i) => ({
        id: `m-${i}`, label: `m ${i}`, importer: "US", origins: ["CA"], authority: "test", sectors: "*",
        ...(i + 1 < n ? { excludedBy: [`m-${i + 1}`] } : {}),
        periods: [{ from: "2025-01-01", rate: "1%" }],
      })),
    });
    const r = computeLine(chain, shipment(chain, { date: "2025-06-01", importer: "US", hs: "0101", value: "100" }));
    // m-4999 applies, so m-4998 is excluded, m-4997 applies, …: the odd ones apply, 2,500 × 1% × 100 = 2,500.00
    expect(r.duties).toHaveLength(n / 2);
    expect(r.duties[0]!.measure).toBe("m-1");
    expect(formatMoney(r.duty)).toBe("2500.00");
    expect(r.skipped.find((k) => k.measure === "m-0")?.reason).toEqual({ kind: "excluded", by: "m-1" });
  });
});
