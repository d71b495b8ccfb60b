/**
 * Excel workbooks in, and rejects a user can fix (issue #14, items 5 and 6),
 * on the built CLI. The workbook is fixtures/shipments/workbook.xlsx, made by
 * fixtures/shipments/make-workbooks.mjs (see the README beside it). Rates:
 * IEEPA 35% on Canadian goods on 2025-09-15 (us-measures.md §11; the same
 * line as sample.csv's INV-003), Canada's 25% surtax on US orange juice on
 * 2025-06-01 and none after its repeal on 2025-09-01 (sample.csv INV-009/010).
 * US values are rounded to whole dollars first (19 CFR 159.3). See issue #14.
 */
import { copyFileSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { fixture, runMain, tariff } from "../helpers/cli.js";

const BOOK = fixture("shipments", "workbook.xlsx");
const L = `${BOOK}[Lines]`;
const scratch = () => mkdtempSync(path.join(tmpdir(), "tariff-workbooks-"));
const json = (args: string[], options: Parameters<typeof tariff>[1] = {}) => {
  const r = tariff([...args, "--format", "json"], options);
  return { ...r, body: r.stdout ? JSON.parse(r.stdout) : undefined };
};

const SHEET_NOTE = `${L}: warning: read the first of 3 sheets, "Lines" (the others: "Canada", "Notes") [xlsx/sheet]\nhint: give --sheet NAME to read another\n`;
const HS_ZERO = "hs is the number 406901200 in the workbook, which cannot keep the code's leading zero: read as 0406901200; format the column as Text to keep codes as written";
const HS_POINT = "hs is the number 4202.2 in the workbook, which cannot keep the code's trailing zero: read as 4202.20; format the column as Text to keep codes as written";
const BAD_DATE = 'date "03/04/2025" is not a date YYYY-MM-DD (day and month order is ambiguous: give --date-format MDY or DMY, or write YYYY-MM-DD)';
const MX = 'unknown importer "MX": expected US or CA';
const THOUSANDS = 'value "1,000.00" has a thousands separator: write 1000.00, or give --thousands , if the file writes amounts so';

describe("an Excel workbook: the first sheet", () => {
  const { code, body, stderr } = json(["calc", BOOK]);

  it("prices each row to the cent, the line being the sheet's row number", () => {
    expect(code).toBe(1);
    // row 2: cheese, value cell 10000.1 → 10000 whole dollars × 35% = 3500.00
    // row 3: bicycles, value =E2*2 (cached 20000.2) → 20000 × 35% = 7000.00
    // row 7: handbags, 2500.5 → 2501 × 35% = 875.35
    // row 8: cheese, 100 × 35% = 35.00 (row 4 is empty: skipped, not counted)
    expect(body.lines.map((l: any) => [l.line, l.id, l.date, l.hs, l.value, l.duty])).toEqual([
      [2, "XL-1", "2025-09-15", "0406901200", "10000.10", "3500.00"],
      [3, "XL-2", "2025-09-15", "8712000000", "20000.20", "7000.00"],
      [7, "XL-5", "2025-09-15", "420220", "2500.50", "875.35"],
      [8, "XL-6", "2025-09-15", "0406901200", "100.00", "35.00"],
    ]);
    expect(body.totals.USD.duty).toBe("11410.35"); // 3500 + 7000 + 875.35 + 35
    expect(body.counts).toEqual({ read: 7, computed: 4, rejected: 3, warned: 2 });
  });

  it("a date cell is its day; a number cell its exact decimal; a lost HS zero is put back with a warning, unless the cell's format shows it", () => {
    // row 2's date is a date cell (yyyy-mm-dd), row 3's the text 2025-09-15: both read 2025-09-15 (above).
    // row 8's number is formatted 0000000000: the zero Excel shows is the code's, no warning.
    expect(body.warnings).toEqual([
      { line: 2, column: "hs", message: HS_ZERO },
      { line: 7, column: "hs", message: HS_POINT },
    ]);
  });

  it("a bad row is rejected at its sheet row, with every fault; a text date in slashes is still never guessed", () => {
    expect(body.rejected).toEqual([
      { line: 5, id: "XL-3", column: "date", code: "shipment/bad-date", reason: BAD_DATE, faults: [{ column: "date", code: "shipment/bad-date", reason: BAD_DATE }] },
      { line: 6, id: "XL-4", column: "importer", code: "shipment/unknown-importer", reason: MX, faults: [{ column: "importer", code: "shipment/unknown-importer", reason: MX }, { column: "value", code: "shipment/bad-amount", reason: THOUSANDS }] },
      { line: 9, id: "XL-7", column: "importer", code: "shipment/unknown-importer", reason: "importer is empty: expected US or CA", faults: [{ column: "importer", code: "shipment/unknown-importer", reason: "importer is empty: expected US or CA" }] },
    ]);
    // json lists every rejection in its document; stderr names the sheet read and each warning with the sheet
    expect(stderr).toBe(`${SHEET_NOTE}${L}:2: warning: hs: ${HS_ZERO}\n${L}:7: warning: hs: ${HS_POINT}\ntariff calc: 3 of 7 lines rejected\n`);
  });

  it("table: rejections on stderr grouped by code, each line named by the file, its sheet and row", () => {
    const r = tariff(["calc", BOOK]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      SHEET_NOTE +
        `${L}:2: warning: hs: ${HS_ZERO}\n${L}:7: warning: hs: ${HS_POINT}\n` +
        `shipment/bad-date: 1 line rejected\n  ${L}:5: rejected: date: ${BAD_DATE}\n` +
        `shipment/unknown-importer: 2 lines rejected\n  ${L}:6: rejected: importer: ${MX}\n    and value: ${THOUSANDS}\n  ${L}:9: rejected: importer: importer is empty: expected US or CA\n` +
        "tariff calc: 2 of 7 lines computed with warnings (hs 2): check them\ntariff calc: 3 of 7 lines rejected\n",
    );
  });
});

describe("an Excel workbook: --sheet, and files that are not what their name says", () => {
  it("--sheet NAME (in any case, as Excel compares sheet names) reads that sheet; date cells in dd/mm/yyyy format are days all the same", () => {
    const { code, body, stderr } = json(["calc", BOOK, "--sheet", "canada"]);
    expect(code).toBe(0);
    // 2750.00 × 25% = 687.50 (SOR/2025-66, in force 2025-06-01); 2025-10-01: repealed on 2025-09-01 → 0.00
    expect(body.lines.map((l: any) => [l.line, l.date, l.currency, l.duty])).toEqual([[2, "2025-06-01", "CAD", "687.50"], [3, "2025-10-01", "CAD", "0.00"]]);
    expect(stderr).toBe("");
  });

  it("a sheet that is not there: its name, the workbook's sheets and a did-you-mean (exit 2)", () => {
    const r = tariff(["calc", BOOK, "--sheet", "Canda"]);
    expect(r).toEqual({ code: 2, stdout: "", stderr: `${BOOK}: error: the workbook has no sheet named "Canda" (its sheets: "Lines", "Canada", "Notes") [xlsx/no-sheet]\nhint: did you mean --sheet "Canada"?\n` });
  });

  it("a sheet that is not a shipments table: the missing columns, at the sheet's header row", () => {
    const r = tariff(["calc", BOOK, "--sheet", "Notes"]);
    expect(r.code).toBe(2);
    expect(r.stderr.split("\n")[0]).toBe(`${BOOK}[Notes]:1: error: missing required columns "date", "importer", "value", hs or sector in the header (found: prepared for the broker) [csv/missing-column]`);
  });

  it("a workbook named .csv is read as the workbook it is; so is one on standard input", async () => {
    const dir = scratch();
    const renamed = path.join(dir, "export.csv");
    copyFileSync(BOOK, renamed);
    const r = json(["calc", renamed]);
    expect([r.code, r.body.totals.USD.duty]).toEqual([1, "11410.35"]);
    expect(r.stderr.split("\n")[0]).toBe(`${renamed}[Lines]: warning: read the first of 3 sheets, "Lines" (the others: "Canada", "Notes") [xlsx/sheet]`);
    const piped = json(["calc", "-", "--sheet", "Lines"], { input: readFileSync(BOOK) });
    expect([piped.code, piped.body.totals.USD.duty]).toEqual([1, "11410.35"]);
    expect(piped.stderr).toBe(`<stdin>[Lines]:2: warning: hs: ${HS_ZERO}\n<stdin>[Lines]:7: warning: hs: ${HS_POINT}\ntariff calc: 3 of 7 lines rejected\n`);
    // in process (stdin a stream that is peeked at, then read from its start)
    const inProcess = await runMain(["calc", "-", "--sheet", "Canada", "--format", "json"], readFileSync(BOOK));
    expect([inProcess.code, JSON.parse(inProcess.stdout).totals.CAD.duty]).toEqual([0, "687.50"]);
  });

  it("an old .xls workbook, and a file named .xlsx that is not a workbook, are refused in words (exit 2)", () => {
    const dir = scratch();
    const xls = path.join(dir, "old.xls");
    writeFileSync(xls, Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]));
    expect(tariff(["calc", xls])).toEqual({ code: 2, stdout: "", stderr: `${xls}: error: the file is an Excel 97–2003 workbook (.xls), which tariff does not read [xlsx/xls]\nhint: save it as an Excel workbook (.xlsx) or as CSV UTF-8\n` });
    const fake = path.join(dir, "fake.xlsx");
    writeFileSync(fake, "id,date,importer,hs,value\n");
    expect(tariff(["calc", fake])).toEqual({ code: 2, stdout: "", stderr: `${fake}: error: the file is named .xlsx but is not an Excel workbook (it does not start as a ZIP archive does) [xlsx/not-a-workbook]\nhint: give the workbook itself, or a CSV file\n` });
  });

  it("compare reads a workbook the same way, in one read", () => {
    const r = json(["compare", BOOK, "--sheet", "Lines", "--overlay", fixture("overlays", "empty.json")]);
    expect(r.code).toBe(1);
    expect([r.body.totals.default.USD.duty, r.body.totals.empty.USD.duty, r.body.counts]).toEqual(["11410.35", "11410.35", { read: 7, computed: 4, rejected: 3 }]);
  });

  it("reading a workbook leaves no temp file (exceljs spools a sheet stored before the workbook's strings)", () => {
    const tmp = scratch();
    const r = tariff(["calc", BOOK, "--format", "csv"], { env: { TMPDIR: tmp } });
    expect(r.code).toBe(1);
    expect(readdirSync(tmp)).toEqual([]);
  });
});

describe("--rejects: rows to fix and feed back (issue #14, item 6)", () => {
  it("from a workbook: a CSV of the rejected rows as tariff read them (numbers as Excel shows them, dates as days), with line and reason; fixed, it runs clean", () => {
    const dir = scratch();
    const rejects = path.join(dir, "rejects.csv");
    const r = tariff(["calc", BOOK, "--rejects", rejects, "--format", "csv"], { env: { TMPDIR: dir } });
    expect(r.code).toBe(1);
    const written = readFileSync(rejects, "utf8");
    expect(written).toBe(
      "id,date,importer,hs,value,description,line,reason\n" +
        `XL-3,03/04/2025,US,8712,100,a date typed as text in slashes: never guessed,5,"date: ${BAD_DATE.replace(/"/g, '""')}"\n` +
        `XL-4,2025-09-15,MX,8712,"1,000.00","two faults: importer, and a value typed as text with a thousands separator",6,"importer: ${MX.replace(/"/g, '""')}; value: ${THOUSANDS.replace(/"/g, '""')}"\n` +
        // =0.1+0.2, stored as 0.30000000000000004, is the 0.3 Excel shows
        "XL-7,2025-09-15,,8712,0.3,no importer; the value a sum that binary floating point stores as 0.30000000000000004,9,importer: importer is empty: expected US or CA\n",
    );
    expect(readdirSync(dir)).toEqual(["rejects.csv"]);
    writeFileSync(rejects, written.replace("03/04/2025", "2025-09-15").replace(",MX,", ",US,").replace('"1,000.00"', "1000.00").replace("2025-09-15,,8712", "2025-09-15,US,8712"));
    const again = json(["calc", rejects]);
    expect(again.code).toBe(0);
    // 100 × 35% = 35.00; 1000 × 35% = 350.00; 0.3 → 0 whole dollars → 0.00
    expect(again.body.lines.map((l: any) => [l.line, l.duty])).toEqual([[2, "35.00"], [3, "350.00"], [4, "0.00"]]);
  });

  it("an ACE report as a workbook with --preset ace: priced as the CSV export is; a rejected goods line takes its chapter 99 row along, and the fixed file runs clean", () => {
    const dir = scratch();
    const rejects = path.join(dir, "rejects.csv");
    const r = json(["calc", fixture("shipments", "ace-entry-lines.xlsx"), "--preset", "ace", "--rejects", rejects]);
    expect(r.code).toBe(1);
    // the same lines and amounts as ace-entry-lines.csv (tests/e2e/real-files.test.ts): 3,500 + 12,500 + 0 + 875.35
    expect(r.body.lines.map((l: any) => [l.line, l.duty, l.entry, l.entryLine])).toEqual([[2, "3500.00", "ABC-1234567-8", "001"], [4, "12500.00", "ABC-1234567-8", "002"], [6, "0.00", "ABC-7654321-0", "001"], [7, "875.35", "ABC-7654321-0", "002"]]);
    expect([r.body.totals.USD.duty, r.body.counts]).toEqual(["16875.35", { read: 5, computed: 4, rejected: 1, warned: 1, companions: 4 }]);
    const written = readFileSync(rejects, "utf8");
    expect(written).toBe(
      "Entry Number,Entry Date,Line Number,HTS Number,Description,Country of Origin,Entered Value,SPI,Line Duty,line,reason\n" +
        'ABC-0000001-2,2025-10-01,001,8712.00.0000,Bicycles,CA,n/a,,0,9,"value: value ""n/a"" is not a decimal number such as 1234.56"\n' +
        'ABC-0000001-2,2025-10-01,001,9903.01.10,,CA,,,35,10,"a chapter 99 row of line 9, which is rejected"\n',
    );
    writeFileSync(rejects, written.replace(",n/a,", ",100,"));
    const again = json(["calc", rejects, "--preset", "ace"]);
    expect(again.code).toBe(0);
    // bicycles, 2025-10-01, 100 × IEEPA 35% = 35.00, with its 9903.01.10 row declared
    expect(again.body.lines.map((l: any) => [l.line, l.duty, l.declared])).toEqual([[2, "35.00", [{ line: 3, heading: "9903.01.10", duty: "35" }]]]);
  });

  it("from standard input: the input is copied to a temp file, read from there, and the copy removed; the rows are those of the file", () => {
    const dir = scratch();
    const input = readFileSync(fixture("shipments", "rejections.csv"));
    const fromFile = path.join(dir, "from-file.csv");
    const fromStdin = path.join(dir, "from-stdin.csv");
    const tmp = mkdtempSync(path.join(dir, "tmp-"));
    expect(tariff(["calc", fixture("shipments", "rejections.csv"), "--rejects", fromFile, "--format", "json"]).code).toBe(1);
    const r = tariff(["calc", "-", "--rejects", fromStdin, "--format", "json"], { input, env: { TMPDIR: tmp } });
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).counts).toEqual({ read: 18, computed: 3, rejected: 15 });
    expect(readFileSync(fromStdin, "utf8")).toBe(readFileSync(fromFile, "utf8"));
    expect(readFileSync(fromStdin, "utf8").split("\n")).toHaveLength(1 + 15 + 1); // header, 15 rows, the last line break
    expect(readdirSync(tmp)).toEqual([]);
  });

  it("compare --rejects writes the rows calc would (a row rejected under any scenario), from a file or standard input", () => {
    const dir = scratch();
    const file = fixture("shipments", "rejections.csv");
    const calcRejects = path.join(dir, "calc.csv");
    const compareRejects = path.join(dir, "compare.csv");
    const stdinRejects = path.join(dir, "compare-stdin.csv");
    expect(tariff(["calc", file, "--rejects", calcRejects, "--format", "json"]).code).toBe(1);
    const r = tariff(["compare", file, "--overlay", fixture("overlays", "metals-232-at-25.json"), "--rejects", compareRejects, "--format", "json"]);
    expect(r.code).toBe(1);
    expect(readFileSync(compareRejects, "utf8")).toBe(readFileSync(calcRejects, "utf8"));
    const tmp = mkdtempSync(path.join(dir, "tmp-"));
    const s = tariff(["compare", "-", "--overlay", fixture("overlays", "empty.json"), "--rejects", stdinRejects, "--format", "csv"], { input: readFileSync(file), env: { TMPDIR: tmp } });
    expect(s.code).toBe(1);
    expect(readFileSync(stdinRejects, "utf8")).toBe(readFileSync(calcRejects, "utf8"));
    expect(readdirSync(tmp)).toEqual([]);
  });

  it("compare --rejects naming the shipments file: a usage error before anything is read", () => {
    const dir = scratch();
    const file = path.join(dir, "in.csv");
    writeFileSync(file, "id,date,importer,hs,value\nA,03/04/2025,US,8712,100\n");
    const r = tariff(["compare", file, "--overlay", fixture("overlays", "empty.json"), "--rejects", file]);
    expect(r.code).toBe(2);
    expect(readFileSync(file, "utf8")).toBe("id,date,importer,hs,value\nA,03/04/2025,US,8712,100\n");
  });
});

describe("rejections on stderr grouped by code (issue #14, item 6)", () => {
  const F = fixture("errors", "shipments-grouped.csv");
  const line = (n: number, rest: string) => `  ${F}:${n}: rejected: ${rest}\n`;
  const dates = [
    line(2, 'date: date "03/04/2025" is not a date YYYY-MM-DD (day and month order is ambiguous: give --date-format MDY or DMY, or write YYYY-MM-DD)'),
    line(3, 'date: date "2025/03/04" is not a date YYYY-MM-DD: write 2025-03-04, or give --date-format YMD'),
    line(6, 'date: date "04.03.2025" is not a date YYYY-MM-DD (day and month order is ambiguous: give --date-format MDY or DMY, or write YYYY-MM-DD)'),
    line(8, 'date: date "2025-13-01" is not a date YYYY-MM-DD'),
  ];
  const others = `shipment/unknown-importer: 1 line rejected\n${line(5, `importer: ${MX}`)}shipment/missing-date: 1 line rejected\n${line(7, "date: date is empty")}`;

  it("by default the first 5 of each code: here all of them, each group with its count, in the order codes first come up", () => {
    const r = tariff(["calc", F]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`shipment/bad-date: 4 lines rejected\n${dates.join("")}${others}tariff calc: 6 of 7 lines rejected\n`);
  });

  it("--max-messages N: the first N of each, the count of all, and how to see the rest", () => {
    const r = tariff(["calc", F, "--max-messages", "1", "--format", "md"]);
    expect(r.stderr).toBe(`shipment/bad-date: 4 lines rejected (the first 1 shown)\n${dates[0]}${others}(--max-messages N shows more of each; --format json or --rejects FILE has every one)\ntariff calc: 6 of 7 lines rejected\n`);
    const none = tariff(["calc", F, "--max-messages", "0"]);
    expect(none.stderr).toBe(
      "shipment/bad-date: 4 lines rejected (none shown)\nshipment/unknown-importer: 1 line rejected (none shown)\nshipment/missing-date: 1 line rejected (none shown)\n" +
        "(--max-messages N shows more of each; --format json or --rejects FILE has every one)\ntariff calc: 6 of 7 lines rejected\n",
    );
  });

  it("compare groups them too, csv included (its rows carry every reason); json keeps every one in its document", () => {
    const r = tariff(["compare", F, "--overlay", fixture("overlays", "empty.json"), "--format", "csv", "--max-messages", "2"]);
    expect(r.stderr).toBe(`shipment/bad-date: 4 lines rejected (the first 2 shown)\n${dates.slice(0, 2).join("")}${others}(--max-messages N shows more of each; --format json or --rejects FILE has every one)\ntariff compare: 6 of 7 lines rejected\n`);
    const j = json(["compare", F, "--overlay", fixture("overlays", "empty.json")]);
    expect(j.body.rejected.map((x: any) => x.line)).toEqual([2, 3, 5, 6, 7, 8]);
    expect(j.stderr).toBe("tariff compare: 6 of 7 lines rejected\n");
  });

  it("--max-messages with a format that lists every rejection elsewhere is a usage error", () => {
    expect(tariff(["calc", F, "--max-messages", "2", "--format", "csv"])).toMatchObject({ code: 2, stderr: "tariff calc: --max-messages goes with --format table, md or html, which list rejections on stderr (csv has every one on its rows)\n" });
    expect(tariff(["compare", F, "--overlay", fixture("overlays", "empty.json"), "--max-messages", "2", "--format", "json"])).toMatchObject({ code: 2, stderr: "tariff compare: --max-messages goes with --format table, md, html or csv, which list rejections on stderr (json has every one in its document)\n" });
    expect(tariff(["calc", F, "--max-messages", "-1"]).code).toBe(2);
  });
});
