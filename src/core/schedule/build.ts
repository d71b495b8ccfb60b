/**
 * The calculator's model from a schedule file that passed validation: rates
 * parsed into exact decimals, each period's terms resolved (a period's own
 * fields replace the measure's). No zod here: the embedded default schedule,
 * checked by the tests, is built without loading the validator.
 */
import type { Decimal } from "../money/decimal.js";
import { type Rate, parseRate, rateFraction } from "../money/rate.js";
import { parseDecimal } from "../money/decimal.js";
import type { ExcludedByT, ExemptionT, FeeT, ListEntryT, MeasureT, PeriodT, ProductListT, ScheduleFileT, SectorTermsT } from "./format.js";
import { type BasisKind, type Exclusion, type Exemption, type FeeDef, type FeePeriodDef, type ImporterCode, type ListDef, type ListEntry, type MeasureDef, type PeriodDef, type Schedule, type Terms, DEFAULT_IMPORTERS, inheritedSectors } from "./model.js";

function parseRateOrThrow(text: string): Rate {
  const r = parseRate(text);
  if (!r) throw new Error(`internal: rate ${text} passed validation`);
  return r;
}

function shareOf(text: string | undefined): Decimal | undefined {
  return text === undefined ? undefined : rateFraction(parseRateOrThrow(text));
}

function exclusion(ex: ExcludedByT): Exclusion {
  return typeof ex === "string" ? { measure: ex, when: "applies" } : { measure: ex.measure, when: ex.when };
}

function sectorTerms(entry: SectorTermsT, basis: BasisKind, heading: string | undefined, cap: string | undefined): Terms {
  if (typeof entry === "string") return withCap(withHeading({ rate: parseRateOrThrow(entry), basis }, heading), cap);
  return withCap(withHeading({ rate: parseRateOrThrow(entry.rate), basis: entry.basis ?? basis }, entry.heading ?? heading), entry.usContentCap ?? cap);
}

function withCap(t: Terms, cap: string | undefined): Terms {
  const fraction = shareOf(cap);
  return fraction === undefined ? t : { ...t, usContentCap: fraction };
}

function exemption(e: ExemptionT): Exemption {
  if (e === "usmca") return e;
  const out: Exclude<Exemption, "usmca"> = {};
  if (e.list !== undefined) out.list = e.list;
  if (e.claim !== undefined) out.claim = e.claim;
  if (e.heading !== undefined) out.heading = e.heading;
  if (e.note !== undefined) out.note = e.note;
  return out;
}

const digits = (hs: string) => hs.replace(/\./g, "");

function listEntry(e: ListEntryT): ListEntry {
  if (typeof e === "string") return { hs: digits(e), except: [] };
  const out: ListEntry = { hs: digits(e.hs), except: (e.except ?? []).map(digits) };
  if (e.from !== undefined) out.from = e.from;
  if (e.until !== undefined) out.until = e.until;
  return out;
}

function buildList(l: ProductListT, index: number): ListDef {
  const def: ListDef = { index, id: l.id, label: l.label, sources: l.sources ?? [], entries: l.codes.map(listEntry) };
  if (l.authority !== undefined) def.authority = l.authority;
  if (l.heading !== undefined) def.heading = l.heading;
  if (l.note !== undefined) def.note = l.note;
  return def;
}

function withHeading(t: Terms, heading: string | undefined): Terms {
  return heading === undefined ? t : { ...t, heading };
}

function buildPeriod(m: MeasureT, period: PeriodT, index: number): PeriodDef {
  const basis: BasisKind = period.basis ?? m.basis ?? "value";
  const heading = period.heading ?? m.heading;
  const byScope = new Map<string, Terms>();
  for (const [scope, entry] of Object.entries(period.rates ?? {})) byScope.set(scope, sectorTerms(entry, basis, heading, period.usContentCap));
  const usmca = period.usmca ?? m.usmca;
  const inherited = inheritedSectors(m, period);
  const sectors = inherited.sectors ?? [];
  const def: PeriodDef = {
    index,
    from: period.from,
    sectors,
    exceptSectors: sectors === "*" ? inherited.exceptSectors : [],
    lists: period.lists ?? m.lists ?? [],
    byScope,
    exemptions: (period.exemptions ?? m.exemptions ?? []).map(exemption),
    excludedBy: (period.excludedBy ?? m.excludedBy ?? []).map(exclusion),
    action: period.action ?? "charge",
  };
  if (period.until !== undefined) def.until = period.until;
  if (heading !== undefined) def.heading = heading;
  if (period.rate !== undefined) def.terms = withCap(withHeading({ rate: parseRateOrThrow(period.rate), basis }, heading), period.usContentCap);
  if (usmca) {
    def.usmca = {};
    if (usmca.rate !== undefined) def.usmca.rate = parseRateOrThrow(usmca.rate);
    if (usmca.basis !== undefined) def.usmca.basis = usmca.basis;
    const share = shareOf(usmca.share);
    if (share !== undefined) def.usmca.share = share;
    if (usmca.heading !== undefined) def.usmca.heading = usmca.heading;
    const cap = shareOf(usmca.usContentCap);
    if (cap !== undefined) def.usmca.usContentCap = cap;
  }
  if (period.note !== undefined) def.note = period.note;
  return def;
}

function amountOrThrow(text: string): Decimal {
  const d = parseDecimal(text);
  if (!d) throw new Error(`internal: amount ${text} passed validation`);
  return d;
}

function buildFee(f: FeeT, index: number): FeeDef {
  const periods = f.periods
    .map((p, j): FeePeriodDef => {
      const def: FeePeriodDef = { index: j, from: p.from, rate: parseRateOrThrow(p.rate) };
      if (p.until !== undefined) def.until = p.until;
      if (p.minimum !== undefined) def.minimum = amountOrThrow(p.minimum);
      if (p.maximum !== undefined) def.maximum = amountOrThrow(p.maximum);
      if (p.note !== undefined) def.note = p.note;
      return def;
    })
    .sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  const def: FeeDef = {
    index,
    id: f.id,
    kind: f.kind,
    label: f.label,
    importer: f.importer,
    authority: f.authority,
    origins: f.origins ?? null,
    modes: f.modes ?? null,
    base: f.base ?? ["value"],
    exemptions: f.exemptions ?? [],
    periods,
    sources: f.sources ?? [],
  };
  if (f.heading !== undefined) def.heading = f.heading;
  if (f.note !== undefined) def.note = f.note;
  return def;
}

export function buildSchedule(file: ScheduleFileT): Schedule {
  const sectors = file.sectors.map((s) => ({ id: s.id, label: s.label, hs: s.hs.map(digits), ...(s.note !== undefined ? { note: s.note } : {}) }));
  const lists = (file.lists ?? []).map(buildList);
  const measures: MeasureDef[] = file.measures.map((m, index) => {
    const def: MeasureDef = {
      index,
      id: m.id,
      label: m.label,
      importer: m.importer,
      origins: m.origins,
      authority: m.authority,
      sectors: m.sectors ?? [],
      exceptSectors: m.exceptSectors ?? [],
      lists: m.lists ?? [],
      periods: m.periods.map((period, j) => buildPeriod(m, period, j)).sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0)),
      sources: m.sources ?? [],
    };
    if (m.heading !== undefined) def.heading = m.heading;
    if (m.note !== undefined) def.note = m.note;
    return def;
  });
  const importers = { ...DEFAULT_IMPORTERS } as Record<ImporterCode, (typeof DEFAULT_IMPORTERS)["US"]>;
  for (const code of ["US", "CA"] as const) {
    const terms = file.importers?.[code];
    if (terms) importers[code] = terms;
  }
  return {
    id: file.id,
    version: file.version,
    title: file.title,
    asOf: file.asOf,
    importers,
    sectors,
    lists,
    measures,
    fees: (file.fees ?? []).map(buildFee),
    sectorById: new Map(sectors.map((s) => [s.id, s])),
    listById: new Map(lists.map((l) => [l.id, l])),
    measureById: new Map(measures.map((m) => [m.id, m])),
    file,
  };
}

