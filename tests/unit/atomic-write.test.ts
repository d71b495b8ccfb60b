/**
 * `-o FILE` is never half-written (issue #8): atomicFileSink writes a temp
 * file in the target's folder and renames it over the target only at close.
 * Failures are simulated by injecting a failing stream (never by writing to a
 * device such as /dev/full): the promise rejects naming the target, the old
 * target stays, and no temp file is left once the caller aborts.
 */
import { spawnSync } from "node:child_process";
import { createReadStream, createWriteStream, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync, type WriteStream } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { atomicFileSink, cleanupTempFiles, outputSink, streamSink } from "../../src/io/atomic-write.js";

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
    await expect(failure).rejects.toThrow(`cannot write ${target}: no space left on the device; nothing was written`);
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
    await expect(sink.close()).rejects.toThrow(`cannot write ${target}: no space left on the device; nothing was written`);
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
