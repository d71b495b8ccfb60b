#!/usr/bin/env node
/**
 * Builds the embedded default schedule (src/io/default-schedule.json) from
 * the public lists in data/sources/ and the hand-written law in
 * data/measures.mjs, data/lists.mjs, data/fees.mjs and data/sectors.json.
 *
 *   npm run schedule:build            write src/io/default-schedule.json
 *   node data/build-schedule.mjs --check   exit 1 if the embedded file differs from a fresh build
 *
 * Deterministic: lists in definition order, entries sorted by code then date,
 * 2-space JSON with a trailing newline.
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "csv-parse/sync";
import { header, measures } from "./measures.mjs";
import { lists as listDefs } from "./lists.mjs";
import { fees } from "./fees.mjs";

const DATA = path.dirname(fileURLToPath(import.meta.url));
export const SCHEDULE_PATH = path.join(DATA, "..", "src", "io", "default-schedule.json");
const SOURCES = path.join(DATA, "sources");

/** Rows of a source file: CSV with a header row, or a .txt file with one code a line ({ code }). */
function readRows(file, cache) {
  if (cache.has(file)) return cache.get(file);
  const text = readFileSync(path.join(SOURCES, file), "utf8");
  const rows = file.endsWith(".txt")
    ? text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== "").map((code) => ({ code }))
    : parse(text, { columns: true, skip_empty_lines: true, bom: true });
  cache.set(file, rows);
  return rows;
}

const digitsOf = (code) => code.replace(/\./g, "");

/** "72081000" → "7208.10.00"; "7208" → "7208"; "720810" → "7208.10"; 10 digits → "7208.10.00.30". */
export function dotted(code) {
  const d = digitsOf(code);
  if (!/^\d{2,10}$/.test(d)) throw new Error(`not an HS code: "${code}"`);
  if (d.length <= 4) return d;
  const parts = [d.slice(0, 4)];
  for (let i = 4; i < d.length; i += 2) parts.push(d.slice(i, i + 2));
  return parts.join(".");
}

/** Merges spans of one code that touch or overlap; undefined = open. */
function mergeSpans(spans) {
  const key = (d) => d ?? "";
  const sorted = [...spans].sort((a, b) => key(a.from).localeCompare(key(b.from)));
  const out = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (last && (last.until === undefined || (s.from ?? "") <= last.until)) {
      if (last.until !== undefined && (s.until === undefined || s.until > last.until)) last.until = s.until;
    } else out.push({ ...s });
  }
  return out;
}

/** Documented post-steps a list may name (`adjust`). */
const ADJUSTMENTS = {
  /**
   * Annex II of the April 2026 proclamation removed derivatives from Section 232.
   * Proclamation 11032 (2026-06-08) put some of them, or codes under them, on note
   * 16(c) lists: an Annex II entry ends the day a note 16(c) list takes the code
   * (or a prefix of it), names longer note 16(c) codes under it as exceptions,
   * and is dropped when a note 16(c) list holds it from the start (a conflict of the sources).
   */
  "annex-2-against-note-16c": (entries, ctx) => {
    const note = ctx.rows("hts-2026-ch99-lists/s232_metals_note16c_lists.csv");
    const out = [];
    for (const e of entries) {
      const d = digitsOf(e.hs);
      let until;
      const except = new Set();
      let drop = false;
      for (const r of note) {
        const n = r.hts_digits;
        if (d.startsWith(n)) {
          if (r.effective_from <= (e.from ?? "")) drop = true;
          else if (until === undefined || r.effective_from < until) until = r.effective_from;
        } else if (n.startsWith(d)) except.add(dotted(n));
      }
      if (drop) continue;
      out.push({ ...e, ...(until ? { until } : {}), ...(except.size ? { except: [...except].sort() } : {}) });
    }
    return out;
  },
};

function buildList(def, ctx) {
  const src = def.source;
  const rows = ctx.rows(src.file);
  const code = src.code ?? ((r) => r.code);
  const byCode = new Map();
  for (const r of rows) {
    if (src.where && !src.where(r)) continue;
    const c = code(r);
    if (!c) throw new Error(`list ${def.id}: a row of ${src.file} has no code`);
    const hs = dotted(c);
    const span = { from: src.from?.(r) || undefined, until: src.until?.(r) || undefined };
    if (!byCode.has(hs)) byCode.set(hs, []);
    byCode.get(hs).push(span);
  }
  let entries = [];
  for (const [hs, spans] of byCode) for (const s of mergeSpans(spans)) entries.push({ hs, ...s });
  if (def.adjust) entries = ADJUSTMENTS[def.adjust](entries, ctx);
  entries.sort((a, b) => digitsOf(a.hs).localeCompare(digitsOf(b.hs)) || (a.from ?? "").localeCompare(b.from ?? ""));
  if (entries.length === 0) throw new Error(`list ${def.id} is empty: check its source filter`);
  const codes = entries.map((e) => {
    const o = { hs: e.hs };
    if (e.from) o.from = e.from;
    if (e.until) o.until = e.until;
    if (e.except) o.except = e.except;
    return Object.keys(o).length === 1 ? e.hs : o;
  });
  const out = { id: def.id, label: def.label };
  for (const k of ["authority", "heading", "sources", "note"]) if (def[k] !== undefined) out[k] = def[k];
  out.codes = codes;
  return out;
}

/** The schedule as an object (format 2). */
export function buildScheduleObject() {
  const cache = new Map();
  const ctx = { rows: (file) => readRows(file, cache) };
  const sectors = JSON.parse(readFileSync(path.join(DATA, "sectors.json"), "utf8"));
  const lists = listDefs.map((d) => buildList(d, ctx));
  const ids = new Set();
  for (const l of lists) {
    if (ids.has(l.id)) throw new Error(`duplicate list id ${l.id}`);
    ids.add(l.id);
  }
  return {
    format: "tariff-schedule/2",
    id: header.id,
    version: header.version,
    title: header.title,
    asOf: header.asOf,
    importers: header.importers,
    sectors,
    lists,
    measures: JSON.parse(JSON.stringify(measures)),
    fees: JSON.parse(JSON.stringify(fees)),
    sources: header.sources,
    note: header.note,
  };
}

/** The schedule file's text: 2-space JSON with a trailing newline. */
export function buildScheduleText() {
  return JSON.stringify(buildScheduleObject(), null, 2) + "\n";
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const text = buildScheduleText();
  if (process.argv.includes("--check")) {
    const current = readFileSync(SCHEDULE_PATH, "utf8");
    if (current !== text) {
      console.error("src/io/default-schedule.json differs from a fresh build: run npm run schedule:build");
      process.exit(1);
    }
    console.log("src/io/default-schedule.json is up to date");
  } else {
    writeFileSync(SCHEDULE_PATH, text);
    const o = JSON.parse(text);
    console.log(`wrote ${path.relative(process.cwd(), SCHEDULE_PATH)}: ${o.sectors.length} sectors, ${o.lists.length} lists (${o.lists.reduce((n, l) => n + l.codes.length, 0)} entries), ${o.measures.length} measures`);
  }
}
