/**
 * Back-pressure end to end (issue #7): with a consumer that stops reading,
 * `calc --format csv` stops pulling input, so memory cannot grow with the file.
 * Runs the real command in-process with a generated input and a paused output.
 */
import { Readable, Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";

const TOTAL = 200_000;

function generator() {
  let produced = 0;
  const stream = new Readable({
    read() {
      if (produced === 0) this.push("id,date,importer,hs,value\n");
      let chunk = "";
      for (let i = 0; i < 200 && produced < TOTAL; i++, produced++) chunk += `L${produced},2025-09-15,US,8712.00,${(produced % 5000) + 1}.25\n`;
      this.push(chunk === "" ? null : chunk);
    },
  });
  return { stream, produced: () => produced };
}

function pausedConsumer() {
  let paused = true;
  const waiting: (() => void)[] = [];
  let bytes = 0;
  const stream = new Writable({
    highWaterMark: 16 * 1024,
    write(chunk: Buffer, _enc, done) {
      bytes += chunk.length;
      if (paused) waiting.push(() => done());
      else done();
    },
  });
  return {
    stream,
    bytes: () => bytes,
    resume() {
      paused = false;
      for (const w of waiting.splice(0)) w();
    },
  };
}

describe("streaming", () => {
  it("a paused reader stops calc from reading further; resumed, every line comes out", async () => {
    const input = generator();
    const output = pausedConsumer();
    const stderr = new Writable({ write: (_c, _e, done) => done() });
    const run = main(["calc", "-", "--format", "csv"], { stdin: input.stream, stdout: output.stream, stderr, env: {}, today: "2026-11-23" });
    await new Promise((r) => setTimeout(r, 1500));
    const pulledWhilePaused = input.produced();
    // Only what fits in the pipe's buffers was read: a few thousand lines, not the 200,000 on offer.
    expect(pulledWhilePaused).toBeLessThan(50_000);
    await new Promise((r) => setTimeout(r, 500));
    expect(input.produced()).toBe(pulledWhilePaused); // still waiting, not reading on
    output.resume();
    await expect(run).resolves.toBe(0);
    expect(input.produced()).toBe(TOTAL);
  }, 120_000);

  it("a 100 MB line is refused after its first megabyte, without reading the rest (issue #8)", async () => {
    let produced = 0;
    const line = new Readable({
      read() {
        if (produced === 0) this.push("id,date,importer,hs,value\nA,2025-09-15,US,8712,");
        if (produced >= 100_000_000) return this.push(null);
        produced += 1_000_000;
        this.push("9".repeat(1_000_000));
      },
    });
    let stderr = "";
    const err = new Writable({ write: (c, _e, done) => ((stderr += String(c)), done()) });
    const out = new Writable({ write: (_c, _e, done) => done() });
    const code = await main(["calc", "-", "--format", "csv"], { stdin: line, stdout: out, stderr: err, env: {}, today: "2026-11-23" });
    expect(code).toBe(2);
    expect(stderr).toBe("<stdin>:2: error: not valid CSV: a record is longer than 1000000 bytes [csv/malformed]\n");
    expect(produced).toBeLessThan(10_000_000);
  });
});
