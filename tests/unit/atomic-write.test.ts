/**
 * `-o FILE` is never half-written (issue #8): atomicFileSink writes a temp
 * file in the target's folder and renames it over the target only at close.
 * Failures are simulated by injecting a failing stream (never by writing to a
 * device such as /dev/full): the promise rejects naming the target, the old
 * target stays, and no temp file is left once the caller aborts.
 */
import { spawnSync } from "node:child_process";
import { chmodSync, chownSync, createReadStream, createWriteStream, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, statSync, symlinkSync, writeFileSync, type WriteStream } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { atomicFileSink, cleanupTempFiles, directSink, outputSink, resolveOutput, streamSink, tempNameFor } from "../../src/io/atomic-write.js";

function folderWithOldFile(): { dir: string; target: string } {
  const dir = mkdtempSync(path.join(tmpdir(), "tariff-atomic-"));
  const target = path.join(dir, "duties.json");
  writeFileSync(target, "old content\n");
  return { dir, target };
}

const errno = (code: string, message: string) => Object.assign(new Error(`${code}: ${message}`), { code });

/** A real write stream on the temp file whose every write fails, as on a full disk. */
function failingOnWrite(temp: string): WriteStream {
  const stream = createWriteStream(temp, { flags: "wx", mode: 0o644 });
  stream._write = (_chunk, _enc, done) => done(errno("ENOSPC", "no space left on device, write"));
  stream._writev = (_chunks, done) => done(errno("ENOSPC", "no space left on device, write"));
  return stream;
}

/** A stream that never opens: fails as opening a file without permission does. */
function failingOnOpen(): WriteStream {
  const stream = new Writable({ write: (_c, _e, done) => done() });
  process.nextTick(() => stream.emit("error", errno("EACCES", "permission denied, open")));
  return stream as unknown as WriteStream;
}

describe("atomicFileSink", () => {
  it("success: the content lands in the target by rename, and no temp file is left", async () => {
    const { dir, target } = folderWithOldFile();
    const sink = await atomicFileSink(target);
    // While writing, the old file is untouched and the new content sits in a hidden temp file beside it.
    await sink.write("new ");
    await sink.write("x".repeat(200_000)); // over the 64 KiB buffer: reaches the temp file before close
    expect(readFileSync(target, "utf8")).toBe("old content\n");
    const during = readdirSync(dir).filter((f) => f !== "duties.json");
    expect(during).toHaveLength(1);
    expect(during[0]).toMatch(/^\.duties\.json\.\d+\.[0-9a-z]+\.tmp$/);
    await sink.close();
    expect(readFileSync(target, "utf8")).toBe(`new ${"x".repeat(200_000)}`);
    expect(readdirSync(dir)).toEqual(["duties.json"]);
  });

  it("a write that fails (ENOSPC): rejects naming the target, old content kept, no temp file after abort", async () => {
    const { dir, target } = folderWithOldFile();
    const sink = await atomicFileSink(target, failingOnWrite);
    expect(readdirSync(dir)).toHaveLength(2); // the temp file was opened
    const failure = sink.write("y".repeat(100_000)); // over the buffer: written now, fails now
    await expect(failure).rejects.toThrow(`cannot write ${target}: no space left on device; nothing was written`);
    await expect(failure).rejects.not.toThrow(/\.tmp/);
    await expect(failure).rejects.toMatchObject({ code: "ENOSPC" });
    await sink.abort();
    expect(readFileSync(target, "utf8")).toBe("old content\n");
    expect(readdirSync(dir)).toEqual(["duties.json"]);
  });

  it("a write that fails only when flushed at close: close rejects and removes the temp file itself", async () => {
    const { dir, target } = folderWithOldFile();
    const sink = await atomicFileSink(target, failingOnWrite);
    await sink.write("small\n"); // buffered, not yet written
    await expect(sink.close()).rejects.toThrow(`cannot write ${target}: no space left on device; nothing was written`);
    expect(readFileSync(target, "utf8")).toBe("old content\n");
    expect(readdirSync(dir)).toEqual(["duties.json"]);
  });

  it("a stream that fails to open (EACCES): rejects naming the target, old content kept, no temp file", async () => {
    const { dir, target } = folderWithOldFile();
    const opened = atomicFileSink(target, failingOnOpen);
    await expect(opened).rejects.toThrow(`cannot write ${target}: permission denied; nothing was written`);
    await expect(opened).rejects.not.toThrow(/\.tmp/);
    expect(readFileSync(target, "utf8")).toBe("old content\n");
    expect(readdirSync(dir)).toEqual(["duties.json"]);
  });

  it("a folder that does not exist: rejects with 'no such folder', creates nothing", async () => {
    const { dir } = folderWithOldFile();
    const target = path.join(dir, "missing", "duties.json");
    await expect(atomicFileSink(target)).rejects.toThrow(`cannot write ${target}: no such folder; nothing was written`);
    expect(readdirSync(dir)).toEqual(["duties.json"]);
  });

  it("a target that is a folder: the rename fails at close, the folder is untouched, no temp file", async () => {
    const { dir } = folderWithOldFile();
    const target = path.join(dir, "a-folder");
    mkdirSync(target);
    writeFileSync(path.join(target, "inside.txt"), "keep\n");
    const sink = await outputSink(target);
    await sink.write("data\n");
    await expect(sink.close()).rejects.toThrow(new RegExp(`^cannot write ${target.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: .*; nothing was written$`));
    expect(lstatSync(target).isDirectory()).toBe(true);
    expect(readdirSync(target)).toEqual(["inside.txt"]);
    expect(readdirSync(dir).sort()).toEqual(["a-folder", "duties.json"]);
  });

  it("abort before close: the old file stays and the temp file goes", async () => {
    const { dir, target } = folderWithOldFile();
    const sink = await atomicFileSink(target);
    await sink.write("z".repeat(100_000));
    await sink.abort();
    expect(readFileSync(target, "utf8")).toBe("old content\n");
    expect(readdirSync(dir)).toEqual(["duties.json"]);
  });

  it("cleanupTempFiles (the signal handler's) removes temp files still open, and only those", async () => {
    const { dir, target } = folderWithOldFile();
    const sink = await atomicFileSink(target);
    await sink.write("w".repeat(100_000));
    expect(readdirSync(dir)).toHaveLength(2);
    cleanupTempFiles();
    expect(readdirSync(dir)).toEqual(["duties.json"]);
    expect(readFileSync(target, "utf8")).toBe("old content\n");
    await sink.abort();
  });
});

const hasMkfifo = spawnSync("mkfifo", ["--version"]).status === 0;

describe("outputSink on a FIFO", () => {
  it.skipIf(!hasMkfifo)("writes into the FIFO (read concurrently) and leaves it a FIFO, with no temp file", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "tariff-fifo-"));
    const fifo = path.join(dir, "pipe");
    expect(spawnSync("mkfifo", [fifo]).status).toBe(0);
    // Opening either end of a FIFO waits for the other: start the reader first.
    const read = new Promise<string>((resolve, reject) => {
      const chunks: Buffer[] = [];
      createReadStream(fifo)
        .on("data", (c) => chunks.push(Buffer.from(c)))
        .on("end", () => resolve(Buffer.concat(chunks).toString("utf8")))
        .on("error", reject);
    });
    const sink = await outputSink(fifo);
    await sink.write("line 1\n");
    await sink.write("line 2\n");
    await sink.close();
    expect(await read).toBe("line 1\nline 2\n");
    expect(lstatSync(fifo).isFIFO()).toBe(true);
    expect(readdirSync(dir)).toEqual(["pipe"]);
  });
});

describe("streamSink: lines are queued with push and passed on by drain", () => {
  /** A consumer slower than the producer: each write completes a millisecond later. */
  const slow = () => {
    const got: string[] = [];
    const stream = new Writable({ highWaterMark: 1024, write: (chunk: Buffer, _e, done) => { got.push(chunk.toString()); setTimeout(done, 1); } });
    return { stream, got };
  };

  it("every line arrives, in order, through back-pressure", async () => {
    const { stream, got } = slow();
    const sink = streamSink(stream);
    const sent: string[] = [];
    for (let batch = 0; batch < 20; batch++) {
      for (let i = 0; i < 300; i++) {
        const line = `${batch},${i},a line of about forty characters\n`;
        sent.push(line);
        sink.push(line);
      }
      await sink.drain();
    }
    await sink.close();
    await new Promise<void>((resolve) => stream.end(resolve));
    expect(got.join("")).toBe(sent.join(""));
  });

  it("drain does not wait for a 'drain' that already happened (the stream emptied before drain was called)", async () => {
    const { stream } = slow();
    const sink = streamSink(stream);
    for (let i = 0; i < 2000; i++) sink.push("x".repeat(20)); // 40,000 characters: more than the stream takes at once
    await new Promise((resolve) => setTimeout(resolve, 200)); // long enough for every write to finish
    const outcome = await Promise.race([sink.drain().then(() => "drained"), new Promise((resolve) => setTimeout(() => resolve("hung"), 2000))]);
    expect(outcome).toBe("drained");
  });
});

/** Output never destroys input (issue #13, item 3): links, modes, long names, devices, failing writes. */
describe("outputSink: links, modes, long names (issue #13)", () => {
  it("-o through a symbolic link writes the link's target (atomically, beside it) and leaves the link a link", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "tariff-link-"));
    mkdirSync(path.join(dir, "real"));
    const real = path.join(dir, "real", "duties.csv");
    writeFileSync(real, "old\n");
    const link = path.join(dir, "link.csv");
    symlinkSync("real/duties.csv", link); // relative, as `ln -s` makes them
    const sink = await outputSink(link);
    await sink.write("x".repeat(100_000));
    // The temp file sits beside the target, not beside the link.
    expect(readdirSync(path.join(dir, "real")).filter((f) => f.endsWith(".tmp"))).toHaveLength(1);
    await sink.close();
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readlinkSync(link)).toBe("real/duties.csv");
    expect(readFileSync(real, "utf8")).toBe("x".repeat(100_000));
    expect(readdirSync(dir).sort()).toEqual(["link.csv", "real"]);
    expect(readdirSync(path.join(dir, "real"))).toEqual(["duties.csv"]);
  });

  it("a link to a link to a file that does not exist yet: the file is made where the last link points", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "tariff-link-"));
    symlinkSync(path.join(dir, "b"), path.join(dir, "a"));
    symlinkSync("new.csv", path.join(dir, "b"));
    const sink = await outputSink(path.join(dir, "a"));
    await sink.write("new\n");
    await sink.close();
    expect(readFileSync(path.join(dir, "new.csv"), "utf8")).toBe("new\n");
    expect(lstatSync(path.join(dir, "a")).isSymbolicLink() && lstatSync(path.join(dir, "b")).isSymbolicLink()).toBe(true);
  });

  it("the replaced file keeps its mode (600 stays 600, 640 stays 640)", async () => {
    for (const mode of [0o600, 0o640]) {
      const { target } = folderWithOldFile();
      chmodSync(target, mode);
      const sink = await outputSink(target);
      await sink.write("secret\n");
      await sink.close();
      expect(statSync(target).mode & 0o777).toBe(mode);
      expect(readFileSync(target, "utf8")).toBe("secret\n");
    }
  });

  it.skipIf(process.getuid?.() !== 0)("the replaced file keeps its owner where allowed (run as root)", async () => {
    const { target } = folderWithOldFile();
    chownSync(target, 4321, 4322);
    const sink = await outputSink(target);
    await sink.write("owned\n");
    await sink.close();
    expect([statSync(target).uid, statSync(target).gid]).toEqual([4321, 4322]);
  });

  it("a legal 244-character name works: the temp name is cut to stay within 255 bytes", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "tariff-long-"));
    const name = "d".repeat(240) + ".csv";
    const sink = await outputSink(path.join(dir, name));
    await sink.write("long\n");
    const temp = readdirSync(dir)[0]!;
    expect(Buffer.byteLength(temp)).toBeLessThanOrEqual(255);
    expect(temp).toMatch(/^\.d+\.\d+\.[0-9a-z]+\.tmp$/);
    await sink.close();
    expect(readdirSync(dir)).toEqual([name]);
  });

  it("tempNameFor cuts a name of multi-byte characters on a character boundary, within 255 bytes", () => {
    const name = "é".repeat(127); // 254 bytes: a legal name
    const temp = path.basename(tempNameFor(path.join(tmpdir(), name)));
    expect(Buffer.byteLength(temp)).toBeLessThanOrEqual(255);
    expect(temp).toMatch(/^\.é+\.\d+\.[0-9a-z]+\.tmp$/);
  });

  it("resolveOutput: /proc/self/fd/N and /dev/fd/N are our own descriptors, written directly; a device is direct; a file is not", async () => {
    expect(await resolveOutput("/proc/self/fd/1")).toEqual({ path: "/proc/self/fd/1", direct: true, fd: 1 });
    expect(await resolveOutput("/dev/fd/2")).toEqual({ path: "/dev/fd/2", direct: true, fd: 2 });
    expect(await resolveOutput(`/proc/${process.pid}/fd/1`)).toMatchObject({ direct: true, fd: 1 });
    expect(await resolveOutput("/dev/null")).toEqual({ path: "/dev/null", direct: true });
    const { target } = folderWithOldFile();
    expect(await resolveOutput(target)).toMatchObject({ path: target, direct: false, existing: expect.anything() });
  });

  it("a failed write to a device names the file, without claiming that nothing was written", async () => {
    const failing = () => new Writable({ write: (_c, _e, done) => done(errno("ENOSPC", "no space left on device, write")) });
    const sink = await directSink("/dev/sdz", { path: "/dev/sdz" }, failing);
    const failure = sink.write("z".repeat(100_000));
    await expect(failure).rejects.toThrow(/^cannot write \/dev\/sdz: no space left on device$/);
    await expect(failure).rejects.toMatchObject({ code: "ENOSPC" });
  });

  it("a failed write to standard output names it; a closed pipe stays EPIPE (a reader that went away is not an error)", async () => {
    const full = new Writable({ write: (_c, _e, done) => done(errno("ENOSPC", "no space left on device, write")) });
    await expect(streamSink(full, "standard output").write("z".repeat(100_000))).rejects.toThrow(/^cannot write standard output: no space left on device$/);
    const closed = new Writable({ write: (_c, _e, done) => done(errno("EPIPE", "broken pipe, write")) });
    await expect(streamSink(closed, "standard output").write("z".repeat(100_000))).rejects.toMatchObject({ code: "EPIPE", message: "EPIPE: broken pipe, write" });
  });
});
