#!/usr/bin/env node
/**
 * npm run bench [-- --quick]: generates seeded synthetic shipment files and
 * times the built CLI on them against a csv-parse pass over the same file.
 * Prints a table and writes bench/results.json (not committed).
 * Targets are printed beside the figures; nothing here fails a build.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, createWriteStream } from "node:fs";
import { once } from "node:events";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const BIN = path.join(ROOT, "bin/tariff.js");
const PROBE = path.join(ROOT, "bench/rss-probe.mjs");
const FLOOR = path.join(ROOT, "bench/csv-floor.mjs");
const quick = process.argv.includes("--quick");
const SIZES = quick ? [10_000, 100_000] : [10_000, 100_000, 1_000_000];
const RUNS = (n) => (n >= 1_000_000 ? 3 : 5);

// --- seeded generator (mulberry32) ------------------------------------------------
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const schedule = JSON.parse(readFileSync(path.join(ROOT, "src/io/default-schedule.json"), "utf8"));
// One HS prefix per sector, padded to 8 digits: every sector of the default schedule is exercised.
const codes = schedule.sectors.map((s) => s.hs[0].replace(/\./g, "").padEnd(8, "0"));

async function generate(file, lines, seed) {
  const random = rng(seed);
  const out = createWriteStream(file);
  const write = async (s) => {
    if (!out.write(s)) await once(out, "drain");
  };
  await write("id,date,importer,hs,value,usmca,content_value\n");
  const start = Date.UTC(2025, 0, 1);
  for (let i = 0; i < lines; i++) {
    const date = new Date(start + Math.floor(random() * 700) * 86400000).toISOString().slice(0, 10);
    const importer = random() < 0.7 ? "US" : "CA";
    const hs = codes[Math.floor(random() * codes.length)];
    const cents = Math.floor(random() * 5_000_000);
    const value = `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, "0")}`;
    const usmca = random() < 0.3 ? "Y" : "N";
    const content = random() < 0.2 ? `${Math.floor((cents * random()) / 100)}.00` : "";
    await write(`L${i},${date},${importer},${hs},${value},${usmca},${content}\n`);
  }
  out.end();
  await once(out, "finish");
}

// --- measuring -------------------------------------------------------------------
function measure(args, runs) {
  const times = [];
  const rss = [];
  const rssFile = path.join(os.tmpdir(), `tariff-bench-rss-${process.pid}`);
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    const r = spawnSync(process.execPath, ["--import", PROBE, ...args], { env: { ...process.env, BENCH_RSS_FILE: rssFile, NO_COLOR: "1" }, stdio: ["ignore", "ignore", "pipe"], maxBuffer: 1 << 26 });
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    if (r.status !== 0 && r.status !== 1) throw new Error(`${args.join(" ")} exited ${r.status}: ${r.stderr}`);
    times.push(ms);
    rss.push(Number(readFileSync(rssFile, "utf8")));
  }
  rmSync(rssFile, { force: true });
  times.sort((a, b) => a - b);
  return { ms: times[Math.floor(times.length / 2)], rssMB: Math.max(...rss) / 1e6 };
}

const dir = mkdtempSync(path.join(os.tmpdir(), "tariff-bench-"));
const overlays = ["ieepa-never-struck-down.json", "metals-232-at-25.json"].map((f) => path.join(ROOT, "fixtures/overlays", f));
const results = { machine: { cpus: os.cpus().length, cpu: os.cpus()[0]?.model, node: process.version, platform: `${os.platform()} ${os.arch()}` }, runs: [] };
const rows = [];

try {
  for (const [i, n] of SIZES.entries()) {
    const file = path.join(dir, `shipments-${n}.csv`);
    await generate(file, n, 20261123 + i);
    const mb = statSync(file).size / 1e6;
    const runs = RUNS(n);
    const floor = measure([FLOOR, file], runs);
    const cases = [
      ["csv-parse floor", floor],
      ["calc --format csv", measure([BIN, "calc", file, "--format", "csv", "-o", "/dev/null"], runs)],
      ["calc --format json --no-lines", measure([BIN, "calc", file, "--format", "json", "--no-lines"], runs)],
      ["compare, 3 scenarios", measure([BIN, "compare", file, "--overlay", overlays[0], "--overlay", overlays[1], "--format", "json"], runs)],
    ];
    for (const [name, m] of cases) {
      const row = { lines: n, fileMB: +mb.toFixed(1), case: name, ms: +m.ms.toFixed(0), linesPerSec: Math.round(n / (m.ms / 1000)), mbPerSec: +(mb / (m.ms / 1000)).toFixed(1), peakRssMB: +m.rssMB.toFixed(0), vsFloor: +(m.ms / floor.ms).toFixed(2) };
      rows.push(row);
      results.runs.push(row);
    }
    rmSync(file, { force: true });
  }
  for (const [name, args] of [["validate default", [BIN, "validate", "default"]], ["rates --at 2025-09-15", [BIN, "rates", "--at", "2025-09-15"]]]) {
    const m = measure(args, 5);
    const row = { lines: 0, fileMB: 0, case: name, ms: +m.ms.toFixed(0), linesPerSec: 0, mbPerSec: 0, peakRssMB: +m.rssMB.toFixed(0), vsFloor: 0 };
    rows.push(row);
    results.runs.push(row);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const pad = (s, n, right = false) => (right ? String(s).padStart(n) : String(s).padEnd(n));
console.log(`tariff bench (${quick ? "quick" : "full"}): ${results.machine.cpus} cores, ${results.machine.cpu}, Node ${results.machine.node}; median of ${quick ? 5 : "5 (3 for 1M lines)"} runs\n`);
console.log(`${pad("lines", 9, true)} ${pad("MB", 6, true)}  ${pad("case", 30)} ${pad("ms", 7, true)} ${pad("lines/s", 10, true)} ${pad("MB/s", 6, true)} ${pad("peak RSS MB", 11, true)} ${pad("× floor", 8, true)}`);
for (const r of rows) {
  console.log(`${pad(r.lines || "-", 9, true)} ${pad(r.fileMB || "-", 6, true)}  ${pad(r.case, 30)} ${pad(r.ms, 7, true)} ${pad(r.linesPerSec || "-", 10, true)} ${pad(r.mbPerSec || "-", 6, true)} ${pad(r.peakRssMB, 11, true)} ${pad(r.vsFloor || "-", 8, true)}`);
}
const at = (lines, name) => rows.find((r) => r.lines === lines && r.case === name);
const big = quick ? 100_000 : 1_000_000;
const targets = [
  [`calc ≤ 1.5× floor (${big} lines)`, at(big, "calc --format csv")?.vsFloor, (v) => v <= 1.5],
  [`compare (3 scenarios) ≤ 2× floor (${big} lines)`, at(big, "compare, 3 scenarios")?.vsFloor, (v) => v <= 2],
  ["calc csv peak RSS ≤ 200 MB", Math.max(...rows.filter((r) => r.case === "calc --format csv").map((r) => r.peakRssMB)), (v) => v <= 200],
  ...(quick ? [] : [["calc csv RSS 1M within 10% of 100k", +(at(1_000_000, "calc --format csv").peakRssMB / at(100_000, "calc --format csv").peakRssMB).toFixed(2), (v) => v <= 1.1]]),
  ["validate default < 300 ms", at(0, "validate default")?.ms, (v) => v < 300],
  ["rates < 300 ms", at(0, "rates --at 2025-09-15")?.ms, (v) => v < 300],
];
console.log("\nTargets (informative, not asserted):");
results.targets = targets.map(([name, value, ok]) => {
  const met = value !== undefined && ok(value);
  console.log(`  ${met ? "met   " : "MISSED"}  ${name}: ${value}`);
  return { target: name, value, met };
});
writeFileSync(path.join(ROOT, "bench/results.json"), JSON.stringify(results, null, 2) + "\n");
console.log("\nbench/results.json written.");
