/**
 * The fast path of the CSV reader (issue #17 item 1) against the full path
 * (csv-parse for the whole file: the internal `fast: false` read option),
 * including records with quotes, which it reads one by one.
 * On generated files made of the lines that matter to it (quotes, CR, CRLF,
 * lone CRs, bytes above 0x7F and bytes that are not UTF-8, blank and
 * whitespace lines, repeated headers, wrong field counts, a BOM, a last line
 * without a break) and on byte-mutated copies of every CSV fixture read with
 * its own options (presets, map file, encoding, delimiter), cut into random
 * chunks: the same items (rows, rejections, companions, with their line
 * numbers), the same notes and header, or the same fatal error.
 */
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type ReadOptions, readShipments } from "../../src/io/shipments.js";
import { CsvFatal } from "../../src/io/csv-fatal.js";
import { loadMap, presetFile } from "../../src/io/map-file.js";
import { ROOT } from "../helpers/cli.js";

const bounded = (numRuns: number, ms: number) => ({ numRuns, interruptAfterTimeLimit: ms, markInterruptAsFailure: false });

/** Everything the reader tells: its items, notes, header, or the error it stops on. */
async function readAll(bytes: Buffer, cuts: number[], options: ReadOptions, fast: boolean): Promise<unknown> {
  const chunks: Buffer[] = [];
  let at = 0;
  for (const c of [...new Set(cuts.map((x) => x % (bytes.length + 1)))].sort((a, b) => a - b)) {
    if (c > at) chunks.push(bytes.subarray(at, c));
    at = Math.max(at, c);
  }
  if (at < bytes.length) chunks.push(bytes.subarray(at));
  const told: unknown[] = [];
  const items: unknown[] = [];
  try {
    const read = readShipments(Readable.from(chunks, { objectMode: false }), "t.csv", {
      ...options,
      fast,
      onNote: (d) => told.push(["note", d]),
      onHeader: (...args) => told.push(["header", ...args]),
    });
    for await (const batch of read) items.push(...batch);
  } catch (e) {
    if (e instanceof CsvFatal) return { told, items, fatal: e.diagnostics };
    throw e;
  }
  return { told, items };
}

async function same(bytes: Buffer, cuts: number[], options: ReadOptions = {}): Promise<void> {
  const full = await readAll(bytes, cuts, options, false);
  const fast = await readAll(bytes, cuts, options, true);
  expect(fast).toEqual(full);
}

const HEADER = "id,date,importer,hs,value,usmca";
/** Lines that each test something the fast path must hand on or check as the full path does. */
const LINE = fc.oneof(
  fc.constantFrom(
    "L1,2025-09-15,US,8712.00.00,100.00,N",
    "L2,2025-09-15,CA,7208.10,1,234.50,Y", // a thousands separator: a field too many
    "L3,15/09/2025,US,8712.00,100.00,N",
    "",
    "   ",
    ",,,,,",
    " ,\t, , , ,",
    HEADER,
    "ID, Date ,IMPORTER,hs,value,usmca",
    'L4,2025-09-15,US,"8712.00",100.00,N',
    'L5,2025-09-15,US,12" pipe,100.00,N',
    '"L6\nwith a break",2025-09-15,US,8712.00,1.00,N',
    '"L7 never closed,2025-09-15,US,8712.00,1.00,N',
    "L8,2025-09-15,US,8712.00,100.00",
    "Lé,2025-09-15,US,8712.00,100.00,N",
    "L9,2025-09-15,US,8712.00,100.00,N,extra",
    "\u00a0,\u00a0,,,,",
  ),
  fc.tuple(fc.string({ maxLength: 6 }), fc.string({ maxLength: 6 }), fc.constantFrom("US", "CA", "us", ""), fc.string({ maxLength: 8 })).map((p) => `${p[0]},2025-09-15,${p[2]},${p[1]},${p[3]},N`),
);
const BREAK = fc.constantFrom("\n", "\n", "\n", "\r\n", "\r", "\r\r\n");
const RAW = fc.constantFrom(Buffer.from([0xff]), Buffer.from([0xc3]), Buffer.from([0xe2, 0x82]), Buffer.from("é"), Buffer.from('"'), Buffer.from("\r"), Buffer.from(","), Buffer.from(" "), Buffer.from("\t"));

/** A file of generated lines: an optional BOM, a header, lines with random breaks, the last line perhaps without one. */
const FILE = fc
  .record({
    bom: fc.boolean(),
    lines: fc.array(fc.tuple(LINE, BREAK), { maxLength: 25 }),
    noFinalBreak: fc.boolean(),
    inserts: fc.array(fc.tuple(fc.nat(), RAW), { maxLength: 3 }),
  })
  .map(({ bom, lines, noFinalBreak, inserts }) => {
    let text = HEADER + "\n" + lines.map(([l, b]) => l + b).join("");
    if (noFinalBreak) text = text.replace(/(\r\n|\r|\n)$/, "");
    let bytes = Buffer.concat([bom ? Buffer.from([0xef, 0xbb, 0xbf]) : Buffer.alloc(0), Buffer.from(text)]);
    for (const [at, raw] of inserts) {
      const i = at % (bytes.length + 1);
      bytes = Buffer.concat([bytes.subarray(0, i), raw, bytes.subarray(i)]);
    }
    return bytes;
  });
const CUTS = fc.array(fc.nat(), { maxLength: 6 });

describe("readShipments: the fast path gives what the full path gives", () => {
  it("on generated files, cut into random chunks", async () => {
    await fc.assert(fc.asyncProperty(FILE, CUTS, async (bytes, cuts) => same(bytes, cuts)), bounded(400, 60_000));
  });

  it("on generated files with a semicolon delimiter, and read as windows-1252", async () => {
    await fc.assert(
      fc.asyncProperty(FILE, CUTS, fc.constantFrom<ReadOptions>({ delimiter: ";" }, { encoding: "windows-1252" }, { encoding: "latin1" }), async (bytes, cuts, options) => {
        await same(Buffer.from(bytes.toString("latin1").replace(/,/g, ";"), "latin1"), cuts, options);
        await same(bytes, cuts, options);
      }),
      bounded(150, 60_000),
    );
  });

  it("on byte-mutated CSV fixtures, each read with its own options", async () => {
    const dir = path.join(ROOT, "fixtures/shipments");
    const ace = (await loadMap(presetFile("ace"))) as { ok: true; map: { spec: ReadOptions["spec"] } };
    const carm = (await loadMap(presetFile("carm"))) as { ok: true; map: { spec: ReadOptions["spec"]; delimiter?: string } };
    const broker = (await loadMap(path.join(ROOT, "fixtures/maps/broker.json"))) as { ok: true; map: { spec: ReadOptions["spec"]; delimiter?: string; encoding?: ReadOptions["encoding"] } };
    const optionsOf = (f: string): ReadOptions => {
      if (f.startsWith("ace-")) return { spec: ace.map.spec };
      if (f.startsWith("carm-")) return { spec: carm.map.spec, ...(carm.map.delimiter ? { delimiter: carm.map.delimiter } : {}) };
      if (f.startsWith("broker-")) return { spec: broker.map.spec, ...(broker.map.delimiter ? { delimiter: broker.map.delimiter } : {}), ...(broker.map.encoding ? { encoding: broker.map.encoding } : {}) };
      if (f === "windows-1252.csv") return { encoding: "windows-1252" };
      return {};
    };
    const files = readdirSync(dir).filter((f) => f.endsWith(".csv")).sort();
    expect(files.length).toBeGreaterThan(10);
    for (const f of files) {
      const bytes = readFileSync(path.join(dir, f));
      await same(bytes, [], optionsOf(f));
      await fc.assert(
        fc.asyncProperty(fc.array(fc.tuple(fc.nat(), RAW, fc.boolean()), { maxLength: 4 }), CUTS, async (edits, cuts) => {
          let b = bytes;
          for (const [at, raw, replace] of edits) {
            const i = at % (b.length + 1);
            b = Buffer.concat([b.subarray(0, i), raw, b.subarray(replace ? Math.min(b.length, i + 1) : i)]);
          }
          await same(b, cuts, optionsOf(f));
        }),
        bounded(40, 10_000),
      );
    }
  });

  it("a long file of plain lines with a quoted field late: the switch to the full path keeps every line number", async () => {
    const lines = Array.from({ length: 3000 }, (_, i) => `L${i},2025-09-15,US,8712.00,${i}.00,N\n`).join("");
    const bytes = Buffer.from(HEADER + "\n" + lines + '"L\nX",2025-09-15,US,8712.00,1.00,N\nL9,2025-09-15,US,8712.00,1.00,N\n' + lines + 'L5,x"y,US,8712.00,1.00,N\n');
    await same(bytes, [65536, 131072]);
    const items = (await readAll(bytes, [65536], {}, true)) as { items: { line: number; code?: string }[] };
    // header 1, 3000 lines 2–3001, the quoted record 3002–3003, L9 3004, 3000 lines 3005–6004, the stray quote 6005
    expect(items.items[3000]!.line).toBe(3002);
    expect(items.items[3001]!.line).toBe(3004);
    expect(items.items.at(-1)).toMatchObject({ line: 6005, code: "shipment/stray-quote" });
  });
});

/**
 * Per record (issue #17 item 1): a record with a quote is read on its own and the fast path goes on
 * after it. Fields that are quoted in every way csv-parse accepts (delimiters, LF, CRLF, lone CR and
 * doubled quotes inside, empty, non-UTF-8 bytes), in any column (read or not), and now and then one it
 * stops on or skips (a stray quote, a character after a closing quote, a quote never closed, a space
 * before the opening quote), plus quotes inserted anywhere.
 */
const QFIELD = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom("L1", "2025-09-15", "US", "CA", "8712.00", "100.00", "N", "", " ", "Lé") },
  { weight: 4, arbitrary: fc.constantFrom('"L2"', '"8712.00"', '""', '"a,b"', '"a;b"', '"a\nb"', '"a\r\nb"', '"a\rb"', '"a""b"', '""""', '"\r\n"', '"x\r\r\ny"', '"é\n"', '"\xff"', '"\n\n"') },
  { weight: 1, arbitrary: fc.constantFrom('a"b', '"a"b', '"abc', ' "a"', '"a" ', 'x""', '"a""') },
);
const QRECORD = fc.tuple(fc.array(QFIELD, { minLength: 1, maxLength: 7 }), BREAK).map(([f, b]) => f.join(",") + b);
const QFILE = fc
  .record({ records: fc.array(QRECORD, { maxLength: 30 }), noFinalBreak: fc.boolean(), quotes: fc.array(fc.nat(), { maxLength: 2 }) })
  .map(({ records, noFinalBreak, quotes }) => {
    let text = "id,date,importer,hs,value,usmca,note\n" + records.join("");
    if (noFinalBreak) text = text.replace(/(\r\n|\r|\n)$/, "");
    let bytes = Buffer.from(text, "latin1");
    for (const q of quotes) {
      const i = q % (bytes.length + 1);
      bytes = Buffer.concat([bytes.subarray(0, i), Buffer.from('"'), bytes.subarray(i)]);
    }
    return bytes;
  });

describe("readShipments: records with quotes, each read on its own", () => {
  it("on generated files with quoted fields anywhere, cut into random chunks, with each delimiter and encoding", async () => {
    await fc.assert(
      fc.asyncProperty(QFILE, CUTS, fc.constantFrom<ReadOptions>({}, { delimiter: ";" }, { delimiter: "\t" }, { encoding: "windows-1252" }), async (bytes, cuts, options) => {
        const b = options.delimiter ? Buffer.from(bytes.toString("latin1").replace(/,/g, options.delimiter), "latin1") : bytes;
        await same(b, cuts, options);
      }),
      bounded(600, 60_000),
    );
  });

  it("quoted records between plain lines keep every line number, and errors after them are where the full path tells them", async () => {
    // header 1; L0 2; "Q1" 3–4 (a LF inside); L2 5; "Q3" 6–7 (a CRLF inside: csv-parse counts two lines there); L4 8
    const head = 'id,date,importer,hs,value,usmca,note\nL0,2025-09-15,US,8712.00,1.00,N,\n"Q1",2025-09-15,US,8712.00,1.00,N,"a\nb"\nL2,2025-09-15,US,8712.00,1.00,N,x\n"Q3",2025-09-15,US,"8712.00",1.00,N,"c\r\nd"\nL4,2025-09-15,US,8712.00,1.00,N,""""\n';
    const got = (await readAll(Buffer.from(head), [], {}, true)) as { items: { line: number; fields: string[] }[] };
    expect(got.items.map((i) => i.line)).toEqual([2, 3, 5, 6, 8]);
    expect(got.items[1]!.fields[6]).toBe("a\nb");
    expect(got.items[3]!.fields[6]).toBe("c\r\nd");
    expect(got.items[4]!.fields[6]).toBe('"');
    for (const tail of ['L5,2025-09-15,US,8712.00,1.00,N,"e"f\n', 'L5,2025-09-15,US,8712.00,1.00,N,12" pipe\nL6,2025-09-15,US,8712.00,1.00,N,\n', 'L5,2025-09-15,US,8712.00,1.00,N,"never closed\n']) {
      await same(Buffer.from(head + tail), []);
      await same(Buffer.from(head + tail), [50, 120, 200]);
    }
  });

  it("quoted fields longer than a read (64 KiB), and a record longer than the fast path reads (500 kB), as the full path reads them", async () => {
    const plain = Array.from({ length: 500 }, (_, i) => `L${i},2025-09-15,US,8712.00,${i}.00,N,x\n`).join("");
    const big = (n: number) => `"${"a,\n\"\"".repeat(n)}"`;
    const bytes = Buffer.from(`id,date,importer,hs,value,usmca,note\n${plain}Q1,2025-09-15,US,8712.00,1.00,N,${big(30_000)}\n${plain}Q2,2025-09-15,US,8712.00,1.00,N,${big(90_000)}\n${plain}`);
    // Read as a file is read: 64 KiB chunks.
    const cuts = Array.from({ length: Math.ceil(bytes.length / 65536) }, (_, i) => (i + 1) * 65536);
    await same(bytes, cuts);
    const got = (await readAll(bytes, cuts, {}, true)) as { items: { line: number }[] };
    expect(got.items.length).toBe(1502);
    // 500 plain lines 2–501, Q1 on 502 with 30,000 line breaks inside, the next 500 from 30,503
    expect(got.items[501]!.line).toBe(30_503);
  });
});

describe("readShipments: a UTF-8 BOM and another delimiter", () => {
  it("the header is split at the delimiter on both paths (the full path read it with commas: csv-parse set its options again after the BOM)", async () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from("id;date;importer;hs;value\nL1;2025-09-15;US;8712.00;100.00\n")]);
    for (const fast of [false, true]) {
      const got = (await readAll(bytes, [], {}, fast)) as { items: { line: number; fields: string[] }[] };
      expect(got.items).toEqual([expect.objectContaining({ line: 2, fields: ["L1", "2025-09-15", "US", "8712.00", "100.00"] })]);
    }
  });
});
