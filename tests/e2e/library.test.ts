/**
 * The library entry (issue #16 item 6, README "Library use"): each function
 * returns the very document the CLI prints with `--format json` on the same
 * files (the built CLI, spawned, against the library in this process), bad
 * input comes back as located diagnostics, and the README's example runs.
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ROOT, fixture, tariff } from "../helpers/cli.js";
import { calc, compare, diff, loadSchedule, validate, type Outcome, type ShipmentRow } from "../../src/lib/index.js";

/** The CLI's JSON document and exit code for these arguments. */
function cliJson(args: string[]): { code: number | null; doc: unknown } {
  const r = tariff([...args, "--format", "json"]);
  return { code: r.code, doc: JSON.parse(r.stdout) };
}

function value<T>(r: Outcome<T>): T {
  if (!r.ok) throw new Error(`expected a document, got ${JSON.stringify(r.diagnostics)}`);
  return r.value;
}

const SAMPLE = fixture("shipments", "sample.csv");
const REJECTIONS = fixture("shipments", "rejections.csv");

describe("the library returns the CLI's JSON documents, field for field", () => {
  it("calc: the sample under a what-if overlay (exit 0), and a file with rejections (exit 1: findings)", async () => {
    const overlay = fixture("overlays", "ieepa-never-struck-down.json");
    const cli = cliJson(["calc", SAMPLE, "--overlay", overlay]);
    expect(cli.code).toBe(0);
    const lib = await calc(SAMPLE, { overlays: [overlay] });
    expect(lib.ok && lib.findings).toBe(false);
    expect(value(lib)).toEqual(cli.doc);

    const cli2 = cliJson(["calc", REJECTIONS, "--no-lines"]);
    expect(cli2.code).toBe(1);
    const lib2 = await calc(REJECTIONS, { lines: false });
    expect(lib2.ok && lib2.findings).toBe(true);
    expect(value(lib2)).toEqual(cli2.doc);
    expect(value(lib2).rejected.length).toBeGreaterThan(0);
  });

  it("calc --fees --by entry", async () => {
    const file = fixture("shipments", "ace-entry-lines.csv");
    const cli = cliJson(["calc", file, "--preset", "ace", "--fees", "--by", "entry"]);
    expect(value(await calc(file, { preset: "ace", fees: true, byEntry: true }))).toEqual(cli.doc);
  });

  it("compare: the sample and an overlay as a second scenario", async () => {
    const overlay = fixture("overlays", "metals-232-at-25.json");
    const cli = cliJson(["compare", SAMPLE, "--overlay", overlay, "--top", "3"]);
    expect(cli.code).toBe(0);
    expect(value(await compare(SAMPLE, { overlays: [overlay], top: 3 }))).toEqual(cli.doc);
  });

  it("compare with named scenarios", async () => {
    const overlay = fixture("overlays", "ieepa-never-struck-down.json");
    const cli = cliJson(["compare", SAMPLE, "--scenario", "today=default", "--scenario", `what-if=default+${overlay}`]);
    expect(value(await compare(SAMPLE, { scenarios: [{ name: "today" }, { name: "what-if", overlays: [overlay] }] }))).toEqual(cli.doc);
  });

  it("diff: a rate changed (exit 1: findings)", async () => {
    const [a, b] = [fixture("diff", "base.json"), fixture("diff", "rate-changed.json")];
    const cli = cliJson(["diff", a, b]);
    expect(cli.code).toBe(1);
    const lib = await diff(a, b);
    expect(lib.ok && lib.findings).toBe(true);
    expect(value(lib)).toEqual(cli.doc);
  });

  it("validate: a valid schedule and one with an unknown key (exit 1: findings)", async () => {
    const files = [fixture("schedules", "minimal.json"), fixture("errors", "schedule-unknown-key.json")];
    const cli = cliJson(["validate", ...files]);
    expect(cli.code).toBe(1);
    const lib = await validate(files);
    expect(lib.ok && lib.findings).toBe(true);
    expect(value(lib)).toEqual(cli.doc);
    expect(value(lib).files[1]!.errors[0]).toMatchObject({ code: "schedule/unknown-key", line: 38, column: 7 });
  });
});

describe("shipments as CSV text or as rows", () => {
  const text = readFileSync(path.join(ROOT, SAMPLE), "utf8");
  const rows = parse(text, { columns: true }) as ShipmentRow[];

  it("CSV text, an array of rows and an async iterable of rows give the document the file gives", async () => {
    const fromFile = value(await calc(SAMPLE));
    expect(value(await calc({ csv: text }))).toEqual(fromFile);
    expect(value(await calc(rows))).toEqual(fromFile);
    async function* slowly() {
      for (const r of rows) {
        await new Promise((resolve) => setImmediate(resolve));
        yield r;
      }
    }
    expect(value(await calc(slowly()))).toEqual(fromFile);
  });

  it("numbers and booleans in rows are written as in a CSV; null is an empty cell", async () => {
    // 10000 × 35% = 3500.00 (README's calc JSON, IEEPA on bicycles 2025-09-15, us-measures.md §11)
    const r = value(await calc([{ date: "2025-09-15", importer: "US", origin: "CA", hs: "8712.00.00", value: 10000, currency: "USD", usmca: "N", content_value: null }], { lines: false }));
    expect(r.totals["USD"]!.duty).toBe("3500.00");
  });

  it("a later row with a key the first has not is an error at its line, not a dropped column", async () => {
    const r = await calc([rows[0]!, { ...rows[1]!, extra: "x" }]);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.diagnostics).toEqual([expect.objectContaining({ code: "library/row-keys", at: { file: "<rows>", line: 3 } })]);
  });

  it("rows that fail while read (the caller's source throws) are an error of the rows, not of the CSV", async () => {
    async function* failing() {
      yield rows[0]!;
      throw new Error("the cursor closed");
    }
    const r = await calc(failing());
    expect(r).toMatchObject({ ok: false, diagnostics: [{ code: "library/rows-failed", message: "the rows could not be read after row 1: the cursor closed", at: { file: "<rows>", line: 3 } }] });
  });
});

describe("bad input is a value with its location, never a throw, never printed", () => {
  const writes = { out: 0, err: 0 };
  afterEach(() => vi.restoreAllMocks());
  const quiet = () => {
    vi.spyOn(process.stdout, "write").mockImplementation(() => (writes.out++, true));
    vi.spyOn(process.stderr, "write").mockImplementation(() => (writes.err++, true));
  };

  it("a shipments file that does not exist", async () => {
    quiet();
    const r = await calc("no-such-file.csv");
    expect(writes).toEqual({ out: 0, err: 0 });
    expect(r).toMatchObject({ ok: false, diagnostics: [{ code: "io/unreadable", at: { file: "no-such-file.csv" } }] });
    expect(r.messages).toMatch(/^no-such-file\.csv: error: cannot read the file/);
  });

  it("an invalid schedule: every error with its line and column", async () => {
    quiet();
    const file = fixture("errors", "schedule-unknown-key.json");
    const r = await calc(SAMPLE, { schedule: file });
    expect(writes).toEqual({ out: 0, err: 0 });
    expect(r).toMatchObject({ ok: false, diagnostics: [{ code: "schedule/unknown-key", at: { file, line: 38, column: 7 }, hint: 'did you mean "sources"?' }] });
  });

  it("a wrong option value is a usage diagnostic with the CLI's message", async () => {
    const r = await calc(SAMPLE, { dateFormat: "XYZ" as "MDY" });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.diagnostics[0]).toMatchObject({ code: "library/usage", message: expect.stringContaining("--date-format") });
  });

  it("validate of a file that is not JSON: ok false, its error located", async () => {
    const file = fixture("errors", "not-json.json");
    const r = await validate([file]);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.diagnostics[0]).toMatchObject({ at: { file, line: expect.any(Number) } });
  });
});

describe("loadSchedule", () => {
  it("a path, JSON text and an object give the same schedule", async () => {
    const file = path.join(ROOT, fixture("schedules", "minimal.json"));
    const text = readFileSync(file, "utf8");
    const fromPath = await loadSchedule(file);
    expect(fromPath.ok).toBe(true);
    const fromText = await loadSchedule({ json: text, file: "minimal.json" });
    const fromObject = await loadSchedule(JSON.parse(text));
    if (!fromPath.ok || !fromText.ok || !fromObject.ok) throw new Error("not loaded");
    expect(fromText.value).toEqual(fromPath.value);
    expect(fromObject.value).toEqual(fromPath.value);
    expect(fromPath.value.id).toBe(JSON.parse(text).id);
  });

  it("with overlays applied in order; an overlay's error located in the overlay", async () => {
    const applied = await loadSchedule("default", { overlays: [fixture("overlays", "metals-232-at-25.json")] });
    expect(applied.ok).toBe(true);
    const wrong = fixture("overlays", "invalid", "unknown-measure.json");
    const r = await loadSchedule("default", { overlays: [wrong] });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.diagnostics[0]).toMatchObject({ at: { file: wrong, line: expect.any(Number), column: expect.any(Number) } });
  });

  it("JSON text with a syntax error: located in the given file name", async () => {
    const r = await loadSchedule({ json: '{\n  "format": "tariff-schedule/2",\n  "id": \n}', file: "mine.json" });
    expect(r).toMatchObject({ ok: false, diagnostics: [{ at: { file: "mine.json", line: 4 } }] });
  });
});

describe("README: Library use", () => {
  it("shows examples/library.mjs as it is, and the example runs, importing the package by its name", () => {
    const example = readFileSync(path.join(ROOT, "examples/library.mjs"), "utf8");
    const readme = readFileSync(path.join(ROOT, "README.md"), "utf8");
    expect(readme).toContain("### Library use");
    expect(readme).toContain("```js\n" + example + "```");
    const r = spawnSync(process.execPath, [path.join(ROOT, "examples/library.mjs")], { cwd: ROOT, encoding: "utf8" });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    // INV-1: 10000 × 35% IEEPA (2025-09-15, us-measures.md §11) = 3500.00; INV-2's slash date is rejected, never guessed.
    expect(r.stdout).toBe('USD duty 3500.00 on 1 of 2 lines\nline 3 rejected: date "2025/09/15" is not a date YYYY-MM-DD: write 2025-09-15, or give --date-format YMD\n');
  });
});
