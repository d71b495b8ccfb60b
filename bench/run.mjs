#!/usr/bin/env node
/**
 * npm run bench [-- options]: generates seeded synthetic shipment files and times the built CLI on them,
 * interleaved in the same run with its peers on the same file (issue #17):
 *   byte floor         a bare JS scan of the file's bytes, counting lines and fields (bench/byte-floor.mjs);
 *   csv-parse floor    csv-parse with the reader's options, nothing else (bench/csv-floor.mjs);
 *   csv-parse columns  csv-parse with `columns: true`, as most programs call it (bench/csv-columns.mjs);
 *   DuckDB job         @duckdb/node-api reading the file with read_csv, joining a rate table built from the
 *                      embedded schedule, writing a per-line CSV in file order and totals (bench/duckdb-peer.mjs).
 * Then `validate default` and `rates`; with --memory (or --quick), peak RSS with rejected or warned lines in every
 * machine format under a 64 MB heap (issue #13). Prints a table, the targets beside the figures (met or missed, never
 * asserted anywhere) and writes bench/results.json (not committed).
 *
 * Options:
 *   --sizes N,N,...  line counts (also $BENCH_SIZES); default 100000,1000000,5000000. Sizes up to 1M run every
 *                    case; larger ones run only the floors, DuckDB and `calc --format csv` (for time and memory).
 *   --runs N         runs of each case (median time, largest peak RSS); default 5, 3 at 1M lines, 1 above.
 *   --quick          sizes 10000,100000 and the memory cases on 100k lines.
 *   --memory         only the memory cases, on 1M and 4M lines (100k with --quick); a default run has none.
 *   --no-memory      no memory cases (for --quick).
 *   --no-duckdb      no DuckDB (also $BENCH_NO_DUCKDB=1); the bench says so and goes on.
 *   --out FILE       where the results go (default bench/results.json, or bench/results-memory.json with --memory).
 * DuckDB: @duckdb/node-api@DUCKDB_VERSION is installed on first use with `npm install --prefix` into
 * $TARIFF_BENCH_CACHE (default $XDG_CACHE_HOME/tariff-bench or ~/.cache/tariff-bench), never into the project:
 * `npm ci` and `npm test` never need it. If it cannot be installed or loaded the bench prints why and goes on.
 */
import { spawnSync } from "node:child_process";
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { generate, sectorCodes } from "./shipments-file.mjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const BIN = path.join(ROOT, "bin/tariff.js");
const PROBE = path.join(ROOT, "bench/rss-probe.mjs");
const FLOOR = path.join(ROOT, "bench/csv-floor.mjs");
const BYTE_FLOOR = path.join(ROOT, "bench/byte-floor.mjs");
const COLUMNS = path.join(ROOT, "bench/csv-columns.mjs");
const DUCKDB_PEER = path.join(ROOT, "bench/duckdb-peer.mjs");
const DUCKDB_VERSION = "1.5.6-r.1";

const argv = process.argv.slice(2);
const flag = (name) => argv.includes(name);
const option = (name) => {
  const i = argv.indexOf(name);
  if (i < 0) return undefined;
  if (i + 1 >= argv.length) throw new Error(`${name} needs a value`);
  return argv[i + 1];
};
const count = (text, name) => {
  const n = Number(text.replace(/_/g, ""));
  if (!Number.isSafeInteger(n) || n <= 0) throw new Error(`${name}: ${text} is not a positive whole number`);
  return n;
};
const quick = flag("--quick");
// --memory: only the memory cases (issue #13): rejected and warned lines in every machine format.
const memoryOnly = flag("--memory");
const noDuckdb = flag("--no-duckdb") || process.env.BENCH_NO_DUCKDB === "1";
const sizesText = option("--sizes") ?? process.env.BENCH_SIZES;
const runsText = option("--runs");
const SIZES = memoryOnly ? [] : sizesText ? sizesText.split(",").map((s) => count(s, "--sizes")) : quick ? [10_000, 100_000] : [100_000, 1_000_000, 5_000_000];
// Above this, only the cases the targets need: the floors, DuckDB and calc --format csv (a 5M-line run of every case would take most of an hour).
const ALL_CASES_UP_TO = 1_000_000;
// The memory cases took 10 of the 25 minutes of a default run on a shared, loaded 2-core machine (2026-12-06): a default run leaves them to --memory, to stay near 10 minutes.
const MEMORY_SIZES = flag("--no-memory") ? [] : memoryOnly ? (quick ? [100_000] : [1_000_000, 4_000_000]) : quick ? [100_000] : [];
const RUNS = (n) => (runsText ? count(runsText, "--runs") : n > 1_000_000 ? 1 : n === 1_000_000 ? 3 : 5);
/** The size the ratio targets are read at: 1M lines if run, else the largest size that runs every case. */
const BIG = SIZES.includes(1_000_000) ? 1_000_000 : Math.max(0, ...SIZES.filter((n) => n <= ALL_CASES_UP_TO));
const resultsFile = option("--out") ?? path.join(ROOT, memoryOnly ? "bench/results-memory.json" : "bench/results.json");

// The seeded files (bench/shipments-file.mjs), and one code per sector for DuckDB's rate table.
const codes = sectorCodes;

// --- measuring -------------------------------------------------------------------
/** One run of `node [flags] --import rss-probe args`: wall time (ms) and the child's peak RSS (bytes). */
function runOnce(args, nodeFlags = [], quietStderr = false) {
  const rssFile = path.join(os.tmpdir(), `tariff-bench-rss-${process.pid}`);
  // Warnings go to stderr, one a line: into a file (read only if the run fails), as a pipe's buffer could not hold millions of them.
  const errFile = path.join(os.tmpdir(), `tariff-bench-stderr-${process.pid}`);
  const err = openSync(errFile, "w");
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [...nodeFlags, "--import", PROBE, ...args], { env: { ...process.env, BENCH_RSS_FILE: rssFile, NO_COLOR: "1" }, stdio: ["ignore", "ignore", quietStderr ? "ignore" : err] });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  closeSync(err);
  try {
    if (r.status !== 0 && r.status !== 1) {
      const stderr = readFileSync(errFile, "utf8");
      throw new Error(`${args.join(" ")} exited ${r.status ?? r.signal}${r.error ? ` (${r.error.message})` : ""}: ${stderr.slice(0, 2000)}${stderr.length > 2000 ? "…" : ""}`);
    }
    const rss = Number(readFileSync(rssFile, "utf8"));
    return { ms, rss };
  } finally {
    rmSync(rssFile, { force: true });
    rmSync(errFile, { force: true });
  }
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * Runs every case once per round, `runs` rounds, so that a slow spell of the (shared) machine falls on every case
 * alike: the ratios between cases of one size come from the same minutes. Median time, largest peak RSS.
 * A case marked `optional` (DuckDB) that fails is dropped with its reason; any other failure stops the bench.
 */
function interleaved(cases, runs) {
  const samples = cases.map(() => ({ times: [], rss: [] }));
  for (let r = 0; r < runs; r++) {
    for (const [i, c] of cases.entries()) {
      if (c.failed) continue;
      try {
        const m = runOnce(c.args, c.nodeFlags, c.quietStderr);
        samples[i].times.push(m.ms);
        samples[i].rss.push(m.rss);
      } catch (e) {
        if (!c.optional) throw e;
        c.failed = String(e.message).split("\n").slice(0, 3).join(" ");
        console.error(`bench: ${c.name} failed, left out: ${c.failed}`);
      }
    }
  }
  return cases.map((c, i) => (c.failed ? { ...c } : { ...c, ms: median(samples[i].times), rssMB: Math.max(...samples[i].rss) / 1e6 }));
}

// --- DuckDB, installed outside the project on first use ---------------------------------
/** The resolved entry of @duckdb/node-api, or why there is none. */
function duckdbModule() {
  if (noDuckdb) return { unavailable: "not run (--no-duckdb)" };
  const cache = process.env.TARIFF_BENCH_CACHE ?? path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), ".cache"), "tariff-bench");
  const dir = path.join(cache, `duckdb-${DUCKDB_VERSION}`);
  const resolve = () => createRequire(path.join(dir, "noop.js")).resolve("@duckdb/node-api");
  try {
    return { module: resolve(), dir };
  } catch {
    console.error(`bench: installing @duckdb/node-api@${DUCKDB_VERSION} into ${dir} (once; about 70 MB)`);
    const npm = process.platform === "win32" ? "npm.cmd" : "npm";
    const r = spawnSync(npm, ["install", "--prefix", dir, "--no-save", "--no-package-lock", "--no-audit", "--no-fund", "--loglevel=error", `@duckdb/node-api@${DUCKDB_VERSION}`], { encoding: "utf8", stdio: ["ignore", "ignore", "pipe"], shell: process.platform === "win32" });
    if (r.status !== 0) return { unavailable: `npm install failed (${r.error?.message ?? `exit ${r.status}`}): ${(r.stderr ?? "").trim().split("\n").slice(-2).join(" ")}` };
    try {
      return { module: resolve(), dir };
    } catch (e) {
      return { unavailable: `installed but not found: ${e.message}` };
    }
  }
}

/**
 * The DuckDB job's rate table, from the embedded schedule through the built CLI: for each importer and each code
 * of the generated files, one line dated RATE_DATE, not USMCA, origin the other country, value 10000.00, priced
 * by `calc`; the rate is its duty / 10000.00 (exact: six decimals of a fraction), keyed by importer and the
 * code's first four digits (the first code of a heading wins when several sectors share one) with calc's sector.
 */
const RATE_DATE = "2025-09-15";
function rateTable(dir) {
  const input = path.join(dir, "rate-lines.csv");
  const lines = ["id,date,importer,hs,value,usmca,content_value"];
  for (const importer of ["US", "CA"]) for (const code of codes) lines.push(`${importer}-${code},${RATE_DATE},${importer},${code},10000.00,N,`);
  writeFileSync(input, lines.join("\n") + "\n");
  const r = spawnSync(process.execPath, [BIN, "calc", input, "--format", "json"], { encoding: "utf8", maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`rate table: calc exited ${r.status}: ${r.stderr}`);
  const rows = new Map();
  for (const l of JSON.parse(r.stdout).lines) {
    const key = `${l.importer},${l.hs.slice(0, 4)}`;
    if (rows.has(key)) continue;
    const cents = BigInt(l.duty.replace(".", "")); // duty on 1,000,000 cents: the rate is cents / 10^6
    rows.set(key, `${key},${l.sector},${cents / 1_000_000n}.${String(cents % 1_000_000n).padStart(6, "0")}`);
  }
  const file = path.join(dir, "rates.csv");
  writeFileSync(file, ["importer,hs4,sector,rate", ...rows.values()].join("\n") + "\n");
  return { file, rows: rows.size };
}

const dir = mkdtempSync(path.join(os.tmpdir(), "tariff-bench-"));
const overlays = ["ieepa-never-struck-down.json", "metals-232-at-25.json"].map((f) => path.join(ROOT, "fixtures/overlays", f));
const results = { machine: { cpus: os.cpus().length, cpu: os.cpus()[0]?.model, node: process.version, platform: `${os.platform()} ${os.arch()}`, loadavg: os.loadavg().map((x) => +x.toFixed(2)) }, runs: [] };
const rows = [];
const memoryRows = [];
const started = Date.now();

try {
  const duck = SIZES.length ? duckdbModule() : { unavailable: "not run (no sizes)" };
  const rates = duck.module ? rateTable(dir) : undefined;
  results.duckdb = duck.module ? { version: DUCKDB_VERSION, rateTableRows: rates.rows, rateDate: RATE_DATE } : { unavailable: duck.unavailable };
  if (!duck.module) console.error(`bench: DuckDB unavailable: ${duck.unavailable}`);
  for (const [i, n] of SIZES.entries()) {
    const file = path.join(dir, `shipments-${n}.csv`);
    await generate(file, n, 20261123 + i);
    const mb = statSync(file).size / 1e6;
    const all = n <= ALL_CASES_UP_TO;
    const cases = [
      { name: "byte floor", args: [BYTE_FLOOR, file] },
      { name: "csv-parse floor", args: [FLOOR, file] },
      ...(all ? [{ name: "csv-parse columns: true", args: [COLUMNS, file] }] : []),
      ...(duck.module ? [{ name: "DuckDB job", args: [DUCKDB_PEER, duck.module, file, rates.file, "/dev/null", path.join(dir, "duckdb-totals.csv")], optional: true }] : []),
      { name: "calc --format csv", args: [BIN, "calc", file, "--format", "csv", "-o", "/dev/null"] },
    ];
    const toRemove = [file];
    if (all) {
      // --fees (issue #15): the same lines with entries and modes, under the embedded schedule (its fees from data/fees.mjs), with and without --fees.
      const entered = path.join(dir, `entries-${n}.csv`);
      await generate(entered, n, 20261123 + i, "entries");
      toRemove.push(entered);
      cases.push(
        { name: "calc --format csv, entries", args: [BIN, "calc", entered, "--format", "csv", "-o", "/dev/null"] },
        { name: "calc --format csv --fees, entries", args: [BIN, "calc", entered, "--fees", "--format", "csv", "-o", "/dev/null"] },
        { name: "calc --format json --no-lines", args: [BIN, "calc", file, "--format", "json", "--no-lines"] },
        { name: "compare, 3 scenarios", args: [BIN, "compare", file, "--overlay", overlays[0], "--overlay", overlays[1], "--format", "json"] },
      );
    }
    if (n === BIG) {
      // The worst case for caches: the same draws, a different code on nearly every line.
      const worst = path.join(dir, `worst-${n}.csv`);
      await generate(worst, n, 20261123 + i, "worst");
      toRemove.push(worst);
      cases.push({ name: "calc --format csv, worst case", args: [BIN, "calc", worst, "--format", "csv", "-o", "/dev/null"] });
    }
    console.error(`bench: ${n} lines (${mb.toFixed(1)} MB), ${cases.length} cases × ${RUNS(n)} runs, interleaved`);
    const measured = interleaved(cases, RUNS(n));
    const of = (name) => measured.find((m) => m.name === name && m.ms !== undefined);
    const ratio = (m, name) => (of(name) ? +(m.ms / of(name).ms).toFixed(2) : undefined);
    for (const m of measured) {
      if (m.ms === undefined) {
        rows.push({ lines: n, fileMB: +mb.toFixed(1), case: m.name, failed: m.failed });
        continue;
      }
      const row = { lines: n, fileMB: +mb.toFixed(1), case: m.name, ms: +m.ms.toFixed(0), linesPerSec: Math.round(n / (m.ms / 1000)), mbPerSec: +(mb / (m.ms / 1000)).toFixed(1), peakRssMB: +m.rssMB.toFixed(0), vsByteFloor: ratio(m, "byte floor"), vsFloor: ratio(m, "csv-parse floor"), vsColumns: ratio(m, "csv-parse columns: true"), vsDuckdb: ratio(m, "DuckDB job") };
      rows.push(row);
    }
    for (const f of toRemove) rmSync(f, { force: true });
  }
  results.runs = rows;
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
      const computed = runOnce(args(files.computed), ["--max-old-space-size=64"], true);
      for (const kind of ["rejected", "warned"]) {
        const m = runOnce(args(files[kind]), ["--max-old-space-size=64"], true);
        const row = { lines: n, kind, case: name, ms: +m.ms.toFixed(0), peakRssMB: +(m.rss / 1e6).toFixed(0), computedPeakRssMB: +(computed.rss / 1e6).toFixed(0), vsComputed: +(m.rss / computed.rss).toFixed(2) };
        memoryRows.push(row);
        console.error(`memory: ${n} ${kind} lines, ${name}: peak RSS ${row.peakRssMB} MB (computed lines: ${row.computedPeakRssMB} MB)`);
      }
    }
    for (const f of Object.values(files)) rmSync(f, { force: true });
  }
  results.memory = memoryRows;
  if (!memoryOnly) {
    const measured = interleaved(
      [
        { name: "validate default", args: [BIN, "validate", "default"] },
        { name: "rates --at 2025-09-15", args: [BIN, "rates", "--at", "2025-09-15"] },
      ],
      runsText ? count(runsText, "--runs") : 5,
    );
    for (const m of measured) rows.push({ lines: 0, fileMB: 0, case: m.name, ms: +m.ms.toFixed(0), peakRssMB: +m.rssMB.toFixed(0) });
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

// --- report ------------------------------------------------------------------------
const pad = (s, n, right = false) => (right ? String(s ?? "-").padStart(n) : String(s ?? "-").padEnd(n));
const thousands = (x) => (x === undefined ? "-" : x.toLocaleString("en-US"));
results.seconds = Math.round((Date.now() - started) / 1000);
console.log(`tariff bench: ${results.machine.cpus} cores, ${results.machine.cpu}, Node ${results.machine.node}, ${results.machine.platform}; load average at start ${results.machine.loadavg.join(" ")}; ${results.seconds} s`);
console.log(`Median of ${runsText ?? "5 runs (3 at 1M lines, 1 above)"}, every case of a size interleaved round by round; peak RSS is the largest of the runs.`);
console.log(results.duckdb.unavailable ? `DuckDB: unavailable (${results.duckdb.unavailable}); its cases and targets are left out.` : `DuckDB: @duckdb/node-api ${DUCKDB_VERSION}, default threads (${os.cpus().length}), a ${results.duckdb.rateTableRows}-row rate table (importer × 4-digit heading, rates of ${RATE_DATE}).`);
console.log();
console.log(`${pad("lines", 9, true)} ${pad("MB", 6, true)}  ${pad("case", 34)} ${pad("ms", 7, true)} ${pad("lines/s", 10, true)} ${pad("RSS MB", 6, true)} ${pad("×bytes", 7, true)} ${pad("×csv-p", 7, true)} ${pad("×cols", 6, true)} ${pad("×DuckDB", 7, true)}`);
for (const r of rows) {
  if (r.failed) {
    console.log(`${pad(thousands(r.lines), 9, true)} ${pad(r.fileMB, 6, true)}  ${pad(r.case, 34)} failed: ${r.failed}`);
    continue;
  }
  console.log(`${pad(r.lines ? thousands(r.lines) : "-", 9, true)} ${pad(r.fileMB || "-", 6, true)}  ${pad(r.case, 34)} ${pad(thousands(r.ms), 7, true)} ${pad(r.linesPerSec ? thousands(r.linesPerSec) : "-", 10, true)} ${pad(r.peakRssMB, 6, true)} ${pad(r.vsByteFloor, 7, true)} ${pad(r.vsFloor, 7, true)} ${pad(r.vsColumns, 6, true)} ${pad(r.vsDuckdb, 7, true)}`);
}
if (memoryRows.length > 0) {
  console.log(`\nMemory with rejected or warned lines, under --max-old-space-size=64 (one run each; -o /dev/null):\n`);
  console.log(`${pad("lines", 9, true)}  ${pad("lines are", 9)}  ${pad("case", 28)} ${pad("ms", 8, true)} ${pad("peak RSS MB", 11, true)} ${pad("computed-lines RSS MB", 21, true)} ${pad("ratio", 6, true)}`);
  for (const r of memoryRows) console.log(`${pad(thousands(r.lines), 9, true)}  ${pad(r.kind, 9)}  ${pad(r.case, 28)} ${pad(thousands(r.ms), 8, true)} ${pad(r.peakRssMB, 11, true)} ${pad(r.computedPeakRssMB, 21, true)} ${pad(r.vsComputed, 6, true)}`);
}

// --- targets (issue #17, item 5): printed, never asserted --------------------------------
const at = (lines, name) => rows.find((r) => r.lines === lines && r.case === name && r.ms !== undefined);
const ratioOf = (a, b) => (a && b ? a / b : undefined);
const fmt = (x) => (x === undefined ? "-" : String(+x.toFixed(2)));
const targets = [];
/** `value` the figure compared with `limit`; `detail` the figures behind it; undefined value: not measured (why). */
const target = (name, value, limit, detail, why) => targets.push({ target: name, value: value === undefined ? undefined : +value.toFixed(3), limit, met: value === undefined ? undefined : value <= limit, detail: value === undefined ? `not measured${why ? ` (${why})` : ""}` : detail });
if (!memoryOnly && SIZES.length) {
  const calc = at(BIG, "calc --format csv");
  const duck = at(BIG, "DuckDB job");
  target(`calc --format csv ≤ 0.5× DuckDB's time, ${thousands(BIG)} lines`, ratioOf(calc?.ms, duck?.ms), 0.5, `${thousands(calc?.ms)} ms against ${thousands(duck?.ms)} ms: ${fmt(ratioOf(calc?.ms, duck?.ms))}×`, results.duckdb.unavailable ? "DuckDB unavailable" : "no DuckDB figure");
  for (const n of SIZES.filter((n) => n !== BIG)) {
    const c = at(n, "calc --format csv");
    const d = at(n, "DuckDB job");
    if (c && d) console.error(`bench: calc --format csv on ${thousands(n)} lines: ${fmt(c.ms / d.ms)}× DuckDB (figure, not a target)`);
  }
  const compare = at(BIG, "compare, 3 scenarios");
  target(`compare (3 scenarios) ≤ 1.3× calc --format csv, ${thousands(BIG)} lines`, ratioOf(compare?.ms, calc?.ms), 1.3, `${thousands(compare?.ms)} ms against ${thousands(calc?.ms)} ms: ${fmt(ratioOf(compare?.ms, calc?.ms))}×`);
  const rss = SIZES.map((n) => at(n, "calc --format csv")).filter(Boolean);
  const peak = Math.max(...rss.map((r) => r.peakRssMB));
  target("calc --format csv peak RSS ≤ 150 MB, every size", peak, 150, `${peak} MB (${rss.map((r) => `${thousands(r.lines)}: ${r.peakRssMB}`).join(", ")})`);
  const flat = rss.filter((r) => r.lines >= 100_000);
  const low = Math.min(...flat.map((r) => r.peakRssMB));
  const high = Math.max(...flat.map((r) => r.peakRssMB));
  target(`calc --format csv peak RSS within 10% from ${thousands(flat[0]?.lines)} to ${thousands(flat.at(-1)?.lines)} lines (largest / smallest)`, flat.length >= 2 ? high / low : undefined, 1.1, `${high} / ${low} MB = ${fmt(high / low)}×`, "needs two sizes of 100k lines or more");
  const worst = at(BIG, "calc --format csv, worst case");
  target(`worst case (distinct codes) time within 10% of the normal file, ${thousands(BIG)} lines`, ratioOf(worst?.ms, calc?.ms), 1.1, `${thousands(worst?.ms)} ms against ${thousands(calc?.ms)} ms: ${fmt(ratioOf(worst?.ms, calc?.ms))}×`);
  target(`worst case (distinct codes) peak RSS within 10% of the normal file, ${thousands(BIG)} lines`, ratioOf(worst?.peakRssMB, calc?.peakRssMB), 1.1, `${worst?.peakRssMB} MB against ${calc?.peakRssMB} MB: ${fmt(ratioOf(worst?.peakRssMB, calc?.peakRssMB))}×`);
}
if (!memoryOnly) {
  for (const [name, label] of [["rates --at 2025-09-15", "rates"], ["validate default", "validate default"]]) {
    const r = at(0, name);
    target(`${label} < 300 ms`, r?.ms, 299.999, `${thousands(r?.ms)} ms: ${fmt(ratioOf(r?.ms, 300))}× the limit`);
  }
}
if (memoryRows.length) {
  const worstMemory = memoryRows.reduce((a, b) => (b.vsComputed > a.vsComputed ? b : a));
  target("rejected/warned lines' peak RSS within 10% of computed lines", worstMemory.vsComputed, 1.1, `worst ${worstMemory.peakRssMB} MB against ${worstMemory.computedPeakRssMB} MB: ${worstMemory.vsComputed}× (${worstMemory.case}, ${worstMemory.kind}, ${thousands(worstMemory.lines)} lines)`);
}
console.log("\nTargets (informative, never asserted; the machine may be shared: read them with the load average above):");
for (const t of targets) console.log(`  ${t.met === undefined ? "n/a   " : t.met ? "met   " : "MISSED"}  ${t.target}: ${t.detail}`);
results.targets = targets;
writeFileSync(resultsFile, JSON.stringify(results, null, 2) + "\n");
const shown = path.relative(ROOT, resultsFile);
console.log(`\n${shown.startsWith("..") || path.isAbsolute(shown) ? resultsFile : shown} written.`);
