/**
 * Flag values → resolved options. Problems with what was typed are usage
 * errors (exit 2), reported like any other diagnostic.
 */
import { normalizeHs } from "../core/lookup/product.js";
import { InvalidArgumentError } from "commander";
import { isCalendarDate } from "../core/dates.js";
import { asciiUpperCase } from "../core/ascii.js";

export function dateArg(value: string): string {
  if (isCalendarDate(value)) return value;
  throw new InvalidArgumentError(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `"${value}" is not a calendar date` : `expected a date YYYY-MM-DD, got "${value}"`);
}

/** The importers a schedule knows: the values of `--importer` (and of its completion). */
export const IMPORTERS = ["US", "CA"] as const;
export type Importer = (typeof IMPORTERS)[number];

export function importerArg(value: string): Importer {
  const v = asciiUpperCase(value); // "uſ" must not pass as "US"
  if (!(IMPORTERS as readonly string[]).includes(v)) throw new InvalidArgumentError(`expected US or CA, got "${value}"`);
  return v as Importer;
}

export function hsArg(value: string): string {
  const digits = normalizeHs(value.trim());
  if (digits === undefined) throw new InvalidArgumentError(`"${value}" is not an HS code (2 to 10 digits, dots optional)`);
  return digits;
}

export function countryArg(value: string): string {
  if (!/^[A-Za-z]{2}$/.test(value)) throw new InvalidArgumentError(`expected a two-letter country code such as CA or US, got "${value}"`);
  return value.toUpperCase();
}

/** What `--usmca` completes to; yesNoArg also takes yes/no, true/false, 1/0. */
export const YES_NO = ["Y", "N"] as const;

export function yesNoArg(value: string): boolean {
  const v = value.toLowerCase();
  if (["y", "yes", "true", "1"].includes(v)) return true;
  if (["n", "no", "false", "0"].includes(v)) return false;
  throw new InvalidArgumentError(`expected Y or N, got "${value}"`);
}

export function positiveIntArg(value: string): number {
  if (!/^\d+$/.test(value) || Number.parseInt(value, 10) < 1) throw new InvalidArgumentError(`expected a whole number of 1 or more, got "${value}"`);
  return Number.parseInt(value, 10);
}

export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

export const FORMATS = ["table", "json", "csv", "md"] as const;
export type Format = (typeof FORMATS)[number];

/** `refund --from`: the amounts refunded, as the file declares them paid (else computed) or as computed only. */
export const REFUND_FROM = ["declared", "computed"] as const;
