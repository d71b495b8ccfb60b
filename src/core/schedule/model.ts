/**
 * The schedule as the calculator uses it: validated, with rates parsed into
 * exact decimals and each period's terms resolved (a period's own fields
 * replace the measure's). Built only by `validateSchedule`.
 */
import type { Decimal } from "../money/decimal.js";
import type { Rate } from "../money/rate.js";
import type { Rounding } from "../money/money.js";
import type { ScheduleFileT } from "./format.js";

export type ImporterCode = "US" | "CA";
export type BasisKind = "value" | "content" | "non_content" | "non_us_content";
export type ExemptionKind = "usmca";

/**
 * An exemption other than USMCA (format 2): goods on `list`, or goods whose
 * line claims the heading `claim`, or goods on `list` that claim it. `heading`
 * is the exemption's own heading, reported on the line.
 */
export interface ListExemption {
  list?: string;
  claim?: string;
  heading?: string;
  note?: string;
}
export type Exemption = ExemptionKind | ListExemption;

/** An importer's rules of money: currency and rounding (named apart from a measure's `Terms`). */
export interface ImporterRules {
  currency: string;
  valueRounding: Rounding;
  dutyRounding: Rounding;
  /** When this authority's sources were last read, if earlier than the schedule's asOf. */
  asOf?: string;
}

/** One entry of a product list: a code or prefix, on the list from `from` until `until`, less its `except` prefixes. Digits only. */
export interface ListEntry {
  hs: string;
  from?: string;
  until?: string;
  except: string[];
}

/** A named product list of the law (format 2). */
export interface ListDef {
  index: number;
  id: string;
  label: string;
  authority?: string;
  heading?: string;
  sources: string[];
  note?: string;
  entries: ListEntry[];
}

export const DEFAULT_IMPORTERS: Record<ImporterCode, ImporterRules> = {
  US: { currency: "USD", valueRounding: "whole", dutyRounding: "cent" },
  CA: { currency: "CAD", valueRounding: "cent", dutyRounding: "cent" },
};

export interface SectorDef {
  id: string;
  label: string;
  /** Digits only (dots removed). */
  hs: string[];
  note?: string;
}

export interface Exclusion {
  measure: string;
  /** `applies`: whenever the other measure applies; `owes`: only when it applies at a rate above 0%. */
  when: "applies" | "owes";
}

/** What a measure charges one sector in one period. */
export interface Terms {
  rate: Rate;
  basis: BasisKind;
  heading?: string;
  /** Share of the basis charged; absent means all of it. */
  share?: Decimal;
  /** non_us_content basis: the US content deducted is at most this fraction of the value. */
  usContentCap?: Decimal;
}

export interface PeriodDef {
  /** Position in the file's `periods` array, for locating messages. */
  index: number;
  from: string;
  until?: string;
  /** Sectors covered in this period (the period's own list, or the measure's). `"*"` = all but `exceptSectors`. */
  sectors: "*" | string[];
  exceptSectors: string[];
  /** Product lists covered in this period (the period's own, or the measure's): a code on one of them on the date is covered. */
  lists: string[];
  /** Terms for scopes without their own entry in `byScope`. */
  terms?: Terms;
  /** Terms by sector id or list id, in file order: a line takes the first that holds it. */
  byScope: Map<string, Terms>;
  exemptions: Exemption[];
  /** Terms that replace the period's for usmca=Y lines (before exemptions drop it). */
  usmca?: { rate?: Rate; basis?: BasisKind; share?: Decimal; heading?: string; usContentCap?: Decimal };
  /** `prohibit`: a line this period applies to is refused entry, never priced. */
  action: "charge" | "prohibit";
  /** The period's own heading (a ban's, say), else the measure's. */
  heading?: string;
  excludedBy: Exclusion[];
  note?: string;
}

export interface MeasureDef {
  index: number;
  id: string;
  label: string;
  importer: ImporterCode;
  origins: string[];
  authority: string;
  heading?: string;
  /** `"*"` = every sector except `exceptSectors`; `[]` when the measure covers lists only. */
  sectors: "*" | string[];
  exceptSectors: string[];
  lists: string[];
  /** Sorted by `from`. */
  periods: PeriodDef[];
  sources: string[];
  note?: string;
}

/** How goods reached the border (a shipment's `mode`): fees such as the US harbor maintenance fee depend on it. */
export type Mode = "vessel" | "truck" | "rail" | "air" | "mail";
export const MODES: readonly Mode[] = ["vessel", "truck", "rail", "air", "mail"];

/**
 * A part of a tax's base: the customs value, the line's duty under the
 * schedule's measures, or an amount the line declares (`customs_duty`,
 * `sima_duty`, `excise` columns: charges this tool does not compute).
 */
export type TaxBasePart = "value" | "duty" | "customs_duty" | "sima_duty" | "excise";
/** The parts of a tax base a line declares in columns of the same names. */
export type DeclaredPart = Exclude<TaxBasePart, "value" | "duty">;

/** One span of a fee: its rate on each line and, for a fee, the minimum and maximum of an entry dated in it. */
export interface FeePeriodDef {
  index: number;
  from: string;
  until?: string;
  rate: Rate;
  minimum?: Decimal;
  maximum?: Decimal;
  note?: string;
}

/**
 * A fee or tax charged with the duty (format 2, `fees`): `fee` on the value,
 * with a minimum and maximum per entry; `tax` on a base of the value and other
 * charges. Off unless asked for (`--fees`).
 */
export interface FeeDef {
  index: number;
  id: string;
  kind: "fee" | "tax";
  label: string;
  importer: ImporterCode;
  authority: string;
  heading?: string;
  /** Null: every origin. */
  origins: readonly string[] | null;
  /** Null: every line; else only lines shipped by one of these (a line without a mode is not charged). */
  modes: readonly Mode[] | null;
  /** What the rate applies to, summed per line: `["value"]` for a fee. */
  base: readonly TaxBasePart[];
  exemptions: readonly ExemptionKind[];
  /** Sorted by `from`. */
  periods: FeePeriodDef[];
  sources: string[];
  note?: string;
}

export interface Schedule {
  id: string;
  version: string;
  title: string;
  asOf: string;
  importers: Record<ImporterCode, ImporterRules>;
  sectors: SectorDef[];
  lists: ListDef[];
  measures: MeasureDef[];
  /** Fees and taxes (empty when the file has none). */
  fees: FeeDef[];
  sectorById: Map<string, SectorDef>;
  listById: Map<string, ListDef>;
  measureById: Map<string, MeasureDef>;
  /** The file as read (typed), for export and diff of metadata. */
  file: ScheduleFileT;
}

/**
 * The sectors a period covers, as a file writes them: the period's own
 * `sectors` with its own `exceptSectors` (none inherited), else the measure's
 * `sectors` with the period's `exceptSectors`, else the measure's. The one
 * statement of this rule: the model's build, validation (on the file as read,
 * ids possibly broken) and overlays (on the file) all ask it.
 */
export function inheritedSectors<S>(measure: { sectors?: "*" | S[] | undefined; exceptSectors?: S[] | undefined }, period: { sectors?: "*" | S[] | undefined; exceptSectors?: S[] | undefined }): { sectors: "*" | S[] | undefined; exceptSectors: S[] } {
  if (period.sectors !== undefined) return { sectors: period.sectors, exceptSectors: period.exceptSectors ?? [] };
  return { sectors: measure.sectors, exceptSectors: period.exceptSectors ?? measure.exceptSectors ?? [] };
}

/** Whether the measure's own (default) sector list covers a sector; a period may say otherwise (`periodCoversSector`). */
export function measureCoversSector(measure: Pick<MeasureDef, "sectors" | "exceptSectors">, sector: string): boolean {
  return measure.sectors === "*" ? !measure.exceptSectors.includes(sector) : measure.sectors.includes(sector);
}

/** Whether a period charges a sector at all (as a whole: not through a product list). */
export function periodCoversSector(period: PeriodDef, sector: string): boolean {
  return measureCoversSector(period, sector) && termsFor(period, sector) !== undefined;
}

/** `9903.05.86: on list us-301-note-52b`, `claimed 9903.05.88 on list …`, `claimed 9903.04.64`. */
export function exemptionText(e: ListExemption): string {
  const what = e.claim !== undefined ? `claimed ${e.claim}${e.list !== undefined ? ` on list ${e.list}` : ""}` : `on list ${e.list}`;
  return e.heading !== undefined && e.heading !== e.claim ? `${e.heading}: ${what}` : what;
}

/**
 * Whether a span of dates holds `date`: `from` inclusive, `until` exclusive,
 * either open when absent. The one statement of the rule for measures',
 * fees' and validation's periods and for list entries.
 */
export function inForce(span: { from?: string | undefined; until?: string | undefined }, date: string): boolean {
  return (span.from === undefined || span.from <= date) && (span.until === undefined || date < span.until);
}

/** Whether a list entry is in force on `date`. */
export function entryOn(entry: Pick<ListEntry, "from" | "until">, date: string): boolean {
  return inForce(entry, date);
}

/** The period in force on `date` (from inclusive, until exclusive), if any: of a measure, or of a fee. */
export function periodOn<P extends { from: string; until?: string }>(measure: { periods: readonly P[] }, date: string): P | undefined {
  for (const period of measure.periods) if (inForce(period, date)) return period;
  return undefined;
}

/**
 * Pairs of periods that overlap, each with the one before it: periods sorted
 * by `from` (then position), one pass. `until` absent is open-ended. Used by
 * the validation of measures and of fees alike.
 */
export function overlapping<P extends { from: string; until?: string | undefined; j: number }>(periods: readonly P[]): [prev: P, cur: P][] {
  const sorted = [...periods].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : a.j - b.j));
  const out: [P, P][] = [];
  for (let k = 1; k < sorted.length; k++) {
    const prev = sorted[k - 1]!;
    const cur = sorted[k]!;
    if (!(prev.until !== undefined && cur.from >= prev.until)) out.push([prev, cur]);
  }
  return out;
}

/** The terms a period charges on a sector as a whole (no product list), if it charges it at all. */
export function termsFor(period: PeriodDef, sector: string): Terms | undefined {
  return period.byScope.get(sector) ?? period.terms;
}

/**
 * The terms a period charges on a line of `sector` whose code is on the lists
 * `onList` answers for: the first `byScope` entry (file order) that holds the
 * line, else the period's own terms; undefined when the period does not cover
 * the line (its sectors and lists hold neither).
 */
export function termsForLine(period: PeriodDef, sector: string, onList: (list: string) => boolean): Terms | undefined {
  const bySector = measureCoversSector(period, sector);
  if (!bySector && !period.lists.some(onList)) return undefined;
  for (const [scope, terms] of period.byScope) if (scope === sector ? bySector : onList(scope)) return terms;
  return period.terms;
}

/** The date after which the schedule knows nothing for an importer: its own asOf, else the schedule's. */
export function asOfFor(schedule: Pick<Schedule, "asOf" | "importers">, importer: ImporterCode): string {
  return schedule.importers[importer].asOf ?? schedule.asOf;
}

/** Whether the schedule says a measure's facts are unverified (its note, or a period's, says UNVERIFIED). */
export function isUnverified(measure: Pick<MeasureDef, "note" | "periods">): boolean {
  return (measure.note ?? "").includes("UNVERIFIED") || measure.periods.some((p) => (p.note ?? "").includes("UNVERIFIED"));
}

/** What every output says of the schedule it used: which one, how fresh, what is doubtful. */
export function scheduleStamp(schedule: Schedule): { id: string; version: string; asOf: string; asOfByImporter: Record<ImporterCode, string>; unverified: string[] } {
  return {
    id: schedule.id,
    version: schedule.version,
    asOf: schedule.asOf,
    asOfByImporter: { US: asOfFor(schedule, "US"), CA: asOfFor(schedule, "CA") },
    unverified: schedule.measures.filter(isUnverified).map((m) => m.id),
  };
}

/** `tariff-default 2026-12-05 (as of 2026-12-01; US sources to 2026-09-29, CA to 2026-09-17)`. */
export function stampText(schedule: Schedule): string {
  const us = asOfFor(schedule, "US");
  const ca = asOfFor(schedule, "CA");
  const sources = us === schedule.asOf && ca === schedule.asOf ? "" : `; US sources to ${us}, CA to ${ca}`;
  return `${schedule.id} ${schedule.version} (as of ${schedule.asOf}${sources})`;
}

/** The earliest `from` of any measure: lines dated before it are outside the schedule. */
export function firstDate(schedule: Schedule): string | undefined {
  let first: string | undefined;
  for (const m of schedule.measures) for (const p of m.periods) if (first === undefined || p.from < first) first = p.from;
  return first;
}

/**
 * The lists an importer's measures read: a US line's goods on a Canadian
 * surtax list are charged as if they were not, so the two share a plan.
 */
export function listsRead(schedule: Pick<Schedule, "measures">): Record<ImporterCode, ReadonlySet<string>> {
  const out = { US: new Set<string>(), CA: new Set<string>() };
  for (const m of schedule.measures) {
    for (const l of m.lists) out[m.importer].add(l);
    for (const p of m.periods) {
      for (const l of p.lists) out[m.importer].add(l);
      for (const e of p.exemptions) if (e !== "usmca" && e.list !== undefined) out[m.importer].add(e.list);
    }
  }
  return out;
}

