#!/usr/bin/env node
/**
 * npm run bench [-- --quick] [-- --memory]: generates seeded synthetic shipment files and
 * times the built CLI on them against a csv-parse pass over the same file; then
 * measures peak RSS with 1M and 4M (--quick: 100k) rejected or warned lines in
 * every machine format under a 64 MB heap, beside a file of computed lines
 * (--memory: only that).
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
// --memory: only the memory cases (issue #13): rejected and warned lines in every machine format.
const memoryOnly = process.argv.includes("--memory");
const SIZES = memoryOnly ? [] : quick ? [10_000, 100_000] : [10_000, 100_000, 1_000_000];
const MEMORY_SIZES = quick ? [100_000] : [1_000_000, 4_000_000];
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

/**
 * `kind`: "computed" (every line computes), "entries" (as computed, with `entry` and `mode` columns: five lines
 * an entry, sharing its date, importer and mode, for `--fees`), "rejected" (every line has an M/D/YYYY date, as an Excel
 * export writes them: rejected) or "warned" (every line has a 9-digit HS code: computed, with a warning).
 */
const MODES = ["vessel", "truck", "rail", "air"];

async function generate(file, lines, seed, kind = "computed") {
  const random = rng(seed);
  const out = createWriteStream(file);
  const write = async (s) => {
    if (!out.write(s)) await once(out, "drain");
  };
  const entries = kind === "entries";
  await write("id,date,importer,hs,value,usmca,content_value" + (entries ? ",entry,mode" : "") + "\n");
  const start = Date.UTC(2025, 0, 1);
  let date, importer;
  for (let i = 0; i < lines; i++) {
    // The same draws whatever the kind, so "entries" differs from "computed" only where an entry's lines share a date and importer.
    const d = new Date(start + Math.floor(random() * 700) * 86400000).toISOString().slice(0, 10);
    const imp = random() < 0.7 ? "US" : "CA";
    if (!entries || i % 5 === 0) [date, importer] = [d, imp];
    const hs = codes[Math.floor(random() * codes.length)];
    const cents = Math.floor(random() * 5_000_000);
    const value = `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, "0")}`;
    const usmca = random() < 0.3 ? "Y" : "N";
    const content = random() < 0.2 ? `${Math.floor((cents * random()) / 100)}.00` : "";
    const shown = kind === "rejected" ? `${date.slice(5, 7)}/${date.slice(8, 10)}/${date.slice(0, 4)}` : date;
    const code = kind === "warned" ? hs.slice(0, 8) + "0" : hs; // 9 digits: "a leading zero may have been lost"
    const tail = entries ? `,E${Math.floor(i / 5)},${MODES[Math.floor(i / 5) % MODES.length]}` : "";
    await write(`L${i},${shown},${importer},${code},${value},${usmca},${content}${tail}\n`);
  }
  out.end();
  await once(out, "finish");
}

// --- measuring -------------------------------------------------------------------
function measure(args, runs, nodeFlags = [], quietStderr = false) {
  const times = [];
  const rss = [];
  const rssFile = path.join(os.tmpdir(), `tariff-bench-rss-${process.pid}`);
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    // A line's warning goes to stderr: millions of them would overflow a pipe's buffer here, so they go to /dev/null.
    const r = spawnSync(process.execPath, [...nodeFlags, "--import", PROBE, ...args], { env: { ...process.env, BENCH_RSS_FILE: rssFile, NO_COLOR: "1" }, stdio: ["ignore", "ignore", quietStderr ? "ignore" : "pipe"], maxBuffer: 1 << 26 });
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    if (r.status !== 0 && r.status !== 1) throw new Error(`${args.join(" ")} exited ${r.status ?? r.signal}: ${r.stderr ?? ""}`);
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
const memoryRows = [];

try {
  for (const [i, n] of SIZES.entries()) {
    const file = path.join(dir, `shipments-${n}.csv`);
    await generate(file, n, 20261123 + i);
    const mb = statSync(file).size / 1e6;
    const runs = RUNS(n);
    const floor = measure([FLOOR, file], runs);
    // --fees (issue #15): the same lines with entries and modes, under the embedded schedule (its fees from data/fees.mjs), with and without --fees.
    const entered = path.join(dir, `entries-${n}.csv`);
    await generate(entered, n, 20261123 + i, "entries");
    const cases = [
      ["csv-parse floor", floor],
      ["calc --format csv", measure([BIN, "calc", file, "--format", "csv", "-o", "/dev/null"], runs)],
      ["calc --format csv, entries", measure([BIN, "calc", entered, "--format", "csv", "-o", "/dev/null"], runs)],
      ["calc --format csv --fees, entries", measure([BIN, "calc", entered, "--fees", "--format", "csv", "-o", "/dev/null"], runs)],
      ["calc --format json --no-lines", measure([BIN, "calc", file, "--format", "json", "--no-lines"], runs)],
      ["compare, 3 scenarios", measure([BIN, "compare", file, "--overlay", overlays[0], "--overlay", overlays[1], "--format", "json"], runs)],
    ];
    for (const [name, m] of cases) {
      const row = { lines: n, fileMB: +mb.toFixed(1), case: name, ms: +m.ms.toFixed(0), linesPerSec: Math.round(n / (m.ms / 1000)), mbPerSec: +(mb / (m.ms / 1000)).toFixed(1), peakRssMB: +m.rssMB.toFixed(0), vsFloor: +(m.ms / floor.ms).toFixed(2) };
      rows.push(row);
      results.runs.push(row);
    }
    rmSync(file, { force: true });
    rmSync(entered, { force: true });
  }
  // Memory with many rejected or warned lines (issue #13): each machine format under a 64 MB heap, one run
  // each (memory, not time, is the figure), peak RSS beside the same format on a file of computed lines.
  const MACHINE = [
    ["calc --format json", (f) => [BIN, "calc", f, "--format", "json", "-o", "/dev/null"]],
    ["calc --format csv --summary", (f) => [BIN, "calc", f, "--format", "csv", "-o", "/dev/null", "--summary", "/dev/null"]],
    ["calc --format ndjson", (f) => [BIN, "calc", f, "--format", "ndjson", "-o", "/dev/null"]],
    ["compare --format json", (f) => [BIN, "compare", f, "--overlay", overlays[0], "--format", "json", "-o", "/dev/null"]],
    ["compare --format csv", (f) => [BIN, "compare", f, "--overlay", overlays[0], "--format", "csv", "-o", "/dev/null"]],
  ];
  for (const [i, n] of MEMORY_SIZES.entries()) {
    const files = {};
    for (const kind of ["computed", "rejected", "warned"]) {
      files[kind] = path.join(dir, `memory-${kind}-${n}.csv`);
      await generate(files[kind], n, 20261200 + i, kind);
    }
    for (const [name, args] of MACHINE) {
      const computed = measure(args(files.computed), 1, ["--max-old-space-size=64"], true);
      for (const kind of ["rejected", "warned"]) {
        const m = measure(args(files[kind]), 1, ["--max-old-space-size=64"], true);
        const row = { lines: n, kind, case: name, ms: +m.ms.toFixed(0), peakRssMB: +m.rssMB.toFixed(0), computedPeakRssMB: +computed.rssMB.toFixed(0), vsComputed: +(m.rssMB / computed.rssMB).toFixed(2) };
        memoryRows.push(row);
        console.error(`memory: ${n} ${kind} lines, ${name}: peak RSS ${row.peakRssMB} MB (computed lines: ${row.computedPeakRssMB} MB)`);
      }
    }
    for (const f of Object.values(files)) rmSync(f, { force: true });
  }
  results.memory = memoryRows;
  for (const [name, args] of memoryOnly ? [] : [["validate default", [BIN, "validate", "default"]], ["rates --at 2025-09-15", [BIN, "rates", "--at", "2025-09-15"]]]) {
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
if (memoryRows.length > 0) {
  console.log(`\nMemory with rejected or warned lines, under --max-old-space-size=64 (one run each; -o /dev/null):\n`);
  console.log(`${pad("lines", 9, true)}  ${pad("lines are", 9)}  ${pad("case", 28)} ${pad("ms", 8, true)} ${pad("peak RSS MB", 11, true)} ${pad("computed-lines RSS MB", 21, true)} ${pad("ratio", 6, true)}`);
  for (const r of memoryRows) console.log(`${pad(r.lines, 9, true)}  ${pad(r.kind, 9)}  ${pad(r.case, 28)} ${pad(r.ms, 8, true)} ${pad(r.peakRssMB, 11, true)} ${pad(r.computedPeakRssMB, 21, true)} ${pad(r.vsComputed, 6, true)}`);
}
const at = (lines, name) => rows.find((r) => r.lines === lines && r.case === name);
const big = quick ? 100_000 : 1_000_000;
const worstMemory = memoryRows.length ? Math.max(...memoryRows.map((r) => r.vsComputed)) : undefined;
const targets = memoryOnly ? [["rejected/warned peak RSS within 10% of computed lines", worstMemory, (v) => v <= 1.1]] : [
  ...(worstMemory !== undefined ? [["rejected/warned peak RSS within 10% of computed lines", worstMemory, (v) => v <= 1.1]] : []),
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
const resultsFile = memoryOnly ? "bench/results-memory.json" : "bench/results.json";
writeFileSync(path.join(ROOT, resultsFile), JSON.stringify(results, null, 2) + "\n");
console.log(`\n${resultsFile} written.`);
