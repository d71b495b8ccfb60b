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
  const out: string[] = [];
  write(value, out);
  return out.join("");
}

function write(v: unknown, out: string[]): void {
  switch (typeof v) {
    case "string":
      out.push(JSON.stringify(v));
      return;
    case "number":
    case "boolean":
      out.push(String(v));
      return;
    case "bigint":
      out.push(`${v}n`);
      return;
    case "undefined":
      out.push("u");
      return;
    case "object":
      break;
    default:
      throw new Error(`internal: a ${typeof v} cannot be part of a charge's key`);
  }
  if (v === null) {
    out.push("null");
    return;
  }
  if (Array.isArray(v)) {
    out.push("[");
    for (let i = 0; i < v.length; i++) {
      if (i > 0) out.push(",");
      write(v[i], out);
    }
    out.push("]");
    return;
  }
  const proto = Object.getPrototypeOf(v) as unknown;
  if (proto !== Object.prototype && proto !== null) throw new Error(`internal: a ${(v as object).constructor?.name ?? "non-plain object"} cannot be part of a charge's key`);
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o).sort();
  if (keys.length === 2 && keys[0] === "scale" && keys[1] === "units") {
    out.push("d", formatDecimal(normalize(o as unknown as Decimal)));
    return;
  }
  out.push("{");
  keys.forEach((k, i) => {
    if (i > 0) out.push(",");
    out.push(JSON.stringify(k), ":");
    write(o[k], out);
  });
  out.push("}");
}
