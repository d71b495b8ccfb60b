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
 * the cent, half away from zero; the line's duty is the sum of those. A fee
 * or tax (when the engine charges them) is rate × its base rounded to the
 * cent the same way, apart from the duty.
 *
 * Pure functions on plans; `engine.ts` owns the plans, their caches and keys.
 */
import { type Decimal, ZERO, add, compare, mul, mulRounded, roundHalfAwayFromZero, sign, sub } from "../money/decimal.js";
import { type Rate, parseRate, rateFraction, rateIsZero } from "../money/rate.js";
import { ROUNDING_PLACES, applyFraction, roundAmount } from "../money/money.js";
import { withUsmcaTerms } from "../lookup/in-force.js";
import { onList } from "../lookup/product.js";
import type { BasisKind, Exclusion, FeeDef, ImporterRules, ListExemption, MeasureDef, PeriodDef, Terms } from "../schedule/model.js";
import { exemptionText, measureCoversSector, periodOn, termsForLine } from "../schedule/model.js";
import type { Charge, DutyCharge, FeeCharge, TaxCharge } from "./charges.js";
import type { Rejection, RowWarning, Shipment } from "./shipment.js";

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

/** A fee or tax on one line: for a fee, the line's part before its entry's minimum and maximum. */
export interface LineFee {
  /** What was charged (its id, kind, heading, rate; a fee's minimum and maximum per entry on the line's date). */
  charge: FeeCharge | TaxCharge;
  /** What the rate was applied to, in the duty currency: the customs value, or for a tax the sum of its base's parts. */
  base: Decimal;
  amount: Decimal;
}

export interface LineResult {
  shipment: Shipment;
  /** Importer's currency: the currency of the duty. */
  dutyCurrency: string;
  /** The declared value converted to `dutyCurrency`, rounded as the duty's base is (`basesOf`: whole dollars for US, cents for CA). */
  customsValue: Decimal;
  duties: Duty[];
  skipped: Skipped[];
  duty: Decimal;
  /** Fees and taxes on the line, apart from its duty (empty unless the engine charges them). */
  fees: LineFee[];
  /** The plan's `key`: two results of one shipment with equal keys have equal amounts. */
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
export function basesOf(shipment: Shipment, rounding: ImporterRules["valueRounding"]): Bases {
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
 * out once per combination and reused (the engine caches it): a file of a
 * million lines has a few thousand combinations at most.
 */
export interface Plan {
  /** What the plan charges, in order: the measures' duties (schedule order), then fees, then taxes (a tax's base can hold the duty). */
  charges: readonly Charge[];
  /** The duties of `charges`, for readers that want only those. */
  duties: readonly DutyCharge[];
  /** The fees and taxes of `charges` (after its duties), in order. */
  fees: readonly (FeeCharge | TaxCharge)[];
  skipped: Skipped[];
  /**
   * Equal for two plans (of one engine) exactly when they charge a line
   * alike: made from the importer's rules and the whole of `charges`
   * (`valueKey`). A comparison reuses one scenario's amounts for another
   * when they are equal.
   */
  key: number;
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
  /** Fees charged only on some modes: a line without a mode is not charged them (the run counts such lines). */
  modeFees: readonly string[];
}

const ONE: Decimal = { units: 1, scale: 0 };

const BASIS_BIT: Record<BasisKind, number> = { value: 1, content: 2, non_content: 4, non_us_content: 8 };

/** Whether terms charge more than nothing on a line whose positive bases are `positive`. */
function owes(t: Terms, positive: number): boolean {
  // A cap below 100% leaves part of any positive value charged, whatever the US content.
  const bit = t.basis === "non_us_content" && t.usContentCap !== undefined && compare(t.usContentCap, ONE) < 0 ? BASIS_BIT.value : BASIS_BIT[t.basis];
  return !rateIsZero(t.rate) && (positive & bit) !== 0 && (t.share === undefined || sign(t.share) > 0);
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

/**
 * The plan for a line situation: `measures` and `fees` are those of the
 * line's importer and origin, in schedule order; `fees` empty when fees are
 * not charged. `positive`: bit 1 value, 2 content, 4 non_content, 8
 * non_us_content is above zero; it matters because `excludedBy` with
 * `when: "owes"` switches a measure off only when the other one owes more
 * than nothing on this line. `keyOf`: the engine's key of a charge list
 * (given the list rather than set afterwards: a plan is read on every line,
 * and an object copied to add a field reads slower). `shared`, when given:
 * the lists of an earlier plan with the same key, to use instead of this
 * plan's equal ones (equal keys, equal charges: see `Plan.key`).
 */
export function makePlan(
  measures: readonly MeasureDef[],
  fees: readonly FeeRoute[],
  shipment: Pick<Shipment, "product" | "usmca" | "date">,
  positive: number,
  keyOf: (charges: readonly Charge[]) => number,
  shared?: (key: number, lists: ChargeLists) => ChargeLists,
): Plan {
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

  const applying: DutyCharge[] = [];
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
      kind: "duty",
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
  const { feeCharges, taxCharges, modeFees } = feeChargesOf(fees, shipment);
  const charged: (FeeCharge | TaxCharge)[] = feeCharges.length === 0 && taxCharges.length === 0 ? NO_FEE_CHARGES : [...feeCharges, ...taxCharges];
  const charges = charged.length === 0 ? applying : [...applying, ...charged];
  const key = keyOf(charges);
  const own: ChargeLists = { charges, duties: applying, fees: charged };
  const lists = shared === undefined ? own : shared(key, own);
  // Skipped measures in schedule order, so output is stable.
  return {
    charges: lists.charges,
    duties: lists.duties,
    fees: lists.fees,
    key,
    skipped: skippedAt.filter((k): k is Skipped => k !== undefined),
    readsBases,
    prohibition,
    unusedClaims,
    readsUsContent: applying.some((a) => a.basis === "non_us_content"),
    readsContent: applying.some((a) => a.basis === "content" || a.basis === "non_content"),
    modeFees,
  };
}

/**
 * What a plan charges, as its three lists. Plans of one engine with equal
 * keys share one set (thousands of plans, a few dozen keys on a real file):
 * the lines' arithmetic then reads a few charge objects that stay in the
 * processor's cache rather than thousands scattered in memory.
 */
export interface ChargeLists {
  charges: readonly Charge[];
  duties: readonly DutyCharge[];
  fees: readonly (FeeCharge | TaxCharge)[];
}

/** A fee of a route with the charge of each of its periods, made once (plans share them). */
export interface FeeRoute {
  def: FeeDef;
  /** `charges[j]` is what `def.periods[j]` charges. */
  charges: readonly (FeeCharge | TaxCharge)[];
}

/** What each period of a fee charges. */
export function feeRoute(f: FeeDef): FeeRoute {
  const heading = f.heading ?? null;
  const charges = f.periods.map((period): FeeCharge | TaxCharge =>
    f.kind === "tax"
      ? { kind: "tax", fee: f.id, rate: period.rate, fraction: rateFraction(period.rate), heading, base: f.base }
      : { kind: "fee", fee: f.id, rate: period.rate, fraction: rateFraction(period.rate), heading, modes: f.modes, minimum: period.minimum ?? null, maximum: period.maximum ?? null },
  );
  return { def: f, charges };
}

/** The fees and taxes in force on the line's date that it is not exempt from, in schedule order. */
function feeChargesOf(fees: readonly FeeRoute[], shipment: Pick<Shipment, "usmca" | "date">): { feeCharges: FeeCharge[]; taxCharges: TaxCharge[]; modeFees: readonly string[] } {
  if (fees.length === 0) return NO_FEES;
  const feeCharges: FeeCharge[] = [];
  const taxCharges: TaxCharge[] = [];
  const modeFees: string[] = [];
  for (const { def: f, charges } of fees) {
    const period = periodOn(f, shipment.date);
    if (!period) continue;
    if (shipment.usmca && f.exemptions.includes("usmca")) continue;
    const c = charges[f.periods.indexOf(period)]!;
    if (c.kind === "tax") {
      taxCharges.push(c);
      continue;
    }
    if (c.modes !== null) modeFees.push(c.fee);
    feeCharges.push(c);
  }
  return { feeCharges, taxCharges, modeFees: modeFees.length === 0 ? NONE : modeFees };
}

const NO_FEE_CHARGES: (FeeCharge | TaxCharge)[] = [];
const NO_FEES = { feeCharges: [] as FeeCharge[], taxCharges: [] as TaxCharge[], modeFees: NONE };


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

/** What the plan of a line found worth saying about it. `known`: every heading an exemption of the schedule can be claimed with. */
export function planWarnings(known: ReadonlySet<string>, shipment: Shipment, plan: Plan): RowWarning[] {
  if (plan.unusedClaims.length === 0 && !(plan.readsUsContent && shipment.usContent === null) && !(plan.readsContent && shipment.content === null)) return NO_WARNINGS;
  const out: RowWarning[] = [];
  for (const c of plan.unusedClaims) {
    out.push({
      line: shipment.line,
      column: "claims",
      message: known.has(c) ? `claim ${c} does not apply to this line: no exemption of the schedule holds with it for these goods on ${shipment.date}` : `claim ${c} is not a heading any exemption of the schedule can be claimed with; ignored`,
    });
  }
  if (plan.readsUsContent && shipment.usContent === null) {
    const measures = plan.duties.filter((a) => a.basis === "non_us_content").map((a) => a.measure).join(", ");
    out.push({ line: shipment.line, column: "us_content_value", message: `us_content_value is missing: ${measures} is charged on the value less its US content; the whole value was charged` });
  }
  if (plan.readsContent && shipment.content === null) {
    const content = plan.duties.filter((a) => a.basis === "content").map((a) => a.measure);
    const rest = plan.duties.filter((a) => a.basis === "non_content").map((a) => a.measure);
    const what = [content.length ? `${content.join(", ")} (charged on the metal content: the whole value was charged)` : "", rest.length ? `${rest.join(", ")} (charged on the value less the metal content: nothing was charged)` : ""].filter((x) => x !== "").join("; ");
    out.push({ line: shipment.line, column: "content_value", message: `content_value is missing: ${what}; give content_value for the exact answer` });
  }
  return out;
}

/** The result of a plan that charges as `like`'s did (equal keys, same shipment): its amounts, the plan's own skipped measures. */
export function resultLike(like: LineResult, plan: Plan): LineResult {
  return { shipment: like.shipment, dutyCurrency: like.dutyCurrency, customsValue: like.customsValue, duties: like.duties, skipped: plan.skipped, duty: like.duty, fees: like.fees, charges: plan.key, plan };
}

/** The value less its US content, the content counted only up to `cap` of the value (rounded like the value). */
function capUsContent(bases: Bases, cap: Decimal, rounding: ImporterRules["valueRounding"]): Decimal {
  const usContent = sub(bases.value, bases.non_us_content);
  const most = mulRounded(bases.value, cap, ROUNDING_PLACES[rounding]);
  return sub(bases.value, compare(usContent, most) > 0 ? most : usContent);
}

/** The amounts of a line under a plan, from its bases (`basesOf` with the importer's rounding). */
export function lineResult(shipment: Shipment, rules: ImporterRules, bases: Bases, plan: Plan): LineResult {
  const duties: Duty[] = [];
  let duty: Decimal | undefined;
  // The duties' loop is the hot path of every run: kept to duties alone (fees and taxes, when charged, after it).
  const charges = plan.duties;
  for (let i = 0; i < charges.length; i++) {
    const c = charges[i]!;
    const rest = c.rest;
    let base = bases[c.basis];
    // Proclamation 11032, note 16(j): only US content up to a share of the value is left uncharged.
    if (c.usContentCap && c.basis === "non_us_content") base = capUsContent(bases, c.usContentCap, rules.valueRounding);
    // A share charges the basis less the rest, the rest rounded: CUSMA vehicles pay 25% × (A − B), B = 15% of A (SOR/2025-118 s. 2(2)).
    if (rest) base = sub(base, mulRounded(base, rest, ROUNDING_PLACES[rules.valueRounding]));
    const amount = applyFraction(base, c.fraction, rules.dutyRounding);
    duties.push({ measure: c.measure, heading: c.heading, rate: c.rate, basis: c.basis, share: c.share, usContentCap: c.usContentCap, base, amount });
    duty = duty === undefined ? amount : add(duty, amount);
  }
  const lineDuty = roundHalfAwayFromZero(duty ?? ZERO, 2);

  return {
    shipment,
    dutyCurrency: rules.currency,
    customsValue: bases.value, // what the duty is computed on: rounded by the importer's rule (whole dollars for US)
    duties,
    skipped: plan.skipped,
    duty: lineDuty,
    fees: plan.fees.length === 0 ? NO_LINE_FEES : lineFees(shipment, rules, bases, plan, lineDuty),
    charges: plan.key,
    plan,
  };
}

/** The fees and taxes of a line (after its duty: a tax's base can include it). */
function lineFees(shipment: Shipment, rules: ImporterRules, bases: Bases, plan: Plan, duty: Decimal): LineFee[] {
  const fees: LineFee[] = [];
  for (const c of plan.fees) {
    let base: Decimal;
    if (c.kind === "fee") {
      // A fee of some modes only (HMF: vessels): a line of another mode, or of none given, is not charged.
      if (c.modes !== null && (shipment.mode === null || !c.modes.includes(shipment.mode))) continue;
      base = bases.value;
    } else base = taxBase(c, shipment, bases, duty);
    fees.push({ charge: c, base, amount: applyFraction(base, c.fraction, rules.dutyRounding) });
  }
  return fees;
}

/** Shared by every line without fees (never written to). */
const NO_LINE_FEES: LineFee[] = [];

/**
 * A tax's base on a line: the sum of its parts (computation.md A3: value for
 * tax = value for duty + customs duty + surtax + SIMA duties + excise). The
 * duty is the line's duty under the schedule's measures, already rounded; the
 * declared parts are the line's columns, in the duty currency, 0 when empty.
 */
function taxBase(c: TaxCharge, shipment: Shipment, bases: Bases, duty: Decimal): Decimal {
  let sum: Decimal = ZERO;
  for (const part of c.base) {
    const amount = part === "value" ? bases.value : part === "duty" ? duty : shipment.otherCharges[part];
    if (amount !== undefined) sum = add(sum, amount);
  }
  return sum;
}
