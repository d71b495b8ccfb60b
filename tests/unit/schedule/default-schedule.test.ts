/**
 * The embedded default schedule (format 2, built from the public lists by
 * data/build-schedule.mjs): it validates, every measure is sourced, doubts
 * are visible, and every measure is pinned on a date with a real code of its
 * lists (or sector), priced by the engine: the heading, rate, basis and
 * amount it charges, checked by hand against data/measures.mjs and the domain
 * brief (the section is named beside each row).
 *
 * Amounts: value 1,000 (USD for US lines, CAD for CA lines) unless the row
 * says otherwise; US values rounded to whole dollars (19 CFR 159.3), each
 * duty to the cent half away from zero (computation.md B6, A5).
 */
import { describe, expect, it } from "vitest";
import { skipText } from "../../../src/core/duty/compute.js";
import { priceLine } from "../../../src/core/duty/engine.js";
import { parseShipment, rowOf, shipmentContext } from "../../../src/core/duty/shipment.js";
import { formatMoney } from "../../../src/core/money/money.js";
import { formatFraction, formatRate } from "../../../src/core/money/rate.js";
import { defaultSchedule, defaultScheduleJson } from "../../helpers/default-schedule.js";

const schedule = defaultSchedule();
const ctx = shipmentContext(schedule, undefined);

/**
 * What one measure does to a line: `HEADING RATE on BASIS BASE → AMOUNT` when it
 * charges it (`× SHARE` when only a share of the basis), else why not (the
 * skip text of calc's JSON), or the rejection when the line is refused.
 */
function measureOn(measure: string, fields: Record<string, string>): string {
  const importer = fields["importer"] ?? "US";
  const parsed = parseShipment(rowOf({ importer, origin: importer === "US" ? "CA" : "US", value: "1000", ...fields }), ctx);
  if (!parsed.ok) return `rejected: ${parsed.rejection.reason}`;
  const priced = priceLine(schedule, parsed.shipment);
  if (!priced.ok) return `rejected ${priced.rejection.code}: ${priced.rejection.reason}`;
  const d = priced.result.duties.find((x) => x.measure === measure);
  if (d) return `${d.heading} ${formatRate(d.rate)} on ${d.basis}${d.share ? ` × ${formatFraction(d.share)}` : ""} ${formatMoney(d.base)} → ${formatMoney(d.amount)}`;
  const s = priced.result.skipped.find((x) => x.measure === measure);
  if (s) return skipText(s.reason);
  throw new Error(`measure ${measure} is neither charged nor skipped`);
}

describe("the embedded default schedule", () => {
  it("validates, from 2025-01-01, with its id, version and asOf per authority", () => {
    expect(schedule.id).toBe("tariff-default");
    expect(schedule.version).toBe("2026-12-05");
    expect(schedule.asOf).toBe("2026-12-01");
    // changes-2026-h2.md: the US lists were read to about 2026-09-29, the Canadian orders to 2026-09-17
    expect([schedule.importers.US.asOf, schedule.importers.CA.asOf]).toEqual(["2026-09-29", "2026-09-17"]);
    expect(schedule.measures.length).toBeGreaterThanOrEqual(29);
    expect(Math.min(...schedule.measures.flatMap((m) => m.periods.map((p) => Number(p.from.replace(/-/g, "")))))).toBe(20250101);
  });

  it("gives every measure an authority and public sources", () => {
    for (const m of schedule.measures) {
      expect.soft(m.authority.length, m.id).toBeGreaterThan(3);
      expect.soft(m.sources.length, m.id).toBeGreaterThan(0);
      for (const url of m.sources) expect.soft(url, m.id).toMatch(/^https?:\/\//);
    }
  });

  it("keeps the brief's doubts visible in notes", () => {
    const raw = defaultScheduleJson() as { measures: { id: string; note?: string }[] };
    for (const id of ["us-301-forced-labor", "us-338-canada", "us-338-canada-dairy", "us-338-canada-bans", "us-232-pharmaceuticals", "us-232-drones", "ca-steel-derivatives"]) {
      expect.soft(raw.measures.find((m) => m.id === id)?.note, id).toMatch(/UNVERIFIED/);
    }
  });

  it("has a pinned row below for every measure", () => {
    expect(new Set(rows.map((r) => r[0]))).toEqual(new Set(schedule.measures.map((m) => m.id)));
  });

  const rows: [measure: string, fields: Record<string, string>, expected: string][] = [
    // us-measures.md §1: IEEPA 25% from 2025-03-04 (no USMCA exemption before 03-07), 35% from 2025-08-01; energy and potash 10%; ended 2026-02-24 (§1a)
    ["us-ieepa-canada", { hs: "8712.00.00", date: "2025-03-04", usmca: "Y" }, "9903.01.10 25% on value 1000.00 → 250.00"],
    ["us-ieepa-canada", { hs: "8712.00.00", date: "2025-03-07", usmca: "Y" }, "exempt (usmca)"],
    ["us-ieepa-canada", { hs: "8712.00.00", date: "2025-08-01" }, "9903.01.10 35% on value 1000.00 → 350.00"],
    // 2709.00.10 (crude) is on us-ieepa-energy: 10% under 9903.01.13
    ["us-ieepa-canada", { hs: "2709.00.10", date: "2025-09-15" }, "9903.01.13 10% on value 1000.00 → 100.00"],
    // 3104.20.00 (potassium chloride) is on us-ieepa-potash: 10% under 9903.01.15 from 2025-03-07; at the general 25% before
    ["us-ieepa-canada", { hs: "3104.20.00", date: "2025-03-06" }, "9903.01.10 25% on value 1000.00 → 250.00"],
    ["us-ieepa-canada", { hs: "3104.20.00", date: "2025-09-15" }, "9903.01.15 10% on value 1000.00 → 100.00"],
    ["us-ieepa-canada", { hs: "8712.00.00", date: "2026-02-24" }, "outside its periods"],
    // §8: copper yields only to autos ("copper yields to autos; wood ... displaces IEEPA Canada"), so IEEPA stacks on a copper article:
    // 7406.10.00 on 2025-08-01, content 800: IEEPA 35% × 1,000 = 350.00 beside copper 50% × 800 = 400.00 (row below)
    ["us-ieepa-canada", { hs: "7406.10.00", date: "2025-08-01", content_value: "800" }, "9903.01.10 35% on value 1000.00 → 350.00"],
    // §1b: Section 122 10% from 2026-02-24 to 2026-07-24; 0201.10.05 (beef) is on Annex II (us-122-annex-2)
    ["us-122-surcharge", { hs: "8712.00.00", date: "2026-02-24" }, "9903.03.01 10% on value 1000.00 → 100.00"],
    ["us-122-surcharge", { hs: "0201.10.05", date: "2026-03-10" }, "exempt (on list us-122-annex-2)"],
    ["us-122-surcharge", { hs: "8712.00.00", date: "2026-07-24" }, "outside its periods"],
    // §1b: goods loaded before 2026-02-24 and entered before 2026-02-28 are exempt when they claim 9903.03.02; from 2026-02-28 the claim no longer helps
    ["us-122-surcharge", { hs: "8712.00.00", date: "2026-02-27", claims: "9903.03.02" }, "exempt (claimed 9903.03.02)"],
    ["us-122-surcharge", { hs: "8712.00.00", date: "2026-02-28", claims: "9903.03.02" }, "9903.03.01 10% on value 1000.00 → 100.00"],
    // §1c: Section 301 10% from 2026-07-24; note 52(b) list exempt (9903.05.86); 52(d) civil aircraft (3917.21.00) only when claimed (9903.05.88)
    ["us-301-forced-labor", { hs: "8712.00.00", date: "2026-07-24" }, "9903.05.29 10% on value 1000.00 → 100.00"],
    ["us-301-forced-labor", { hs: "0201.10.05", date: "2026-09-01" }, "exempt (9903.05.86: on list us-301-note-52b)"],
    ["us-301-forced-labor", { hs: "3917.21.00", date: "2026-09-01" }, "9903.05.29 10% on value 1000.00 → 100.00"],
    ["us-301-forced-labor", { hs: "3917.21.00", date: "2026-09-01", claims: "9903.05.88" }, "exempt (claimed 9903.05.88 on list us-301-note-52d)"],
    // ch99 headings (HTS Rev 13): goods in transit, 9903.05.85, claimed, 2026-07-24 to 2026-07-28
    ["us-301-forced-labor", { hs: "8712.00.00", date: "2026-07-27", claims: "9903.05.85" }, "exempt (claimed 9903.05.85)"],
    ["us-301-forced-labor", { hs: "8712.00.00", date: "2026-07-28", claims: "9903.05.85" }, "9903.05.29 10% on value 1000.00 → 100.00"],
    // §1d, changes-2026-h2.md: Section 338 +50% from 2026-08-22; (b)(3) 0409.00.00 (honey) 9903.03.14; (b)(1) 0406.10.64 (cheese) added 2026-09-15, 9903.03.12
    ["us-338-canada", { hs: "0409.00.00", date: "2026-08-22" }, "9903.03.14 50% on value 1000.00 → 500.00"],
    ["us-338-canada", { hs: "0406.10.64", date: "2026-09-14" }, "not in its sectors or lists"],
    ["us-338-canada", { hs: "0406.10.64", date: "2026-09-15" }, "9903.03.12 50% on value 1000.00 → 500.00"],
    ["us-338-canada", { hs: "0409.00.00", date: "2026-08-21" }, "outside its periods"],
    // (b)(2) dairy 0402.10.05 (milk powder): 9903.03.13, 50%; USMCA gives no relief
    ["us-338-canada-dairy", { hs: "0402.10.05", date: "2026-09-01", usmca: "Y" }, "9903.03.13 50% on value 1000.00 → 500.00"],
    // 2026-09-29 bans: beer 2203.00.00 is refused entry, never priced
    ["us-338-canada-bans", { hs: "2203.00.00", date: "2026-09-29" }, "rejected shipment/prohibited: entry of these goods is prohibited on 2026-09-29 by Tariff Act of 1930 s. 338; Proclamations 11061-11063 (2026-09-29); CBP CSMS 70050970 (measure us-338-canada-bans): a ban, not a duty; the line is not priced"],
    ["us-338-canada-bans", { hs: "2203.00.00", date: "2026-09-28" }, "outside its periods"],
    // §2: 232 steel 25% on value from 2025-03-12 (7208.10.00.00, ch. 72: 9903.81.87); 50% on content from 2025-06-04 (content 400 → 200.00)
    ["us-232-steel", { hs: "7208.10.00.00", date: "2025-03-12", usmca: "Y" }, "9903.81.87 25% on value 1000.00 → 250.00"],
    ["us-232-steel", { hs: "7208.10.00.00", date: "2025-06-04", content_value: "400" }, "9903.81.87 50% on content 400.00 → 200.00"],
    // 8307.10.60 (flexible tubing of iron or steel) is on the 2025-08-18 steel derivatives list only: 9903.81.91 on steel content (300 → 150.00);
    // before its date not covered
    ["us-232-steel", { hs: "8307.10.60", date: "2025-08-18", content_value: "300" }, "9903.81.91 50% on content 300.00 → 150.00"],
    ["us-232-steel", { hs: "8307.10.60", date: "2025-08-17", content_value: "300" }, "not in its sectors or lists"],
    ["us-232-steel", { hs: "7208.10.00.00", date: "2026-04-06" }, "outside its periods"],
    // aluminum 7601.10.00: 25% on value from 2025-03-12 (9903.85.02) for USMCA goods; before 2025-06-04 it yields to IEEPA where IEEPA is owed
    // (EO 14289 stacking, §2 "232 metals moved above IEEPA Canada" only with Procl. 10947); 7610.10.00 (new ch. 76 derivative, .07) 50% on content from 2025-06-04
    ["us-232-aluminum", { hs: "7601.10.00", date: "2025-03-12", usmca: "Y" }, "9903.85.02 25% on value 1000.00 → 250.00"],
    ["us-232-aluminum", { hs: "7601.10.00", date: "2025-03-12" }, "excluded by us-ieepa-canada"],
    ["us-232-aluminum", { hs: "7610.10.00", date: "2025-09-15", content_value: "250" }, "9903.85.07 50% on content 250.00 → 125.00"],
    // 8450.11.00.40 (washing machines) is on the steel derivatives list and on aluminum's .08 list: one metal content, charged once, under
    // aluminum, which Procl. 10947 ranks above steel: 50% × 400 = 200.00, not 400.00 (steel and aluminum on the same 400)
    ["us-232-aluminum", { hs: "8450.11.00.40", date: "2025-09-10", content_value: "400" }, "9903.85.08 50% on content 400.00 → 200.00"],
    ["us-232-steel", { hs: "8450.11.00.40", date: "2025-09-10", content_value: "400" }, "excluded by us-232-aluminum"],
    // §4: copper 50% on content from 2025-08-01 (7406.10.00, note 36(b) list), 9903.78.01
    ["us-232-copper", { hs: "7406.10.00", date: "2025-08-01", content_value: "800" }, "9903.78.01 50% on content 800.00 → 400.00"],
    ["us-232-copper", { hs: "7406.10.00", date: "2025-07-31", content_value: "800" }, "outside its periods"],
    // §2 2026-04-06 restructuring: full value (content_value no longer matters); Annex I-A 50% (7208: 9903.82.02), I-B 25% (7321.11.10: 9903.82.09),
    // III 15% (8207.20.00.70: 9903.82.10); Annex II (9403.20.00 but .75/.82) out of 232; Procl. 11032 put 9403.20.00.75 on (vii) at 25% from 2026-06-08
    ["us-232-metals", { hs: "7208.10.00.00", date: "2026-04-06", content_value: "400" }, "9903.82.02 50% on value 1000.00 → 500.00"],
    ["us-232-metals", { hs: "7321.11.10", date: "2026-07-01" }, "9903.82.09 25% on value 1000.00 → 250.00"],
    ["us-232-metals", { hs: "8207.20.00.70", date: "2026-07-01" }, "9903.82.10 15% on value 1000.00 → 150.00"],
    ["us-232-metals", { hs: "9403.20.00.10", date: "2026-07-01" }, "not in its sectors or lists"],
    ["us-232-metals", { hs: "9403.20.00.75", date: "2026-06-07" }, "not in its sectors or lists"],
    ["us-232-metals", { hs: "9403.20.00.75", date: "2026-06-08" }, "9903.82.09 25% on value 1000.00 → 250.00"],
    // changes-2026-h2.md, Procl. 11032: list (xi) from 2026-06-08, 25% (9903.82.09); USMCA: 25% on value less US content counted up to 40% (9903.82.20):
    // US content 500 of 1,000 → at most 400 deducted → base 600 × 25% = 150.00
    ["us-232-metals-mobile-equipment", { hs: "8427.10.40", date: "2026-06-08" }, "9903.82.09 25% on value 1000.00 → 250.00"],
    ["us-232-metals-mobile-equipment", { hs: "8427.10.40", date: "2026-07-01", usmca: "Y", us_content_value: "500" }, "9903.82.20 25% on non_us_content 600.00 → 150.00"],
    ["us-232-metals-mobile-equipment", { hs: "8427.10.40", date: "2026-06-07" }, "outside its periods"],
    // §3: autos 25% from 2025-04-03 (8703.23, sector autos), no USMCA relief without Commerce approval
    ["us-232-autos", { hs: "8703.23.01", date: "2025-04-03", usmca: "Y" }, "9903.94.01 25% on value 1000.00 → 250.00"],
    // parts 25% from 2025-05-03 (4009.12.00.20 on the parts list), USMCA parts 0%
    ["us-232-auto-parts", { hs: "4009.12.00.20", date: "2025-05-02" }, "outside its periods"],
    ["us-232-auto-parts", { hs: "4009.12.00.20", date: "2025-05-03" }, "9903.94.05 25% on value 1000.00 → 250.00"],
    ["us-232-auto-parts", { hs: "4009.12.00.20", date: "2025-05-03", usmca: "Y" }, "exempt (usmca)"],
    // §6: a part on both lists is an MHD part from 2025-11-01 (9903.74.08, 25%)
    ["us-232-auto-parts", { hs: "4009.12.00.20", date: "2025-11-01" }, "excluded by us-232-mhd-parts"],
    ["us-232-mhd-parts", { hs: "4009.12.00.20", date: "2025-11-01" }, "9903.74.08 25% on value 1000.00 → 250.00"],
    // §5: softwood lumber 10% from 2025-10-14 (4407.11.00), 9903.76.01
    ["us-232-timber-lumber", { hs: "4407.11.00", date: "2025-10-14" }, "9903.76.01 10% on value 1000.00 → 100.00"],
    // §5: upholstered wooden furniture 25% (9401.61.40.11, 9903.76.02) and kitchen cabinets 25% (9403.40.90.60, 9903.76.03) from 2025-10-14
    ["us-232-wood-products", { hs: "9401.61.40.11", date: "2025-10-14" }, "9903.76.02 25% on value 1000.00 → 250.00"],
    ["us-232-wood-products", { hs: "9403.40.90.60", date: "2025-10-14" }, "9903.76.03 25% on value 1000.00 → 250.00"],
    // §6: trucks 25% (8704.22, 9903.74.01), buses 10% (8702.10, 9903.74.02) from 2025-11-01; no USMCA relief for buses
    ["us-232-trucks", { hs: "8704.22.51", date: "2025-11-01" }, "9903.74.01 25% on value 1000.00 → 250.00"],
    ["us-232-trucks", { hs: "8702.10.31", date: "2025-11-01", usmca: "Y" }, "9903.74.02 10% on value 1000.00 → 100.00"],
    // semiconductors 25% from 2026-01-15 (8471.50.01.10, 9903.79.01); an end-use claim (9903.79.03, data centers) removes it
    ["us-232-semiconductors", { hs: "8471.50.01.10", date: "2026-01-15" }, "9903.79.01 25% on value 1000.00 → 250.00"],
    ["us-232-semiconductors", { hs: "8471.50.01.10", date: "2026-01-15", claims: "9903.79.03" }, "exempt (claimed 9903.79.03)"],
    // changes-2026-h2.md: pharmaceuticals 100% from 2026-07-31 (2918.99.30.00, note 40(c)), 9903.04.60
    ["us-232-pharmaceuticals", { hs: "2918.99.30.00", date: "2026-07-31" }, "9903.04.60 100% on value 1000.00 → 1000.00"],
    // a qualifying onshoring plan (claim 9903.04.64) pays +20% instead of 100% (ch99 headings table, HTS Rev 14): 1,000 × 20% = 200.00;
    // without the claim the 100% measure charges and excludes the 20% one; a free claim (9903.04.65) removes both
    ["us-232-pharmaceuticals", { hs: "2918.99.30.00", date: "2026-07-31", claims: "9903.04.64" }, "exempt (claimed 9903.04.64)"],
    ["us-232-pharmaceuticals-onshoring", { hs: "2918.99.30.00", date: "2026-07-31", claims: "9903.04.64" }, "9903.04.64 20% on value 1000.00 → 200.00"],
    ["us-232-pharmaceuticals-onshoring", { hs: "2918.99.30.00", date: "2026-07-31" }, "excluded by us-232-pharmaceuticals"],
    ["us-232-pharmaceuticals-onshoring", { hs: "2918.99.30.00", date: "2026-10-01", claims: "9903.04.65" }, "exempt (claimed 9903.04.65)"],
    // drones from 2026-09-03: 8806.24.00 +100% (9903.08.21), 8806.21.00 +25% (9903.08.22)
    ["us-232-drones", { hs: "8806.24.00", date: "2026-09-03" }, "9903.08.21 100% on value 1000.00 → 1000.00"],
    ["us-232-drones", { hs: "8806.21.00", date: "2026-09-03" }, "9903.08.22 25% on value 1000.00 → 250.00"],
    // §7: softwood AD 7.66% → 20.56% from 2025-07-29; CVD 6.74% → 14.63% from 2025-08-12 (non-selected exporters); no heading
    ["us-ad-softwood-lumber", { hs: "4407.11.00", date: "2025-07-28" }, "null 7.66% on value 1000.00 → 76.60"],
    ["us-ad-softwood-lumber", { hs: "4407.11.00", date: "2025-07-29" }, "null 20.56% on value 1000.00 → 205.60"],
    ["us-cvd-softwood-lumber", { hs: "4407.11.00", date: "2025-08-11" }, "null 6.74% on value 1000.00 → 67.40"],
    ["us-cvd-softwood-lumber", { hs: "4407.11.00", date: "2025-08-12" }, "null 14.63% on value 1000.00 → 146.30"],
    // canada-measures.md §1: SOR/2025-66 25% from 2025-03-04 (2009.12.00, orange juice), repealed 2025-09-01; CUSMA does not remove it
    ["ca-surtax-us-2025-1", { importer: "CA", hs: "2009.12.00", date: "2025-03-04", usmca: "Y" }, "SOR/2025-66 Schedule 25% on value 1000.00 → 250.00"],
    ["ca-surtax-us-2025-1", { importer: "CA", hs: "2009.12.00", date: "2025-09-01" }, "outside its periods"],
    // §2: the other goods of SOR/2025-95 (3406.00.90, candles) 25% from 2025-03-13 until 2025-09-01
    ["ca-surtax-us-other-goods", { importer: "CA", hs: "3406.00.90", date: "2025-03-13" }, "SOR/2025-95 Schedule 1 25% on value 1000.00 → 250.00"],
    ["ca-surtax-us-other-goods", { importer: "CA", hs: "3406.00.90", date: "2025-09-01" }, "outside its periods"],
    // §2 and SOR/2026-187: steel 7206.10.00 25% from 2025-03-13 (Schedule 2), 50% from 2026-09-08 (Schedule 2.1)
    ["ca-surtax-us-steel", { importer: "CA", hs: "7206.10.00", date: "2025-03-13" }, "SOR/2025-95 Schedule 2 25% on value 1000.00 → 250.00"],
    ["ca-surtax-us-steel", { importer: "CA", hs: "7206.10.00", date: "2026-09-08" }, "SOR/2025-95 Schedule 2.1 50% on value 1000.00 → 500.00"],
    // aluminum 7601.10.00 25% from 2025-03-13 (Schedule 1), 50% from 2026-09-08 (Schedule 1.1)
    ["ca-surtax-us-aluminum", { importer: "CA", hs: "7601.10.00", date: "2025-03-13" }, "SOR/2025-95 Schedule 1 25% on value 1000.00 → 250.00"],
    ["ca-surtax-us-aluminum", { importer: "CA", hs: "7601.10.00", date: "2026-09-08" }, "SOR/2025-95 Schedule 1.1 50% on value 1000.00 → 500.00"],
    // §3: vehicles 25% from 2025-04-09 (8703.23.00); CUSMA vehicles on 85% of value: 850 × 25% = 212.50
    ["ca-surtax-us-vehicles", { importer: "CA", hs: "8703.23.00", date: "2025-04-09" }, "SOR/2025-118 Schedule 1 25% on value 1000.00 → 250.00"],
    ["ca-surtax-us-vehicles", { importer: "CA", hs: "8703.23.00", date: "2025-04-09", usmca: "Y" }, "SOR/2025-118 Schedule 1 25% on value × 85% 850.00 → 212.50"],
    // §7.3: steel derivatives 25% from 2025-12-26 (3925.20.00, not on the US steel surtax list)
    ["ca-steel-derivatives", { importer: "CA", hs: "3925.20.00", date: "2025-12-26" }, "SOR/2025-267 25% on value 1000.00 → 250.00"],
    ["ca-steel-derivatives", { importer: "CA", hs: "3925.20.00", date: "2025-12-25" }, "outside its periods"],
    // changes-2026-h2.md: SOR/2026-186 from 2026-09-08: 15% (8207.20.00, Schedule 1), 25% (0406.10.10, Schedule 2), 50% (0402.10.10, Schedule 3)
    ["ca-surtax-us-2026", { importer: "CA", hs: "8207.20.00", date: "2026-09-08" }, "SOR/2026-186 Schedule 1 15% on value 1000.00 → 150.00"],
    ["ca-surtax-us-2026", { importer: "CA", hs: "0406.10.10", date: "2026-09-08" }, "SOR/2026-186 Schedule 2 25% on value 1000.00 → 250.00"],
    ["ca-surtax-us-2026", { importer: "CA", hs: "0402.10.10", date: "2026-09-08" }, "SOR/2026-186 Schedule 3 50% on value 1000.00 → 500.00"],
    ["ca-surtax-us-2026", { importer: "CA", hs: "0402.10.10", date: "2026-09-07" }, "outside its periods"],
  ];

  it.each(rows)("%s on %j: %s", (measure, fields, expected) => {
    expect(measureOn(measure, fields)).toBe(expected);
  });
});
