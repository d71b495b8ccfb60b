/**
 * The embedded default schedule: it validates, every measure is sourced, doubts
 * are visible, and a handful of rates are pinned on dates against the domain
 * brief (the section is named beside each).
 */
import { describe, expect, it } from "vitest";
import { resolveTerms } from "../../../src/core/lookup/in-force.js";
import { formatRate } from "../../../src/core/money/rate.js";
import { periodOn, periodCoversSector } from "../../../src/core/schedule/model.js";
import { defaultSchedule, defaultScheduleJson } from "../../helpers/default-schedule.js";

const schedule = defaultSchedule();

/** The rate a measure charges a sector on a date, or "not in force" / "not covered". */
function rateOf(measure: string, sector: string, date: string, usmca = false): string {
  const m = schedule.measureById.get(measure);
  if (!m) throw new Error(`no measure ${measure}`);
  const period = periodOn(m, date);
  if (!period) return "not in force";
  if (!periodCoversSector(period, sector)) return "not covered";
  const t = resolveTerms(period, sector, usmca)!;
  return `${formatRate(t.rate)} on ${t.basis}${t.share ? " × share" : ""}`;
}

describe("the embedded default schedule", () => {
  it("validates, from 2025-01-01", () => {
    expect(schedule.id).toBe("tariff-default");
    expect(schedule.measures.length).toBeGreaterThanOrEqual(20);
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
    for (const id of ["us-301-forced-labor", "us-338-canada", "ca-steel-derivatives"]) {
      expect.soft(raw.measures.find((m) => m.id === id)?.note, id).toMatch(/UNVERIFIED/);
    }
  });

  it.each([
    // us-measures.md §1 and §12: IEEPA 25% from 2025-03-04, energy 10%; 35% from 2025-08-01; ended 2026-02-24
    ["us-ieepa-canada", "other_goods", "2025-03-04", false, "25% on value"],
    ["us-ieepa-canada", "energy", "2025-03-04", false, "10% on value"],
    ["us-ieepa-canada", "other_goods", "2025-07-31", false, "25% on value"],
    ["us-ieepa-canada", "other_goods", "2025-08-01", false, "35% on value"],
    ["us-ieepa-canada", "potash", "2025-09-15", false, "10% on value"],
    ["us-ieepa-canada", "other_goods", "2026-02-24", false, "not in force"],
    // §1b: Section 122 10% from 2026-02-24 to 2026-07-24; Annex II energy, other mineral fuels, passenger vehicles out
    ["us-122-surcharge", "other_goods", "2026-02-24", false, "10% on value"],
    ["us-122-surcharge", "other_mineral_fuels", "2026-03-02", false, "not covered"],
    ["us-122-surcharge", "small_passenger_vehicles", "2026-03-02", false, "not covered"],
    ["us-122-surcharge", "energy", "2026-03-02", false, "not covered"],
    ["us-122-surcharge", "other_goods", "2026-07-24", false, "not in force"],
    // §2: 232 steel 25% from 2025-03-12, 50% from 2025-06-04 on content; full value from 2026-04-06
    ["us-232-steel", "steel", "2025-03-12", false, "25% on value"],
    ["us-232-steel", "steel", "2025-06-04", false, "50% on content"],
    ["us-232-steel", "steel", "2026-04-06", false, "50% on value"],
    // §3: autos 25% from 2025-04-03; parts 25% from 2025-05-03
    ["us-232-autos", "autos", "2025-04-03", false, "25% on value"],
    ["us-232-auto-parts", "auto_parts", "2025-05-02", false, "not in force"],
    ["us-232-auto-parts", "auto_parts", "2025-05-03", false, "25% on value"],
    // §4: copper 50% on content from 2025-08-01
    ["us-232-copper", "copper", "2025-08-01", false, "50% on content"],
    // §5: softwood lumber 10% from 2025-10-14
    ["us-232-timber-lumber", "softwood_lumber", "2025-10-14", false, "10% on value"],
    // §7: AD 20.56% from 2025-07-29, CVD 14.63% from 2025-08-12 (non-selected exporters)
    ["us-ad-softwood-lumber", "softwood_lumber", "2025-07-28", false, "7.66% on value"],
    ["us-ad-softwood-lumber", "softwood_lumber", "2025-07-29", false, "20.56% on value"],
    ["us-cvd-softwood-lumber", "softwood_lumber", "2025-08-12", false, "14.63% on value"],
    // §6: trucks 25%, buses 10% from 2025-11-01
    ["us-232-trucks", "mhd_trucks", "2025-11-01", false, "25% on value"],
    ["us-232-trucks", "buses", "2025-11-01", false, "10% on value"],
    // canada-measures.md §1: SOR/2025-66 25% from 2025-03-04, repealed 2025-09-01
    ["ca-surtax-us-2025-1", "orange_juice", "2025-03-04", false, "25% on value"],
    ["ca-surtax-us-2025-1", "orange_juice", "2025-09-01", false, "not in force"],
    // §2: SOR/2025-95 steel and aluminum 25% from 2025-03-13, still in force
    ["ca-surtax-us-steel", "steel", "2025-03-13", false, "25% on value"],
    ["ca-surtax-us-aluminum", "aluminum", "2026-11-23", false, "25% on value"],
    // §3: SOR/2025-118 vehicles 25% from 2025-04-09; CUSMA vehicles on 85% of value
    ["ca-surtax-us-vehicles", "autos", "2025-04-09", false, "25% on value"],
    ["ca-surtax-us-vehicles", "autos", "2025-04-09", true, "25% on value × share"],
    // §7.3: steel derivatives 25% from 2025-12-26
    ["ca-steel-derivatives", "steel_construction_fasteners", "2025-12-26", false, "25% on value"],
  ] as const)("%s on %s, %s (usmca %s): %s", (measure, sector, date, usmca, expected) => {
    expect(rateOf(measure, sector, date, usmca)).toBe(expected);
  });
});
