/**
 * The bench's synthetic shipments files, seeded: `npm run bench` (bench/run.mjs),
 * `npm run bench:codes` (its `rng` and `sectorCodes`) and bench/make-file.mjs
 * draw them here, so a file made by hand is the file the bench times.
 */
import { createWriteStream, readFileSync } from "node:fs";
import { once } from "node:events";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** A seeded generator (mulberry32) of numbers in [0, 1). */
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const schedule = JSON.parse(readFileSync(path.join(ROOT, "src/io/default-schedule.json"), "utf8"));
// One HS prefix per sector, padded to 8 digits: every sector of the default schedule is exercised.
export const sectorCodes = schedule.sectors.map((s) => s.hs[0].replace(/\./g, "").padEnd(8, "0"));
/** The worst case for any per-code cache, as bench/codes.mjs draws it: a different 10-digit code on every line (7919 is prime to 10), chapters 10–99; such codes are rarely warned. */
export const distinctCode = (i) => String(1_000_000_000 + ((i * 7919) % 8_999_999_999)).slice(0, 10);

/**
 * `kind`: "computed" (every line computes), "entries" (as computed, with `entry` and `mode` columns: five lines
 * an entry, sharing its date, importer and mode, for `--fees`), "rejected" (every line has an M/D/YYYY date, as an Excel
 * export writes them: rejected), "warned" (every line has a 9-digit HS code: computed, with a warning) or "worst" (as
 * computed, but a different 10-digit code on every line: see distinctCode).
 */
const MODES = ["vessel", "truck", "rail", "air"];

export async function generate(file, lines, seed, kind = "computed") {
  const random = rng(seed);
  const out = createWriteStream(file);
  const write = async (s) => {
    if (!out.write(s)) await once(out, "drain");
  };
  const entries = kind === "entries";
  await write("id,date,importer,hs,value,usmca,content_value" + (entries ? ",entry,mode" : "") + "\n");
  const start = Date.UTC(2025, 0, 1);
  let date, importer;
  for (let i = 0; i < lines; i++) {
    // The same draws whatever the kind, so "entries" differs from "computed" only where an entry's lines share a date and importer.
    const d = new Date(start + Math.floor(random() * 700) * 86400000).toISOString().slice(0, 10);
    const imp = random() < 0.7 ? "US" : "CA";
    if (!entries || i % 5 === 0) [date, importer] = [d, imp];
    const hs = sectorCodes[Math.floor(random() * sectorCodes.length)];
    const cents = Math.floor(random() * 5_000_000);
    const value = `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, "0")}`;
    const usmca = random() < 0.3 ? "Y" : "N";
    const content = random() < 0.2 ? `${Math.floor((cents * random()) / 100)}.00` : "";
    const shown = kind === "rejected" ? `${date.slice(5, 7)}/${date.slice(8, 10)}/${date.slice(0, 4)}` : date;
    // warned: 9 digits ("a leading zero may have been lost")
    const code = kind === "warned" ? hs.slice(0, 8) + "0" : kind === "worst" ? distinctCode(i) : hs;
    const tail = entries ? `,E${Math.floor(i / 5)},${MODES[Math.floor(i / 5) % MODES.length]}` : "";
    await write(`L${i},${shown},${importer},${code},${value},${usmca},${content}${tail}\n`);
  }
  out.end();
  await once(out, "finish");
}
