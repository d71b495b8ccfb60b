/**
 * Issue #14, items 7 and 8 on the built CLI: per-measure duty columns and the
 * input's own columns in calc's CSV (and ndjson), and the warning for a code
 * that falls to a catch-all beside listed codes. Schedule:
 * fixtures/schedules/two-importers.json (measures in the order us-border,
 * ca-surtax, us-steel, us-ban, us-derivative); shipments:
 * fixtures/shipments/measure-columns.csv. Amounts by hand: US values rounded
 * to whole dollars, duties to the cent half away from zero. See issue #14.
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { fixture, tariff } from "../helpers/cli.js";

const SCHEDULE = fixture("schedules", "two-importers.json");
const FILE = fixture("shipments", "measure-columns.csv");
const STAMP = "two-importers 2026-01-01 as of 2026-12-01";
const WARNING = 'hs 8431.49.30.00 is on no product list and falls to sector "other_goods" of chapter 84, charged only by the US measures on all goods, though 2 listed codes (8431.49.10, …) share its first 6 digits: a mistyped code, or one the schedule lacks? If it is right, the duty is as charged';
const TOOL = "line,status,id,date,importer,origin,sector,hs,usmca,value,currency,content_value,fx_rate,customs_value,duty_currency,duty,duties,reason,schedule,what_if";
/** The tool's columns of each row up to `what_if`, as without the options. */
const ROWS = [
  // 1000.40 → 1000 (whole dollars) × 50% = 500.00; us-border excluded by us-steel
  `2,computed,S-1,2025-09-15,US,CA,steel,7208100000,N,1000.40,USD,,,1000.00,USD,500.00,us-steel 50% on value 1000.00 = 500.00,,${STAMP},`,
  // 2000 × 35% = 700.00 (us-border) and 2000 × 25% = 500.00 (on us-derivatives by 8431.49.10)
  `3,computed,D-1,2025-09-15,US,CA,other_goods,8431491020,N,2000.00,USD,,,2000.00,USD,1200.00,us-border 35% on value 2000.00 = 700.00; us-derivative 25% on value 2000.00 = 500.00,,${STAMP},`,
  // 400.50 × 25% = 100.125 → 100.13 (a tie, away from zero)
  `4,computed,C-1,2025-09-15,CA,US,other_goods,04069012,N,400.50,CAD,,,400.50,CAD,100.13,ca-surtax 25% on value 400.50 = 100.13,,${STAMP},`,
  // USMCA: us-border exempt; nothing else covers 8712: 0.00
  `5,computed,U-1,2025-09-15,US,CA,other_goods,8712000000,Y,1000.00,USD,,,1000.00,USD,0.00,,,${STAMP},`,
  // 1000 × 35% = 350.00: the catch-all's duty (the warned line)
  `6,computed,W-1,2025-09-15,US,CA,other_goods,8431493000,N,1000.00,USD,,,1000.00,USD,350.00,us-border 35% on value 1000.00 = 350.00,,${STAMP},`,
  `7,computed,N-1,2025-09-15,US,CA,other_goods,8431200000,N,1000.00,USD,,,1000.00,USD,350.00,us-border 35% on value 1000.00 = 350.00,,${STAMP},`,
  `8,rejected,Z-1,,,,,,,,,,,,,,,"hs: entry of these goods is prohibited on 2025-09-15 by Procl. 2 (measure us-ban): a ban, not a duty; the line is not priced",${STAMP},`,
];

describe("calc --measure-columns: a duty column per measure, known before the first row", () => {
  it("one column per charging measure of both importers, in schedule order; the ban has none; empty where a measure did not apply", () => {
    const r = tariff(["calc", FILE, "-s", SCHEDULE, "--format", "csv", "--measure-columns"]);
    expect.soft(r.code).toBe(1);
    // us-border, ca-surtax, us-steel, us-derivative
    const cells = [",,500.00,", "700.00,,,500.00", ",100.13,,", ",,,", "350.00,,,", "350.00,,,", ",,,"];
    expect(r.stdout).toBe(`${TOOL},duty_us-border,duty_ca-surtax,duty_us-steel,duty_us-derivative\n` + ROWS.map((row, i) => `${row},${cells[i]}\n`).join(""));
  });

  it("--importer names the only importer a run can meet: only its measures get columns", () => {
    const r = tariff(["calc", "-", "-s", SCHEDULE, "--format", "csv", "--measure-columns", "--importer", "US"], { input: "date,hs,value\n2025-09-15,7208.10,1000\n" });
    expect.soft(r.code).toBe(0);
    expect(r.stdout.split("\n")[0]).toBe(`${TOOL},duty_us-border,duty_us-steel,duty_us-derivative`);
    expect(r.stdout.split("\n")[1]).toMatch(/,,500\.00,$/);
  });

  it("goes with csv only", () => {
    const r = tariff(["calc", FILE, "-s", SCHEDULE, "--format", "ndjson", "--measure-columns"]);
    expect.soft(r.code).toBe(2);
    expect(r.stderr).toBe("tariff calc: --measure-columns goes with --format csv (json and ndjson list each line's duties by measure)\n");
  });
});

describe("calc --keep-columns: the input's own columns, so output lines join back", () => {
  it("after the tool's columns, as read; a clashing name gets in_; formula-looking cells neutralised; rejected lines keep theirs", () => {
    const r = tariff(["calc", FILE, "-s", SCHEDULE, "--format", "csv", "--measure-columns", "--keep-columns"]);
    expect.soft(r.code).toBe(1);
    const lines = r.stdout.split("\n");
    // id…usmca and Duty clash with the tool's columns (any case), duty_us-steel with a measure column; note does not.
    expect(lines[0]).toBe(`${TOOL},duty_us-border,duty_ca-surtax,duty_us-steel,duty_us-derivative,in_id,in_date,in_importer,in_hs,in_value,in_usmca,in_Duty,in_duty_us-steel,note`);
    expect(lines[1]).toBe(`${ROWS[0]},,,500.00,,S-1,2025-09-15,US,7208.10.00.00,1000.40,N,a,b,'=SUM(A1)`);
    expect(lines[3]).toBe(`${ROWS[2]},,100.13,,,C-1,2025-09-15,CA,0406.90.12,400.50,N,e,f,"x,y"`);
    expect(lines[4]).toBe(`${ROWS[3]},,,,,U-1,2025-09-15,US,8712.00.00.00,1000,Y,g,h,'@x`);
    expect(lines[5]).toBe(`${ROWS[4]},350.00,,,,W-1,2025-09-15,US,8431.49.30.00,1000,N,i,j,'-x`);
    expect(lines[6]).toBe(`${ROWS[5]},350.00,,,,N-1,2025-09-15,US,8431.20.00.00,1000,N,k,l,`);
    expect(lines[7]).toBe(`${ROWS[6]},,,,,Z-1,2025-09-15,US,8710.00.00.00,1000,N,m,n,banned`);
    expect(lines).toHaveLength(9); // and the final newline
  });

  it("keeps a field as the file has it, before a preset's value map (ACE's SPI stays S), without the preset's constant columns", () => {
    const r = tariff(["calc", fixture("shipments", "ace-entry-lines.csv"), "--preset", "ace", "--format", "csv", "--keep-columns"]);
    expect.soft(r.code).toBe(0);
    const lines = r.stdout.split("\n");
    expect(lines[0]).toBe(`${TOOL},Entry Number,Entry Date,Line Number,HTS Number,Description,Country of Origin,Entered Value,SPI,Line Duty`);
    expect(lines[2]).toMatch(/,Y,25000\.00,.*,ABC-1234567-8,09\/15\/2025,002,7208\.51\.0030,Hot-rolled steel plate,CA,"25,000\.00",S,0\.00$/);
  });

  it("ndjson: an input object with the header's names, null for a line rejected before its fields were read", () => {
    const r = tariff(["calc", "-", "-s", SCHEDULE, "--format", "ndjson", "--keep-columns"], { input: "id,date,importer,hs,value,id2,note\nA,2025-09-15,US,7208.10,1000,x,=1+2\nB,2025-09-15,US\n" });
    expect.soft(r.code).toBe(1);
    const [a, b] = r.stdout.trim().split("\n").map((l) => JSON.parse(l));
    expect(a.input).toEqual({ id: "A", date: "2025-09-15", importer: "US", hs: "7208.10", value: "1000", id2: "x", note: "=1+2" });
    expect(Object.keys(a).slice(-3)).toEqual(["schedule", "whatIf", "input"]);
    expect(b).toMatchObject({ status: "rejected", code: "shipment/field-count", input: null });
  });

  it("goes with csv or ndjson", () => {
    const r = tariff(["calc", FILE, "-s", SCHEDULE, "--format", "json", "--keep-columns"]);
    expect.soft(r.code).toBe(2);
    expect(r.stderr).toBe("tariff calc: --keep-columns goes with --format csv or ndjson\n");
  });
});

describe("a code that falls to a catch-all beside listed codes is warned, on its line and in the counts", () => {
  it("names the code, the chapter and the sector; 8431.20 (sharing only the heading with the list) is not warned", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "tariff-catch-all-"));
    const summary = path.join(dir, "summary.json");
    const r = tariff(["calc", FILE, "-s", SCHEDULE, "--format", "csv", "--summary", summary]);
    expect.soft(r.code).toBe(1);
    expect(r.stderr).toBe(`${FILE}:6: warning: hs: ${WARNING}\ntariff calc: 1 of 7 lines rejected\n`);
    const s = JSON.parse(readFileSync(summary, "utf8"));
    expect(s.warnings).toEqual([{ line: 6, column: "hs", message: WARNING }]);
    expect(s.counts).toEqual({ read: 7, computed: 6, rejected: 1, warned: 1 });
  });

  it("counted on stderr without --summary", () => {
    const r = tariff(["calc", FILE, "-s", SCHEDULE, "--format", "csv"]);
    expect(r.stderr).toContain("tariff calc: 1 of 7 lines computed with warnings (hs 1): check them\n");
  });
});
