/**
 * Warnings on stderr (src/cli/notes.ts, issue #17): streamed warnings are
 * written as bytes, one write per batch, and must be exactly the text of each
 * warning as it always was (`warningText`: file, column and message escaped
 * by escapeText, as UTF-8), whatever the characters: plain ASCII copied as
 * scanned, other characters escapeText keeps (an ellipsis), and those it
 * escapes (controls, invisible characters, lone surrogates, astral ones).
 */
import { Writable } from "node:stream";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { LineNotes, MAX_LISTED, warningText } from "../../src/cli/notes.js";
import type { Context } from "../../src/cli/context.js";
import type { RowWarning } from "../../src/core/duty/shipment.js";

function notesTo(stream: boolean, label = "f.csv"): { notes: LineNotes; writes: Buffer[] } {
  const writes: Buffer[] = [];
  const stderr = new Writable({ write: (c: Buffer | string, _e, done) => (writes.push(Buffer.from(c)), done()) });
  const ctx = { stderr } as unknown as Context;
  return { notes: new LineNotes(ctx, label, "calc", stream), writes };
}

/** Text with the characters that take each road through LineNotes. */
const TEXT = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: "grapheme", maxLength: 20 }),
  fc.string({ unit: "binary", maxLength: 20 }), // lone surrogates, astral characters
  fc.array(fc.constantFrom("a", " ", "…", "é", "\u0007", "\t", "\u200b", "\u00a0", "\u00ad", "\ud800", "😀", "\u{f0000}", "\u2028", "\u0085", "\u007f", "€", "ÿ"), { maxLength: 30 }).map((a) => a.join("")),
);
const WARNING = fc.record({ line: fc.oneof(fc.nat({ max: 20 }), fc.nat(), fc.constant(Number.MAX_SAFE_INTEGER)), column: TEXT, message: TEXT });

describe("LineNotes: streamed warnings", () => {
  it("are the bytes of each warning's text, batch after batch, one write per batch", async () => {
    await fc.assert(
      fc.asyncProperty(TEXT, fc.array(fc.array(WARNING, { maxLength: 12 }), { maxLength: 4 }), async (label, batches) => {
        const { notes, writes } = notesTo(true, label);
        let expected = "";
        for (const batch of batches) {
          const before = writes.length;
          for (const w of batch) {
            notes.warning(w);
            expected += warningText(label, w);
          }
          await notes.drain();
          expect(writes.length - before).toBe(batch.length > 0 ? 1 : 0);
        }
        notes.finish();
        expect(Buffer.concat(writes).toString("utf8")).toBe(expected);
        expect(Buffer.concat(writes).equals(Buffer.from(expected))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it("the text as it always was: escaped file, column and message", () => {
    const w: RowWarning = { line: 11, column: "da\u200bte", message: "date 2026-10-29 is after 2026-09-17 (8703.21.01, …)\u001b[31m" };
    expect(warningText("wé\u0001.csv", w)).toBe("wé\\x01.csv:11: warning: da\\u200bte: date 2026-10-29 is after 2026-09-17 (8703.21.01, …)\\x1b[31m\n");
  });

  it("a batch larger than one buffer (64 KiB), with a message that escapes to more than it takes plain, is still one write", async () => {
    const { notes, writes } = notesTo(true);
    const ws: RowWarning[] = [];
    // 3,000 warnings of about 140 bytes: over 6 buffers; every 7th with control characters, each escaped to 4 bytes.
    for (let i = 0; i < 3000; i++) ws.push({ line: i + 2, column: "hs", message: (i % 7 === 0 ? "\u0001".repeat(30) : "x".repeat(100)) + " …" });
    for (const w of ws) notes.warning(w);
    await notes.drain();
    expect(writes.length).toBe(1);
    expect(writes[0]!.toString("utf8")).toBe(ws.map((w) => warningText("f.csv", w)).join(""));
  });

  it("a message whose escapes do not fit the room left in the buffer starts a new one, whole", async () => {
    const { notes, writes } = notesTo(true);
    const ws: RowWarning[] = [{ line: 2, column: "c", message: "y".repeat(65_000) }, { line: 3, column: "c", message: "\u0002".repeat(300) }];
    for (const w of ws) notes.warning(w);
    await notes.drain();
    expect(writes[0]!.toString("utf8")).toBe(ws.map((w) => warningText("f.csv", w)).join(""));
  });
});

describe("LineNotes: warnings for a person (table, md, html)", () => {
  it("lists the first MAX_LISTED at the end and counts the rest", () => {
    const { notes, writes } = notesTo(false);
    for (let i = 0; i < MAX_LISTED + 5; i++) notes.warning({ line: i + 2, column: "date", message: `m${i}` });
    expect(writes.length).toBe(0);
    notes.finish();
    const text = Buffer.concat(writes).toString("utf8").split("\n");
    expect(text[0]).toBe("f.csv:2: warning: date: m0");
    expect(text[MAX_LISTED - 1]).toBe(`f.csv:${MAX_LISTED + 1}: warning: date: m${MAX_LISTED - 1}`);
    expect(text[MAX_LISTED]).toBe(`tariff calc: 5 more warnings not listed (the first ${MAX_LISTED} are); --format json lists every one`);
  });
});
