/**
 * Format 2 in the engine: product lists decide which measures apply. The
 * schedule is fixtures/schedules/lists.json (its measures mirror the shapes of
 * the law: metals tiers by annex, us-measures.md §2 and changes-2026-h2.md;
 * an exemption list like note 52(b); a claimed one like 52(d); a ban like the
 * 2026-09-29 Section 338 bans; Proclamation 11032's non-US-content rule).
 * Every amount is worked by hand in its comment: US values rounded to whole
 * dollars (19 CFR 159.3), each duty to the cent half away from zero.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { skipText } from "../../../src/core/duty/compute.js";
import { PricingEngine, priceLine } from "../../../src/core/duty/engine.js";
import { parseShipment, rowOf, shipmentContext } from "../../../src/core/duty/shipment.js";
import { formatMoney } from "../../../src/core/money/money.js";
import { validateSchedule } from "../../../src/core/schedule/validate.js";

const loaded = validateSchedule(JSON.parse(readFileSync(new URL("../../../fixtures/schedules/lists.json", import.meta.url), "utf8")), "lists.json");
if (!loaded.ok) throw new Error(loaded.errors.map((e) => e.message).join("\n"));
const schedule = loaded.value;
const ctx = shipmentContext(schedule, undefined);

function price(fields: Record<string, string>) {
  const parsed = parseShipment(rowOf({ importer: "US", origin: "CA", ...fields }), ctx);
  if (!parsed.ok) return { rejected: parsed.rejection, warnings: [] as string[] };
  const priced = priceLine(schedule, parsed.shipment);
  const warnings = [...parsed.warnings, ...(priced.ok ? priced.warnings : [])].map((w) => `${w.column}: ${w.message}`);
  if (!priced.ok) return { rejected: priced.rejection, warnings };
  const r = priced.result;
  return {
    duty: formatMoney(r.duty),
    duties: r.duties.map((d) => `${d.measure} ${d.heading} ${formatMoney(d.base)} → ${formatMoney(d.amount)}`),
    skipped: Object.fromEntries(r.skipped.map((k) => [k.measure, skipText(k.reason)])),
    warnings,
  };
}

describe("product lists decide the measure and its tier", () => {
  it("a code on the 50% list pays 50% under its heading, and the surcharge it excludes is skipped", () => {
    // 1000.40 → 1000 (whole dollars); 50% × 1000 = 500.00
    const r = price({ date: "2026-07-01", hs: "7208.10.00.00", value: "1000.40" });
    expect(r.duties).toEqual(["us-metals 9903.82.02 1000.00 → 500.00"]);
    expect(r.skipped?.["us-surcharge"]).toBe("excluded by us-metals");
    expect(r.warnings).toEqual([]);
  });

  it("an exception leaves a code off a list; a dated entry puts it on another from its date", () => {
    // 7326.90.86.10 is under the 50% entry: 50% × 1000 = 500.00
    expect(price({ date: "2026-07-01", hs: "7326.90.86.10", value: "1000" }).duties).toEqual(["us-metals 9903.82.02 1000.00 → 500.00"]);
    // 7326.90.86.88 is excepted from the 50% list and on the 25% list from 2026-06-08: 25% × 1000 = 250.00
    expect(price({ date: "2026-07-01", hs: "7326.90.86.88", value: "1000" }).duties).toEqual(["us-metals 9903.82.09 1000.00 → 250.00"]);
    // Before 2026-06-08 it is on no list: the metals measure does not apply, the 10% surcharge does (10% × 1000 = 100.00)
    const before = price({ date: "2026-05-01", hs: "7326.90.86.88", value: "1000" });
    expect(before.duties).toEqual(["us-surcharge 9903.05.29 1000.00 → 100.00"]);
    expect(before.skipped?.["us-metals"]).toBe("not in its sectors or lists");
  });

  it("a code shorter than the list's entries is charged as not on them, with a warning naming the lists", () => {
    const r = price({ date: "2026-07-01", hs: "7326", value: "1000" });
    expect(r.duties).toEqual(["us-surcharge 9903.05.29 1000.00 → 100.00"]);
    expect(r.warnings).toEqual(["hs: hs 7326 is shorter than codes on lists tier-high, tier-low: charged as not on them; give the full code for the exact answer"]);
  });

  it("a line with only a sector is charged by what covers the whole sector, with a warning", () => {
    const r = price({ date: "2026-07-01", sector: "steel", value: "1000" });
    expect(r.duties).toEqual(["us-surcharge 9903.05.29 1000.00 → 100.00"]);
    expect(r.warnings).toEqual(['hs: no hs code: charged by the measures that cover sector "steel" as a whole; measures by product list cannot be told without the code: give hs for the exact answer']);
  });
});

describe("exemptions by list and by claim", () => {
  it("a code on an exemption list is exempt without a claim, the exemption's heading shown", () => {
    const r = price({ date: "2026-07-01", hs: "0101.21.00", value: "1000" });
    expect(r.duty).toBe("0.00");
    expect(r.skipped?.["us-surcharge"]).toBe("exempt (9903.05.86: on list exempt-auto)");
  });

  it("a claimed exemption holds only when the line claims its heading and the code is on its list", () => {
    expect(price({ date: "2026-07-01", hs: "8802.40.01", value: "1000" }).duties).toEqual(["us-surcharge 9903.05.29 1000.00 → 100.00"]);
    const claimed = price({ date: "2026-07-01", hs: "8802.40.01", value: "1000", claims: "9903.05.88" });
    expect(claimed.duty).toBe("0.00");
    expect(claimed.skipped?.["us-surcharge"]).toBe("exempt (claimed 9903.05.88 on list aircraft)");
    expect(claimed.warnings).toEqual([]);
  });

  it("a claim that does not apply, or that no exemption names, is a warning and changes nothing", () => {
    const r = price({ date: "2026-07-01", hs: "0102.21.00", value: "1000", claims: "9903.05.88; 9903.99.99" });
    expect(r.duties).toEqual(["us-surcharge 9903.05.29 1000.00 → 100.00"]);
    expect(r.warnings).toEqual([
      "claims: claim 9903.05.88 does not apply to this line: no exemption of the schedule holds with it for these goods on 2026-07-01",
      "claims: claim 9903.99.99 is not a heading any exemption of the schedule can be claimed with; ignored",
    ]);
  });
});

describe("a ban is not a rate", () => {
  it("a line the ban covers is rejected with shipment/prohibited naming the proclamation; the day before it is priced", () => {
    const r = price({ date: "2026-09-29", hs: "2203.00.00", value: "1000", id: "B-1" });
    expect(r.rejected).toEqual({
      line: 2,
      id: "B-1",
      column: "hs",
      code: "shipment/prohibited",
      reason: "entry of these goods is prohibited on 2026-09-29 by Proclamation 11061 (measure us-ban): a ban, not a duty; the line is not priced",
    });
    expect(price({ date: "2026-09-28", hs: "2203.00.00", value: "1000" }).duties).toEqual(["us-surcharge 9903.05.29 1000.00 → 100.00"]);
  });
});

describe("non-US content, with the US content deducted only up to a share of the value", () => {
  it("deducts the declared US content when under the cap", () => {
    // 10000 − 2000 = 8000; 25% × 8000 = 2000.00 (and the surcharge 10% × 10000 = 1000.00)
    expect(price({ date: "2026-07-01", hs: "8429.51.10", value: "10000", us_content_value: "2000" }).duties).toEqual([
      "us-surcharge 9903.05.29 10000.00 → 1000.00",
      "us-content-duty 9903.82.20 8000.00 → 2000.00",
    ]);
  });

  it("deducts at most 40% of the value", () => {
    // cap 40% × 10000 = 4000 < 6000 declared: 10000 − 4000 = 6000; 25% × 6000 = 1500.00
    expect(price({ date: "2026-07-01", hs: "8429.51.10", value: "10000", us_content_value: "6000" }).duties?.[1]).toBe("us-content-duty 9903.82.20 6000.00 → 1500.00");
  });

  it("rounds the US content like the value (whole dollars) before deducting", () => {
    // 10000.49 → 10000; 1999.50 → 2000 (50 cents up); 10000 − 2000 = 8000 → 2000.00
    expect(price({ date: "2026-07-01", hs: "8429.51.10", value: "10000.49", us_content_value: "1999.50" }).duties?.[1]).toBe("us-content-duty 9903.82.20 8000.00 → 2000.00");
  });

  it("without us_content_value the whole value is charged, with a warning", () => {
    // 25% × 10000 = 2500.00
    const r = price({ date: "2026-07-01", hs: "8429.51.10", value: "10000" });
    expect(r.duties?.[1]).toBe("us-content-duty 9903.82.20 10000.00 → 2500.00");
    expect(r.warnings).toEqual(["us_content_value: us_content_value is missing: us-content-duty is charged on the value less its US content; the whole value was charged"]);
  });

  it("refuses US content above the value", () => {
    expect(price({ date: "2026-07-01", hs: "8429.51.10", value: "100", us_content_value: "100.01" }).rejected?.code).toBe("shipment/content-exceeds-value");
  });
});

describe("staleness", () => {
  it("a line dated after the importer's sources end gets a warning", () => {
    expect(price({ date: "2026-10-01", hs: "0102.21.00", value: "1" }).warnings).toEqual([
      "date: date 2026-10-01 is after 2026-09-29, when the schedule's US sources end: later changes of the law are not known to it",
    ]);
  });
});

describe("plans are shared across lists an importer never reads", () => {
  // lists.json plus a Canadian list and a Canadian surtax on it: for a US line, being on the
  // Canadian list changes nothing, so two US lines that differ only by it are priced by one plan.
  const raw = JSON.parse(readFileSync(new URL("../../../fixtures/schedules/lists.json", import.meta.url), "utf8"));
  raw.lists.push({ id: "ca-only", label: "A Canadian surtax list", codes: ["8428.10"] });
  raw.measures.push({ id: "ca-surtax", label: "Surtax", importer: "CA", origins: ["US"], authority: "Order 1", heading: "SOR/1", lists: ["ca-only"], periods: [{ from: "2026-01-01", rate: "25%" }] });
  const both = validateSchedule(raw, "lists+ca.json");
  if (!both.ok) throw new Error(both.errors.map((e) => e.message).join("\n"));
  const s = both.value;
  const c = shipmentContext(s, undefined);
  // One engine for all the lines, as a run has: plans are cached per engine.
  const engine = new PricingEngine([s]);
  const priced = (importer: string, hs: string) => {
    const parsed = parseShipment(rowOf({ importer, origin: importer === "US" ? "CA" : "US", date: "2026-07-01", hs, value: "1000" }), c);
    if (!parsed.ok) throw new Error(parsed.rejection.reason);
    const r = engine.price(0, parsed.shipment);
    if (!r.ok) throw new Error(r.rejection.reason);
    return r.result;
  };

  it("a US line on the Canadian list and one off it: one plan, the same duty", () => {
    const on = priced("US", "8428.10.00.00");
    const off = priced("US", "8428.20.00.00");
    expect(on.shipment.product.key).not.toBe(off.shipment.product.key);
    expect(on.plan).toBe(off.plan);
    // us-surcharge 10% × 1000 = 100.00 on both
    expect([formatMoney(on.duty), formatMoney(off.duty)]).toEqual(["100.00", "100.00"]);
  });

  it("for a Canadian line the list decides: 25% × 1000 = 250.00 on it, nothing off it", () => {
    const on = priced("CA", "8428.10.00.00");
    const off = priced("CA", "8428.20.00.00");
    expect(on.plan).not.toBe(off.plan);
    expect([formatMoney(on.duty), formatMoney(off.duty)]).toEqual(["250.00", "0.00"]);
  });
});
