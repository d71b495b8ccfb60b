#!/usr/bin/env node
import { setFlagsFromString } from "node:v8";
// V8 sees the schedule and the duty plans built at start-up all survive, and
// starts allocating everything made at the same places (decimals, arrays)
// straight into the old generation, where the per-line ones pile up as
// garbage: compare on a large file peaked at 210 MB instead of 120 MB.
// Read when V8 decides, so setting it here (after start-up) takes effect.
setFlagsFromString("--no-allocation-site-pretenuring");

// The program is the compiled dist/ (npm run build; the package's `prepare` builds it on an install from
// git or a folder, and a tarball or the registry has it built). A copy without it says so, not a stack trace.
let cli;
try {
  cli = await import("../dist/bundle/tariff.js");
} catch (e) {
  if (e && e.code === "ERR_MODULE_NOT_FOUND" && /dist[\\/]bundle[\\/]/.test(String(e.message))) {
    process.stderr.write(
      "tariff: this copy has not been built (dist/ is missing): run `npm run build` in its folder, or install it with npm (from git, a folder or a tarball, npm builds it).\n",
    );
    process.exit(2);
  }
  throw e;
}

// Signals, uncaught errors and any exit: temp files removed, a documented exit code.
cli.installLastResort(process);
// A reader that went away (`tariff calc big.csv | head`) is not an error.
process.stdout.on("error", (e) => {
  if (e.code === "EPIPE") process.exit(0);
});
// A stderr that went away (`tariff … 2>&1 | head`) cannot be told about it: the run goes on, the
// exit code still tells. Without this listener its EPIPE would end the run as an uncaught error.
process.stderr.on("error", () => {});
process.exitCode = await cli.main(process.argv.slice(2));
