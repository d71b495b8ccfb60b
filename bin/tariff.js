#!/usr/bin/env node
import { setFlagsFromString } from "node:v8";
// V8 sees the schedule and the duty plans built at start-up all survive, and
// starts allocating everything made at the same places (decimals, arrays)
// straight into the old generation, where the per-line ones pile up as
// garbage: compare on a large file peaked at 210 MB instead of 120 MB.
// Read when V8 decides, so setting it here (after start-up) takes effect.
setFlagsFromString("--no-allocation-site-pretenuring");
import { main } from "../dist/cli/main.js";
import { cleanupTempFiles } from "../dist/io/atomic-write.js";

// A reader that went away (`tariff calc big.csv | head`) is not an error.
process.stdout.on("error", (e) => {
  if (e.code === "EPIPE") process.exit(0);
});
for (const [signal, code] of [["SIGINT", 130], ["SIGTERM", 143]]) {
  process.on(signal, () => {
    cleanupTempFiles();
    process.exit(code);
  });
}
process.exitCode = await main(process.argv.slice(2));
