/**
 * Overlays end to end: `tariff validate` on overlay files (the shipped
 * examples, and located errors with did-you-mean), and `tariff calc --overlay`
 * applying overlays in order. Amounts worked out by hand in comments.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, fixture, tariff } from "../helpers/cli.js";

const SAMPLE = fixture("shipments", "sample.csv");
const WHAT_IF = fixture("shipments", "what-if-2026.csv");
const overlay = (name: string) => fixture("overlays", name);

function calcJson(file: string, overlays: string[]) {
  const r = tariff(["calc", file, ...overlays.flatMap((o) => ["--overlay", o]), "--format", "json"]);
  const body = r.stdout ? (JSON.parse(r.stdout) as any) : undefined;
  const duty: Record<string, string> = Object.fromEntries((body?.lines ?? []).map((l: any) => [l.id, l.duty]));
  return { ...r, body, duty };
}

describe("fixture READMEs", () => {
  it.each([
    ["fixtures/overlays", ".json"],
    ["fixtures/overlays/invalid", ".json"],
    ["fixtures/shipments", ".csv"],
  ])("%s: every file is described in its README", (dir, ext) => {
    const readmeDir = dir.endsWith("invalid") ? "fixtures/overlays" : dir;
    const prefix = dir.endsWith("invalid") ? "invalid/" : "";
    const readme = readFileSync(path.join(ROOT, readmeDir, "README.md"), "utf8");
    for (const f of readdirSync(path.join(ROOT, dir)).filter((x) => x.endsWith(ext))) expect(readme, f).toContain(`- \`${prefix}${f}\`: `);
  });
});

describe("tariff validate on overlays", () => {
  it("every shipped example overlay is valid against the embedded schedule (exit 0, silent)", () => {
    const examples = readdirSync(path.join(ROOT, "fixtures/overlays")).filter((f) => f.endsWith(".json")).sort();
    expect(examples).toEqual(expect.arrayContaining(["canada-lifts-metal-surtax-at-review.json", "empty.json", "ieepa-never-struck-down.json", "metals-232-at-25.json", "section-122-to-year-end.json"]));
    const r = tariff(["validate", ...examples.map(overlay)]);
    expect.soft(r.stderr).toBe("");
    expect.soft(r.stdout).toBe("");
    expect(r.code).toBe(0);
  });

  it("unknown measure, unknown sector and a typo'd key: file:line:col, the excerpt, did-you-mean; exit 1", () => {
    const r = tariff(["validate", overlay("invalid/unknown-measure.json"), overlay("invalid/unknown-sector.json"), overlay("invalid/unknown-key.json")]);
    expect.soft(r.stdout).toBe("");
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      [
        'fixtures/overlays/invalid/unknown-measure.json:5:18: error: changes[0]: measure "us-232-stel" is not in schedule tariff-default [overlay/unknown-measure]',
        '5 |     { "measure": "us-232-stel", "from": "2026-01-01", "rate": "30%" }',
        "  |                  ^",
        'hint: did you mean "us-232-steel"?',
        "fixtures/overlays/invalid/unknown-measure.json: 1 error",
        'fixtures/overlays/invalid/unknown-sector.json:5:66: error: changes[0]: sector "steal" is not in schedule tariff-default [overlay/unknown-sector]',
        '5 |     { "measure": "us-232-steel", "from": "2026-01-01", "sector": "steal", "rate": "30%" }',
        "  |                                                                  ^",
        'hint: did you mean "steel"?',
        "fixtures/overlays/invalid/unknown-sector.json: 1 error",
        'fixtures/overlays/invalid/unknown-key.json:5:56: error: unknown key "rat" in changes[0] [overlay/unknown-key]',
        '5 |     { "measure": "us-232-steel", "from": "2026-01-01", "rat": "30%" }',
        "  |                                                        ^",
        'hint: did you mean "rate"?',
        "fixtures/overlays/invalid/unknown-key.json: 1 error",
        "",
      ].join("\n"),
    );
  });

  it("--format json gives the same diagnostics as objects, with a JSON pointer", () => {
    const r = tariff(["validate", overlay("invalid/unknown-key.json"), overlay("empty.json"), "--format", "json"]);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toEqual({
      format: "tariff-validate/1",
      valid: false,
      files: [
        {
          file: "fixtures/overlays/invalid/unknown-key.json", kind: "overlay", valid: false, warnings: [], errorCount: 1,
          errors: [{ code: "overlay/unknown-key", severity: "error", message: 'unknown key "rat" in changes[0]', file: "fixtures/overlays/invalid/unknown-key.json", line: 5, column: 56, pointer: "/changes/0/rat", hint: 'did you mean "rate"?' }],
        },
        { file: "fixtures/overlays/empty.json", kind: "overlay", valid: true, errorCount: 0, errors: [], warnings: [] },
      ],
    });
  });

  it("--schedule checks an overlay against another schedule's ids", () => {
    // fixtures/schedules/minimal.json has "us-steel" and no aluminum measure: both changes are located
    const r = tariff(["validate", overlay("metals-232-at-25.json"), "--schedule", fixture("schedules", "minimal.json")]);
    expect(r.code).toBe(1);
    expect(r.stderr.split("\n").filter((l) => l.includes(" error: "))).toEqual([
      'fixtures/overlays/metals-232-at-25.json:6:18: error: changes[0]: measure "us-232-steel" is not in schedule minimal [overlay/unknown-measure]',
      'fixtures/overlays/metals-232-at-25.json:7:18: error: changes[1]: measure "us-232-aluminum" is not in schedule minimal [overlay/unknown-measure]',
    ]);
  });
});

describe("tariff calc --overlay", () => {
  it("applies an overlay: ieepa-never-struck-down on the sample", () => {
    const r = calcJson(SAMPLE, [overlay("ieepa-never-struck-down.json")]);
    // INV-013 (2026-11-20) is after the US sources end (2026-09-29): the staleness warning, with the overlay as without it
    expect.soft(r.stderr).toBe(`${SAMPLE}:14: warning: date: date 2026-11-20 is after 2026-09-29, when the schedule's US sources end: later changes of the law are not known to it\n`);
    expect(r.code).toBe(0);
    // INV-007 (2026-03-10, 10,000 bicycles): IEEPA 35% (us-measures.md §1) = 3,500.00 instead of Section 122 10% (§1b) = 1,000.00
    expect(r.duty["INV-007"]).toBe("3500.00");
    expect(r.body.lines.find((l: any) => l.id === "INV-007").duties.map((d: any) => [d.measure, d.rate, d.amount])).toEqual([["us-ieepa-canada", "35%", "3500.00"]]);
    // USD 24,119.00 − 1,000.00 + 3,500.00 = 26,619.00; CAD unchanged 16,618.83
    expect([r.body.totals.USD.duty, r.body.totals.CAD.duty]).toEqual(["26619.00", "16618.83"]);
  });

  it("metals-232-at-25 changes the 2025 steel and aluminum measures only until they end (2026-04-06)", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "tariff-metals-"));
    const f = path.join(dir, "metals.csv");
    writeFileSync(f, "id,date,importer,origin,hs,value,content_value\nST-0915,2025-09-15,US,CA,7208.10.00.00,1000,\nST-0405,2026-04-05,US,CA,7208.10.00.00,1000,\nST-0701,2026-07-01,US,CA,7208.10.00.00,1000,\n");
    const base = calcJson(f, []);
    const what = calcJson(f, [overlay("metals-232-at-25.json")]);
    expect([base.code, what.code]).toEqual([0, 0]);
    const duties = (r: typeof base, id: string) => r.body.lines.find((l: any) => l.id === id).duties.map((d: any) => [d.measure, d.heading, d.rate, d.amount]);
    // 2025-09-15: 232 steel 50% on content; no content_value → the whole value 1,000 (us-measures.md §2) = 500.00 → 25% = 250.00
    expect(duties(base, "ST-0915")).toEqual([["us-232-steel", "9903.81.87", "50%", "500.00"]]);
    expect(duties(what, "ST-0915")).toEqual([["us-232-steel", "9903.81.87", "25%", "250.00"]]);
    // 2026-04-05, the last day of the 2025 regime: the same 500.00 → 250.00 (Section 122 on the non-content part, 0 here, is unchanged)
    expect(what.duty["ST-0405"]).toBe("250.00");
    // 2026-07-01: us-232-metals Annex I-A 50% × 1,000 = 500.00 with or without the overlay; us-232-steel is not extended past its end
    expect(duties(base, "ST-0701")).toEqual([["us-232-metals", "9903.82.02", "50%", "500.00"]]);
    expect(duties(what, "ST-0701")).toEqual(duties(base, "ST-0701"));
  });

  it('metals-annex-i-b-at-50 sets one product list\'s rate ("list"): Annex I-B 25% → 50% from 2026-10-01, the other tiers unchanged', () => {
    const dir = mkdtempSync(path.join(tmpdir(), "tariff-annex-"));
    const f = path.join(dir, "annex.csv");
    // 7321.11.10 (gas stoves of steel) is on Annex I-B only; 7208.10.00.00 on Annex I-A; 8417.90.00 (furnace parts) on Annex III
    writeFileSync(f, "id,date,importer,origin,hs,value\nIB-0930,2026-09-30,US,CA,7321.11.10,1000\nIB-1001,2026-10-01,US,CA,7321.11.10,1000\nIB-HALF,2026-10-01,US,CA,7321.11.10,1000.50\nIA-1001,2026-10-01,US,CA,7208.10.00.00,1000\nIII-1001,2026-10-01,US,CA,8417.90.00,1000\n");
    const base = calcJson(f, []);
    const what = calcJson(f, [overlay("metals-annex-i-b-at-50.json")]);
    expect([base.code, what.code]).toEqual([0, 0]);
    // every line is dated after the US sources end (2026-09-29): the same staleness warning per line, with the overlay as without it
    const stale = (line: number, date: string) => `${f}:${line}: warning: date: date ${date} is after 2026-09-29, when the schedule's US sources end: later changes of the law are not known to it\n`;
    const warnings = stale(2, "2026-09-30") + [3, 4, 5, 6].map((n) => stale(n, "2026-10-01")).join("");
    expect.soft(base.stderr).toBe(warnings);
    expect.soft(what.stderr).toBe(warnings);
    const duties = (r: typeof base, id: string) => r.body.lines.find((l: any) => l.id === id).duties.map((d: any) => [d.measure, d.heading, d.rate, d.base, d.amount]);
    // the day before: 1,000 × 25% = 250.00 under 9903.82.09, with or without the overlay
    expect(duties(base, "IB-0930")).toEqual([["us-232-metals", "9903.82.09", "25%", "1000.00", "250.00"]]);
    expect(duties(what, "IB-0930")).toEqual(duties(base, "IB-0930"));
    // from 2026-10-01: 1,000 × 25% = 250.00 → 1,000 × 50% = 500.00, the heading kept
    expect(duties(base, "IB-1001")).toEqual([["us-232-metals", "9903.82.09", "25%", "1000.00", "250.00"]]);
    expect(duties(what, "IB-1001")).toEqual([["us-232-metals", "9903.82.09", "50%", "1000.00", "500.00"]]);
    // 1,000.50 is valued 1,001 (whole dollars, half away from zero): 1,001 × 25% = 250.25 → 1,001 × 50% = 500.50
    expect([base.duty["IB-HALF"], what.duty["IB-HALF"]]).toEqual(["250.25", "500.50"]);
    // Annex I-A 50% (500.00) and Annex III 15% (150.00) unchanged
    expect(duties(what, "IA-1001")).toEqual([["us-232-metals", "9903.82.02", "50%", "1000.00", "500.00"]]);
    expect(duties(what, "III-1001")).toEqual([["us-232-metals", "9903.82.10", "15%", "1000.00", "150.00"]]);
    expect(duties(base, "IA-1001")).toEqual(duties(what, "IA-1001"));
    expect(duties(base, "III-1001")).toEqual(duties(what, "III-1001"));
    // USD 250.00 + 250.00 + 250.25 + 500.00 + 150.00 = 1,400.25 → 250.00 + 500.00 + 500.50 + 500.00 + 150.00 = 1,900.50
    expect([base.body.totals.USD.duty, what.body.totals.USD.duty]).toEqual(["1400.25", "1900.50"]);
  });

  it("applies overlays in the order given: each sees the one before", () => {
    // BIKE-0901 (2026-09-01, 10,000 bicycles, not USMCA) pays Section 301 10% = 1,000.00 (us-measures.md §1c) in every case.
    // never-struck-down, then back-to-25: IEEPA 35% from 2026-02-24, then 25% from 2026-06-01 → 2,500.00 + 1,000.00
    const a = calcJson(WHAT_IF, [overlay("ieepa-never-struck-down.json"), overlay("ieepa-back-to-25.json")]);
    // the other order: 25% from 2026-06-01, then 35% from 2026-02-24 over it → 3,500.00 + 1,000.00
    const b = calcJson(WHAT_IF, [overlay("ieepa-back-to-25.json"), overlay("ieepa-never-struck-down.json")]);
    expect([a.code, b.code]).toEqual([0, 0]);
    expect([a.duty["BIKE-0901"], b.duty["BIKE-0901"]]).toEqual(["3500.00", "4500.00"]);
    expect(a.body.lines.find((l: any) => l.id === "BIKE-0901").duties.map((d: any) => [d.measure, d.rate, d.amount])).toEqual([
      ["us-ieepa-canada", "25%", "2500.00"],
      ["us-301-forced-labor", "10%", "1000.00"],
    ]);
    // USMCA goods stay exempt from both (IEEPA from 2025-03-07, §1; Section 301, §1c)
    expect([a.duty["BIKE-USMCA"], b.duty["BIKE-USMCA"]]).toEqual(["0.00", "0.00"]);
  });

  it("an invalid overlay stops the run before any line: exit 2, located, nothing on stdout", () => {
    const r = tariff(["calc", SAMPLE, "--overlay", overlay("invalid/unknown-sector.json")]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe(
      [
        'fixtures/overlays/invalid/unknown-sector.json:5:66: error: changes[0]: sector "steal" is not in schedule tariff-default [overlay/unknown-sector]',
        '5 |     { "measure": "us-232-steel", "from": "2026-01-01", "sector": "steal", "rate": "30%" }',
        "  |                                                                  ^",
        'hint: did you mean "steel"?',
        "tariff: the overlays cannot be applied to schedule default",
        "",
      ].join("\n"),
    );
  });
});

describe("--overlay on rates and diff", () => {
  it("rates lists the measures in force under a what-if", () => {
    // ieepa-never-struck-down: IEEPA 35% continues after 2026-02-24 (us-measures.md §1a what-if)
    const r = tariff(["rates", "--at", "2026-09-01", "--importer", "US", "--sector", "other_goods", "--overlay", overlay("ieepa-never-struck-down.json"), "--format", "json"]);
    expect(r.code).toBe(0);
    const ieepa = JSON.parse(r.stdout).measures.find((m: { measure: string }) => m.measure === "us-ieepa-canada");
    expect(ieepa).toMatchObject({ from: "2026-02-24", until: null, terms: { rate: "35%" } });
    const plain = JSON.parse(tariff(["rates", "--at", "2026-09-01", "--importer", "US", "--sector", "other_goods", "--format", "json"]).stdout);
    expect(plain.measures.map((m: { measure: string }) => m.measure)).not.toContain("us-ieepa-canada");
  });

  it("diff shows exactly what an overlay changes, exit 1", () => {
    const r = tariff(["diff", "default", "default", "--overlay", overlay("canada-lifts-metal-surtax-at-review.json"), "--format", "json"]);
    expect(r.code).toBe(1);
    const changes = JSON.parse(r.stdout).changes.map((c: { measure: string; field: string; from: string; until: string | null }) => [c.measure, c.field, c.from, c.until]);
    expect(changes).toEqual([
      ["ca-surtax-us-aluminum", "in-force", "2026-07-01", null],
      ["ca-surtax-us-steel", "in-force", "2026-07-01", null],
    ]);
    expect(tariff(["diff", "default", "default", "--overlay", overlay("empty.json")]).code).toBe(0);
  });

  it("diff shows a list's rate change: one change, on the list, from the overlay's date", () => {
    const r = tariff(["diff", "default", "default", "--overlay", overlay("metals-annex-i-b-at-50.json"), "--format", "json"]);
    expect.soft(r.stderr).toBe("");
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).changes).toEqual([
      { kind: "changed", measure: "us-232-metals", list: "us-232-metals-annex-1b", field: "rate", from: "2026-10-01", until: null, before: "25%", after: "50%" },
    ]);
    const table = tariff(["diff", "default", "default", "--overlay", overlay("metals-annex-i-b-at-50.json")]);
    expect(table.stdout).toContain("2026-10-01 → open: list us-232-metals-annex-1b: 25% → 50%");
  });
});
