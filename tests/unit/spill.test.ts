/**
 * JsonSpill (issue #13, item 1): arrays written after the lines are kept in
 * memory up to 64 KiB, then in a temp file; the output is byte for byte what
 * JSON.stringify(whole, null, 2) gives, and the temp file is removed.
 */
import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { streamSink } from "../../src/io/atomic-write.js";
import { JsonSpill, itemText, writeJsonObject } from "../../src/io/spill.js";
import { tempFileCount } from "../../src/io/temp-files.js";

function memorySink() {
  const chunks: Buffer[] = [];
  const sink = streamSink(new Writable({ write: (c: Buffer, _e, done) => (chunks.push(Buffer.from(c)), done()) }));
  return { sink, text: () => Buffer.concat(chunks).toString("utf8") };
}

describe("JsonSpill and writeJsonObject", () => {
  it.each([0, 1, 3, 5_000])("%i items: the same bytes as JSON.stringify(…, null, 2), spilled or not, and no temp file left", async (n) => {
    const dir = mkdtempSync(path.join(tmpdir(), "tariff-spill-"));
    // Multi-byte characters, so that a read of the temp file can end inside one.
    const items = Array.from({ length: n }, (_, i) => ({ line: i + 2, id: `é€𝄞-${i}`, column: i % 2 ? null : "date", reason: "x".repeat(i % 37) }));
    const spill = new JsonSpill(2, dir); // items of an array that is a value of the top object
    for (const item of items) spill.add(item);
    if (n === 5_000) expect(readdirSync(dir)).toHaveLength(1); // over 64 KiB: in a temp file
    const { sink, text } = memorySink();
    await writeJsonObject(sink, [["schedule", { id: "s", overlays: [] }], ["rejected", spill], ["counts", { read: n }]]);
    await sink.close();
    expect(text()).toBe(JSON.stringify({ schedule: { id: "s", overlays: [] }, rejected: items, counts: { read: n } }, null, 2));
    spill.dispose();
    expect(readdirSync(dir)).toEqual([]);
    expect(tempFileCount()).toBe(0);
  });

  it("continues an object already opened, at any depth", async () => {
    const spill = new JsonSpill(2);
    spill.add({ a: [1, { b: 2 }] });
    const { sink, text } = memorySink();
    await sink.write('{\n  "lines": []');
    await writeJsonObject(sink, [["rejected", spill], ["totals", {}]], 0, true);
    await sink.close();
    expect(text()).toBe(JSON.stringify({ lines: [], rejected: [{ a: [1, { b: 2 }] }], totals: {} }, null, 2));
  });

  // itemText lays out flat objects itself (no RegExp pass): it must be JSON.stringify's layout, whatever the values.
  it("itemText is JSON.stringify(item, null, 2) re-indented, for any item (property)", () => {
    const value = fc.oneof(
      fc.string({ unit: "binary" }),
      fc.double(),
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
      fc.constant(undefined),
      fc.constant(-0),
      fc.array(fc.integer(), { maxLength: 3 }),
      fc.dictionary(fc.string({ maxLength: 3 }), fc.integer(), { maxKeys: 2 }),
    );
    const item = fc.oneof(fc.dictionary(fc.string({ unit: "binary", maxLength: 6 }), value, { maxKeys: 6 }), fc.array(value, { maxLength: 3 }), fc.constant({ toJSON: () => ({ a: 1 }) }), fc.constant(new Date(0)));
    fc.assert(
      fc.property(item, fc.constantFrom("", "  ", "    "), (it, indent) => {
        expect(itemText(it, indent)).toBe(JSON.stringify(it, null, 2).replace(/\n/g, `\n${indent}`));
      }),
      { numRuns: 2000 },
    );
  });

  it("items longer than the buffer, and many multi-byte ones around the 64 KiB mark, come out whole", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "tariff-spill-"));
    // 𝄞 is 2 UTF-16 units and 4 bytes; € 1 unit and 3 bytes: the buffer's room is counted in bytes, not characters.
    const items = [{ message: "€".repeat(50_000) }, ...Array.from({ length: 3_000 }, (_, i) => ({ line: i, message: `${"𝄞€".repeat(i % 50)} …` })), { message: "é".repeat(200_000) }, { line: 1 }];
    const spill = new JsonSpill(2, dir);
    for (const item of items) spill.add(item);
    const { sink, text } = memorySink();
    await writeJsonObject(sink, [["warnings", spill]]);
    await sink.close();
    expect(text()).toBe(JSON.stringify({ warnings: items }, null, 2));
    spill.dispose();
    expect(readdirSync(dir)).toEqual([]);
  });
});
