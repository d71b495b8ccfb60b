#!/usr/bin/env node
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
