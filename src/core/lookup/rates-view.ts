/**
 * The measures in force on a date as plain data: what `tariff rates` prints
 * in every format. Rates and shares are exact strings.
 */
import { formatFraction, formatRate } from "../money/rate.js";
import type { ImporterCode, ListExemption, Schedule, Terms } from "../schedule/model.js";
import { measuresInForce, resolveTerms } from "./in-force.js";

export interface TermsView {
  rate: string;
  basis: string;
  heading: string | null;
  share?: string;
  usContentCap?: string;
}

export interface MeasureView {
  measure: string;
  label: string;
  importer: ImporterCode;
  origins: string[];
  authority: string;
  from: string;
  until: string | null;
  sectors: "*" | string[];
  exceptSectors: string[];
  /** Terms for all covered sectors without their own entry (or for `--sector`). */
  terms: TermsView | null;
  bySector: Record<string, TermsView>;
  /** Product lists covered (format 2). */
  lists: string[];
  /** Terms by product list, in the order a line takes them (format 2). */
  byList: Record<string, TermsView>;
  /** `usmca` when USMCA goods are exempt. */
  exemptions: string[];
  /** Exemptions by product list or claim (format 2). */
  exemptBy: ListExemption[];
  /** `prohibit`: entry is banned (format 2); else `charge`. */
  action: "charge" | "prohibit";
  usmca: Partial<TermsView> | null;
  excludedBy: { measure: string; when: "applies" | "owes" }[];
  note: string | null;
  sources: string[];
}

/**
 * `50% on content × 85% of basis`: what a line pays, without the heading.
 * The one text of terms: `rates` and `diff` both show it.
 */
export function termsText(t: Pick<TermsView, "rate" | "basis" | "share">): string {
  const basis = t.basis === "value" ? "" : t.basis === "content" ? " on content" : " on non-content";
  return `${t.rate}${basis}${t.share !== undefined ? ` × ${t.share} of basis` : ""}`;
}

export function termsView(t: Terms): TermsView {
  const v: TermsView = { rate: formatRate(t.rate), basis: t.basis, heading: t.heading ?? null };
  if (t.share !== undefined) v.share = formatFraction(t.share);
  if (t.usContentCap !== undefined) v.usContentCap = formatFraction(t.usContentCap);
  return v;
}

export function ratesInForce(schedule: Schedule, filter: { date: string; importer?: ImporterCode; sector?: string }): MeasureView[] {
  return measuresInForce(schedule, filter).map(({ measure, period }) => {
    const bySector: Record<string, TermsView> = {};
    const byList: Record<string, TermsView> = {};
    let terms: TermsView | null = period.terms ? termsView(period.terms) : null;
    if (filter.sector !== undefined) {
      const t = resolveTerms(period, filter.sector, false);
      terms = t ? termsView(t) : null;
    } else {
      for (const [scope, t] of period.byScope) (schedule.sectorById.has(scope) ? bySector : byList)[scope] = termsView(t);
    }
    let usmca: Partial<TermsView> | null = null;
    if (period.usmca) {
      usmca = {};
      if (period.usmca.rate) usmca.rate = formatRate(period.usmca.rate);
      if (period.usmca.basis) usmca.basis = period.usmca.basis;
      if (period.usmca.share) usmca.share = formatFraction(period.usmca.share);
      if (period.usmca.heading) usmca.heading = period.usmca.heading;
      if (period.usmca.usContentCap) usmca.usContentCap = formatFraction(period.usmca.usContentCap);
    }
    return {
      measure: measure.id,
      label: measure.label,
      importer: measure.importer,
      origins: measure.origins,
      authority: measure.authority,
      from: period.from,
      until: period.until ?? null,
      sectors: period.sectors,
      exceptSectors: period.exceptSectors,
      terms,
      bySector,
      lists: period.lists,
      byList,
      exemptions: period.exemptions.filter((e): e is "usmca" => e === "usmca"),
      exemptBy: period.exemptions.filter((e): e is ListExemption => e !== "usmca"),
      action: period.action,
      usmca,
      excludedBy: period.excludedBy,
      note: period.note ?? measure.note ?? null,
      sources: measure.sources,
    };
  });
}
