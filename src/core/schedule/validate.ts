/**
 * Schedule validation: shape (zod, every issue), then cross-field rules, each a
 * small function over what parsed, so one bad measure does not hide the
 * errors of the others. Returns the calculator's model, or every error.
 * Pure: the file name is only a label for locations.
 */
import { type Diagnostic, type Path, type Result, didYouMean, error } from "../diagnostics.js";
import { buildSchedule } from "./build.js";
import { OVERLAY_FORMAT, SCHEDULE_FORMAT, SCHEDULE_FORMATS, ScheduleFile, isCalendarDate } from "./format.js";
import { formatTwoRules } from "./validate-lists.js";
import type { Schedule } from "./model.js";
import { issuesToDiagnostics } from "./zod-issues.js";

export { buildSchedule };

/** Stops a pathological file from printing a million lines. */
export const MAX_ERRORS = 200;

/** The formats this tariff reads, in words. */
const READS = `"${SCHEDULE_FORMAT}" (and "${SCHEDULE_FORMATS[0]}") schedules and "${OVERLAY_FORMAT}" overlays`;

/** Checks the `format` key first: a reader refuses a version it does not know. */
export function checkFormat(raw: unknown, file: string, expected: string, alsoRead: readonly string[] = []): Diagnostic | undefined {
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
    return error("schedule/not-an-object", `expected a JSON object with "format": "${expected}", got ${Array.isArray(raw) ? "a list" : raw === null ? "null" : typeof raw}`, { file, path: [] });
  }
  const format = (raw as Record<string, unknown>)["format"];
  if (format === undefined) {
    return error("schedule/missing-format", `missing "format": this tariff reads ${READS}`, { file, path: [] }, `add "format": "${expected}"`);
  }
  if (format !== expected && !alsoRead.includes(format as string)) {
    const known = (SCHEDULE_FORMATS as readonly unknown[]).includes(format) || format === OVERLAY_FORMAT;
    return error(
      "schedule/unknown-format",
      known
        ? `format "${String(format)}" is not accepted here: expected "${expected}"`
        : `unknown format ${JSON.stringify(format)}: this tariff reads ${READS}`,
      { file, path: ["format"] },
      format === OVERLAY_FORMAT ? "this file is an overlay: give it with --overlay (the schedule it changes with --schedule)" : known ? undefined : "a newer tariff may read it; or check the spelling",
    );
  }
  return undefined;
}

/**
 * What the cross-field rules look at, read leniently from the raw JSON: a
 * measure with a typo elsewhere still has its references, dates and rates
 * checked. Malformed pieces are left out here (the shape check reports them).
 */
interface LooseExclusion { measure: string }
interface LoosePeriod { broken?: boolean; from?: string; until?: string; hasRate: boolean; prohibits?: boolean; lists?: boolean; rateKeys: string[]; excludedBy?: (LooseExclusion | undefined)[]; sectors?: "*" | (string | undefined)[]; exceptSectors?: (string | undefined)[] }
interface LooseMeasure { index: number; id?: string; sectors?: "*" | (string | undefined)[]; exceptSectors?: (string | undefined)[]; excludedBy?: (LooseExclusion | undefined)[]; periods: LoosePeriod[] }
interface LooseSector { index: number; id?: string; hs: (string | undefined)[] }

interface Parsed {
  file: string;
  sectors: LooseSector[];
  measures: LooseMeasure[];
  /** Ids present in the file even where the element failed to parse: referencing them is not an "unknown id" error. */
  sectorIds: Set<string>;
  /** Product list ids (format 2): their references are checked in validate-lists.ts. */
  listIds: Set<string>;
  measureIds: Set<string>;
  errors: Diagnostic[];
}

type Rule = (p: Parsed) => void;

const obj = (v: unknown): Record<string, unknown> | undefined => (v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined);
const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);
const date = (v: unknown): string | undefined => (typeof v === "string" && isCalendarDate(v) ? v : undefined);
const strList = (v: unknown): (string | undefined)[] | undefined => (Array.isArray(v) ? v.map(str) : undefined);
const exclusions = (v: unknown): (LooseExclusion | undefined)[] | undefined =>
  Array.isArray(v) ? v.map((e) => (typeof e === "string" ? { measure: e } : typeof obj(e)?.["measure"] === "string" ? { measure: obj(e)!["measure"] as string } : undefined)) : undefined;

function loose(raw: Record<string, unknown>, file: string): Parsed {
  const sectorList = Array.isArray(raw["sectors"]) ? raw["sectors"] : [];
  const measureList = Array.isArray(raw["measures"]) ? raw["measures"] : [];
  const sectors: LooseSector[] = sectorList.map((s, index) => {
    const o = obj(s);
    const sector: LooseSector = { index, hs: strList(o?.["hs"]) ?? [] };
    const id = str(o?.["id"]);
    if (id !== undefined) sector.id = id;
    return sector;
  });
  const measures: LooseMeasure[] = measureList.map((m, index) => {
    const o = obj(m) ?? {};
    const periods = (Array.isArray(o["periods"]) ? o["periods"] : []).map((pv): LoosePeriod => {
      const po = obj(pv) ?? {};
      const period: LoosePeriod = { hasRate: po["rate"] !== undefined, rateKeys: Object.keys(obj(po["rates"]) ?? {}) };
      // A ban needs no rate; a period of lists has its coverage checked with the lists.
      if (po["action"] === "prohibit") period.prohibits = true;
      if (po["lists"] !== undefined || o["lists"] !== undefined) period.lists = true;
      const from = date(po["from"]);
      const until = date(po["until"]);
      if (from !== undefined) period.from = from;
      if (until !== undefined) period.until = until;
      // An "until" that is given but not a date is reported by the shape check; without it the
      // period would look open-ended and falsely overlap the next one.
      if (po["until"] !== undefined && until === undefined) period.broken = true;
      const ex = exclusions(po["excludedBy"]);
      if (ex) period.excludedBy = ex;
      const own = po["sectors"] === "*" ? "*" : strList(po["sectors"]);
      if (own !== undefined) period.sectors = own;
      const except = strList(po["exceptSectors"]);
      if (except) period.exceptSectors = except;
      return period;
    });
    const measure: LooseMeasure = { index, periods };
    const id = str(o["id"]);
    if (id !== undefined) measure.id = id;
    const sectorsValue = o["sectors"] === "*" ? "*" : strList(o["sectors"]);
    if (sectorsValue !== undefined) measure.sectors = sectorsValue;
    const except = strList(o["exceptSectors"]);
    if (except) measure.exceptSectors = except;
    const ex = exclusions(o["excludedBy"]);
    if (ex) measure.excludedBy = ex;
    return measure;
  });
  return {
    file,
    sectors,
    measures,
    sectorIds: new Set(sectors.flatMap((s) => (s.id !== undefined ? [s.id] : []))),
    measureIds: new Set(measures.flatMap((m) => (m.id !== undefined ? [m.id] : []))),
    listIds: new Set((Array.isArray(raw["lists"]) ? raw["lists"] : []).flatMap((l) => (typeof obj(l)?.["id"] === "string" ? [obj(l)!["id"] as string] : []))),
    errors: [],
  };
}

export function validateSchedule(raw: unknown, file: string): Result<Schedule> {
  const formatError = checkFormat(raw, file, SCHEDULE_FORMAT, SCHEDULE_FORMATS);
  if (formatError) return { ok: false, errors: [formatError], warnings: [] };

  const whole = ScheduleFile.safeParse(raw);
  const errors = whole.success ? [] : issuesToDiagnostics(whole.error.issues, raw, ScheduleFile, file);
  const parsed = loose(raw as Record<string, unknown>, file);
  for (const rule of RULES) rule(parsed);
  errors.push(...parsed.errors);
  errors.push(...formatTwoRules(raw as Record<string, unknown>, file, parsed.sectorIds));

  if (errors.length > 0 || !whole.success) return { ok: false, errors: errors.slice(0, MAX_ERRORS), warnings: [] };
  return { ok: true, value: buildSchedule(whole.data), warnings: [] };
}

// ---------------------------------------------------------------- rules

const duplicateIds: Rule = (p) => {
  for (const [list, what] of [[p.sectors, "sector"], [p.measures, "measure"]] as const) {
    const seen = new Map<string, number>();
    for (const { index, id } of list) {
      if (id === undefined) continue;
      const first = seen.get(id);
      if (first !== undefined) {
        p.errors.push(error("schedule/duplicate-id", `duplicate ${what} id "${id}" (first defined at ${what}s[${first}])`, { file: p.file, path: [`${what}s`, index, "id"] }, `give each ${what} its own id`));
      } else seen.set(id, index);
    }
  }
};

const duplicateHsPrefixes: Rule = (p) => {
  const owner = new Map<string, { id: string; index: number }>();
  for (const { index, id, hs } of p.sectors) {
    if (id === undefined) continue;
    hs.forEach((prefix, j) => {
      if (prefix === undefined) return;
      const digits = prefix.replace(/\./g, "");
      const first = owner.get(digits);
      if (first !== undefined && first.index !== index) {
        p.errors.push(error("schedule/duplicate-hs", `HS prefix "${prefix}" is in sector "${id}" and in sector "${first.id}" (sectors[${first.index}]): a code must map to one sector`, { file: p.file, path: ["sectors", index, "hs", j] }));
      } else if (first !== undefined) {
        p.errors.push(error("schedule/duplicate-hs", `HS prefix "${prefix}" is listed twice in sector "${id}"`, { file: p.file, path: ["sectors", index, "hs", j] }));
      } else owner.set(digits, { id, index });
    });
  }
};

function unknownSector(p: Parsed, id: string | undefined, path: Path): void {
  if (id === undefined || p.sectorIds.has(id)) return;
  const guess = didYouMean(id, p.sectorIds);
  p.errors.push(error("schedule/unknown-sector", `sector "${id}" is not defined in "sectors"`, { file: p.file, path }, guess ? `did you mean "${guess}"?` : 'define it in "sectors" or remove the reference'));
}

function unknownMeasure(p: Parsed, self: string | undefined, ex: LooseExclusion | undefined, path: Path): void {
  if (!ex) return;
  if (ex.measure === self) {
    p.errors.push(error("schedule/self-exclusion", `measure "${self}" lists itself in excludedBy`, { file: p.file, path }));
    return;
  }
  if (p.measureIds.has(ex.measure)) return;
  const guess = didYouMean(ex.measure, p.measureIds);
  p.errors.push(error("schedule/unknown-measure", `measure "${ex.measure}" in excludedBy is not defined in "measures"`, { file: p.file, path }, guess ? `did you mean "${guess}"?` : undefined));
}

/** The sector list in force in a period: the period's own, or the measure's. */
function periodSectors(m: LooseMeasure, period: LoosePeriod): { sectors?: "*" | (string | undefined)[]; exceptSectors: (string | undefined)[] } {
  if (period.sectors !== undefined) return { sectors: period.sectors, exceptSectors: period.exceptSectors ?? [] };
  const out: { sectors?: "*" | (string | undefined)[]; exceptSectors: (string | undefined)[] } = { exceptSectors: period.exceptSectors ?? m.exceptSectors ?? [] };
  if (m.sectors !== undefined) out.sectors = m.sectors;
  return out;
}

function coversSector(m: LooseMeasure, period: LoosePeriod, sector: string): boolean {
  const { sectors, exceptSectors } = periodSectors(m, period);
  if (sectors === undefined) return true;
  return sectors === "*" ? !exceptSectors.includes(sector) : sectors.includes(sector);
}

const references: Rule = (p) => {
  for (const m of p.measures) {
    const at = ["measures", m.index] as Path;
    if (Array.isArray(m.sectors)) m.sectors.forEach((s, k) => unknownSector(p, s, [...at, "sectors", k]));
    (m.exceptSectors ?? []).forEach((s, k) => unknownSector(p, s, [...at, "exceptSectors", k]));
    if (m.exceptSectors && Array.isArray(m.sectors)) {
      p.errors.push(error("schedule/except-without-all", `measure "${m.id}": exceptSectors only makes sense with "sectors": "*"`, { file: p.file, path: [...at, "exceptSectors"] }, 'remove the sectors from the "sectors" list instead'));
    }
    (m.excludedBy ?? []).forEach((ex, k) => unknownMeasure(p, m.id, ex, [...at, "excludedBy", k]));
    m.periods.forEach((period, j) => {
      const pat = [...at, "periods", j] as Path;
      (period.excludedBy ?? []).forEach((ex, k) => unknownMeasure(p, m.id, ex, [...pat, "excludedBy", k]));
      if (Array.isArray(period.sectors)) period.sectors.forEach((s, k) => unknownSector(p, s, [...pat, "sectors", k]));
      (period.exceptSectors ?? []).forEach((s, k) => unknownSector(p, s, [...pat, "exceptSectors", k]));
      const own = periodSectors(m, period);
      if (period.exceptSectors && Array.isArray(own.sectors)) {
        p.errors.push(error("schedule/except-without-all", `measure "${m.id}": exceptSectors only makes sense with "sectors": "*"`, { file: p.file, path: [...pat, "exceptSectors"] }, 'remove the sectors from the "sectors" list instead'));
      }
      for (const sector of period.rateKeys) {
        const path = [...pat, "rates", sector];
        if (p.listIds.has(sector) && !p.sectorIds.has(sector)) continue; // a list's rate: validate-lists.ts
        if (!p.sectorIds.has(sector)) unknownSector(p, sector, path);
        else if (!coversSector(m, period, sector)) {
          p.errors.push(error("schedule/rate-for-uncovered-sector", `measure "${m.id}" gives a rate for sector "${sector}", which it does not cover in this period`, { file: p.file, path }, own.sectors === "*" ? "remove it from exceptSectors or drop this rate" : "add it to the sectors or drop this rate"));
        }
      }
    });
  }
};

function span(period: LoosePeriod): string {
  return `${period.from} → ${period.until ?? "open"}`;
}

const periodDates: Rule = (p) => {
  for (const m of p.measures) {
    m.periods.forEach((period, j) => {
      if (period.from !== undefined && period.until !== undefined && period.until <= period.from) {
        p.errors.push(error("schedule/empty-period", `measure "${m.id}": period ${span(period)} ${period.until === period.from ? "has no days" : "ends before it starts"} ("until" must be after "from")`, { file: p.file, path: ["measures", m.index, "periods", j, "until"] }));
      }
    });
    const sorted = m.periods
      .map((period, j) => ({ period, j }))
      .filter((x) => !x.period.broken && x.period.from !== undefined && (x.period.until === undefined || x.period.until > x.period.from))
      .sort((a, b) => (a.period.from! < b.period.from! ? -1 : a.period.from! > b.period.from! ? 1 : a.j - b.j));
    for (let k = 1; k < sorted.length; k++) {
      const prev = sorted[k - 1]!;
      const cur = sorted[k]!;
      if (prev.period.until === undefined || cur.period.from! < prev.period.until) {
        p.errors.push(
          error(
            "schedule/overlapping-periods",
            `measure "${m.id}": period ${span(cur.period)} overlaps period ${span(prev.period)} (periods[${prev.j}])`,
            { file: p.file, path: ["measures", m.index, "periods", cur.j, "from"] },
            prev.period.until === undefined ? `end periods[${prev.j}] with "until": "${cur.period.from}"` : `start it on or after ${prev.period.until}, or end periods[${prev.j}] earlier`,
          ),
        );
      }
    }
  }
};

const rateCoverage: Rule = (p) => {
  for (const m of p.measures) {
    m.periods.forEach((period, j) => {
      const { sectors } = periodSectors(m, period);
      if (period.hasRate || period.prohibits || sectors === undefined) return;
      const path = ["measures", m.index, "periods", j];
      if (sectors === "*") {
        p.errors.push(error("schedule/missing-rate", `measure "${m.id}": period ${span(period)} has no "rate" for the sectors it covers ("sectors": "*")`, { file: p.file, path }, 'add "rate": "…%"'));
        return;
      }
      const missing = sectors.filter((s): s is string => s !== undefined && p.sectorIds.has(s) && !period.rateKeys.includes(s));
      if (missing.length > 0) {
        p.errors.push(error("schedule/missing-rate", `measure "${m.id}": period ${span(period)} has no rate for sector${missing.length > 1 ? "s" : ""} ${missing.map((s) => `"${s}"`).join(", ")}`, { file: p.file, path }, 'add "rate" for all sectors, or an entry in "rates"'));
      }
    });
  }
};

/** On every date a period starts, the excludedBy graph among measures in force must have no cycle. */
const stackingCycles: Rule = (p) => {
  const dates = new Set<string>();
  for (const m of p.measures) for (const period of m.periods) if (period.from) dates.add(period.from);
  const byId = new Map(p.measures.flatMap((m) => (m.id !== undefined ? [[m.id, m] as const] : [])));
  const reported = new Set<string>();
  for (const day of [...dates].sort()) {
    const inForce = new Map<string, { measure: LooseMeasure; periodIndex: number; excluders: string[] }>();
    for (const m of byId.values()) {
      const j = m.periods.findIndex((period) => period.from !== undefined && period.from <= day && (period.until === undefined || day < period.until));
      if (j < 0) continue;
      const list = m.periods[j]!.excludedBy ?? m.excludedBy ?? [];
      // A measure listing itself is reported as self-exclusion, not as a cycle.
      inForce.set(m.id!, { measure: m, periodIndex: j, excluders: list.flatMap((e) => (e && e.measure !== m.id ? [e.measure] : [])) });
    }
    const state = new Map<string, "visiting" | "done">();
    const visit = (id: string, trail: string[]): void => {
      const node = inForce.get(id);
      if (!node || state.get(id) === "done") return;
      if (state.get(id) === "visiting") {
        const cycle = trail.slice(trail.indexOf(id));
        const key = [...cycle].sort().join(",");
        if (!reported.has(key)) {
          reported.add(key);
          const inPeriod = node.measure.periods[node.periodIndex]!.excludedBy !== undefined;
          p.errors.push(error("schedule/stacking-cycle", `on ${day} measures exclude each other in a cycle: ${[...cycle, id].join(" → ")}`, { file: p.file, path: inPeriod ? ["measures", node.measure.index, "periods", node.periodIndex, "excludedBy"] : ["measures", node.measure.index, "excludedBy"] }, "one of them must not list the other in excludedBy on this date"));
        }
        return;
      }
      state.set(id, "visiting");
      for (const next of node.excluders) visit(next, [...trail, id]);
      state.set(id, "done");
    };
    for (const id of inForce.keys()) visit(id, []);
  }
};

const RULES: Rule[] = [duplicateIds, duplicateHsPrefixes, references, periodDates, rateCoverage, stackingCycles];

