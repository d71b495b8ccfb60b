/**
 * Output files are never left half-written: data goes to a temp file in the
 * same folder, renamed over the target only once everything was written and
 * flushed. On failure or interruption the temp file is removed and the old
 * target stays as it was. (write-file-atomic does this for a whole buffer; we
 * stream, so the same recipe is done here on a WriteStream.)
 */
import { createWriteStream, type WriteStream, unlinkSync } from "node:fs";
import { rename, unlink } from "node:fs/promises";
import { once } from "node:events";
import path from "node:path";

const openTemps = new Set<string>();

/** Removes every temp file still open; for signal handlers (synchronous). */
export function cleanupTempFiles(): void {
  for (const temp of openTemps) {
    try {
      unlinkSync(temp);
    } catch {
      // already gone
    }
  }
  openTemps.clear();
}

/** A write failure named after the file the user asked for, not our temp file. */
function outputError(e: NodeJS.ErrnoException, target: string): NodeJS.ErrnoException {
  const why: Record<string, string> = {
    ENOENT: "no such folder",
    EACCES: "permission denied",
    EPERM: "permission denied",
    ENOSPC: "no space left on the device",
    EISDIR: "it is a folder",
    EROFS: "read-only file system",
  };
  const out: NodeJS.ErrnoException = new Error(`cannot write ${target}: ${why[e.code ?? ""] ?? e.message}; nothing was written`);
  out.code = e.code ?? "EIO";
  return out;
}

export interface Sink {
  /** Resolves when the chunk was accepted; waits for drain (back-pressure). */
  write(chunk: string): Promise<void>;
  /** Finishes the output: for a file, flush and rename into place. */
  close(): Promise<void>;
  /** Gives up: for a file, remove the temp file and leave the target untouched. */
  abort(): Promise<void>;
}

export function streamSink(stream: NodeJS.WritableStream): Sink {
  let failure: Error | undefined;
  stream.on("error", (e: Error) => {
    failure = e;
  });
  return {
    async write(chunk) {
      if (failure) throw failure;
      if (!stream.write(chunk)) await Promise.race([once(stream, "drain"), once(stream, "error").then(([e]) => Promise.reject(e))]);
    },
    async close() {
      if (failure) throw failure;
    },
    async abort() {},
  };
}

export async function atomicFileSink(target: string, createStream: (temp: string) => WriteStream = (t) => createWriteStream(t, { flags: "wx", mode: 0o644 })): Promise<Sink> {
  const dir = path.dirname(path.resolve(target));
  const temp = path.join(dir, `.${path.basename(target)}.${process.pid}.${Date.now().toString(36)}.tmp`);
  const stream = createStream(temp);
  openTemps.add(temp);
  let failure: Error | undefined;
  stream.on("error", (e: Error) => {
    failure = e;
  });
  await Promise.race([once(stream, "open"), once(stream, "error").then(([e]) => Promise.reject(e))]).catch(async (e: NodeJS.ErrnoException) => {
    openTemps.delete(temp);
    throw outputError(e, target);
  });
  const removeTemp = async () => {
    openTemps.delete(temp);
    await unlink(temp).catch(() => undefined);
  };
  return {
    async write(chunk) {
      if (failure) throw failure;
      if (!stream.write(chunk)) await Promise.race([once(stream, "drain"), once(stream, "error").then(([e]) => Promise.reject(e))]);
    },
    async close() {
      try {
        if (failure) throw failure;
        stream.end();
        await Promise.race([once(stream, "finish"), once(stream, "error").then(([e]) => Promise.reject(e))]);
        await new Promise<void>((resolve, reject) => stream.close((e) => (e ? reject(e) : resolve())));
        await rename(temp, target);
        openTemps.delete(temp);
      } catch (e) {
        stream.destroy();
        await removeTemp();
        throw outputError(e as NodeJS.ErrnoException, target);
      }
    },
    async abort() {
      stream.destroy();
      await removeTemp();
    },
  };
}
