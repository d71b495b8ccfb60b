#!/usr/bin/env node
/**
 * node bench/make-file.mjs FILE [LINES=1000000] [SEED=1]: writes a synthetic shipments file
 * as `npm run bench` does for its "computed" case (the same generator: bench/shipments-file.mjs),
 * to time one command on it by hand (issue #17).
 */
import { generate } from "./shipments-file.mjs";

const [file, lines = "1000000", seed = "1"] = process.argv.slice(2);
if (!file) {
  console.error("usage: node bench/make-file.mjs FILE [LINES] [SEED]");
  process.exit(2);
}
await generate(file, Number(lines), Number(seed));
