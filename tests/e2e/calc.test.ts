/**
 * End-to-end: the built CLI on fixtures, checking stdout, stderr and exit code.
 * Expected amounts are worked out by hand from the domain brief in comments.
 */
import { mkdtempSync, readFileSync, readdirSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { BIN, ROOT, fixture, tariff } from "../helpers/cli.js";

const SAMPLE = fixture("shipments", "sample.csv");

function json(args: string[]) {
  const r = tariff([...args, "--format", "json"]);
  return { ...r, body: JSON.parse(r.stdout) as any };
}

describe("tariff calc on the sample file (embedded schedule)", () => {
  const { code, body, stderr } = json(["calc", SAMPLE]);

  it("computes every line, exit 0; on stderr only the warning for the line past the US sources", () => {
    expect(code).toBe(0);
    // INV-013 (2026-11-20) is after the US sources' asOf (2026-09-29): the schedule warns that later changes are not known (issue 12, item 7)
    expect(stderr).toBe(`${SAMPLE}:14: warning: date: date 2026-11-20 is after 2026-09-29, when the schedule's US sources end: later changes of the law are not known to it\n`);
    expect(body.counts).toEqual({ read: 13, computed: 13, rejected: 0, warned: 1 });
    expect(body.schedule).toMatchObject({ id: "tariff-default", version: "2026-12-05", asOf: "2026-12-01", asOfByImporter: { US: "2026-09-29", CA: "2026-09-17" }, overlays: [] });
  });

  it("gives each line the brief's amount", () => {
    const duty = Object.fromEntries(body.lines.map((l: any) => [l.id, l.duty]));
    expect(duty).toEqual({
      "INV-001": "0.00", // 2025-02-15: before IEEPA (2025-03-04)
      "INV-002": "2500.00", // 10,000 × 25%: USMCA exemption only from 2025-03-07 (us-measures.md §1)
      "INV-003": "3500.00", // 10,000 × 35% (us-measures.md §11 worked check)
      "INV-004": "0.00", // USMCA-qualifying: IEEPA exempt
      "INV-005": "600.00", // 232 steel 50% × content 1,200 (us-measures.md §2); IEEPA switched off (Procl. 10947)
      "INV-006": "4519.00", // 10,000 × (10% 232 + 20.56% AD + 14.63% CVD) = 1,000 + 2,056 + 1,463
      "INV-007": "1000.00", // Section 122 10% (us-measures.md §1b)
      "INV-008": "2000.00", // energy 10% × 20,000
      "INV-009": "687.50", // SOR/2025-66 25% × 2,750 (computation.md A7.5, line 2 in 2025)
      "INV-010": "0.00", // repealed 2025-09-01
      "INV-011": "4243.83", // 16,975.30 × 25% = 4,243.825 → 4,243.83 (A7.5 line 1)
      "INV-012": "11687.50", // 55,000 × 85% = 46,750 × 25% (A7.5 line 3)
      "INV-013": "10000.00", // 232 autos 25% × 40,000
    });
  });

  it("shows the measures behind each amount, and why the others did not apply", () => {
    const steel = body.lines.find((l: any) => l.id === "INV-005");
    expect(steel.duties).toEqual([{ measure: "us-232-steel", heading: steel.duties[0].heading, rate: "50%", basis: "content", share: null, base: "1200.00", amount: "600.00" }]);
    expect(steel.skipped).toContainEqual({ measure: "us-ieepa-canada", why: "excluded by us-232-steel" });
    const usmca = body.lines.find((l: any) => l.id === "INV-004");
    expect(usmca.skipped).toContainEqual({ measure: "us-ieepa-canada", why: "exempt (usmca)" });
    const vehicle = body.lines.find((l: any) => l.id === "INV-012");
    expect(vehicle.duties[0]).toMatchObject({ measure: "ca-surtax-us-vehicles", share: "85%", base: "46750.00", amount: "11687.50" });
  });

  it("totals per currency reconcile with the lines, never mixing USD and CAD", () => {
    // USD: 0 + 2,500 + 3,500 + 0 + 600 + 4,519 + 1,000 + 2,000 + 10,000 = 24,119.00
    // CAD: 687.50 + 0 + 4,243.83 + 11,687.50 = 16,618.83
    expect(body.totals.USD.duty).toBe("24119.00");
    expect(body.totals.CAD.duty).toBe("16618.83");
    expect(body.totals.USD.lines).toBe(9);
    expect(body.totals.CAD.lines).toBe(4);
    expect(body.totals.USD.byMeasure["us-ieepa-canada"]).toEqual({ lines: 3, base: "40000.00", duty: "8000.00" });
    expect(body.totals.CAD.bySector.autos).toEqual({ lines: 1, value: "55000.00", duty: "11687.50" });
  });
});

describe("rejections: every line is counted", () => {
  const { code, body } = json(["calc", fixture("shipments", "rejections.csv")]);

  it("rejects each bad row with its line, column and reason; exit 1", () => {
    expect(code).toBe(1);
    // Line 9 (hs 9903.01.10) is no longer rejected: the default schedule's sector special_provisions holds chapters 98/99,
    // so every chapter maps to a sector (the "maps to no sector" rejection is tested on a schedule without it, error-catalogue).
    expect(body.counts).toEqual({ read: 18, computed: 3, rejected: 15 });
    expect(body.rejected.map((r: any) => [r.line, r.column, r.reason])).toEqual([
      [3, "date", 'date "2025/03/04" is not a date YYYY-MM-DD: write 2025-03-04, or give --date-format YMD'],
      [4, "date", 'date "03/04/2025" is not a date YYYY-MM-DD (day and month order is ambiguous: give --date-format MDY or DMY, or write YYYY-MM-DD)'],
      [5, "date", "date 2024-12-31 is before the schedule's first date 2025-01-01"],
      [6, "importer", 'unknown importer "MX": expected US or CA'],
      [7, "sector", 'unknown sector "steal" (did you mean "steel"?)'],
      [8, "hs", 'hs "87x2" is not an HS code (2 to 10 digits, dots optional)'],
      [10, "hs", "neither hs nor sector is given"],
      [11, "value", "value -5.00 is negative: customs values are 0 or more"],
      [12, "value", 'value "1,234.56" has a thousands separator: write 1234.56, or give --thousands , if the file writes amounts so'],
      [13, "value", 'value "$1234.56" has a currency symbol: write the number only and the currency in the currency column'],
      [14, "value", "value is empty"],
      [15, "content_value", "content_value 150.00 is greater than value 100.00"],
      [16, "usmca", 'usmca "maybe" is not Y or N (yes/no, true/false, 1/0 also accepted)'],
      [17, "currency", "currency EUR is not the importer's USD: give --fx FILE with EUR/USD rates"],
      [18, null, "expected 10 fields as in the header, found 11"],
    ]);
    expect(body.lines.map((l: any) => l.id)).toEqual(["ok-1", "unmapped-hs", "ok-2"]);
    // 2025-09-15, other goods of Canada: IEEPA 35% × 100 = 35.00 on ok-1 and on the chapter 99 line (special_provisions)
    expect(body.lines.map((l: any) => [l.id, l.sector, l.duty])).toEqual([["ok-1", "other_goods", "35.00"], ["unmapped-hs", "special_provisions", "35.00"], ["ok-2", "aluminum", "25.00"]]);
  });

  it("lists rejections on stderr in table mode, results still on stdout", () => {
    const r = tariff(["calc", fixture("shipments", "rejections.csv")]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("Lines:      18 read, 3 computed, 15 rejected\n");
    expect(r.stderr).toContain("fixtures/shipments/rejections.csv:3: rejected: date: date \"2025/03/04\" is not a date YYYY-MM-DD: write 2025-03-04, or give --date-format YMD\n");
    expect(r.stderr).toContain("fixtures/shipments/rejections.csv:18: rejected: expected 10 fields as in the header, found 11\n");
    expect(r.stderr.trimEnd().split("\n").at(-1)).toBe("tariff calc: 15 of 18 lines rejected");
  });
});

describe("CSV dialects", () => {
  it("rejects a line with bytes that are not UTF-8, with its line, and computes the rest", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "tariff-latin1-"));
    const f = path.join(dir, "latin1.csv");
    writeFileSync(f, Buffer.concat([Buffer.from("date,importer,hs,value,id\n2025-09-15,US,8712,100,ok\n2025-09-15,US,8712,100,caf"), Buffer.from([0xe9]), Buffer.from("\n2025-09-15,US,8712,100,ok2\n")]));
    const { code, body } = json(["calc", f]);
    expect(code).toBe(1);
    expect(body.counts).toEqual({ read: 3, computed: 2, rejected: 1 });
    const reason = "the line has bytes that are not UTF-8 text: save the file as UTF-8 (in Excel: CSV UTF-8), or give --encoding windows-1252 for an Excel or Windows export";
    expect(body.rejected).toEqual([{ line: 3, id: null, column: "id", code: "shipment/not-utf8", reason, faults: [{ column: "id", code: "shipment/not-utf8", reason }] }]);
  });

  it("rejects a repeated header and a totals row, and warns about a 9-digit HS code", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "tariff-sheet-"));
    const f = path.join(dir, "sheet.csv");
    writeFileSync(f, "id,date,importer,hs,value\nA,2025-09-15,US,8712,100\nid,date,importer,hs,value\nC,2025-09-15,US,101210000,100\nTotal,,,,200\n");
    const { code, body } = json(["calc", f]);
    expect(code).toBe(1);
    expect(body.rejected.map((r: any) => [r.line, r.code])).toEqual([[3, "shipment/repeated-header"], [5, "shipment/totals-row"]]);
    expect(body.warnings).toEqual([{ line: 4, column: "hs", message: "hs 101210000 has 9 digits: a leading zero may have been lost (0101210000?); used as given" }]);
    // in table mode, warnings in file order, then the rejections grouped by code (issue #14)
    expect(tariff(["calc", f]).stderr.split("\n").map((l) => l.replace(f, "F"))).toEqual([
      "F:4: warning: hs: hs 101210000 has 9 digits: a leading zero may have been lost (0101210000?); used as given",
      "shipment/repeated-header: 1 line rejected",
      "  F:3: rejected: the header row is repeated here: remove it (files joined together?)",
      "shipment/totals-row: 1 line rejected",
      "  F:5: rejected: a totals row, not a shipment: remove it (tariff computes the totals)",
      "tariff calc: 1 of 4 lines computed with warnings (hs 1): check them",
      "tariff calc: 2 of 4 lines rejected",
      "",
    ]);
  });

  it("accepts a BOM, CRLF, case-insensitive headers, quoted commas and line breaks; reports physical lines", () => {
    const { code, body } = json(["calc", fixture("shipments", "bom-crlf-multiline.csv")]);
    expect(code).toBe(0);
    // line 1 header; L-1 spans lines 2–3 (quoted CRLF); line 4 blank; L-2 on line 5
    expect(body.lines.map((l: any) => [l.line, l.id, l.duty])).toEqual([[2, "L-1", "35.00"], [5, "L-2", "70.00"]]);
  });

  it("reads stdin with -", () => {
    const r = tariff(["calc", "-", "--format", "json", "--no-lines"], { input: readFileSync(path.join(ROOT, SAMPLE)) });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).totals.USD.duty).toBe("24119.00");
  });
});

describe("fatal input problems exit 2 with a location", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "tariff-calc-"));
  const write = (name: string, text: string | Buffer) => {
    const p = path.join(dir, name);
    writeFileSync(p, text);
    return p;
  };

  it("a missing required column names it", () => {
    const f = write("no-value.csv", "date,importer,hs,valu\n2025-09-15,US,8712,100\n");
    const r = tariff(["calc", f]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`${f}:1: error: missing required column "value" in the header (found: date, importer, hs, valu) [csv/missing-column]\nhint: did you mean "valu" for "value"?\n`);
    expect(r.stdout).toBe("");
  });

  it("a quote never closed", () => {
    const f = write("quote.csv", 'date,importer,hs,value\n2025-09-15,US,8712,"100\n');
    const r = tariff(["calc", f]);
    expect(r.code).toBe(2);
    // the record that opens the quote starts on line 2, after the header
    expect(r.stderr).toContain(`${f}:2: error: not valid CSV: a quoted field that starts after line 1 is never closed`);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it("a file that does not exist, and a folder", () => {
    expect(tariff(["calc", path.join(dir, "nope.csv")])).toMatchObject({ code: 2, stdout: "" });
    expect(tariff(["calc", path.join(dir, "nope.csv")]).stderr).toContain("no such file");
    expect(tariff(["calc", dir]).stderr).toContain("it is a folder, not a file");
  });

  it("an empty file", () => {
    const f = write("empty.csv", "");
    const r = tariff(["calc", f]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("is empty: expected a header row");
  });

  it("an invalid schedule stops before reading shipments", () => {
    const f = write("bad-schedule.json", '{"format":"tariff-schedule/9"}');
    const r = tariff(["calc", SAMPLE, "--schedule", f]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown format "tariff-schedule/9"');
  });

  it("usage errors", () => {
    expect(tariff(["calc", SAMPLE, "--format", "xml"]).code).toBe(2);
    expect(tariff(["calc", SAMPLE, "--by", "colour"]).code).toBe(2);
    expect(tariff(["calc", SAMPLE, "--explain", "zero"]).code).toBe(2);
  });
});

describe("formats", () => {
  it("csv streams one row per input line with totals on stderr", () => {
    const r = tariff(["calc", fixture("shipments", "rejections.csv"), "--format", "csv"]);
    expect(r.code).toBe(1);
    const rows = r.stdout.trimEnd().split("\n");
    // Issue #16: the schedule and the what-if overlays (none here) added as the last columns of every row.
    expect(rows[0]).toBe("line,status,id,date,importer,origin,sector,hs,usmca,value,currency,content_value,fx_rate,customs_value,duty_currency,duty,duties,reason,schedule,what_if");
    expect(rows).toHaveLength(1 + 18);
    expect(rows[1]).toBe("2,computed,ok-1,2025-09-15,US,CA,other_goods,871200,N,100.00,USD,,,100.00,USD,35.00,us-ieepa-canada 35% on value 100.00 = 35.00,,tariff-default 2026-12-05 as of 2026-12-01,");
    expect(rows[2]).toBe('3,rejected,bad-date,,,,,,,,,,,,,,,"date: date ""2025/03/04"" is not a date YYYY-MM-DD: write 2025-03-04, or give --date-format YMD",tariff-default 2026-12-05 as of 2026-12-01,');
    expect(r.stderr).toContain("tariff calc: 18 lines read, 3 computed, 15 rejected\n");
    // ok-1 and line 9 (9903.01.10, special_provisions): 35% × 100 each = 70.00 on 200.00; ok-2 (CA aluminum 7601.10.00): 25% × 100 = 25.00
    expect(r.stderr).toContain("tariff calc: USD duty 70.00 on customs value 200.00 (2 lines)\n");
    expect(r.stderr).toContain("tariff calc: CAD duty 25.00 on customs value 100.00 (1 lines)\n");
  });

  it("ndjson gives one object per line and --summary writes the totals as JSON", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "tariff-ndjson-"));
    const summary = path.join(dir, "summary.json");
    const r = tariff(["calc", SAMPLE, "--format", "ndjson", "--summary", summary]);
    expect(r.code).toBe(0);
    const objects = r.stdout.trimEnd().split("\n").map((l) => JSON.parse(l));
    expect(objects).toHaveLength(13);
    expect(objects[2]).toMatchObject({ status: "computed", line: 4, id: "INV-003", duty: "3500.00" });
    expect(JSON.parse(readFileSync(summary, "utf8"))).toMatchObject({ counts: { read: 13, computed: 13, rejected: 0 }, totals: { CAD: { duty: "16618.83" } } });
    // INV-013 (2026-11-20) is past the US sources (2026-09-29)
    expect(r.stderr).toBe(`${SAMPLE}:14: warning: date: date 2026-11-20 is after 2026-09-29, when the schedule's US sources end: later changes of the law are not known to it\n`);
  });

  it("md prints the totals as a Markdown table", () => {
    const r = tariff(["calc", SAMPLE, "--format", "md", "--by", "sector"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("| Currency | Lines | Customs value | Duty |\n| --- | ---: | ---: | ---: |\n| CAD | 4 | 77475.30 | 16618.83 |\n| USD | 9 | 125000.00 | 24119.00 |\n");
    expect(r.stdout).toContain("### Duty by sector");
  });

  it("table shows totals, breakdown and lines", () => {
    const r = tariff(["calc", SAMPLE, "--by", "month", "--lines"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Duty totals");
    expect(r.stdout).toMatch(/│ USD\s+│\s+9 │\s+125000\.00 │\s+24119\.00 │/);
    expect(r.stdout).toContain("Duty by month");
    expect(r.stdout).toContain("us-232-steel 50% on content 1200.00 = 600.00");
    expect(r.stdout).not.toMatch(/\x1b\[/); // NO_COLOR
  });

  it("the same input gives byte-identical output", () => {
    expect(tariff(["calc", SAMPLE, "--format", "json"]).stdout).toBe(tariff(["calc", SAMPLE, "--format", "json"]).stdout);
  });
});

describe("explain, fx, -o", () => {
  it("--explain LINE prints the reasoning in words", () => {
    const r = tariff(["calc", SAMPLE, "--explain", "6"]);
    expect(r.code).toBe(0);
    expect(r.stdout.split("\n").slice(0, 4)).toEqual([
      "Line 6 (INV-005): US import from CA on 2025-09-15, sector steel_construction_fasteners (hs 73089095), not USMCA-qualifying.",
      "Declared value 5000.00 USD, content 1200.00 USD.",
      "- us-232-steel (9903.81.90) applies: 50% of the content value, base 1200.00 USD → 600.00 USD.",
      "- us-ieepa-canada does not apply: excluded by us-232-steel.",
    ]);
    expect(r.stdout.trimEnd().split("\n").at(-1)).toBe("Duty on this line: 600.00 USD.");
    expect(tariff(["calc", SAMPLE, "--explain", "99"])).toMatchObject({ code: 2, stderr: `tariff calc: there is no shipment on line 99 of ${SAMPLE}\n` });
    expect(tariff(["calc", fixture("shipments", "rejections.csv"), "--explain", "6"])).toMatchObject({ code: 1, stdout: `${fixture("shipments", "rejections.csv")}:6 is rejected: importer: unknown importer "MX": expected US or CA\n` });
  });

  it("--fx converts with the latest rate on or before the line's date and shows it", () => {
    const { code, body } = json(["calc", fixture("shipments", "foreign-currency.csv"), "--fx", fixture("fx", "usd-cad.csv")]);
    expect(code).toBe(1);
    const byId = Object.fromEntries(body.lines.map((l: any) => [l.id, l]));
    // 12,345.67 × 1.3750 = 16,975.29625 → 16,975.30 × 25% = 4,243.825 → 4,243.83 (computation.md A7.5 line 1)
    expect(byId["A7.5-1"]).toMatchObject({ fx: { pair: "USD/CAD", date: "2026-03-02", rate: "1.3750" }, customsValue: "16975.30", duty: "4243.83" });
    // 1,000 × 1.3812 (the 2026-03-09 rate) = 1,381.20 × 25% = 345.30
    expect(byId["NEWER-RATE"]).toMatchObject({ fx: { date: "2026-03-09" }, duty: "345.30" });
    // US line invoiced in CAD: 10,000 × 0.7215 = 7,215 (whole dollars) × 35% = 2,525.25
    expect(byId["US-IN-CAD"]).toMatchObject({ customsValue: "7215.00", duty: "2525.25" });
    const reason = "no USD/CAD rate on or before 2026-03-01 in the fx file";
    expect(body.rejected).toEqual([{ line: 6, id: "TOO-EARLY", column: "currency", code: "shipment/no-fx-rate", reason, faults: [{ column: "currency", code: "shipment/no-fx-rate", reason }] }]);
  });

  it("-o writes the file atomically and leaves no temp file", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "tariff-out-"));
    const out = path.join(dir, "duties.json");
    const r = tariff(["calc", SAMPLE, "--format", "json", "-o", out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("");
    expect(JSON.parse(readFileSync(out, "utf8")).counts.computed).toBe(13);
    expect(readdirSync(dir)).toEqual(["duties.json"]);
  });

  it("a failed run leaves an existing output file untouched", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "tariff-out-"));
    const out = path.join(dir, "duties.json");
    writeFileSync(out, "previous\n");
    const bad = path.join(dir, "bad.csv");
    writeFileSync(bad, 'date,importer,hs,value\n2025-09-15,US,8712,100\n2025-09-15,US,8712,"1\n');
    const r = tariff(["calc", bad, "--format", "json", "-o", out]);
    expect(r.code).toBe(2);
    expect(readFileSync(out, "utf8")).toBe("previous\n");
    expect(readdirSync(dir).sort()).toEqual(["bad.csv", "duties.json"]);
  });

  it("a closed pipe ends quietly", () => {
    const r = spawnSync("sh", ["-c", `node ${BIN} calc ${SAMPLE} --format csv | head -n 2`], { cwd: ROOT, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
    expect(r.status).toBe(0);
    expect(r.stdout.split("\n")).toHaveLength(3);
    expect(r.stderr).not.toMatch(/Error|at /);
    expect(existsSync(ROOT)).toBe(true);
  });
});
