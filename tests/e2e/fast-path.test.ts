/**
 * The fast path of the CSV reader (issue #17) changes no output byte: the
 * built CLI on every CSV fixture (with the options it is made for), on a
 * generated file of 100,000 lines, on a messy copy of it (quotes, CRLF, a
 * lone CR, bytes that are not UTF-8, a repeated header, blank lines) and on
 * copies with quoted fields all through (then a stray quote, or a quote never
 * closed, near the end), the same stdout, stderr and exit code as with
 * TARIFF_READER=full (the whole file on csv-parse).
 */
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { BIN, ROOT, fixture, tariff } from "../helpers/cli.js";
import { CSV_FIXTURE_RUNS } from "../helpers/csv-fixtures.js";

function same(args: string[]): void {
  const fast = tariff(args);
  const full = tariff(args, { env: { TARIFF_READER: "full" } });
  expect({ code: fast.code, stderr: fast.stderr, stdout: fast.stdout }).toEqual({ code: full.code, stderr: full.stderr, stdout: full.stdout });
}

/** The built CLI, as `tariff` runs it but without blocking the test's process (a long run would stall the test runner's messages). */
function run(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: Buffer; stderr: Buffer }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "", COLUMNS: "", ...env }, stdio: ["ignore", "pipe", "pipe"] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on("data", (c: Buffer) => out.push(c));
    child.stderr.on("data", (c: Buffer) => err.push(c));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout: Buffer.concat(out), stderr: Buffer.concat(err) }));
  });
}

/** `same` for large outputs: the first byte where they differ is shown, not a diff of megabytes. */
async function sameLarge(args: string[]): Promise<void> {
  const fast = await run(args);
  const full = await run(args, { TARIFF_READER: "full" });
  const firstDifference = (a: Buffer, b: Buffer) => {
    let i = 0;
    while (i < a.length && i < b.length && a[i] === b[i]) i++;
    return i === a.length && i === b.length ? "same" : `differ at byte ${i}: ${JSON.stringify(a.subarray(i, i + 80).toString())} / ${JSON.stringify(b.subarray(i, i + 80).toString())}`;
  };
  expect({ code: fast.code, stdout: firstDifference(fast.stdout, full.stdout), stderr: firstDifference(fast.stderr, full.stderr) }).toEqual({ code: full.code, stdout: "same", stderr: "same" });
}

const CASES = CSV_FIXTURE_RUNS;

describe("calc: the fast path and the full path print the same bytes", () => {
  it("has a case for every CSV fixture", () => {
    const csv = readdirSync(path.join(ROOT, "fixtures/shipments")).filter((f: string) => f.endsWith(".csv")).sort();
    expect(CASES.map((c) => c[0]).sort()).toEqual(csv);
  });

  for (const [file, options] of CASES) {
    it(`${file} ${options.join(" ")}`, () => {
      same(["calc", fixture("shipments", file), ...options, "--format", "csv"]);
      // --measure-columns is csv's alone (ndjson lists each line's duties by measure).
      same(["calc", fixture("shipments", file), ...options.filter((o) => o !== "--measure-columns"), "--format", "ndjson"]);
    });
  }

  it("a generated file of 100,000 lines, and a messy copy of it", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "tariff-fast-"));
    const plain = path.join(dir, "plain.csv");
    const made = spawnSync(process.execPath, [path.join(ROOT, "bench/make-file.mjs"), plain, "100000", "3"]);
    expect(made.status).toBe(0);
    await sameLarge(["calc", plain, "--format", "csv"]);
    // The messy copy: every 997th line changed in one of the ways the fast path hands on or checks.
    const lines = readFileSync(plain, "latin1").split("\n");
    const messy = lines.map((l, i) => {
      if (i === 0 || i % 997 !== 0 || l === "") return l;
      switch ((i / 997) % 8) {
        case 0: return `"${l.replace(",", '",')}`; // a quoted id: the rest of the file goes to csv-parse
        case 1: return l + "\r"; // CRLF
        case 2: return l.replace(",", "\r,"); // a lone CR: two records
        case 3: return l.replace("L", "L\xff"); // a byte that is not UTF-8 in the id
        case 4: return "id,date,importer,hs,value,usmca,content_value";
        case 5: return "  ";
        case 6: return l.replace(/,(\d+)\.(\d\d),/, ",1,$1.$2,"); // a thousands separator: a field too many
        default: return l.replace("L", "Lé".replace("é", "\xc3\xa9"));
      }
    });
    const messyFile = path.join(dir, "messy.csv");
    writeFileSync(messyFile, Buffer.from(messy.join("\n"), "latin1"));
    await sameLarge(["calc", messyFile, "--format", "csv"]);
  }, 300_000); // four runs of 100,000 lines: over 30 s on a busy machine

  it("a generated file of 100,000 lines with quoted fields all through, then a stray quote or one never closed near the end", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "tariff-fast-"));
    const plain = path.join(dir, "plain.csv");
    const made = spawnSync(process.execPath, [path.join(ROOT, "bench/make-file.mjs"), plain, "100000", "3"]);
    expect(made.status).toBe(0);
    const lines = readFileSync(plain, "latin1").split("\n");
    // Quoted fields all through the file (each record read on its own, the fast path going on after it),
    // then what csv-parse skips (a stray quote) or stops on (a quote never closed) near the end.
    const quoted = lines.map((l, i) => {
      if (i === 0 || i % 101 !== 0 || l === "") return l;
      switch ((i / 101) % 6) {
        case 0: return l.replace(/^([^,]*)/, '"$1"'); // a quoted id
        case 1: return l.replace(/^([^,]*)/, '"$1\nsecond line"'); // a line break inside quotes
        case 2: return l.replace(/^([^,]*)/, '"$1\r\nafter a CRLF"'); // csv-parse counts two lines here
        case 3: return l.replace(/^([^,]*)/, '"$1, ""quoted"""'); // a delimiter and doubled quotes
        case 4: return l.replace(/,([^,]*)$/, ',"$1"'); // the content value, quoted
        default: return l + "\r";
      }
    });
    const quotedFile = path.join(dir, "quoted.csv");
    writeFileSync(quotedFile, Buffer.from(quoted.join("\n"), "latin1"));
    await sameLarge(["calc", quotedFile, "--format", "csv"]);
    await sameLarge(["calc", quotedFile, "--format", "json", "--no-lines"]);
    const n = quoted.length;
    const strayFile = path.join(dir, "stray.csv");
    writeFileSync(strayFile, Buffer.from([...quoted.slice(0, n - 300), 'L-stray,2026-03-15,US,84710000,12" pipe,N,', ...quoted.slice(n - 300)].join("\n"), "latin1"));
    await sameLarge(["calc", strayFile, "--format", "csv"]);
    const unclosedFile = path.join(dir, "unclosed.csv");
    writeFileSync(unclosedFile, Buffer.from([...quoted.slice(0, n - 300), '"L-open,2026-03-15,US,84710000,1.00,N,', ...quoted.slice(n - 300)].join("\n"), "latin1"));
    await sameLarge(["calc", unclosedFile, "--format", "csv"]);
  }, 300_000);
});
