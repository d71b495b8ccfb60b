/**
 * `tariff refund` (issue #15, item 5) on the built CLI, with the small
 * schedule fixtures/schedules/ieepa-refund.json (IEEPA Canada in force
 * 2025-03-04 to 2026-02-24: us-measures.md §1) and the shipped program
 * refunds/ieepa.json (CAPE: "Entry Number", at most 9,999 entries a file).
 */
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
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
const dir = mkdtempSync(path.join(tmpdir(), "tariff-refund-"));

describe("an ACE export with importers of record", () => {
  const cape = path.join(dir, "cape");
  const { code, body, stderr } = json(["refund", ACE, "--preset", "ace", ...SCHEDULE, "--cape", cape]);

  it("per entry: the IEEPA duty as paid, the entry date, the lines behind it", () => {
    expect(code).toBe(0);
    expect(body.format).toBe("tariff-refund/1");
    expect(body.program).toMatchObject({ id: "ieepa-cape", measures: ["us-ieepa-canada"], period: [{ from: "2025-03-04", until: "2026-02-24" }] });
    // ABC-1234567-8: 3,500.00 (line 3) + 875.30 (line 5: the broker paid 875.30 where 875.35 was computed)
    // DEF-0000456-7: 1,400.00 (line 13; 4,000 × 35%)
    expect(body.entries.map((e: any) => [e.entry, e.capeEntryNumber, e.importerOfRecord, e.date, e.lines, e.declaredLines, e.computed, e.declared, e.amount, e.from, e.claimable])).toEqual([
      ["ABC-1234567-8", "ABC12345678", "12-3456789AB", "2025-09-15", [2, 4], [3, 5], "4375.35", "4375.30", "4375.30", "declared", true],
      ["DEF-0000456-7", "DEF00004567", "98-7654321CD", "2025-11-20", [12], [13], "1400.00", "1400.00", "1400.00", "declared", true],
    ]);
    expect(body.importersOfRecord).toEqual([
      { importerOfRecord: "12-3456789AB", currency: "USD", entries: 1, lines: 2, amount: "4375.30" },
      { importerOfRecord: "98-7654321CD", currency: "USD", entries: 1, lines: 1, amount: "1400.00" },
    ]);
    expect(body.totals).toEqual({ USD: { entries: 2, computed: "5775.35", amount: "5775.30" } });
  });

  it("the line after the IEEPA period is counted and said, not dropped", () => {
    expect(body.notClaimed.outsidePeriod).toEqual([10]);
    expect(body.notClaimed.noDuty).toEqual([6, 9]);
    expect(body.counts).toEqual({ read: 6, computed: 6, rejected: 0, companions: 6, claimed: 3, noDuty: 2, outsidePeriod: 1, otherImporter: 0 });
    expect(stderr).toContain("tariff refund: 1 line dated outside the IEEPA period (2025-03-04 to 2026-02-23), not claimed: 10\n");
  });

  it("--cape: one CAPE file per importer of record, headed Entry Number, entry numbers without dashes", () => {
    expect(readdirSync(cape).sort()).toEqual(["cape-12-3456789AB-001.csv", "cape-98-7654321CD-001.csv"]);
    expect(readFileSync(path.join(cape, "cape-12-3456789AB-001.csv"), "utf8")).toBe("Entry Number\r\nABC12345678\r\n");
    expect(readFileSync(path.join(cape, "cape-98-7654321CD-001.csv"), "utf8")).toBe("Entry Number\r\nDEF00004567\r\n");
    expect(body.claimFiles).toEqual([
      { file: path.join(cape, "cape-12-3456789AB-001.csv"), importerOfRecord: "12-3456789AB", entries: 1 },
      { file: path.join(cape, "cape-98-7654321CD-001.csv"), importerOfRecord: "98-7654321CD", entries: 1 },
    ]);
    expect(stderr).toContain(`tariff refund: 2 CAPE files written in ${cape} (cape-12-3456789AB-001.csv: 1 entry, cape-98-7654321CD-001.csv: 1 entry)\n`);
  });

  it("--from computed claims what the schedule computes: 3,500.00 + 875.35 + 1,400.00 = 5,775.35", () => {
    const r = json(["refund", ACE, "--preset", "ace", ...SCHEDULE, "--from", "computed"]);
    expect(r.code).toBe(0);
    expect(r.body.totals.USD.amount).toBe("5775.35");
    expect(r.body.entries.map((e: any) => e.from)).toEqual(["computed", "computed"]);
  });

  it("table and csv: every entry with its figures; csv one row per entry", () => {
    const t = tariff(["refund", ACE, "--preset", "ace", ...SCHEDULE]);
    expect(t.code).toBe(0);
    expect(t.stdout).toContain("Refund:   us-ieepa-canada (ieepa-cape), in force 2025-03-04 to 2026-02-23\n");
    expect(t.stdout).toContain("To claim: 5775.30 USD on 2 entries\n");
    expect(t.stdout).toMatch(/│ ABC-1234567-8 │ 2025-09-15 │ 12-3456789AB +│ 2 4 +│ +4375\.35 │ +4375\.30 │ 4375\.30 USD │ declared │ yes +│/);
    const c = tariff(["refund", ACE, "--preset", "ace", ...SCHEDULE, "--format", "csv"]);
    expect(c.stdout.split("\n").slice(0, 3)).toEqual([
      "entry,cape_entry_number,importer_of_record,date,currency,lines,computed,declared,amount,from,claimable,note,schedule,what_if",
      "ABC-1234567-8,ABC12345678,12-3456789AB,2025-09-15,USD,2 4,4375.35,4375.30,4375.30,declared,Y,,ieepa-refund 2026-12-01 as of 2026-12-01,",
      "DEF-0000456-7,DEF00004567,98-7654321CD,2025-11-20,USD,12,1400.00,1400.00,1400.00,declared,Y,,ieepa-refund 2026-12-01 as of 2026-12-01,",
    ]);
  });
});

describe("refund and calc agree", () => {
  it("the refund from computed amounts is the IEEPA part of calc's totals by measure (the sample, embedded schedule)", () => {
    const calc = json(["calc", fixture("shipments", "sample.csv"), "--no-lines"]);
    const refund = json(["refund", fixture("shipments", "sample.csv"), "--from", "computed"]);
    // The sample gives no entry numbers: the amount cannot go in a claim file (exit 1), but it is computed.
    expect(refund.code).toBe(1);
    const ieepa = calc.body.totals.USD.byMeasure["us-ieepa-canada"].duty;
    expect(Number(ieepa)).toBeGreaterThan(0);
    expect(refund.body.totals.USD.amount).toBe(ieepa);
  });
});

describe("claim files of at most 9,999 entries", () => {
  it("10,001 entries of one importer make two files: 9,999 and 2", () => {
    const lines = ["entry,date,importer,origin,hs,value"];
    for (let i = 1; i <= 10_001; i++) lines.push(`ABC-${String(i).padStart(7, "0")}-1,2025-09-15,US,CA,8712,100`);
    const file = path.join(dir, "many.csv");
    writeFileSync(file, lines.join("\n") + "\n");
    const cape = path.join(dir, "many");
    const r = tariff(["refund", file, ...SCHEDULE, "--cape", cape, "--format", "csv", "-o", path.join(dir, "many-out.csv")]);
    expect(r.code).toBe(0);
    expect(readdirSync(cape).sort()).toEqual(["cape-entries-001.csv", "cape-entries-002.csv"]);
    const first = readFileSync(path.join(cape, "cape-entries-001.csv"), "utf8").split("\r\n");
    const second = readFileSync(path.join(cape, "cape-entries-002.csv"), "utf8").split("\r\n");
    // ABC-0000001-1 → ABC00000011 …; sorted, the first 9,999 in the first file (a header, 9,999 lines, the last CRLF)
    expect([first.length, first[0], first[1], first[9999], first[10_000]]).toEqual([10_001, "Entry Number", "ABC00000011", "ABC00099991", ""]);
    expect(second).toEqual(["Entry Number", "ABC00100001", "ABC00100011", ""]);
  });
});

describe("findings and trouble", () => {
  it("an entry to claim without a usable entry number: exit 1, said, left out of the CAPE file", () => {
    const file = path.join(dir, "bad-entry.csv");
    writeFileSync(file, "entry,date,importer,origin,hs,value\nABC-1234567-8,2025-09-15,US,CA,8712,1000\nAB-12,2025-09-15,US,CA,8712,1000\n,2025-09-15,US,CA,8712,1000\n");
    const cape = path.join(dir, "bad");
    const r = json(["refund", file, ...SCHEDULE, "--cape", cape]);
    expect(r.code).toBe(1);
    expect(readFileSync(path.join(cape, "cape-entries-001.csv"), "utf8")).toBe("Entry Number\r\nABC12345678\r\n");
    expect(r.stderr).toContain("tariff refund: entry AB-12 (350.00 USD to claim): entry number is not 11 letters and digits: it cannot go in a CAPE file\n");
    expect(r.stderr).toContain("tariff refund: lines 4 (350.00 USD to claim): no entry number: it cannot go in a CAPE file\n");
    expect(r.body.notClaimed.entriesNotClaimable).toEqual([
      { entry: "AB-12", lines: [3], amount: "350.00", why: "entry number is not 11 letters and digits" },
      { entry: null, lines: [4], amount: "350.00", why: "no entry number" },
    ]);
  });

  it("csv: a rejected line has a row of its own, before the entries; exit 1", () => {
    const file = path.join(dir, "rejected.csv");
    writeFileSync(file, "entry,date,importer,origin,hs,value\nABC-1234567-8,2025-09-15,US,CA,8712,1000\nABC-1234567-9,2025/09/15,US,CA,8712,1000\n");
    const r = tariff(["refund", file, ...SCHEDULE, "--format", "csv"]);
    expect(r.code).toBe(1);
    expect(r.stdout.split("\n").slice(1, 3)).toEqual([
      ',,,,,3,,,,,N,"line 3 rejected: date: date ""2025/09/15"" is not a date YYYY-MM-DD: write 2025-09-15, or give --date-format YMD",ieepa-refund 2026-12-01 as of 2026-12-01,',
      "ABC-1234567-8,ABC12345678,,2025-09-15,USD,2,350.00,,350.00,computed,Y,,ieepa-refund 2026-12-01 as of 2026-12-01,",
    ]);
  });

  it("a Canadian line is of another importer: counted and said", () => {
    const r = json(["refund", fixture("shipments", "declared-columns.csv"), ...SCHEDULE]);
    expect(r.code).toBe(0);
    expect(r.body.notClaimed.otherImporter).toEqual([7]);
    expect(r.stderr).toContain("tariff refund: 1 line levied by another importer than US, not claimed: 7\n");
  });

  it("exit 2: --cape into a folder that holds files, an unknown --measure, a bad --from", () => {
    const full = path.join(dir, "full");
    mkdirSync(full);
    writeFileSync(path.join(full, "cape-entries-001.csv"), "Entry Number\r\n");
    expect(tariff(["refund", ACE, "--preset", "ace", "--cape", full])).toMatchObject({ code: 2, stdout: "", stderr: `tariff refund: --cape ${full} is not empty (it holds cape-entries-001.csv): give a new or empty folder, so that no claim file of an earlier run is uploaded by mistake\n` });
    expect(tariff(["refund", ACE, "--preset", "ace", ...SCHEDULE, "--measure", "us-ieepa-canda"])).toMatchObject({ code: 2, stderr: 'tariff refund: --measure us-ieepa-canda: schedule ieepa-refund has no such measure (did you mean "us-ieepa-canada"?)\n' });
    expect(tariff(["refund", ACE, "--preset", "ace", "--from", "paid"])).toMatchObject({ code: 2, stderr: 'tariff refund: --from must be declared or computed, got "paid"\n' });
  });
});
