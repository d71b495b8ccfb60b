/**
 * A JSON array written after other output (`rejected` and `warnings` come
 * after `lines` in calc's JSON): its items are kept in memory up to
 * SPILL_BYTES, then appended to a temp file, and copied into the output at
 * the end. Memory stays flat whatever the number of items; the temp file is
 * registered (temp-files.ts) so that every exit path removes it, and
 * `dispose` removes it at once.
 *
 * Items are laid out as `JSON.stringify(whole, null, 2)` lays out an array
 * at that depth, so the output is byte for byte what stringifying the whole
 * document would give.
 */
import { closeSync, createReadStream, openSync, unlinkSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Sink } from "./atomic-write.js";
import { registerTemp, releaseTemp } from "./temp-files.js";

/** Gathered in memory before a write to the temp file: as the output's own chunks. */
const SPILL_BYTES = 64 * 1024;
let spills = 0;

export class JsonSpill {
  private pending: string[] = [];
  private size = 0;
  private file: string | undefined;
  private fd: number | undefined;
  /** Items added. */
  count = 0;

  /** `depth`: the nesting depth of the array's items (2 for `{ "rejected": [ item ] }`). */
  constructor(private readonly depth: number, private readonly dir = tmpdir()) {}

  add(item: unknown): void {
    const indent = "  ".repeat(this.depth);
    // JSON text has no raw line break (they are escaped in strings), so every "\n" is layout.
    const text = `${this.count === 0 ? "\n" : ",\n"}${indent}${JSON.stringify(item, null, 2).replace(/\n/g, `\n${indent}`)}`;
    this.count++;
    this.pending.push(text);
    this.size += text.length;
    if (this.size >= SPILL_BYTES) this.flush();
  }

  private flush(): void {
    if (this.size === 0) return;
    if (this.fd === undefined) {
      this.file = path.join(this.dir, `tariff-${process.pid}-${Date.now().toString(36)}-${(spills++).toString(36)}.spill`);
      registerTemp(this.file);
      this.fd = openSync(this.file, "wx", 0o600);
    }
    // Synchronous: a local temp file, written once per 64 KiB; the caller's loop is in no hurry to go on.
    writeSync(this.fd, this.pending.join(""));
    this.pending = [];
    this.size = 0;
  }

  /** Writes the array (`[]`, or its items and the closing bracket at the depth's indent) to the sink. */
  async writeTo(sink: Sink): Promise<void> {
    if (this.count === 0) {
      await sink.write("[]");
      return;
    }
    await sink.write("[");
    if (this.fd !== undefined) {
      this.flush();
      // The decoder of a "utf8" read stream keeps a character split across two reads whole.
      for await (const chunk of createReadStream(this.file!, { encoding: "utf8", highWaterMark: SPILL_BYTES, start: 0 })) await sink.write(chunk as string);
    } else {
      await sink.write(this.pending.join(""));
    }
    await sink.write(`\n${"  ".repeat(this.depth - 1)}]`);
  }

  /** Removes the temp file, if any. Safe to call more than once. */
  dispose(): void {
    this.pending = [];
    this.size = 0;
    if (this.fd !== undefined) {
      try {
        closeSync(this.fd);
      } catch {
        // already closed
      }
      this.fd = undefined;
    }
    if (this.file !== undefined) {
      try {
        unlinkSync(this.file);
      } catch {
        // already gone
      }
      releaseTemp(this.file);
      this.file = undefined;
    }
  }
}

/**
 * `JSON.stringify(value, null, 2)` of an object, written key by key, with
 * spilled arrays streamed in place: `depth` is the object's own depth.
 * `continues`: the object's "{" and some of its entries are already written
 * (calc's JSON writes `schedule` and `lines` first), so these follow them.
 */
export async function writeJsonObject(sink: Sink, entries: [string, unknown][], depth = 0, continues = false): Promise<void> {
  const indent = "  ".repeat(depth + 1);
  if (!continues) await sink.write("{");
  for (let i = 0; i < entries.length; i++) {
    const [key, value] = entries[i]!;
    await sink.write(`${i === 0 && !continues ? "\n" : ",\n"}${indent}${JSON.stringify(key)}: `);
    if (value instanceof JsonSpill) await value.writeTo(sink);
    else await sink.write(JSON.stringify(value, null, 2).replace(/\n/g, `\n${indent}`));
  }
  await sink.write(entries.length === 0 && !continues ? "}" : `\n${"  ".repeat(depth)}}`);
}
