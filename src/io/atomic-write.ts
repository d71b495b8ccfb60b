/**
 * Output files are never left half-written: data goes to a temp file in the
 * same folder, renamed over the target only once everything was written and
 * flushed. On failure or interruption the temp file is removed and the old
 * target stays as it was. (write-file-atomic does this for a whole buffer; we
 * stream, so the same recipe is done here on a WriteStream.)
 */
import { type Stats, createWriteStream, type WriteStream } from "node:fs";
import { chmod, chown, lstat, readlink, rename, unlink } from "node:fs/promises";
import { once } from "node:events";
import path from "node:path";
import { cleanupTempFiles, registerTemp, releaseTemp } from "./temp-files.js";

export { cleanupTempFiles };

/**
 * A write failure named after the file the user asked for, not our temp file.
 * `atomic`: the target was left as it was, so say that nothing was written.
 */
export function outputError(e: NodeJS.ErrnoException, target: string, atomic = true): NodeJS.ErrnoException {
  if ((e as { tariffOutput?: boolean }).tariffOutput) return e; // already in words
  const why: Record<string, string> = {
    ENOENT: "no such folder",
    ENOTDIR: "a part of the path is not a folder",
    EACCES: "permission denied",
    EPERM: "permission denied",
    ENOSPC: "no space left on device",
    EDQUOT: "disk quota exceeded",
    EFBIG: "file too large",
    EIO: "input/output error",
    EISDIR: "it is a folder",
    EROFS: "read-only file system",
    ENAMETOOLONG: "the name is too long",
    ELOOP: "too many symbolic links",
    ENXIO: "no reader on the other end",
    EBADF: "not an open file descriptor",
  };
  const out = Object.assign(new Error(`cannot write ${target}: ${why[e.code ?? ""] ?? e.message}${atomic ? "; nothing was written" : ""}`), { code: e.code ?? "EIO", tariffOutput: true });
  return out;
}

export interface Sink {
  /**
   * Queues a chunk without waiting. A streaming command pushes each line and
   * calls `drain` once per batch of input: an await per line would cost more
   * than the line.
   */
  push(chunk: string): void;
  /**
   * Queues bytes as they are (the rejects file copies input lines byte for
   * byte; calc's rows come in blocks, issue #17). The sink keeps the array
   * until the stream has written it: the caller must not write to it again
   * until `done` is called (once the stream has finished with the bytes, or
   * has copied them; never, if the output fails).
   */
  pushBytes(bytes: Uint8Array, done?: () => void): void;
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
export function drained(stream: NodeJS.WritableStream): Promise<void> {
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
 * Output is gathered into chunks of at least 16 KiB before it reaches the stream:
 * one write per line would cost more than computing the line. (A chunk's size
 * is its length: UTF-16 codes for a string, bytes for bytes.)
 */
export const CHUNK = 16 * 1024;

interface Buffered {
  push(chunk: string): void;
  pushBytes(bytes: Uint8Array, done?: () => void): void;
  drain(): Promise<void>;
  flush(): Promise<void>;
}

function buffered(stream: NodeJS.WritableStream, failed: () => Error | undefined): Buffered {
  let pending: (string | Uint8Array)[] = [];
  /** The `done` of pending bytes, to call once the stream is through with them. */
  let dones: (() => void)[] = [];
  let size = 0;
  let full = false;
  let bytes = false;
  // Hands the gathered output to the stream, which queues it; `drain` then waits while the stream is full.
  // One chunk (a block of rows written as bytes, issue #17, or one string) is handed as it is: no copy.
  const pass = () => {
    if (size === 0 || failed()) return;
    const chunk = pending.length === 1 ? pending[0]! : bytes ? Buffer.concat(pending.map((c) => (typeof c === "string" ? Buffer.from(c) : c))) : (pending as string[]).join("");
    const copied = chunk !== pending[0];
    const callbacks = dones;
    pending = [];
    dones = [];
    size = 0;
    bytes = false;
    // Bytes copied into one chunk are free at once; bytes handed as they are, once the stream has written them.
    if (copied) for (const d of callbacks) d();
    const written = callbacks.length === 0 || copied ? stream.write(chunk) : stream.write(chunk, (e?: Error | null) => {
      if (!e) for (const d of callbacks) d();
    });
    if (!written) full = true;
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
    pushBytes(chunk, done) {
      pending.push(chunk);
      if (done) dones.push(done);
      bytes = true;
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

/**
 * A stream written as it is (stdout). `label`, when given, names it in a
 * write error other than a closed pipe (which stays EPIPE: a reader that
 * went away is not an error).
 */
export function streamSink(stream: NodeJS.WritableStream, label?: string): Sink {
  let failure: Error | undefined;
  stream.on("error", (e: Error) => {
    failure = e;
  });
  const named = (e: unknown) => {
    const err = e as NodeJS.ErrnoException;
    return label === undefined || err.code === "EPIPE" ? err : outputError(err, label, false);
  };
  const out = buffered(stream, () => failure);
  const drain = async () => {
    try {
      await out.drain();
    } catch (e) {
      throw named(e);
    }
  };
  return {
    push: out.push,
    pushBytes: out.pushBytes,
    drain,
    write: writeVia({ push: out.push, drain }),
    async close() {
      try {
        await out.flush();
      } catch (e) {
        throw named(e);
      }
    },
    async abort() {},
  };
}

/** Where `-o FILE` really writes, once symbolic links are followed. */
export interface OutputTarget {
  /** The path written: the final target of any links. */
  path: string;
  /** Written in place (a device, a FIFO, an open file descriptor): a rename would replace the device node or the pipe. */
  direct: boolean;
  /** Our own open file descriptor to write to (`/proc/self/fd/N`, `/dev/fd/N`), rather than opening the path again. */
  fd?: number;
  /** The regular file being replaced, if there is one: the new file gets its mode and owner. */
  existing?: Stats;
}

/** `/proc/self/fd/N`, `/proc/<this pid>/fd/N`, `/dev/fd/N`: one of our own open files. */
function ownFd(p: string): number | undefined {
  const m = /^\/(?:proc\/(?:self|thread-self|(\d+))\/fd|dev\/fd)\/(\d+)$/.exec(p);
  if (!m || (m[1] !== undefined && Number(m[1]) !== process.pid)) return undefined;
  return Number(m[2]);
}

const MAX_LINKS = 40; // as the kernel's own limit on a path's links (ELOOP)

/**
 * Follows the links of `target` one by one (a link to a link, relative or
 * absolute), stopping at a file descriptor path, something that is not a
 * regular file, or a name that does not exist yet (a new file, or the
 * missing target of a dangling link).
 */
export async function resolveOutput(target: string): Promise<OutputTarget> {
  let p = path.resolve(target);
  for (let hops = 0; hops <= MAX_LINKS; hops++) {
    const fd = ownFd(p);
    if (fd !== undefined) return { path: p, direct: true, fd };
    if (/^\/proc\/\d+\/fd\/\d+$/.test(p)) return { path: p, direct: true }; // another process's file: opened, never replaced
    const info = await lstat(p).catch(() => undefined);
    if (!info) return { path: p, direct: false };
    if (info.isSymbolicLink()) {
      p = path.resolve(path.dirname(p), await readlink(p));
      continue;
    }
    if (info.isFile()) return { path: p, direct: false, existing: info };
    if (info.isDirectory()) return { path: p, direct: false }; // the rename fails, naming the folder
    return { path: p, direct: true };
  }
  throw outputError(Object.assign(new Error("too many symbolic links"), { code: "ELOOP" }), target);
}

/**
 * `-o FILE`: a regular file (or a new one) is written atomically, beside the
 * final target of any symbolic link (the link itself stays a link); a device
 * such as /dev/null, a FIFO or one of our own file descriptors is written to
 * directly, since a rename would replace the device node or the pipe.
 */
export async function outputSink(target: string): Promise<Sink> {
  let where: OutputTarget;
  try {
    where = await resolveOutput(target);
  } catch (e) {
    throw outputError(e as NodeJS.ErrnoException, target);
  }
  if (where.direct) return directSink(target, where);
  return atomicFileSink(where.path, undefined, { label: target, ...(where.existing ? { existing: where.existing } : {}) });
}

/**
 * Written in place. `createStream` is for tests (a stream that fails as a
 * full disk does); by default a descriptor of our own is written through,
 * and left open (it is not ours to close), and a path is opened for appending
 * (`-o /proc/self/fd/1` after `>>` must not truncate what the shell appended to).
 */
export async function directSink(label: string, where: Pick<OutputTarget, "path" | "fd">, createStream?: () => NodeJS.WritableStream): Promise<Sink> {
  const stream =
    createStream?.() ??
    (where.fd !== undefined
      ? createWriteStream("", { fd: where.fd, autoClose: false, highWaterMark: 1 << 20 })
      : createWriteStream(where.path, { flags: /^\/(proc|dev\/fd)\//.test(where.path) ? "a" : "w", highWaterMark: 1 << 20 }));
  if (where.fd === undefined && createStream === undefined) {
    await Promise.race([once(stream, "open"), once(stream, "error").then(([e]) => Promise.reject(outputError(e as NodeJS.ErrnoException, label, false)))]);
  }
  const sink = streamSink(stream, label);
  return {
    push: sink.push,
    pushBytes: sink.pushBytes,
    drain: sink.drain,
    write: sink.write,
    async close() {
      await sink.close();
      stream.end();
      await Promise.race([once(stream, "finish"), once(stream, "error").then(([e]) => Promise.reject(outputError(e as NodeJS.ErrnoException, label, false)))]);
    },
    async abort() {
      (stream as NodeJS.WritableStream & { destroy?: () => void }).destroy?.();
    },
  };
}

/** Longest file name (bytes) on the file systems we write to: NAME_MAX on Linux, macOS and Windows. */
const NAME_MAX = 255;
let tempCounter = 0;

/**
 * `.NAME.PID.UNIQUE.tmp` beside the target, hidden, with NAME shortened (on
 * a character boundary) when the whole would pass NAME_MAX bytes: a legal
 * 244-character name must not fail because of our temp name.
 */
export function tempNameFor(target: string): string {
  const suffix = `.${process.pid}.${Date.now().toString(36)}${(tempCounter++).toString(36)}.tmp`;
  let base = path.basename(target);
  const room = NAME_MAX - 1 - Buffer.byteLength(suffix);
  if (Buffer.byteLength(base) > room) {
    let bytes = 0;
    let cut = 0;
    for (const ch of base) {
      const size = Buffer.byteLength(ch);
      if (bytes + size > room) break;
      bytes += size;
      cut += ch.length;
    }
    base = base.slice(0, cut);
  }
  return path.join(path.dirname(path.resolve(target)), `.${base}${suffix}`);
}

export interface AtomicOptions {
  /** The name the user gave (a link, a relative path): errors are told in it. Default: the target. */
  label?: string;
  /** The file being replaced: the new one gets its mode and, where allowed, its owner. */
  existing?: Stats;
}

export async function atomicFileSink(
  target: string,
  createStream: (temp: string, mode: number) => WriteStream = (t, mode) => createWriteStream(t, { flags: "wx", mode, highWaterMark: 1 << 20 }),
  options: AtomicOptions = {},
): Promise<Sink> {
  const label = options.label ?? target;
  const temp = tempNameFor(target);
  // Replacing a file: no one else may read the temp file before it has the old file's mode.
  const stream = createStream(temp, options.existing ? 0o600 : 0o644);
  registerTemp(temp);
  let failure: Error | undefined;
  stream.on("error", (e: Error) => {
    failure = e;
  });
  const removeTemp = async () => {
    releaseTemp(temp);
    await unlink(temp).catch(() => undefined);
  };
  await Promise.race([once(stream, "open"), once(stream, "error").then(([e]) => Promise.reject(e))]).catch(async (e: NodeJS.ErrnoException) => {
    await removeTemp();
    throw outputError(e, label);
  });
  const existing = options.existing;
  if (existing) {
    // The replaced file's mode (a 600 file stays 600) and owner (allowed only to root, or to a group of ours).
    try {
      await chmod(temp, existing.mode & 0o7777);
    } catch (e) {
      stream.destroy();
      await removeTemp();
      throw outputError(e as NodeJS.ErrnoException, label);
    }
    await chown(temp, existing.uid, existing.gid).catch(() => undefined);
  }
  const out = buffered(stream, () => failure);
  const drain = async () => {
    try {
      await out.drain();
    } catch (e) {
      throw outputError(e as NodeJS.ErrnoException, label);
    }
  };
  return {
    push: out.push,
    pushBytes: out.pushBytes,
    drain,
    write: writeVia({ push: out.push, drain }),
    async close() {
      try {
        await out.flush();
        stream.end();
        await Promise.race([once(stream, "finish"), once(stream, "error").then(([e]) => Promise.reject(e))]);
        await new Promise<void>((resolve, reject) => stream.close((e) => (e ? reject(e) : resolve())));
        await rename(temp, target);
        releaseTemp(temp);
      } catch (e) {
        stream.destroy();
        await removeTemp();
        throw outputError(e as NodeJS.ErrnoException, label);
      }
    },
    async abort() {
      stream.destroy();
      await removeTemp();
    },
  };
}
