/**
 * Map files (`--map FILE`) and presets (`--preset ace`): JSON or CSV, read
 * into a MapSpec whose every entry knows its line in the file, so that a
 * mapping error found later, against a shipments header, points there.
 *
 * JSON (`"format": "tariff-map/1"`):
 *   { "columns": { "hs": "HTS Number", "usmca": { "header": "SPI", "values": { "S": "Y", "*": "N" } } },
 *     "constants": { "importer": "US" }, "dateFormat": "MDY", "thousands": ",", "decimalComma": false,
 *     "delimiter": ",", "encoding": "utf-8", "companions": ["9903", "9902"] }
 * CSV: a header `column,header` with optional `values` (`S=Y;S+=Y;*=N`) and
 * `constant` columns, one line per column of ours.
 */
import { fileURLToPath } from "node:url";
import { parse } from "csv-parse/sync";
import { type Diagnostic, type Location, type Path, didYouMean, error } from "../core/diagnostics.js";
import { KNOWN_COLUMNS, type KnownColumn } from "../core/duty/shipment.js";
import { DATE_FORMATS, type DateFormat, type MapSpec, type ValueMap, valueMapOf } from "../core/duty/mapping.js";
import { asciiLowerCase } from "../core/ascii.js";
import { type JsonDocument, duplicateKeys, locate, parseJson } from "./json.js";
import { readText } from "./read.js";

export const MAP_FORMAT = "tariff-map/1";
export const PRESETS = ["ace", "carm"] as const;
// No prototype: a name such as "constructor" is no delimiter (it was an internal error).
export const DELIMITERS: Readonly<Record<string, string>> = Object.freeze(Object.assign(Object.create(null) as Record<string, string>, { ",": ",", ";": ";", tab: "\t", "\t": "\t", "|": "|" }));
export const ENCODINGS = ["utf-8", "windows-1252", "latin1", "utf-16le", "utf-16be"] as const;
export type Encoding = (typeof ENCODINGS)[number];

/** What a map file or preset says: the mapping, and how to read the file (delimiter, encoding). */
export interface LoadedMap {
  spec: MapSpec;
  delimiter?: string;
  encoding?: Encoding;
  title?: string;
}

const TOP_KEYS = ["$schema", "format", "title", "note", "columns", "constants", "dateFormat", "thousands", "decimalComma", "delimiter", "encoding", "companions"];

/** The file of a preset, shipped beside the package's code (`presets/NAME.json`). */
export function presetFile(name: string): string {
  return fileURLToPath(new URL(`../../presets/${name}.json`, import.meta.url));
}

export async function loadMap(file: string, label = file): Promise<{ ok: true; map: LoadedMap; text: string } | { ok: false; errors: Diagnostic[]; text?: string }> {
  const read = await readText(file);
  if (!read.ok) return { ok: false, errors: [{ ...read.error, at: { ...read.error.at, file: label } }] };
  const text = read.text;
  if (/^\s*[{[]/.test(text)) {
    const parsed = parseJson(text, label);
    if (!parsed.ok) return { ok: false, errors: parsed.errors, text };
    const dup = duplicateKeys(parsed.doc, "map/duplicate-key");
    if (dup.length > 0) return { ok: false, errors: dup, text };
    return { ...mapOfJson(parsed.doc), text };
  }
  return { ...mapOfCsv(text, label), text };
}

function mapOfJson(doc: JsonDocument): { ok: true; map: LoadedMap } | { ok: false; errors: Diagnostic[] } {
  const file = doc.file;
  const errors: Diagnostic[] = [];
  const at = (path: Path, atKey = false): Location => ({ file, path, ...locate(doc, path, atKey) });
  const v = doc.value;
  if (typeof v !== "object" || v === null || Array.isArray(v)) return { ok: false, errors: [error("map/not-an-object", "a map file is a JSON object with \"format\": \"tariff-map/1\" and \"columns\"", { file, line: 1, column: 1 })] };
  const o = v as Record<string, unknown>;
  if (o.format !== MAP_FORMAT) errors.push(error("map/unknown-format", o.format === undefined ? `no "format": a map file says "format": "${MAP_FORMAT}"` : `unknown format ${JSON.stringify(o.format)}: this version reads "${MAP_FORMAT}"`, o.format === undefined ? { file, line: 1, column: 1 } : at(["format"])));
  for (const k of Object.keys(o)) {
    if (!TOP_KEYS.includes(k)) {
      const g = didYouMean(k, TOP_KEYS);
      errors.push(error("map/unknown-key", `unknown key "${k}"`, at([k], true), g ? `did you mean "${g}"?` : `keys are ${TOP_KEYS.join(", ")}`));
    }
  }
  const spec: MapSpec = {};
  const out: LoadedMap = { spec };
  const column = (k: string, path: Path): KnownColumn | undefined => {
    const c = asciiLowerCase(k.trim());
    if ((KNOWN_COLUMNS as readonly string[]).includes(c)) return c as KnownColumn;
    const g = didYouMean(c, KNOWN_COLUMNS);
    errors.push(error("map/unknown-column", `unknown column "${k}": our columns are ${KNOWN_COLUMNS.join(", ")}`, at(path, true), g ? `did you mean "${g}"?` : undefined));
    return undefined;
  };
  const str = (x: unknown, path: Path, what: string): string | undefined => {
    if (typeof x === "string" && x.trim() !== "") return x;
    errors.push(error("map/wrong-type", `${what} must be a non-empty string, got ${JSON.stringify(x) ?? "nothing"}`, at(path)));
    return undefined;
  };
  const valuesOf = (x: unknown, path: Path): ValueMap | undefined => {
    if (typeof x !== "object" || x === null || Array.isArray(x)) {
      errors.push(error("map/wrong-type", `values must be an object of their value → ours, e.g. { "S": "Y", "*": "N" }`, at(path)));
      return undefined;
    }
    const entries: Record<string, string> = {};
    for (const [k, val] of Object.entries(x as Record<string, unknown>)) {
      const s = typeof val === "string" ? val : undefined;
      if (s === undefined) errors.push(error("map/wrong-type", `the value for "${k}" must be a string`, at([...path, k])));
      else entries[k] = s;
    }
    return valueMapOf(entries, at(path));
  };
  if (o.columns !== undefined) {
    if (typeof o.columns !== "object" || o.columns === null || Array.isArray(o.columns)) errors.push(error("map/wrong-type", `"columns" must be an object of our column → their header`, at(["columns"])));
    else {
      spec.columns = {};
      spec.values = {};
      for (const [k, x] of Object.entries(o.columns as Record<string, unknown>)) {
        const c = column(k, ["columns", k]);
        if (!c) continue;
        if (typeof x === "string") {
          const h = str(x, ["columns", k], `the header for ${c}`);
          if (h) spec.columns[c] = { header: h, at: at(["columns", k]) };
        } else if (typeof x === "object" && x !== null && !Array.isArray(x)) {
          const e = x as Record<string, unknown>;
          for (const key of Object.keys(e)) if (key !== "header" && key !== "values" && key !== "optional") errors.push(error("map/unknown-key", `unknown key "${key}" in columns.${k}`, at(["columns", k, key], true), `a column is a header name, or { "header", "values", "optional" }`));
          const h = str(e.header, ["columns", k, "header"], `the header for ${c}`);
          if (e.optional !== undefined && typeof e.optional !== "boolean") errors.push(error("map/wrong-type", `optional must be true or false`, at(["columns", k, "optional"])));
          if (h) spec.columns[c] = e.optional === true ? { header: h, at: at(["columns", k, "header"]), optional: true } : { header: h, at: at(["columns", k, "header"]) };
          if (e.values !== undefined) {
            const vm = valuesOf(e.values, ["columns", k, "values"]);
            if (vm) spec.values[c] = vm;
          }
        } else errors.push(error("map/wrong-type", `columns.${k} must be a header name or { "header", "values" }`, at(["columns", k])));
      }
    }
  }
  if (o.constants !== undefined) {
    if (typeof o.constants !== "object" || o.constants === null || Array.isArray(o.constants)) errors.push(error("map/wrong-type", `"constants" must be an object of our column → a value for every line`, at(["constants"])));
    else {
      spec.constants = {};
      for (const [k, x] of Object.entries(o.constants as Record<string, unknown>)) {
        const c = column(k, ["constants", k]);
        const s = str(x, ["constants", k], `constants.${k}`);
        if (c && s) {
          if (spec.columns?.[c]) errors.push(error("map/constant-and-column", `${c} is both read from "${spec.columns[c]!.header}" and given as "${s}"`, at(["constants", k], true), "leave out one of them"));
          else spec.constants[c] = { value: s, at: at(["constants", k]) };
        }
      }
    }
  }
  const reading: NonNullable<MapSpec["reading"]> = {};
  if (o.dateFormat !== undefined) {
    if (typeof o.dateFormat === "string" && (DATE_FORMATS as readonly string[]).includes(o.dateFormat)) reading.dateFormat = o.dateFormat as DateFormat;
    else errors.push(error("map/invalid-value", `dateFormat must be one of ${DATE_FORMATS.join(", ")}, got ${JSON.stringify(o.dateFormat)}`, at(["dateFormat"])));
  }
  if (o.thousands !== undefined) {
    if (typeof o.thousands === "string" && [",", ".", " ", "'"].includes(o.thousands)) reading.thousands = o.thousands;
    else errors.push(error("map/invalid-value", `thousands must be one of ",", ".", " ", "'", got ${JSON.stringify(o.thousands)}`, at(["thousands"])));
  }
  if (o.decimalComma !== undefined) {
    if (typeof o.decimalComma === "boolean") reading.decimalComma = o.decimalComma;
    else errors.push(error("map/wrong-type", `decimalComma must be true or false`, at(["decimalComma"])));
  }
  if (reading.decimalComma && reading.thousands === ",") errors.push(error("map/invalid-value", `thousands "," with decimalComma: a comma cannot be both`, at(["thousands"])));
  if (Object.keys(reading).length > 0) spec.reading = reading;
  if (o.delimiter !== undefined) {
    if (typeof o.delimiter === "string" && DELIMITERS[o.delimiter] !== undefined) out.delimiter = DELIMITERS[o.delimiter];
    else errors.push(error("map/invalid-value", `delimiter must be ",", ";", "|" or "tab", got ${JSON.stringify(o.delimiter)}`, at(["delimiter"])));
  }
  if (o.encoding !== undefined) {
    if (typeof o.encoding === "string" && (ENCODINGS as readonly string[]).includes(o.encoding)) out.encoding = o.encoding as Encoding;
    else errors.push(error("map/invalid-value", `encoding must be one of ${ENCODINGS.join(", ")}, got ${JSON.stringify(o.encoding)}`, at(["encoding"])));
  }
  if (o.companions !== undefined) {
    if (Array.isArray(o.companions) && o.companions.every((p) => typeof p === "string" && /^\d{2,10}$/.test(p))) spec.companions = o.companions as string[];
    else errors.push(error("map/invalid-value", `companions must be a list of HS prefixes such as ["9903", "9902"]`, at(["companions"])));
  }
  if (typeof o.title === "string") out.title = o.title;
  return errors.length > 0 ? { ok: false, errors } : { ok: true, map: out };
}

function mapOfCsv(text: string, file: string): { ok: true; map: LoadedMap } | { ok: false; errors: Diagnostic[] } {
  let rows: { record: string[]; info: { lines: number } }[];
  try {
    rows = parse(text, { bom: true, info: true, relax_column_count: true, skip_empty_lines: true, record_delimiter: ["\r\n", "\n", "\r"] }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (e) {
    return { ok: false, errors: [error("map/malformed", `not valid CSV: ${(e as Error).message}`, { file })] };
  }
  if (rows.length === 0) return { ok: false, errors: [error("map/empty", "the map file is empty: expected a header column,header and one line per column", { file, line: 1 })] };
  const header = rows[0]!.record.map((h) => asciiLowerCase(h.trim()));
  const idx = (n: string) => header.indexOf(n);
  if (idx("column") < 0 || (idx("header") < 0 && idx("constant") < 0)) {
    return { ok: false, errors: [error("map/missing-column", `a map file in CSV has a header column,header (and optionally values, constant); found: ${header.join(", ")}`, { file, line: rows[0]!.info.lines }, "example: column,header / hs,HTS Number")] };
  }
  const errors: Diagnostic[] = [];
  const spec: MapSpec = { columns: {}, constants: {}, values: {} };
  for (const { record, info } of rows.slice(1)) {
    const line = info.lines;
    const get = (n: string) => (idx(n) >= 0 ? (record[idx(n)] ?? "").trim() : "");
    const name = asciiLowerCase(get("column"));
    if (!(KNOWN_COLUMNS as readonly string[]).includes(name)) {
      const g = didYouMean(name, KNOWN_COLUMNS);
      errors.push(error("map/unknown-column", `unknown column "${get("column")}": our columns are ${KNOWN_COLUMNS.join(", ")}`, { file, line }, g ? `did you mean "${g}"?` : undefined));
      continue;
    }
    const c = name as KnownColumn;
    const h = get("header");
    const k = get("constant");
    if (h !== "" && k !== "") errors.push(error("map/constant-and-column", `${c} is both read from "${h}" and given as "${k}"`, { file, line }, "leave out one of them"));
    else if (h !== "") spec.columns![c] = { header: h, at: { file, line } };
    else if (k !== "") spec.constants![c] = { value: k, at: { file, line } };
    else errors.push(error("map/wrong-type", `${c} has neither a header nor a constant`, { file, line }));
    const vals = get("values");
    if (vals !== "") {
      const entries: Record<string, string> = {};
      for (const pair of vals.split(";")) {
        const eq = pair.indexOf("=");
        if (eq <= 0 && pair.trim() !== "*=") {
          if (pair.trim() !== "") errors.push(error("map/invalid-value", `values "${pair}" is not THEIRS=OURS (e.g. S=Y;*=N)`, { file, line }));
          continue;
        }
        entries[pair.slice(0, eq).trim()] = pair.slice(eq + 1).trim();
      }
      spec.values![c] = valueMapOf(entries, { file, line });
    }
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, map: { spec } };
}
