/**
 * The reader skips its per-field scan (line breaks in quoted fields, bytes
 * that are not UTF-8) while the file has shown no quote and no byte above
 * 0x7F. These files show them only in a later chunk: line numbers and
 * rejections must be the same as when every record is scanned.
 */
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { type CsvItem, isRow, readShipments } from "../../src/io/shipments.js";

async function read(chunks: Buffer[]): Promise<CsvItem[]> {
  const items: CsvItem[] = [];
  for await (const batch of readShipments(Readable.from(chunks, { objectMode: false }), "test.csv")) items.push(...batch);
  return items;
}

const plainLines = (from: number, n: number) => Array.from({ length: n }, (_, i) => `L${from + i},2025-09-15,US,8712.00,100.00\n`).join("");

describe("readShipments: the scan skipped while the file is plain", () => {
  it("a quoted field with line breaks in a later chunk: every line after it is numbered right", async () => {
    // header is line 1; L0…L999 are lines 2…1001; the quoted id spans lines 1002–1004; L2000 is line 1005
    const items = await read([
      Buffer.from("id,date,importer,hs,value\n" + plainLines(0, 1000)),
      Buffer.from('"multi\nline\r\nid",2025-09-15,US,8712.00,1.00\n' + plainLines(2000, 1)),
    ]);
    const lines = items.map((x) => [x.line, isRow(x) ? x.fields[0] : "rejected"]);
    expect(lines[999]).toEqual([1001, "L999"]);
    expect(lines[1000]).toEqual([1002, "multi\nline\r\nid"]);
    expect(lines[1001]).toEqual([1005, "L2000"]);
  });

  it("bytes that are not UTF-8 in a later chunk: that line is rejected, the others read", async () => {
    const bad = Buffer.concat([Buffer.from("L9,2025-09-15,US,8712.00,1"), Buffer.from([0xff]), Buffer.from(".00\n")]);
    const items = await read([Buffer.from("id,date,importer,hs,value\n" + plainLines(0, 500)), Buffer.concat([bad, Buffer.from(plainLines(500, 1))])]);
    expect(items).toHaveLength(502);
    const rejected = items[500]!;
    expect(isRow(rejected)).toBe(false);
    expect(rejected).toMatchObject({ line: 502, id: "L9", column: "value", code: "shipment/not-utf8" });
    expect(items[501]).toMatchObject({ line: 503, fields: ["L500", "2025-09-15", "US", "8712.00", "100.00"] });
  });

  it("a file that starts with a BOM is still plain after it, and a blank line is skipped", async () => {
    const items = await read([Buffer.from("\uFEFFid,date,importer,hs,value\n" + plainLines(0, 2) + "\n , ,,,\n" + plainLines(2, 1))]);
    expect(items.map((x) => x.line)).toEqual([2, 3, 6]);
  });
});
