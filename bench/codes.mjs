#!/usr/bin/env node
/**
 * npm run bench:codes [-- --lines N] [-- --before DIR]: what the HS lookup of
 * format 2 costs. Three seeded files of N lines (default 1M), timed with the
 * built CLI (`calc --format json --no-lines` and `calc --format csv`):
 *   sectors   one code per sector of the default schedule (the main bench's file);
 *   lists     codes drawn from the default schedule's product lists (real codes, many plans);
 *   distinct  a different 10-digit code on every line (the worst case for any per-code cache).
 * With `--before DIR` (a built checkout of an earlier commit), its bin/tariff.js
 * runs the same files, interleaved, so both figures come from one run.
 * Prints medians of 3 runs and peak RSS; nothing here fails a build.
 */
import { spawnSync } from "node:child_process";
import { createWriteStream, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { once } from "node:events";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { rng, sectorCodes } from "./shipments-file.mjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const PROBE = path.join(ROOT, "bench/rss-probe.mjs");
const arg = (name) => {
  const i = process.argv.indexOf(name);
  return i < 0 ? undefined : process.argv[i + 1];
};
const LINES = Number(arg("--lines") ?? 1_000_000);
const BEFORE = arg("--before");
const RUNS = Number(arg("--runs") ?? 3);
/** `--keep DIR`: write the files there and keep them (for profiling one by hand). */
const KEEP = arg("--keep");

const schedule = JSON.parse(readFileSync(path.join(ROOT, "src/io/default-schedule.json"), "utf8"));
const listCodes = [...new Set((schedule.lists ?? []).flatMap((l) => l.codes.map((c) => (typeof c === "string" ? c : c.hs).replace(/\./g, "").padEnd(8, "0"))))];

async function generate(file, kind, seed) {
  const random = rng(seed);
  const out = createWriteStream(file);
  const write = async (s) => {
    if (!out.write(s)) await once(out, "drain");
  };
  await write("id,date,importer,hs,value,usmca\n");
  const start = Date.UTC(2025, 0, 1);
  for (let i = 0; i < LINES; i++) {
    const date = new Date(start + Math.floor(random() * 640) * 86400000).toISOString().slice(0, 10);
    const importer = random() < 0.7 ? "US" : "CA";
    const hs =
      kind === "sectors" ? sectorCodes[Math.floor(random() * sectorCodes.length)]
      : kind === "lists" ? listCodes[Math.floor(random() * listCodes.length)]
      : String(1_000_000_000 + ((i * 7919) % 8_999_999_999)).padStart(10, "0").slice(0, 10).replace(/^0/, "1"); // distinct, chapters 10–99
    const cents = Math.floor(random() * 5_000_000);
    await write(`L${i},${date},${importer},${hs},${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, "0")},${random() < 0.3 ? "Y" : "N"}\n`);
  }
  out.end();
  await once(out, "finish");
}

function run(bin, args, dir) {
  const rssFile = path.join(dir, `rss-${process.hrtime.bigint()}`);
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ["--import", PROBE, bin, ...args], { env: { ...process.env, BENCH_RSS_FILE: rssFile, NO_COLOR: "1" }, stdio: ["ignore", "ignore", "pipe"], maxBuffer: 1 << 26 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${bin} ${args.join(" ")}: exit ${r.status}\n${r.stderr}`);
  return { ms, rss: Number(readFileSync(rssFile, "utf8")) };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const dir = KEEP ? path.resolve(KEEP) : mkdtempSync(path.join(os.tmpdir(), "tariff-bench-codes-"));
if (KEEP) mkdirSync(dir, { recursive: true });
try {
  const builds = [["now", path.join(ROOT, "bin/tariff.js")], ...(BEFORE ? [["before", path.join(path.resolve(BEFORE), "bin/tariff.js")]] : [])];
  const rows = [];
  for (const [i, kind] of ["sectors", "lists", "distinct"].entries()) {
    const file = path.join(dir, `${kind}.csv`);
    await generate(file, kind, 42 + i);
    for (const format of [["--format", "json", "--no-lines"], ["--format", "csv"]]) {
      const results = new Map(builds.map(([name]) => [name, []]));
      for (let k = 0; k < RUNS; k++) for (const [name, bin] of builds) results.get(name).push(run(bin, ["calc", file, ...format], dir));
      for (const [name, rs] of results) rows.push({ file: kind, format: format.slice(1).join(" "), build: name, ms: median(rs.map((r) => r.ms)), rssMB: Math.max(...rs.map((r) => r.rss)) / 2 ** 20 });
    }
  }
  console.log(`${LINES} lines per file, median of ${RUNS} runs (interleaved across builds), peak RSS`);
  console.log("file      format            build    time (ms)  peak RSS (MB)");
  for (const r of rows) console.log(`${r.file.padEnd(9)} ${r.format.padEnd(17)} ${r.build.padEnd(8)} ${r.ms.toFixed(0).padStart(9)}  ${r.rssMB.toFixed(0).padStart(13)}`);
} finally {
  if (!KEEP) rmSync(dir, { recursive: true, force: true });
}
