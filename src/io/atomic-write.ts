/**
 * Output files are never left half-written: data goes to a temp file in the
 * same folder, renamed over the target only once everything was written and
 * flushed. On failure or interruption the temp file is removed and the old
 * target stays as it was. (write-file-atomic does this for a whole buffer; we
 * stream, so the same recipe is done here on a WriteStream.)
 */
import { createWriteStream, type WriteStream, unlinkSync } from "node:fs";
import { rename, stat, unlink } from "node:fs/promises";
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
  /**
   * Queues a chunk without waiting. A streaming command pushes each line and
   * calls `drain` once per batch of input: an await per line would cost more
   * than the line.
   */
  push(chunk: string): void;
  /** Passes queued output on once enough has gathered, waiting while the stream is full (back-pressure). */
  drain(): Promise<void>;
  /** `push` and `drain`. */
  write(chunk: string): Promise<void>;
  /** Finishes the output: for a file, flush and rename into place. */
  close(): Promise<void>;
  /** Gives up: for a file, remove the temp file and leave the target untouched. */
  abort(): Promise<void>;
}

/** Resolves on "drain" (or "close"), rejects on "error", and leaves no listener behind either way. */
function drained(stream: NodeJS.WritableStream): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = (e?: Error) => {
      stream.off("drain", onDrain);
      stream.off("close", onDrain);
      stream.off("error", onError);
      if (e) reject(e);
      else resolve();
    };
    const onDrain = () => done();
    const onError = (e: Error) => done(e);
    stream.on("drain", onDrain);
    stream.on("close", onDrain); // a stream closed without an error will never drain; the next write reports it
    stream.on("error", onError);
  });
}

/**
 * Output is gathered into chunks of about 64 KiB before it reaches the stream:
 * one write per line would cost more than computing the line.
 */
const CHUNK = 16 * 1024;

interface Buffered {
  push(chunk: string): void;
  drain(): Promise<void>;
  flush(): Promise<void>;
}

function buffered(stream: NodeJS.WritableStream, failed: () => Error | undefined): Buffered {
  let pending: string[] = [];
  let size = 0;
  let full = false;
  // Hands the gathered text to the stream, which queues it; `drain` then waits while the stream is full.
  const pass = () => {
    if (size === 0 || failed()) return;
    const text = pending.join("");
    pending = [];
    size = 0;
    if (!stream.write(text)) full = true;
  };
  const drain = async () => {
    const error = failed();
    if (error) throw error;
    // `full` alone could wait for a "drain" that has already happened: the stream knows whether it
    // still needs one. A stream whose write failed needs none, but its "error" is still to come.
    const state = stream as { writableNeedDrain?: boolean; destroyed?: boolean; errored?: Error | null };
    if (full && (state.writableNeedDrain !== false || state.destroyed === true || state.errored)) await drained(stream);
    full = false;
  };
  return {
    push(chunk) {
      pending.push(chunk);
      size += chunk.length;
      if (size >= CHUNK) pass();
    },
    drain,
    async flush() {
      pass();
      await drain();
    },
  };
}

/** The `write` of a sink: queue, then pass on if enough has gathered. */
function writeVia(out: Pick<Sink, "push" | "drain">): (chunk: string) => Promise<void> {
  return (chunk) => {
    out.push(chunk);
    return out.drain();
  };
}

export function streamSink(stream: NodeJS.WritableStream): Sink {
  let failure: Error | undefined;
  stream.on("error", (e: Error) => {
    failure = e;
  });
  const out = buffered(stream, () => failure);
  return {
    push: out.push,
    drain: out.drain,
    write: writeVia(out),
    async close() {
      await out.flush();
    },
    async abort() {},
  };
}

/**
 * `-o FILE`: a regular file (or a new one) is written atomically; anything else
 * that exists (a device such as /dev/null, a FIFO) is written to directly,
 * since a rename would replace the device itself.
 */
export async function outputSink(target: string): Promise<Sink> {
  const info = await stat(target).catch(() => undefined);
  if (info && !info.isFile() && !info.isDirectory()) {
    const stream = createWriteStream(target, { flags: "w", highWaterMark: 1 << 20 });
    await Promise.race([once(stream, "open"), once(stream, "error").then(([e]) => Promise.reject(outputError(e as NodeJS.ErrnoException, target)))]);
    const sink = streamSink(stream);
    return {
      push: sink.push,
      drain: sink.drain,
      write: sink.write,
      async close() {
        await sink.close();
        stream.end();
        await once(stream, "finish");
      },
      async abort() {
        stream.destroy();
      },
    };
  }
  return atomicFileSink(target);
}

export async function atomicFileSink(target: string, createStream: (temp: string) => WriteStream = (t) => createWriteStream(t, { flags: "wx", mode: 0o644, highWaterMark: 1 << 20 })): Promise<Sink> {
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
  const out = buffered(stream, () => failure);
  const drain = async () => {
    try {
      await out.drain();
    } catch (e) {
      throw outputError(e as NodeJS.ErrnoException, target);
    }
  };
  return {
    push: out.push,
    drain,
    write: writeVia({ push: out.push, drain }),
    async close() {
      try {
        await out.flush();
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
