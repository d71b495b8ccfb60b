/**
 * The package installs and runs (issue #16): a name that is ours
 * (`tariff-impact`; `tariff` on the registry is someone else's), the command
 * still `tariff`; `prepare` builds dist/ where an install starts from sources
 * (git, a folder); the tarball holds the built program and nothing of the
 * repository's tests, data or fixtures; packed from a copy without dist/ and
 * installed into a fresh folder, it runs.
 *
 * Installing the tarball fetches its dependencies' metadata from the registry
 * (or npm's cache): where neither can be reached, that step is skipped with a
 * message. Nothing here runs `prepare` in the repository itself (it empties
 * dist/, which the other test files are running).
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../helpers/cli.js";

const pkg = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8"));
const npm = (args: string[], cwd: string) => spawnSync("npm", [...args, "--no-audit", "--no-fund", "--loglevel=error"], { cwd, encoding: "utf8", timeout: 240_000, env: { ...process.env, npm_config_update_notifier: "false" } });

/** The files of `npm pack --dry-run --json` (scripts off: nothing is built or deleted here). */
function packedFiles(cwd: string): string[] {
  const r = npm(["pack", "--dry-run", "--json", "--ignore-scripts"], cwd);
  expect(r.status, r.stderr).toBe(0);
  return (JSON.parse(r.stdout)[0].files as { path: string }[]).map((f) => f.path).sort();
}

describe("package.json (issue #16)", () => {
  it("a name of our own, the command tariff, Node 20.11 or later, prepare builds dist/", () => {
    expect(pkg.name).toBe("tariff-impact");
    expect(pkg.bin).toEqual({ tariff: "bin/tariff.js" });
    expect(pkg.engines).toEqual({ node: ">=20.11" });
    expect(pkg.scripts.prepare).toMatch(/npm run build$/);
    expect(JSON.parse(readFileSync(path.join(ROOT, "package-lock.json"), "utf8")).name).toBe("tariff-impact");
  });

  it("npm pack holds the program (bin, the built dist with the embedded schedule, the presets), the README, the LICENSE and nothing else: no sources, tests, fixtures, data or source maps", () => {
    const files = packedFiles(ROOT);
    expect(files).toEqual(expect.arrayContaining(["package.json", "README.md", "LICENSE", "bin/tariff.js", "dist/cli/main.js", "dist/cli/last-resort.js", "dist/io/default-schedule.json", "presets/ace.json", "presets/carm.json", "refunds/ieepa.json"]));
    // presets/: the --preset mapping files, read at run time (issue 14); refunds/: the refund program, its measures and CAPE's layout (issue 15)
    // dist/lib/index.js and the .d.ts beside each built file: the library entry and its types (issue #16 item 6)
    expect(files).toEqual(expect.arrayContaining(["dist/lib/index.js", "dist/lib/index.d.ts", "dist/core/schedule/model.d.ts"]));
    expect(files.filter((f) => !/^(bin\/tariff\.js|dist\/.+\.(js|json|d\.ts)|presets\/[a-z]+\.json|refunds\/[a-z]+\.json|package\.json|README\.md|LICENSE)$/.test(f))).toEqual([]);
  });
});

describe("installed from a tarball packed from sources, in a fresh folder (issue #16)", () => {
  const work = mkdtempSync(path.join(tmpdir(), "tariff-pack-"));

  it("a copy without dist/ says so, exit 2, no stack trace", () => {
    const bare = path.join(work, "bare");
    mkdirSync(path.join(bare, "bin"), { recursive: true });
    copyFileSync(path.join(ROOT, "bin/tariff.js"), path.join(bare, "bin/tariff.js"));
    writeFileSync(path.join(bare, "package.json"), JSON.stringify({ type: "module" }));
    const r = spawnSync(process.execPath, [path.join(bare, "bin/tariff.js"), "--version"], { encoding: "utf8" });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe("tariff: this copy has not been built (dist/ is missing): run `npm run build` in its folder, or install it with npm (from git, a folder or a tarball, npm builds it).\n");
  });

  it("npm pack of a source copy runs prepare (dist/ built), and the tarball installs and runs: tariff --version, calc on the sample", () => {
    // What a git clone has (the files the build reads), without dist/; the dependencies are the repository's.
    const source = path.join(work, "source");
    const tracked = spawnSync("git", ["ls-files", "package.json", "package-lock.json", "tsconfig.json", "esbuild.config.mjs", "README.md", "LICENSE", "bin", "src", "presets", "refunds"], { cwd: ROOT, encoding: "utf8" }).stdout.split("\n").filter(Boolean);
    expect(tracked).toContain("src/cli/main.ts");
    for (const f of tracked) cpSync(path.join(ROOT, f), path.join(source, f));
    symlinkSync(realpathSync(path.join(ROOT, "node_modules")), path.join(source, "node_modules"), "dir");
    const packed = npm(["pack", "--json", "--pack-destination", work], source);
    expect(packed.status, packed.stderr).toBe(0);
    const info = JSON.parse(packed.stdout.slice(packed.stdout.indexOf("[")))[0];
    expect(info.name).toBe("tariff-impact");
    expect(info.files.map((f: { path: string }) => f.path)).toEqual(expect.arrayContaining(["dist/cli/main.js", "dist/bundle/tariff.js", "dist/bundle/default-schedule.json", "LICENSE"]));
    const tarball = path.join(work, info.filename);
    expect(existsSync(tarball)).toBe(true);

    const fresh = path.join(work, "fresh");
    mkdirSync(fresh);
    writeFileSync(path.join(fresh, "package.json"), JSON.stringify({ name: "fresh", private: true }));
    const installed = npm(["install", "--prefer-offline", "--omit=dev", tarball], fresh);
    if (installed.status !== 0 && /ENOTFOUND|EAI_AGAIN|ENETUNREACH|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENOTCACHED|network/i.test(installed.stderr)) {
      console.warn(`tests/e2e/package.test.ts: the registry cannot be reached to install the tarball's dependencies: the install and run are skipped\n${installed.stderr.slice(0, 500)}`);
      return;
    }
    expect(installed.status, installed.stderr).toBe(0);
    const bin = path.join(fresh, "node_modules/.bin/tariff");
    const version = spawnSync(bin, ["--version"], { encoding: "utf8" });
    expect(version.stdout).toBe(`${pkg.version}\n`);
    const calc = spawnSync(bin, ["calc", path.join(ROOT, "fixtures/shipments/sample.csv"), "--format", "json", "--no-lines"], { encoding: "utf8", cwd: fresh, env: { ...process.env, NO_COLOR: "1" } });
    expect(calc.status, calc.stderr).toBe(0);
    expect(JSON.parse(calc.stdout).totals.USD.duty).toBe("24119.00");
    // The MIT licence travels with the package (package.json "license": "MIT"); completion works installed too.
    expect(readFileSync(path.join(fresh, "node_modules/tariff-impact/LICENSE"), "utf8")).toMatch(/^MIT License\n\nCopyright \(c\) \d{4} the tariff-impact authors\n/);
    const completion = spawnSync(bin, ["completion", "bash"], { encoding: "utf8" });
    expect.soft(completion.stderr).toBe("");
    expect(completion.stdout).toMatch(/^# bash completion for tariff/);
    // The command runs from the bundle (dist/bundle/): files it reads beside the code resolve from there too:
    // a preset (presets/ace.json) and, in a workbook, the Excel reader's chunk.
    const ace = spawnSync(bin, ["calc", path.join(ROOT, "fixtures/shipments/ace-entry-lines.xlsx"), "--preset", "ace", "--format", "json", "--no-lines"], { encoding: "utf8", cwd: fresh, env: { ...process.env, NO_COLOR: "1" } });
    expect(JSON.parse(ace.stdout).totals.USD.duty).toBe("16875.35");
    // The refund program is read at run time from the package (issue 15): the sample has no entry numbers, so exit 1.
    const refund = spawnSync(bin, ["refund", path.join(ROOT, "fixtures/shipments/sample.csv"), "--format", "json"], { encoding: "utf8", cwd: fresh, env: { ...process.env, NO_COLOR: "1" } });
    expect(refund.status, refund.stderr).toBe(1);
    expect(JSON.parse(refund.stdout).program.measures).toEqual(["us-ieepa-canada"]);
    // The library entry (issue #16 item 6): a fresh project imports it by the package's name and runs it,
    // and TypeScript finds its types through "exports" (the repository's tsc, on a consumer with strict types;
    // --lib es2022: the DOM types clash with the old @types/node 14 a dependency brings, whatever our types are).
    writeFileSync(path.join(fresh, "consumer.mjs"), `import { calc } from "tariff-impact";\nconst r = await calc(${JSON.stringify(path.join(ROOT, "fixtures/shipments/sample.csv"))}, { lines: false });\nconsole.log(r.ok, r.value.format, r.value.totals.USD.duty);\n`);
    const consumed = spawnSync(process.execPath, ["consumer.mjs"], { encoding: "utf8", cwd: fresh });
    expect(consumed.stderr).toBe("");
    expect(consumed.stdout).toBe("true tariff-calc/1 24119.00\n");
    writeFileSync(
      path.join(fresh, "consumer.mts"),
      [
        'import { calc, loadSchedule, type CalcDocument, type Outcome } from "tariff-impact";',
        'const r: Outcome<CalcDocument> = await calc({ csv: "date,importer,hs,value\\n" });',
        'const duty: string | undefined = r.ok ? r.value.totals["USD"]?.duty : r.diagnostics[0]?.at.file;',
        'const s = await loadSchedule("default");',
        'export const id: string = s.ok ? s.value.id : s.diagnostics.map((d) => d.code).join();',
        "export { duty };",
        "",
      ].join("\n"),
    );
    // So that the check above can fail: a consumer that misuses a type is refused (the types are read, not any).
    writeFileSync(path.join(fresh, "wrong.mts"), 'import { calc } from "tariff-impact";\nexport const n: number = (await calc("x.csv")).ok;\n');
    const tsc = (file: string) =>
      spawnSync(process.execPath, [path.join(ROOT, "node_modules/typescript/bin/tsc"), "--noEmit", "--strict", "--module", "nodenext", "--moduleResolution", "nodenext", "--target", "es2022", "--lib", "es2022", file], { encoding: "utf8", cwd: fresh });
    const typed = tsc("consumer.mts");
    expect(typed.stdout + typed.stderr).toBe("");
    expect(typed.status).toBe(0);
    const wrong = tsc("wrong.mts");
    expect(wrong.stdout).toMatch(/wrong\.mts\(2,14\): error TS2322: Type 'boolean' is not assignable to type 'number'/);
    // No source maps, sources or tests came along
    expect(existsSync(path.join(fresh, "node_modules/tariff-impact/src"))).toBe(false);
    expect(existsSync(path.join(fresh, "node_modules/tariff-impact/dist/cli/main.js.map"))).toBe(false);
  }, 300_000);
});
