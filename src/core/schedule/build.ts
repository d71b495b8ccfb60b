/**
 * The calculator's model from a schedule file that passed validation: rates
 * parsed into exact decimals, each period's terms resolved (a period's own
 * fields replace the measure's). No zod here: the embedded default schedule,
 * checked by the tests, is built without loading the validator.
 */
import type { Decimal } from "../money/decimal.js";
import { type Rate, parseRate, rateFraction } from "../money/rate.js";
import type { ExcludedByT, MeasureT, PeriodT, ScheduleFileT, SectorTermsT } from "./format.js";
import { type BasisKind, type Exclusion, type ImporterCode, type MeasureDef, type PeriodDef, type Schedule, type Terms, DEFAULT_IMPORTERS } from "./model.js";

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

function sectorTerms(entry: SectorTermsT, basis: BasisKind, heading: string | undefined): Terms {
  if (typeof entry === "string") return withHeading({ rate: parseRateOrThrow(entry), basis }, heading);
  return withHeading({ rate: parseRateOrThrow(entry.rate), basis: entry.basis ?? basis }, entry.heading ?? heading);
}

function withHeading(t: Terms, heading: string | undefined): Terms {
  return heading === undefined ? t : { ...t, heading };
}

function buildPeriod(m: MeasureT, period: PeriodT, index: number): PeriodDef {
  const basis: BasisKind = period.basis ?? m.basis ?? "value";
  const heading = period.heading ?? m.heading;
  const bySector = new Map<string, Terms>();
  for (const [sector, entry] of Object.entries(period.rates ?? {})) bySector.set(sector, sectorTerms(entry, basis, heading));
  const usmca = period.usmca ?? m.usmca;
  const sectors = period.sectors ?? m.sectors;
  const def: PeriodDef = {
    index,
    from: period.from,
    sectors,
    exceptSectors: sectors === "*" ? (period.sectors !== undefined ? (period.exceptSectors ?? []) : (period.exceptSectors ?? m.exceptSectors ?? [])) : [],
    bySector,
    exemptions: period.exemptions ?? m.exemptions ?? [],
    excludedBy: (period.excludedBy ?? m.excludedBy ?? []).map(exclusion),
  };
  if (period.until !== undefined) def.until = period.until;
  if (period.rate !== undefined) def.terms = withHeading({ rate: parseRateOrThrow(period.rate), basis }, heading);
  if (usmca) {
    def.usmca = {};
    if (usmca.rate !== undefined) def.usmca.rate = parseRateOrThrow(usmca.rate);
    if (usmca.basis !== undefined) def.usmca.basis = usmca.basis;
    const share = shareOf(usmca.share);
    if (share !== undefined) def.usmca.share = share;
    if (usmca.heading !== undefined) def.usmca.heading = usmca.heading;
  }
  if (period.note !== undefined) def.note = period.note;
  return def;
}

export function buildSchedule(file: ScheduleFileT): Schedule {
  const sectors = file.sectors.map((s) => ({ id: s.id, label: s.label, hs: s.hs.map((h) => h.replace(/\./g, "")), ...(s.note !== undefined ? { note: s.note } : {}) }));
  const measures: MeasureDef[] = file.measures.map((m, index) => {
    const def: MeasureDef = {
      index,
      id: m.id,
      label: m.label,
      importer: m.importer,
      origins: m.origins,
      authority: m.authority,
      sectors: m.sectors,
      exceptSectors: m.exceptSectors ?? [],
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
    measures,
    sectorById: new Map(sectors.map((s) => [s.id, s])),
    measureById: new Map(measures.map((m) => [m.id, m])),
    file,
  };
}

