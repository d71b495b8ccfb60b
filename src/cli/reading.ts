/**
 * The options that say how a shipments file is written (issue #14), shared by
 * calc and compare: a preset, map files and inline maps, constant columns,
 * the date order, separators, the encoding and the delimiter. Resolved here
 * into the reader's options; the mapping itself is core/duty/mapping.ts.
 */
import { existsSync } from "node:fs";
import type { Command } from "commander";
import type { Diagnostic } from "../core/diagnostics.js";
import { DATE_FORMATS, type DateFormat, type MapSpec, type Reading, mergeSpecs, parseInlineMap } from "../core/duty/mapping.js";
import { DELIMITERS, ENCODINGS, type Encoding, PRESETS, loadMap, presetFile } from "../io/map-file.js";
import type { ReadOptions } from "../io/shipments.js";
import { collect, nonNegativeIntArg } from "./args.js";
import { reportDiagnostics } from "./commands/common.js";
import type { Context } from "./context.js";
import { DEFAULT_MAX_MESSAGES } from "./render/rejection-groups.js";

/** `--thousands` values, as typed → the separator ("space" for one that a shell would eat). */
export const THOUSANDS: Readonly<Record<string, string>> = Object.freeze(Object.assign(Object.create(null) as Record<string, string>, { ",": ",", ".": ".", "'": "'", space: " ", " ": " " }));

export interface ReadingFlags {
  preset?: string;
  map?: string[];
  importer?: string;
  origin?: string;
  currency?: string;
  dateFormat?: string;
  thousands?: string;
  decimalComma?: boolean;
  encoding?: string;
  delimiter?: string;
  /** The sheet of an Excel workbook (default: the first). */
  sheet?: string;
  /** Rejected lines shown on stderr per code (formats for a person). */
  maxMessages?: number;
}

export function addReadingOptions(cmd: Command): Command {
  return cmd
    .option("--preset <name>", `read a known export: ${PRESETS.join(", ")} (a map shipped with tariff, see presets/)`)
    .option("--map <file|column=header>", "a map file (JSON or CSV: our column ← your header, value maps), or one column inline, e.g. 'hs=HTS Number' (repeatable)", collect)
    .option("--importer <US|CA>", "the importer of every line, for a file without an importer column")
    .option("--origin <CC>", "the country of origin of every line, for a file without an origin column")
    .option("--currency <CUR>", "the currency of every line, for a file without a currency column")
    .option("--date-format <order>", `how slash dates are written: ${DATE_FORMATS.join(", ")} (never guessed)`)
    .option("--thousands <sep>", "the thousands separator amounts carry: , . ' or space (never assumed)")
    .option("--decimal-comma", "amounts are written 1234,56")
    .option("--encoding <name>", `the file's encoding when not UTF-8: ${ENCODINGS.filter((e) => e !== "utf-8").join(", ")}`)
    .option("--delimiter <d>", "the field delimiter: , ; | or tab (default: detected from the header line)")
    .option("--sheet <name>", "the sheet of an Excel workbook (.xlsx) to read (default: the first)")
    .option("--max-messages <n>", `rejected lines shown on stderr for each kind of rejection (default ${DEFAULT_MAX_MESSAGES}; --format json and --rejects have every one)`, nonNegativeIntArg);
}

/** `--max-messages` goes with a format whose rejections are listed on stderr; the problem in words, or undefined. */
export function maxMessagesProblem(flags: ReadingFlags, format: string, listed: readonly string[]): string | undefined {
  if (flags.maxMessages === undefined || listed.includes(format)) return undefined;
  return `--max-messages goes with --format ${listed.join(", ").replace(/, ([^,]*)$/, " or $1")}, which list rejections on stderr (${format} has every one${format === "json" ? " in its document" : " on its rows"})`;
}

/** The reader's options and the ways of reading amounts and dates; problems are reported and give undefined (exit 2). */
export async function resolveReading(ctx: Context, command: string, flags: ReadingFlags): Promise<{ read: ReadOptions; reading: Reading; texts: { file: string; text: string }[] } | undefined> {
  const usage = (m: string) => {
    ctx.stderr.write(`tariff ${command}: ${m}\n`);
    return undefined;
  };
  const specs: MapSpec[] = [];
  const texts: { file: string; text: string }[] = [];
  let delimiter: string | undefined;
  let encoding: Encoding | undefined;
  const errors: Diagnostic[] = [];
  const load = async (file: string, label: string) => {
    const loaded = await loadMap(file, label);
    if (!loaded.ok) {
      errors.push(...loaded.errors);
      if (loaded.text !== undefined) texts.push({ file: label, text: loaded.text });
      return;
    }
    texts.push({ file: label, text: loaded.text });
    specs.push(loaded.map.spec);
    if (loaded.map.delimiter !== undefined) delimiter = loaded.map.delimiter;
    if (loaded.map.encoding !== undefined) encoding = loaded.map.encoding;
  };
  if (flags.preset !== undefined) {
    if (!(PRESETS as readonly string[]).includes(flags.preset)) return usage(`--preset must be one of ${PRESETS.join(", ")}, got "${flags.preset}"`);
    await load(presetFile(flags.preset), `presets/${flags.preset}.json`);
  }
  for (const m of flags.map ?? []) {
    if (m.includes("=") && !existsSync(m)) {
      const inline = parseInlineMap(m);
      if (!inline.ok) return usage(inline.message);
      specs.push(inline.spec);
    } else await load(m, m);
  }
  if (errors.length > 0) {
    reportDiagnostics(ctx, errors, [], texts);
    ctx.stderr.write(`tariff ${command}: cannot use the map\n`);
    return undefined;
  }
  const constants: MapSpec["constants"] = {};
  if (flags.importer !== undefined) {
    const v = flags.importer.trim().toUpperCase();
    if (v !== "US" && v !== "CA") return usage(`--importer must be US or CA, got "${flags.importer}"`);
    constants.importer = { value: v, at: { file: "--importer" } };
  }
  if (flags.origin !== undefined) {
    if (!/^[A-Za-z]{2}$/.test(flags.origin.trim())) return usage(`--origin must be a two-letter country code such as CA or US, got "${flags.origin}"`);
    constants.origin = { value: flags.origin.trim().toUpperCase(), at: { file: "--origin" } };
  }
  if (flags.currency !== undefined) {
    if (!/^[A-Za-z]{3}$/.test(flags.currency.trim())) return usage(`--currency must be a three-letter code such as USD or CAD, got "${flags.currency}"`);
    constants.currency = { value: flags.currency.trim().toUpperCase(), at: { file: "--currency" } };
  }
  const reading: Reading = {};
  if (flags.dateFormat !== undefined) {
    const f = flags.dateFormat.toUpperCase();
    if (!(DATE_FORMATS as readonly string[]).includes(f)) return usage(`--date-format must be one of ${DATE_FORMATS.join(", ")}, got "${flags.dateFormat}"`);
    reading.dateFormat = f as DateFormat;
  }
  if (flags.thousands !== undefined) {
    const t = THOUSANDS[flags.thousands];
    if (t === undefined) return usage(`--thousands must be one of , . ' space, got "${flags.thousands}"`);
    reading.thousands = t;
  }
  if (flags.decimalComma === true) reading.decimalComma = true;
  specs.push({ constants, reading });
  const spec = mergeSpecs(specs);
  if (spec.reading?.decimalComma && spec.reading.thousands === ",") return usage("--thousands , and --decimal-comma: a comma cannot be both");
  if (flags.delimiter !== undefined) {
    const d = DELIMITERS[flags.delimiter];
    if (d === undefined) return usage(`--delimiter must be one of , ; | tab, got "${flags.delimiter}"`);
    delimiter = d;
  }
  if (flags.encoding !== undefined) {
    const e = flags.encoding.toLowerCase().replace(/^cp1252$/, "windows-1252").replace(/^(iso-8859-1|latin-1)$/, "latin1").replace(/^utf8$/, "utf-8");
    if (!(ENCODINGS as readonly string[]).includes(e)) return usage(`--encoding must be one of ${ENCODINGS.join(", ")}, got "${flags.encoding}"`);
    encoding = e as Encoding;
  }
  const read: ReadOptions = { spec };
  if (delimiter !== undefined) read.delimiter = delimiter;
  if (encoding !== undefined) read.encoding = encoding;
  // TARIFF_READER=full reads CSV input on the full path only (csv-parse), for tests and for telling the
  // fast path's answer from the full path's (README, Performance); both give the same output.
  if (ctx.env["TARIFF_READER"] === "full") read.fast = false;
  return { read, reading: spec.reading ?? {}, texts };
}
