/**
 * `tariff reconcile` (issue #15, item 4) on the built CLI, with the small
 * schedule fixtures/schedules/ieepa-refund.json (IEEPA Canada 35% from
 * 2025-08-01, 232 steel 50% from 2025-06-04, Section 122 10% from 2026-02-24:
 * us-measures.md §1, §1b, §2). Amounts worked out by hand beside each case.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { fixture, tariff } from "../helpers/cli.js";

const SCHEDULE = ["-s", fixture("schedules", "ieepa-refund.json")];
const ACE = fixture("shipments", "ace-reconcile.csv");
const json = (args: string[]) => {
  const r = tariff([...args, "--format", "json"]);
  return { ...r, body: r.stdout ? JSON.parse(r.stdout) : undefined };
};

describe("an ACE export with companion rows: one line's IEEPA declared 5 cents short, the others to the cent", () => {
  const { code, body, stderr } = json(["reconcile", ACE, "--preset", "ace", ...SCHEDULE]);

  it("exits 1 and finds the one line that differs, explained by us-ieepa-canada on the companion row's line", () => {
    expect(code).toBe(1);
    expect(body.format).toBe("tariff-reconcile/1");
    expect(body.tolerance).toBe("0.00");
    // line 2: 10,000 × 35% = 3,500.00, declared 3,500.00 (line 3)
    // line 4: 2,500.50 → 2,501 × 35% = 875.35, declared 875.30 (line 5): -0.05
    // line 6: USMCA steel 25,000 × 50% = 12,500.00 declared on line 8; 9903.01.14 at 0.00 on line 7 (IEEPA's USMCA heading, unknown to the schedule)
    // line 9: USMCA cheese, nothing charged, nothing declared
    // line 10: 2026-03-02, Section 122 10% × 1,000 = 100.00 declared on line 11
    // line 12: 9403.20 shelving (other goods), 4,000 × 35% = 1,400.00 declared on line 13
    expect(body.lines.map((l: any) => [l.line, l.status, l.computed, l.declared, l.difference])).toEqual([
      [2, "match", "3500.00", "3500.00", "0.00"],
      [4, "differs", "875.35", "875.30", "-0.05"],
      [6, "match", "12500.00", "12500.00", "0.00"],
      [9, "match", "0.00", "0.00", "0.00"],
      [10, "match", "100.00", "100.00", "0.00"],
      [12, "match", "1400.00", "1400.00", "0.00"],
    ]);
    expect(body.lines[1].explainedBy).toEqual([{ kind: "measure", measure: "us-ieepa-canada", heading: "9903.01.10", difference: "-0.05", lines: [5] }]);
    expect(body.lines[1].measures).toEqual([{ measure: "us-ieepa-canada", heading: "9903.01.10", computed: "875.35", declared: "875.30", difference: "-0.05", lines: [5] }]);
    expect(body.lines[2].unknownHeadings).toEqual([{ line: 7, heading: "9903.01.14", declared: "0.00" }]);
    expect(body.lines[2].companions).toEqual([7, 8]);
    expect(stderr).toBe("tariff reconcile: 1 of 6 lines differ, 0 declare nothing (tolerance 0.00)\n");
  });

  it("per entry: the sums of its lines, with the lines behind them", () => {
    expect(body.entries.map((e: any) => [e.entry, e.status, e.lines, e.computed, e.declared, e.difference, e.differing])).toEqual([
      ["ABC-1234567-8", "differs", [2, 4], "4375.35", "4375.30", "-0.05", [4]],
      ["ABC-7654321-0", "match", [6, 9], "12500.00", "12500.00", "0.00", []],
      ["DEF-0000123-4", "match", [10], "100.00", "100.00", "0.00", []],
      ["DEF-0000456-7", "match", [12], "1400.00", "1400.00", "0.00", []],
    ]);
    expect(body.entries[0].byMeasure).toEqual({ "us-ieepa-canada": { computed: "4375.35", declared: "4375.30", difference: "-0.05" } });
    // 3,500 + 875.35 + 12,500 + 0 + 100 + 1,400 = 18,375.35 computed; 18,375.30 declared
    expect(body.totals).toEqual({ USD: { lines: 6, matched: 5, differing: 1, undeclared: 0, computed: "18375.35", declared: "18375.30", difference: "-0.05", computedUndeclared: "0.00" } });
    expect(body.counts).toEqual({ read: 6, computed: 6, rejected: 0, companions: 6, matched: 5, differing: 1, undeclared: 0 });
  });

  it("--tolerance 0.05 lets the 5 cents pass: exit 0", () => {
    const r = json(["reconcile", ACE, "--preset", "ace", ...SCHEDULE, "--tolerance", "0.05"]);
    expect(r.code).toBe(0);
    expect(r.body.lines[1].status).toBe("match");
    expect(r.body.tolerance).toBe("0.05");
    expect(r.stderr).toBe("");
  });

  it("the table says what the report is, then totals, entries, and the lines that differ with what explains them", () => {
    const r = tariff(["reconcile", ACE, "--preset", "ace", ...SCHEDULE]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("Declared:  chapter 99 companion rows, matched to measures by heading");
    expect(r.stdout).toContain("Lines:     6 read, 5 match, 1 differ, 0 declare nothing, 0 rejected\n");
    expect(r.stdout).toMatch(/│ ABC-1234567-8 USD │ 2025-09-15 │ differs │ 2 4 +│ +4375\.35 │ +4375\.30 │ +-0\.05 │ us-ieepa-canada -0\.05 +│/);
    expect(r.stdout).toMatch(/│ +4 │ ABC-1234567-8 \/ 002 │ differs │ +875\.35 │ +875\.30 │ +-0\.05 │ us-ieepa-canada \(9903\.01\.10\) -0\.05, line 5 +│/);
  });
});

describe("an ACE export that matches to the cent", () => {
  it("exits 0 (the existing sample: 3,500.00, 12,500.00, 0.00 and 875.35 declared as computed)", () => {
    const r = json(["reconcile", fixture("shipments", "ace-entry-lines.csv"), "--preset", "ace", ...SCHEDULE]);
    expect(r.code).toBe(0);
    expect(r.body.counts).toMatchObject({ read: 4, matched: 4, differing: 0, undeclared: 0 });
    expect(r.stderr).toBe("");
  });
});

describe("declared_duty and declared_<measure> columns", () => {
  const FILE = fixture("shipments", "declared-columns.csv");

  it("per line: the total, the measure's column, a line that declares nothing; two currencies kept apart", () => {
    const { code, body } = json(["reconcile", FILE, ...SCHEDULE]);
    expect(code).toBe(1);
    // line 5: 500 × 35% = 175.00, declared_us-ieepa-canada 125.00 (the 25% rate) → -50.00; line 6 declares nothing
    expect(body.lines.map((l: any) => [l.line, l.status, l.declaredFrom, l.difference])).toEqual([
      [2, "match", "declared_duty", "0.00"],
      [3, "match", "declared_duty", "0.00"],
      [4, "match", "declared_duty", "0.00"],
      [5, "differs", "measures", "-50.00"],
      [6, "undeclared", null, null],
      [7, "match", "declared_duty", "0.00"],
      [8, "match", "declared_duty", "0.00"],
    ]);
    expect(body.lines[3].explainedBy).toEqual([{ kind: "measure", measure: "us-ieepa-canada", heading: "9903.01.10", difference: "-50.00", lines: [5] }]);
    expect(Object.keys(body.totals)).toEqual(["CAD", "USD"]);
    // USD computed 3,500 + 250 + 1,000 + 175 + 105 + 100 = 5,130.00; declared over the lines that declare: 5,130 − 105 − 50 = 4,975.00
    expect(body.totals.USD).toMatchObject({ computed: "5130.00", declared: "4975.00", difference: "-50.00", computedUndeclared: "105.00", undeclared: 1 });
    expect(body.entries.find((e: any) => e.entry === "E01-0000003-3")).toMatchObject({ status: "undeclared", declared: null, difference: null, undeclared: [6] });
  });

  it("csv: one row per line, streamed, the report's schedule on every row", () => {
    const r = tariff(["reconcile", FILE, ...SCHEDULE, "--format", "csv"]);
    expect(r.code).toBe(1);
    const rows = r.stdout.trimEnd().split("\n");
    expect(rows[0]).toBe("line,status,id,entry,entry_line,date,importer,currency,computed,declared,difference,declared_from,explained_by,measures,reason,schedule,what_if");
    expect(rows[4]).toBe("5,differs,BIKE-3,E01-0000002-2,,2025-09-15,US,USD,175.00,125.00,-50.00,measures,\"us-ieepa-canada (9903.01.10) -50.00, line 5\",us-ieepa-canada 9903.01.10 computed 175.00 declared 125.00 difference -50.00,,ieepa-refund 2026-12-01 as of 2026-12-01,");
    expect(rows[5]).toBe("6,undeclared,BIKE-4,E01-0000003-3,,2025-09-15,US,USD,105.00,,,,,us-ieepa-canada 9903.01.10 computed 105.00 declared -,,ieepa-refund 2026-12-01 as of 2026-12-01,");
    expect(r.stderr).toBe("tariff reconcile: 7 lines read, 5 match, 1 differ, 1 declare nothing, 0 rejected; schedule ieepa-refund 2026-12-01 as of 2026-12-01; duty: the schedule's measures only; not included: normal customs duty (MFN/UST), MPF, HMF, GST/HST and other taxes and fees, unless the schedule has a measure for them\n");
  });

  it("md: the header as a list, the tables in Markdown", () => {
    const r = tariff(["reconcile", FILE, ...SCHEDULE, "--format", "md"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("- **Declared:** declared\\_duty (the line's duty of the schedule's measures); per measure: declared\\_us-ieepa-canada\n");
    expect(r.stdout).toContain("| 6 | E01-0000003-3 | undeclared | 105.00 | - | - | nothing declared on this line |");
  });
});

describe("exit codes 1 and 2", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "tariff-reconcile-"));
  const write = (name: string, text: string) => {
    const f = path.join(dir, name);
    writeFileSync(f, text);
    return f;
  };

  it("a declared amount that is not a number rejects its line: exit 1, the rejection in the output", () => {
    const f = write("bad-amount.csv", "date,importer,origin,hs,value,declared_duty\n2025-09-15,US,CA,8712,1000,350.00\n2025-09-15,US,CA,8712,1000,$350\n");
    const r = json(["reconcile", f, ...SCHEDULE]);
    expect(r.code).toBe(1);
    expect(r.body.rejected).toEqual([{ line: 3, id: null, column: "declared_duty", code: "shipment/bad-amount", reason: 'declared_duty "$350" has a currency symbol: write the number only and the currency in the currency column', faults: [{ column: "declared_duty", code: "shipment/bad-amount", reason: 'declared_duty "$350" has a currency symbol: write the number only and the currency in the currency column' }] }]);
    expect(r.body.counts).toMatchObject({ read: 2, computed: 1, rejected: 1, matched: 1 });
  });

  it("exit 2: a file that declares nothing, a declared_ column of no measure, a bad tolerance or format, a missing file", () => {
    const nothing = tariff(["reconcile", fixture("shipments", "sample.csv")]);
    expect(nothing.code).toBe(2);
    expect(nothing.stdout).toBe("");
    expect(nothing.stderr).toContain("error: fixtures/shipments/sample.csv declares no duty: reconcile needs a declared_duty column");
    const typo = tariff(["reconcile", write("typo.csv", "date,importer,origin,hs,value,declared_us-ieepa-canda\n2025-09-15,US,CA,8712,1000,350\n"), ...SCHEDULE]);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('declares duty of measure "us-ieepa-canda", which the schedule does not have [reconcile/unknown-measure-column]');
    expect(typo.stderr).toContain('hint: did you mean "declared_us-ieepa-canada"?');
    expect(tariff(["reconcile", fixture("shipments", "declared-columns.csv"), "--tolerance", "-0.01"])).toMatchObject({ code: 2, stdout: "", stderr: 'tariff reconcile: --tolerance must be an amount of 0 or more in cents such as 0.01, got "-0.01"\n' });
    expect(tariff(["reconcile", fixture("shipments", "declared-columns.csv"), "--format", "html"])).toMatchObject({ code: 2, stderr: 'tariff reconcile: --format must be one of table, json, csv, md, got "html"\n' });
    expect(tariff(["reconcile", path.join(dir, "missing.csv")]).code).toBe(2);
  });
});

describe("colour", () => {
  const ESC = /\x1b\[/;
  const colour = { env: { NO_COLOR: "", FORCE_COLOR: "1" } };
  it("the table's status is coloured when colour is asked for; md, csv and json never hold an escape; NO_COLOR wins", () => {
    const args = ["reconcile", ACE, "--preset", "ace", ...SCHEDULE];
    expect(ESC.test(tariff(args, colour).stdout)).toBe(true);
    expect(ESC.test(tariff([...args, "--no-color"], colour).stdout)).toBe(false);
    expect(ESC.test(tariff(args, { env: { NO_COLOR: "1", FORCE_COLOR: "1" } }).stdout)).toBe(false);
    for (const f of ["md", "csv", "json"]) expect.soft(ESC.test(tariff([...args, "-f", f, "--color"], colour).stdout), f).toBe(false);
    for (const f of ["table", "md", "csv", "json"]) expect.soft(ESC.test(tariff(["refund", ACE, "--preset", "ace", ...SCHEDULE, "-f", f, "--no-color"], colour).stdout), `refund ${f}`).toBe(false);
  }, 120_000); // eleven runs of the CLI
});

describe("a what-if says so", () => {
  it("the header names the overlay, and csv has it on every row", () => {
    const overlay = fixture("overlays", "empty.json");
    const t = tariff(["reconcile", ACE, "--preset", "ace", ...SCHEDULE, "--overlay", overlay]);
    expect(t.stdout).toMatch(/^Schedule: +ieepa-refund 2026-12-01 "IEEPA Canada/);
    expect(t.stdout).toContain(`What-if:   ${overlay} "`);
    const c = tariff(["reconcile", ACE, "--preset", "ace", ...SCHEDULE, "--overlay", overlay, "--format", "csv"]);
    const rows = c.stdout.trimEnd().split("\n").slice(1);
    expect(rows.length).toBe(6);
    for (const row of rows) expect(row).toContain(`,ieepa-refund 2026-12-01 as of 2026-12-01,${overlay}: `);
    const j = json(["refund", ACE, "--preset", "ace", ...SCHEDULE, "--overlay", overlay]);
    expect(j.body.schedule.overlays).toEqual([overlay]);
  });
});

describe("an ACE report downloaded as a workbook (fixtures/shipments/ace-entry-lines.xlsx): reconciled as its CSV is", () => {
  it("matches the CSV's lines to the cent, and rejects the extra entry's goods line whose value is n/a at its sheet row", () => {
    const csv = json(["reconcile", fixture("shipments", "ace-entry-lines.csv"), "--preset", "ace", ...SCHEDULE]);
    const book = json(["reconcile", fixture("shipments", "ace-entry-lines.xlsx"), "--preset", "ace", ...SCHEDULE]);
    expect(csv.code).toBe(0);
    expect(book.code).toBe(1);
    expect(book.body.lines).toEqual(csv.body.lines);
    expect(book.body.rejected.map((r: any) => [r.line, r.code])).toEqual([[9, "shipment/bad-amount"]]);
  });

  it("--sheet names a sheet the workbook does not have: exit 2 with the sheets it has", () => {
    const r = tariff(["refund", fixture("shipments", "ace-entry-lines.xlsx"), "--preset", "ace", ...SCHEDULE, "--sheet", "Nope"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('the workbook has no sheet named "Nope" (its sheets: "Entry Lines") [xlsx/no-sheet]');
  });
});
