/**
 * Rows written as bytes (issue #17, item 2) change no output byte: the built
 * CLI gives the same stdout, stderr, exit code and written files (`-o`,
 * `--summary`, `--rejects`) as with TARIFF_WRITER=text (today's strings,
 * `lineCsvText`), on every CSV fixture with the options it is made for, with
 * the options that add to a row (--fees, --measure-columns, --keep-columns,
 * an overlay, --fx), on a generated file of 100,000 lines, and on a file that
 * stops on a fatal error after many rows (what a failed run leaves on stdout).
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { BIN, ROOT, fixture } from "../helpers/cli.js";
import { CSV_FIXTURE_RUNS } from "../helpers/csv-fixtures.js";

const dir = mkdtempSync(path.join(tmpdir(), "tariff-bytes-"));

/** The CLI's outputs as bytes; `{out}` in an argument names a file of its own per writer, read back after the run. */
function run(args: string[], writer: "bytes" | "text", input?: Buffer) {
  const files: string[] = [];
  const real = args.map((a) => {
    if (!a.includes("{out}")) return a;
    const f = path.join(dir, `${files.length}.w_${writer}_.${a.replace(/[^a-z]/g, "")}`);
    files.push(f);
    return a.replace("{out}", f);
  });
  const r = spawnSync(process.execPath, [BIN, ...real], {
    cwd: ROOT,
    input: input ?? "",
    env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "", COLUMNS: "", ...(writer === "text" ? { TARIFF_WRITER: "text" } : { TARIFF_WRITER: "" }) },
    maxBuffer: 256 * 1024 * 1024,
  });
  // The file names differ by writer: named alike in what is compared.
  const same = (b: Buffer) => b.toString("latin1").replaceAll(`.w_${writer}_.`, ".w_.");
  return {
    code: r.status,
    stdout: r.stdout.toString("latin1"),
    stderr: same(r.stderr),
    files: files.map((f) => (existsSync(f) ? readFileSync(f).toString("latin1") : "(none)")),
  };
}

function same(args: string[], input?: Buffer): ReturnType<typeof run> {
  const bytes = run(args, "bytes", input);
  const text = run(args, "text", input);
  // Bytes compared as latin1 text: one character per byte, so any byte that differs shows.
  expect(bytes.code).toBe(text.code);
  expect(bytes.stderr).toBe(text.stderr);
  expect(bytes.files).toEqual(text.files);
  expect(bytes.stdout === text.stdout ? "same stdout" : `stdout differs (${bytes.stdout.length} against ${text.stdout.length} bytes)`).toBe("same stdout");
  return bytes;
}

const CASES = CSV_FIXTURE_RUNS;

describe("calc --format csv: rows written as bytes are today's rows, byte for byte", () => {
  for (const [file, options] of CASES) {
    it(`${file} ${options.join(" ")}`, () => {
      same(["calc", fixture("shipments", file), ...options, "--format", "csv"]);
      // Into files: -o, --summary and --rejects, as written.
      same(["calc", fixture("shipments", file), ...options, "--format", "csv", "-o", "{out}", "--summary", "{out}", "--rejects", "{out}"]);
    });
  }

  it("with --fees, an overlay, every extra column; from standard input", () => {
    const edges = fixture("shipments", "csv-writer-edges.csv");
    same(["calc", edges, "--format", "csv", "--fees", "--measure-columns", "--keep-columns", "--overlay", "fixtures/overlays/ieepa-never-struck-down.json"]);
    same(["calc", "-", "--format", "csv", "--keep-columns"], readFileSync(path.join(ROOT, edges)));
    same(["calc", fixture("shipments", "sample.csv"), "--format", "csv", "--fees"]);
  });

  it("--rejects /dev/null: the rejected rows go nowhere, the run goes on (it stopped with a CSV error before: no pushBytes on a device)", () => {
    const r = same(["calc", fixture("shipments", "rejections.csv"), "--format", "csv", "--rejects", "/dev/null"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("15 of 18 lines rejected");
  });

  it("a generated file of 100,000 lines, and one that fails after many rows", () => {
    const plain = path.join(dir, "plain.csv");
    const made = spawnSync(process.execPath, [path.join(ROOT, "bench/make-file.mjs"), plain, "100000", "5"]);
    expect(made.status).toBe(0);
    const r = same(["calc", plain, "--format", "csv", "--keep-columns", "--summary", "{out}"]);
    expect(r.stdout.length).toBeGreaterThan(10_000_000);
    // A quote never closed after 3,000 lines: exit 2, and standard output has the rows passed on before the error.
    const lines = readFileSync(plain, "latin1").split("\n").slice(0, 6000);
    lines[3000] = `"never closed,${lines[3000]}`;
    const broken = path.join(dir, "broken.csv");
    writeFileSync(broken, lines.join("\n"), "latin1");
    const b = same(["calc", broken, "--format", "csv"]);
    expect(b.code).toBe(2);
    expect(b.stdout.length).toBeGreaterThan(100_000);
  });
});
