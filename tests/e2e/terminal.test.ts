/**
 * Reports on a terminal of any width, with colour only where wanted, and bars
 * beside the numbers (issue #16). Most cases run through `main(argv, ctx)`
 * with fake streams (a terminal is a stream with isTTY and columns); one
 * spawns the built CLI to check COLUMNS end to end.
 */
import { Readable, Writable } from "node:stream";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { displayWidth } from "../../src/cli/render/text-width.js";
import { ROOT, fixture, tariff } from "../helpers/cli.js";

const SAMPLE = path.join(ROOT, fixture("shipments", "sample.csv"));
const WHAT_IF = path.join(ROOT, fixture("shipments", "what-if-2026.csv"));
const IEEPA = path.join(ROOT, fixture("overlays", "ieepa-never-struck-down.json"));
const METALS = path.join(ROOT, fixture("overlays", "metals-232-at-25.json"));
const ESC = /\u001b\[/;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process; `tty` makes stdout and stderr terminals of that many columns. */
async function run(args: string[], opts: { env?: Record<string, string>; tty?: number } = {}): Promise<Run> {
  const sink = (chunks: Buffer[]) => {
    const w = new Writable({ write: (c: Buffer | string, _e, done) => (chunks.push(Buffer.from(c)), done()) });
    return opts.tty === undefined ? w : Object.assign(w, { isTTY: true, columns: opts.tty });
  };
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  const stdin = Object.assign(Readable.from([]), { isTTY: false });
  const code = await main(args, { stdout: sink(out), stderr: sink(err), stdin, env: opts.env ?? {}, today: "2026-11-23", platform: "linux" });
  return { code, stdout: Buffer.concat(out).toString("utf8"), stderr: Buffer.concat(err).toString("utf8") };
}

// eslint-disable-next-line no-control-regex
const widest = (text: string) => Math.max(...text.replace(/\u001b\[[0-9;]*m/g, "").split("\n").map(displayWidth));

/** Consecutive lines of box drawing must all be as wide as their top border: a table never breaks. */
function boxesWhole(text: string): boolean {
  let width: number | undefined;
  for (const line of text.split("\n")) {
    if (/^[┌│├└]/.test(line)) {
      const w = widest(line);
      if (line.startsWith("┌")) width = w;
      if (w !== width) return false;
      if (!/[┐│┤┘]$/.test(line)) return false;
    } else width = undefined;
  }
  return true;
}

const REPORTS: [string, string[]][] = [
  ["calc --lines --by measure", ["calc", SAMPLE, "--lines", "--by", "measure"]],
  ["calc --by sector, a what-if", ["calc", SAMPLE, "--by", "sector", "--overlay", IEEPA]],
  ["calc --by month", ["calc", SAMPLE, "--by", "month"]],
  ["rates", ["rates", "--at", "2026-03-10"]],
  ["rates --hs", ["rates", "--hs", "7326.90.86", "--at", "2026-07-01"]],
  ["compare", ["compare", SAMPLE, "--overlay", IEEPA, "--overlay", METALS]],
  ["diff", ["diff", "default", "default", "--overlay", METALS]],
];

describe("terminals of any width (issue #16, item 4)", () => {
  it.each(REPORTS)("%s: at 80 and 100 columns no line is wider, every box whole; in a pipe the full width", async (_name, args) => {
    for (const width of [80, 100]) {
      const r = await run(args, { env: { COLUMNS: String(width) } });
      expect.soft(widest(r.stdout), `${width} columns`).toBeLessThanOrEqual(width);
      expect.soft(boxesWhole(r.stdout), `${width} columns: boxes`).toBe(true);
      // The same from the terminal's own width, without COLUMNS
      const tty = await run(args, { tty: width });
      expect.soft(widest(tty.stdout), `a terminal of ${width} columns`).toBeLessThanOrEqual(width);
    }
    const pipe = await run(args);
    expect(boxesWhole(pipe.stdout)).toBe(true);
  });

  it("in a pipe or a file, tables keep their full width (the --lines table of the sample is 200-odd columns)", async () => {
    expect(widest((await run(["calc", SAMPLE, "--lines"])).stdout)).toBeGreaterThan(200);
    const dir = mkdtempSync(path.join(tmpdir(), "tariff-16-"));
    await run(["calc", SAMPLE, "--lines", "-o", path.join(dir, "out.txt")], { tty: 80, env: { COLUMNS: "80" } });
    expect(widest(readFileSync(path.join(dir, "out.txt"), "utf8"))).toBeGreaterThan(200);
  });

  it("a very narrow terminal gets records instead of a table: nothing wider, no box", async () => {
    const r = await run(["calc", WHAT_IF, "--lines"], { env: { COLUMNS: "30" } });
    expect(widest(r.stdout)).toBeLessThanOrEqual(30);
    expect(r.stdout).toContain("\nLine: 7\nId: BIKE-USMCA\nDate: 2026-09-01\nImp: US\nSector: other_goods\nValue: 10000.00 USD\nDuties: none\nDuty: 0.00\n");
  });

  it("--lines at 80 columns, exactly: what did not apply, the sector and the importer left out and said so", async () => {
    const r = await run(["calc", WHAT_IF, "--lines"], { env: { COLUMNS: "80" } });
    expect(r.code).toBe(0);
    const table = r.stdout.slice(r.stdout.indexOf("Lines\n┌"));
    expect(table).toBe(
      [
        "Lines",
        "┌──────┬────────────┬────────────┬──────────┬───────────────────────┬──────────┐",
        "│ Line │ Id         │ Date       │    Value │ Duties                │     Duty │",
        "├──────┼────────────┼────────────┼──────────┼───────────────────────┼──────────┤",
        "│    2 │ AL-BEFORE  │ 2026-06-30 │  1000.00 │ ca-surtax-us-aluminum │   250.00 │",
        "│      │            │            │      CAD │ 25% on value 1000.00  │          │",
        "│      │            │            │          │ = 250.00              │          │",
        "├──────┼────────────┼────────────┼──────────┼───────────────────────┼──────────┤",
        "│    3 │ AL-AFTER   │ 2026-07-01 │ 16975.30 │ ca-surtax-us-aluminum │  4243.83 │",
        "│      │            │            │      CAD │ 25% on value 16975.30 │          │",
        "│      │            │            │          │ = 4243.83             │          │",
        "├──────┼────────────┼────────────┼──────────┼───────────────────────┼──────────┤",
        "│    4 │ ST-AFTER   │ 2026-08-03 │  2000.00 │ ca-surtax-us-steel    │   500.00 │",
        "│      │            │            │      CAD │ 25% on value 2000.00  │          │",
        "│      │            │            │          │ = 500.00              │          │",
        "├──────┼────────────┼────────────┼──────────┼───────────────────────┼──────────┤",
        "│    5 │ VEH-AFTER  │ 2026-08-03 │ 55000.00 │ ca-surtax-us-vehicles │ 11687.50 │",
        "│      │            │            │      CAD │ 25% × 85% on value    │          │",
        "│      │            │            │          │ 46750.00 = 11687.50   │          │",
        "├──────┼────────────┼────────────┼──────────┼───────────────────────┼──────────┤",
        "│    6 │ BIKE-0901  │ 2026-09-01 │ 10000.00 │ us-301-forced-labor   │  1000.00 │",
        "│      │            │            │      USD │ 10% on value 10000.00 │          │",
        "│      │            │            │          │ = 1000.00             │          │",
        "├──────┼────────────┼────────────┼──────────┼───────────────────────┼──────────┤",
        "│    7 │ BIKE-USMCA │ 2026-09-01 │ 10000.00 │ none                  │     0.00 │",
        "│      │            │            │      USD │                       │          │",
        "└──────┴────────────┴────────────┴──────────┴───────────────────────┴──────────┘",
        "(not shown, to fit 80 columns: Imp, Sector, Exempt or excluded; --format md or a",
        "wider terminal shows every column)",
        "",
      ].join("\n"),
    );
  });

  it("COLUMNS reaches the built CLI too", () => {
    const r = tariff(["rates", "--at", "2026-03-10"], { env: { COLUMNS: "80" } });
    expect(r.code).toBe(0);
    expect(widest(r.stdout)).toBe(80);
    expect(boxesWhole(r.stdout)).toBe(true);
  });
});

describe("colour (issue #16, item 5)", () => {
  const table = ["compare", WHAT_IF, "--overlay", path.join(ROOT, fixture("overlays", "section-122-to-year-end.json"))];

  it.each<[string, string[], Record<string, string>, number | undefined, boolean]>([
    ["on a terminal", [], {}, 80, true],
    ["not in a pipe", [], {}, undefined, false],
    ["--no-color on a terminal", ["--no-color"], {}, 80, false],
    ["FORCE_COLOR=0 on a terminal", [], { FORCE_COLOR: "0" }, 80, false],
    ["TERM=dumb", [], { TERM: "dumb" }, 80, false],
    ["NO_COLOR on a terminal", [], { NO_COLOR: "1" }, 80, false],
    ["--color in a pipe", ["--color"], {}, undefined, true],
    ["FORCE_COLOR=1 in a pipe", [], { FORCE_COLOR: "1" }, undefined, true],
    ["NO_COLOR wins over --color", ["--color"], { NO_COLOR: "1" }, 80, false],
    ["NO_COLOR wins over FORCE_COLOR", [], { NO_COLOR: "1", FORCE_COLOR: "1" }, 80, false],
    ["--no-color wins over FORCE_COLOR", ["--no-color"], { FORCE_COLOR: "1" }, 80, false],
    ["--no-color before the command", ["BEFORE"], {}, 80, false],
  ])("%s", async (_name, flags, env, tty, coloured) => {
    const args = flags[0] === "BEFORE" ? ["--no-color", ...table] : [...table, ...flags];
    const r = await run(args, { env, ...(tty === undefined ? {} : { tty }) });
    expect(r.code).toBe(0);
    expect(ESC.test(r.stdout)).toBe(coloured);
  });

  it("every command takes --color and --no-color", async () => {
    for (const args of [["calc", SAMPLE], ["rates"], ["diff", "default", "default"], ["validate", "default"], ["schedule", "export"], ["schedule", "schema"]]) {
      for (const flag of ["--color", "--no-color"]) expect.soft((await run([...args, flag])).code, `${args.join(" ")} ${flag}`).toBe(0);
    }
  });

  it("colour goes to stderr's messages too, and --no-color takes it away there as well", async () => {
    const bad = ["validate", path.join(ROOT, fixture("errors", "schedule-unknown-key.json"))];
    expect(ESC.test((await run(bad, { tty: 80 })).stderr)).toBe(true);
    expect(ESC.test((await run([...bad, "--no-color"], { tty: 80 })).stderr)).toBe(false);
  });

  it("never ANSI escapes in md, csv, json, ndjson, or a file, whatever asks for colour", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "tariff-16-"));
    const forced = { env: { FORCE_COLOR: "3" }, tty: 80 };
    const cases: string[][] = [
      ["calc", SAMPLE, "--by", "measure", "--lines", "-f", "md"],
      ["calc", SAMPLE, "-f", "csv"],
      ["calc", SAMPLE, "-f", "ndjson"],
      ["calc", SAMPLE, "-f", "json"],
      ["compare", SAMPLE, "--overlay", IEEPA, "-f", "md"],
      ["compare", SAMPLE, "--overlay", IEEPA, "-f", "csv"],
      ["rates", "--at", "2026-03-10", "-f", "md"],
      ["rates", "--hs", "7326.90.86", "--at", "2026-07-01", "-f", "md"],
      ["diff", "default", "default", "--overlay", METALS, "-f", "md"],
      ["diff", "default", "default", "--overlay", METALS, "-f", "csv"],
    ];
    for (const args of cases) {
      const r = await run([...args, "--color"], forced);
      expect.soft(ESC.test(r.stdout), args.join(" ")).toBe(false);
    }
    await run(["calc", SAMPLE, "--by", "month", "--color", "-o", path.join(dir, "t.txt")], forced);
    expect(ESC.test(readFileSync(path.join(dir, "t.txt"), "utf8"))).toBe(false);
  });
});

describe("bars beside the numbers (issue #16, item 2)", () => {
  const utf8 = { LANG: "en_US.UTF-8" };

  it("calc --by sector on a UTF-8 terminal: blocks to scale within each currency", async () => {
    const r = await run(["calc", WHAT_IF, "--by", "sector", "--no-color"], { env: utf8, tty: 100 });
    // CAD: autos 11687.50 is the largest (20 columns); aluminum 4493.83 → 7.69 columns = 62 eighths: 7 blocks and ▊ (6/8)
    expect(r.stdout).toContain("│ CAD      │ autos       │     1 │      55000.00 │ 11687.50 │ ████████████████████ │\n");
    expect(r.stdout).toContain("│ CAD      │ aluminum    │     2 │      17975.30 │  4493.83 │ ███████▊             │\n");
    // USD has one sector: the largest of its own currency
    expect(r.stdout).toContain("│ USD      │ other_goods │     2 │      20000.00 │  1000.00 │ ████████████████████ │\n");
  });

  it("calc --by month in a pipe, or on a terminal that is not UTF-8: #", async () => {
    for (const r of [await run(["calc", WHAT_IF, "--by", "month"]), await run(["calc", WHAT_IF, "--by", "month", "--no-color"], { env: { LANG: "C" }, tty: 100 })]) {
      // CAD 2026-07 4243.83 of 12187.50 (2026-08) on 20 columns: 6.96 → 7
      expect(r.stdout).toContain("│ CAD      │ 2026-07 │     1 │      16975.30 │  4243.83 │ #######              │\n");
      expect(r.stdout).not.toMatch(/[\u2580-\u259f]/); // no block element
    }
  });

  it("compare: the change as a bar either side of an axis, increases right, decreases left", async () => {
    const r = await run(["compare", SAMPLE, "--overlay", IEEPA, "--no-color"], { env: utf8, tty: 120 });
    // us-ieepa-canada +3500 is the largest change (10 columns right); us-122-surcharge -1000: 2.86 columns → 6 halves, 3 blocks left
    expect(r.stdout).toContain("│ USD      │ us-122-surcharge │ 1000.00 │     0.00 │ -1000.00 │        ███│           │ -100.00% │\n");
    expect(r.stdout).toContain("│ USD      │ us-ieepa-canada  │ 8000.00 │ 11500.00 │ +3500.00 │           │██████████ │  +43.75% │\n");
  });

  it("md and csv hold the numbers without bars", async () => {
    const md = await run(["calc", WHAT_IF, "--by", "sector", "-f", "md"]);
    expect(md.stdout).toContain("| Currency | Sector | Lines | Customs value | Duty |\n");
    expect(md.stdout).not.toContain("Duty bar");
  });
});
