/**
 * The error catalogue (issue #8): every error the tool reports about
 * shipments, fx files, overlays and the command line, one small file each in
 * fixtures/errors/, beside its exact stderr and exit code. The schedule-*.json
 * cases are run by tests/e2e/validate.test.ts.
 *
 * The command for a case comes from its name (see fixtures/errors/README.md):
 * `shipments-*.csv` → calc FILE; `fx-*.csv` → calc foreign-currency.csv --fx FILE;
 * other `*.json` → validate FILE; `<name>.args` (one argument per line) replaces it.
 *
 * A spawn of the CLI costs about 0.3 s, so the cases run through `main(argv, ctx)`,
 * the function bin/tariff.js calls, with fake streams; the first case of each
 * kind is also run through the built bin/tariff.js and must give the same bytes.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { Readable, Writable } from "node:stream";
import { beforeAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { ROOT, tariff } from "../helpers/cli.js";

const DIR = path.join(ROOT, "fixtures/errors");
const INPUT = /\.(csv|json|args)$/;
const files = readdirSync(DIR);
const names = [...new Set(files.filter((f) => INPUT.test(f) && !f.startsWith("schedule-")).map((f) => f.replace(INPUT, "")))].sort();

function argsOf(name: string): string[] {
  const rel = (ext: string) => `fixtures/errors/${name}.${ext}`;
  if (existsSync(path.join(DIR, `${name}.args`))) return readFileSync(path.join(DIR, `${name}.args`), "utf8").split("\n").filter((l) => l !== "");
  if (name.startsWith("fx-")) return ["calc", "fixtures/shipments/foreign-currency.csv", "--fx", rel("csv")];
  if (existsSync(path.join(DIR, `${name}.csv`))) return ["calc", rel("csv")];
  return ["validate", rel("json")];
}

const kind = (name: string) => (name.includes("-") ? name.slice(0, name.indexOf("-")) : name);
/** The first case of each kind also runs as a child process. */
const spawned = new Set(names.filter((n, i) => names.findIndex((m) => kind(m) === kind(n)) === i));

async function runMain(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const collect = (chunks: Buffer[]) =>
    new Writable({
      write(chunk: Buffer | string, _enc, done) {
        chunks.push(Buffer.from(chunk));
        done();
      },
    });
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  const stdin = Object.assign(Readable.from([]), { isTTY: false });
  const code = await main(args, { stdout: collect(out), stderr: collect(err), stdin, env: { NO_COLOR: "1" }, today: "2026-11-23" });
  return { code, stdout: Buffer.concat(out).toString("utf8"), stderr: Buffer.concat(err).toString("utf8") };
}

describe("the error catalogue: shipments, fx, overlays, command line (fixtures/errors)", () => {
  beforeAll(() => {
    // The catalogue's paths are relative to the repository root, as a user would type them there.
    if (process.cwd() !== ROOT) process.chdir(ROOT);
  });

  it("has a case of each kind, each with its .expected, each listed in the README", () => {
    expect(new Set(names.map(kind))).toEqual(new Set(["cli", "empty", "fx", "not", "overlay", "shipments"]));
    expect(names.filter((n) => n.startsWith("shipments-")).length).toBeGreaterThanOrEqual(25);
    const readme = readFileSync(path.join(DIR, "README.md"), "utf8");
    for (const f of files.filter((x) => INPUT.test(x))) {
      expect.soft(readme, f).toContain(`\`${f}\``);
      expect.soft(existsSync(path.join(DIR, f.replace(INPUT, ".expected"))), `${f} has no .expected`).toBe(true);
    }
  });

  it.each(names)("%s: exact stderr and exit code", async (name) => {
    const args = argsOf(name);
    const r = await runMain(args);
    const stdoutFile = path.join(DIR, `${name}.stdout`);
    if (existsSync(stdoutFile)) expect.soft(r.stdout, "stdout").toBe(readFileSync(stdoutFile, "utf8"));
    else if (r.code === 2) expect.soft(r.stdout, "stdout of a run that stopped").toBe("");
    expect.soft(r.stderr).not.toMatch(/\n\s+at |internal error/);
    expect(`exit: ${r.code}\n${r.stderr}`).toBe(readFileSync(path.join(DIR, `${name}.expected`), "utf8"));
    if (spawned.has(name)) {
      const cli = tariff(args);
      expect({ code: cli.code, stdout: cli.stdout, stderr: cli.stderr }, "the built CLI gives the same bytes").toEqual(r);
    }
  });
});
