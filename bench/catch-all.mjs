#!/usr/bin/env node
/**
 * npm run bench:catch-all [-- --sources DIR]: how often the catch-all warning
 * (issue #14, item 7) fires on real codes, and how often it would catch a
 * mistyped one. Not a timing: a measure of noise and of use.
 *
 * Real codes: every distinct code (4 to 10 digits, not chapter 98/99) of the
 * public lists in DIR (default data/sources; the reference folder also has
 * `ieepa_exempt_products.csv`, 4,000 codes of goods mostly not on the
 * Canadian lists), one line each, for the importer whose law the list is
 * (Canadian surtax orders: CA; the rest: US), dated 2026-09-01. Run through
 * the built CLI (`calc --format json --no-lines`), counting the lines warned.
 *
 * Then, with the built lookup: of the lines on no list and under a sector
 * none of the importer's measures name (they "fall through" to a catch-all),
 * how many the warning names, against a rule by chapter or heading alone; and
 * for each US code of 8 or 10 digits, every one-digit change from its 5th
 * digit on that falls through: how many of those the warning names.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const arg = (name) => {
  const i = process.argv.indexOf(name);
  return i < 0 ? undefined : process.argv[i + 1];
};
const SOURCES = path.resolve(arg("--sources") ?? path.join(ROOT, "data/sources"));

const { loadSchedule } = await import(path.join(ROOT, "dist/io/schedule-source.js"));
const { ProductIndex } = await import(path.join(ROOT, "dist/core/lookup/product.js"));
const { CatchAllIndex, sectorsNamed } = await import(path.join(ROOT, "dist/core/lookup/catch-all.js"));
const { listsRead } = await import(path.join(ROOT, "dist/core/schedule/model.js"));

/** Not product lists: heading tables and parameters (data/sources/README.md). */
const NOT_LISTS = /ch99_headings|9903_headings|revision_dates|policy_params/;
const files = [];
const walk = (dir) => {
  for (const name of readdirSync(dir).sort()) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) walk(p);
    else if (/\.(csv|txt)$/.test(name) && !NOT_LISTS.test(name)) files.push(p);
  }
};
walk(SOURCES);

const lines = [];
const seen = new Set();
for (const file of files) {
  const importer = file.includes("canada-surtax-orders") ? "CA" : "US";
  for (const row of readFileSync(file, "utf8").split(/\r?\n/).slice(1)) {
    const code = row.split(",")[0].replace(/["\s.]/g, "");
    if (!/^\d{4,10}$/.test(code) || /^9[89]/.test(code)) continue;
    if (seen.has(`${importer}${code}`)) continue;
    seen.add(`${importer}${code}`);
    lines.push({ source: path.relative(SOURCES, file), importer, code });
  }
}

const dir = mkdtempSync(path.join(os.tmpdir(), "tariff-catch-all-"));
try {
  const csv = path.join(dir, "real-codes.csv");
  writeFileSync(csv, "id,date,importer,hs,value\n" + lines.map((l, i) => `L${i},2026-09-01,${l.importer},${l.code},1000\n`).join(""));
  const r = spawnSync(process.execPath, [path.join(ROOT, "bin/tariff.js"), "calc", csv, "--format", "json", "--no-lines"], { maxBuffer: 1 << 28, env: { ...process.env, NO_COLOR: "1" } });
  const out = JSON.parse(r.stdout.toString());
  const warned = out.warnings.filter((w) => w.message.includes("falls to sector"));
  const bySource = new Map();
  for (const l of lines) bySource.set(l.source, { lines: 0, warned: 0 });
  for (const l of lines) bySource.get(l.source).lines++;
  for (const w of warned) bySource.get(lines[w.line - 2].source).warned++;
  const pct = (a, b) => `${((100 * a) / Math.max(b, 1)).toFixed(2)}%`;
  console.log(`${lines.length} lines of real codes from ${SOURCES}: ${warned.length} warned by the catch-all rule (${pct(warned.length, lines.length)}); all warnings: ${out.counts.warned ?? 0} lines`);
  for (const [source, b] of bySource) console.log(`  ${source.padEnd(62)} ${String(b.lines).padStart(5)} lines, ${String(b.warned).padStart(4)} warned`);

  const loaded = await loadSchedule("default");
  const schedule = loaded.value;
  const products = new ProductIndex(schedule);
  const catchAll = new CatchAllIndex(schedule);
  const named = sectorsNamed(schedule);
  const reads = listsRead(schedule);
  const listed = { US: [], CA: [] };
  for (const imp of ["US", "CA"]) {
    for (const l of schedule.lists) if (reads[imp].has(l.id)) for (const e of l.entries) listed[imp].push(e.hs);
    for (const s of schedule.sectors) if (named[imp].has(s.id)) listed[imp].push(...s.hs);
  }
  const prefixes = (imp, n) => new Set(listed[imp].filter((c) => c.length >= n).map((c) => c.slice(0, n)));
  const chapters = { US: prefixes("US", 2), CA: prefixes("CA", 2) };
  const headings = { US: prefixes("US", 4), CA: prefixes("CA", 4) };
  /** The sector when the code falls through to a catch-all, else undefined. */
  const fallsTo = (imp, code) => {
    const p = products.ofCode(code).product;
    if (!p.sector || named[imp].has(p.sector) || p.memberships.some((m) => reads[imp].has(m.list))) return undefined;
    return p.sector;
  };
  let through = 0, rule = 0, under = 0, byChapter = 0, byHeading = 0;
  for (const l of lines) {
    const sector = fallsTo(l.importer, l.code);
    if (!sector) continue;
    through++;
    const hit = catchAll.check(l.importer, l.code, sector);
    if (hit?.kind === "beside") rule++;
    if (hit?.kind === "under") under++;
    if (chapters[l.importer].has(l.code.slice(0, 2))) byChapter++;
    if (headings[l.importer].has(l.code.slice(0, 4))) byHeading++;
  }
  console.log(`falling through to a catch-all: ${through} lines; warned as beside listed codes: ${rule} (${pct(rule, through)}), as shorter than listed codes: ${under}; a rule by chapter would warn ${byChapter} (${pct(byChapter, through)}), by heading ${byHeading} (${pct(byHeading, through)})`);

  const typos = new Map();
  for (const l of lines) {
    if (l.importer !== "US" || (l.code.length !== 8 && l.code.length !== 10)) continue;
    for (let at = 4; at < l.code.length; at++) {
      for (let d = 0; d < 10; d++) {
        const code = l.code.slice(0, at) + d + l.code.slice(at + 1);
        if (code === l.code) continue;
        const sector = fallsTo("US", code);
        if (!sector) continue;
        const key = `${l.code.length} digits, digit ${at + 1}`;
        const t = typos.get(key) ?? { through: 0, warned: 0 };
        t.through++;
        if (catchAll.check("US", code, sector)) t.warned++;
        typos.set(key, t);
      }
    }
  }
  console.log("one-digit changes of US codes that fall through, and how many are warned:");
  for (const [key, t] of [...typos].sort()) console.log(`  ${key.padEnd(22)} ${String(t.through).padStart(6)} fall through, ${String(t.warned).padStart(6)} warned (${pct(t.warned, t.through)})`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
