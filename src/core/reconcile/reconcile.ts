/**
 * Declared against computed (issue #15, `tariff reconcile`): per line and per
 * measure, what the file declares was charged, what the schedule computes, the
 * difference (declared − computed: positive when more was declared than the
 * schedule charges) and the measures that explain it; then per entry and per
 * currency, as sums of the lines. Every figure names the file lines behind it.
 *
 * Tolerance: a line matches when the absolute difference of its duty, and of
 * each measure it declares, is at most the tolerance (default 0.00: to the
 * cent). An entry matches when each of its lines does (the tolerance is per
 * line, not per entry).
 *
 * Pure: no I/O. Lines in, data out; the shell renders.
 */
import { type Decimal, ZERO, abs, add, compare, sub } from "../money/decimal.js";
import type { LineResult } from "../duty/compute.js";
import type { Declaration } from "./declared.js";
import { entryKey } from "../duty/shipment.js";

/** One measure of a line: computed on the line, declared on it, or both. */
export interface MeasureCheck {
  measure: string;
  /** The heading it was computed under, else the headings it was declared under. */
  heading: string | null;
  computed: Decimal;
  /** null: the line declares nothing for this measure. */
  declared: Decimal | null;
  /** declared − computed; null when not declared. */
  difference: Decimal | null;
  /** The file lines the declared amount is read from. */
  lines: number[];
}

/** Why a line's declared duty differs from the computed one. */
export interface Explanation {
  /**
   * `measure`: the measure is declared at another amount than computed;
   * `not-declared`: the one measure charged on the line without a declaration
   * of its own: the rest of the difference is its (a line declared as a total
   * with one measure charged, say);
   * `unknown-heading`: declared under a heading no measure of the schedule names;
   * `unexplained`: the rest, when nothing on the line pins it to a measure.
   */
  kind: "measure" | "not-declared" | "unknown-heading" | "unexplained";
  measure: string | null;
  heading: string | null;
  difference: Decimal;
  /** The file lines behind it. */
  lines: number[];
}

export type CheckStatus = "match" | "differs" | "undeclared";

export interface LineCheck {
  result: LineResult;
  status: CheckStatus;
  /** The line's declared duty; null when it declares none (status `undeclared`). */
  declared: Decimal | null;
  from: Declaration["from"];
  /** declared − computed (`result.duty`); null when undeclared. */
  difference: Decimal | null;
  /** Every measure computed or declared on the line: computed ones in the order charged, then declared ones. */
  measures: MeasureCheck[];
  /** Empty when the line matches. */
  explainedBy: Explanation[];
  /** Companion rows under headings no measure names (their amounts are in `declared`). */
  unknownHeadings: Declaration["unknownHeadings"];
}

const over = (d: Decimal, tolerance: Decimal) => compare(abs(d), tolerance) > 0;

/**
 * A priced line set against its declaration. `tolerance`: the largest
 * absolute difference still counted as a match (0 or more).
 */
export function reconcileLine(result: LineResult, declaration: Declaration, tolerance: Decimal): LineCheck {
  const measures: MeasureCheck[] = [];
  const seen = new Set<string>();
  const declaredOf = (measure: string): Decimal | null => declaration.byMeasure.get(measure)?.amount ?? (declaration.complete ? ZERO : null);
  for (const d of result.duties) {
    // A measure is charged once per line; guard anyway so that sums stay sums.
    const prior = measures.find((m) => m.measure === d.measure);
    if (prior) {
      prior.computed = add(prior.computed, d.amount);
      prior.difference = prior.declared === null ? null : sub(prior.declared, prior.computed);
      continue;
    }
    seen.add(d.measure);
    const declared = declaredOf(d.measure);
    measures.push({ measure: d.measure, heading: d.heading, computed: d.amount, declared, difference: declared === null ? null : sub(declared, d.amount), lines: declaration.byMeasure.get(d.measure)?.lines ?? [] });
  }
  for (const [measure, decl] of declaration.byMeasure) {
    if (seen.has(measure)) continue;
    measures.push({ measure, heading: decl.headings.join(" ") || null, computed: ZERO, declared: decl.amount, difference: decl.amount, lines: decl.lines });
  }

  if (declaration.total === null) {
    return { result, status: "undeclared", declared: null, from: null, difference: null, measures, explainedBy: [], unknownHeadings: [] };
  }
  const difference = sub(declaration.total, result.duty);
  const explainedBy: Explanation[] = [];
  let rest = difference;
  for (const m of measures) {
    if (m.difference === null) continue;
    rest = sub(rest, m.difference);
    if (over(m.difference, tolerance)) explainedBy.push({ kind: "measure", measure: m.measure, heading: m.heading, difference: m.difference, lines: m.lines });
  }
  for (const u of declaration.unknownHeadings) {
    rest = sub(rest, u.amount);
    if (over(u.amount, tolerance)) explainedBy.push({ kind: "unknown-heading", measure: null, heading: u.heading, difference: u.amount, lines: [u.line] });
  }
  if (over(rest, tolerance)) {
    // What the measures declared one by one leave: the measures charged without a declaration of their own.
    const open = measures.filter((m) => m.declared === null && compare(m.computed, ZERO) !== 0);
    if (open.length === 1) explainedBy.push({ kind: "not-declared", measure: open[0]!.measure, heading: open[0]!.heading, difference: rest, lines: [result.shipment.line] });
    else explainedBy.push({ kind: "unexplained", measure: null, heading: null, difference: rest, lines: [result.shipment.line] });
  }
  const status: CheckStatus = over(difference, tolerance) || explainedBy.length > 0 ? "differs" : "match";
  // Differences each within the tolerance can add up beyond it: then each of them is part of the answer.
  if (status === "differs" && explainedBy.length === 0) {
    for (const m of measures) if (m.difference !== null && compare(m.difference, ZERO) !== 0) explainedBy.push({ kind: "measure", measure: m.measure, heading: m.heading, difference: m.difference, lines: m.lines });
  }
  return { result, status, declared: declaration.total, from: declaration.from, difference, measures, explainedBy: status === "match" ? [] : explainedBy, unknownHeadings: declaration.unknownHeadings };
}

/** One measure over an entry's lines. */
export interface EntryMeasure {
  computed: Decimal;
  /** null when a line of the entry that has the measure declares nothing for it. */
  declared: Decimal | null;
  difference: Decimal | null;
}

/** An entry's lines summed (per currency: an entry's lines share one). */
export interface EntryCheck {
  /** The entry number; null for lines that give none. */
  entry: string | null;
  currency: string;
  /** The entry's date: its lines' date (the first line's, when they differ: see `dates`). */
  date: string;
  /** Every date its lines give, when more than one. */
  dates: string[];
  status: CheckStatus;
  /** The file lines of the entry, in file order. */
  lines: number[];
  computed: Decimal;
  /** null when a line of the entry declares nothing. */
  declared: Decimal | null;
  difference: Decimal | null;
  byMeasure: Map<string, EntryMeasure>;
  /** Lines that differ, and lines that declare nothing. */
  differing: number[];
  undeclared: number[];
}

/** Per currency: lines by status, and the sums. */
export interface ReconcileTotals {
  lines: number;
  matched: number;
  differing: number;
  undeclared: number;
  computed: Decimal;
  /** Over the lines that declare. */
  declared: Decimal;
  /** declared − computed over the lines that declare. */
  difference: Decimal;
  /** The computed duty of the lines that declare nothing (left out of `difference`). */
  computedUndeclared: Decimal;
}

/**
 * Folds line checks into entries and totals per currency. Memory grows with
 * the entries (their line numbers), not with what each line holds.
 */
export class ReconcileFold {
  private readonly entries = new Map<string, EntryCheck>();
  readonly totals = new Map<string, ReconcileTotals>();

  add(check: LineCheck): void {
    const r = check.result;
    const s = r.shipment;
    const key = `${r.dutyCurrency}\u0000${s.entry === null ? "" : entryKey(s.entry)}\u0000${s.entry === null ? "none" : "entry"}`;
    let e = this.entries.get(key);
    if (!e) {
      e = { entry: s.entry, currency: r.dutyCurrency, date: s.date, dates: [], status: "match", lines: [], computed: ZERO, declared: ZERO, difference: ZERO, byMeasure: new Map(), differing: [], undeclared: [] };
      this.entries.set(key, e);
    }
    e.lines.push(s.line);
    if (s.date !== e.date || e.dates.length > 0) {
      if (e.dates.length === 0) e.dates.push(e.date);
      if (!e.dates.includes(s.date)) e.dates.push(s.date);
    }
    e.computed = add(e.computed, r.duty);
    if (check.status === "undeclared") {
      e.undeclared.push(s.line);
      e.declared = null;
      e.difference = null;
    } else {
      if (e.declared !== null) e.declared = add(e.declared, check.declared!);
      if (e.difference !== null) e.difference = add(e.difference, check.difference!);
      if (check.status === "differs") e.differing.push(s.line);
    }
    e.status = e.differing.length > 0 ? "differs" : e.undeclared.length > 0 ? "undeclared" : "match";
    for (const m of check.measures) {
      const em = e.byMeasure.get(m.measure);
      if (!em) {
        e.byMeasure.set(m.measure, { computed: m.computed, declared: m.declared, difference: m.difference });
        continue;
      }
      em.computed = add(em.computed, m.computed);
      em.declared = em.declared === null || m.declared === null ? null : add(em.declared, m.declared);
      em.difference = em.difference === null || m.difference === null ? null : add(em.difference, m.difference);
    }

    let t = this.totals.get(r.dutyCurrency);
    if (!t) {
      t = { lines: 0, matched: 0, differing: 0, undeclared: 0, computed: ZERO, declared: ZERO, difference: ZERO, computedUndeclared: ZERO };
      this.totals.set(r.dutyCurrency, t);
    }
    t.lines++;
    t.computed = add(t.computed, r.duty);
    if (check.status === "undeclared") {
      t.undeclared++;
      t.computedUndeclared = add(t.computedUndeclared, r.duty);
    } else {
      if (check.status === "match") t.matched++;
      else t.differing++;
      t.declared = add(t.declared, check.declared!);
      t.difference = add(t.difference, check.difference!);
    }
  }

  /** Entries by currency, then entry number (lines without one last). */
  list(): EntryCheck[] {
    return [...this.entries.values()].map((e) => (e.dates.length > 1 ? { ...e, dates: [...e.dates].sort() } : e)).sort((a, b) => (a.currency !== b.currency ? (a.currency < b.currency ? -1 : 1) : a.entry === b.entry ? 0 : a.entry === null ? 1 : b.entry === null ? -1 : a.entry < b.entry ? -1 : 1));
  }
}
