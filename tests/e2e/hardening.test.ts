/**
 * Hardening (issue #8): no crafted input changes behaviour, output is never
 * half-written, and the same inputs give the same bytes.
 *
 * - `__proto__`, `constructor`, `prototype` keys anywhere in a schedule or an
 *   overlay are reported as unknown keys, and nothing else changes; the same
 *   words as sector or measure ids are ordinary ids.
 * - A JSON number where a rate, date or id string is required is an error.
 * - SIGINT / SIGTERM during `calc -o FILE` (bin/tariff.js: cleanup, then exit
 *   130 / 143) leave the old FILE intact and no temp file behind.
 * - calc, compare, rates, diff and validate --format json give byte-identical
 *   output in every format, run after run, whatever the time zone and locale.
 *
 * Most checks call the core or `main(argv, ctx)` in-process (a spawn costs
 * about 0.3 s); the rendering, signals and determinism checks spawn the
 * built bin/tariff.js.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import type { Diagnostic } from "../../src/core/diagnostics.js";
import { validateOverlay } from "../../src/core/schedule/overlay.js";
import { validateSchedule } from "../../src/core/schedule/validate.js";
import { parseJson } from "../../src/io/json.js";
import { BIN, ROOT, fixture, runMain, tariff } from "../helpers/cli.js";

const MINIMAL_TEXT = readFileSync(path.join(ROOT, "fixtures/schedules/minimal.json"), "utf8");
const minimal = () => JSON.parse(MINIMAL_TEXT) as any;
const overlayOf = (changes: unknown[]) => ({ format: "tariff-overlay/1", title: "what-if", changes });
const STEEL_AT_30 = { measure: "us-232-steel", from: "2026-07-01", rate: "30%" };

/** JSON text → value as the tool reads it (JSON.parse: a "__proto__" key is an own property). */
const read = (text: string) => {
  const parsed = parseJson(text, "crafted.json");
  if (!parsed.ok) throw new Error(`not JSON: ${text}`);
  return parsed.doc.value;
};

/** Adds `"key": value` as the first key of the object at `at` in the text of `doc`, as a user would type it. */
function withKey(doc: unknown, at: (string | number)[], key: string, value: unknown): string {
  const marker = "\u0000HERE\u0000";
  const copy = JSON.parse(JSON.stringify(doc));
  let target = copy;
  for (const part of at) target = target[part];
  target[marker] = value;
  return JSON.stringify(copy).replace(JSON.stringify(marker), JSON.stringify(key));
}

const codes = (errors: Diagnostic[]) => errors.map((e) => `${e.code} ${JSON.stringify(e.at.path)}`);
const errorsOf = (r: { ok: boolean; errors?: Diagnostic[] }) => (r.ok ? [] : r.errors!);

const CRAFTED = ["__proto__", "constructor", "prototype"] as const;

describe("crafted keys: __proto__, constructor, prototype", () => {
  const schedulePlaces: [string, (string | number)[]][] = [
    ["top level", []],
    ["a sector", ["sectors", 0]],
    ["a measure", ["measures", 0]],
    ["a period", ["measures", 0, "periods", 0]],
    ["a sector's terms in a period", ["measures", 0, "periods", 0, "rates", "energy"]],
  ];

  it.each(CRAFTED.flatMap((key) => schedulePlaces.map(([where, at]) => [key, where, at] as const)))("schedule: %s in %s is an unknown key, and the only error", (key, _where, at) => {
    const before = Object.getOwnPropertyNames(Object.prototype).length;
    const r = validateSchedule(read(withKey(minimal(), at, key, { rate: "99%", polluted: true })), "crafted.json");
    expect(codes(errorsOf(r))).toEqual([`schedule/unknown-key ${JSON.stringify([...at, key])}`]);
    expect(errorsOf(r)[0]!.message).toContain(`unknown key "${key}"`);
    // Nothing leaked into every object.
    expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined();
    expect(({} as Record<string, unknown>)["rate"]).toBeUndefined();
    expect(Object.getOwnPropertyNames(Object.prototype)).toHaveLength(before);
  });

  it.each(CRAFTED)("schedule: %s as a sector key in a period's rates is refused, never taken as a sector", (key) => {
    const r = validateSchedule(read(withKey(minimal(), ["measures", 0, "periods", 0, "rates"], key, "1%")), "crafted.json");
    expect(r.ok).toBe(false);
    expect(codes(errorsOf(r))).toContain(`schedule/unknown-sector ${JSON.stringify(["measures", 0, "periods", 0, "rates", key])}`);
  });

  const overlayPlaces: [string, unknown, (string | number)[]][] = [
    ["top level", overlayOf([STEEL_AT_30]), []],
    ["a change", overlayOf([STEEL_AT_30]), ["changes", 0]],
    ["an end change", overlayOf([{ measure: "us-232-steel", end: "2026-07-01" }]), ["changes", 0]],
    ["usmca terms of a change", overlayOf([{ ...STEEL_AT_30, usmca: { rate: "10%" } }]), ["changes", 0, "usmca"]],
    [
      "a period of an added measure",
      overlayOf([{ add: { id: "us-new", label: "New", importer: "US", origins: ["CA"], authority: "EO 2", sectors: "*", periods: [{ from: "2026-07-01", rate: "5%" }] } }]),
      ["changes", 0, "add", "periods", 0],
    ],
  ];

  it.each(CRAFTED.flatMap((key) => overlayPlaces.map(([where, doc, at]) => [key, where, doc, at] as const)))("overlay: %s in %s is an unknown key, and the only error", (key, _where, doc, at) => {
    expect(validateOverlay(doc, "crafted.json").ok).toBe(true); // the same overlay without the key is fine
    const r = validateOverlay(read(withKey(doc, at, key, { rate: "99%" })), "crafted.json");
    expect(codes(errorsOf(r))).toEqual([`overlay/unknown-key ${JSON.stringify([...at, key])}`]);
    expect(({} as Record<string, unknown>)["rate"]).toBeUndefined();
  });

  it("validate renders each at its key, with file, line and column, and nothing else (one spawn)", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "tariff-crafted-"));
    const lines = MINIMAL_TEXT.split("\n");
    // Keys typed into the fixture's text: top level (line 2), a measure (line 15), a period (line 26).
    lines.splice(1, 0, '  "__proto__": { "polluted": true },');
    lines.splice(14, 0, '      "constructor": "x",');
    lines[25] = lines[25]!.replace('{ "from"', '{ "prototype": {}, "from"');
    const schedule = path.join(dir, "schedule.json");
    writeFileSync(schedule, lines.join("\n"));
    const overlay = path.join(dir, "overlay.json");
    writeFileSync(overlay, '{\n  "format": "tariff-overlay/1",\n  "title": "t",\n  "changes": [\n    { "measure": "us-232-steel", "from": "2026-07-01", "rate": "30%", "__proto__": { "rate": "99%" } }\n  ]\n}\n');
    const r = tariff(["validate", schedule, overlay]);
    expect.soft(r.code).toBe(1);
    const located = r.stderr.split("\n").filter((l) => l.includes(": error: "));
    expect(located).toEqual([
      `${schedule}:2:3: error: unknown key "__proto__" in (root) [schedule/unknown-key]`,
      `${schedule}:15:7: error: unknown key "constructor" in measures[0] [schedule/unknown-key]`,
      `${schedule}:26:11: error: unknown key "prototype" in measures[0].periods[0] [schedule/unknown-key]`,
      `${overlay}:5:71: error: unknown key "__proto__" in changes[0] [overlay/unknown-key]`,
    ]);
    expect(r.stderr).not.toMatch(/\n\s+at |internal error/);
  });

  it("constructor and prototype as sector and measure ids are ordinary ids: looked up, computed and totalled as any other", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "tariff-ids-"));
    const schedule = path.join(dir, "schedule.json");
    writeFileSync(
      schedule,
      JSON.stringify({
        format: "tariff-schedule/1", id: "ids", version: "1", title: "ids", asOf: "2026-01-01",
        sectors: [
          { id: "constructor", label: "C", hs: ["72"] },
          { id: "prototype", label: "P", hs: ["87"] },
          { id: "to_string", label: "T", hs: ["27"] },
        ],
        measures: [
          { id: "constructor", label: "M1", importer: "US", origins: ["CA"], authority: "A", sectors: "*", periods: [{ from: "2025-01-01", rate: "25%", rates: { prototype: "10%" } }] },
          { id: "prototype", label: "M2", importer: "US", origins: ["CA"], authority: "A", sectors: ["constructor"], excludedBy: ["constructor"], periods: [{ from: "2025-01-01", rate: "5%" }] },
        ],
      }),
    );
    const csv = "id,date,importer,hs,value\nA,2025-09-15,US,7208,1000\nB,2025-09-15,US,8712,1000\nC,2025-09-15,US,2709,1000\n";
    const r = await runMain(["calc", "-", "-s", schedule, "--format", "json"], csv);
    expect.soft(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const body = JSON.parse(r.stdout);
    expect(body.lines.map((l: any) => [l.id, l.sector, l.duties.map((d: any) => `${d.measure} ${d.rate} ${d.amount}`), l.skipped])).toEqual([
      // 1,000 × 25%; "prototype" (5%) switched off by "constructor"
      ["A", "constructor", ["constructor 25% 250.00"], [{ measure: "prototype", why: "excluded by constructor" }]],
      // the sector "prototype" has its own 10% in "constructor"
      ["B", "prototype", ["constructor 10% 100.00"], [{ measure: "prototype", why: "not in its sectors" }]],
      ["C", "to_string", ["constructor 25% 250.00"], [{ measure: "prototype", why: "not in its sectors" }]],
    ]);
    expect(Object.keys(body.totals.USD.bySector)).toEqual(["constructor", "prototype", "to_string"]);
    expect(body.totals.USD.byMeasure).toEqual({ constructor: { lines: 3, base: "3000.00", duty: "600.00" } });
    const rates = await runMain(["rates", "-s", schedule, "--at", "2025-09-15", "--sector", "constructor", "--format", "json"]);
    expect(rates.code).toBe(0);
    expect(JSON.parse(rates.stdout).measures.map((m: any) => m.measure)).toEqual(["constructor", "prototype"]);
    // A sector that is not in the schedule, named like an Object.prototype member, is unknown, not found on the prototype.
    const unknown = await runMain(["calc", "-", "-s", schedule, "--format", "json"], "id,date,importer,sector,value\nX,2025-09-15,US,has_own_property,1\nY,2025-09-15,US,valueOf,1\n");
    expect(unknown.code).toBe(1);
    expect(JSON.parse(unknown.stdout).rejected.map((x: any) => x.code)).toEqual(["shipment/unknown-sector", "shipment/unknown-sector"]);
  });
});

describe("a JSON number where a string is required is an error", () => {
  const at = (r: { ok: boolean; errors?: Diagnostic[] }, path: (string | number)[]) => errorsOf(r).find((e) => JSON.stringify(e.at.path) === JSON.stringify(path));

  it.each<[string, (s: any) => void, (string | number)[], string, string]>([
    ["a period's rate", (s) => (s.measures[0].periods[0].rate = 25), ["measures", 0, "periods", 0, "rate"], "schedule/wrong-type", 'expected a rate as a string such as "25%", got the number 25'],
    ["a sector's rate", (s) => (s.measures[0].periods[0].rates.energy = 10), ["measures", 0, "periods", 0, "rates", "energy"], "schedule/wrong-type", "got the number 10"],
    ["a sector's rate inside terms", (s) => (s.measures[0].periods[0].rates.energy.rate = 10), ["measures", 0, "periods", 0, "rates", "energy", "rate"], "schedule/wrong-type", "got the number 10"],
    ["from", (s) => (s.measures[1].periods[0].from = 20250312), ["measures", 1, "periods", 0, "from"], "schedule/wrong-type", 'expected a date as a string "YYYY-MM-DD", got the number 20250312'],
    ["until", (s) => (s.measures[0].periods[0].until = 20250801), ["measures", 0, "periods", 0, "until"], "schedule/wrong-type", "got the number 20250801"],
    ["asOf", (s) => (s.asOf = 20260101), ["asOf"], "schedule/wrong-type", "got the number 20260101"],
    ["version", (s) => (s.version = 2026), ["version"], "schedule/wrong-type", "got the number 2026"],
    ["the schedule id", (s) => (s.id = 1), ["id"], "schedule/wrong-type", "got the number 1"],
    ["a measure id", (s) => (s.measures[1].id = 7), ["measures", 1, "id"], "schedule/wrong-type", "got the number 7"],
    ["a sector id", (s) => (s.sectors[0].id = 72), ["sectors", 0, "id"], "schedule/wrong-type", "got the number 72"],
    ["an HS prefix", (s) => (s.sectors[0].hs[0] = 7208), ["sectors", 0, "hs", 0], "schedule/wrong-type", "got the number 7208"],
    ["an excludedBy id", (s) => (s.measures[0].excludedBy[0] = 1), ["measures", 0, "excludedBy", 0], "schedule/wrong-type", "got the number 1"],
  ])("schedule: %s", (_name, mutate, path, code, words) => {
    const doc = minimal();
    mutate(doc);
    const r = validateSchedule(doc, "numbers.json");
    expect(r.ok).toBe(false);
    expect(at(r, path), JSON.stringify(codes(errorsOf(r)))).toMatchObject({ code, message: expect.stringContaining(words) });
  });

  it.each<[string, unknown, (string | number)[]]>([
    ["a rate", { measure: "us-232-steel", from: "2026-07-01", rate: 30 }, ["changes", 0, "rate"]],
    ["from", { measure: "us-232-steel", from: 20260701, rate: "30%" }, ["changes", 0, "from"]],
    ["until", { measure: "us-232-steel", from: "2026-07-01", until: 20261231, rate: "30%" }, ["changes", 0, "until"]],
    ["end", { measure: "us-232-steel", end: 20260701 }, ["changes", 0, "end"]],
    ["a measure id", { measure: 232, from: "2026-07-01", rate: "30%" }, ["changes", 0, "measure"]],
    ["a sector id", { measure: "us-232-steel", from: "2026-07-01", sector: 72, rate: "30%" }, ["changes", 0, "sector"]],
  ])("overlay: %s", (_name, change, path) => {
    const r = validateOverlay(overlayOf([change]), "numbers.json");
    expect(r.ok).toBe(false);
    expect(at(r, path), JSON.stringify(codes(errorsOf(r)))).toMatchObject({ code: expect.stringMatching(/^overlay\/(wrong-type|invalid-id|invalid)$/), message: expect.stringMatching(/got the number \d+/) });
  });

  it("calc refuses a schedule with a numeric rate before reading any line: exit 2, located", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "tariff-numbers-"));
    const file = path.join(dir, "schedule.json");
    writeFileSync(file, MINIMAL_TEXT.replace('"rate": "50%"', '"rate": 50'));
    const r = await runMain(["calc", fixture("shipments", "sample.csv"), "-s", file]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain(`${file}:37:51: error: measures[1].periods[0].rate: expected a rate as a string such as "25%", got the number 50 [schedule/wrong-type]`);
  });
});

describe("output is never half-written: signals during calc -o", () => {
  let big: string;
  beforeAll(() => {
    const dir = mkdtempSync(path.join(tmpdir(), "tariff-big-"));
    big = path.join(dir, "big.csv");
    const rows = ["id,date,importer,hs,value"];
    for (let i = 0; i < 300_000; i++) rows.push(`L${i},2025-09-15,US,8712.00,${(i % 5000) + 1}.25`);
    writeFileSync(big, rows.join("\n") + "\n");
  });

  function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    return new Promise((resolve) => child.on("exit", (code, signal) => resolve({ code, signal })));
  }

  /** Starts calc -o into a folder holding an old file; signals it once its temp file exists (at least 300 ms in). */
  async function interrupt(signal: NodeJS.Signals) {
    const dir = mkdtempSync(path.join(tmpdir(), "tariff-signal-"));
    const out = path.join(dir, "duties.csv");
    writeFileSync(out, "old duties\n");
    const child = spawn(process.execPath, [BIN, "calc", big, "--format", "csv", "-o", out], { cwd: ROOT, env: { ...process.env, NO_COLOR: "1" }, stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr!.on("data", (c) => (stderr += String(c)));
    const done = exited(child);
    const started = Date.now();
    let sawTemp = false;
    while (Date.now() - started < 10_000 && child.exitCode === null) {
      await new Promise((r) => setTimeout(r, 20));
      sawTemp ||= readdirSync(dir).some((f) => f.endsWith(".tmp"));
      if (sawTemp && Date.now() - started >= 300) break;
    }
    child.kill(signal);
    const result = await done;
    return { ...result, sawTemp, stderr, files: readdirSync(dir), old: readFileSync(out, "utf8") };
  }

  it("SIGINT: exit 130, the old file intact, no temp file left", async () => {
    const r = await interrupt("SIGINT");
    expect(r.sawTemp, "calc was writing its temp file when interrupted").toBe(true);
    expect({ code: r.code, signal: r.signal }).toEqual({ code: 130, signal: null });
    expect(r.old).toBe("old duties\n");
    expect(r.files).toEqual(["duties.csv"]);
    expect(r.stderr).not.toMatch(/\n\s+at |internal error/);
  });

  // See issue #13: every catchable signal cleans up and exits 128 + n, as a shell reports a death by it.
  it.each<[NodeJS.Signals, number]>([["SIGHUP", 129], ["SIGQUIT", 131], ["SIGUSR1", 138], ["SIGUSR2", 140], ["SIGALRM", 142]])("%s: exit %i, the old file intact, no temp file left", async (signal, code) => {
    const r = await interrupt(signal);
    expect(r.sawTemp).toBe(true);
    expect({ code: r.code, signal: r.signal }).toEqual({ code, signal: null });
    expect(r.old).toBe("old duties\n");
    expect(r.files).toEqual(["duties.csv"]);
    expect(r.stderr).toBe("");
  });

  it("SIGTERM: exit 143 (bin/tariff.js cleans up, then exits 128 + 15), the old file intact, no temp file left", async () => {
    const r = await interrupt("SIGTERM");
    expect(r.sawTemp).toBe(true);
    expect({ code: r.code, signal: r.signal }).toEqual({ code: 143, signal: null });
    expect(r.old).toBe("old duties\n");
    expect(r.files).toEqual(["duties.csv"]);
    expect(r.stderr).not.toMatch(/\n\s+at |internal error/);
  });
});

describe("deterministic output", () => {
  const S = fixture("shipments", "sample.csv");
  const W = fixture("shipments", "what-if-2026.csv");
  const runs: Record<string, string[]> = {
    ...Object.fromEntries(
      (["table", "json", "csv", "ndjson", "md"] as const).map((f) => [`calc ${f}`, ["calc", S, "--format", f, ...(f === "table" || f === "md" ? ["--by", "measure", "--lines"] : [])]]),
    ),
    "calc json fx": ["calc", fixture("shipments", "foreign-currency.csv"), "--fx", fixture("fx", "usd-cad.csv"), "--format", "json"],
    "calc json rejections": ["calc", fixture("shipments", "rejections.csv"), "--format", "json"],
    ...Object.fromEntries(
      (["table", "json", "csv", "md"] as const).map((f) => [`compare ${f}`, ["compare", W, "--overlay", fixture("overlays", "ieepa-never-struck-down.json"), "--overlay", fixture("overlays", "metals-232-at-25.json"), "--top", "3", "--format", f]]),
    ),
    ...Object.fromEntries((["table", "json", "csv", "md"] as const).map((f) => [`rates ${f}`, ["rates", "--at", "2025-09-15", "--format", f]])),
    ...Object.fromEntries((["table", "json", "csv", "md"] as const).map((f) => [`diff ${f}`, ["diff", fixture("diff", "base.json"), fixture("diff", "sectors-changed.json"), "--format", f]])),
    "diff default json": ["diff", "default", fixture("diff", "base.json"), "--format", "json"],
    "validate json": ["validate", "--format", "json", "default", fixture("schedules", "minimal.json"), fixture("overlays", "metals-232-at-25.json"), fixture("errors", "schedule-overlapping-periods.json"), fixture("errors", "overlay-wrong-type.json"), fixture("errors", "not-json.json")],
  };

  /**
   * One process runs every command twice through main() (what bin/tariff.js runs), so that
   * 2 spawns cover 20 commands; each process gets its own time zone and locale.
   */
  function outputs(env: Record<string, string>): Promise<Record<string, { code: number; stdout: string; stderr: string }[]>> {
    const script = `
      import { Writable, Readable } from "node:stream";
      const { main } = await import(${JSON.stringify(pathToFileURL(path.join(ROOT, "dist/cli/main.js")).href)});
      const runs = ${JSON.stringify(runs)};
      const out = {};
      for (const [name, args] of Object.entries(runs)) {
        out[name] = [];
        for (let i = 0; i < 2; i++) {
          const o = [], e = [];
          const sink = (a) => new Writable({ write(c, _x, done) { a.push(Buffer.from(c)); done(); } });
          const code = await main(args, { stdout: sink(o), stderr: sink(e), stdin: Readable.from([]), env: { NO_COLOR: "1" }, today: "2026-11-23" });
          out[name].push({ code, stdout: Buffer.concat(o).toString("base64"), stderr: Buffer.concat(e).toString("base64") });
        }
      }
      process.stdout.write(JSON.stringify(out));`;
    // Spawned, not spawnSync: the two runs go side by side and the test worker stays responsive meanwhile.
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, ["--input-type=module", "-e", script], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      child.stdout!.on("data", (c: Buffer) => out.push(c));
      child.stderr!.on("data", (c: Buffer) => err.push(c));
      child.on("error", reject);
      child.on("close", (code) => {
        if (code !== 0) reject(new Error(`determinism runner failed: ${Buffer.concat(err).toString("utf8")}`));
        else resolve(JSON.parse(Buffer.concat(out).toString("utf8")));
      });
    });
  }

  it("the same inputs give byte-identical stdout (and stderr) in every format, across runs, time zones and locales", async () => {
    const [a, b] = await Promise.all([outputs({ TZ: "Pacific/Kiritimati", LANG: "de_DE.UTF-8", LC_ALL: "de_DE.UTF-8" }), outputs({ TZ: "America/St_Johns", LANG: "C", LC_ALL: "C" })]);
    expect(Object.keys(a)).toEqual(Object.keys(runs));
    for (const name of Object.keys(runs)) {
      const [first, second] = a[name]!;
      expect.soft(first!.stdout.length, `${name}: something on stdout`).toBeGreaterThan(0);
      expect.soft(second, `${name}: second run in the same process`).toEqual(first);
      expect.soft(b[name]![0], `${name}: another process, time zone and locale`).toEqual(first);
    }
  });
});

/** Bugs found while hardening (issue #8), fixed; each test pins the correct behaviour. */
describe("found while hardening (fixed; kept as regression tests)", () => {
  const scratch = () => mkdtempSync(path.join(tmpdir(), "tariff-found-"));

  // src/io/json.ts parseJson: jsonc-parser's parseTree recurses once per level.
  it("deeply nested JSON (a crafted 200 KB file) is a located user error, not an internal error", async () => {
    const file = path.join(scratch(), "deep.json");
    writeFileSync(file, "[".repeat(100_000) + "]".repeat(100_000));
    const r = await runMain(["validate", file]);
    expect(r.stderr).not.toMatch(/internal error|This is a bug/);
    expect(r.stderr).toContain(`${file}:`);
    expect(r.code).toBe(2);
  });

  // Was: the location was where the parser gave up (the end of the file), not where the quote opened.
  it("a quote left open is reported at the line where it opens, not at the last line of the file", async () => {
    const file = path.join(scratch(), "open-quote.csv");
    const rows = ["id,date,importer,hs,value", "A,2025-09-15,US,8712.00,100.00", 'B,2025-09-15,US,8712.00,"100.00'];
    for (let i = 0; i < 1000; i++) rows.push(`C${i},2025-09-15,US,8712.00,100.00`);
    writeFileSync(file, rows.join("\n") + "\n");
    const r = await runMain(["calc", file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:3: error: .*a quoted field that starts after line 2 is never closed`));
  });

  // src/io/fx.ts loadFx: physicalLines() skips a line of spaces but csv-parse gives it as a record, so lines shift.
  it("fx: a line of spaces never makes the next, valid line the one blamed", async () => {
    const file = path.join(scratch(), "fx.csv");
    writeFileSync(file, "date,pair,rate\n2026-03-02,USD/CAD,1.3750\n   \n2026-03-09,USD/CAD,1.3812\n2025-09-12,CAD/USD,0.7215\n");
    const r = await runMain(["calc", fixture("shipments", "foreign-currency.csv"), "--fx", file, "--format", "json"]);
    // Today: exit 2 with `fx.csv:4: error: date "" is not YYYY-MM-DD`, quoting line 4 (valid); the spaces are on line 3.
    expect(r.stderr).not.toContain(`${file}:4:`);
  });

  // src/cli/commands/validate.ts: an unreadable file is reported under the name typed ("-"), not its label ("<stdin>").
  it("validate -: text that is not JSON is summed up under <stdin>, as its diagnostics are", async () => {
    const r = await runMain(["validate", "-"], "{ not json");
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^<stdin>:1:3: error: /);
    expect(r.stderr).toMatch(/^<stdin>: 1 error$/m);
  });
});
