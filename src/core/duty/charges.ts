/**
 * What a plan charges a line, as a list of typed charges: a measure's ad
 * valorem duty, a fee (on the value, with a minimum and maximum per entry),
 * a tax (on a base that can include the duty and amounts the line declares).
 * A plan's list is laid out once and read for every line it serves.
 *
 * `valueKey` gives the text two scenarios' plans are compared by before one
 * reuses the other's amounts: made from the whole value, field by field,
 * so a field added to a charge is part of the key without anyone naming it.
 */
import { type Decimal, formatDecimal, normalize } from "../money/decimal.js";
import type { Rate } from "../money/rate.js";
import type { BasisKind, Mode, TaxBasePart } from "../schedule/model.js";

/** A measure's duty: rate × its basis (less a share's rest), rounded to the cent. */
export interface DutyCharge {
  readonly kind: "duty";
  readonly measure: string;
  readonly rate: Rate;
  readonly basis: BasisKind;
  readonly heading: string | null;
  /** Share of the basis charged (USMCA terms), when not all of it. */
  readonly share: Decimal | null;
  /** The rate as a plain fraction (25% → 0.25), for multiplying. */
  readonly fraction: Decimal;
  /** 1 − share: the part of the basis a share leaves uncharged. */
  readonly rest: Decimal | null;
  /** non_us_content basis: the most US content deducted, as a fraction of the value. */
  readonly usContentCap: Decimal | null;
}

/**
 * A fee on the line's customs value, rounded to the cent per line; the lines'
 * fees of one entry are summed, then raised to `minimum` or cut to `maximum`
 * (never per line: see entries.ts).
 */
export interface FeeCharge {
  readonly kind: "fee";
  readonly fee: string;
  readonly rate: Rate;
  readonly fraction: Decimal;
  readonly heading: string | null;
  /** Only lines shipped by these modes are charged; null: every line. */
  readonly modes: readonly Mode[] | null;
  /** Of the fee's period on the line's date: an entry takes those of its earliest line. */
  readonly minimum: Decimal | null;
  readonly maximum: Decimal | null;
}

/** A tax on the sum of `base`'s parts for the line (Canada's GST: value for duty + duties), rounded to the cent per line. */
export interface TaxCharge {
  readonly kind: "tax";
  readonly fee: string;
  readonly rate: Rate;
  readonly fraction: Decimal;
  readonly heading: string | null;
  readonly base: readonly TaxBasePart[];
}

export type Charge = DutyCharge | FeeCharge | TaxCharge;

export function isDuty(c: Charge): c is DutyCharge {
  return c.kind === "duty";
}

/**
 * A canonical text of a value made of plain objects, arrays, strings,
 * numbers, bigints, booleans and null: object keys sorted, decimals
 * (`{ units, scale }`) normalised (25% and 25.0% charge alike). Anything else
 * (a Map, a Set, a function) is refused: it would be keyed as empty.
 */
export function valueKey(value: unknown): string {
  return write(value);
}

function write(v: unknown): string {
  switch (typeof v) {
    case "string":
      return JSON.stringify(v);
    case "number":
    case "boolean":
      return String(v);
    case "bigint":
      return `${v}n`;
    case "undefined":
      return "u";
    case "object":
      break;
    default:
      throw new Error(`internal: a ${typeof v} cannot be part of a charge's key`);
  }
  if (v === null) return "null";
  if (Array.isArray(v)) {
    let out = "[";
    for (let i = 0; i < v.length; i++) out += (i > 0 ? "," : "") + write(v[i]);
    return out + "]";
  }
  const proto = Object.getPrototypeOf(v) as unknown;
  if (proto !== Object.prototype && proto !== null) throw new Error(`internal: a ${(v as object).constructor?.name ?? "non-plain object"} cannot be part of a charge's key`);
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o);
  // Sorted only when not already: most objects here are built with their keys in one order every time.
  for (let i = 1; i < keys.length; i++) {
    if (keys[i - 1]! > keys[i]!) {
      keys.sort();
      break;
    }
  }
  if (keys.length === 2 && keys[0] === "scale" && keys[1] === "units") return "d" + formatDecimal(normalize(o as unknown as Decimal));
  let out = "{";
  for (let i = 0; i < keys.length; i++) out += (i > 0 ? "," : "") + JSON.stringify(keys[i]) + ":" + write(o[keys[i]!]);
  return out + "}";
}
