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
import { type Decimal, ZERO, add, compare, formatDecimal, mul, normalize, roundHalfAwayFromZero, sign, sub } from "../money/decimal.js";
import { type Rate, parseRate, rateFraction, rateIsZero } from "../money/rate.js";
import { applyFraction, roundAmount } from "../money/money.js";
import { withUsmcaTerms } from "../lookup/in-force.js";
import { type Product, onList, productKey } from "../lookup/product.js";
import type { BasisKind, Exclusion, ImporterCode, ImporterTerms, ListExemption, MeasureDef, PeriodDef, Schedule, Terms } from "../schedule/model.js";
import { exemptionText, listsRead, measureCoversSector, periodOn, termsForLine } from "../schedule/model.js";

import type { Rejection, RowWarning, Shipment } from "./shipment.js";
import { PlanTable, type Situation } from "./plan-table.js";
import { getOrCreate } from "../maps.js";

export interface Duty {
  measure: string;
  heading: string | null;
  rate: Rate;
  basis: BasisKind;
  /** Share of the basis charged (USMCA terms), when not all of it. */
  share: Decimal | null;
  /** non_us_content basis: the most US content deducted, as a fraction of the value; else null. */
  usContentCap: Decimal | null;
  /** The amount the rate was applied to, after rounding, in the duty currency. */
  base: Decimal;
  amount: Decimal;
}

export type SkipReason =
  | { kind: "outside-periods" }
  | { kind: "not-in-sectors" }
  | { kind: "not-in-scope" }
  | { kind: "exempt"; exemption: "usmca" }
  | { kind: "exempt-by"; exemption: ListExemption }
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
  /** The plan the line was priced by: what applied and why, a prohibition, unused claims. */
  plan: Plan;
}

/** Why a line is not priced although it parsed: a measure bans its entry. */
export interface Prohibition {
  measure: string;
  authority: string;
  label: string;
  heading: string | null;
}

export function skipText(reason: SkipReason): string {
  switch (reason.kind) {
    case "outside-periods":
      return "outside its periods";
    case "not-in-sectors":
      return "not in its sectors";
    case "not-in-scope":
      return "not in its sectors or lists";
    case "exempt":
      return `exempt (${reason.exemption})`;
    case "exempt-by":
      return `exempt (${exemptionText(reason.exemption)})`;
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
  // No US content declared: none is deducted (the whole value is charged; the shell warns).
  const non_us_content = shipment.usContent === null ? value : sub(value, roundAmount(toDutyCurrency(shipment.usContent, shipment), rounding));
  return { value, content, non_content: content === value ? ZERO : sub(value, content), non_us_content };
}

/** Which bases are above zero: whether a measure "owes" anything on the line depends on it. */
export function positiveBits(bases: Bases): number {
  const value = sign(bases.value) > 0;
  // basesOf shares the value's object when a basis is the whole value (no content or US content declared): no second test.
  const content = bases.content === bases.value ? value : sign(bases.content) > 0;
  const nonUs = bases.non_us_content === bases.value ? value : sign(bases.non_us_content) > 0;
  return (value ? 1 : 0) | (content ? 2 : 0) | (bases.non_content !== ZERO && sign(bases.non_content) > 0 ? 4 : 0) | (nonUs ? 8 : 0);
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
  /** The measure that bans entry of the line, if one applies: the line is rejected, not priced. */
  prohibition: Prohibition | null;
  /** The line's claims that made no exemption hold: each is a warning on the line. */
  unusedClaims: readonly string[];
  /** Whether a measure charged on non_us_content applies (a missing us_content_value is then a warning). */
  readsUsContent: boolean;
  /** Whether a measure charged on metal content (or the value less it) applies: a missing content_value is then a warning (issue #14). */
  readsContent: boolean;
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
  usContentCap: Decimal | null;
}

interface ScheduleCache {
  schedule: Schedule;
  plans: PlanTable<Plan>;
  /** Every heading an exemption of the schedule can be claimed with. */
  claims: Set<string>;
  /** The measures of each route (importer, then origin). */
  routes: Map<string, Map<string, MeasureDef[]>>;
  /** The product lists each importer's measures read (their scopes and list exemptions). */
  reads: Record<ImporterCode, ReadonlySet<string>>;
  /** Per importer, `Product.key` → the key of the same goods without the lists that importer's measures never read. */
  narrowed: Record<ImporterCode, Map<string, string>>;
}

/** Bound of each `narrowed` map (one entry per distinct goods a file has; claims make them many in a crafted file). */
const MAX_NARROWED = 100_000;

const MAX_PLANS = 50_000;
/**
 * Bound of a schedule's plan cache, in array slots: 32 MiB at 8 bytes a slot,
 * a plan (with its skipped measures) counted as 1 KiB (measured: about 0.6).
 * Past it, the cache starts over. A file of real codes from every list of the
 * embedded schedule over two years makes about 19,000 plans (`npm run
 * bench:codes`, the lists file): they fit, so none is worked out twice.
 */
const MAX_CACHED_SLOTS = 4 * 1024 * 1024;
const PLAN_SLOTS = 128;
const ONE: Decimal = { units: 1, scale: 0 };
/**
 * Caches of the schedules computed with most recently, newest first: a
 * comparison alternates between a few schedules on every line, and a scan of
 * a few entries costs less than a WeakMap lookup.
 */
const recent: ScheduleCache[] = [];
const caches = new WeakMap<Schedule, ScheduleCache>();

/**
 * Every date a period of these schedules starts or ends on, or a code joins or
 * leaves a list, sorted: the boundaries of their plans' intervals (nothing a
 * plan reads changes inside one).
 */
export function periodBoundaries(schedules: readonly Schedule[]): string[] {
  const dates = new Set<string>();
  const add = (d: { from?: string; until?: string }) => {
    if (d.from !== undefined) dates.add(d.from);
    if (d.until !== undefined) dates.add(d.until);
  };
  for (const schedule of schedules) {
    for (const m of schedule.measures) for (const p of m.periods) add(p);
    for (const l of schedule.lists) for (const e of l.entries) add(e);
  }
  return [...dates].sort();
}

function cacheOf(schedule: Schedule): ScheduleCache {
  for (let i = 0; i < recent.length; i++) if (recent[i]!.schedule === schedule) return recent[i]!;
  let cache = caches.get(schedule);
  if (!cache) {
    cache = {
      schedule,
      plans: new PlanTable<Plan>(periodBoundaries([schedule]), MAX_CACHED_SLOTS, PLAN_SLOTS),
      claims: claimableHeadings(schedule),
      routes: new Map(),
      reads: listsRead(schedule),
      narrowed: { US: new Map(), CA: new Map() },
    };
    caches.set(schedule, cache);
  }
  recent.unshift(cache);
  if (recent.length > 8) recent.pop();
  return cache;
}

function claimableHeadings(schedule: Schedule): Set<string> {
  const out = new Set<string>();
  for (const m of schedule.measures) for (const p of m.periods) for (const e of p.exemptions) if (e !== "usmca" && e.claim !== undefined) out.add(e.claim);
  return out;
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
  const key = narrowedKey(cache, shipment.importer, shipment.product);
  let plan = cache.plans.get(shipment, positive, key);
  if (!plan) {
    plan = makePlan(measuresOf(cache, shipment.importer, shipment.origin), shipment, positive, schedule.importers[shipment.importer]);
    // A plan that did not weigh the bases serves the line's other combinations of bases too.
    cache.plans.set(shipment, positive, plan, !plan.readsBases, key);
  }
  return plan;
}

/**
 * The plan-table key of goods for an importer: `Product.key` when every list
 * the goods are on is read by that importer's measures (most lines: nothing
 * to build), else the key of the goods without the other lists. Real files
 * hold codes of both countries' lists: without this, each code would get its
 * own plans for both importers.
 */
function narrowedKey(cache: ScheduleCache, importer: ImporterCode, product: Product): string {
  const reads = cache.reads[importer];
  let all = true;
  for (const m of product.memberships) {
    if (!reads.has(m.list)) {
      all = false;
      break;
    }
  }
  if (all) return product.key;
  const narrowed = cache.narrowed[importer];
  let key = narrowed.get(product.key);
  if (key === undefined) {
    key = productKey(product.sector, product.memberships.filter((m) => reads.has(m.list)), product.claims);
    if (narrowed.size >= MAX_NARROWED) narrowed.clear();
    narrowed.set(product.key, key);
  }
  return key;
}

const BASIS_BIT: Record<BasisKind, number> = { value: 1, content: 2, non_content: 4, non_us_content: 8 };

/** Whether terms charge more than nothing on a line whose positive bases are `positive`. */
function owes(t: Terms, positive: number): boolean {
  // A cap below 100% leaves part of any positive value charged, whatever the US content.
  const bit = t.basis === "non_us_content" && t.usContentCap !== undefined && compare(t.usContentCap, ONE) < 0 ? BASIS_BIT.value : BASIS_BIT[t.basis];
  return !rateIsZero(t.rate) && (positive & bit) !== 0 && (t.share === undefined || sign(t.share) > 0);
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
    ...applying.map((a) => [a.measure, formatDecimal(normalize(a.fraction)), a.basis, a.rest ? formatDecimal(normalize(a.rest)) : null, a.heading, a.usContentCap ? formatDecimal(normalize(a.usContentCap)) : null]),
  ]);
  let id = chargeIds.get(text);
  if (id === undefined) {
    if (chargeIds.size >= MAX_PLANS) chargeIds.clear(); // bounded; a cleared text only gets a new number
    id = nextChargeId++;
    chargeIds.set(text, id);
  }
  return id;
}

/** The exemption of a period that holds for a line, if any. */
function exemptionFor(period: PeriodDef, line: Pick<Shipment, "product" | "usmca" | "date">, usedClaims: Set<string>): SkipReason | undefined {
  for (const e of period.exemptions) {
    if (e === "usmca") {
      if (line.usmca) return { kind: "exempt", exemption: "usmca" };
      continue;
    }
    if (e.list !== undefined && !onList(line.product, e.list, line.date)) continue;
    if (e.claim !== undefined) {
      if (!line.product.claims.includes(e.claim)) continue;
      usedClaims.add(e.claim);
    }
    return { kind: "exempt-by", exemption: e };
  }
  return undefined;
}

const NONE: readonly string[] = [];
const ZERO_RATE = parseRate("0%")!;

function makePlan(measures: MeasureDef[], shipment: Pick<Shipment, "product" | "usmca" | "date">, positive: number, terms: ImporterTerms): Plan {
  const skippedAt: (Skipped | undefined)[] = new Array(measures.length);
  const candidates = new Map<string, Candidate & { at: number }>();
  const { product, date } = shipment;
  const sector = product.sector ?? "";
  const isOn = (list: string) => onList(product, list, date);
  const usedClaims = new Set<string>();

  for (let at = 0; at < measures.length; at++) {
    const measure = measures[at]!;
    const period = periodOn(measure, date);
    if (!period) {
      skippedAt[at] = { measure: measure.id, reason: { kind: "outside-periods" } };
      continue;
    }
    // A ban has no rate: it covers what its sectors and lists hold.
    const base = period.action === "prohibit" ? (measureCoversSector(period, sector) || period.lists.some(isOn) ? { rate: ZERO_RATE, basis: "value" as const, ...(period.heading !== undefined ? { heading: period.heading } : {}) } : undefined) : termsForLine(period, sector, isOn);
    if (!base) {
      skippedAt[at] = { measure: measure.id, reason: { kind: period.lists.length > 0 ? "not-in-scope" : "not-in-sectors" } };
      continue;
    }
    const exempt = exemptionFor(period, shipment, usedClaims);
    if (exempt) {
      skippedAt[at] = { measure: measure.id, reason: exempt };
      continue;
    }
    const t = shipment.usmca ? withUsmcaTerms(period, base) : base;
    candidates.set(measure.id, { measure, period, terms: t, at });
  }

  // A measure applies unless a measure in its excludedBy applies (and, for
  // `when: "owes"`, charges more than 0%). Chains resolve: an excluded measure
  // excludes nothing. Validation guarantees no cycle; `visiting` guards anyway.
  let readsBases = false;
  const applies = new Map<string, string | null>(); // id → excluder, or null when it applies
  const visiting = new Set<string>();
  // Iterative (a frame per measure being decided): a chain of thousands of exclusions must not overflow the stack.
  const excludes = (ex: Exclusion, otherApplies: boolean): boolean => {
    if (!otherApplies) return false;
    if (ex.when !== "owes") return true;
    readsBases = true;
    return owes(candidates.get(ex.measure)!.terms, positive);
  };
  const resolve = (root: string): boolean => {
    const known = applies.get(root);
    if (known !== undefined) return known === null;
    const rootCandidate = candidates.get(root);
    if (!rootCandidate || visiting.has(root)) return false;
    const stack: { id: string; list: Exclusion[]; at: number }[] = [{ id: root, list: rootCandidate.period.excludedBy, at: 0 }];
    visiting.add(root);
    const finish = (by: string | null): boolean => {
      const f = stack.pop()!;
      visiting.delete(f.id);
      applies.set(f.id, by);
      return by === null;
    };
    let child: boolean | undefined; // the result of the frame just finished, for its parent
    while (stack.length > 0) {
      const f = stack[stack.length - 1]!;
      if (child !== undefined) {
        const decided = excludes(f.list[f.at]!, child);
        child = undefined;
        if (decided) {
          child = finish(f.list[f.at]!.measure);
          continue;
        }
        f.at++;
      }
      let descended = false;
      for (; f.at < f.list.length; f.at++) {
        const ex = f.list[f.at]!;
        const other = candidates.get(ex.measure);
        if (!other) continue;
        const knownOther = applies.get(ex.measure);
        if (knownOther === undefined && !visiting.has(ex.measure)) {
          visiting.add(ex.measure);
          stack.push({ id: ex.measure, list: other.period.excludedBy, at: 0 });
          descended = true;
          break;
        }
        // Known, or on the path (a cycle, which validation forbids): a measure on the path counts as not applying.
        if (excludes(ex, knownOther === null)) break;
      }
      if (descended) continue;
      child = finish(f.at < f.list.length ? f.list[f.at]!.measure : null);
    }
    return applies.get(root) === null;
  };

  const applying: Applying[] = [];
  let prohibition: Prohibition | null = null;
  for (const [id, c] of candidates) {
    if (!resolve(id)) {
      skippedAt[c.at] = { measure: id, reason: { kind: "excluded", by: applies.get(id)! } };
      continue;
    }
    const t = c.terms;
    if (c.period.action === "prohibit") {
      prohibition ??= { measure: id, authority: c.measure.authority, label: c.measure.label, heading: t.heading ?? null };
      continue;
    }
    applying.push({
      measure: id,
      rate: t.rate,
      basis: t.basis,
      heading: t.heading ?? null,
      share: t.share ?? null,
      fraction: rateFraction(t.rate),
      rest: t.share ? sub(ONE, t.share) : null,
      usContentCap: t.usContentCap ?? null,
    });
  }
  const unusedClaims = product.claims.length === 0 ? NONE : product.claims.filter((c) => !usedClaims.has(c));
  // Skipped measures in schedule order, so output is stable.
  return {
    applying,
    skipped: skippedAt.filter((k): k is Skipped => k !== undefined),
    charges: chargesOf(terms, applying),
    readsBases,
    prohibition,
    unusedClaims,
    readsUsContent: applying.some((a) => a.basis === "non_us_content"),
    readsContent: applying.some((a) => a.basis === "content" || a.basis === "non_content"),
  };
}


export type Priced = { ok: true; result: LineResult; warnings: RowWarning[] } | { ok: false; rejection: Rejection };

/**
 * One line priced under a schedule, or rejected because a measure bans its
 * entry (a ban is not a rate: the line is never priced). Warnings: claims that
 * made no exemption hold, and a US-content basis without the US content.
 */
export function priceLine(schedule: Schedule, shipment: Shipment): Priced {
  const terms = schedule.importers[shipment.importer];
  const bases = basesOf(shipment, terms.valueRounding);
  const plan = planFor(schedule, shipment, positiveBits(bases));
  if (plan.prohibition) return { ok: false, rejection: prohibitedRejection(shipment, plan.prohibition) };
  const result = lineResult(shipment, terms, bases, plan);
  return { ok: true, result, warnings: planWarnings(schedule, shipment, plan) };
}

/** `shipment/prohibited`, naming the measure and its authority. */
export function prohibitedRejection(shipment: Shipment, p: Prohibition): Rejection {
  const heading = p.heading !== null ? `, ${p.heading}` : "";
  return {
    line: shipment.line,
    id: shipment.id,
    column: shipment.hs !== null ? "hs" : "sector",
    code: "shipment/prohibited",
    reason: `entry of these goods is prohibited on ${shipment.date} by ${p.authority} (measure ${p.measure}${heading}): a ban, not a duty; the line is not priced`,
  };
}

const NO_WARNINGS: RowWarning[] = [];

/** What the plan of a line found worth saying about it. */
export function planWarnings(schedule: Schedule, shipment: Shipment, plan: Plan): RowWarning[] {
  if (plan.unusedClaims.length === 0 && !(plan.readsUsContent && shipment.usContent === null) && !(plan.readsContent && shipment.content === null)) return NO_WARNINGS;
  const out: RowWarning[] = [];
  const known = cacheOf(schedule).claims;
  for (const c of plan.unusedClaims) {
    out.push({
      line: shipment.line,
      column: "claims",
      message: known.has(c) ? `claim ${c} does not apply to this line: no exemption of the schedule holds with it for these goods on ${shipment.date}` : `claim ${c} is not a heading any exemption of the schedule can be claimed with; ignored`,
    });
  }
  if (plan.readsUsContent && shipment.usContent === null) {
    const measures = plan.applying.filter((a) => a.basis === "non_us_content").map((a) => a.measure).join(", ");
    out.push({ line: shipment.line, column: "us_content_value", message: `us_content_value is missing: ${measures} is charged on the value less its US content; the whole value was charged` });
  }
  if (plan.readsContent && shipment.content === null) {
    const content = plan.applying.filter((a) => a.basis === "content").map((a) => a.measure);
    const rest = plan.applying.filter((a) => a.basis === "non_content").map((a) => a.measure);
    const what = [content.length ? `${content.join(", ")} (charged on the metal content: the whole value was charged)` : "", rest.length ? `${rest.join(", ")} (charged on the value less the metal content: nothing was charged)` : ""].filter((x) => x !== "").join("; ");
    out.push({ line: shipment.line, column: "content_value", message: `content_value is missing: ${what}; give content_value for the exact answer` });
  }
  return out;
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
  return { shipment: like.shipment, currency: like.currency, customsValue: like.customsValue, duties: like.duties, skipped: plan.skipped, duty: like.duty, charges: plan.charges, plan };
}

/** The value less its US content, the content counted only up to `cap` of the value (rounded like the value). */
function capUsContent(bases: Bases, cap: Decimal, rounding: ImporterTerms["valueRounding"]): Decimal {
  const usContent = sub(bases.value, bases.non_us_content);
  const most = roundAmount(mul(bases.value, cap), rounding);
  return sub(bases.value, compare(usContent, most) > 0 ? most : usContent);
}

/** The amounts of a line under a plan, from its bases (`basesOf` with the importer's rounding). */
export function lineResult(shipment: Shipment, terms: ImporterTerms, bases: Bases, plan: Plan): LineResult {
  const duties: Duty[] = [];
  let duty: Decimal | undefined;
  for (const a of plan.applying) {
    const rest = a.rest;
    let base = bases[a.basis];
    // Proclamation 11032, note 16(j): only US content up to a share of the value is left uncharged.
    if (a.usContentCap && a.basis === "non_us_content") base = capUsContent(bases, a.usContentCap, terms.valueRounding);
    // A share charges the basis less the rest, the rest rounded: CUSMA vehicles pay 25% × (A − B), B = 15% of A (SOR/2025-118 s. 2(2)).
    if (rest) base = sub(base, roundAmount(mul(base, rest), terms.valueRounding));
    const amount = applyFraction(base, a.fraction, terms.dutyRounding);
    duties.push({ measure: a.measure, heading: a.heading, rate: a.rate, basis: a.basis, share: a.share, usContentCap: a.usContentCap, base, amount });
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
    plan,
  };
}
