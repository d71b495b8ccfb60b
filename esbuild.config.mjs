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

/**
 * zod's namespace re-exports its 64 message locales (`z.locales`), which a
 * bundler must then keep: about 400 KB that every run compiled (`validate
 * default` spent ~55 ms compiling modules). We never call `z.locales`; the
 * English messages zod uses by default come from `locales/en.js`, imported
 * directly by its schemas and kept. So the index of locales is an empty module.
 */
const zodWithoutLocales = {
  name: "zod-without-locales",
  setup(b) {
    b.onResolve({ filter: /[\\/]locales[\\/]index\.js$/ }, (args) => (/[\\/]node_modules[\\/]zod[\\/]/.test(args.importer) ? { path: "zod-locales", namespace: "empty" } : undefined));
    b.onLoad({ filter: /.*/, namespace: "empty" }, () => ({ contents: "export {};", loader: "js" }));
  },
};

/**
 * ansi-regex 5 builds a new RegExp on every call, and string-width 4 (through
 * strip-ansi) calls it for every measure of every cell that cli-table3 draws:
 * ~45 ms of a `tariff rates` of ~300 (`node --cpu-prof`). The same pattern,
 * built once per `onlyFirst`: strip-ansi only passes it to String#replace,
 * which starts a global pattern at 0 and leaves it there, so sharing one is
 * safe. The library itself is bundled as it is, behind this memo.
 */
const ansiRegexOnce = {
  name: "ansi-regex-once",
  setup(b) {
    b.onResolve({ filter: /^ansi-regex$/ }, async (args) => {
      if (args.pluginData === "original") return undefined;
      const original = await b.resolve("ansi-regex", { kind: args.kind, resolveDir: args.resolveDir, pluginData: "original" });
      if (original.errors.length > 0) return { errors: original.errors };
      return { path: original.path, namespace: "ansi-regex-once" };
    });
    b.onLoad({ filter: /.*/, namespace: "ansi-regex-once" }, (args) => ({
      contents: `const make = require(${JSON.stringify(args.path)});\nconst made = new Map();\nmodule.exports = (options) => {\n  const key = options?.onlyFirst === true;\n  let pattern = made.get(key);\n  if (pattern === undefined) made.set(key, (pattern = make(options)));\n  return pattern;\n};\n`,
      loader: "js",
      resolveDir: ".",
    }));
  },
};

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
  plugins: [zodWithoutLocales, ansiRegexOnce],
  banner: { js: "import { createRequire as __tariffRequire } from 'node:module'; const require = __tariffRequire(import.meta.url);" },
});
cpSync("src/io/default-schedule.json", "dist/bundle/default-schedule.json");
