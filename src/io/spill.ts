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
  /**
   * Items as UTF-8, encoded as they come (not kept as strings and joined: a
   * join of the short strings a file's warnings make cost three times their
   * writing, `node --cpu-prof` of compare --format json on 258,000 warnings).
   * Up to SPILL_BYTES stay here; past it they go to the temp file and the
   * buffer is used again (writeSync is done with it when it returns).
   */
  private buffer: Buffer | undefined;
  private used = 0;
  private file: string | undefined;
  private fd: number | undefined;
  /** Items added. */
  count = 0;

  /** `depth`: the nesting depth of the array's items (2 for `{ "rejected": [ item ] }`). */
  constructor(private readonly depth: number, private readonly dir = tmpdir()) {}

  add(item: unknown): void {
    const indent = "  ".repeat(this.depth);
    const text = `${this.count === 0 ? "\n" : ",\n"}${indent}${itemText(item, indent)}`;
    this.count++;
    const buffer = (this.buffer ??= Buffer.allocUnsafe(2 * SPILL_BYTES));
    // A UTF-16 code unit takes at most 3 bytes of UTF-8 (a surrogate pair, 2 units, takes 4).
    if (this.used + 3 * text.length > buffer.length) {
      this.flush();
      if (3 * text.length > buffer.length) {
        writeSync(this.open(), text);
        return;
      }
    }
    this.used += buffer.write(text, this.used);
    if (this.used >= SPILL_BYTES) this.flush();
  }

  private open(): number {
    if (this.fd === undefined) {
      this.file = path.join(this.dir, `tariff-${process.pid}-${Date.now().toString(36)}-${(spills++).toString(36)}.spill`);
      registerTemp(this.file);
      this.fd = openSync(this.file, "wx", 0o600);
    }
    return this.fd;
  }

  private flush(): void {
    if (this.used === 0) return;
    // Synchronous: a local temp file, written once per 64 KiB; the caller's loop is in no hurry to go on.
    writeSync(this.open(), this.buffer!, 0, this.used);
    this.used = 0;
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
      await sink.write(this.buffer!.toString("utf8", 0, this.used));
    }
    await sink.write(`\n${"  ".repeat(this.depth - 1)}]`);
  }

  /** Removes the temp file, if any. Safe to call more than once. */
  dispose(): void {
    this.buffer = undefined;
    this.used = 0;
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
 * `JSON.stringify(item, null, 2)` with every line after the first indented by
 * `indent`. An object of plain values (a warning, a rejection's fields) is
 * laid out key by key, as JSON.stringify lays it out, without the RegExp
 * pass over the whole text; anything else is stringified and re-indented.
 */
export function itemText(item: unknown, indent: string): string {
  if (typeof item === "object" && item !== null && !Array.isArray(item) && Object.getPrototypeOf(item) === Object.prototype && !("toJSON" in item)) {
    const keys = Object.keys(item);
    let text = "{";
    let shown = 0;
    for (const key of keys) {
      const value = (item as Record<string, unknown>)[key];
      // Left out by JSON.stringify, as it does.
      if (value === undefined || typeof value === "function" || typeof value === "symbol") continue;
      // Nested values, numbers JSON.stringify writes as null, and anything with toJSON: the general way.
      if (!(typeof value === "string" || typeof value === "boolean" || value === null || (typeof value === "number" && Number.isFinite(value)))) return generalText(item, indent);
      text += `${shown === 0 ? "\n" : ",\n"}${indent}  ${JSON.stringify(key)}: ${JSON.stringify(value)}`;
      shown++;
    }
    return shown === 0 ? "{}" : `${text}\n${indent}}`;
  }
  return generalText(item, indent);
}

function generalText(item: unknown, indent: string): string {
  // JSON text has no raw line break (they are escaped in strings), so every "\n" is layout.
  return JSON.stringify(item, null, 2).replace(/\n/g, `\n${indent}`);
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
