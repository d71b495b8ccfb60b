/**
 * What applies to one HS code on a date, for one importer and origin: the
 * question users ask most (`tariff rates --hs`). The answer is the plan the
 * calculator itself would use for a line of that code, so it cannot disagree
 * with `calc`: each applying measure with its terms and the sector or list it
 * applies through, each other measure with why not, and a ban if one applies.
 */
import { type Plan, skipText } from "../duty/compute.js";
import { PricingEngine } from "../duty/engine.js";
import type { ImporterCode, PeriodDef, Schedule } from "../schedule/model.js";
import { measureCoversSector, periodOn } from "../schedule/model.js";
import { formatFraction, formatRate } from "../money/rate.js";
import { type Membership, type ProductIndex, onList } from "./product.js";

export interface CodeQuery {
  /** Digits only. */
  hs: string;
  date: string;
  importer: ImporterCode;
  origin: string;
  usmca: boolean;
  claims: readonly string[];
}

/** Where a measure's terms come from for the code: a product list, or a sector as a whole. */
export type Scope = { list: string } | { sector: string };

export interface CodeDuty {
  measure: string;
  heading: string | null;
  rate: string;
  basis: string;
  share: string | null;
  usContentCap: string | null;
  scope: Scope;
}

export interface CodeRates {
  hs: string;
  date: string;
  importer: ImporterCode;
  origin: string;
  usmca: boolean;
  claims: readonly string[];
  /** The sector the code is grouped under; null when none holds it. */
  sector: string | null;
  /** The lists the code is on that day. */
  lists: string[];
  /** Lists with longer codes under this one: a longer code may be on them. */
  finer: readonly string[];
  duties: CodeDuty[];
  skipped: { measure: string; why: string }[];
  prohibited: { measure: string; authority: string; heading: string | null } | null;
  /** Claims that made no exemption hold. */
  unusedClaims: readonly string[];
}

/** Every basis above zero: the answer for a line with a value (a zero-value line owes nothing anyway). */
const ALL_BASES = 15;

export function ratesForCode(schedule: Schedule, products: ProductIndex, q: CodeQuery): CodeRates {
  const found = products.ofCode(q.hs);
  const product = products.variant(found.product, found.product.sector, q.claims);
  const plan: Plan = new PricingEngine([schedule]).plan(0, { importer: q.importer, origin: q.origin, product, usmca: q.usmca, date: q.date }, ALL_BASES);
  const sector = product.sector ?? "";
  const isOn = (list: string) => onList(product, list, q.date);
  const duties = plan.duties.map((a): CodeDuty => {
    const period = periodOn(schedule.measureById.get(a.measure)!, q.date)!;
    return {
      measure: a.measure,
      heading: a.heading,
      rate: formatRate(a.rate),
      basis: a.basis,
      share: a.share ? formatFraction(a.share) : null,
      usContentCap: a.usContentCap ? formatFraction(a.usContentCap) : null,
      scope: scopeOf(period, sector, isOn),
    };
  });
  return {
    hs: q.hs,
    date: q.date,
    importer: q.importer,
    origin: q.origin,
    usmca: q.usmca,
    claims: q.claims,
    sector: product.sector ?? null,
    lists: [...new Set(product.memberships.filter((m: Membership) => isOn(m.list)).map((m) => m.list))],
    finer: found.finer,
    duties,
    skipped: plan.skipped.map((k) => ({ measure: k.measure, why: skipText(k.reason) })),
    prohibited: plan.prohibition ? { measure: plan.prohibition.measure, authority: plan.prohibition.authority, heading: plan.prohibition.heading } : null,
    unusedClaims: plan.unusedClaims,
  };
}

/** The scope a period's terms are taken through: the first `rates` key holding the code, else a list it is on, else its sector. */
function scopeOf(period: PeriodDef, sector: string, isOn: (list: string) => boolean): Scope {
  for (const key of period.byScope.keys()) {
    if (key === sector && measureCoversSector(period, sector)) return { sector: key };
    if (isOn(key)) return { list: key };
  }
  const list = period.lists.find(isOn);
  return list !== undefined ? { list } : { sector };
}
