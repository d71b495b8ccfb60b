/**
 * The pricing engine: built from one or more schedules (a calc has one, a
 * comparison one per scenario), it owns everything worked out once and
 * reused while a file is priced: each schedule's plans and the tables that
 * cache them, the joint plans of all its schedules, and the numbers its plans'
 * keys are given. Nothing is kept outside an engine (no module state): two
 * engines never share a plan or a key.
 *
 * A plan's key is a number for the text of its importer's rules and its whole
 * charge list (`valueKey`): two plans of one engine with the same key charge
 * a line alike, so a comparison reuses one scenario's amounts for another
 * without a hand-written list of what "alike" means.
 */
import { getOrCreate } from "../maps.js";
import { type Product, productKey } from "../lookup/product.js";
import { type ImporterCode, type ImporterRules, type MeasureDef, type Schedule, listsRead } from "../schedule/model.js";
import { type Charge, valueKey } from "./charges.js";
import { type ChargeLists, type FeeRoute, type LineResult, type Plan, type Prohibition, feeRoute, basesOf, lineResult, makePlan, planWarnings, positiveBits, prohibitedRejection, resultLike } from "./compute.js";
import { type GoodsKey, PlanTable, type Situation } from "./plan-table.js";
import type { Rejection, RowWarning, Shipment } from "./shipment.js";

export interface EngineOptions {
  /** Charge the schedules' fees and taxes with the duty (`--fees`); off by default, so plans hold duties only. */
  fees?: boolean;
}

export type Priced = { ok: true; result: LineResult; warnings: RowWarning[] } | { ok: false; rejection: Rejection };

/**
 * A line under every schedule of an engine: its results (`results[i]` under
 * schedule i, sharing the first's amounts where the plans' keys are equal) and
 * the warnings of its plan under the first; or the schedules that ban it.
 */
export type PricedAll = { ok: true; results: LineResult[]; warnings: RowWarning[] } | { ok: false; banned: number[]; rejection: Rejection };

interface Route {
  measures: MeasureDef[];
  fees: FeeRoute[];
}

interface ScheduleCache {
  schedule: Schedule;
  plans: PlanTable<Plan>;
  /** Every heading an exemption of the schedule can be claimed with. */
  claims: Set<string>;
  /** The measures and fees of each route (importer, then origin). */
  routes: Map<string, Map<string, Route>>;
  /** Each fee with what its periods charge, made once. */
  fees: FeeRoute[];
  /** The product lists each importer's measures read (their scopes and list exemptions). */
  reads: Record<ImporterCode, ReadonlySet<string>>;
  /** Per importer, `Product.key` → the key of the same goods without the lists that importer's measures never read. */
  narrowed: Record<ImporterCode, Map<string, string>>;
  /** Per importer, how its plan table tells goods apart (`narrowedKey`): asked once per product the table meets. */
  goodsKeys: Record<ImporterCode, GoodsKey>;
}

/** Bound of each `narrowed` map (one entry per distinct goods a file has; claims make them many in a crafted file). */
const MAX_NARROWED = 100_000;
/** Bound of the key texts remembered; past it they start over (a text then gets a new number, never an old one). */
const MAX_KEYS = 50_000;
/**
 * Bound of a schedule's plan cache, in array slots: 32 MiB at 8 bytes a slot,
 * a plan (with its skipped measures) counted as 1 KiB (measured: about 0.6).
 * Past it, the cache starts over. A file of real codes from every list of the
 * embedded schedule over two years makes about 19,000 plans (`npm run
 * bench:codes`, the lists file): they fit, so none is worked out twice.
 */
const MAX_CACHED_SLOTS = 4 * 1024 * 1024;
const PLAN_SLOTS = 128;
/** Array slots and plan references the joint plans may hold before they start over. */
const MAX_JOINT_SLOTS = 1_000_000;

/**
 * Every date a period of these schedules starts or ends on, or a code joins or
 * leaves a list (and with `fees`, a fee's period starts or ends), sorted: the
 * boundaries of their plans' intervals (nothing a plan reads changes inside one).
 */
export function periodBoundaries(schedules: readonly Schedule[], fees = false): string[] {
  const dates = new Set<string>();
  const add = (d: { from?: string; until?: string }) => {
    if (d.from !== undefined) dates.add(d.from);
    if (d.until !== undefined) dates.add(d.until);
  };
  for (const schedule of schedules) {
    for (const m of schedule.measures) for (const p of m.periods) add(p);
    for (const l of schedule.lists) for (const e of l.entries) add(e);
    if (fees) for (const f of schedule.fees) for (const p of f.periods) add(p);
  }
  return [...dates].sort();
}

function claimableHeadings(schedule: Schedule): Set<string> {
  const out = new Set<string>();
  for (const m of schedule.measures) for (const p of m.periods) for (const e of p.exemptions) if (e !== "usmca" && e.claim !== undefined) out.add(e.claim);
  return out;
}

export class PricingEngine {
  readonly schedules: readonly Schedule[];
  /** Whether plans charge the schedules' fees and taxes. */
  readonly chargesFees: boolean;
  private readonly caches: (ScheduleCache | undefined)[];
  private readonly keys = new Map<string, number>();
  /** The key text of charge objects and importer's rules that plans share (fees' charges are made once per schedule). */
  private readonly texts = new WeakMap<object, string>();
  private nextKey = 0;
  /** The charge lists of the first plan made with each key: later plans with that key share them (`ChargeLists`). */
  private readonly lists = new Map<number, ChargeLists>();
  private readonly sharedLists = (key: number, lists: ChargeLists): ChargeLists => {
    const first = this.lists.get(key);
    if (first !== undefined) return first;
    this.lists.set(key, lists);
    return lists;
  };
  /** The plans of every schedule for a line situation, found with one lookup (made when first wanted). */
  private joint: PlanTable<Plan[]> | undefined;

  constructor(schedules: readonly Schedule[], options: EngineOptions = {}) {
    if (schedules.length === 0) throw new Error("internal: an engine needs a schedule");
    this.schedules = schedules;
    this.chargesFees = options.fees === true;
    this.caches = schedules.map(() => undefined);
  }

  private cache(i: number): ScheduleCache {
    let cache = this.caches[i];
    if (cache === undefined) {
      const schedule = this.schedules[i]!;
      const made: Omit<ScheduleCache, "goodsKeys"> = {
        schedule,
        plans: new PlanTable<Plan>(periodBoundaries([schedule], this.chargesFees), MAX_CACHED_SLOTS, PLAN_SLOTS),
        claims: claimableHeadings(schedule),
        routes: new Map(),
        fees: this.chargesFees ? schedule.fees.map(feeRoute) : [],
        reads: listsRead(schedule),
        narrowed: { US: new Map(), CA: new Map() },
      };
      cache = { ...made, goodsKeys: { US: (p) => narrowedKey(made, "US", p), CA: (p) => narrowedKey(made, "CA", p) } };
      this.caches[i] = cache;
    }
    return cache;
  }

  private route(cache: ScheduleCache, importer: string, origin: string): Route {
    const byOrigin = getOrCreate(cache.routes, importer, () => new Map<string, Route>());
    return getOrCreate(byOrigin, origin, () => ({
      measures: cache.schedule.measures.filter((m) => m.importer === importer && m.origins.includes(origin)),
      fees: cache.fees.filter(({ def: f }) => f.importer === importer && (f.origins === null || f.origins.includes(origin))),
    }));
  }

  /** The key of what a plan charges under its importer's rules: equal numbers, equal texts. */
  private keyOf(rules: ImporterRules, charges: readonly Charge[]): number {
    // The text of [rules, ...charges] (valueKey of each), shared objects' texts made once.
    let text = this.textOf(rules);
    for (const c of charges) text += "," + (c.kind === "duty" ? valueKey(c) : this.textOf(c));
    let key = this.keys.get(text);
    if (key === undefined) {
      if (this.keys.size >= MAX_KEYS) {
        // Bounded; a cleared text only gets a new number (and its plans' lists are no longer shared with later ones).
        this.keys.clear();
        this.lists.clear();
      }
      key = this.nextKey++;
      this.keys.set(text, key);
    }
    return key;
  }

  private textOf(o: object): string {
    let text = this.texts.get(o);
    if (text === undefined) {
      text = valueKey(o);
      this.texts.set(o, text);
    }
    return text;
  }

  /**
   * The plan of schedule `i` for a line situation. `positive`: which bases
   * are above zero (`positiveBits`).
   */
  plan(i: number, line: Situation, positive: number): Plan {
    const cache = this.cache(i);
    // One lookup of the situation's slots, read and (the first time) written.
    const slots = cache.plans.slots(line, cache.goodsKeys[line.importer]);
    let plan = slots[PlanTable.slotOf(line.usmca, positive)];
    if (plan === undefined) {
      const route = this.route(cache, line.importer, line.origin);
      const rules = cache.schedule.importers[line.importer];
      plan = makePlan(route.measures, route.fees, line, positive, (charges) => this.keyOf(rules, charges), this.sharedLists);
      // A plan that did not weigh the bases serves the line's other combinations of bases too.
      cache.plans.fill(slots, line.usmca, positive, plan, !plan.readsBases);
    }
    return plan;
  }

  /**
   * The plans of every schedule for a line, found with one lookup. The union
   * of the schedules' period boundaries cuts time into intervals on each of
   * which every schedule has one plan, so one table holds them all.
   */
  plans(line: Situation, positive: number): Plan[] {
    this.joint ??= new PlanTable<Plan[]>(periodBoundaries(this.schedules, this.chargesFees), MAX_JOINT_SLOTS, this.schedules.length);
    let plans = this.joint.get(line, positive);
    if (!plans) {
      plans = this.schedules.map((_, i) => this.plan(i, line, positive));
      // Plans that did not weigh the bases serve the other combinations of bases too (Plan.readsBases).
      this.joint.set(line, positive, plans, !plans.some((p) => p.readsBases));
    }
    return plans;
  }

  /** What schedule `i`'s plan of a line finds worth saying about it. */
  warnings(i: number, shipment: Shipment, plan: Plan): RowWarning[] {
    return planWarnings(this.cache(i).claims, shipment, plan);
  }

  /**
   * One line priced under schedule `i`, or rejected because a measure bans its
   * entry (a ban is not a rate: the line is never priced). Warnings: claims
   * that made no exemption hold, a content basis without the content.
   */
  price(i: number, shipment: Shipment): Priced {
    const rules = this.schedules[i]!.importers[shipment.importer];
    const bases = basesOf(shipment, rules.valueRounding);
    const plan = this.plan(i, shipment, positiveBits(bases));
    if (plan.prohibition) return { ok: false, rejection: prohibitedRejection(shipment, plan.prohibition) };
    return { ok: true, result: lineResult(shipment, rules, bases, plan), warnings: this.warnings(i, shipment, plan) };
  }

  /**
   * The amounts of one line under schedule `i`, bans not checked. `like`,
   * when given, is the result of the same shipment under another schedule of
   * this engine: if this schedule charges the line alike (equal keys), its
   * amounts are reused rather than worked out again.
   */
  line(i: number, shipment: Shipment, like?: LineResult): LineResult {
    const rules = this.schedules[i]!.importers[shipment.importer];
    const bases = basesOf(shipment, rules.valueRounding);
    const plan = this.plan(i, shipment, positiveBits(bases));
    if (like !== undefined && like.shipment === shipment && like.charges === plan.key) return resultLike(like, plan);
    return lineResult(shipment, rules, bases, plan);
  }

  /**
   * One line under every schedule: `shipments[i]` is its reading under
   * schedule i (the same object where schedules read rows alike). A line
   * some schedule bans is not priced: the schedules that ban it are returned.
   */
  priceAll(shipments: readonly Shipment[]): PricedAll {
    const n = this.schedules.length;
    const first = shipments[0]!;
    if (n === 1) {
      const rules = this.schedules[0]!.importers[first.importer];
      const bases = basesOf(first, rules.valueRounding);
      const plan = this.plan(0, first, positiveBits(bases));
      if (plan.prohibition) return banned(first, [0], plan.prohibition);
      return { ok: true, results: [lineResult(first, rules, bases, plan)], warnings: this.warnings(0, first, plan) };
    }
    let joint = true;
    for (let i = 1; i < n; i++) if (shipments[i] !== first) joint = false;
    if (joint) {
      // One reading: equal importer's rules (part of what reading compares), so equal bases, and one lookup of all the plans.
      const rules = this.schedules[0]!.importers[first.importer];
      const bases = basesOf(first, rules.valueRounding);
      const plans = this.plans(first, positiveBits(bases));
      const by = bannedBy(plans);
      if (by) return banned(first, by, plans[by[0]!]!.prohibition!);
      const base = lineResult(first, rules, bases, plans[0]!);
      const results: LineResult[] = new Array(n);
      results[0] = base;
      for (let i = 1; i < n; i++) {
        const plan = plans[i]!;
        results[i] = plan.key === base.charges ? resultLike(base, plan) : lineResult(first, rules, bases, plan);
      }
      return { ok: true, results, warnings: this.warnings(0, first, plans[0]!) };
    }
    const results: LineResult[] = new Array(n);
    const base = this.line(0, first);
    results[0] = base;
    // A schedule that reads the row alike and charges it alike shares the base's amounts (`line`'s `like`).
    for (let i = 1; i < n; i++) results[i] = this.line(i, shipments[i]!, base);
    const by = bannedBy(results.map((r) => r.plan));
    if (by) return banned(first, by, results[by[0]!]!.plan.prohibition!);
    return { ok: true, results, warnings: this.warnings(0, first, base.plan) };
  }
}

function banned(shipment: Shipment, by: number[], p: Prohibition): PricedAll {
  return { ok: false, banned: by, rejection: prohibitedRejection(shipment, p) };
}

function bannedBy(plans: readonly Plan[]): number[] | undefined {
  let out: number[] | undefined;
  for (let i = 0; i < plans.length; i++) if (plans[i]!.prohibition) (out ??= []).push(i);
  return out;
}

/**
 * The plan-table key of goods for an importer: `Product.key` when every list
 * the goods are on is read by that importer's measures (most lines: nothing
 * to build), else the key of the goods without the other lists. Real files
 * hold codes of both countries' lists: without this, each code would get its
 * own plans for both importers.
 */
function narrowedKey(cache: Pick<ScheduleCache, "reads" | "narrowed">, importer: ImporterCode, product: Product): string {
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

/** One line under one schedule, with an engine of its own: for a single question (tests, `rates`); a file is priced with one engine. */
export function priceLine(schedule: Schedule, shipment: Shipment, options: EngineOptions = {}): Priced {
  return new PricingEngine([schedule], options).price(0, shipment);
}

/** The amounts of one line under one schedule (bans not checked), with an engine of its own: for a single question. */
export function computeLine(schedule: Schedule, shipment: Shipment, options: EngineOptions = {}): LineResult {
  return new PricingEngine([schedule], options).line(0, shipment);
}
