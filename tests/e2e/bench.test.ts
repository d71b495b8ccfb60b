/**
 * `npm run bench`'s scripts (issue #17, items 4-5) still run: the whole bench on a 1,000-line file, one run of
 * each case, DuckDB left out (the tests never install it), and the byte floor's count on a fixture.
 * Nothing here looks at a timing: targets are checked for their form (met, MISSED or n/a), not their outcome.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ROOT } from "../helpers/cli.js";

const node = (args: string[]) => spawnSync(process.execPath, args, { cwd: ROOT, encoding: "utf8", env: { ...process.env, NO_COLOR: "1", BENCH_SIZES: "" }, maxBuffer: 1 << 24 });
const dir = mkdtempSync(path.join(os.tmpdir(), "tariff-bench-test-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("bench scripts", () => {
  it("byte-floor.mjs counts lines and fields over the bytes", () => {
    // fixtures/shipments/sample.csv: 14 lines (`wc -l`), 126 commas (`tr -cd , | wc -c`): 126 + 14 = 140 fields.
    const r = node(["bench/byte-floor.mjs", "fixtures/shipments/sample.csv"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe("14 140\n");
  });

  it("csv-columns.mjs counts records, the header excepted", () => {
    const r = node(["bench/csv-columns.mjs", "fixtures/shipments/sample.csv"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe("13\n");
  });

  it("duckdb-peer.mjs parses (it runs only where DuckDB is installed)", () => {
    expect(node(["--check", "bench/duckdb-peer.mjs"]).status).toBe(0);
  });

  it("run.mjs runs every case on 1,000 lines with --no-duckdb and writes its results", { timeout: 180_000 }, () => {
    const out = path.join(dir, "results.json");
    const r = node(["bench/run.mjs", "--sizes", "1000", "--runs", "1", "--no-memory", "--no-duckdb", "--out", out]);
    expect(r.stderr).not.toMatch(/Error|failed/);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("DuckDB: unavailable (not run (--no-duckdb)); its cases and targets are left out.");
    const results = JSON.parse(readFileSync(out, "utf8"));
    expect(results.duckdb).toEqual({ unavailable: "not run (--no-duckdb)" });
    const cases = results.runs.map((row: { case: string }) => row.case);
    expect(cases).toEqual([
      "byte floor",
      "csv-parse floor",
      "csv-parse columns: true",
      "calc --format csv",
      "calc --format csv, entries",
      "calc --format csv --fees, entries",
      "calc --format json --no-lines",
      "compare, 3 scenarios",
      "calc --format csv, worst case",
      "validate default",
      "rates --at 2025-09-15",
    ]);
    for (const row of results.runs) expect(row.ms, row.case).toBeGreaterThan(0);
    expect(results.runs[0].vsByteFloor).toBe(1);
    const targets = r.stdout.slice(r.stdout.indexOf("Targets")).split("\n").filter((l: string) => l.startsWith("  "));
    expect(targets).toHaveLength(8);
    for (const t of targets) expect(t).toMatch(/^ {2}(met {3}|MISSED|n\/a {3}) {2}\S/);
    expect(targets[0]).toBe("  n/a     calc --format csv ≤ 0.5× DuckDB's time, 1,000 lines: not measured (DuckDB unavailable)");
    // One size: no growth to measure.
    expect(targets[3]).toMatch(/^ {2}n\/a .*not measured \(needs two sizes of 100k lines or more\)$/);
  });
});
