/**
 * Duty on one shipment line: which measures apply, on what base, for how much.
 * Everything that varies by measure comes from the schedule's data (periods,
 * sectors, exemptions, usmca terms, excludedBy); nothing here names a measure.
 *
 * Money (SPEC.md, Money): a foreign-currency amount is converted exactly,
 * then the value and the content are rounded by the importer's `valueRounding`
 * (US: whole dollars; CA: cents), half away from zero, and the non-content
 * basis is their difference; a share charges the basis less the rest of it,
 * the rest rounded the same way; each measure's duty is base × rate rounded to
 * the cent, half away from zero; the line's duty is the sum of those.
 */
import { type Decimal, ZERO, add, formatDecimal, mul, normalize, roundHalfAwayFromZero, sign, sub } from "../money/decimal.js";
import { type Rate, rateFraction, rateIsZero } from "../money/rate.js";
import { applyFraction, roundAmount } from "../money/money.js";
import { resolveTerms } from "../lookup/in-force.js";
import type { BasisKind, ImporterTerms, MeasureDef, PeriodDef, Schedule, Terms } from "../schedule/model.js";
import { measureCoversSector, periodOn } from "../schedule/model.js";

import type { Shipment } from "./shipment.js";
import { PlanTable, type Situation } from "./plan-table.js";
import { getOrCreate } from "../maps.js";

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
  /** The declared value converted to `currency`, rounded as the duty's base is (`basesOf`: whole dollars for US, cents for CA). */
  customsValue: Decimal;
  duties: Duty[];
  skipped: Skipped[];
  duty: Decimal;
  /** The plan's `charges`: two results of one shipment with equal `charges` have equal duties. */
  charges: number;
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

export type Bases = Record<BasisKind, Decimal>;

/**
 * The three amounts a rate can apply to, in the duty currency, each rounded by
 * the importer's rule. The value and the content are rounded; the rest is their
 * difference, so the two lines of a split entry add up to the rounded value
 * (19 CFR 159.3 keeps the invoice total). No content declared: the whole value
 * is treated as content (CBP: metal value unknown → 232 on the full value).
 */
export function basesOf(shipment: Shipment, rounding: ImporterTerms["valueRounding"]): Bases {
  const value = roundAmount(toDutyCurrency(shipment.value, shipment), rounding);
  const content = shipment.content === null ? value : roundAmount(toDutyCurrency(shipment.content, shipment), rounding);
  return { value, content, non_content: sub(value, content) };
}

/** Which bases are above zero: whether a measure "owes" anything on the line depends on it. */
export function positiveBits(bases: Bases): number {
  return (sign(bases.value) > 0 ? 1 : 0) | (sign(bases.content) > 0 ? 2 : 0) | (sign(bases.non_content) > 0 ? 4 : 0);
}

/**
 * Which measures apply, on what terms, and why the others do not, depends only
 * on the importer, origin, sector, USMCA status and which of the schedule's
 * date intervals the line falls in, not on its amounts. That plan is worked
 * out once per combination and reused: a file of a million lines has a few
 * thousand combinations at most. The cache is bounded, so a crafted file
 * cannot make it grow without limit.
 */
export interface Plan {
  applying: Applying[];
  skipped: Skipped[];
  /**
   * Equal for two plans exactly when they charge a line alike: the same
   * importer terms and the same measures on the same terms, in the same order.
   * A comparison reuses one scenario's amounts for another when they are equal.
   */
  charges: number;
  /**
   * Whether it mattered which of the line's bases are above zero (an
   * `excludedBy` with `when: "owes"` was weighed). When it did not, the plan
   * serves every line of its route, sector, interval and USMCA status.
   */
  readsBases: boolean;
}

/** A measure that applies, with its terms laid out flat: read for every line the plan serves. */
export interface Applying {
  measure: string;
  rate: Rate;
  basis: BasisKind;
  heading: string | null;
  share: Decimal | null;
  /** The rate as a plain fraction (25% → 0.25), for multiplying. */
  fraction: Decimal;
  /** 1 − share: the part of the basis a share leaves uncharged. */
  rest: Decimal | null;
}

interface ScheduleCache {
  schedule: Schedule;
  plans: PlanTable<Plan>;
  /** The measures of each route (importer, then origin). */
  routes: Map<string, Map<string, MeasureDef[]>>;
}

const MAX_PLANS = 50_000;
/**
 * Bound of a schedule's plan cache, in array slots: 16 MiB at 8 bytes a slot,
 * a plan (with its skipped measures) weighing about 1 KiB. Past it, the cache
 * starts over.
 */
const MAX_CACHED_SLOTS = 2 * 1024 * 1024;
const PLAN_SLOTS = 128;
const ONE: Decimal = { units: 1, scale: 0 };
/**
 * Caches of the schedules computed with most recently, newest first: a
 * comparison alternates between a few schedules on every line, and a scan of
 * a few entries costs less than a WeakMap lookup.
 */
const recent: ScheduleCache[] = [];
const caches = new WeakMap<Schedule, ScheduleCache>();

/** Every date a period of these schedules starts or ends on, sorted: the boundaries of their plans' intervals. */
export function periodBoundaries(schedules: readonly Schedule[]): string[] {
  const dates = new Set<string>();
  for (const schedule of schedules) for (const m of schedule.measures) for (const p of m.periods) {
    dates.add(p.from);
    if (p.until !== undefined) dates.add(p.until);
  }
  return [...dates].sort();
}

function cacheOf(schedule: Schedule): ScheduleCache {
  for (let i = 0; i < recent.length; i++) if (recent[i]!.schedule === schedule) return recent[i]!;
  let cache = caches.get(schedule);
  if (!cache) {
    cache = { schedule, plans: new PlanTable<Plan>(periodBoundaries([schedule]), MAX_CACHED_SLOTS, PLAN_SLOTS), routes: new Map() };
    caches.set(schedule, cache);
  }
  recent.unshift(cache);
  if (recent.length > 8) recent.pop();
  return cache;
}

function measuresOf(cache: ScheduleCache, importer: string, origin: string): MeasureDef[] {
  const byOrigin = getOrCreate(cache.routes, importer, () => new Map<string, MeasureDef[]>());
  return getOrCreate(byOrigin, origin, () => cache.schedule.measures.filter((m) => m.importer === importer && m.origins.includes(origin)));
}

/**
 * `positive`: bit 1 value, 2 content, 4 non_content is above zero. It is part
 * of the plan because `excludedBy` with `when: "owes"` switches a measure off
 * only when the other one owes more than nothing on this line.
 */
export function planFor(schedule: Schedule, shipment: Situation, positive: number): Plan {
  const cache = cacheOf(schedule);
  let plan = cache.plans.get(shipment, positive);
  if (!plan) {
    plan = makePlan(measuresOf(cache, shipment.importer, shipment.origin), shipment, positive, schedule.importers[shipment.importer]);
    // A plan that did not weigh the bases serves the line's other combinations of bases too.
    cache.plans.set(shipment, positive, plan, !plan.readsBases);
  }
  return plan;
}

const BASIS_BIT: Record<BasisKind, number> = { value: 1, content: 2, non_content: 4 };

/** Whether terms charge more than nothing on a line whose positive bases are `positive`. */
function owes(t: Terms, positive: number): boolean {
  return !rateIsZero(t.rate) && (positive & BASIS_BIT[t.basis]) !== 0 && (t.share === undefined || sign(t.share) > 0);
}

/** Numbers for the texts of what plans charge (see Plan.charges); never reused, so a number means one text. */
const chargeIds = new Map<string, number>();
let nextChargeId = 0;

function chargesOf(terms: ImporterTerms, applying: Applying[]): number {
  // JSON, not joined text: a heading is free text and must not be able to read as another measure.
  const text = JSON.stringify([
    terms.currency,
    terms.valueRounding,
    terms.dutyRounding,
    ...applying.map((a) => [a.measure, formatDecimal(normalize(a.fraction)), a.basis, a.rest ? formatDecimal(normalize(a.rest)) : null, a.heading]),
  ]);
  let id = chargeIds.get(text);
  if (id === undefined) {
    if (chargeIds.size >= MAX_PLANS) chargeIds.clear(); // bounded; a cleared text only gets a new number
    id = nextChargeId++;
    chargeIds.set(text, id);
  }
  return id;
}

function makePlan(measures: MeasureDef[], shipment: Pick<Shipment, "sector" | "usmca" | "date">, positive: number, terms: ImporterTerms): Plan {
  const skippedAt: (Skipped | undefined)[] = new Array(measures.length);
  const candidates = new Map<string, Candidate & { at: number }>();

  for (let at = 0; at < measures.length; at++) {
    const measure = measures[at]!;
    const period = periodOn(measure, shipment.date);
    if (!period) {
      skippedAt[at] = { measure: measure.id, reason: { kind: "outside-periods" } };
      continue;
    }
    const t = measureCoversSector(period, shipment.sector) ? resolveTerms(period, shipment.sector, shipment.usmca) : undefined;
    if (!t) {
      skippedAt[at] = { measure: measure.id, reason: { kind: "not-in-sectors" } };
      continue;
    }
    if (shipment.usmca && period.exemptions.includes("usmca")) {
      skippedAt[at] = { measure: measure.id, reason: { kind: "exempt", exemption: "usmca" } };
      continue;
    }
    candidates.set(measure.id, { measure, period, terms: t, at });
  }

  // A measure applies unless a measure in its excludedBy applies (and, for
  // `when: "owes"`, charges more than 0%). Chains resolve: an excluded measure
  // excludes nothing. Validation guarantees no cycle; `visiting` guards anyway.
  let readsBases = false;
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
      if (ex.when === "owes") {
        readsBases = true;
        if (!owes(other.terms, positive)) continue;
      }
      by = ex.measure;
      break;
    }
    visiting.delete(id);
    applies.set(id, by);
    return by === null;
  };

  const applying: Applying[] = [];
  for (const [id, c] of candidates) {
    if (resolve(id)) {
      const t = c.terms;
      applying.push({ measure: id, rate: t.rate, basis: t.basis, heading: t.heading ?? null, share: t.share ?? null, fraction: rateFraction(t.rate), rest: t.share ? sub(ONE, t.share) : null });
    }
    else skippedAt[c.at] = { measure: id, reason: { kind: "excluded", by: applies.get(id)! } };
  }
  // Skipped measures in schedule order, so output is stable.
  return { applying, skipped: skippedAt.filter((k): k is Skipped => k !== undefined), charges: chargesOf(terms, applying), readsBases };
}


/**
 * The duty on one line. `like`, when given, is the result of the same shipment
 * under another schedule: if this schedule charges the line alike (equal
 * `charges`), its amounts are reused rather than worked out again.
 */
export function computeLine(schedule: Schedule, shipment: Shipment, like?: LineResult): LineResult {
  const terms = schedule.importers[shipment.importer];
  const bases = basesOf(shipment, terms.valueRounding);
  const plan = planFor(schedule, shipment, positiveBits(bases));
  if (like !== undefined && like.shipment === shipment && like.charges === plan.charges) return resultLike(like, plan);
  return lineResult(shipment, terms, bases, plan);
}

/** The result of a plan that charges as `like`'s did (equal `charges`, same shipment): its amounts, the plan's own skipped measures. */
export function resultLike(like: LineResult, plan: Plan): LineResult {
  return { shipment: like.shipment, currency: like.currency, customsValue: like.customsValue, duties: like.duties, skipped: plan.skipped, duty: like.duty, charges: plan.charges };
}

/** The amounts of a line under a plan, from its bases (`basesOf` with the importer's rounding). */
export function lineResult(shipment: Shipment, terms: ImporterTerms, bases: Bases, plan: Plan): LineResult {
  const duties: Duty[] = [];
  let duty: Decimal | undefined;
  for (const a of plan.applying) {
    const rest = a.rest;
    let base = bases[a.basis];
    // A share charges the basis less the rest, the rest rounded: CUSMA vehicles pay 25% × (A − B), B = 15% of A (SOR/2025-118 s. 2(2)).
    if (rest) base = sub(base, roundAmount(mul(base, rest), terms.valueRounding));
    const amount = applyFraction(base, a.fraction, terms.dutyRounding);
    duties.push({ measure: a.measure, heading: a.heading, rate: a.rate, basis: a.basis, share: a.share, base, amount });
    duty = duty === undefined ? amount : add(duty, amount);
  }
  const skipped = plan.skipped;

  return {
    shipment,
    currency: terms.currency,
    customsValue: bases.value, // what the duty is computed on: rounded by the importer's rule (whole dollars for US)
    duties,
    skipped,
    duty: roundHalfAwayFromZero(duty ?? ZERO, 2),
    charges: plan.charges,
  };
}
