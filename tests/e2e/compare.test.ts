/**
 * `tariff compare` end to end: the shipped example overlays on the sample
 * file and on fixtures/shipments/what-if-2026.csv, with the change worked out
 * by hand; every output format; exit codes. Each spawn costs ~0.25 s: one run
 * per behaviour, many assertions on it.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { fixture, tariff } from "../helpers/cli.js";

const SAMPLE = fixture("shipments", "sample.csv");
const WHAT_IF = fixture("shipments", "what-if-2026.csv");
const overlay = (name: string) => fixture("overlays", name);
const EXAMPLES = ["ieepa-never-struck-down", "metals-232-at-25", "canada-lifts-metal-surtax-at-review", "section-122-to-year-end"];

const ch = (before: string, after: string, change: string, percent: string | null) => ({ before, after, change, percent });

describe("the example overlays on the sample file (json)", () => {
  const r = tariff(["compare", SAMPLE, ...EXAMPLES.flatMap((o) => ["--overlay", overlay(`${o}.json`)]), "--format", "json"]);
  const body = JSON.parse(r.stdout) as any;
  const change = (name: string) => body.changes.find((c: any) => c.scenario === name);

  it("one scenario per overlay on the default base; exit 0, nothing on stderr", () => {
    expect.soft(r.stderr).toBe("");
    expect(r.code).toBe(0);
    // Issue #16 added format and dutyScope
    expect(Object.keys(body)).toEqual(["format", "scenarios", "dutyScope", "base", "totals", "changes", "rejected", "warnings", "counts"]);
    expect(body.format).toBe("tariff-compare/1");
    expect(body.dutyScope.excludes[0]).toMatch(/^normal customs duty/);
    expect(body.base).toBe("default");
    // Every scenario names the schedule's id, version and asOf (one per authority); its UNVERIFIED measures are checked below
    const schedule = { id: "tariff-default", version: "2026-12-05", file: "default", asOf: "2026-12-01", asOfByImporter: { US: "2026-09-29", CA: "2026-09-17" }, unverified: expect.any(Array), title: expect.stringMatching(/^US duties on Canadian goods/) };
    expect(body.scenarios).toEqual([
      { name: "default", schedule, overlays: [], overlayTitles: [] },
      ...EXAMPLES.map((o) => ({ name: o, schedule, overlays: [overlay(`${o}.json`)], overlayTitles: [JSON.parse(readFileSync(overlay(`${o}.json`), "utf8")).title] })),
    ]);
    expect(body.scenarios[0].schedule.unverified).toEqual(expect.arrayContaining(["us-ieepa-canada", "us-122-surcharge", "us-301-forced-labor", "us-338-canada", "us-232-metals"]));
    // ieepa-never-struck-down ends Section 122 before it began: the measure is gone from that scenario's schedule
    expect(body.scenarios[1].schedule.unverified).not.toContain("us-122-surcharge");
    // INV-013 (2026-11-20) is after the US sources end (2026-09-29): a warning in the JSON, nothing on stderr
    expect(body.warnings).toEqual([{ line: 14, column: "date", message: "date 2026-11-20 is after 2026-09-29, when the schedule's US sources end: later changes of the law are not known to it" }]);
    expect(body.counts).toEqual({ read: 13, computed: 13, rejected: 0 });
    expect(body.rejected).toEqual([]);
    // CAD value: 2,750.00 + 2,750.00 + 16,975.30 + 55,000.00
    expect(body.totals.default).toEqual({ CAD: { lines: 4, value: "77475.30", duty: "16618.83" }, USD: { lines: 9, value: "125000.00", duty: "24119.00" } });
    expect(body.changes.map((c: any) => [c.scenario, c.against, Object.keys(c)])).toEqual(
      EXAMPLES.map((o) => [o, "default", ["scenario", "against", "byCurrency", "bySector", "byMeasure", "byMonth", "topLines"]]),
    );
  });

  it("ieepa-never-struck-down: USD 24,119.00 → 26,619.00, all of it INV-007", () => {
    // INV-007 (2026-03-10, 10,000 bicycles): IEEPA 35% = 3,500.00 (us-measures.md §1) instead of Section 122 10% = 1,000.00 (§1b)
    const c = change("ieepa-never-struck-down");
    expect(body.totals["ieepa-never-struck-down"].USD.duty).toBe("26619.00");
    // 2,500 / 24,119 = 10.365…% → 10.37
    expect(c.byCurrency).toEqual({ CAD: ch("16618.83", "16618.83", "0.00", "0.00"), USD: ch("24119.00", "26619.00", "2500.00", "10.37") });
    // IEEPA on the sample: 2,500 (INV-002) + 3,500 (INV-003) + 2,000 (INV-008) = 8,000, + 3,500 = 11,500 (+43.75%)
    expect(c.byMeasure.USD["us-ieepa-canada"]).toEqual(ch("8000.00", "11500.00", "3500.00", "43.75"));
    expect(c.byMeasure.USD["us-122-surcharge"]).toEqual(ch("1000.00", "0.00", "-1000.00", "-100.00"));
    expect(c.bySector.USD.other_goods).toEqual(ch("7000.00", "9500.00", "2500.00", "35.71")); // 2,500 / 7,000
    expect(c.byMonth.USD["2026-03"]).toEqual(ch("1000.00", "3500.00", "2500.00", "250.00"));
    expect(c.topLines).toEqual({
      CAD: [],
      USD: [
        {
          line: 8, id: "INV-007", date: "2026-03-10", importer: "US", sector: "other_goods", currency: "USD", before: "1000.00", after: "3500.00", change: "2500.00",
          measures: [
            { measure: "us-122-surcharge", before: "1000.00", after: "0.00", change: "-1000.00" },
            { measure: "us-ieepa-canada", before: "0.00", after: "3500.00", change: "3500.00" },
          ],
        },
      ],
    });
  });

  it("metals-232-at-25: INV-005 600.00 → 300.00", () => {
    // 232 steel on the content 1,200: 50% = 600.00 (Procl. 10947, us-measures.md §2) → 25% = 300.00
    const c = change("metals-232-at-25");
    expect(c.byCurrency.USD).toEqual(ch("24119.00", "23819.00", "-300.00", "-1.24")); // 300 / 24,119 = 1.243…%
    expect(c.byMeasure.USD["us-232-steel"]).toEqual(ch("600.00", "300.00", "-300.00", "-50.00"));
    expect(c.topLines.USD.map((l: any) => [l.id, l.before, l.after, l.change])).toEqual([["INV-005", "600.00", "300.00", "-300.00"]]);
  });

  it("canada-lifts-metal-surtax-at-review and section-122-to-year-end: no change on the sample", () => {
    // the sample's CA aluminum line INV-011 is dated 2026-03-10, before the 2026-07-01 review; no US line after 2026-07-24
    for (const name of ["canada-lifts-metal-surtax-at-review", "section-122-to-year-end"]) {
      const c = change(name);
      expect(c.byCurrency, name).toEqual({ CAD: ch("16618.83", "16618.83", "0.00", "0.00"), USD: ch("24119.00", "24119.00", "0.00", "0.00") });
      expect(c.topLines, name).toEqual({ CAD: [], USD: [] });
      expect(body.totals[name], name).toEqual(body.totals.default);
    }
  });
});

describe("what-if-2026.csv: lines after the CUSMA review and after Section 122 lapsed (json)", () => {
  const r = tariff(["compare", WHAT_IF, "--overlay", overlay("canada-lifts-metal-surtax-at-review.json"), "--overlay", overlay("section-122-to-year-end.json"), "--top", "1", "--format", "json"]);
  const body = JSON.parse(r.stdout) as any;
  const change = (name: string) => body.changes.find((c: any) => c.scenario === name);

  it("canada-lifts-metal-surtax-at-review: the steel and aluminum surtaxes stop on 2026-07-01, vehicles stay", () => {
    expect(r.code).toBe(0);
    const c = change("canada-lifts-metal-surtax-at-review");
    // base CAD (SOR/2025-95 and SOR/2025-118 at 25%, canada-measures.md §2–3):
    //   AL-BEFORE 1,000.00 × 25% = 250.00; AL-AFTER 16,975.30 × 25% = 4,243.825 → 4,243.83;
    //   ST-AFTER 2,000.00 × 25% = 500.00; VEH-AFTER 55,000 × 85% × 25% = 11,687.50; total 16,681.33
    // what-if: AL-AFTER and ST-AFTER 0.00 → 250.00 + 11,687.50 = 11,937.50; −4,743.83 / 16,681.33 = −28.438…%
    expect(c.byCurrency.CAD).toEqual(ch("16681.33", "11937.50", "-4743.83", "-28.44"));
    expect(c.byMeasure.CAD).toEqual({
      "ca-surtax-us-aluminum": ch("4493.83", "250.00", "-4243.83", "-94.44"),
      "ca-surtax-us-steel": ch("500.00", "0.00", "-500.00", "-100.00"),
      "ca-surtax-us-vehicles": ch("11687.50", "11687.50", "0.00", "0.00"),
    });
    expect(c.bySector.CAD.aluminum).toEqual(ch("4493.83", "250.00", "-4243.83", "-94.44"));
    // --top 1: only the larger of the two changed lines
    expect(c.topLines.CAD.map((l: any) => [l.line, l.id, l.change])).toEqual([[3, "AL-AFTER", "-4243.83"]]);
  });

  it("section-122-to-year-end: the same total, but Section 122 replaces Section 301 on BIKE-0901", () => {
    const c = change("section-122-to-year-end");
    // BIKE-0901 (2026-09-01, 10,000 bicycles): Section 301 10% = 1,000.00 (us-measures.md §1c) → Section 122 10% = 1,000.00 (§1b), 301 at 0%
    expect(c.byCurrency.USD).toEqual(ch("1000.00", "1000.00", "0.00", "0.00"));
    expect(c.byMeasure.USD).toEqual({
      "us-122-surcharge": ch("0.00", "1000.00", "1000.00", null),
      "us-301-forced-labor": ch("1000.00", "0.00", "-1000.00", "-100.00"),
    });
    // the line's duty does not change, so it is not among the lines that change
    expect(c.topLines).toEqual({ CAD: [], USD: [] });
  });
});

describe("output formats", () => {
  it("table: the Scenarios table with signed changes, a table per breakdown and the lines that change", () => {
    const r = tariff(["compare", SAMPLE, "--overlay", overlay("ieepa-never-struck-down.json"), "--overlay", overlay("empty.json")]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    const out = r.stdout;
    // Issue #16: the header names each scenario's schedule and overlays with their titles, the UNVERIFIED measures, what the duty leaves out
    expect(out.split("\n").slice(0, 7)).toEqual([
      'Base:       default: tariff-default 2026-12-05 "US duties on Canadian goods and Canadian surtaxes on US goods, 2025-01-01 to 2026-12-01", as of 2026-12-01 (US sources to 2026-09-29, CA to 2026-09-17)',
      'Scenario:   ieepa-never-struck-down: the base\'s schedule + what-if fixtures/overlays/ieepa-never-struck-down.json "The IEEPA border tariff was never struck down (and no Section 122 surcharge replaced it)"',
      'Scenario:   empty: the base\'s schedule + what-if fixtures/overlays/empty.json "No change (the identity)"',
      "UNVERIFIED: ca-surtax-us-2025-1, ca-surtax-us-vehicles, us-122-surcharge, us-232-autos, us-ad-softwood-lumber, us-cvd-softwood-lumber, us-ieepa-canada (7 of the measures charged here under any scenario); the schedule marks 23 measures UNVERIFIED in all: facts its sources leave in doubt (see each measure's note)",
      "Duty:       the schedule's measures only; not included: normal customs duty (MFN/UST), MPF, HMF, GST/HST and other taxes and fees, unless the schedule has a measure for them",
      "Lines:      13 read, 13 computed, 0 rejected (a line rejected under any scenario is rejected under all)",
      "",
    ]);
    expect(out).toContain("Scenarios");
    expect(out).toMatch(/│ default \(base\)\s+│ default\s+│ USD\s+│\s+9 │ 24119\.00 │\s+│\s+│\s+│/);
    // Not on a terminal: the change as a bar of "#" either side of "|"
    expect(out).toMatch(/│ ieepa-never-struck-down │ default \+ fixtures\/overlays\/ieepa-never-struck-down\.json │ USD\s+│\s+9 │ 26619\.00 │ \+2500\.00 │ {11}\|#{10} │ \+10\.37% │/);
    expect(out).toContain("ieepa-never-struck-down vs default: change by measure");
    // -1000 against the largest change, +3500, on 10 columns a side: 2.86 → 3
    expect(out).toMatch(/│ USD\s+│ us-122-surcharge │ 1000\.00 │\s+0\.00 │ -1000\.00 │ {8}###\| {10} │ -100\.00% │/);
    expect(out).toContain("ieepa-never-struck-down vs default: change by sector");
    expect(out).toContain("ieepa-never-struck-down vs default: change by month");
    expect(out).toContain("ieepa-never-struck-down vs default: lines that change most");
    expect(out).toMatch(/│\s+8 │ INV-007 │ 2026-03-10 │ other_goods │ USD\s+│ 1000\.00 │ 3500\.00 │ \+2500\.00 │ us-122-surcharge -1000\.00/);
    expect(out).toContain("empty: no line changes against default\n");
    expect(out).not.toContain("empty vs default"); // no breakdown table without a change
    expect(out).not.toMatch(/\u001b\[/); // NO_COLOR
  });

  it("csv: the documented header and one row per input line, rejected lines with their reason; exit 1", () => {
    const r = tariff(["compare", fixture("shipments", "rejections.csv"), "--scenario", "today=default", "--scenario", "metals=default+" + overlay("metals-232-at-25.json"), "--format", "csv"]);
    expect(r.code).toBe(1);
    const rows = r.stdout.trimEnd().split("\n");
    // Issue #16: a last column names every scenario's schedule and overlays with their titles
    const scenarios = '"today=tariff-default 2026-12-05 as of 2026-12-01; metals=tariff-default 2026-12-05 as of 2026-12-01 + fixtures/overlays/metals-232-at-25.json: Section 232 steel and aluminum back at 25% from 2025-06-04 (2025 regime, to 2026-04-06)"';
    expect(rows[0]).toBe("line,status,id,date,importer,sector,currency,duty_today,duty_metals,change_metals,reason,scenarios");
    expect(rows).toHaveLength(1 + 18); // header + every data line of the file
    expect(rows[1]).toBe(`2,computed,ok-1,2025-09-15,US,other_goods,USD,35.00,35.00,0.00,,${scenarios}`); // 100 × IEEPA 35%
    expect(rows[2]).toBe(`3,rejected,bad-date,,,,,,,,"date: date ""2025/03/04"" is not a date YYYY-MM-DD: write 2025-03-04, or give --date-format YMD",${scenarios}`);
    expect(rows[18]).toBe(`19,computed,ok-2,2025-09-15,CA,aluminum,CAD,25.00,25.00,0.00,,${scenarios}`); // 100.00 × SOR/2025-95 25%
    // line 9 (hs 9903.01.10) is computed: the embedded schedule groups chapters 98/99 under special_provisions (IEEPA 35% × 100 = 35.00)
    expect(rows[8]).toBe(`9,computed,unmapped-hs,2025-09-15,US,special_provisions,USD,35.00,35.00,0.00,,${scenarios}`);
    expect(rows.slice(1).map((l) => l.split(",")[1])).toEqual(["computed", ...Array(6).fill("rejected"), "computed", ...Array(9).fill("rejected"), "computed"]);
    expect(r.stderr).toContain("fixtures/shipments/rejections.csv:3: rejected: date: ");
    expect(r.stderr.trimEnd().split("\n").at(-1)).toBe("tariff compare: 15 of 18 lines rejected");
  });

  it("csv with --scenario NAME=SCHEDULE+OVERLAY+OVERLAY: stacked overlays, one duty column per scenario", () => {
    const stacked = `default+${overlay("ieepa-never-struck-down.json")}+${overlay("ieepa-back-to-25.json")}`;
    const r = tariff(["compare", WHAT_IF, "--scenario", "today=default", "--scenario", `what-if=${stacked}`, "--format", "csv"]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    // BIKE-0901: 301 10% = 1,000.00 → + IEEPA 25% (35% from 2026-02-24, then 25% from 2026-06-01) = 3,500.00
    const scenarios = "today=tariff-default 2026-12-05 as of 2026-12-01; what-if=tariff-default 2026-12-05 as of 2026-12-01 + fixtures/overlays/ieepa-never-struck-down.json: The IEEPA border tariff was never struck down (and no Section 122 surcharge replaced it) + fixtures/overlays/ieepa-back-to-25.json: The IEEPA border tariff at 25% from 2026-06-01";
    expect(r.stdout).toBe(
      [
        "line,status,id,date,importer,sector,currency,duty_today,duty_what-if,change_what-if,reason,scenarios",
        `2,computed,AL-BEFORE,2026-06-30,CA,aluminum,CAD,250.00,250.00,0.00,,${scenarios}`,
        `3,computed,AL-AFTER,2026-07-01,CA,aluminum,CAD,4243.83,4243.83,0.00,,${scenarios}`,
        `4,computed,ST-AFTER,2026-08-03,CA,steel,CAD,500.00,500.00,0.00,,${scenarios}`,
        `5,computed,VEH-AFTER,2026-08-03,CA,autos,CAD,11687.50,11687.50,0.00,,${scenarios}`,
        `6,computed,BIKE-0901,2026-09-01,US,other_goods,USD,1000.00,3500.00,2500.00,,${scenarios}`,
        `7,computed,BIKE-USMCA,2026-09-01,US,other_goods,USD,0.00,0.00,0.00,,${scenarios}`,
        "",
      ].join("\n"),
    );
  });

  it("md: the same tables in Markdown", () => {
    const r = tariff(["compare", WHAT_IF, "--overlay", overlay("section-122-to-year-end.json"), "--format", "md"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("### Scenarios\n\n| Scenario | Schedule | Currency | Lines | Duty | Change | % |\n| --- | --- | --- | ---: | ---: | ---: | ---: |\n");
    expect(r.stdout).toContain("| section-122-to-year-end | default + fixtures/overlays/section-122-to-year-end.json | USD | 2 | 1000.00 | 0.00 | 0.00% |\n");
    expect(r.stdout).toContain("### section-122-to-year-end vs default: change by measure\n");
    expect(r.stdout).toContain("| USD | us-122-surcharge | 0.00 | 1000.00 | +1000.00 | n/a |\n| USD | us-301-forced-labor | 1000.00 | 0.00 | -1000.00 | -100.00% |\n");
    expect(r.stdout).toContain("section-122-to-year-end: no line changes against default\n");
    expect(r.stdout).not.toContain("┌");
  });
});

describe("exit 2: nothing computed", () => {
  it("an invalid overlay: located in its file, the scenario named", () => {
    const r = tariff(["compare", SAMPLE, "--overlay", overlay("invalid/unknown-measure.json")]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain('fixtures/overlays/invalid/unknown-measure.json:5:18: error: changes[0]: measure "us-232-stel" is not in schedule tariff-default [overlay/unknown-measure]\n');
    expect(r.stderr).toContain('hint: did you mean "us-232-steel"?\n');
    expect(r.stderr.trimEnd().split("\n").at(-1)).toBe('tariff compare: scenario "unknown-measure" cannot be used');
  });

  it.each([
    ["fewer than two scenarios", ["-s", "default"], "tariff compare: give at least two scenarios: --scenario NAME=SCHEDULE[+OVERLAY…] (twice or more), -s A -s B, or --overlay FILE"],
    ["two scenarios with one name", ["-s", "default", "-s", "default"], 'tariff compare: two scenarios are named "default": name them with --scenario NAME=…'],
    ["--scenario without NAME=", ["--scenario", "default", "--scenario", "b=default"], 'tariff compare: --scenario "default": expected NAME=SCHEDULE[+OVERLAY…], e.g. what-if=default+fixtures/overlays/metals-232-at-25.json'],
  ])("%s", (_, args, message) => {
    const r = tariff(["compare", SAMPLE, ...args]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe(message + "\n");
  });
});
