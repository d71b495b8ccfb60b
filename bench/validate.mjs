#!/usr/bin/env node
/**
 * npm run bench:validate: times `tariff validate` on generated schedules
 * (issue #13): 10,000 measures (about 5 MB), 100,000 measures (about 50 MB),
 * the same with an error in every measure, a chain of 5,000 exclusions, a cycle
 * of 20,000 measures, a 30,000-character id and a 900 KB unknown sector.
 * Prints time and peak RSS beside the targets; asserts nothing.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { bigSchedule } from "./schedule-gen.mjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const BIN = path.join(ROOT, "bin/tariff.js");
const PROBE = path.join(ROOT, "bench/rss-probe.mjs");
const dir = mkdtempSync(path.join(os.tmpdir(), "tariff-bench-validate-"));

function broken(n) {
  const s = bigSchedule({ n });
  for (const m of s.measures) {
    m.periods[0].rate = "25"; // not a rate: a shape error
    if (Array.isArray(m.sectors)) m.sectors.push("sectr_1"); // unknown sector, a guess for the first ones
  }
  return s;
}
function longId() {
  const s = bigSchedule({ n: 3 });
  const long = "a".repeat(30_000);
  s.measures[0].id = long;
  s.measures[1].excludedBy = [long.slice(1) + "b"];
  return s;
}
function longSector() {
  const s = bigSchedule({ n: 3, sectors: 200 });
  s.measures[1].sectors = ["x".repeat(900_000)];
  return s;
}

const cases = [
  ["10,000 measures", () => bigSchedule({ n: 10_000 }), 5_000],
  ["100,000 measures", () => bigSchedule({ n: 100_000 }), 30_000],
  ["100,000 measures, all broken", () => broken(100_000), 30_000],
  ["chain of 5,000 exclusions", () => bigSchedule({ n: 5_000, chain: true }), 1_000],
  ["cycle of 20,000 measures", () => bigSchedule({ n: 20_000, cycle: true }), 5_000],
  ["30,000-character id", longId, 1_000],
  ["900 KB unknown sector", longSector, 1_000],
];

console.log(`tariff validate bench: ${os.cpus().length} cores, ${os.cpus()[0]?.model}, Node ${process.version}; median of 3 runs\n`);
console.log(`${"case".padEnd(32)} ${"MB".padStart(6)} ${"ms".padStart(7)} ${"peak RSS MB".padStart(11)} ${"× file".padStart(7)}  target`);
try {
  for (const [name, make, targetMs] of cases) {
    const file = path.join(dir, "schedule.json");
    writeFileSync(file, JSON.stringify(make(), null, 1));
    const mb = statSync(file).size / 1e6;
    const rssFile = path.join(dir, "rss");
    const runs = [];
    for (let i = 0; i < 3; i++) {
      const t0 = process.hrtime.bigint();
      const r = spawnSync(process.execPath, ["--import", PROBE, BIN, "validate", file], { env: { ...process.env, BENCH_RSS_FILE: rssFile, NO_COLOR: "1" }, stdio: ["ignore", "ignore", "pipe"], maxBuffer: 1 << 26 });
      if (r.status !== 0 && r.status !== 1) throw new Error(`${name}: exit ${r.status}: ${r.stderr}`);
      runs.push({ ms: Number(process.hrtime.bigint() - t0) / 1e6, rss: Number(readFileSync(rssFile, "utf8")) / 1e6 });
    }
    runs.sort((a, b) => a.ms - b.ms);
    const { ms } = runs[1];
    const rss = Math.max(...runs.map((r) => r.rss));
    console.log(`${name.padEnd(32)} ${mb.toFixed(1).padStart(6)} ${ms.toFixed(0).padStart(7)} ${rss.toFixed(0).padStart(11)} ${(rss / mb).toFixed(1).padStart(7)}  ${ms < targetMs ? "met" : "MISSED"} < ${targetMs} ms`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
