/**
 * One pass of shipment rows through a pricing engine: each row read under
 * every schedule (once where schedules read rows alike), priced, and folded
 * into each scenario's totals, and when asked into entries with their fees.
 * `calc` is a run of one schedule; `compare` a run of several (the first is
 * the base). Memory is the totals (and, with entries, one record per entry),
 * whatever the file's size; lines are handed back to the caller, not kept.
 *
 * A scenario's totals are the base's plus the differences on the lines it
 * charges differently (`addChange`), so lines charged alike (most of them, for
 * most what-ifs) cost nothing more than the base.
 */
import type { FxTable } from "./fx.js";
import type { Reading } from "./mapping.js";
import type { LineResult } from "./compute.js";
import type { PricingEngine } from "./engine.js";
import { type CurrencyFees, EntryBook, type EntryResult, feeTotals } from "./entries.js";
import { type Rejection, type Row, type RowWarning, type Shipment, type ShipmentContext, parseShipment, shipmentContext } from "./shipment.js";
import { type Totals, addChange, addLine, combineTotals, emptyTotals } from "./totals.js";

export interface RunOptions {
  fx?: FxTable | undefined;
  reading?: Reading;
  /** Fold lines into entries and list them (per-entry totals). Fees are folded per entry whatever this says: their minimum and maximum are per entry. */
  entries?: boolean;
  /** Called when scenario `i` charges a line differently from the base (after its totals took it). */
  onDiffer?: (i: number, base: LineResult, r: LineResult) => void;
}

export type Added = { ok: true; results: LineResult[]; warnings: RowWarning[] } | { ok: false; rejection: Rejection };

export interface ScenarioTotals {
  totals: Totals;
  /**
   * Entries in the order their first line came, made as they are iterated
   * (each iteration starts over); null unless entries were asked for.
   */
  entries: Entries | null;
  /** Fees and taxes per currency, after each entry's minimum and maximum; null unless the engine charges fees. */
  fees: Map<string, CurrencyFees> | null;
}

/** A run's entries: iterable as often as wanted, each entry made when it is reached. */
export interface Entries extends Iterable<EntryResult> {
  readonly count: number;
}

export interface RunResult {
  scenarios: ScenarioTotals[];
  counts: { read: number; computed: number; rejected: number };
  /** Lines that name no entry although charged a fee with a minimum or maximum per entry (not applied to them), under the base. */
  unentered: number;
  /** Lines without a mode, under the base, although a fee of some modes only (HMF: vessels) could apply: not charged it. */
  unmoded: { lines: number; fees: string[] };
}

const NO_WARNINGS: RowWarning[] = [];

export class Run {
  readonly counts = { read: 0, computed: 0, rejected: 0 };
  private readonly contexts: ShipmentContext[];
  /** For each scenario, the (earlier or same) scenario whose reading of a row it shares. */
  private readonly readsLike: number[];
  private readonly totals: Totals = emptyTotals();
  private readonly changes: Totals[];
  private readonly books: EntryBook[] | undefined;
  /** Whether entries were asked for (else books keep only what fees need). */
  private readonly listsEntries: boolean;
  private readonly onDiffer: RunOptions["onDiffer"];
  private unmoded = 0;
  private readonly unmodedFees = new Set<string>();

  /** `names`: the scenarios' names, one per schedule of the engine, for messages. */
  constructor(
    readonly engine: PricingEngine,
    private readonly names: readonly string[],
    options: RunOptions = {},
  ) {
    const schedules = engine.schedules;
    if (names.length !== schedules.length) throw new Error("internal: one name per schedule");
    const reading = options.reading ?? {};
    // The HS lookup depends only on sectors and lists (a few MB for the embedded schedule's): built once per distinct pair.
    const productSignatures = schedules.length === 1 ? [""] : schedules.map((s) => JSON.stringify([s.sectors, s.lists]));
    this.contexts = [];
    schedules.forEach((s, i) => {
      const same = productSignatures.indexOf(productSignatures[i]!);
      this.contexts.push(shipmentContext(s, options.fx, same < i ? this.contexts[same]!.products : undefined, reading));
    });
    // The shipment read from a row (or its rejection) depends on the schedule only through its sectors, lists,
    // importers and first date; overlays rarely change those, so scenarios that agree with an earlier one reuse
    // its reading of the row. The lists each importer's measures read, the sources' dates and the catch-all
    // codes change only the reading's warnings, and a run reports the base's (`add`): an overlay that ends
    // a measure, and with it the reading of its lists, still shares the base's reading.
    const signatures = schedules.length === 1 ? [""] : schedules.map((s, i) => JSON.stringify([s.sectors, s.lists, s.importers, this.contexts[i]!.firstDate]));
    this.readsLike = signatures.map((sig) => signatures.indexOf(sig));
    this.changes = schedules.map(() => emptyTotals());
    this.listsEntries = options.entries === true;
    this.books = this.listsEntries || engine.chargesFees ? schedules.map(() => new EntryBook(this.listsEntries)) : undefined;
    this.onDiffer = options.onDiffer;
  }

  /** A row rejected before it reached the run (the reader's): counted. */
  reject(_r: Rejection): void {
    this.counts.read++;
    this.counts.rejected++;
  }

  /**
   * One shipment row under every scenario. A row rejected under any scenario
   * is rejected (so every scenario sums the same lines), naming the scenarios
   * when not all of them reject it. Warnings: the row's reading, then its
   * plan's under the base.
   */
  add(row: Row): Added {
    const n = this.names.length;
    if (n === 1) return this.addOne(row);
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
    if (failed !== undefined) return this.rejected(firstRejection!, failed);
    const priced = this.engine.priceAll(shipments);
    if (!priced.ok) return this.rejected(priced.rejection, priced.banned);
    this.counts.read++;
    this.counts.computed++;
    const results = priced.results;
    const base = results[0]!;
    addLine(this.totals, base);
    for (let i = 1; i < n; i++) {
      const r = results[i]!;
      if (r.charges !== base.charges || r.shipment !== base.shipment) {
        addChange(this.changes[i]!, base, r);
        this.onDiffer?.(i, base, r);
      }
    }
    if (this.books !== undefined) for (let i = 0; i < n; i++) this.books[i]!.add(results[i]!);
    if (base.plan.modeFees.length > 0) this.noteMode(base);
    const planned = priced.warnings;
    const read = warnings ?? NO_WARNINGS;
    return { ok: true, results, warnings: planned.length === 0 ? read : read.length === 0 ? planned : [...read, ...planned] };
  }

  /** `add` for a run of one schedule (calc): its hot path, without the bookkeeping of several readings. */
  private addOne(row: Row): Added {
    const p = parseShipment(row, this.contexts[0]!);
    if (!p.ok) {
      this.reject(p.rejection);
      return p;
    }
    const priced = this.engine.price(0, p.shipment);
    if (!priced.ok) {
      this.reject(priced.rejection);
      return priced;
    }
    this.counts.read++;
    this.counts.computed++;
    const r = priced.result;
    addLine(this.totals, r);
    if (this.books !== undefined) this.books[0]!.add(r);
    if (r.plan.modeFees.length > 0) this.noteMode(r);
    const planned = priced.warnings;
    const read = p.warnings;
    return { ok: true, results: [r], warnings: planned.length === 0 ? read : read.length === 0 ? planned : [...read, ...planned] };
  }

  /** A line that a fee of some modes only could charge: counted when it gives no mode. */
  private noteMode(r: LineResult): void {
    if (r.shipment.mode !== null) return;
    this.unmoded++;
    for (const f of r.plan.modeFees) this.unmodedFees.add(f);
  }

  private rejected(first: Rejection, under: number[]): Added {
    const n = this.names.length;
    // A row every scenario rejects is simply rejected; otherwise say under which scenarios.
    const rejection = under.length === n ? first : { ...first, reason: `${first.reason} (under scenario${under.length > 1 ? "s" : ""} ${under.map((i) => this.names[i]!).join(", ")})` };
    this.reject(rejection);
    return { ok: false, rejection };
  }

  result(): RunResult {
    const scenarios = this.names.map((_, i): ScenarioTotals => {
      const book = this.books?.[i];
      const entries: Entries | null = book ? { count: book.count, [Symbol.iterator]: () => book.results() } : null;
      const listed = this.listsEntries ? entries : null;
      return {
        totals: i === 0 ? this.totals : combineTotals(this.totals, this.changes[i]!),
        entries: listed,
        fees: entries !== null && this.engine.chargesFees ? feeTotals(entries) : null,
      };
    });
    return { scenarios, counts: this.counts, unentered: this.books ? this.books[0]!.unentered : 0, unmoded: { lines: this.unmoded, fees: [...this.unmodedFees].sort() } };
  }
}
