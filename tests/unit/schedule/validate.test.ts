/**
 * The schedule rules, one error class at a time: a small valid schedule (the
 * shape of fixtures/schedules/minimal.json) with one thing broken, and the
 * exact diagnostic it must give (code, message, JSON path, hint).
 */
import { describe, expect, it } from "vitest";
import type { Diagnostic, Path } from "../../../src/core/diagnostics.js";
import { formatRate } from "../../../src/core/money/rate.js";
import { MAX_ERRORS, validateSchedule } from "../../../src/core/schedule/validate.js";

// A JSON document under test: any shape, on purpose (the tests break it).
type Doc = any;

/** A fresh copy of minimal.json's structure: three sectors, two measures, valid. */
function minimal(): Doc {
  return {
    format: "tariff-schedule/1",
    id: "minimal",
    version: "2026-01-01",
    title: "Two measures, three sectors",
    asOf: "2026-01-01",
    sectors: [
      { id: "steel", label: "Steel", hs: ["72", "7308"] },
      { id: "energy", label: "Energy", hs: ["2709"] },
      { id: "other_goods", label: "Everything else", hs: ["01", "87", "94"] },
    ],
    measures: [
      {
        id: "us-border",
        label: "Border tariff",
        importer: "US",
        origins: ["CA"],
        authority: "EO 1",
        heading: "9903.01.10",
        sectors: "*",
        exemptions: ["usmca"],
        excludedBy: ["us-steel"],
        periods: [
          { from: "2025-03-04", until: "2025-08-01", rate: "25%", rates: { energy: { rate: "10%", heading: "9903.01.13" } } },
          { from: "2025-08-01", rate: "35%", rates: { energy: { rate: "10%", heading: "9903.01.13" } } },
        ],
        sources: ["https://example.org/eo-1"],
      },
      {
        id: "us-steel",
        label: "Steel duty",
        importer: "US",
        origins: ["CA"],
        authority: "Procl. 1",
        sectors: ["steel"],
        basis: "content",
        periods: [{ from: "2025-03-12", rate: "50%" }],
        sources: ["https://example.org/procl-1"],
      },
    ],
  };
}

/** The errors of minimal() after `breakIt`; fails the test if it still validates. */
function errorsAfter(breakIt: (s: Doc) => void): Diagnostic[] {
  const s = minimal();
  breakIt(s);
  const r = validateSchedule(s, "s.json");
  if (r.ok) throw new Error("expected the schedule to be invalid, but it validated");
  expect(r.warnings).toEqual([]);
  return r.errors;
}

function err(code: string, message: string, path: Path, hint?: string): Diagnostic {
  const d: Diagnostic = { code, severity: "error", message, at: { file: "s.json", path } };
  if (hint !== undefined) d.hint = hint;
  return d;
}

const STEEL_RATE: Path = ["measures", 1, "periods", 0, "rate"];

describe("validateSchedule: a valid schedule", () => {
  it("returns ok, no warnings, and the model", () => {
    const r = validateSchedule(minimal(), "s.json");
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.warnings).toEqual([]);
    const s = r.value;
    expect([s.id, s.version, s.title, s.asOf]).toEqual(["minimal", "2026-01-01", "Two measures, three sectors", "2026-01-01"]);
    expect(s.sectors.map((x) => x.id)).toEqual(["steel", "energy", "other_goods"]);
    expect(s.measures.map((m) => m.id)).toEqual(["us-border", "us-steel"]);
    expect([...s.sectorById.keys()]).toEqual(["steel", "energy", "other_goods"]);
    expect([...s.measureById.keys()]).toEqual(["us-border", "us-steel"]);
    // Default rounding when the file gives none.
    expect(s.importers).toEqual({
      US: { currency: "USD", valueRounding: "whole", dutyRounding: "cent" },
      CA: { currency: "CAD", valueRounding: "cent", dutyRounding: "cent" },
    });
  });

  it("parses rates into exact decimals that print back as written, with basis and heading resolved per period", () => {
    const r = validateSchedule(minimal(), "s.json");
    if (!r.ok) throw new Error("minimal schedule is invalid");
    const [border, steel] = r.value.measures;
    const p0 = border!.periods[0]!;
    expect(formatRate(p0.terms!.rate)).toBe("25%");
    expect(p0.terms!.basis).toBe("value");
    expect(p0.terms!.heading).toBe("9903.01.10");
    const energy = p0.byScope.get("energy")!;
    expect([formatRate(energy.rate), energy.basis, energy.heading]).toEqual(["10%", "value", "9903.01.13"]);
    expect(p0.exemptions).toEqual(["usmca"]);
    expect(p0.excludedBy).toEqual([{ measure: "us-steel", when: "applies" }]);
    expect(formatRate(border!.periods[1]!.terms!.rate)).toBe("35%");
    expect(border!.periods[1]!.until).toBeUndefined();
    const s0 = steel!.periods[0]!;
    expect([formatRate(s0.terms!.rate), s0.terms!.basis]).toEqual(["50%", "content"]);
    expect(s0.exemptions).toEqual([]);
  });

  it("sorts periods by date but keeps each one's index in the file", () => {
    const s = minimal();
    s.measures[0].periods.reverse();
    const r = validateSchedule(s, "s.json");
    if (!r.ok) throw new Error(r.errors.map((e) => e.message).join("\n"));
    const periods = r.value.measures[0]!.periods;
    expect(periods.map((p) => [p.from, p.until ?? null, p.index])).toEqual([
      ["2025-03-04", "2025-08-01", 1],
      ["2025-08-01", null, 0],
    ]);
  });

  it.each([
    ["7.5%", "7.5%"],
    ["7.50%", "7.5%"],
    ["0%", "0%"],
    ["35.19%", "35.19%"],
  ])("rate %s prints back as %s", (text, printed) => {
    const s = minimal();
    s.measures[1].periods[0].rate = text;
    const r = validateSchedule(s, "s.json");
    if (!r.ok) throw new Error(r.errors.map((e) => e.message).join("\n"));
    expect(formatRate(r.value.measures[1]!.periods[0]!.terms!.rate)).toBe(printed);
  });

  it("keeps HS prefixes as digits only", () => {
    const s = minimal();
    s.sectors[0].hs = ["72", "7308.90"];
    const r = validateSchedule(s, "s.json");
    if (!r.ok) throw new Error(r.errors.map((e) => e.message).join("\n"));
    expect(r.value.sectors[0]!.hs).toEqual(["72", "730890"]);
  });
});

describe("validateSchedule: the format and the top level", () => {
  it("schedule/unknown-format: a format it does not know, naming the versions it reads", () => {
    expect(errorsAfter((s) => (s.format = "tariff-schedule/3"))).toEqual([
      err(
        "schedule/unknown-format",
        'unknown format "tariff-schedule/3": this tariff reads "tariff-schedule/2" (and "tariff-schedule/1") schedules and "tariff-overlay/1" overlays',
        ["format"],
        "a newer tariff may read it; or check the spelling",
      ),
    ]);
  });

  it("schedule/unknown-format: an overlay given where a schedule is expected", () => {
    expect(errorsAfter((s) => (s.format = "tariff-overlay/1"))).toEqual([
      err("schedule/unknown-format", 'format "tariff-overlay/1" is not accepted here: expected "tariff-schedule/2"', ["format"], "this file is an overlay: give it with --overlay (the schedule it changes with --schedule)"),
    ]);
  });

  it("schedule/missing-format", () => {
    expect(errorsAfter((s) => delete s.format)).toEqual([
      err(
        "schedule/missing-format",
        'missing "format": this tariff reads "tariff-schedule/2" (and "tariff-schedule/1") schedules and "tariff-overlay/1" overlays',
        [],
        'add "format": "tariff-schedule/2"',
      ),
    ]);
  });

  it.each([
    [[], "a list"],
    [null, "null"],
    ["tariff-schedule/1", "string"],
    [42, "number"],
  ])("schedule/not-an-object: %j", (value, got) => {
    const r = validateSchedule(value, "s.json");
    expect(r).toEqual({
      ok: false,
      errors: [err("schedule/not-an-object", `expected a JSON object with "format": "tariff-schedule/2", got ${got}`, [])],
      warnings: [],
    });
  });
});

describe("validateSchedule: shape errors (from the zod schemas)", () => {
  it("schedule/unknown-key: a typo, pointing at the key, with a did-you-mean", () => {
    expect(errorsAfter((s) => (s.measures[1].sorces = s.measures[1].sources))).toEqual([
      err("schedule/unknown-key", 'unknown key "sorces" in measures[1]', ["measures", 1, "sorces"], 'did you mean "sources"?'),
    ]);
  });

  it("schedule/unknown-key: at the top level", () => {
    expect(errorsAfter((s) => (s.titel = "x"))).toEqual([
      err("schedule/unknown-key", 'unknown key "titel" in (root)', ["titel"], 'did you mean "title"?'),
    ]);
  });

  it("schedule/unknown-key: nothing close, so the hint lists the keys allowed there", () => {
    expect(errorsAfter((s) => (s.sectors[1].colour = "red"))).toEqual([
      err("schedule/unknown-key", 'unknown key "colour" in sectors[1]', ["sectors", 1, "colour"], "known keys here: id, label, hs, note"),
    ]);
  });

  it("schedule/missing-key: located at the object that lacks it", () => {
    expect(errorsAfter((s) => delete s.measures[1].label)).toEqual([
      err("schedule/missing-key", 'missing required key "label" in measures[1]', ["measures", 1]),
    ]);
  });

  it("schedule/missing-key: at the top level", () => {
    expect(errorsAfter((s) => delete s.asOf)).toEqual([err("schedule/missing-key", 'missing required key "asOf" in (root)', [])]);
  });

  it("schedule/wrong-type: a JSON number where a rate string is required", () => {
    expect(errorsAfter((s) => (s.measures[1].periods[0].rate = 50))).toEqual([
      err("schedule/wrong-type", 'measures[1].periods[0].rate: expected a rate as a string such as "25%", got the number 50', STEEL_RATE),
    ]);
  });

  it("schedule/wrong-type: a number where a date is required", () => {
    expect(errorsAfter((s) => (s.asOf = 20260101))).toEqual([
      err("schedule/wrong-type", 'asOf: expected a date as a string "YYYY-MM-DD", got the number 20260101', ["asOf"]),
    ]);
  });

  it('schedule/invalid-value: importer "USA", with the hint "US"', () => {
    expect(errorsAfter((s) => (s.measures[1].importer = "USA"))).toEqual([
      err("schedule/invalid-value", 'measures[1].importer: expected "US" or "CA", got "USA"', ["measures", 1, "importer"], 'did you mean "US"?'),
    ]);
  });

  it('schedule/invalid-value: basis "contnet", with the hint "content"', () => {
    expect(errorsAfter((s) => (s.measures[1].basis = "contnet"))).toEqual([
      err(
        "schedule/invalid-value",
        'measures[1].basis: expected a basis: "value", "content", "non_content" or "non_us_content", got "contnet"',
        ["measures", 1, "basis"],
        'did you mean "content"?',
      ),
    ]);
  });

  it.each([
    ["-5%", 'rate "-5%" is negative: rates are 0% or more'],
    ["5", 'rate "5" has no "%": write "5%"'],
    ["7.5", 'rate "7.5" has no "%": write "7.5%"'],
    ["abc", 'rate "abc" is not a decimal percentage such as "25%" or "7.5%"'],
    ["25 %", 'rate "25 %" is not a decimal percentage such as "25%" or "7.5%"'],
    ["", 'rate "" is not a decimal percentage such as "25%" or "7.5%"'],
  ])("schedule/invalid-rate: %j", (rate, message) => {
    expect(errorsAfter((s) => (s.measures[1].periods[0].rate = rate))).toEqual([
      err("schedule/invalid-rate", `measures[1].periods[0].rate: ${message}`, STEEL_RATE),
    ]);
  });

  it('schedule/invalid-date: "2025-02-30" is not a calendar date', () => {
    expect(errorsAfter((s) => (s.measures[1].periods[0].from = "2025-02-30"))).toEqual([
      err("schedule/invalid-date", 'measures[1].periods[0].from: "2025-02-30" is not a calendar date', ["measures", 1, "periods", 0, "from"]),
    ]);
  });

  it('schedule/invalid-date: "2025-13-01" in until', () => {
    expect(errorsAfter((s) => (s.measures[1].periods[0].until = "2025-13-01"))).toEqual([
      err("schedule/invalid-date", 'measures[1].periods[0].until: "2025-13-01" is not a calendar date', ["measures", 1, "periods", 0, "until"]),
    ]);
  });

  // A date in the wrong layout is one fault: one error, not also "not a calendar date".
  it('schedule/invalid-date: "2025/03/04" gives one error', () => {
    expect(errorsAfter((s) => (s.measures[1].periods[0].from = "2025/03/04"))).toEqual([
      err("schedule/invalid-date", 'measures[1].periods[0].from: expected a date "YYYY-MM-DD", got "2025/03/04"', ["measures", 1, "periods", 0, "from"]),
    ]);
  });

  it("schedule/invalid-hs", () => {
    expect(errorsAfter((s) => (s.sectors[0].hs[1] = "7x08"))).toEqual([
      err("schedule/invalid-hs", 'sectors[0].hs[1]: an HS prefix is 2 to 10 digits, dots optional, e.g. "72", "7208" or "7308.90", got "7x08"', ["sectors", 0, "hs", 1]),
    ]);
  });

  it("schedule/invalid-hs: more than 10 digits", () => {
    expect(errorsAfter((s) => (s.sectors[0].hs[1] = "7308.90.00.001"))).toEqual([
      err("schedule/invalid-hs", "sectors[0].hs[1]: an HS prefix has 2 to 10 digits", ["sectors", 0, "hs", 1]),
    ]);
  });

  it("schedule/invalid-id: a sector id that is not lower_snake_case", () => {
    expect(errorsAfter((s) => (s.sectors[2].id = "Other-Goods"))).toEqual([
      err("schedule/invalid-id", 'sectors[2].id: a sector id is lower_snake_case, e.g. steel or auto_parts, got "Other-Goods"', ["sectors", 2, "id"]),
    ]);
  });

  it("schedule/invalid-id: a measure id that is not kebab-case (its references are still checked)", () => {
    expect(errorsAfter((s) => (s.measures[1].id = "US_Steel"))).toEqual([
      err("schedule/invalid-id", 'measures[1].id: a measure id is kebab-case: lowercase letters, digits and single hyphens, e.g. us-232-steel, got "US_Steel"', ["measures", 1, "id"]),
      err("schedule/unknown-measure", 'measure "us-steel" in excludedBy is not defined in "measures"', ["measures", 0, "excludedBy", 0], 'did you mean "US_Steel"?'),
    ]);
  });

  it("schedule/empty: an empty list where one is required", () => {
    expect(errorsAfter((s) => (s.measures[1].origins = []))).toEqual([
      err("schedule/empty", "measures[1].origins: origins must not be empty", ["measures", 1, "origins"]),
    ]);
    expect(errorsAfter((s) => (s.measures[1].periods = []))).toEqual([
      err("schedule/empty", "measures[1].periods: a measure needs at least one period", ["measures", 1, "periods"]),
    ]);
  });

  it('schedule/wrong-type: "sectors" neither "*" nor a list', () => {
    expect(errorsAfter((s) => (s.measures[1].sectors = "steel"))).toEqual([
      err("schedule/wrong-type", 'measures[1].sectors: expected "*" or a list of sector ids, got "steel"', ["measures", 1, "sectors"]),
    ]);
  });

  // The sector entry is an allowed shape (an object with "rate"); the fault is its rate,
  // so the message should say what is wrong with the rate and point at it.
  it("schedule/invalid-rate: a bad rate inside a sector's { rate } names the rate", () => {
    expect(errorsAfter((s) => (s.measures[0].periods[0].rates.energy.rate = "ten"))).toEqual([
      err(
        "schedule/invalid-rate",
        'measures[0].periods[0].rates.energy.rate: rate "ten" is not a decimal percentage such as "25%" or "7.5%"',
        ["measures", 0, "periods", 0, "rates", "energy", "rate"],
      ),
    ]);
  });

  it('schedule/invalid-rate: a sector rate without "%" says to add it', () => {
    expect(errorsAfter((s) => (s.measures[0].periods[0].rates.energy = "10"))).toEqual([
      err("schedule/invalid-rate", 'measures[0].periods[0].rates.energy: rate "10" has no "%": write "10%"', ["measures", 0, "periods", 0, "rates", "energy"]),
    ]);
  });
});

describe("validateSchedule: ids and references", () => {
  it("schedule/duplicate-id: two sectors with one id", () => {
    expect(errorsAfter((s) => (s.sectors[2].id = "energy"))).toEqual([
      err("schedule/duplicate-id", 'duplicate sector id "energy" (first defined at sectors[1])', ["sectors", 2, "id"], "give each sector its own id"),
    ]);
  });

  it("schedule/duplicate-id: two measures with one id", () => {
    expect(errorsAfter((s) => s.measures.push({ ...s.measures[1], label: "Steel again" }))).toEqual([
      err("schedule/duplicate-id", 'duplicate measure id "us-steel" (first defined at measures[1])', ["measures", 2, "id"], "give each measure its own id"),
    ]);
  });

  it("schedule/duplicate-hs: one prefix in two sectors", () => {
    expect(errorsAfter((s) => s.sectors[1].hs.push("7308"))).toEqual([
      err(
        "schedule/duplicate-hs",
        'HS prefix "7308" is in sector "energy" and in sector "steel" (sectors[0]): a code must map to one sector',
        ["sectors", 1, "hs", 1],
      ),
    ]);
  });

  it("schedule/duplicate-hs: one prefix twice in a sector, dots ignored", () => {
    expect(errorsAfter((s) => s.sectors[1].hs.push("27.09"))).toEqual([
      err("schedule/duplicate-hs", 'HS prefix "27.09" is listed twice in sector "energy"', ["sectors", 1, "hs", 1]),
    ]);
  });

  it("schedule/unknown-sector: in a measure's sectors, with a did-you-mean", () => {
    expect(errorsAfter((s) => (s.measures[1].sectors = ["stel"]))).toEqual([
      err("schedule/unknown-sector", 'sector "stel" is not defined in "sectors"', ["measures", 1, "sectors", 0], 'did you mean "steel"?'),
    ]);
  });

  it("schedule/unknown-sector: nothing close", () => {
    expect(errorsAfter((s) => (s.measures[1].sectors = ["steel", "softwood_lumber"]))).toEqual([
      err("schedule/unknown-sector", 'sector "softwood_lumber" is not defined in "sectors"', ["measures", 1, "sectors", 1], 'define it in "sectors" or remove the reference'),
    ]);
  });

  it("schedule/unknown-sector: a key of a period's rates", () => {
    expect(errorsAfter((s) => (s.measures[0].periods[1].rates = { enrgy: "10%" }))).toEqual([
      err("schedule/unknown-sector", 'sector "enrgy" is not defined in "sectors"', ["measures", 0, "periods", 1, "rates", "enrgy"], 'did you mean "energy"?'),
    ]);
  });

  it("schedule/unknown-sector: in exceptSectors and in a period's own sectors", () => {
    expect(
      errorsAfter((s) => {
        s.measures[0].exceptSectors = ["enrgy"];
        s.measures[1].periods[0].sectors = ["stee"];
      }),
    ).toEqual([
      err("schedule/unknown-sector", 'sector "enrgy" is not defined in "sectors"', ["measures", 0, "exceptSectors", 0], 'did you mean "energy"?'),
      err("schedule/unknown-sector", 'sector "stee" is not defined in "sectors"', ["measures", 1, "periods", 0, "sectors", 0], 'did you mean "steel"?'),
    ]);
  });

  it("schedule/unknown-measure: in excludedBy, with a did-you-mean", () => {
    expect(errorsAfter((s) => (s.measures[0].excludedBy = ["us-stel"]))).toEqual([
      err("schedule/unknown-measure", 'measure "us-stel" in excludedBy is not defined in "measures"', ["measures", 0, "excludedBy", 0], 'did you mean "us-steel"?'),
    ]);
  });

  it("schedule/unknown-measure: in a period's excludedBy, object form, nothing close (no hint)", () => {
    expect(errorsAfter((s) => (s.measures[1].periods[0].excludedBy = [{ measure: "ca-surtax-steel", when: "owes" }]))).toEqual([
      err("schedule/unknown-measure", 'measure "ca-surtax-steel" in excludedBy is not defined in "measures"', ["measures", 1, "periods", 0, "excludedBy", 0]),
    ]);
  });

  // Self-exclusion is its own error; it should not also be reported as a one-measure stacking cycle.
  it("schedule/self-exclusion: reported once", () => {
    expect(errorsAfter((s) => (s.measures[1].excludedBy = ["us-steel"]))).toEqual([
      err("schedule/self-exclusion", 'measure "us-steel" lists itself in excludedBy', ["measures", 1, "excludedBy", 0]),
    ]);
  });

  it('schedule/except-without-all: exceptSectors with an explicit sector list', () => {
    expect(errorsAfter((s) => (s.measures[1].exceptSectors = ["energy"]))).toEqual([
      err(
        "schedule/except-without-all",
        'measure "us-steel": exceptSectors only makes sense with "sectors": "*"',
        ["measures", 1, "exceptSectors"],
        'remove the sectors from the "sectors" list instead',
      ),
    ]);
  });

  it("schedule/except-without-all: in a period with its own sector list", () => {
    expect(
      errorsAfter((s) => {
        s.measures[1].periods[0].sectors = ["steel"];
        s.measures[1].periods[0].exceptSectors = ["energy"];
      }),
    ).toEqual([
      err(
        "schedule/except-without-all",
        'measure "us-steel": exceptSectors only makes sense with "sectors": "*"',
        ["measures", 1, "periods", 0, "exceptSectors"],
        'remove the sectors from the "sectors" list instead',
      ),
    ]);
  });

  it("schedule/rate-for-uncovered-sector: a sector the measure does not list", () => {
    expect(errorsAfter((s) => (s.measures[1].periods[0].rates = { energy: "5%" }))).toEqual([
      err(
        "schedule/rate-for-uncovered-sector",
        'measure "us-steel" gives a rate for sector "energy", which it does not cover in this period',
        ["measures", 1, "periods", 0, "rates", "energy"],
        "add it to the sectors or drop this rate",
      ),
    ]);
  });

  it('schedule/rate-for-uncovered-sector: a sector excepted from "*" (once per period)', () => {
    const message = 'measure "us-border" gives a rate for sector "energy", which it does not cover in this period';
    const hint = "remove it from exceptSectors or drop this rate";
    expect(errorsAfter((s) => (s.measures[0].exceptSectors = ["energy"]))).toEqual([
      err("schedule/rate-for-uncovered-sector", message, ["measures", 0, "periods", 0, "rates", "energy"], hint),
      err("schedule/rate-for-uncovered-sector", message, ["measures", 0, "periods", 1, "rates", "energy"], hint),
    ]);
  });
});

describe("validateSchedule: periods", () => {
  it("schedule/empty-period: until before from", () => {
    expect(errorsAfter((s) => (s.measures[1].periods[0].until = "2025-01-01"))).toEqual([
      err(
        "schedule/empty-period",
        'measure "us-steel": period 2025-03-12 → 2025-01-01 ends before it starts ("until" must be after "from")',
        ["measures", 1, "periods", 0, "until"],
      ),
    ]);
  });

  it("schedule/empty-period: until equal to from (until is exclusive, so no day is in force)", () => {
    expect(errorsAfter((s) => (s.measures[1].periods[0].until = "2025-03-12"))).toEqual([
      err(
        "schedule/empty-period",
        'measure "us-steel": period 2025-03-12 → 2025-03-12 has no days ("until" must be after "from")',
        ["measures", 1, "periods", 0, "until"],
      ),
    ]);
  });

  it("accepts a one-day period (until the day after from)", () => {
    const s = minimal();
    s.measures[1].periods[0].until = "2025-03-13";
    expect(validateSchedule(s, "s.json").ok).toBe(true);
  });

  it("accepts periods that touch (until of one = from of the next)", () => {
    // minimal() already has 2025-03-04 → 2025-08-01 and 2025-08-01 → open.
    expect(validateSchedule(minimal(), "s.json").ok).toBe(true);
  });

  it("schedule/overlapping-periods: a period starting before the previous one ends", () => {
    expect(errorsAfter((s) => (s.measures[0].periods[1].from = "2025-07-01"))).toEqual([
      err(
        "schedule/overlapping-periods",
        'measure "us-border": period 2025-07-01 → open overlaps period 2025-03-04 → 2025-08-01 (periods[0])',
        ["measures", 0, "periods", 1, "from"],
        "start it on or after 2025-08-01, or end periods[0] earlier",
      ),
    ]);
  });

  it("schedule/overlapping-periods: after an open-ended period, the hint says where to end it", () => {
    expect(errorsAfter((s) => s.measures[1].periods.push({ from: "2025-06-04", rate: "50%" }))).toEqual([
      err(
        "schedule/overlapping-periods",
        'measure "us-steel": period 2025-06-04 → open overlaps period 2025-03-12 → open (periods[0])',
        ["measures", 1, "periods", 1, "from"],
        'end periods[0] with "until": "2025-06-04"',
      ),
    ]);
  });

  it("schedule/overlapping-periods: periods out of file order are compared by date", () => {
    expect(errorsAfter((s) => s.measures[1].periods.unshift({ from: "2025-06-04", rate: "50%" }))).toEqual([
      err(
        "schedule/overlapping-periods",
        'measure "us-steel": period 2025-06-04 → open overlaps period 2025-03-12 → open (periods[1])',
        ["measures", 1, "periods", 0, "from"],
        'end periods[1] with "until": "2025-06-04"',
      ),
    ]);
  });

  it('schedule/missing-rate: "sectors": "*" and no "rate"', () => {
    expect(errorsAfter((s) => delete s.measures[0].periods[1].rate)).toEqual([
      err(
        "schedule/missing-rate",
        'measure "us-border": period 2025-08-01 → open has no "rate" for the sectors it covers ("sectors": "*")',
        ["measures", 0, "periods", 1],
        'add "rate": "…%"',
      ),
    ]);
  });

  it("schedule/missing-rate: explicit sectors, a rate for only one of them", () => {
    expect(
      errorsAfter((s) => {
        s.measures[1].sectors = ["steel", "energy"];
        s.measures[1].periods[0] = { from: "2025-03-12", rates: { steel: "50%" } };
      }),
    ).toEqual([
      err(
        "schedule/missing-rate",
        'measure "us-steel": period 2025-03-12 → open has no rate for sector "energy"',
        ["measures", 1, "periods", 0],
        'add "rate" for all sectors, or an entry in "rates"',
      ),
    ]);
  });

  it("schedule/missing-rate: several sectors missing", () => {
    expect(
      errorsAfter((s) => {
        s.measures[1].sectors = ["steel", "energy", "other_goods"];
        s.measures[1].periods[0] = { from: "2025-03-12", rates: { steel: "50%" } };
      }),
    ).toEqual([
      err(
        "schedule/missing-rate",
        'measure "us-steel": period 2025-03-12 → open has no rate for sectors "energy", "other_goods"',
        ["measures", 1, "periods", 0],
        'add "rate" for all sectors, or an entry in "rates"',
      ),
    ]);
  });

  it("accepts explicit sectors each with its own rate and no period rate", () => {
    const s = minimal();
    s.measures[1].sectors = ["steel", "energy"];
    s.measures[1].periods[0] = { from: "2025-03-12", rates: { steel: "50%", energy: "5%" } };
    expect(validateSchedule(s, "s.json").ok).toBe(true);
  });

  it("schedule/stacking-cycle: two measures excluding each other on a date both are in force", () => {
    expect(errorsAfter((s) => (s.measures[1].excludedBy = ["us-border"]))).toEqual([
      err(
        "schedule/stacking-cycle",
        "on 2025-03-12 measures exclude each other in a cycle: us-border → us-steel → us-border",
        ["measures", 0, "excludedBy"],
        "one of them must not list the other in excludedBy on this date",
      ),
    ]);
  });

  it("schedule/stacking-cycle: through a period's own excludedBy", () => {
    expect(
      errorsAfter((s) => {
        delete s.measures[0].excludedBy;
        s.measures[0].periods[1].excludedBy = ["us-steel"];
        s.measures[1].excludedBy = ["us-border"];
      }),
    ).toEqual([
      err(
        "schedule/stacking-cycle",
        "on 2025-08-01 measures exclude each other in a cycle: us-border → us-steel → us-border",
        ["measures", 0, "periods", 1, "excludedBy"],
        "one of them must not list the other in excludedBy on this date",
      ),
    ]);
  });

  it("no stacking cycle when the two exclusions are never in force on the same day", () => {
    const s = minimal();
    delete s.measures[0].excludedBy;
    s.measures[0].periods[0].excludedBy = ["us-steel"]; // 2025-03-04 → 2025-08-01
    s.measures[1].periods[0] = { from: "2025-03-12", until: "2025-08-01", rate: "50%" };
    s.measures[1].periods.push({ from: "2025-08-01", rate: "50%", excludedBy: ["us-border"] });
    expect(validateSchedule(s, "s.json").ok).toBe(true);
  });
});

describe("validateSchedule: every error, not just the first", () => {
  it("a document with three independent faults gives three errors", () => {
    const errors = errorsAfter((s) => {
      s.titel = "typo";
      s.measures[1].periods[0].rate = "abc";
      s.measures[1].sectors = ["stel"];
    });
    expect(errors).toHaveLength(3);
    expect(errors).toEqual(
      expect.arrayContaining([
        err("schedule/unknown-key", 'unknown key "titel" in (root)', ["titel"], 'did you mean "title"?'),
        err("schedule/invalid-rate", 'measures[1].periods[0].rate: rate "abc" is not a decimal percentage such as "25%" or "7.5%"', STEEL_RATE),
        err("schedule/unknown-sector", 'sector "stel" is not defined in "sectors"', ["measures", 1, "sectors", 0], 'did you mean "steel"?'),
      ]),
    );
  });

  it("a shape error in one measure does not hide the rules' errors in another", () => {
    const errors = errorsAfter((s) => {
      delete s.measures[1].label; // shape
      s.measures[0].periods[1].from = "2025-07-01"; // overlap, another measure
      s.sectors[1].hs.push("72"); // duplicate HS
    });
    expect(errors.map((e) => e.code).sort()).toEqual(["schedule/duplicate-hs", "schedule/missing-key", "schedule/overlapping-periods"]);
  });

  it(`stops at ${MAX_ERRORS} errors`, () => {
    const errors = errorsAfter((s) => {
      s.sectors[0].hs = Array.from({ length: MAX_ERRORS + 50 }, () => "x");
    });
    expect(errors).toHaveLength(MAX_ERRORS);
    expect(errors.every((e) => e.code === "schedule/invalid-hs")).toBe(true);
  });
});

/**
 * The validator is linear (issue #13): long names, long chains and cycles,
 * and many errors give exact, short messages with work bounded by the input
 * (`work` counts the rules' steps and the edit-distance cells; no clock).
 */
describe("validateSchedule: bounded work and messages (issue #13)", () => {
  /** `n` measures m-0 … m-(n−1), all in force from 2025-03-12, each listing the next when `link` says so. */
  function measures(n: number, link: (i: number) => string | undefined): Doc {
    const s = minimal();
    s.measures = Array.from({ length: n }, (_, i) => {
      const next = link(i);
      return { id: `m-${i}`, label: `M ${i}`, importer: "US", origins: ["CA"], authority: "EO", sectors: ["steel"], periods: [{ from: "2025-03-12", rate: "10%" }], ...(next ? { excludedBy: [next] } : {}) };
    });
    return s;
  }

  it("a 30,000-character id given twice: the message shows its first 40 characters and its length", () => {
    const long = "a".repeat(30_000);
    const s = minimal();
    s.measures[0].id = long;
    s.measures[1].id = long;
    s.measures[0].excludedBy = [];
    const work = { steps: 0 };
    const r = validateSchedule(s, "s.json", work);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual([err("schedule/duplicate-id", `duplicate measure id "${"a".repeat(40)}…" (30000 characters) (first defined at measures[0])`, ["measures", 1, "id"], "give each measure its own id")]);
    expect(work.steps).toBeLessThan(1_000);
  });

  it("a 900,000-character unknown sector: no guess is attempted, the name is cut", () => {
    const work = { steps: 0 };
    const s = minimal();
    s.measures[1].sectors = ["x".repeat(900_000)];
    const r = validateSchedule(s, "s.json", work);
    expect(r.ok ? [] : r.errors).toEqual([
      err("schedule/unknown-sector", `sector "${"x".repeat(40)}…" (900000 characters) is not defined in "sectors"`, ["measures", 1, "sectors", 0], 'define it in "sectors" or remove the reference'),
    ]);
    expect(work.steps).toBeLessThan(1_000);
  });

  it("an unknown measure with a 30,000-character id close to a defined one: no guess, no edit-distance table", () => {
    const long = "b".repeat(30_000);
    const s = minimal();
    s.measures[1].id = long;
    s.measures[0].excludedBy = [long.slice(1) + "c"];
    const work = { steps: 0 };
    const r = validateSchedule(s, "s.json", work);
    expect(r.ok ? [] : r.errors).toEqual([
      err("schedule/unknown-measure", `measure "${"b".repeat(40)}…" (30000 characters) in excludedBy is not defined in "measures"`, ["measures", 0, "excludedBy", 0]),
    ]);
    expect(work.steps).toBeLessThan(1_000);
  });

  it("a valid chain of 5,000 exclusions: no stack overflow, work linear in its length", () => {
    const work = { steps: 0 };
    const r = validateSchedule(measures(5_000, (i) => (i + 1 < 5_000 ? `m-${i + 1}` : undefined)), "s.json", work);
    expect(r.ok).toBe(true);
    expect(work.steps).toBeLessThan(20 * 5_000);
  });

  it("a cycle of 20,000 measures: one located message, the cycle shown by its ends and its length", () => {
    const work = { steps: 0 };
    const r = validateSchedule(measures(20_000, (i) => `m-${(i + 1) % 20_000}`), "s.json", work);
    expect(r.ok ? [] : r.errors).toEqual([
      err(
        "schedule/stacking-cycle",
        "on 2025-03-12 measures exclude each other in a cycle: m-0 → m-1 → m-2 → m-3 → m-4 → m-5 → … → m-19999 → m-0 (a cycle of 20000 measures)",
        ["measures", 0, "excludedBy"],
        "one of them must not list the other in excludedBy on this date",
      ),
    ]);
    expect(work.steps).toBeLessThan(20 * 20_000);
  });

  it("a cycle of the exclusions ever listed that is never in force on one day is no error, and checked only on its own dates", () => {
    // m-0 excludes m-1 in 2025, m-1 excludes m-0 in 2026: a cycle of the graph of all exclusions, on no date.
    const s = measures(2, () => undefined);
    s.measures[0].periods = [{ from: "2025-01-01", until: "2026-01-01", rate: "10%", excludedBy: ["m-1"] }, { from: "2026-01-01", rate: "10%" }];
    s.measures[1].periods = [{ from: "2025-01-01", until: "2026-01-01", rate: "10%" }, { from: "2026-01-01", rate: "10%", excludedBy: ["m-0"] }];
    expect(validateSchedule(s, "s.json").ok).toBe(true);
  });

  it("the same cycle on two dates is reported once, at the first", () => {
    const s = measures(2, (i) => `m-${1 - i}`);
    s.measures[0].periods = [{ from: "2025-03-12", until: "2025-06-01", rate: "10%" }, { from: "2025-06-01", rate: "20%" }];
    const r = validateSchedule(s, "s.json");
    expect(r.ok ? [] : r.errors).toEqual([
      err("schedule/stacking-cycle", "on 2025-03-12 measures exclude each other in a cycle: m-0 → m-1 → m-0", ["measures", 0, "excludedBy"], "one of them must not list the other in excludedBy on this date"),
    ]);
  });

  it("a part with more errors than zod can merge (200,000 in one list; about 120,000 overflow) is checked part by part, every error counted", { timeout: 120_000 }, () => {
    const s = minimal();
    s.sectors[0].hs = Array.from({ length: 200_000 }, (_, i) => `x${i}`); // one error each: not digits
    s.titel = "typo";
    const r = validateSchedule(s, "s.json");
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.total).toBe(200_001);
    expect(r.errors[0]).toEqual(err("schedule/invalid-hs", 'sectors[0].hs[0]: an HS prefix is 2 to 10 digits, dots optional, e.g. "72", "7208" or "7308.90", got "x0"', ["sectors", 0, "hs", 0]));
    expect(r.errors[MAX_ERRORS - 1]!.at.path).toEqual(["sectors", 0, "hs", MAX_ERRORS - 1]);
  });

  it(`counts every error though it keeps ${MAX_ERRORS}: 100,000 bad HS prefixes`, () => {
    const s = minimal();
    s.sectors[0].hs = Array.from({ length: 100_000 }, (_, i) => `x${i}`); // one error each: not digits
    const r = validateSchedule(s, "s.json");
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toHaveLength(MAX_ERRORS);
    expect(r.total).toBe(100_000);
  });

  it("makes a guess only for errors that are kept: 20,000 unknown references close to 20,000 ids", () => {
    const s = measures(20_000, (i) => `m-${i}x`); // each one edit from its own id (a self-exclusion is not "unknown")
    const work = { steps: 0 };
    const r = validateSchedule(s, "s.json", work);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.total).toBe(20_000);
    expect(r.errors[0]).toEqual(err("schedule/unknown-measure", 'measure "m-0x" in excludedBy is not defined in "measures"', ["measures", 0, "excludedBy", 0], 'did you mean "m-0"?'));
    // At most MAX_ERRORS guesses of at most GUESS_MAX_CELLS cells, plus a few steps per measure: far below 20,000².
    expect(work.steps).toBeLessThan(MAX_ERRORS * 100_000 + 20 * 20_000);
  });
});
