/**
 * Scenario comparison: the same shipment lines computed under several
 * schedules, folded into totals per scenario, and the change of every other
 * scenario against the first (the base): by currency, sector, measure and
 * month, and the lines that change most. One pass; memory is the totals and
 * the top-N lines, whatever the file's size.
 */
import { type Decimal, ZERO, abs, compare, divideRounded, isZero, mul, sub } from "../money/decimal.js";
import type { LineResult } from "../duty/compute.js";
import { PricingEngine } from "../duty/engine.js";
import { Run, type ScenarioTotals } from "../duty/run.js";
import { getOrCreate } from "../maps.js";
import type { Reading } from "../duty/mapping.js";
import type { Rejection, Row, RowWarning } from "../duty/shipment.js";
import type { Totals } from "../duty/totals.js";
import type { Schedule } from "../schedule/model.js";
import type { FxTable } from "../duty/fx.js";

export interface Scenario {
  name: string;
  schedule: Schedule;
}

/**
 * A scenario's delta against the base: before, after and their difference.
 * (Named apart from an overlay's `OverlayChange` and a schedule diff's
 * `Difference`: three things that were all called Change.)
 */
export interface Delta {
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

export function deltaOf(before: Decimal, after: Decimal): Delta {
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
  /** Each scenario's entries and fees (null unless asked for), by name. */
  charged: Map<string, ScenarioTotals>;
  top: Map<string, Map<string, LineChange[]>>;
  rejected: Rejection[];
  warnings: RowWarning[];
  counts: { read: number; computed: number; rejected: number };
}

export interface ComparisonOptions {
  /** Charge the schedules' fees and taxes (`--fees`). */
  fees?: boolean;
  /** Fold lines into entries. */
  entries?: boolean;
}

/**
 * The same shipment rows under several scenarios: a run of a pricing engine
 * built from their schedules, plus the lines that change most against the
 * base.
 */
export class Comparison {
  private readonly run: Run;
  private readonly top: Map<string, TopLines>[];
  readonly rejected: Rejection[] = [];
  /** Kept only without `listener` (then the caller takes each as it comes, and memory stays flat). */
  readonly warnings: RowWarning[] = [];

  constructor(
    readonly scenarios: Scenario[],
    fx: FxTable | undefined,
    private readonly topN: number,
    private readonly listener?: { rejected(r: Rejection): void; warning(w: RowWarning): void },
    reading: Reading = {},
    options: ComparisonOptions = {},
  ) {
    if (scenarios.length === 0) throw new Error("internal: no scenario");
    this.top = scenarios.map(() => new Map());
    const engine = new PricingEngine(scenarios.map((s) => s.schedule), { fees: options.fees === true });
    this.run = new Run(engine, scenarios.map((s) => s.name), { fx, reading, entries: options.entries === true, onDiffer: (i, base, r) => this.differs(i, base, r) });
  }

  get counts(): { read: number; computed: number; rejected: number } {
    return this.run.counts;
  }

  reject(r: Rejection): void {
    this.run.reject(r);
    this.noteRejection(r);
  }

  private noteRejection(r: Rejection): void {
    if (this.listener) this.listener.rejected(r);
    else this.rejected.push(r);
  }

  /**
   * One shipment row under every scenario. A row rejected under any scenario
   * is rejected (so every scenario sums the same lines). `results`: the line
   * under each scenario.
   */
  add(row: Row, _results = true): { ok: true; results: LineResult[] } | { ok: false; rejection: Rejection } {
    const added = this.run.add(row);
    if (!added.ok) {
      this.noteRejection(added.rejection);
      return added;
    }
    if (added.warnings.length > 0) {
      if (this.listener) for (const w of added.warnings) this.listener.warning(w);
      else this.warnings.push(...added.warnings);
    }
    return { ok: true, results: added.results };
  }

  /** Scenario `i` charges a line differently from the base: kept for its top lines. */
  private differs(i: number, base: LineResult, r: LineResult): void {
    const top = topOf(this.top[i]!, r.dutyCurrency, this.topN);
    if (top.wants(sub(r.duty, base.duty), r.shipment.line)) top.offer(lineChange(base, r));
  }

  result(): ComparisonResult {
    const run = this.run.result();
    const totals = run.scenarios.map((s) => s.totals);
    // Every currency of a scenario's lines is listed in its top lines, with or without lines that change.
    totals.forEach((t, i) => {
      if (i > 0) for (const c of t.keys()) topOf(this.top[i]!, c, this.topN);
    });
    return {
      scenarios: this.scenarios,
      totals: new Map(this.scenarios.map((s, i) => [s.name, totals[i]!])),
      charged: new Map(this.scenarios.map((s, i) => [s.name, run.scenarios[i]!])),
      top: new Map(this.scenarios.slice(1).map((s, k) => [s.name, new Map([...this.top[k + 1]!].map(([c, t]) => [c, t.lines]))])),
      rejected: this.rejected,
      warnings: this.warnings,
      counts: this.counts,
    };
  }
}

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
  return { line: s.line, id: s.id, date: s.date, importer: s.importer, sector: s.sector, currency: after.dutyCurrency, before: before.duty, after: after.duty, change: sub(after.duty, before.duty), measures };
}

/** Delta per key of a breakdown (keys of either side; a missing side counts 0). */
export function deltasByKey(before: Map<string, { duty: Decimal }>, after: Map<string, { duty: Decimal }>): Map<string, Delta> {
  const keys = [...new Set([...before.keys(), ...after.keys()])].sort();
  return new Map(keys.map((k) => [k, deltaOf(before.get(k)?.duty ?? ZERO, after.get(k)?.duty ?? ZERO)]));
}

export function currencyDeltas(before: Totals, after: Totals): Map<string, Delta> {
  return deltasByKey(before, after);
}

