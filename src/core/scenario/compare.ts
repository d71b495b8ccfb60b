/**
 * Scenario comparison: the same shipment lines computed under several
 * schedules, folded into totals per scenario, and the change of every other
 * scenario against the first (the base): by currency, sector, measure and
 * month, and the lines that change most. One pass; memory is the totals and
 * the top-N lines, whatever the file's size.
 */
import { type Decimal, ZERO, abs, compare, divideRounded, isZero, mul, sub } from "../money/decimal.js";
import { computeLine, type LineResult } from "../duty/compute.js";
import { parseShipment, type Rejection, type Row, type RowWarning, type Shipment, type ShipmentContext } from "../duty/shipment.js";
import { type Totals, addLine, emptyTotals } from "../duty/totals.js";
import { SectorIndex } from "../lookup/sector.js";
import { firstDate, type Schedule } from "../schedule/model.js";
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

export class Comparison {
  private readonly contexts: ShipmentContext[];
  private readonly totals: Totals[];
  private readonly top: Map<string, TopLines>[];
  /** For each scenario, the (earlier or same) scenario whose reading of a row it shares. */
  private readonly readsLike: number[];
  readonly rejected: Rejection[] = [];
  readonly warnings: RowWarning[] = [];
  readonly counts = { read: 0, computed: 0, rejected: 0 };

  constructor(readonly scenarios: Scenario[], fx: FxTable | undefined, private readonly topN: number) {
    if (scenarios.length === 0) throw new Error("internal: no scenario");
    this.contexts = scenarios.map((s) => ({ schedule: s.schedule, sectors: new SectorIndex(s.schedule), firstDate: firstDate(s.schedule), fx }));
    // Reading a row depends on the schedule only through its sectors, importers and first date; overlays
    // rarely change those, so scenarios that agree with an earlier one reuse its reading of the row.
    const signatures = scenarios.map((s, i) => JSON.stringify([s.schedule.sectors, s.schedule.importers, this.contexts[i]!.firstDate]));
    this.readsLike = signatures.map((sig, i) => signatures.indexOf(sig) === i ? i : signatures.indexOf(sig));
    this.totals = scenarios.map(() => emptyTotals());
    this.top = scenarios.map(() => new Map());
  }

  reject(r: Rejection): void {
    this.counts.read++;
    this.counts.rejected++;
    this.rejected.push(r);
  }

  /** One shipment row under every scenario. A row rejected under any scenario is rejected (so every scenario sums the same lines). */
  add(row: Row): { ok: true; results: LineResult[] } | { ok: false; rejection: Rejection } {
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
    this.counts.read++;
    this.counts.computed++;
    if (warnings !== undefined && warnings.length > 0) this.warnings.push(...warnings);
    const results: LineResult[] = new Array(n);
    const base = computeLine(this.scenarios[0]!.schedule, shipments[0]!);
    results[0] = base;
    addLine(this.totals[0]!, base);
    for (let i = 1; i < n; i++) {
      // Scenarios that read the row alike and charge it alike share the base's amounts (computeLine's `like`).
      const r = computeLine(this.scenarios[i]!.schedule, shipments[i]!, base);
      results[i] = r;
      addLine(this.totals[i]!, r);
      // Every currency of the file is listed, with or without lines that change.
      const byCurrency = this.top[i]!;
      let top = byCurrency.get(r.currency);
      if (!top) {
        top = new TopLines(this.topN);
        byCurrency.set(r.currency, top);
      }
      if (r.charges === base.charges && r.shipment === base.shipment) continue; // charged alike: no change on this line
      if (top.wants(sub(r.duty, base.duty), r.shipment.line)) top.offer(lineChange(base, r));
    }
    return { ok: true, results };
  }

  result(): ComparisonResult {
    return {
      scenarios: this.scenarios,
      totals: new Map(this.scenarios.map((s, i) => [s.name, this.totals[i]!])),
      top: new Map(this.scenarios.slice(1).map((s, k) => [s.name, new Map([...this.top[k + 1]!].map(([c, t]) => [c, t.lines]))])),
      rejected: this.rejected,
      warnings: this.warnings,
      counts: this.counts,
    };
  }
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

