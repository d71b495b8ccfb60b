/**
 * Column mapping (issue #14): how the header of a user's file, plus a map
 * (a map file, `--map`, a preset, constants such as `--importer US`),
 * becomes the columns `parseShipment` reads. The one place that knows
 * synonyms, value maps, constants and companion rows: the CSV reader calls
 * it, and so can any faster reader (issue #17): `planColumns` once per file,
 * then `viewRecord` per record (the identity when nothing is mapped).
 *
 * Pure: no I/O. Problems are Diagnostics located in the shipments file
 * (the header line) or in the map that caused them (its file and JSON path,
 * or the command-line option).
 */
import { type Diagnostic, type Location, didYouMean, error } from "../diagnostics.js";
import { asciiLowerCase, asciiUpperCase } from "../ascii.js";
import { visiblePart } from "../escape.js";
import { type Columns, KNOWN_COLUMNS, type KnownColumn, REQUIRED_COLUMNS } from "./shipment.js";

export type DateFormat = "MDY" | "DMY" | "YMD";
export const DATE_FORMATS: readonly DateFormat[] = ["MDY", "DMY", "YMD"];

/** How amounts and dates are written in a file: declared, never guessed. */
export interface Reading {
  dateFormat?: DateFormat;
  /** The thousands separator amounts may carry (`,`, `.`, a space or `'`). */
  thousands?: string;
  /** Amounts are written `1234,56`. */
  decimalComma?: boolean;
}

/** Where a piece of a map was written: a map file and JSON path or line, or a command-line option. */
export type Source = Location;

/** A map of a field's values to ours (`S` → `Y`), keys compared trimmed and case-insensitively; `*` for any other value. */
export interface ValueMap {
  readonly entries: ReadonlyMap<string, string>;
  readonly other?: string;
  readonly at: Source;
}

/** Our column read from their header; `optional`: a file without that header is fine (a preset's extra columns). */
export interface MappedColumn {
  header: string;
  at: Source;
  optional?: boolean;
}

/** One layer of mapping (a preset, a map file, the command line); later layers win. */
export interface MapSpec {
  /** Our column ← their header. */
  columns?: Partial<Record<KnownColumn, MappedColumn>>;
  /** A column of one value for every line (`--importer US`). */
  constants?: Partial<Record<KnownColumn, { value: string; at: Source }>>;
  values?: Partial<Record<KnownColumn, ValueMap>>;
  reading?: Reading;
  /** HS prefixes of companion rows (ACE's chapter 99 lines: 9903, 9902): attached to their goods line, never priced. */
  companions?: readonly string[];
}

/** Header names that mean one of our columns, compared by `headerKey` (case, spaces, punctuation and a "(CAD)" suffix ignored). */
export const SYNONYMS: Readonly<Record<KnownColumn, readonly string[]>> = {
  id: ["id", "reference", "ref", "invoice", "invoice number", "invoice no", "line id", "shipment id"],
  date: ["date", "entry date", "date of entry", "import date", "release date", "entry summary date"],
  importer: ["importer", "importing country", "country of import", "import country", "customs"],
  origin: ["origin", "country of origin", "coo", "origin country", "country of origin code"],
  hs: ["hs", "hs code", "hts", "hts code", "hts number", "htsus", "htsus number", "tariff item", "tariff number", "tariff classification number", "classification", "commodity code"],
  sector: ["sector"],
  value: ["value", "entered value", "customs value", "value for duty", "vfd", "line value", "line entered value"],
  currency: ["currency", "currency code"],
  usmca: ["usmca", "cusma", "usmca claimed", "cusma claimed"],
  content_value: ["content value", "metal content value", "steel content value", "aluminum content value", "copper content value"],
  us_content_value: ["us content value", "us content"],
  claims: ["claims", "chapter 99 claims", "claimed headings"],
  entry: ["entry", "entry number", "entry no", "transaction number"],
  entry_line: ["entry line", "line number", "line no", "entry line number"],
  declared_duty: ["declared duty", "line duty"],
  mode: ["mode", "mode of transport", "mode of transportation", "transport mode", "transportation mode"],
  customs_duty: ["customs duty", "customs duties"],
  sima_duty: ["sima duty", "sima duties", "sima assessment", "anti-dumping duty", "antidumping duty"],
  excise: ["excise", "excise duty", "excise tax"],
};

/**
 * A header name as compared: ASCII lower case, without spaces and ASCII
 * punctuation, a trailing "(…)" dropped. Other characters stay: "da\u200bte"
 * (an invisible character) is not "date", and the message says so.
 */
export function headerKey(name: string): string {
  let s = name.trim();
  const paren = /\s*\([^()]*\)$/.exec(s);
  if (paren && paren.index > 0) s = s.slice(0, paren.index);
  return asciiLowerCase(s).replace(/[\s!-/:-@[-`{-~]/g, "");
}

const KEY_OF = new Map<string, KnownColumn>();
for (const c of KNOWN_COLUMNS) for (const s of SYNONYMS[c]) KEY_OF.set(headerKey(s), c);
// Our own names with their underscores ("content_value") are keys too: headerKey drops the underscore.

export interface ColumnPlan {
  /** Where each column is in the record `viewRecord` gives. */
  readonly columns: Columns;
  /** Fields in the file's header. */
  readonly width: number;
  /** Values appended after the file's fields, in order (their columns index `width + k`). */
  readonly constants: readonly string[];
  /** Value maps by field index in the file. */
  readonly values: readonly { index: number; map: ValueMap }[];
  readonly reading: Reading;
  readonly companions: readonly string[];
  /** Nothing to do per record: `viewRecord` gives the record itself. */
  readonly identity: boolean;
  /** Header names (trimmed, ASCII lower case), as messages name columns. */
  readonly names: readonly string[];
  /** Which file field each of our columns came from, and how, for a note: `hs ← "HTS Number"`. */
  readonly mapped: readonly string[];
}

/** Layers merged in order (a preset, then a map file, then the command line): a later one wins column by column. */
export function mergeSpecs(specs: readonly MapSpec[]): MapSpec {
  const out: Required<Pick<MapSpec, "columns" | "constants" | "values" | "reading">> & { companions?: readonly string[] } = { columns: {}, constants: {}, values: {}, reading: {} };
  for (const s of specs) {
    for (const [k, v] of Object.entries(s.columns ?? {}) as [KnownColumn, MappedColumn][]) {
      out.columns[k] = v;
      delete out.constants[k];
    }
    for (const [k, v] of Object.entries(s.constants ?? {}) as [KnownColumn, { value: string; at: Source }][]) {
      out.constants[k] = v;
      delete out.columns[k];
    }
    Object.assign(out.values, s.values ?? {});
    for (const [k, v] of Object.entries(s.reading ?? {})) if (v !== undefined) (out.reading as Record<string, unknown>)[k] = v;
    if (s.companions) out.companions = s.companions;
  }
  return out;
}

/**
 * The plan for a file with this header under a map. Columns are found by the
 * map first, then by name or synonym; two names for one column, a mapped
 * header the file does not have, or a missing required column are errors.
 */
export function planColumns(header: readonly string[], spec: MapSpec, file: string, line: number): { ok: true; plan: ColumnPlan } | { ok: false; errors: Diagnostic[] } {
  const names = header.map((c) => asciiLowerCase(c.trim()));
  const keys = header.map(headerKey);
  const errors: Diagnostic[] = [];
  const at = new Map<KnownColumn, number>();
  const how: string[] = [];
  const constants: string[] = [];
  const taken = new Set<number>();
  /** Optional mapped columns whose header the file does not have (a preset's SPI on an export without it). */
  const optionalMissing = new Set<KnownColumn>();

  // 1. Mapped columns: the map names their header.
  for (const [column, m] of Object.entries(spec.columns ?? {}) as [KnownColumn, MappedColumn][]) {
    const key = headerKey(m.header);
    const found = keys.flatMap((k, i) => (k === key && key !== "" ? [i] : []));
    if (found.length === 0) {
      if (m.optional === true) {
        optionalMissing.add(column);
        continue;
      }
      const guess = didYouMean(m.header, header.map((h) => h.trim()).filter((h) => h !== ""));
      errors.push(error("map/unknown-header", `the map reads column ${column} from "${m.header}", which is not in the header of ${file} (found: ${names.filter((n) => n !== "").join(", ") || "nothing"})`, m.at, guess ? `did you mean "${guess}"?` : "header names are compared ignoring case, spaces and punctuation"));
      continue;
    }
    if (found.length > 1) {
      errors.push(error("csv/duplicate-column", `column "${names[found[0]!]}" appears twice in the header (fields ${found[0]! + 1} and ${found[1]! + 1})`, { file, line }, "rename or remove one of them"));
      continue;
    }
    at.set(column, found[0]!);
    taken.add(found[0]!);
    how.push(`${column} ← "${header[found[0]!]!.trim()}"`);
  }
  // 2. Constants: one value for every line.
  for (const [column, c] of Object.entries(spec.constants ?? {}) as [KnownColumn, { value: string; at: Source }][]) {
    const own = keys.findIndex((k, i) => !taken.has(i) && (k === headerKey(column)));
    if (own >= 0) {
      errors.push(error("map/constant-and-column", `${column} is given as "${c.value}" for every line, but ${file} has its own ${column} column (field ${own + 1})`, c.at, `leave out one of them`));
      continue;
    }
    at.set(column, header.length + constants.length);
    constants.push(c.value);
    how.push(`${column} = "${c.value}"`);
  }
  // 3. The rest by name or synonym: our own name first ("value" beats "Entered Value"), then a synonym.
  for (const column of KNOWN_COLUMNS) {
    if (at.has(column)) continue;
    const own = keys.flatMap((k, i) => (!taken.has(i) && k === headerKey(column) ? [i] : []));
    const byName = own.length > 0 ? own : keys.flatMap((k, i) => (!taken.has(i) && k !== "" && KEY_OF.get(k) === column ? [i] : []));
    if (byName.length === 0) continue;
    if (byName.length > 1) {
      const [a, b] = [byName[0]!, byName[1]!];
      const same = names[a] === names[b];
      errors.push(
        same
          ? error("csv/duplicate-column", `column "${names[a]}" appears twice in the header (fields ${a + 1} and ${b + 1})`, { file, line }, "rename or remove one of them")
          : error("csv/ambiguous-column", `columns "${header[a]!.trim()}" (field ${a + 1}) and "${header[b]!.trim()}" (field ${b + 1}) both mean ${column}`, { file, line }, `say which with --map '${column}=${header[a]!.trim()}'`),
      );
      continue;
    }
    at.set(column, byName[0]!);
    taken.add(byName[0]!);
    if (names[byName[0]!] !== column) how.push(`${column} ← "${header[byName[0]!]!.trim()}"`);
  }
  // Another column named twice is only reported if we read it (above): an unread one is kept and ignored.

  // 4. Value maps: on a column the file has.
  const values: { index: number; map: ValueMap }[] = [];
  for (const [column, map] of Object.entries(spec.values ?? {}) as [KnownColumn, ValueMap][]) {
    // The values of an optional header the file lacks go with it: never applied to a column of the same name
    // found otherwise (ACE's "S → Y, * → N" would turn a file's own usmca "Y" into "N").
    if (optionalMissing.has(column)) continue;
    const i = at.get(column);
    if (i === undefined) {
      errors.push(error("map/values-without-column", `the map gives values for ${column}, but ${file} has no ${column} column`, map.at, `map one with --map '${column}=HEADER'`));
      continue;
    }
    if (i >= header.length) constants[i - header.length] = mapValue(map, constants[i - header.length]!);
    else values.push({ index: i, map });
  }

  if (errors.length > 0) return { ok: false, errors };

  const missing: string[] = REQUIRED_COLUMNS.filter((c) => !at.has(c));
  if (!at.has("hs") && !at.has("sector")) missing.push("hs or sector");
  if (missing.length > 0) return { ok: false, errors: [missingColumns(missing, names, taken, file, line)] };

  const columns = Object.fromEntries(KNOWN_COLUMNS.map((c) => [c, at.get(c) ?? -1])) as unknown as Columns;
  const reading = spec.reading ?? {};
  const companions = spec.companions ?? [];
  return {
    ok: true,
    plan: { columns, width: header.length, constants, values, reading, companions, identity: constants.length === 0 && values.length === 0, names, mapped: how },
  };
}

function missingColumns(missing: string[], names: string[], taken: Set<number>, file: string, line: number): Diagnostic {
  const unknown = names.filter((n, i) => n !== "" && !taken.has(i));
  // "da\u200bte" looks like "date" but is not: say what is wrong with it rather than suggest it for itself.
  const disguised = missing.flatMap((m) => unknown.filter((n) => visiblePart(n) === m).map((n) => `column "${n}" is "${m}" with an invisible character: retype the name`));
  const guesses = missing.flatMap((m) => {
    if (unknown.some((n) => visiblePart(n) === m)) return [];
    const g = didYouMean(m, unknown);
    if (g) return [`"${g}" for "${m}"?`];
    // "Ship Date" for date, "Customs Amount" for value: a header with the column's name in it.
    const within = m.includes(" ") ? undefined : unknown.find((n) => headerKey(n).includes(m));
    return within ? [`"${within}" for "${m}"? (--map '${m}=${within}')`] : [];
  });
  const delimiterHint = names.some((n) => n.includes(";")) ? ` (the header has ";": give --delimiter ';')` : names.some((n) => n.includes("\t")) ? " (the header has tabs: give --delimiter tab)" : "";
  const example = missing[0] === "hs or sector" ? "hs=HTS Number" : `${missing[0]}=YOUR HEADER`;
  const keys = new Set(names.map(headerKey));
  const preset = keys.has("htsnumber") && keys.has("enteredvalue") ? "ace" : keys.has("tariffitem") && keys.has("valueforduty") ? "carm" : undefined;
  const fix = preset
    ? `this looks like ${preset === "ace" ? "a US broker's ACE entry-line export" : "a CARM (B3) export"}: give --preset ${preset}`
    : missing.length === 1 && missing[0] === "importer"
      ? "give --importer US (or CA) when every line has one importer, or name your column with --map 'importer=YOUR HEADER'"
      : `the header needs ${REQUIRED_COLUMNS.join(", ")} and hs or sector; name yours with --map '${example}'`;
  return error(
    "csv/missing-column",
    `missing required column${missing.length > 1 ? "s" : ""} ${missing.map((m) => (m.includes(" ") ? m : `"${m}"`)).join(", ")} in the header (found: ${names.join(", ") || "nothing"})${delimiterHint}`,
    { file, line },
    disguised.length ? disguised.join("; ") : preset ? fix : guesses.length ? `did you mean ${guesses.join(", ")}` : fix,
  );
}

function mapValue(map: ValueMap, value: string): string {
  const key = asciiUpperCase(value.trim());
  const to = map.entries.get(key);
  return to !== undefined ? to : map.other !== undefined ? map.other : value;
}

/**
 * A record as `parseShipment` reads it under a plan: the record itself when
 * the plan maps nothing, else with values mapped and constants appended
 * (the record is the reader's own: changed in place).
 */
export function viewRecord(plan: ColumnPlan, record: string[]): string[] {
  if (plan.identity) return record;
  for (const v of plan.values) {
    const f = record[v.index];
    if (f !== undefined) record[v.index] = mapValue(v.map, f);
  }
  for (const c of plan.constants) record.push(c);
  return record;
}

/** Whether a record is a companion row (ACE's chapter 99 line) under the plan. */
export function isCompanion(plan: ColumnPlan, record: readonly string[]): boolean {
  if (plan.companions.length === 0) return false;
  const i = plan.columns.hs;
  if (i < 0) return false;
  const digits = (record[i] ?? "").replace(/[.\s]/g, "");
  return plan.companions.some((p) => digits.startsWith(p));
}

/** A value map from a plain object (`{ "S": "Y", "*": "N" }`). */
export function valueMapOf(entries: Readonly<Record<string, string>>, at: Source): ValueMap {
  const m = new Map<string, string>();
  let other: string | undefined;
  for (const [k, v] of Object.entries(entries)) {
    if (k === "*") other = v;
    else m.set(asciiUpperCase(k.trim()), v);
  }
  return other === undefined ? { entries: m, at } : { entries: m, other, at };
}

/** `COLUMN=HEADER` (the inline `--map`), or why not. */
export function parseInlineMap(text: string): { ok: true; spec: MapSpec } | { ok: false; message: string } {
  const eq = text.indexOf("=");
  if (eq <= 0) return { ok: false, message: `--map takes COLUMN=HEADER (e.g. --map 'hs=HTS Number') or a map file, got "${text}"` };
  const column = asciiLowerCase(text.slice(0, eq).trim());
  const header = text.slice(eq + 1).trim();
  if (!(KNOWN_COLUMNS as readonly string[]).includes(column)) {
    const guess = didYouMean(column, KNOWN_COLUMNS);
    return { ok: false, message: `--map: unknown column "${column}"${guess ? ` (did you mean "${guess}"?)` : ""}; columns are ${KNOWN_COLUMNS.join(", ")}` };
  }
  if (header === "") return { ok: false, message: `--map ${column}=: the header name is empty` };
  return { ok: true, spec: { columns: { [column]: { header, at: { file: "--map" } } } } };
}
