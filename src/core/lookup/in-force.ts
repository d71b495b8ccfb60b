/**
 * Rate lookup: which measures are in force on a date, and on what terms for a
 * sector. The duty computation and `tariff rates` both read rates through here.
 */
import type { ImporterCode, MeasureDef, PeriodDef, Schedule, Terms } from "../schedule/model.js";
import { periodCoversSector, periodOn, termsFor } from "../schedule/model.js";

export interface InForce {
  measure: MeasureDef;
  period: PeriodDef;
}

export interface InForceFilter {
  date: string;
  importer?: ImporterCode;
  sector?: string;
}

/** Measures with a period on `date`, in schedule order; with `sector`, only those charging it. */
export function measuresInForce(schedule: Schedule, filter: InForceFilter): InForce[] {
  const out: InForce[] = [];
  for (const measure of schedule.measures) {
    if (filter.importer && measure.importer !== filter.importer) continue;
    const period = periodOn(measure, filter.date);
    if (!period) continue;
    if (filter.sector !== undefined && !periodCoversSector(period, filter.sector)) continue;
    out.push({ measure, period });
  }
  return out;
}

/** The terms of a measure for one sector on one date, with the USMCA variant applied when asked. */
export function resolveTerms(period: PeriodDef, sector: string, usmca: boolean): Terms | undefined {
  const base = termsFor(period, sector);
  return base && usmca ? withUsmcaTerms(period, base) : base;
}

/** Terms as they are for a line that qualifies under USMCA/CUSMA: the period's `usmca` fields replace the others. */
export function withUsmcaTerms(period: PeriodDef, base: Terms): Terms {
  const u = period.usmca;
  if (!u) return base;
  const t: Terms = { rate: u.rate ?? base.rate, basis: u.basis ?? base.basis };
  const heading = u.heading ?? base.heading;
  if (heading !== undefined) t.heading = heading;
  const share = u.share ?? base.share;
  if (share !== undefined) t.share = share;
  const cap = u.usContentCap ?? base.usContentCap;
  if (cap !== undefined) t.usContentCap = cap;
  return t;
}
