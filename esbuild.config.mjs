/**
 * The command's bundle (`npm run build`, after tsc): dist/cli/entry.js and
 * the libraries it imports in one ESM file, dist/bundle/tariff.js, with the
 * modules loaded only on demand (the Excel reader, the schedule validator)
 * split into chunks beside it. Why: Node resolved, read and compiled about
 * a hundred modules on every run, ~80 ms of a `tariff rates` that takes
 * ~350 ms (measured with `node --cpu-prof`: module compilation and file
 * system calls). dist/ itself stays as tsc writes it (tests, library use).
 *
 * Files read next to the code (import.meta.url) resolve as from dist/cli/:
 * `../../` is the package's root (package.json, presets/, refunds/), and the
 * embedded schedule is copied beside the bundle.
 */
import { cpSync, rmSync } from "node:fs";
import { build } from "esbuild";

rmSync("dist/bundle", { recursive: true, force: true });
await build({
  entryPoints: { tariff: "dist/cli/entry.js" },
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  splitting: true,
  outdir: "dist/bundle",
  logLevel: "warning",
  // jsonc-parser's default (UMD) build requires its parts by computed names, which a bundler cannot follow: its ESM build.
  mainFields: ["module", "main"],
  // CommonJS libraries (cli-table3, exceljs) call require() for Node's own modules: give the bundle one.
  banner: { js: "import { createRequire as __tariffRequire } from 'node:module'; const require = __tariffRequire(import.meta.url);" },
});
cpSync("src/io/default-schedule.json", "dist/bundle/default-schedule.json");
