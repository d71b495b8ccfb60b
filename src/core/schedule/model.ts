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
export type BasisKind = "value" | "content" | "non_content";
export type ExemptionKind = "usmca";

export interface ImporterTerms {
  currency: string;
  valueRounding: Rounding;
  dutyRounding: Rounding;
}

export const DEFAULT_IMPORTERS: Record<ImporterCode, ImporterTerms> = {
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
}

export interface PeriodDef {
  /** Position in the file's `periods` array, for locating messages. */
  index: number;
  from: string;
  until?: string;
  /** Sectors covered in this period (the period's own list, or the measure's). `"*"` = all but `exceptSectors`. */
  sectors: "*" | string[];
  exceptSectors: string[];
  /** Terms for sectors without their own entry in `bySector`. */
  terms?: Terms;
  bySector: Map<string, Terms>;
  exemptions: ExemptionKind[];
  /** Terms that replace the period's for usmca=Y lines (before exemptions drop it). */
  usmca?: { rate?: Rate; basis?: BasisKind; share?: Decimal; heading?: string };
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
  /** `"*"` = every sector except `exceptSectors`. */
  sectors: "*" | string[];
  exceptSectors: string[];
  /** Sorted by `from`. */
  periods: PeriodDef[];
  sources: string[];
  note?: string;
}

export interface Schedule {
  id: string;
  version: string;
  title: string;
  asOf: string;
  importers: Record<ImporterCode, ImporterTerms>;
  sectors: SectorDef[];
  measures: MeasureDef[];
  sectorById: Map<string, SectorDef>;
  measureById: Map<string, MeasureDef>;
  /** The file as read (typed), for export and diff of metadata. */
  file: ScheduleFileT;
}

/** Whether the measure's own (default) sector list covers a sector; a period may say otherwise (`periodCoversSector`). */
export function measureCoversSector(measure: Pick<MeasureDef, "sectors" | "exceptSectors">, sector: string): boolean {
  return measure.sectors === "*" ? !measure.exceptSectors.includes(sector) : measure.sectors.includes(sector);
}

/** Whether a period charges a sector at all. */
export function periodCoversSector(period: PeriodDef, sector: string): boolean {
  return measureCoversSector(period, sector) && termsFor(period, sector) !== undefined;
}

/** The period in force on `date` (from inclusive, until exclusive), if any. */
export function periodOn(measure: MeasureDef, date: string): PeriodDef | undefined {
  for (const period of measure.periods) {
    if (period.from <= date && (period.until === undefined || date < period.until)) return period;
  }
  return undefined;
}

/** The terms a period charges on a sector, if it charges it at all. */
export function termsFor(period: PeriodDef, sector: string): Terms | undefined {
  return period.bySector.get(sector) ?? period.terms;
}

/** The earliest `from` of any measure: lines dated before it are outside the schedule. */
export function firstDate(schedule: Schedule): string | undefined {
  let first: string | undefined;
  for (const m of schedule.measures) for (const p of m.periods) if (first === undefined || p.from < first) first = p.from;
  return first;
}
