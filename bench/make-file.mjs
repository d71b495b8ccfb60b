#!/usr/bin/env node
/**
 * node bench/make-file.mjs FILE [LINES=1000000] [SEED=1]: writes a synthetic shipments file
 * as `npm run bench` does for its "computed" case (the same seeded draws, the same columns),
 * to time one command on it by hand (issue #17).
 */
import { createWriteStream, readFileSync } from "node:fs";
import { once } from "node:events";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const [file, lines = "1000000", seed = "1"] = process.argv.slice(2);
if (!file) {
  console.error("usage: node bench/make-file.mjs FILE [LINES] [SEED]");
  process.exit(2);
}

function rng(s) {
  let a = s >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const schedule = JSON.parse(readFileSync(path.join(ROOT, "src/io/default-schedule.json"), "utf8"));
const codes = schedule.sectors.map((s) => s.hs[0].replace(/\./g, "").padEnd(8, "0"));
const random = rng(Number(seed));
const out = createWriteStream(file);
const write = async (s) => {
  if (!out.write(s)) await once(out, "drain");
};
await write("id,date,importer,hs,value,usmca,content_value\n");
const start = Date.UTC(2025, 0, 1);
for (let i = 0; i < Number(lines); i++) {
  const date = new Date(start + Math.floor(random() * 700) * 86400000).toISOString().slice(0, 10);
  const importer = random() < 0.7 ? "US" : "CA";
  const hs = codes[Math.floor(random() * codes.length)];
  const cents = Math.floor(random() * 5_000_000);
  const value = `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, "0")}`;
  const usmca = random() < 0.3 ? "Y" : "N";
  const content = random() < 0.2 ? `${Math.floor((cents * random()) / 100)}.00` : "";
  await write(`L${i},${date},${importer},${hs},${value},${usmca},${content}\n`);
}
out.end();
await once(out, "finish");
