/**
 * Scenario comparison: the same shipment lines computed under several
 * schedules, folded into totals per scenario, and the change of every other
 * scenario against the first (the base): by currency, sector, measure and
 * month, and the lines that change most. One pass; memory is the totals and
 * the top-N lines, whatever the file's size.
 */
import { type Decimal, ZERO, abs, compare, divideRounded, isZero, mul, sub } from "../money/decimal.js";
import { type LineResult, type Plan, basesOf, computeLine, lineResult, periodBoundaries, planFor, planWarnings, positiveBits, prohibitedRejection, resultLike } from "../duty/compute.js";
import { PlanTable } from "../duty/plan-table.js";
import { getOrCreate } from "../maps.js";
import type { Reading } from "../duty/mapping.js";
import { parseShipment, type Rejection, type Row, type RowWarning, type Shipment, type ShipmentContext, shipmentContext } from "../duty/shipment.js";
import { type Totals, addChange, addLine, combineTotals, emptyTotals } from "../duty/totals.js";
import type { Schedule } from "../schedule/model.js";
import type { FxTable } from "../duty/fx.js";

export interface Scenario {
  name: string;
  schedule: Schedule;
}

export interface Change {
  before: Decimal;
  after: Decimal;
  change: Decimal;
  /** change / before in percent, two decimals; undefined when before is 0. */
  percent: Decimal | undefined;
}

export interface LineChange {
  line: number;
  id: string | null;
  date: string;
  importer: string;
  sector: string;
  currency: string;
  before: Decimal;
  after: Decimal;
  change: Decimal;
  /** The measures whose amounts differ, with both amounts: what caused the change. */
  measures: { measure: string; before: Decimal; after: Decimal; change: Decimal }[];
}

export function changeOf(before: Decimal, after: Decimal): Change {
  const change = sub(after, before);
  return { before, after, change, percent: divideRounded(mul(change, { units: 100, scale: 0 }), before, 2) };
}

/** Keeps the N lines with the largest absolute change (ties: earlier line first). */
class TopLines {
  readonly lines: LineChange[] = [];
  constructor(private readonly n: number) {}

  /** Whether a line with this change would enter the list: checked before the line's change is itemised. */
  wants(change: Decimal, line: number): boolean {
    if (this.n === 0 || isZero(change)) return false;
    if (this.lines.length < this.n) return true;
    const last = this.lines[this.lines.length - 1]!;
    const k = compare(abs(change), abs(last.change));
    return k > 0 || (k === 0 && line < last.line);
  }

  offer(c: LineChange): void {
    if (!this.wants(c.change, c.line)) return;
    const better = (a: LineChange, b: LineChange) => {
      const k = compare(abs(a.change), abs(b.change));
      return k > 0 || (k === 0 && a.line < b.line);
    };
    let i = this.lines.findIndex((x) => better(c, x));
    if (i < 0) i = this.lines.length;
    this.lines.splice(i, 0, c);
    if (this.lines.length > this.n) this.lines.pop();
  }
}

export interface ComparisonResult {
  scenarios: Scenario[];
  totals: Map<string, Totals>;
  top: Map<string, Map<string, LineChange[]>>;
  rejected: Rejection[];
  warnings: RowWarning[];
  counts: { read: number; computed: number; rejected: number };
}

/**
 * The plans of every scenario for a line, found with one lookup. Scenarios
 * that read rows alike share a line's route, sector, USMCA status and bases;
 * the union of their period boundaries cuts time into intervals on each of
 * which every scenario has one plan, so one table holds them all.
 */
class JointPlans {
  private readonly table: PlanTable<Plan[]>;

  constructor(private readonly schedules: Schedule[]) {
    this.table = new PlanTable<Plan[]>(periodBoundaries(schedules), MAX_JOINT_SLOTS, schedules.length);
  }

  plansFor(shipment: Shipment, positive: number): Plan[] {
    let plans = this.table.get(shipment, positive);
    if (!plans) {
      plans = this.schedules.map((schedule) => planFor(schedule, shipment, positive));
      // Plans that did not weigh the bases serve the other combinations of bases too (Plan.readsBases).
      this.table.set(shipment, positive, plans, !plans.some((p) => p.readsBases));
    }
    return plans;
  }
}

/** Array slots and plan references a JointPlans may hold before it starts over. */
const MAX_JOINT_SLOTS = 1_000_000;

export class Comparison {
  private readonly contexts: ShipmentContext[];
  /**
   * The base's totals; for every other scenario, the differences on the
   * lines it charges differently (`addChange`). A scenario's totals are the
   * base's plus those (`combineTotals`), so lines charged alike (most of
   * them, for most what-ifs) cost nothing more than the base.
   */
  private readonly totals: Totals;
  private readonly changes: Totals[];
  private readonly top: Map<string, TopLines>[];
  /** For each scenario, the (earlier or same) scenario whose reading of a row it shares. */
  private readonly readsLike: number[];
  /** Set when every scenario reads rows as the base does: then one reading and one plan lookup serve all. */
  private readonly joint: JointPlans | undefined;
  readonly rejected: Rejection[] = [];
  /** Kept only without `listener` (then the caller takes each as it comes, and memory stays flat). */
  readonly warnings: RowWarning[] = [];
  readonly counts = { read: 0, computed: 0, rejected: 0 };

  constructor(
    readonly scenarios: Scenario[],
    fx: FxTable | undefined,
    private readonly topN: number,
    private readonly listener?: { rejected(r: Rejection): void; warning(w: RowWarning): void },
    reading: Reading = {},
  ) {
    if (scenarios.length === 0) throw new Error("internal: no scenario");
    // The HS lookup depends only on sectors and lists (a few MB for the embedded schedule's): built once per distinct pair.
    const productSignatures = scenarios.map((s) => JSON.stringify([s.schedule.sectors, s.schedule.lists]));
    this.contexts = [];
    scenarios.forEach((s, i) => {
      const same = productSignatures.indexOf(productSignatures[i]!);
      this.contexts.push(shipmentContext(s.schedule, fx, same < i ? this.contexts[same]!.products : undefined, reading));
    });
    // Reading a row depends on the schedule only through its sectors, lists, importers and first date; overlays
    // rarely change those, so scenarios that agree with an earlier one reuse its reading of the row.
    const signatures = scenarios.map((s, i) => JSON.stringify([s.schedule.sectors, s.schedule.lists, s.schedule.importers, this.contexts[i]!.firstDate, [...this.contexts[i]!.listsOf.US], [...this.contexts[i]!.listsOf.CA]]));
    this.readsLike = signatures.map((sig, i) => signatures.indexOf(sig) === i ? i : signatures.indexOf(sig));
    this.totals = emptyTotals();
    this.changes = scenarios.map(() => emptyTotals());
    this.top = scenarios.map(() => new Map());
    if (this.readsLike.every((like) => like === 0)) this.joint = new JointPlans(scenarios.map((s) => s.schedule));
  }

  reject(r: Rejection): void {
    this.counts.read++;
    this.counts.rejected++;
    if (this.listener) this.listener.rejected(r);
    else this.rejected.push(r);
  }

  /**
   * One shipment row under every scenario. A row rejected under any scenario
   * is rejected (so every scenario sums the same lines). `results`: the line
   * under each scenario, for a caller that prints lines; without it (only
   * totals and top lines are wanted) the results are not assembled and come
   * back empty.
   */
  add(row: Row, results = true): { ok: true; results: LineResult[] } | { ok: false; rejection: Rejection } {
    return this.joint ? this.addJoint(row, this.joint, results) : this.addEach(row);
  }

  /** Every scenario reads the row as the base: one reading, one lookup of all the plans. */
  private addJoint(row: Row, joint: JointPlans, keep: boolean): { ok: true; results: LineResult[] } | { ok: false; rejection: Rejection } {
    const parsed = parseShipment(row, this.contexts[0]!);
    if (!parsed.ok) {
      this.reject(parsed.rejection);
      return parsed;
    }
    const shipment = parsed.shipment;
    // Equal readings mean equal importer terms (they are part of the reading's signature), so equal bases.
    const terms = this.scenarios[0]!.schedule.importers[shipment.importer];
    const bases = basesOf(shipment, terms.valueRounding);
    const plans = joint.plansFor(shipment, positiveBits(bases));
    const banned = this.prohibited(shipment, plans);
    if (banned) return { ok: false, rejection: banned };
    this.counts.read++;
    this.counts.computed++;
    if (parsed.warnings.length > 0) this.warn(parsed.warnings);
    const planned = planWarnings(this.scenarios[0]!.schedule, shipment, plans[0]!);
    if (planned.length > 0) this.warn(planned);
    const base = lineResult(shipment, terms, bases, plans[0]!);
    const results: LineResult[] = keep ? new Array(plans.length) : NO_RESULTS;
    if (keep) results[0] = base;
    addLine(this.totals, base);
    for (let i = 1; i < plans.length; i++) {
      const plan = plans[i]!;
      if (plan.charges !== base.charges) {
        const r = lineResult(shipment, terms, bases, plan);
        this.differs(i, base, r);
        if (keep) results[i] = r;
      } else if (keep) results[i] = resultLike(base, plan);
    }
    return { ok: true, results };
  }

  /** Scenarios that read rows differently: each reads and computes the row on its own. */
  private addEach(row: Row): { ok: true; results: LineResult[] } | { ok: false; rejection: Rejection } {
    const n = this.scenarios.length;
    const shipments: Shipment[] = new Array(n);
    let warnings: RowWarning[] | undefined;
    let failed: number[] | undefined;
    let firstRejection: Rejection | undefined;
    for (let i = 0; i < n; i++) {
      const like = this.readsLike[i]!;
      if (like < i) {
        shipments[i] = shipments[like]!;
        if (shipments[i] === undefined) (failed ??= []).push(i);
        continue;
      }
      const p = parseShipment(row, this.contexts[i]!);
      if (p.ok) {
        shipments[i] = p.shipment;
        warnings ??= p.warnings;
      } else {
        (failed ??= []).push(i);
        firstRejection ??= p.rejection;
      }
    }
    if (failed !== undefined) {
      const base = firstRejection!;
      // A row every scenario rejects is simply rejected; otherwise say under which scenarios.
      const rejection = failed.length === n ? base : { ...base, reason: `${base.reason} (under scenario${failed.length > 1 ? "s" : ""} ${failed.map((i) => this.scenarios[i]!.name).join(", ")})` };
      this.reject(rejection);
      return { ok: false, rejection };
    }
    const results: LineResult[] = new Array(n);
    const base = computeLine(this.scenarios[0]!.schedule, shipments[0]!);
    results[0] = base;
    for (let i = 1; i < n; i++) {
      // A scenario that reads the row alike and charges it alike shares the base's amounts (computeLine's `like`).
      results[i] = computeLine(this.scenarios[i]!.schedule, shipments[i]!, base);
    }
    const banned = this.prohibited(shipments[0]!, results.map((r) => r.plan));
    if (banned) return { ok: false, rejection: banned };
    this.counts.read++;
    this.counts.computed++;
    if (warnings !== undefined && warnings.length > 0) this.warn(warnings);
    const planned = planWarnings(this.scenarios[0]!.schedule, shipments[0]!, base.plan);
    if (planned.length > 0) this.warn(planned);
    addLine(this.totals, base);
    for (let i = 1; i < n; i++) {
      const r = results[i]!;
      if (r.charges !== base.charges || r.shipment !== base.shipment) this.differs(i, base, r);
    }
    return { ok: true, results };
  }

  private warn(warnings: RowWarning[]): void {
    if (this.listener) for (const w of warnings) this.listener.warning(w);
    else this.warnings.push(...warnings);
  }

  /**
   * A line whose entry a scenario bans is rejected (every scenario sums the
   * same lines), naming the scenarios when not all of them ban it.
   */
  private prohibited(shipment: Shipment, plans: readonly Plan[]): Rejection | undefined {
    const by = plans.flatMap((p, i) => (p.prohibition ? [i] : []));
    if (by.length === 0) return undefined;
    const base = prohibitedRejection(shipment, plans[by[0]!]!.prohibition!);
    const rejection = by.length === plans.length ? base : { ...base, reason: `${base.reason} (under scenario${by.length > 1 ? "s" : ""} ${by.map((i) => this.scenarios[i]!.name).join(", ")})` };
    this.reject(rejection);
    return rejection;
  }

  /** Scenario `i` charges a line differently from the base: kept for its totals and its top lines. */
  private differs(i: number, base: LineResult, r: LineResult): void {
    addChange(this.changes[i]!, base, r);
    const top = topOf(this.top[i]!, r.currency, this.topN);
    if (top.wants(sub(r.duty, base.duty), r.shipment.line)) top.offer(lineChange(base, r));
  }

  result(): ComparisonResult {
    const totals = this.scenarios.map((_, i) => (i === 0 ? this.totals : combineTotals(this.totals, this.changes[i]!)));
    // Every currency of a scenario's lines is listed in its top lines, with or without lines that change.
    totals.forEach((t, i) => {
      if (i > 0) for (const c of t.keys()) topOf(this.top[i]!, c, this.topN);
    });
    return {
      scenarios: this.scenarios,
      totals: new Map(this.scenarios.map((s, i) => [s.name, totals[i]!])),
      top: new Map(this.scenarios.slice(1).map((s, k) => [s.name, new Map([...this.top[k + 1]!].map(([c, t]) => [c, t.lines]))])),
      rejected: this.rejected,
      warnings: this.warnings,
      counts: this.counts,
    };
  }
}

/** What `add` gives back when results are not wanted (never written to). */
const NO_RESULTS: LineResult[] = [];

function topOf(byCurrency: Map<string, TopLines>, currency: string, n: number): TopLines {
  return getOrCreate(byCurrency, currency, () => new TopLines(n));
}

export function lineChange(before: LineResult, after: LineResult): LineChange {
  const amounts = new Map<string, { before: Decimal; after: Decimal }>();
  for (const d of before.duties) amounts.set(d.measure, { before: d.amount, after: ZERO });
  for (const d of after.duties) amounts.set(d.measure, { before: amounts.get(d.measure)?.before ?? ZERO, after: d.amount });
  const measures = [...amounts]
    .map(([measure, a]) => ({ measure, before: a.before, after: a.after, change: sub(a.after, a.before) }))
    .filter((m) => !isZero(m.change))
    .sort((a, b) => (a.measure < b.measure ? -1 : 1));
  const s = after.shipment;
  return { line: s.line, id: s.id, date: s.date, importer: s.importer, sector: s.sector, currency: after.currency, before: before.duty, after: after.duty, change: sub(after.duty, before.duty), measures };
}

/** Change per key of a breakdown (keys of either side; a missing side counts 0). */
export function changesByKey(before: Map<string, { duty: Decimal }>, after: Map<string, { duty: Decimal }>): Map<string, Change> {
  const keys = [...new Set([...before.keys(), ...after.keys()])].sort();
  return new Map(keys.map((k) => [k, changeOf(before.get(k)?.duty ?? ZERO, after.get(k)?.duty ?? ZERO)]));
}

export function currencyChanges(before: Totals, after: Totals): Map<string, Change> {
  return changesByKey(before, after);
}

