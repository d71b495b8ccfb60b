/**
 * Honest headers (issue #16): every format names the schedule (id, version,
 * asOf), the what-if overlays with their titles, the UNVERIFIED measures and
 * what the duty leaves out; a what-if written as CSV says so on every row.
 * The changes are additive: new JSON fields, new last CSV columns.
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { fixture, tariff } from "../helpers/cli.js";

const SAMPLE = fixture("shipments", "sample.csv");
const IEEPA = fixture("overlays", "ieepa-never-struck-down.json");
const IEEPA_TITLE = "The IEEPA border tariff was never struck down (and no Section 122 surcharge replaced it)";
const SCHEDULE = "tariff-default 2026-12-05 as of 2026-12-01";
const scratch = () => mkdtempSync(path.join(tmpdir(), "tariff-16-"));

describe("a what-if written as CSV says so (issue #16)", () => {
  it("calc --overlay X -f csv -o f.csv: every row names the schedule and the overlay with its title, in its last columns", () => {
    const dir = scratch();
    const out = path.join(dir, "duties.csv");
    const r = tariff(["calc", SAMPLE, "--overlay", IEEPA, "-f", "csv", "-o", out]);
    expect(r.code).toBe(0);
    const rows = parse(readFileSync(out, "utf8"), { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(13);
    for (const row of rows) expect.soft([row["schedule"], row["what_if"]]).toEqual([SCHEDULE, `${IEEPA}: ${IEEPA_TITLE}`]);
    // The earlier columns are where they were: a reader by position is not affected
    expect(readFileSync(out, "utf8").split("\n")[0]).toBe("line,status,id,date,importer,origin,sector,hs,usmca,value,currency,content_value,fx_rate,customs_value,duty_currency,duty,duties,reason,schedule,what_if");
    // The summary on stderr says it too
    expect(r.stderr).toContain(`tariff calc: schedule ${SCHEDULE}; what-if: ${IEEPA}: ${IEEPA_TITLE}; duty: the schedule's measures only;`);
  });

  it("without an overlay, what_if is empty and ndjson's whatIf null", () => {
    const csv = parse(tariff(["calc", SAMPLE, "-f", "csv"]).stdout, { columns: true }) as Record<string, string>[];
    expect(new Set(csv.map((r) => `${r["schedule"]}|${r["what_if"]}`))).toEqual(new Set([`${SCHEDULE}|`]));
    const nd = tariff(["calc", SAMPLE, "-f", "ndjson", "--overlay", IEEPA]).stdout.trimEnd().split("\n").map((l) => JSON.parse(l));
    expect(nd[0]).toMatchObject({ status: "computed", line: 2, schedule: SCHEDULE, whatIf: `${IEEPA}: ${IEEPA_TITLE}` });
    expect(JSON.parse(tariff(["calc", SAMPLE, "-f", "ndjson"]).stdout.split("\n")[0]!).whatIf).toBeNull();
  });

  it("--summary: format, the schedule with the overlays' titles, dutyScope, then the totals", () => {
    const dir = scratch();
    const summary = path.join(dir, "summary.json");
    tariff(["calc", SAMPLE, "--overlay", IEEPA, "-f", "csv", "--summary", summary]);
    const body = JSON.parse(readFileSync(summary, "utf8"));
    expect(Object.keys(body)).toEqual(["format", "schedule", "dutyScope", "rejected", "warnings", "totals", "counts"]);
    expect(body.format).toBe("tariff-calc-summary/1");
    expect(body.schedule).toMatchObject({ id: "tariff-default", asOf: "2026-12-01", overlays: [IEEPA], overlayTitles: [IEEPA_TITLE] });
  });
});

describe("JSON says what it is", () => {
  it("calc: format first, the schedule's title and overlay titles, what the duty includes and leaves out", () => {
    const body = JSON.parse(tariff(["calc", SAMPLE, "--overlay", IEEPA, "-f", "json", "--no-lines"]).stdout);
    expect(Object.keys(body).slice(0, 3)).toEqual(["format", "schedule", "dutyScope"]);
    expect(body.format).toBe("tariff-calc/1");
    expect(body.schedule).toMatchObject({ title: expect.stringMatching(/^US duties on Canadian goods/), overlays: [IEEPA], overlayTitles: [IEEPA_TITLE] });
    expect(body.dutyScope.excludes).toEqual([
      "normal customs duty (US MFN rates of the HTSUS, Canadian MFN/UST rates of the Customs Tariff)",
      "merchandise processing fee (MPF) and harbor maintenance fee (HMF)",
      "GST/HST, provincial and excise taxes",
      "any other duty, fee or tax the schedule has no measure for",
    ]);
  });
});

describe("tables and Markdown say it before the numbers", () => {
  it("calc --overlay: the what-if with its title, the UNVERIFIED measures charged, what the totals leave out", () => {
    const r = tariff(["calc", SAMPLE, "--overlay", IEEPA]);
    expect(r.stdout.split("\n").slice(0, 7)).toEqual([
      'Schedule:   tariff-default 2026-12-05 "US duties on Canadian goods and Canadian surtaxes on US goods, 2025-01-01 to 2026-12-01", as of 2026-12-01 (US sources to 2026-09-29, CA to 2026-09-17)',
      `What-if:    ${IEEPA} "${IEEPA_TITLE}" applied on the schedule: not the rates in force`,
      // the overlay ends Section 122 before it began: us-122-surcharge is not charged, and gone from the schedule's 22
      "UNVERIFIED: ca-surtax-us-2025-1, ca-surtax-us-vehicles, us-232-autos, us-ad-softwood-lumber, us-cvd-softwood-lumber, us-ieepa-canada (6 of the measures charged here); the schedule marks 22 measures UNVERIFIED in all: facts its sources leave in doubt (see each measure's note)",
      "Duty:       the schedule's measures only; not included: normal customs duty (MFN/UST), MPF, HMF, GST/HST and other taxes and fees, unless the schedule has a measure for them",
      "Lines:      13 read, 13 computed, 0 rejected",
      "",
      "Duty totals (the schedule's measures only: no MFN duty, fees or taxes)",
    ]);
  });

  it("md: the same as a list, Markdown's characters escaped", () => {
    const r = tariff(["calc", SAMPLE, "--overlay", IEEPA, "-f", "md"]);
    expect(r.stdout.split("\n")[1]).toBe(`- **What-if:** fixtures/overlays/ieepa-never-struck-down.json "${IEEPA_TITLE}" applied on the schedule: not the rates in force`);
    expect(r.stdout).toContain("- **UNVERIFIED:** ca-surtax-us-2025-1, ");
    expect(r.stdout).toContain("### Duty totals (the schedule's measures only: no MFN duty, fees or taxes)\n");
  });
});
