/**
 * Duty on one shipment line: which measures apply, on what base, for how much.
 * Everything that varies by measure comes from the schedule's data (periods,
 * sectors, exemptions, usmca terms, excludedBy); nothing here names a measure.
 *
 * Money (SPEC.md, Money): a foreign-currency amount is converted exactly,
 * then each base is rounded by the importer's `valueRounding` (US: whole
 * dollars; CA: cents), half away from zero; each measure's duty is
 * base × rate rounded to the cent, half away from zero; the line's duty is the
 * sum of those.
 */
import { type Decimal, ZERO, add, mul, roundHalfAwayFromZero, sub } from "../money/decimal.js";
import { type Rate, rateIsZero } from "../money/rate.js";
import { applyRate, roundAmount } from "../money/money.js";
import { resolveTerms } from "../lookup/in-force.js";
import type { BasisKind, MeasureDef, PeriodDef, Schedule, Terms } from "../schedule/model.js";
import { measureCoversSector, periodOn } from "../schedule/model.js";

import type { Shipment } from "./shipment.js";

export interface Duty {
  measure: string;
  heading: string | null;
  rate: Rate;
  basis: BasisKind;
  /** Share of the basis charged (USMCA terms), when not all of it. */
  share: Decimal | null;
  /** The amount the rate was applied to, after rounding, in the duty currency. */
  base: Decimal;
  amount: Decimal;
}

export type SkipReason =
  | { kind: "outside-periods" }
  | { kind: "not-in-sectors" }
  | { kind: "exempt"; exemption: "usmca" }
  | { kind: "excluded"; by: string };

export interface Skipped {
  measure: string;
  reason: SkipReason;
}

export interface LineResult {
  shipment: Shipment;
  /** Importer's currency: the currency of the duty. */
  currency: string;
  /** The declared value converted to `currency`, to the cent. */
  customsValue: Decimal;
  duties: Duty[];
  skipped: Skipped[];
  duty: Decimal;
}

export function skipText(reason: SkipReason): string {
  switch (reason.kind) {
    case "outside-periods":
      return "outside its periods";
    case "not-in-sectors":
      return "not in its sectors";
    case "exempt":
      return `exempt (${reason.exemption})`;
    case "excluded":
      return `excluded by ${reason.by}`;
  }
}

interface Candidate {
  measure: MeasureDef;
  period: PeriodDef;
  terms: Terms;
}

/** Converts an amount declared in the line's currency into the duty currency (exact; not rounded). */
function toDutyCurrency(amount: Decimal, shipment: Shipment): Decimal {
  return shipment.fx ? mul(amount, shipment.fx.rate) : amount;
}

function basisAmount(basis: BasisKind, shipment: Shipment): Decimal {
  // No content declared: the whole value is treated as content (CBP: metal value unknown → 232 on full value).
  const content = shipment.content ?? shipment.value;
  const declared = basis === "value" ? shipment.value : basis === "content" ? content : sub(shipment.value, content);
  return toDutyCurrency(declared, shipment);
}

export function computeLine(schedule: Schedule, shipment: Shipment): LineResult {
  const terms = schedule.importers[shipment.importer];
  const skipped: Skipped[] = [];
  const candidates = new Map<string, Candidate>();

  for (const measure of schedule.measures) {
    if (measure.importer !== shipment.importer || !measure.origins.includes(shipment.origin)) continue;
    const period = periodOn(measure, shipment.date);
    if (!period) {
      skipped.push({ measure: measure.id, reason: { kind: "outside-periods" } });
      continue;
    }
    const t = measureCoversSector(period, shipment.sector) ? resolveTerms(period, shipment.sector, shipment.usmca) : undefined;
    if (!t) {
      skipped.push({ measure: measure.id, reason: { kind: "not-in-sectors" } });
      continue;
    }
    if (shipment.usmca && period.exemptions.includes("usmca")) {
      skipped.push({ measure: measure.id, reason: { kind: "exempt", exemption: "usmca" } });
      continue;
    }
    candidates.set(measure.id, { measure, period, terms: t });
  }

  // A measure applies unless a measure in its excludedBy applies (and, for
  // `when: "owes"`, charges more than 0%). Chains resolve: an excluded measure
  // excludes nothing. Validation guarantees no cycle; `visiting` guards anyway.
  const applies = new Map<string, string | null>(); // id → excluder, or null when it applies
  const visiting = new Set<string>();
  const resolve = (id: string): boolean => {
    const known = applies.get(id);
    if (known !== undefined) return known === null;
    const c = candidates.get(id);
    if (!c || visiting.has(id)) return false;
    visiting.add(id);
    let by: string | null = null;
    for (const ex of c.period.excludedBy) {
      const other = candidates.get(ex.measure);
      if (!other || !resolve(ex.measure)) continue;
      if (ex.when === "owes" && rateIsZero(other.terms.rate)) continue;
      by = ex.measure;
      break;
    }
    visiting.delete(id);
    applies.set(id, by);
    return by === null;
  };

  const duties: Duty[] = [];
  let duty = ZERO;
  for (const [id, c] of candidates) {
    if (!resolve(id)) {
      skipped.push({ measure: id, reason: { kind: "excluded", by: applies.get(id)! } });
      continue;
    }
    let base = roundAmount(basisAmount(c.terms.basis, shipment), terms.valueRounding);
    if (c.terms.share) base = roundAmount(mul(base, c.terms.share), terms.valueRounding);
    const amount = applyRate(base, c.terms.rate, terms.dutyRounding);
    duties.push({ measure: id, heading: c.terms.heading ?? null, rate: c.terms.rate, basis: c.terms.basis, share: c.terms.share ?? null, base, amount });
    duty = add(duty, amount);
  }
  // Keep the schedule's order for skipped measures too, so output is stable.
  const order = new Map(schedule.measures.map((m, i) => [m.id, i]));
  skipped.sort((a, b) => order.get(a.measure)! - order.get(b.measure)!);

  return {
    shipment,
    currency: terms.currency,
    customsValue: roundHalfAwayFromZero(toDutyCurrency(shipment.value, shipment), 2),
    duties,
    skipped,
    duty: roundHalfAwayFromZero(duty, 2),
  };
}
