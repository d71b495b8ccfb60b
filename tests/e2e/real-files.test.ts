/**
 * Real files in (issue #14): the exports brokers and importers have, read
 * without hand editing, on the built CLI. Amounts worked out by hand; rates
 * checked with `tariff rates --hs CODE --at DATE`. See issue #14.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { fixture, tariff } from "../helpers/cli.js";

const json = (args: string[]) => {
  const r = tariff([...args, "--format", "json"]);
  return { ...r, body: r.stdout ? JSON.parse(r.stdout) : undefined };
};
const duties = (body: any) => body.lines.map((l: any) => [l.line, l.duty]);

describe("--preset ace: a US broker's ACE entry-line export", () => {
  const { code, body, stderr } = json(["calc", fixture("shipments", "ace-entry-lines.csv"), "--preset", "ace"]);

  it("prices each goods line to the cent; 9903 rows are companions, counted, never priced, never rejected", () => {
    expect(code).toBe(0);
    // line 2, 09/15/2025, 8712.00.0000 bicycles, "10,000", no SPI: IEEPA 35% × 10,000 = 3,500.00
    // line 4, 7208.51.0030 steel plate, "25,000.00", SPI S (USMCA): IEEPA exempt; 232 steel 50% on content,
    //         no content_value so the whole 25,000 = 12,500.00 (with a warning)
    // line 6, 10/01/2025, 0406.90.1200 cheese, "1,200.40", SPI S+ (USMCA): IEEPA exempt = 0.00
    // line 7, 4202.21.0000 handbags, "2,500.50" → 2,501 whole dollars × 35% = 875.35
    expect(duties(body)).toEqual([[2, "3500.00"], [4, "12500.00"], [6, "0.00"], [7, "875.35"]]);
    expect(body.totals.USD.duty).toBe("16875.35"); // 3,500 + 12,500 + 0 + 875.35
    expect(body.counts).toEqual({ read: 4, computed: 4, rejected: 0, warned: 1, companions: 3 });
    expect(body.lines.map((l: any) => l.usmca)).toEqual([false, true, true, false]);
    expect(body.warnings).toEqual([{ line: 4, column: "content_value", message: "content_value is missing: us-232-steel (charged on the metal content: the whole value was charged); give content_value for the exact answer" }]);
    // machine formats write warnings to stderr as they happen
    expect(stderr).toBe(`${fixture("shipments", "ace-entry-lines.csv")}:4: warning: content_value: ${body.warnings[0].message}\n`);
  });

  it("keeps the entry number and line number, and the chapter 99 rows declared with each line", () => {
    expect(body.lines.map((l: any) => [l.entry, l.entryLine, l.declared ?? []])).toEqual([
      ["ABC-1234567-8", "001", [{ line: 3, heading: "9903.01.10", duty: "3,500.00" }]],
      ["ABC-1234567-8", "002", [{ line: 5, heading: "9903.81.87", duty: "12,500.00" }]],
      ["ABC-7654321-0", "001", []],
      ["ABC-7654321-0", "002", [{ line: 8, heading: "9903.01.10", duty: "875.35" }]],
    ]);
  });

  it("without the preset, the missing-column message says to give it", () => {
    const r = tariff(["calc", fixture("shipments", "ace-entry-lines.csv")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("hint: this looks like a US broker's ACE entry-line export: give --preset ace\n");
  });

  it("compare reads it the same way", () => {
    const r = json(["compare", fixture("shipments", "ace-entry-lines.csv"), "--preset", "ace", "--overlay", fixture("overlays", "empty.json")]);
    expect(r.code).toBe(0);
    expect(r.body.totals.default.USD.duty).toBe("16875.35");
  });
});

describe("--preset carm: a Canadian importer's B3 lines", () => {
  it("prices each line in CAD; tariff treatment 10 is CUSMA", () => {
    const { code, body } = json(["calc", fixture("shipments", "carm-b3-lines.csv"), "--preset", "carm"]);
    expect(code).toBe(0);
    // line 2, 2025-09-15, 7208.51.00.00 steel of the US, 40,000.00: SOR/2025-95 25% = 10,000.00
    // line 3, 2025-05-01, 2203.00.00.00 beer, 1,234.56, treatment 10 (CUSMA): SOR/2025-66 25% (no CUSMA exemption) = 308.64
    // line 4, beer, 99.99, treatment 2: 25% × 99.99 = 24.9975 → 25.00
    expect(duties(body)).toEqual([[2, "10000.00"], [3, "308.64"], [4, "25.00"]]);
    expect(body.totals.CAD.duty).toBe("10333.64");
    expect(body.lines.map((l: any) => [l.importer, l.currency, l.usmca, l.entry, l.entryLine])).toEqual([
      ["CA", "CAD", false, "12345678901234", "1"],
      ["CA", "CAD", true, "12345678901234", "2"],
      ["CA", "CAD", false, "12345678901234", "3"],
    ]);
  });
});

describe("--map: a broker's own headers", () => {
  // B-1 2025-09-15 bicycles 1,000: 35% = 350.00; B-2 USMCA: 0.00; B-3 2025-10-01 handbags 200.49 → 200 × 35% = 70.00
  const expected = [[2, "350.00"], [3, "0.00"], [4, "70.00"]];

  it.each(["broker.json", "broker.csv"])("a map file in %s", (map) => {
    const args = ["calc", fixture("shipments", "broker-export.csv"), "--map", fixture("maps", map)];
    if (map.endsWith(".csv")) args.push("--date-format", "MDY");
    const { code, body } = json(args);
    expect(code).toBe(0);
    expect(duties(body)).toEqual(expected);
    expect(body.lines.map((l: any) => [l.id, l.date, l.usmca])).toEqual([["B-1", "2025-09-15", false], ["B-2", "2025-09-15", true], ["B-3", "2025-10-01", false]]);
  });

  it("inline maps and constants", () => {
    const { code, body } = json(["calc", fixture("shipments", "broker-export.csv"), "--map", "date=Ship Date", "--map", "value=customs value", "--map", "id=invoice", "--importer", "us", "--date-format", "mdy"]);
    expect(code).toBe(0);
    // without a usmca map, "USMCA" in Preference is not read: every line is charged (B-2 350.00)
    expect(duties(body)).toEqual([[2, "350.00"], [3, "350.00"], [4, "70.00"]]);
  });

  it("a slash date without --date-format is refused, naming the option, never guessed", () => {
    expect(tariff(["calc", fixture("shipments", "broker-export.csv"), "--importer", "US"]).stderr).toContain(`hint: did you mean "ship date" for "date"? (--map 'date=ship date')\n`);
    const { code, body } = json(["calc", fixture("shipments", "broker-export.csv"), "--map", "date=Ship Date", "--importer", "US"]);
    expect(code).toBe(1);
    expect(body.rejected[0]).toMatchObject({ line: 2, column: "date", reason: 'date "09/15/2025" is not a date YYYY-MM-DD (day and month order is ambiguous: give --date-format MDY or DMY, or write YYYY-MM-DD)' });
  });
});

describe("encodings and delimiters", () => {
  // Each file: 8712 bicycles 1,000.00 on 2025-09-15 (35% = 350.00) and 4202.21 handbags 200.49 on 2025-10-01 (200 × 35% = 70.00)
  it("Excel's Unicode text: UTF-16 LE with a BOM, tab-separated (detected, with a note)", () => {
    const { code, body, stderr } = json(["calc", fixture("shipments", "excel-unicode-text.txt"), "--map", "id=Invoice", "--map", "date=Ship Date"]);
    expect(code).toBe(0);
    expect(duties(body)).toEqual([[2, "350.00"], [3, "70.00"]]);
    expect(stderr).toBe(`${fixture("shipments", "excel-unicode-text.txt")}:1: warning: fields are separated by tab (detected from the header line) [csv/delimiter]\nhint: give --delimiter to choose another\n`);
  });

  it("Windows-1252: a bad byte in a column tariff does not read is no fault; --encoding reads it right", () => {
    const plain = json(["calc", fixture("shipments", "windows-1252.csv")]);
    expect(plain.code).toBe(0);
    expect(duties(plain.body)).toEqual([[2, "350.00"], [3, "70.00"]]);
    const f = path.join(mkdtempSync(path.join(tmpdir(), "tariff-1252-")), "ids.csv");
    writeFileSync(f, Buffer.concat([Buffer.from("id,date,importer,hs,value\n"), Buffer.from([0x43, 0x61, 0x66, 0xe9]), Buffer.from(",2025-09-15,US,8712,100\n")]));
    const declared = json(["calc", f, "--encoding", "windows-1252"]);
    expect(declared.code).toBe(0);
    expect(declared.body.lines[0].id).toBe("Café");
    expect(json(["calc", f, "--encoding", "latin1"]).body.lines[0].id).toBe("Café");
  });

  it("a ;-separated file with decimal commas", () => {
    const { code, body, stderr } = json(["calc", fixture("shipments", "semicolon-decimal-comma.csv"), "--decimal-comma", "--thousands", "."]);
    expect(code).toBe(0);
    expect(duties(body)).toEqual([[2, "350.00"], [3, "70.00"]]);
    expect(stderr).toContain('fields are separated by ";" (detected from the header line)');
    // --delimiter ";" says it: no note
    expect(tariff(["calc", fixture("shipments", "semicolon-decimal-comma.csv"), "--decimal-comma", "--thousands", ".", "--delimiter", ";", "--format", "json"]).stderr).toBe("");
  });

  it("without --decimal-comma, 1.000,00 is refused with the options to give", () => {
    const { body } = json(["calc", fixture("shipments", "semicolon-decimal-comma.csv")]);
    expect(body.rejected[0].reason).toBe('value "1.000,00" has thousands dots and a decimal comma: give --decimal-comma --thousands . if the file writes amounts so, or write 1000.00');
  });
});

describe("--rejects: a file of rejected rows to fix and feed back", () => {
  it("copies each rejected row byte for byte with line and reason; fixed, it runs clean", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "tariff-rejects-"));
    const input = path.join(dir, "in.csv");
    // a quoted field with a line break (line 3-4), a Latin-1 byte in an unread column, CRLF endings
    const text = 'id,date,importer,hs,value,note\r\nOK,2025-09-15,US,8712,100,x\r\nBAD-1,09/15/2025,US,8712,"1,000.00","two\r\nlines"\r\nOK-2,2025-09-15,US,8712,100,y\r\nBAD-2,2025-09-15,MX,8712,100,=1+2\r\n';
    writeFileSync(input, text);
    const rejects = path.join(dir, "rejects.csv");
    const r = tariff(["calc", input, "--rejects", rejects, "--format", "json"]);
    expect(r.code).toBe(1);
    const written = readFileSync(rejects, "utf8");
    expect(written).toBe(
      "id,date,importer,hs,value,note,line,reason\r\n" +
        'BAD-1,09/15/2025,US,8712,"1,000.00","two\r\nlines",3,"date: date ""09/15/2025"" is not a date YYYY-MM-DD (day and month order is ambiguous: give --date-format MDY or DMY, or write YYYY-MM-DD); value: value ""1,000.00"" has a thousands separator: write 1000.00, or give --thousands , if the file writes amounts so"\r\n' +
        'BAD-2,2025-09-15,MX,8712,100,=1+2,6,"importer: unknown importer ""MX"": expected US or CA"\r\n',
    );
    // The user fixes the two rows in the rejects file and runs it again: every line computed (line and reason are ignored columns).
    writeFileSync(rejects, written.replace("09/15/2025", "2025-09-15").replace('"1,000.00"', "1000.00").replace(",MX,", ",US,"));
    const again = json(["calc", rejects]);
    expect(again.code).toBe(0);
    // 35% × 1,000 = 350.00; 35% × 100 = 35.00
    expect(duties(again.body)).toEqual([[2, "350.00"], [4, "35.00"]]);
  });

  it("a rejected ACE goods line takes its companion rows along", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "tariff-rejects-ace-"));
    const input = path.join(dir, "ace.csv");
    writeFileSync(input, readFileSync(fixture("shipments", "ace-entry-lines.csv"), "utf8").replace("09/15/2025,001,8712", "15/09/2025,001,8712"));
    const rejects = path.join(dir, "rejects.csv");
    const r = tariff(["calc", input, "--preset", "ace", "--rejects", rejects]);
    expect(r.code).toBe(1);
    const lines = readFileSync(rejects, "utf8").split("\n");
    expect(lines).toEqual([
      "Entry Number,Entry Date,Line Number,HTS Number,Description,Country of Origin,Entered Value,SPI,Line Duty,line,reason",
      'ABC-1234567-8,15/09/2025,001,8712.00.0000,Bicycles,CA,"10,000",,0.00,2,"date: date ""15/09/2025"" is not a calendar date (read as MM/DD/YYYY, --date-format MDY: 2025-15-09)"',
      'ABC-1234567-8,09/15/2025,001,9903.01.10,,CA,,,"3,500.00",3,"a chapter 99 row of line 2, which is rejected"',
      "",
    ]);
  });
});
