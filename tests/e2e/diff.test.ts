// `tariff diff OLD NEW` run as a user would. See issue #6.
// Fixture pairs: fixtures/diff/README.md. Needs `npm run build` first.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { fixture, tariff } from "../helpers/cli.js";

const base = fixture("diff", "base.json");
const diff = (name: string, ...args: string[]) => tariff(["diff", base, fixture("diff", `${name}.json`), ...args]);
// Issue #16: after the title, both schedules (title, asOf) and the UNVERIFIED measures among those changed (ca-surtax's note says UNVERIFIED).
const SIDES = 'Old:        diff-base 2026-01-01 "Base schedule for the diff fixtures", as of 2026-01-01\nNew:        diff-base 2026-01-01 "Base schedule for the diff fixtures", as of 2026-01-01\n';
const UNVERIFIED = (changed: string) => `UNVERIFIED: ${changed}; the schedules mark 1 measure UNVERIFIED in all: facts their sources leave in doubt (see each measure's note)\n`;
const NONE_UNVERIFIED = UNVERIFIED("none of the measures changed here");
const HEADER = "Schedule diff: diff-base 2026-01-01 → diff-base 2026-01-01\n\n" + SIDES + NONE_UNVERIFIED + "\n";

describe("tariff diff: fixture pairs, exact output", () => {
  it.each<[string, number, string]>([
    ["reordered", 0, "No change in effect.\n"],
    ["rate-changed", 1, "~ us-metals  Metals duty\n    2025-06-04 → open: 25% → 50%\n\n1 measure changed; 1 rate changed.\n"],
    ["rate-changed-per-sector", 1, "~ us-border  Border tariff\n    2026-02-24 → open: 35% → 40% (all sectors but energy)\n\n1 measure changed; 1 rate changed.\n"],
    ["basis-changed", 1, "~ us-metals  Metals duty\n    2026-04-06 → open: basis content → value\n\n1 measure changed; 1 basis change.\n"],
    ["measure-added", 1, "+ ca-autos  Surtax on US vehicles\n    2025-04-09 → open: not in force → 25%\n\n1 measure added.\n"],
    ["in-force-changed", 1, "\u0000ca-surtax (1 of the measures changed here)\u0000~ ca-surtax  Surtax on US metals\n    2026-01-01 → open: 25% → not in force\n\n1 measure changed; 1 in-force change.\n"],
    [
      "sectors-changed",
      1,
      [
        "Sectors",
        "  + copper (Copper): hs 74",
        "  ~ steel (Steel): +7326, -7308",
        "",
        "~ us-border  Border tariff",
        "    2025-03-04 → 2025-08-01: copper: not covered → 25%",
        "    2025-08-01 → open: copper: not covered → 35%",
        "",
        "1 measure changed; 2 coverage changes; 1 sector added, 1 changed.",
        "",
      ].join("\n"),
    ],
    [
      "stacking-changed",
      1,
      "~ us-border  Border tariff\n    2026-01-01 → open: USMCA exempt → as other goods\n    2026-01-01 → open: excluded by us-metals → none\n\n1 measure changed; 1 USMCA change, 1 stacking change.\n",
    ],
  ])("base.json → %s.json exits %i", (name, code, body) => {
    const r = diff(name);
    expect.soft(r.stderr).toBe("");
    // A body starting "\0TEXT\0" has TEXT as its UNVERIFIED line
    const [, unverified, rest] = body.startsWith("\u0000") ? body.split("\u0000") : [undefined, undefined, body];
    const header = unverified === undefined ? HEADER : HEADER.replace(NONE_UNVERIFIED, UNVERIFIED(unverified));
    expect.soft(r.stdout).toBe(header + rest);
    expect(r.code).toBe(code);
  });

  it("a measure removed is the mirror image of one added", () => {
    const r = tariff(["diff", fixture("diff", "measure-added.json"), base]);
    expect.soft(r.stdout).toBe(HEADER + "- ca-autos  Surtax on US vehicles\n    2025-04-09 → open: 25% → not in force\n\n1 measure removed.\n");
    expect(r.code).toBe(1);
  });

  it("metadata only: listed apart, exit 0", () => {
    const r = diff("metadata-only");
    expect.soft(r.stdout).toBe(
      [
        "Schedule diff: diff-base 2026-01-01 → diff-base 2026-02-01",
        "",
        'Old:        diff-base 2026-01-01 "Base schedule for the diff fixtures", as of 2026-01-01',
        'New:        diff-base 2026-02-01 "Base schedule, relabelled", as of 2026-01-01',
        NONE_UNVERIFIED.trimEnd(),
        "",
        "Metadata (no effect on duties)",
        '  ~ version: "2026-01-01" → "2026-02-01"',
        '  ~ title: "Base schedule for the diff fixtures" → "Base schedule, relabelled"',
        '  ~ sector other_goods label: "Everything else" → "Other goods"',
        '  ~ ca-surtax note: "UNVERIFIED: end date not announced" → "End date announced for 2026-06-30"',
        '  ~ us-border label: "Border tariff" → "Border tariff (IEEPA)"',
        "  ~ us-border sources: + https://example.org/eo-1-amended",
        "",
        "No change in effect; 6 metadata changes without effect.",
        "",
      ].join("\n"),
    );
    expect(r.code).toBe(0);
  });
});

describe("tariff diff: formats", () => {
  it("json: the documented shape", () => {
    const r = diff("rate-changed-per-sector", "--format", "json");
    expect(r.code).toBe(1);
    const side = { id: "diff-base", version: "2026-01-01", title: "Base schedule for the diff fixtures", asOf: "2026-01-01", asOfByImporter: { US: "2026-01-01", CA: "2026-01-01" }, unverified: ["ca-surtax"] };
    expect(JSON.parse(r.stdout)).toEqual({
      format: "tariff-diff/1",
      old: side,
      new: side,
      filter: { at: null, importer: null, sector: null },
      changes: [{ kind: "changed", measure: "us-border", exceptSectors: ["energy"], field: "rate", from: "2026-02-24", until: null, before: "35%", after: "40%" }],
      metadata: [],
      summary: { measuresAdded: 0, measuresRemoved: 0, measuresChanged: 1, sectorsAdded: 0, sectorsRemoved: 0, sectorsChanged: 0, listsAdded: 0, listsRemoved: 0, listsChanged: 0, byField: { rate: 1 }, changes: 1, metadata: 0 },
    });
  });

  it("md: for a pull request comment", () => {
    const r = diff("sectors-changed", "--format", "md");
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(
      [
        "### Schedule diff: `diff-base` 2026-01-01 → `diff-base` 2026-01-01",
        "",
        '- **Old:** diff-base 2026-01-01 "Base schedule for the diff fixtures", as of 2026-01-01',
        '- **New:** diff-base 2026-01-01 "Base schedule for the diff fixtures", as of 2026-01-01',
        "- **UNVERIFIED:** none of the measures changed here; the schedules mark 1 measure UNVERIFIED in all: facts their sources leave in doubt (see each measure's note)",
        "",
        "**1 measure changed; 2 coverage changes; 1 sector added, 1 changed.**",
        "",
        "|  | Measure | Sector | Field | From | Until | Before | After |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
        "| `+` |  | copper | sector |  |  |  | 74 |",
        "| `~` |  | steel | HS prefixes |  |  | 72, 7308 | 72, 7326 |",
        "| `~` | us-border | copper | coverage | 2025-03-04 | 2025-08-01 | not covered | 25% |",
        "| `~` | us-border | copper | coverage | 2025-08-01 | open | not covered | 35% |",
        "",
      ].join("\n"),
    );
  });

  it("csv: changes and metadata, with an effect column", () => {
    const r = tariff(["diff", fixture("diff", "metadata-only.json"), fixture("diff", "rate-changed.json"), "--format", "csv"]);
    expect(r.code).toBe(1);
    expect(r.stdout.split("\n").slice(0, 3)).toEqual([
      "effect,kind,measure,sector,except_sectors,importer,field,from,until,before,after,list,old_schedule,new_schedule,what_if",
      "yes,changed,us-metals,,,,rate,2025-06-04,,25%,50%,,diff-base 2026-02-01 as of 2026-01-01,diff-base 2026-01-01 as of 2026-01-01,",
      "no,changed,,,,,version,,,2026-02-01,2026-01-01,,diff-base 2026-02-01 as of 2026-01-01,diff-base 2026-01-01 as of 2026-01-01,",
    ]);
  });

  it("the same inputs give byte-identical output, in every format, however the old file is written", () => {
    for (const format of ["table", "json", "md", "csv"]) {
      const a = diff("sectors-changed", "--format", format);
      const b = diff("sectors-changed", "--format", format);
      const reordered = tariff(["diff", fixture("diff", "reordered.json"), fixture("diff", "sectors-changed.json"), "--format", format]);
      expect(b.stdout).toBe(a.stdout);
      expect(reordered.stdout).toBe(a.stdout);
    }
  });
});

describe("tariff diff: filters", () => {
  it("--at shows the changes in force on that date, with their whole interval", () => {
    expect(diff("rate-changed-per-sector", "--at", "2026-03-01").stdout).toContain("2026-02-24 → open: 35% → 40%");
    const before = diff("rate-changed-per-sector", "--at", "2025-09-01");
    expect.soft(before.stdout).toBe("Schedule diff: diff-base 2026-01-01 → diff-base 2026-01-01 (in force on 2025-09-01)\n\n" + SIDES + NONE_UNVERIFIED + "\nNo change in effect.\n");
    expect(before.code).toBe(0);
  });

  it("--importer and --sector", () => {
    expect(diff("rate-changed", "--importer", "CA").code).toBe(0);
    expect(diff("rate-changed", "--importer", "us").code).toBe(1);
    expect(diff("rate-changed-per-sector", "--sector", "energy").code).toBe(0);
    const steel = diff("rate-changed-per-sector", "--sector", "steel");
    expect.soft(steel.stdout).toContain("2026-02-24 → open: 35% → 40%\n");
    expect(steel.code).toBe(1);
  });
});

describe("tariff diff: exit codes and trouble", () => {
  it("--quiet prints nothing; the exit code tells", () => {
    expect(diff("rate-changed", "--quiet")).toEqual({ code: 1, stdout: "", stderr: "" });
    expect(diff("reordered", "-q")).toEqual({ code: 0, stdout: "", stderr: "" });
  });

  it("an invalid schedule exits 2 with its diagnostics, never 1", () => {
    const r = diff("invalid");
    expect.soft(r.stdout).toBe("");
    expect.soft(r.stderr).toContain(`${fixture("diff", "invalid.json")}:103:19: error: measure "us-metals": period 2026-04-06 → open overlaps period 2025-03-12 → open (periods[0]) [schedule/overlapping-periods]`);
    expect.soft(r.stderr).toContain(`hint: end periods[0] with "until": "2026-04-06"`);
    expect(r.code).toBe(2);
  });

  it.each<[string, string[], string]>([
    ["an unreadable file", ["diff", base, "no-such-file.json"], "cannot read the file: no such file"],
    ["both on stdin", ["diff", "-", "-"], 'only one of OLD and NEW can be "-"'],
    ["a bad format", ["diff", base, base, "--format", "xml"], "--format must be one of"],
    ["a bad date", ["diff", base, base, "--at", "2025-02-30"], '"2025-02-30" is not a calendar date'],
    ["an unknown sector", ["diff", base, base, "--sector", "stel"], 'unknown sector "stel" in both schedules (did you mean "steel"?)'],
    ["a missing argument", ["diff", base], "missing required argument"],
  ])("%s exits 2", (_, args, message) => {
    const r = tariff(args);
    expect.soft(r.stderr).toContain(message);
    expect.soft(r.stdout).toBe("");
    expect(r.code).toBe(2);
  });

  it('reads one side from stdin ("-")', () => {
    const r = tariff(["diff", "-", fixture("diff", "rate-changed.json"), "--format", "json"], { input: readFileSync(base) });
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).changes).toHaveLength(1);
  });

  it("--help has examples and exit codes", () => {
    const r = tariff(["diff", "--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("$ tariff diff fixtures/diff/base.json fixtures/diff/rate-changed.json   # exit 1\n");
    expect(r.stdout).toContain("Exit codes: 0 no change in effect (metadata may differ); 1 changes in effect; 2 bad option, unreadable or invalid schedule.");
  });
});

describe("tariff diff: the embedded schedule", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "tariff-diff-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("diffed with itself: no change", () => {
    expect(tariff(["diff", "default", "default"])).toMatchObject({ code: 0, stderr: "" });
  });

  it("against an exported copy with one edited rate: exactly that edit", () => {
    const exported = tariff(["schedule", "export"]);
    expect(exported.code).toBe(0);
    const file = JSON.parse(exported.stdout);
    // A period with one rate for all its sectors, whose USMCA goods are exempt or
    // pay as others, so that the edit shows as one rate change and nothing else.
    let target: { measure: string; from: string; until: string | null; before: string } | undefined;
    for (const m of file.measures) {
      for (const p of m.periods) {
        const usmca = p.usmca ?? m.usmca;
        const exempt = (p.exemptions ?? m.exemptions ?? []).includes("usmca");
        if (target || typeof p.rate !== "string" || p.rates !== undefined || (usmca && !exempt)) continue;
        target = { measure: m.id, from: p.from, until: p.until ?? null, before: p.rate };
        p.rate = "99.5%";
      }
    }
    if (!target) throw new Error("the default schedule has no period with a single rate: pick another edit for this test");
    const edited = path.join(dir, "edited.json");
    writeFileSync(edited, JSON.stringify(file, null, 2));

    const r = tariff(["diff", "default", edited, "--format", "json"]);
    expect.soft(r.stderr).toBe("");
    expect(r.code).toBe(1);
    const body = JSON.parse(r.stdout);
    expect(body.changes).toEqual([{ kind: "changed", measure: target.measure, field: "rate", from: target.from, until: target.until, before: target.before, after: "99.5%" }]);
    expect(body.metadata).toEqual([]);

    const text = tariff(["diff", "default", edited]);
    expect(text.stdout).toContain(`~ ${target.measure}`);
    expect(text.stdout).toContain(`    ${target.from} → ${target.until ?? "open"}: ${target.before} → 99.5%\n`);
    expect(text.stdout).toContain("1 measure changed; 1 rate changed.\n");
  });
});
