/**
 * `tariff rates` on fixtures/schedules/minimal.json, run as a user runs it.
 * On 2025-09-15 that schedule has two US measures in force on Canadian goods:
 * us-border (35%, energy 10%, since 2025-08-01) and us-steel (50% of the
 * content, since 2025-03-12).
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { fixture, tariff } from "../helpers/cli.js";

const MINIMAL = ["--schedule", fixture("schedules", "minimal.json")];

const US_BORDER = {
  measure: "us-border",
  label: "Border tariff",
  importer: "US",
  origins: ["CA"],
  authority: "EO 1",
  from: "2025-08-01",
  until: null,
  sectors: "*",
  exceptSectors: [],
  terms: { rate: "35%", basis: "value", heading: "9903.01.10" },
  bySector: { energy: { rate: "10%", basis: "value", heading: "9903.01.13" } },
  lists: [],
  byList: {},
  exemptions: ["usmca"],
  exemptBy: [],
  action: "charge",
  usmca: null,
  excludedBy: [{ measure: "us-steel", when: "applies" }],
  note: null,
  sources: ["https://example.org/eo-1"],
};

const US_STEEL = {
  measure: "us-steel",
  label: "Steel duty",
  importer: "US",
  origins: ["CA"],
  authority: "Procl. 1",
  from: "2025-03-12",
  until: null,
  sectors: ["steel"],
  exceptSectors: [],
  terms: { rate: "50%", basis: "content", heading: null },
  bySector: {},
  lists: [],
  byList: {},
  exemptions: [],
  exemptBy: [],
  action: "charge",
  usmca: null,
  excludedBy: [],
  note: null,
  sources: ["https://example.org/procl-1"],
};

// Issue #16 added format, and the schedule's title and overlays (files and titles) to its object.
const MINIMAL_SCHEDULE = {
  id: "minimal", version: "2026-01-01", asOf: "2026-01-01", asOfByImporter: { US: "2026-01-01", CA: "2026-01-01" }, unverified: [],
  title: "Two measures, three sectors: the smallest useful schedule", overlays: [], overlayTitles: [],
};

function json(args: string[]): unknown {
  const r = tariff(["rates", ...MINIMAL, "--format", "json", ...args]);
  expect.soft(r.stderr).toBe("");
  expect.soft(r.code).toBe(0);
  return JSON.parse(r.stdout);
}

describe("tariff rates --format json", () => {
  it("lists the measures in force on a date with their rates", () => {
    expect(json(["--at", "2025-09-15"])).toEqual({
      format: "tariff-rates/1",
      schedule: MINIMAL_SCHEDULE,
      at: "2025-09-15",
      importer: null,
      sector: null,
      measures: [US_BORDER, US_STEEL],
    });
  });

  it("picks the period in force: 25% before 2025-08-01, until exclusive", () => {
    const body = json(["--at", "2025-07-31"]) as { measures: { measure: string; terms: { rate: string }; from: string; until: string | null }[] };
    expect(body.measures.map((m) => [m.measure, m.terms.rate, m.from, m.until])).toEqual([
      ["us-border", "25%", "2025-03-04", "2025-08-01"],
      ["us-steel", "50%", "2025-03-12", null],
    ]);
  });

  it("nothing before the first period", () => {
    expect(json(["--at", "2025-03-03"])).toMatchObject({ measures: [] });
  });

  it("--sector energy: only us-border, at 10% with its own heading", () => {
    expect(json(["--at", "2025-09-15", "--sector", "energy"])).toEqual({
      format: "tariff-rates/1",
      schedule: MINIMAL_SCHEDULE,
      at: "2025-09-15",
      importer: null,
      sector: "energy",
      measures: [{ ...US_BORDER, terms: { rate: "10%", basis: "value", heading: "9903.01.13" }, bySector: {} }],
    });
  });

  it("--sector steel: both measures, each at its rate for steel", () => {
    const body = json(["--at", "2025-09-15", "--sector", "steel"]) as { measures: { measure: string; terms: unknown }[] };
    expect(body.measures.map((m) => [m.measure, m.terms])).toEqual([
      ["us-border", { rate: "35%", basis: "value", heading: "9903.01.10" }],
      ["us-steel", { rate: "50%", basis: "content", heading: null }],
    ]);
  });

  it("--importer CA: no measure (the schedule has only US measures)", () => {
    expect(json(["--at", "2025-09-15", "--importer", "CA"])).toEqual({
      format: "tariff-rates/1",
      schedule: MINIMAL_SCHEDULE,
      at: "2025-09-15",
      importer: "CA",
      sector: null,
      measures: [],
    });
  });

  it("--importer us is read as US", () => {
    expect(json(["--at", "2025-09-15", "--importer", "us"])).toMatchObject({ importer: "US", measures: [{ measure: "us-border" }, { measure: "us-steel" }] });
  });
});

describe("tariff rates: usage errors exit 2", () => {
  it("--at 2025-13-01 is not a date", () => {
    const r = tariff(["rates", ...MINIMAL, "--at", "2025-13-01"]);
    expect.soft(r.stdout).toBe("");
    expect.soft(r.stderr).toBe(`error: option '--at <date>' argument '2025-13-01' is invalid. "2025-13-01" is not a calendar date\n(run with --help for usage)\n`);
    expect(r.code).toBe(2);
  });

  it("--importer MX", () => {
    const r = tariff(["rates", ...MINIMAL, "--importer", "MX"]);
    expect.soft(r.stderr).toContain('expected US or CA, got "MX"');
    expect(r.code).toBe(2);
  });

  it("an unknown sector, with did-you-mean", () => {
    const r = tariff(["rates", ...MINIMAL, "--at", "2025-09-15", "--sector", "stel"]);
    expect.soft(r.stdout).toBe("");
    expect.soft(r.stderr).toBe(`tariff rates: unknown sector "stel" (did you mean "steel"?); see the schedule's "sectors"\n`);
    expect(r.code).toBe(2);
  });

  it("an unknown sector with nothing close: no guess", () => {
    const r = tariff(["rates", ...MINIMAL, "--at", "2025-09-15", "--sector", "softwood_lumber"]);
    expect.soft(r.stderr).toBe(`tariff rates: unknown sector "softwood_lumber"; see the schedule's "sectors"\n`);
    expect(r.code).toBe(2);
  });

  it("an unknown format", () => {
    const r = tariff(["rates", ...MINIMAL, "--at", "2025-09-15", "--format", "xml"]);
    expect.soft(r.stderr).toBe('tariff rates: --format must be one of table, json, csv, md, got "xml"\n');
    expect(r.code).toBe(2);
  });

  it("an invalid schedule: its errors, then what to run", () => {
    const r = tariff(["rates", "--schedule", fixture("errors", "schedule-invalid-rate.json"), "--at", "2025-09-15"]);
    expect.soft(r.stdout).toBe("");
    expect.soft(r.stderr).toContain("fixtures/errors/schedule-invalid-rate.json:37:51: error:");
    expect.soft(r.stderr).toContain('tariff: schedule fixtures/errors/schedule-invalid-rate.json is invalid (1 error); run "tariff validate fixtures/errors/schedule-invalid-rate.json"\n');
    expect(r.code).toBe(2);
  });

  it("a schedule that is not there", () => {
    const r = tariff(["rates", "--schedule", "no-such.json", "--at", "2025-09-15"]);
    expect.soft(r.stderr).toBe("no-such.json: error: cannot read the file: no such file [io/unreadable]\ntariff: cannot use no-such.json as a schedule\n");
    expect(r.code).toBe(2);
  });
});

describe("tariff rates: table, csv and md", () => {
  it("csv: a header row, then one row per measure and sector with its own terms", () => {
    const r = tariff(["rates", ...MINIMAL, "--at", "2025-09-15", "--format", "csv"]);
    expect.soft(r.stderr).toBe("");
    expect.soft(r.code).toBe(0);
    expect(r.stdout).toBe(
      [
        "measure,importer,origins,sector,rate,basis,share,heading,usmca,excluded_by,from,until,sectors,except_sectors,schedule,what_if",
        "us-border,US,CA,*,35%,value,,9903.01.10,exempt,us-steel,2025-08-01,,*,,minimal 2026-01-01 as of 2026-01-01,",
        "us-border,US,CA,energy,10%,value,,9903.01.13,exempt,us-steel,2025-08-01,,*,,minimal 2026-01-01 as of 2026-01-01,",
        "us-steel,US,CA,*,50%,content,,,,,2025-03-12,,steel,,minimal 2026-01-01 as of 2026-01-01,",
        "",
      ].join("\n"),
    );
  });

  it("md: a title, a header row and its separator", () => {
    const r = tariff(["rates", ...MINIMAL, "--at", "2025-09-15", "--format", "md"]);
    expect.soft(r.code).toBe(0);
    const lines = r.stdout.split("\n");
    expect(lines.slice(0, 6)).toEqual([
      '- **Schedule:** minimal 2026-01-01 "Two measures, three sectors: the smallest useful schedule", as of 2026-01-01',
      "",
      "### Measures in force on 2025-09-15",
      "",
      "| Measure | Importer | Heading | Rate | Sectors | USMCA | Excluded by | Period |",
      "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]);
    expect(r.stdout).toContain("| us-border | US ← CA | 9903.01.10<br>9903.01.13 | 35%<br>energy: 10% | all | exempt | us-steel | 2025-08-01 → open |");
    expect(r.stdout).toContain("| us-steel | US ← CA |  | 50% on content | steel | not exempt |  | 2025-03-12 → open |");
  });

  it("table: the title, then the grid", () => {
    const r = tariff(["rates", ...MINIMAL, "--at", "2025-09-15", "--format", "table"]);
    expect.soft(r.stderr).toBe("");
    expect.soft(r.code).toBe(0);
    expect(r.stdout.split("\n").slice(0, 3)).toEqual(['Schedule: minimal 2026-01-01 "Two measures, three sectors: the smallest useful schedule", as of 2026-01-01', "", "Measures in force on 2025-09-15"]);
    expect(r.stdout).toMatch(/│ Measure +│ Importer +│ Heading +│ Rate +│/);
    expect(r.stdout).toMatch(/│ us-border +│ US ← CA +│ 9903\.01\.10 +│ 35% +│/);
    expect(r.stdout).toMatch(/│ +│ +│ 9903\.01\.13 +│ energy: 10% +│/);
  });

  it("table with nothing in force says so", () => {
    const r = tariff(["rates", ...MINIMAL, "--at", "2025-09-15", "--importer", "CA", "--format", "table"]);
    expect.soft(r.code).toBe(0);
    expect(r.stdout.startsWith('Schedule: minimal 2026-01-01 "Two measures, three sectors: the smallest useful schedule", as of 2026-01-01\n\nMeasures in force on 2025-09-15\n')).toBe(true);
    expect(r.stdout.endsWith("(no measure in force)\n")).toBe(true);
  });

  it("-o writes the output to a file, nothing on stdout", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "tariff-rates-"));
    try {
      const out = path.join(dir, "rates.csv");
      const r = tariff(["rates", ...MINIMAL, "--at", "2025-09-15", "--format", "csv", "-o", out]);
      expect.soft(r.stdout).toBe("");
      expect.soft(r.code).toBe(0);
      expect(readFileSync(out, "utf8").split("\n")[0]).toBe("measure,importer,origins,sector,rate,basis,share,heading,usmca,excluded_by,from,until,sectors,except_sectors,schedule,what_if");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("tariff rates --hs: what applies to one code (fixtures/schedules/lists.json)", () => {
  const LISTS = ["--schedule", fixture("schedules", "lists.json")];

  it("json: the duties and skipped measures of calc's line, with the list each applies through", () => {
    const r = tariff(["rates", ...LISTS, "--hs", "7326.90.86.88", "--at", "2026-07-01", "--importer", "US", "--format", "json"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.format).toBe("tariff-rates/1");
    expect(out.schedule).toEqual({ id: "lists", version: "2026-01-01", asOf: "2026-12-01", asOfByImporter: { US: "2026-09-29", CA: "2026-12-01" }, unverified: [], title: expect.stringMatching(/^Format 2 in small/), overlays: [], overlayTitles: [] });
    expect(out.results).toHaveLength(1);
    const [res] = out.results;
    expect(res).toMatchObject({ hs: "7326908688", date: "2026-07-01", importer: "US", origin: "CA", usmca: false, claims: [], sector: "steel", lists: ["tier-low"], prohibited: null });
    expect(res.duties).toEqual([{ measure: "us-metals", heading: "9903.82.09", rate: "25%", basis: "value", share: null, usContentCap: null, scope: { list: "tier-low" } }]);
    expect(res.skipped).toEqual([
      { measure: "us-surcharge", why: "excluded by us-metals" },
      { measure: "us-ban", why: "not in its sectors or lists" },
      { measure: "us-content-duty", why: "not in its sectors or lists" },
    ]);
  });

  it("csv: one row per measure, applying or skipped with why; a claim that holds shows as the exemption", () => {
    const r = tariff(["rates", ...LISTS, "--hs", "8802.40.01", "--at", "2026-07-01", "--importer", "US", "--claims", "9903.05.88", "--format", "csv"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      // Issue #16: the schedule and the what-if overlays (none) added as the last columns
      "hs,date,importer,origin,usmca,sector,measure,status,heading,rate,basis,share,through,why,schedule,what_if\n" +
        "88024001,2026-07-01,US,CA,N,other_goods,us-metals,skipped,,,,,,not in its sectors or lists,lists 2026-01-01 as of 2026-12-01,\n" +
        "88024001,2026-07-01,US,CA,N,other_goods,us-surcharge,skipped,,,,,,exempt (claimed 9903.05.88 on list aircraft),lists 2026-01-01 as of 2026-12-01,\n" +
        "88024001,2026-07-01,US,CA,N,other_goods,us-ban,skipped,,,,,,not in its sectors or lists,lists 2026-01-01 as of 2026-12-01,\n" +
        "88024001,2026-07-01,US,CA,N,other_goods,us-content-duty,skipped,,,,,,not in its sectors or lists,lists 2026-01-01 as of 2026-12-01,\n",
    );
  });

  it("table: a ban reads ENTRY PROHIBITED with its proclamation; a date past the sources warns on stderr", () => {
    const r = tariff(["rates", ...LISTS, "--hs", "2203", "--at", "2026-10-01", "--importer", "US"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("HS 2203 on 2026-10-01 (US ← CA): sector other_goods; on banned");
    expect(r.stdout).toMatch(/│ us-ban  │ +│ ENTRY PROHIBITED │ +│ Proclamation 11061 │/);
    expect(r.stderr).toBe("tariff rates: warning: 2026-10-01 is after 2026-09-29, when the schedule's US sources end: later changes of the law are not known to it\n");
  });

  it("a code too short for the lists says so; without --importer both importers are answered", () => {
    const r = tariff(["rates", ...LISTS, "--hs", "7326", "--at", "2026-07-01", "--format", "json"]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).results.map((x: { importer: string; origin: string }) => `${x.importer}←${x.origin}`)).toEqual(["US←CA", "CA←US"]);
    expect(r.stderr).toContain("tariff rates: warning: hs 7326 is shorter than codes on tier-high, tier-low: a longer code may be on them\n");
  });

  it.each([
    [["--hs", "73a6"], 'error: option \'--hs <code>\' argument \'73a6\' is invalid. "73a6" is not an HS code (2 to 10 digits, dots optional)'],
    [["--origin", "CA"], "tariff rates: --origin, --usmca and --claims go with --hs CODE"],
    [["--hs", "7208", "--sector", "steel"], "tariff rates: give --hs or --sector, not both (the code decides the sector)"],
  ])("usage errors exit 2: %j", (args, message) => {
    const r = tariff(["rates", ...LISTS, ...args]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
  });
});
