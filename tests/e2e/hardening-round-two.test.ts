/**
 * Hardening, round two (issue #13). Each case pins exact stdout, stderr and
 * exit code. Most run through `main(argv, ctx)` in-process (a spawn costs
 * about 0.3 s); memory bounds, signals and standard input from a file spawn
 * the built bin/tariff.js.
 */
import { spawn, spawnSync } from "node:child_process";
import { copyFileSync, linkSync, mkdtempSync, openSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { BIN, ROOT, fixture, runMain } from "../helpers/cli.js";

const SAMPLE = path.join(ROOT, fixture("shipments", "sample.csv"));
const SAMPLE_TEXT = readFileSync(SAMPLE, "utf8");
const scratch = () => mkdtempSync(path.join(tmpdir(), "tariff-13-"));

/** A folder holding a copy of the sample shipments as s.csv. */
function withShipments(): string {
  const dir = scratch();
  copyFileSync(SAMPLE, path.join(dir, "s.csv"));
  return dir;
}

describe("output never destroys input (issue #13, item 3)", () => {
  const DESTROY = "writing it would destroy the input; write to another file";

  it.each<[string, (dir: string) => string[], string]>([
    ["-o naming the shipments file", (d) => ["calc", `${d}/s.csv`, "-f", "csv", "-o", `${d}/s.csv`], "-o D/s.csv is the same file as the shipments file"],
    ["-o through another path", (d) => ["calc", `${d}/s.csv`, "-f", "csv", "-o", `${d}/../${path.basename(d)}/./s.csv`], `-o D/../${"B"}/./s.csv is the same file as the shipments file D/s.csv`],
    ["-o through a symbolic link", (d) => (symlinkSync("s.csv", `${d}/link.csv`), ["calc", `${d}/s.csv`, "-f", "csv", "-o", `${d}/link.csv`]), "-o D/link.csv is the same file as the shipments file D/s.csv"],
    ["-o naming a hard link of the input", (d) => (linkSync(`${d}/s.csv`, `${d}/hard.csv`), ["calc", `${d}/s.csv`, "-f", "json", "-o", `${d}/hard.csv`]), "-o D/hard.csv is the same file as the shipments file D/s.csv"],
    ["--summary naming the shipments file", (d) => ["calc", `${d}/s.csv`, "-f", "csv", "--summary", `${d}/s.csv`], "--summary D/s.csv is the same file as the shipments file"],
    ["-o naming the schedule", (d) => (copyFileSync(path.join(ROOT, "fixtures/schedules/minimal.json"), `${d}/m.json`), ["calc", `${d}/s.csv`, "-s", `${d}/m.json`, "-o", `${d}/m.json`]), "-o D/m.json is the same file as the schedule"],
    ["-o naming the fx file", (d) => (copyFileSync(path.join(ROOT, "fixtures/fx/usd-cad.csv"), `${d}/fx.csv`), ["calc", `${d}/s.csv`, "--fx", `${d}/fx.csv`, "-o", `${d}/fx.csv`]), "-o D/fx.csv is the same file as the fx file"],
    ["compare: -o naming an overlay", (d) => (copyFileSync(path.join(ROOT, "fixtures/overlays/empty.json"), `${d}/o.json`), ["compare", `${d}/s.csv`, "--overlay", `${d}/o.json`, "-f", "json", "-o", `${d}/o.json`]), "-o D/o.json is the same file as the overlay"],
    ["rates: -o naming the schedule", (d) => (copyFileSync(path.join(ROOT, "fixtures/schedules/minimal.json"), `${d}/m.json`), ["rates", "-s", `${d}/m.json`, "-o", `${d}/m.json`]), "-o D/m.json is the same file as the schedule"],
    ["diff: -o naming NEW", (d) => (copyFileSync(path.join(ROOT, "fixtures/schedules/minimal.json"), `${d}/m.json`), ["diff", "default", `${d}/m.json`, "-o", `${d}/m.json`]), "-o D/m.json is the same file as NEW"],
  ])("%s: a usage error before anything is read (exit 2), the file untouched", async (_name, setup, said) => {
    const dir = withShipments();
    const args = setup(dir);
    const before = new Map(readdirSync(dir).map((f) => [f, readFileSync(path.join(dir, f), "utf8")]));
    const r = await runMain(args);
    const command = args[0];
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe(`tariff ${command}: ${said.replace(/\bD\//g, `${dir}/`).replace("/B/", `/${path.basename(dir)}/`)}: ${DESTROY}\n`);
    expect(r.code).toBe(2);
    expect(new Map(readdirSync(dir).map((f) => [f, readFileSync(path.join(dir, f), "utf8")]))).toEqual(before);
  });

  it("the check comes before anything is read: an invalid schedule is not even looked at", async () => {
    const dir = withShipments();
    writeFileSync(`${dir}/bad.json`, "{ not json");
    const r = await runMain(["calc", `${dir}/s.csv`, "-s", `${dir}/bad.json`, "-o", `${dir}/s.csv`]);
    expect(r.stderr).toBe(`tariff calc: -o ${dir}/s.csv is the same file as the shipments file: ${DESTROY}\n`);
    expect(r.code).toBe(2);
  });

  it("-o and --summary naming one file (by two paths): a usage error, nothing written", async () => {
    const dir = withShipments();
    const r = await runMain(["calc", `${dir}/s.csv`, "-f", "csv", "-o", `${dir}/out.csv`, "--summary", `./${path.relative(process.cwd(), dir)}/out.csv`]);
    expect(r.stderr).toBe(`tariff calc: -o ${dir}/out.csv and --summary ./${path.relative(process.cwd(), dir)}/out.csv are the same file: one would overwrite the other; give them different names\n`);
    expect(r.code).toBe(2);
    expect(readdirSync(dir)).toEqual(["s.csv"]);
  });

  it("--summary - with the csv output on standard output too: a usage error (they would mix)", async () => {
    for (const out of [[], ["-o", "-"]]) {
      const r = await runMain(["calc", SAMPLE, "-f", "csv", ...out, "--summary", "-"]);
      expect(r.stderr).toBe("tariff calc: --summary - would mix with the output on standard output; give it a file name\n");
      expect(r.code).toBe(2);
    }
  });

  it("standard input redirected from the file named by -o: refused (the spawned CLI, stdin a file)", () => {
    const dir = withShipments();
    const r = spawnSync(process.execPath, [BIN, "calc", "-", "-f", "csv", "-o", `${dir}/s.csv`], { cwd: ROOT, stdio: [openSync(`${dir}/s.csv`, "r"), "pipe", "pipe"], env: { ...process.env, NO_COLOR: "1" }, encoding: "utf8" });
    expect(r.stderr).toBe(`tariff calc: -o ${dir}/s.csv is the same file as the shipments file (standard input): ${DESTROY}\n`);
    expect(r.status).toBe(2);
    expect(readFileSync(`${dir}/s.csv`, "utf8")).toBe(SAMPLE_TEXT);
  });

  it.each([["calc", [SAMPLE, "-o", ""]], ["calc", [SAMPLE, "-f", "csv", "--summary", ""]], ["rates", ["-o", ""]], ["schedule", ["export", "-o", ""]]] as const)("%s with an empty output name: a usage error", async (command, rest) => {
    const r = await runMain([command, ...rest]);
    const what = (rest as readonly string[]).includes("--summary") ? "--summary" : "-o";
    expect(r.stderr).toBe(`tariff ${command === "schedule" ? "schedule export" : command}: ${what} needs a file name ("-" for standard output)\n`);
    expect(r.code).toBe(2);
  });

  it("-o to a symbolic link: the target is replaced atomically, the link stays a link; -o to another new file works", async () => {
    const dir = withShipments();
    writeFileSync(`${dir}/target.json`, "old\n");
    symlinkSync("target.json", `${dir}/link.json`);
    const r = await runMain(["calc", `${dir}/s.csv`, "-f", "json", "--no-lines", "-o", `${dir}/link.json`]);
    expect(r.code).toBe(0);
    expect(JSON.parse(readFileSync(`${dir}/target.json`, "utf8")).counts).toEqual({ read: 13, computed: 13, rejected: 0, warned: 1 });
    expect(readdirSync(dir).sort()).toEqual(["link.json", "s.csv", "target.json"]);
    expect(readFileSync(`${dir}/link.json`, "utf8")).toBe(readFileSync(`${dir}/target.json`, "utf8"));
  });
});

describe("any fatal error exits 2 with a message and leaves no temp file (issue #13, item 2)", () => {
  /** A process with the last-resort handler of bin/tariff.js, a registered temp file, and then `fault`. */
  function crash(fault: string) {
    const dir = scratch();
    const temp = path.join(dir, ".out.csv.1.x.tmp");
    const url = (p: string) => JSON.stringify(new URL(`file://${path.join(ROOT, p)}`).href);
    const script = `
      import { writeFileSync } from "node:fs";
      const { installLastResort } = await import(${url("dist/cli/last-resort.js")});
      const { registerTemp } = await import(${url("dist/io/temp-files.js")});
      installLastResort(process);
      writeFileSync(${JSON.stringify(temp)}, "half");
      registerTemp(${JSON.stringify(temp)});
      ${fault}`;
    const r = spawnSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8", env: { ...process.env, TARIFF_DEBUG: "" } });
    return { code: r.status, stderr: r.stderr, files: readdirSync(dir) };
  }
  const BUG = "This is a bug in tariff; please report it with the command you ran.\n";

  it("an error thrown where no command catches it", () => {
    expect(crash(`setTimeout(() => { throw new Error("boom"); });`)).toEqual({ code: 2, stderr: `tariff: internal error: boom\n${BUG}`, files: [] });
  });

  it("a promise rejected with nobody waiting", () => {
    expect(crash(`Promise.reject(new Error("lost"));`)).toEqual({ code: 2, stderr: `tariff: internal error: lost\n${BUG}`, files: [] });
  });

  it("process.exit from anywhere", () => {
    expect(crash(`process.exit(1);`)).toEqual({ code: 1, stderr: "", files: [] });
  });
});

describe("memory bounded by design with many rejections and warnings (issue #13, item 1)", () => {
  /**
   * 100,000 rejected lines (dates M/D/YYYY, as an Excel export writes them) and 20,000 warned ones
   * (9-digit HS codes), run under a 32 MB heap in every machine format: before, the rejections and
   * warnings were all held, and V8 aborted (exit 134). The bench runs 1M and 4M lines (npm run bench).
   */
  const REJECTED = 100_000;
  const WARNED = 20_000;
  const dir = scratch();
  const file = path.join(dir, "rejections.csv");
  const rows = ["id,date,importer,hs,value"];
  const rejectedLines: number[] = [];
  const warnedLines: number[] = [];
  for (let i = 0; i < REJECTED; i++) {
    rows.push(`R${i},03/04/2025,US,8712,100`);
    rejectedLines.push(rows.length);
    if (i % 5 === 0) {
      rows.push(`W${i},2025-09-15,US,870323010,100`);
      warnedLines.push(rows.length);
    }
  }
  writeFileSync(file, rows.join("\n") + "\n");
  const REASON = 'date "03/04/2025" is not a date YYYY-MM-DD (day and month order is ambiguous: give --date-format MDY or DMY, or write YYYY-MM-DD)';
  const WARNING = "hs 870323010 has 9 digits: a leading zero may have been lost (0870323010?); used as given";
  const warningsText = warnedLines.map((l) => `${file}:${l}: warning: hs: ${WARNING}\n`).join("");
  // On stderr, rejections are grouped by code with the first 5 of each (issue #14): the rest are counted, never kept.
  const rejectedText = `shipment/bad-date: ${REJECTED} lines rejected (the first 5 shown)\n${rejectedLines.slice(0, 5).map((l) => `  ${file}:${l}: rejected: date: ${REASON}\n`).join("")}(--max-messages N shows more of each; --format json or --rejects FILE has every one)\n`;
  const READ = REJECTED + WARNED;
  const calcTotals =
    `tariff calc: ${READ} lines read, ${WARNED} computed, ${REJECTED} rejected\ntariff calc: USD duty 500000.00 on customs value 2000000.00 (${WARNED} lines)\n` +
    "tariff calc: schedule tariff-default 2026-12-05 as of 2026-12-01; duty: the schedule's measures only; not included: normal customs duty (MFN/UST), MPF, HMF, GST/HST and other taxes and fees, unless the schedule has a measure for them\n";
  const OVERLAY = path.join(ROOT, "fixtures/overlays/metals-232-at-25.json");

  /** Spawns the CLI under a 32 MB heap, with its own TMPDIR (where spills go), writing to `out`. */
  function run(args: string[], tmp: string): Promise<{ code: number | null; stderr: string }> {
    return new Promise((resolve) => {
      const child = spawn(process.execPath, ["--max-old-space-size=32", BIN, ...args], { cwd: ROOT, env: { ...process.env, NO_COLOR: "1", TMPDIR: tmp }, stdio: ["ignore", "ignore", "pipe"] });
      const err: Buffer[] = [];
      child.stderr!.on("data", (c: Buffer) => err.push(c));
      child.on("close", (code) => resolve({ code, stderr: Buffer.concat(err).toString("utf8") }));
    });
  }

  const firstRejection = { line: 2, id: "R0", column: "date", code: "shipment/bad-date", reason: REASON, faults: [{ column: "date", code: "shipment/bad-date", reason: REASON }] };
  const firstWarning = { line: 3, column: "hs", message: WARNING };
  const cases: [string, string[], string, (out: string, extra: string) => void][] = [
    ["calc --format json", ["calc", file, "--format", "json"], `${warningsText}tariff calc: ${REJECTED} of ${READ} lines rejected\n`, (out) => {
      const body = JSON.parse(out);
      expect(body.counts).toEqual({ read: READ, computed: WARNED, rejected: REJECTED, warned: WARNED });
      expect([body.lines.length, body.rejected.length, body.warnings.length]).toEqual([WARNED, REJECTED, WARNED]);
      expect([body.rejected[0], body.rejected[REJECTED - 1].line, body.warnings[0], body.warnings[WARNED - 1].line]).toEqual([firstRejection, rejectedLines[REJECTED - 1], firstWarning, warnedLines[WARNED - 1]]);
    }],
    ["calc --format csv --summary", ["calc", file, "--format", "csv", "--summary", "SUMMARY"], `${warningsText}tariff calc: ${REJECTED} of ${READ} lines rejected\n`, (out, summary) => {
      expect(out.split("\n").length).toBe(READ + 2); // the header, a row per line, and the last line break
      const body = JSON.parse(summary);
      expect([body.rejected.length, body.warnings.length, body.counts]).toEqual([REJECTED, WARNED, { read: READ, computed: WARNED, rejected: REJECTED, warned: WARNED }]);
      expect([body.rejected[0], body.warnings[0]]).toEqual([firstRejection, firstWarning]);
    }],
    ["calc --format ndjson", ["calc", file, "--format", "ndjson"], `${warningsText}${calcTotals}tariff calc: ${WARNED} of ${READ} lines computed with warnings (hs ${WARNED}): check them\ntariff calc: ${REJECTED} of ${READ} lines rejected\n`, (out) => {
      const lines = out.trimEnd().split("\n");
      expect(lines.length).toBe(READ);
      expect(JSON.parse(lines[0]!)).toEqual({ line: 2, status: "rejected", id: "R0", column: "date", code: "shipment/bad-date", reason: REASON, faults: [{ column: "date", code: "shipment/bad-date", reason: REASON }], schedule: "tariff-default 2026-12-05 as of 2026-12-01", whatIf: null });
    }],
    ["compare --format json", ["compare", file, "--overlay", OVERLAY, "--format", "json"], `tariff compare: ${REJECTED} of ${READ} lines rejected\n`, (out) => {
      const body = JSON.parse(out);
      expect([body.rejected.length, body.warnings.length, body.counts]).toEqual([REJECTED, WARNED, { read: READ, computed: WARNED, rejected: REJECTED }]);
      expect([body.rejected[0], body.warnings[0]]).toEqual([firstRejection, firstWarning]);
    }],
    ["compare --format csv", ["compare", file, "--overlay", OVERLAY, "--format", "csv"], `${rejectedText}tariff compare: ${REJECTED} of ${READ} lines rejected\n`, (out) => {
      expect(out.split("\n").length).toBe(READ + 2);
    }],
  ];

  it("every machine format runs under --max-old-space-size=32: exit 1, every rejection and warning kept, no temp file left", async () => {
    const results = await Promise.all(
      cases.map(async ([name, args, stderr, check]) => {
        const tmp = mkdtempSync(path.join(dir, "tmp-"));
        const out = path.join(dir, `${name.replace(/\W+/g, "-")}.out`);
        const summary = path.join(dir, `${name.replace(/\W+/g, "-")}.summary.json`);
        const r = await run([...args.map((a) => (a === "SUMMARY" ? summary : a)), "-o", out], tmp);
        return { name, r, stderr, check, out, summary, tmp };
      }),
    );
    for (const { name, r, stderr, check, out, summary, tmp } of results) {
      expect.soft(r.stderr === stderr, `${name}: stderr (${r.stderr.slice(-300)})`).toBe(true);
      expect.soft(r.code, name).toBe(1);
      check(readFileSync(out, "utf8"), args(summary));
      expect.soft(readdirSync(tmp), `${name}: spilled temp files removed`).toEqual([]);
    }
    function args(summary: string): string {
      try {
        return readFileSync(summary, "utf8");
      } catch {
        return "";
      }
    }
  }, 120_000);

  it("--lines in md lists the first 1000 lines and says how many more there are (the rest is in csv or json)", async () => {
    const csv = ["id,date,importer,hs,value", ...Array.from({ length: 1002 }, (_, i) => `L${i},2025-09-15,US,8712,100`)].join("\n") + "\n";
    const r = await runMain(["calc", "-", "--lines", "--format", "md"], csv);
    const rows = r.stdout.split("\n").filter((l) => /^\| \d+ \| L\d+ \|/.test(l));
    expect([rows.length, rows[999]!.slice(0, 12)]).toEqual([1000, "| 1001 | L99"]);
    expect(r.stdout.endsWith("\n(2 more lines not shown: the first 1000 are; --format csv or json gives every line)\n")).toBe(true);
    expect(r.code).toBe(0);
  });

  it("table and md list the first 1000 warned lines after the data, and say how many more there are; rejections by code, the first 5 of each (issue #14)", async () => {
    const small = path.join(scratch(), "many.csv");
    writeFileSync(small, ["id,date,importer,hs,value", ...Array.from({ length: 1003 }, (_, i) => `R${i},03/04/2025,US,8712,100\nW${i},2025-09-15,US,870323010,100`)].join("\n") + "\n");
    const r = await runMain(["calc", small]);
    const warned = Array.from({ length: 1000 }, (_, i) => `${small}:${2 * i + 3}: warning: hs: ${WARNING}\n`).join("");
    const rejected = Array.from({ length: 5 }, (_, i) => `  ${small}:${2 * i + 2}: rejected: date: ${REASON}\n`).join("");
    expect(r.stderr).toBe(
      `${warned}tariff calc: 3 more warnings not listed (the first 1000 are); --format json lists every one\n` +
        `shipment/bad-date: 1003 lines rejected (the first 5 shown)\n${rejected}(--max-messages N shows more of each; --format json or --rejects FILE has every one)\n` +
        "tariff calc: 1003 of 2006 lines computed with warnings (hs 1003): check them\ntariff calc: 1003 of 2006 lines rejected\n",
    );
    expect(r.code).toBe(1);
  });
});

describe("what we print is safe (issue #13, item 6)", () => {
  const HEADER = "line,status,id,date,importer,origin,sector,hs,usmca,value,currency,content_value,fx_rate,customs_value,duty_currency,duty,duties,reason,schedule,what_if\n";
  const SCHEDULE = "tariff-default 2026-12-05 as of 2026-12-01";
  const DUTY = "us-ieepa-canada 35% on value 100.00 = 35.00";

  it("CSV output: ids that a spreadsheet would run as a formula get a leading ' (the rule in README); numbers and plain ids stay", async () => {
    // (A leading tab or CR never reaches calc's output: fields are trimmed when read.)
    const ids = ["=1+2", "+cmd", "@SUM(A1)", "-x", "-12", "A-1", "-"];
    const csv = "id,date,importer,hs,value\n" + ids.map((id) => `"${id}",2025-09-15,US,8712,100`).join("\n") + "\n\"=HYPERLINK()\",03/04/2025,US,8712,100\n";
    const r = await runMain(["calc", "-", "--format", "csv"], csv);
    const row = (line: number, id: string) => `${line},computed,${id},2025-09-15,US,CA,other_goods,8712,N,100.00,USD,,,100.00,USD,35.00,${DUTY},,${SCHEDULE},\n`;
    expect(r.stdout).toBe(
      HEADER +
        row(2, "'=1+2") + row(3, "'+cmd") + row(4, "'@SUM(A1)") + row(5, "'-x") + row(6, "-12") + row(7, "A-1") + row(8, "-") +
        `9,rejected,'=HYPERLINK(),,,,,,,,,,,,,,,"date: date ""03/04/2025"" is not a date YYYY-MM-DD (day and month order is ambiguous: give --date-format MDY or DMY, or write YYYY-MM-DD)",${SCHEDULE},\n`,
    );
    expect(r.code).toBe(1);
    // compare's CSV too; JSON keeps the id as it is.
    const c = await runMain(["compare", "-", "--overlay", fixture("overlays", "empty.json"), "--format", "csv"], "id,date,importer,hs,value\n=1+2,2025-09-15,US,8712,100\n");
    const scenarios = "default=tariff-default 2026-12-05 as of 2026-12-01; empty=tariff-default 2026-12-05 as of 2026-12-01 + fixtures/overlays/empty.json: No change (the identity)";
    expect(c.stdout).toBe(`line,status,id,date,importer,sector,currency,duty_default,duty_empty,change_empty,reason,scenarios\n2,computed,'=1+2,2025-09-15,US,other_goods,USD,35.00,35.00,0.00,,${scenarios}\n`);
    const j = await runMain(["calc", "-", "--format", "json"], "id,date,importer,hs,value\n=1+2,2025-09-15,US,8712,100\n");
    expect(JSON.parse(j.stdout).lines[0].id).toBe("=1+2");
  });

  it("the customs value shown is the value the duty was computed on: whole dollars for a US line, cents for a CA line", async () => {
    const csv = "id,date,importer,hs,value\nUS,2025-09-15,US,8712,100.4999\nCA,2025-09-15,CA,8712,100.4999\nUS2,2025-09-15,US,8712,100.50\n";
    const r = await runMain(["calc", "-", "--format", "json"], csv);
    const body = JSON.parse(r.stdout);
    expect(body.lines.map((l: any) => [l.id, l.value, l.customsValue, l.duties.map((d: any) => `${d.base} ${d.amount}`)])).toEqual([
      ["US", "100.4999", "100.00", ["100.00 35.00"]], // 100.4999 → 100 (19 CFR 159.3: under 50 cents dropped); 35% × 100 = 35.00
      ["CA", "100.4999", "100.50", []], // to the cent; no Canadian surtax on US bicycles that day
      ["US2", "100.50", "101.00", ["101.00 35.35"]], // 50 cents or more up; 35% × 101 = 35.35
    ]);
    expect(body.totals.USD.value).toBe("201.00");
    const c = await runMain(["calc", "-", "--format", "csv"], csv);
    expect(c.stdout.split("\n").slice(1, 4).map((l) => l.split(",").slice(9, 16).join(","))).toEqual(["100.4999,USD,,,100.00,USD,35.00", "100.4999,CAD,,,100.50,CAD,0.00", "100.50,USD,,,101.00,USD,35.35"]);
  });

  it("tables and --explain show an id's control and invisible characters escaped, never raw", async () => {
    const csv = "id,date,importer,hs,value\n\"\u001b[2J\u001b[31mRED\u200b\",2025-09-15,US,8712,100\n";
    const lines = await runMain(["calc", "-", "--lines"], csv);
    expect(lines.stdout).toContain("│ \\x1b[2J\\x1b[31mRED\\u200b │");
    expect(lines.stdout).not.toMatch(/[\u001b\u200b]/);
    const md = await runMain(["calc", "-", "--lines", "--format", "md"], csv);
    expect(md.stdout).toContain("| 2 | \\x1b[2J\\x1b[31mRED\\u200b |");
    const explain = await runMain(["calc", "-", "--explain", "2"], csv);
    expect(explain.stdout.split("\n")[0]).toBe("Line 2 (\\x1b[2J\\x1b[31mRED\\u200b): US import from CA on 2025-09-15, sector other_goods (hs 8712), not USMCA-qualifying.");
  });

  it("a bidirectional override in a rejected value is shown escaped on stderr; JSON keeps the data as it is", async () => {
    const csv = "id,date,importer,hs,value\nA,2025-09-15,US,8712,1\u202e00\n";
    const r = await runMain(["calc", "-"], csv);
    expect(r.stderr).toBe('shipment/bad-amount: 1 line rejected\n  <stdin>:2: rejected: value: value "1\\u202e00" is not a decimal number such as 1234.56\ntariff calc: 1 of 1 lines rejected\n');
    const j = await runMain(["calc", "-", "--format", "json"], csv);
    expect(JSON.parse(j.stdout).rejected[0].reason).toBe('value "1\u202e00" is not a decimal number such as 1234.56');
  });

  it("rates --importer takes ASCII letters only: uſ is no US", async () => {
    const r = await runMain(["rates", "--importer", "uſ"]);
    expect(r.stderr).toBe(`error: option '--importer <code>' argument 'uſ' is invalid. expected US or CA, got "uſ"\n(run with --help for usage)\n`);
    expect(r.code).toBe(2);
  });
});
