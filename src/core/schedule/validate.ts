/**
 * Schedule validation: shape (zod, every issue), then cross-field rules, each a
 * small function over what parsed, so one bad measure does not hide the
 * errors of the others. Returns the calculator's model, or every error.
 * Pure: the file name is only a label for locations.
 */
import { CappedList, type Diagnostic, type Path, type Result, type Work, didYouMean, error, quoted, shortName } from "../diagnostics.js";
import { buildSchedule } from "./build.js";
import { OVERLAY_FORMAT, SCHEDULE_FORMAT, SCHEDULE_FORMATS, ScheduleFile, isCalendarDate } from "./format.js";
import { formatTwoRules } from "./validate-lists.js";
import { feeRules } from "./validate-fees.js";
import { type Schedule, inForce, inheritedSectors, overlapping } from "./model.js";
import { MAX_GUESSES, issuesToDiagnostics, safeParseIssues } from "./zod-issues.js";

export { buildSchedule };

/** Stops a pathological file from printing a million lines; the rest are counted (`Result.total`). */
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
  /** The first MAX_ERRORS errors (the shape check's first), and the count of all. */
  errors: CappedList;
  /** Steps of the rules, for tests that bound work by input size (issue #13). */
  work: Work;
}

type Rule = (p: Parsed) => void;

const obj = (v: unknown): Record<string, unknown> | undefined => (v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined);
const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);
const date = (v: unknown): string | undefined => (typeof v === "string" && isCalendarDate(v) ? v : undefined);
const strList = (v: unknown): (string | undefined)[] | undefined => (Array.isArray(v) ? v.map(str) : undefined);
const exclusions = (v: unknown): (LooseExclusion | undefined)[] | undefined =>
  Array.isArray(v) ? v.map((e) => (typeof e === "string" ? { measure: e } : typeof obj(e)?.["measure"] === "string" ? { measure: obj(e)!["measure"] as string } : undefined)) : undefined;

function loose(raw: Record<string, unknown>, file: string, errors: CappedList, work: Work): Parsed {
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
    errors,
    work,
  };
}

/**
 * Every error of a schedule file (the first MAX_ERRORS, and their exact count
 * in `total`), or its model. Each rule is linear in the file, or n log n where
 * it sorts: `work`, when given, counts the rules' steps.
 */
export function validateSchedule(raw: unknown, file: string, work: Work = { steps: 0 }): Result<Schedule> {
  const formatError = checkFormat(raw, file, SCHEDULE_FORMAT, SCHEDULE_FORMATS);
  if (formatError) return { ok: false, errors: [formatError], warnings: [] };

  const whole = safeParseIssues(ScheduleFile, raw);
  const errors = new CappedList(MAX_ERRORS);
  if (!whole.success) {
    // Converted a slice at a time: past MAX_ERRORS a diagnostic is only counted, so none but the kept ones stay in memory.
    const guesses = { left: MAX_GUESSES };
    for (let i = 0; i < whole.issues.length; i += 1000) for (const d of issuesToDiagnostics(whole.issues.slice(i, i + 1000), raw, ScheduleFile, file, "schedule", [], guesses)) errors.push(d);
  }
  const parsed = loose(raw as Record<string, unknown>, file, errors, work);
  for (const rule of RULES) rule(parsed);
  for (const d of formatTwoRules(raw as Record<string, unknown>, file, parsed.sectorIds)) errors.push(d);
  for (const d of feeRules(raw as Record<string, unknown>, file, parsed.measureIds)) errors.push(d);

  if (errors.count > 0 || !whole.success) return { ok: false, errors: errors.list, warnings: [], ...(errors.count > errors.list.length ? { total: errors.count } : {}) };
  return { ok: true, value: buildSchedule(whole.data), warnings: [] };
}

// ---------------------------------------------------------------- rules

const duplicateIds: Rule = (p) => {
  for (const [list, what] of [[p.sectors, "sector"], [p.measures, "measure"]] as const) {
    const seen = new Map<string, number>();
    for (const { index, id } of list) {
      p.work.steps++;
      if (id === undefined) continue;
      const first = seen.get(id);
      if (first !== undefined) {
        p.errors.push(error("schedule/duplicate-id", `duplicate ${what} id ${quoted(id)} (first defined at ${what}s[${first}])`, { file: p.file, path: [`${what}s`, index, "id"] }, `give each ${what} its own id`));
      } else seen.set(id, index);
    }
  }
};

const duplicateHsPrefixes: Rule = (p) => {
  const owner = new Map<string, { id: string; index: number }>();
  for (const { index, id, hs } of p.sectors) {
    if (id === undefined) continue;
    hs.forEach((prefix, j) => {
      p.work.steps++;
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
  p.work.steps++;
  if (id === undefined || p.sectorIds.has(id)) return;
  // A guess compares with every sector: made only for errors that are shown, so 100,000 bad references stay linear.
  const guess = p.errors.full ? undefined : didYouMean(id, p.sectorIds, p.work);
  p.errors.push(error("schedule/unknown-sector", `sector ${quoted(id)} is not defined in "sectors"`, { file: p.file, path }, guess ? `did you mean "${guess}"?` : 'define it in "sectors" or remove the reference'));
}

function unknownMeasure(p: Parsed, self: string | undefined, ex: LooseExclusion | undefined, path: Path): void {
  p.work.steps++;
  if (!ex) return;
  if (ex.measure === self) {
    p.errors.push(error("schedule/self-exclusion", `measure ${quoted(ex.measure)} lists itself in excludedBy`, { file: p.file, path }));
    return;
  }
  if (p.measureIds.has(ex.measure)) return;
  const guess = p.errors.full ? undefined : didYouMean(ex.measure, p.measureIds, p.work);
  p.errors.push(error("schedule/unknown-measure", `measure ${quoted(ex.measure)} in excludedBy is not defined in "measures"`, { file: p.file, path }, guess ? `did you mean "${guess}"?` : undefined));
}

/** The sector list in force in a period: the period's own, or the measure's. */
function periodSectors(m: LooseMeasure, period: LoosePeriod): { sectors: "*" | (string | undefined)[] | undefined; exceptSectors: (string | undefined)[] } {
  return inheritedSectors(m, period);
}

/** Per period, a set of its sectors (or of its exceptions), made once: a period with thousands of sectors and rates stays linear. */
const coverage = new WeakMap<LoosePeriod, (sector: string) => boolean>();

function coversSector(m: LooseMeasure, period: LoosePeriod, sector: string): boolean {
  let covers = coverage.get(period);
  if (!covers) {
    const { sectors, exceptSectors } = periodSectors(m, period);
    const listed = new Set(sectors === "*" ? exceptSectors : sectors);
    covers = sectors === undefined ? () => true : sectors === "*" ? (s) => !listed.has(s) : (s) => listed.has(s);
    coverage.set(period, covers);
  }
  return covers(sector);
}

const references: Rule = (p) => {
  for (const m of p.measures) {
    const at = ["measures", m.index] as Path;
    if (Array.isArray(m.sectors)) m.sectors.forEach((s, k) => unknownSector(p, s, [...at, "sectors", k]));
    (m.exceptSectors ?? []).forEach((s, k) => unknownSector(p, s, [...at, "exceptSectors", k]));
    if (m.exceptSectors && Array.isArray(m.sectors)) {
      p.errors.push(error("schedule/except-without-all", `measure ${quoted(String(m.id))}: exceptSectors only makes sense with "sectors": "*"`, { file: p.file, path: [...at, "exceptSectors"] }, 'remove the sectors from the "sectors" list instead'));
    }
    (m.excludedBy ?? []).forEach((ex, k) => unknownMeasure(p, m.id, ex, [...at, "excludedBy", k]));
    m.periods.forEach((period, j) => {
      const pat = [...at, "periods", j] as Path;
      (period.excludedBy ?? []).forEach((ex, k) => unknownMeasure(p, m.id, ex, [...pat, "excludedBy", k]));
      if (Array.isArray(period.sectors)) period.sectors.forEach((s, k) => unknownSector(p, s, [...pat, "sectors", k]));
      (period.exceptSectors ?? []).forEach((s, k) => unknownSector(p, s, [...pat, "exceptSectors", k]));
      const own = periodSectors(m, period);
      if (period.exceptSectors && Array.isArray(own.sectors)) {
        p.errors.push(error("schedule/except-without-all", `measure ${quoted(String(m.id))}: exceptSectors only makes sense with "sectors": "*"`, { file: p.file, path: [...pat, "exceptSectors"] }, 'remove the sectors from the "sectors" list instead'));
      }
      for (const sector of period.rateKeys) {
        p.work.steps++;
        const path = [...pat, "rates", sector];
        if (p.listIds.has(sector) && !p.sectorIds.has(sector)) continue; // a list's rate: validate-lists.ts
        if (!p.sectorIds.has(sector)) unknownSector(p, sector, path);
        else if (!coversSector(m, period, sector)) {
          p.errors.push(error("schedule/rate-for-uncovered-sector", `measure ${quoted(String(m.id))} gives a rate for sector ${quoted(sector)}, which it does not cover in this period`, { file: p.file, path }, own.sectors === "*" ? "remove it from exceptSectors or drop this rate" : "add it to the sectors or drop this rate"));
        }
      }
    });
  }
};

/** The sectors a period lacks a rate for: all of them up to ten, else the first ten and how many more. */
function missingList(missing: string[]): string {
  const shown = missing.slice(0, 10).map(quoted).join(", ");
  return missing.length > 10 ? `${shown} and ${missing.length - 10} more` : shown;
}

function span(period: LoosePeriod): string {
  return `${period.from} → ${period.until ?? "open"}`;
}

const periodDates: Rule = (p) => {
  for (const m of p.measures) {
    // Sorted once per measure: n log n in its periods, then one pass over neighbours.
    p.work.steps += m.periods.length * (1 + Math.ceil(Math.log2(m.periods.length + 1)));
    m.periods.forEach((period, j) => {
      if (period.from !== undefined && period.until !== undefined && period.until <= period.from) {
        p.errors.push(error("schedule/empty-period", `measure ${quoted(String(m.id))}: period ${span(period)} ${period.until === period.from ? "has no days" : "ends before it starts"} ("until" must be after "from")`, { file: p.file, path: ["measures", m.index, "periods", j, "until"] }));
      }
    });
    const dated = m.periods
      .map((period, j) => ({ period, j, from: period.from!, until: period.until }))
      .filter((x) => !x.period.broken && x.period.from !== undefined && (x.period.until === undefined || x.period.until > x.period.from));
    for (const [prev, cur] of overlapping(dated)) {
      p.errors.push(
        error(
          "schedule/overlapping-periods",
          `measure ${quoted(String(m.id))}: period ${span(cur.period)} overlaps period ${span(prev.period)} (periods[${prev.j}])`,
          { file: p.file, path: ["measures", m.index, "periods", cur.j, "from"] },
          prev.period.until === undefined ? `end periods[${prev.j}] with "until": "${cur.period.from}"` : `start it on or after ${prev.period.until}, or end periods[${prev.j}] earlier`,
        ),
      );
    }
  }
};

const rateCoverage: Rule = (p) => {
  for (const m of p.measures) {
    m.periods.forEach((period, j) => {
      p.work.steps++;
      const { sectors } = periodSectors(m, period);
      if (period.hasRate || period.prohibits || sectors === undefined) return;
      const path = ["measures", m.index, "periods", j];
      if (sectors === "*") {
        p.errors.push(error("schedule/missing-rate", `measure ${quoted(String(m.id))}: period ${span(period)} has no "rate" for the sectors it covers ("sectors": "*")`, { file: p.file, path }, 'add "rate": "…%"'));
        return;
      }
      const rated = new Set(period.rateKeys);
      const missing = sectors.filter((s): s is string => s !== undefined && p.sectorIds.has(s) && !rated.has(s));
      p.work.steps += sectors.length;
      if (missing.length > 0) {
        p.errors.push(error("schedule/missing-rate", `measure ${quoted(String(m.id))}: period ${span(period)} has no rate for sector${missing.length > 1 ? "s" : ""} ${missingList(missing)}`, { file: p.file, path }, 'add "rate" for all sectors, or an entry in "rates"'));
      }
    });
  }
};

/** A measure's periods that can be in force, by start date, with the latest end so far: "which period on this day" in log time. */
interface Timeline {
  periods: { period: LoosePeriod; j: number }[];
  /** Index (into `periods`) of the period ending last among periods[0..k]; an open period ends never. */
  longest: number[];
}

function timelineOf(m: LooseMeasure, work: Work): Timeline {
  const periods = m.periods.map((period, j) => ({ period, j })).filter((x) => x.period.from !== undefined);
  periods.sort((a, b) => (a.period.from! < b.period.from! ? -1 : a.period.from! > b.period.from! ? 1 : a.j - b.j));
  work.steps += periods.length * (1 + Math.ceil(Math.log2(periods.length + 1)));
  const longest: number[] = [];
  const ends = (k: number) => periods[k]!.period.until ?? "\uffff";
  periods.forEach((_, k) => longest.push(k === 0 || ends(k) >= ends(longest[k - 1]!) ? k : longest[k - 1]!));
  return { periods, longest };
}

/**
 * The period in force on `day`: the latest-starting one that contains it, else
 * the longest-running earlier one (periods overlap only in a file that already
 * has an overlap error). Binary search: periods sorted once per measure.
 */
function periodOn(t: Timeline, day: string, work: Work): { period: LoosePeriod; j: number } | undefined {
  let lo = 0;
  let hi = t.periods.length; // first period starting after `day`
  while (lo < hi) {
    work.steps++;
    const mid = (lo + hi) >> 1;
    if (t.periods[mid]!.period.from! <= day) lo = mid + 1;
    else hi = mid;
  }
  if (lo === 0) return undefined;
  const contains = (x: { period: LoosePeriod }) => inForce(x.period, day);
  const last = t.periods[lo - 1]!;
  if (contains(last)) return last;
  const longest = t.periods[t.longest[lo - 1]!]!;
  return contains(longest) ? longest : undefined;
}

/** Cycles are listed in full up to this many measures; a longer one shows its first few, its last and its length. */
const CYCLE_SHOWN = 8;

function cycleText(cycle: string[]): string {
  const ids = cycle.map(shortName);
  if (ids.length <= CYCLE_SHOWN) return [...ids, ids[0]!].join(" → ");
  return `${[...ids.slice(0, CYCLE_SHOWN - 2), "…", ids[ids.length - 1]!, ids[0]!].join(" → ")} (a cycle of ${ids.length} measures)`;
}

/**
 * Strongly connected components with more than one node, by Tarjan's algorithm
 * run with an explicit stack (a chain of 5,000 exclusions must not overflow the
 * call stack). `edges[v]` lists the nodes v points at. Linear in nodes + edges.
 */
function cyclicComponents(edges: number[][], work: Work): number[][] {
  const n = edges.length;
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const stack: number[] = [];
  const out: number[][] = [];
  let next = 0;
  for (let root = 0; root < n; root++) {
    if (index[root] !== -1) continue;
    const frames: [number, number][] = [[root, 0]]; // node, next edge to follow
    index[root] = low[root] = next++;
    stack.push(root);
    onStack[root] = 1;
    while (frames.length > 0) {
      const frame = frames[frames.length - 1]!;
      const [v, k] = frame;
      work.steps++;
      if (k < edges[v]!.length) {
        frame[1]++;
        const w = edges[v]![k]!;
        if (index[w] === -1) {
          index[w] = low[w] = next++;
          stack.push(w);
          onStack[w] = 1;
          frames.push([w, 0]);
        } else if (onStack[w]) low[v] = Math.min(low[v]!, index[w]!);
        continue;
      }
      frames.pop();
      if (frames.length > 0) {
        const parent = frames[frames.length - 1]![0];
        low[parent] = Math.min(low[parent]!, low[v]!);
      }
      if (low[v] === index[v]) {
        const component: number[] = [];
        let w: number;
        do {
          w = stack.pop()!;
          onStack[w] = 0;
          component.push(w);
        } while (w !== v);
        if (component.length > 1) out.push(component.sort((a, b) => a - b));
      }
    }
  }
  return out;
}

/**
 * On every date a period starts, the excludedBy graph among measures in force
 * must have no cycle. Linear when there is none on any date: a cycle on some
 * date is a cycle of the graph of every exclusion ever listed, so only its
 * strongly connected components are checked date by date, each on the dates
 * one of its own measures starts a period (a cycle new that day passes through
 * one of them, so the search starts from those and reads only what it reaches).
 * Iterative throughout; one cycle reported per component and date, each set
 * of measures once. Worst case: a component that has a cycle on no day is
 * searched again on each of its start dates.
 */
const stackingCycles: Rule = (p) => {
  const byId = new Map(p.measures.flatMap((m) => (m.id !== undefined ? [[m.id, m] as const] : [])));
  const measures = [...byId.values()];
  const number = new Map(measures.map((m, v) => [m.id!, v]));
  // A measure listing itself is reported as self-exclusion, not as a cycle.
  const excluders = (m: LooseMeasure, period: LoosePeriod): number[] =>
    (period.excludedBy ?? m.excludedBy ?? []).flatMap((e) => {
      const w = e && e.measure !== m.id ? number.get(e.measure) : undefined;
      return w === undefined ? [] : [w];
    });
  const everEdges = measures.map((m) => {
    const out = m.periods.flatMap((period) => (period.from !== undefined ? excluders(m, period) : []));
    p.work.steps += out.length + 1;
    return out;
  });
  const components = cyclicComponents(everEdges, p.work);
  if (components.length === 0) return;

  const timelines = new Map<number, Timeline>();
  // date → component → its measures starting a period that day (a cycle new on a day passes through one of them)
  const startsOn = new Map<string, Map<number, number[]>>();
  const componentOf = new Map<number, number>();
  components.forEach((component, c) => {
    for (const v of component) {
      componentOf.set(v, c);
      const t = timelineOf(measures[v]!, p.work);
      timelines.set(v, t);
      for (const { period } of t.periods) {
        let byComponent = startsOn.get(period.from!);
        if (!byComponent) startsOn.set(period.from!, (byComponent = new Map()));
        const starters = byComponent.get(c) ?? [];
        if (starters[starters.length - 1] !== v) starters.push(v);
        byComponent.set(c, starters);
      }
    }
  });

  const reported = new Set<string>();
  for (const day of [...startsOn.keys()].sort()) {
    for (const [c, starters] of startsOn.get(day)!) {
      // The graph of this component on `day`, read only where the search goes: measures in force, the exclusions of their period.
      const seen = new Map<number, { j: number; edges: number[] } | undefined>();
      const inForce = (v: number) => {
        if (!seen.has(v)) {
          const on = componentOf.get(v) === c ? periodOn(timelines.get(v)!, day, p.work) : undefined;
          seen.set(v, on && { j: on.j, edges: excluders(measures[v]!, on.period) });
        }
        return seen.get(v);
      };
      const found = firstCycle(starters, inForce, p.work);
      if (!found) continue;
      // Shown from its measure first in the file, so a cycle reads the same whichever measure the search started from.
      let first = 0;
      found.forEach((v, k) => (first = v < found[first]! ? k : first));
      const cycle = [...found.slice(first), ...found.slice(0, first)];
      const key = [...cycle].sort((a, b) => a - b).join(",");
      if (reported.has(key)) continue;
      reported.add(key);
      const node = measures[cycle[0]!]!;
      const j = inForce(cycle[0]!)!.j;
      const inPeriod = node.periods[j]!.excludedBy !== undefined;
      p.errors.push(
        error(
          "schedule/stacking-cycle",
          `on ${day} measures exclude each other in a cycle: ${cycleText(cycle.map((v) => measures[v]!.id!))}`,
          { file: p.file, path: inPeriod ? ["measures", node.index, "periods", j, "excludedBy"] : ["measures", node.index, "excludedBy"] },
          "one of them must not list the other in excludedBy on this date",
        ),
      );
    }
  }
};

/**
 * The first cycle a depth-first search from `roots` meets in the graph that
 * `node` gives (undefined: not in it), as the nodes from where it closes round
 * to the one before. Explicit stack; each node and edge visited once.
 */
function firstCycle(roots: number[], node: (v: number) => { edges: number[] } | undefined, work: Work): number[] | undefined {
  const state = new Map<number, "visiting" | "done">();
  const trail: number[] = [];
  const position = new Map<number, number>(); // node → its place in `trail` while visiting
  for (const root of roots) {
    if (!node(root) || state.has(root)) continue;
    const frames: [number, number][] = [[root, 0]];
    state.set(root, "visiting");
    position.set(root, trail.push(root) - 1);
    while (frames.length > 0) {
      const frame = frames[frames.length - 1]!;
      const [v, k] = frame;
      const edges = node(v)!.edges;
      work.steps++;
      if (k < edges.length) {
        frame[1]++;
        const w = edges[k]!;
        if (state.get(w) === "done" || !node(w)) continue;
        if (state.get(w) === "visiting") return trail.slice(position.get(w)!);
        state.set(w, "visiting");
        position.set(w, trail.push(w) - 1);
        frames.push([w, 0]);
        continue;
      }
      frames.pop();
      state.set(v, "done");
      trail.pop();
      position.delete(v);
    }
  }
  return undefined;
}

const RULES: Rule[] = [duplicateIds, duplicateHsPrefixes, references, periodDates, rateCoverage, stackingCycles];

