/**
 * Schedule diff: what changed between two schedules *in effect*, not in text.
 *
 * For each measure, the effect on a date is resolved the way the calculator
 * reads it (rate, basis, share and heading per sector, USMCA treatment,
 * stacking), on every elementary interval between the period bounds of both
 * schedules; differences on adjacent intervals with the same before and after
 * are merged into one change. So reordering measures, periods or keys,
 * splitting a period in two with the same terms, writing "25.0%" for "25%" or
 * moving a basis from the measure into its periods is no change.
 *
 * Pure: data in, data out. No I/O, no console, no colour: `cli/commands/diff.ts`
 * renders the result and picks the exit code.
 */
import { compareRates, formatFraction, formatRate } from "../money/rate.js";
import { resolveTerms, withUsmcaTerms } from "../lookup/in-force.js";
import { termsText as viewText, termsView } from "../lookup/rates-view.js";
import {
  type Exclusion,
  type ImporterCode,
  type MeasureDef,
  type PeriodDef,
  type Schedule,
  type Terms,
  exemptionText,
  type ListDef,
  type ListEntry,
  entryOn,
  periodCoversSector,
  periodOn,
  termsFor,
} from "../schedule/model.js";

/** What the user narrowed the diff to. */
export interface DiffFilter {
  /** Only what is in force on this date (YYYY-MM-DD): changes whose interval contains it. */
  at?: string;
  /** Only measures levied by this importer (on either side), and its currency/rounding terms. */
  importer?: ImporterCode;
  /** Only this sector: its own changes, and measures charging it. */
  sector?: string;
}

/** `+`, `-`, `~` in a plan: added and removed refer to the measure or sector as a whole. */
export type ChangeKind = "added" | "removed" | "changed";

/**
 * The fields a change can be about, in the order they are listed.
 * - sector: a sector added or removed (before/after: its HS prefixes);
 * - hs: a sector's HS prefixes changed (before/after: sorted prefixes);
 * - currency, valueRounding, dutyRounding: an importer's rules;
 * - in-force: a measure in force on one side only ("not in force" on the other);
 * - importer, origins: who levies a measure, on goods from where;
 * - sectors: a sector charged on one side only ("not covered" on the other);
 * - rate, basis, share, heading: the terms for goods not claiming USMCA;
 * - usmca: the treatment of goods qualifying under USMCA/CUSMA ("exempt", "as other goods", or their own terms);
 * - exemptions: exemptions other than usmca;
 * - excludedBy: the measures that switch this one off (stacking);
 * - list: a product list added or removed (before/after: its number of codes);
 * - codes: a list's codes changed on these dates (before: codes only in OLD; after: codes only in NEW);
 * - lists: a list charged by a measure on one side only ("not covered" on the other).
 * A per-scope change (rate, basis, share, heading, usmca) names `list` instead of `sector` when the terms are a list's.
 */
export const CHANGE_FIELDS = [
  "sector",
  "hs",
  "currency",
  "valueRounding",
  "dutyRounding",
  "in-force",
  "importer",
  "origins",
  "sectors",
  "rate",
  "basis",
  "share",
  "heading",
  "usmca",
  "exemptions",
  "excludedBy",
  "list",
  "codes",
  "lists",
] as const;
export type ChangeField = (typeof CHANGE_FIELDS)[number];

/** One change in effect. Dates: `from` inclusive, `until` exclusive, null = open (or undated). */
export interface Difference {
  kind: ChangeKind;
  measure?: string;
  /** The one sector this change is about; absent when it is about the measure, or every sector it charges. */
  sector?: string;
  /** The one product list this change is about (format 2). */
  list?: string;
  /**
   * With no `sector`: the sectors the measure charges on these dates that this
   * change does not apply to (each has its own change, or none). Absent = none.
   */
  exceptSectors?: string[];
  importer?: ImporterCode;
  field: ChangeField;
  from: string | null;
  until: string | null;
  before: string | null;
  after: string | null;
}

export const METADATA_FIELDS = ["id", "version", "title", "asOf", "label", "authority", "note", "sources"] as const;
export type MetadataField = (typeof METADATA_FIELDS)[number];

/** A change with no effect on any duty: names, notes, sources, the edition. */
export interface MetadataChange {
  measure?: string;
  sector?: string;
  field: MetadataField;
  /** Only period notes are dated. */
  from: string | null;
  until: string | null;
  before: string | null;
  after: string | null;
}

export interface DiffSummary {
  measuresAdded: number;
  measuresRemoved: number;
  measuresChanged: number;
  sectorsAdded: number;
  sectorsRemoved: number;
  sectorsChanged: number;
  listsAdded: number;
  listsRemoved: number;
  listsChanged: number;
  /** Changes per field, fields in CHANGE_FIELDS order, only those with changes. */
  byField: Partial<Record<ChangeField, number>>;
  changes: number;
  metadata: number;
}

export interface ScheduleDiff {
  old: { id: string; version: string };
  /** `overlays`: what-if files applied to NEW (set by the shell), named so a diff of a what-if says so. */
  new: { id: string; version: string; overlays?: string[] };
  changes: Difference[];
  metadata: MetadataChange[];
  summary: DiffSummary;
  /** Labels for rendering (the new schedule's where both have one); not part of the JSON contract. */
  labels: { measures: Record<string, string>; sectors: Record<string, string> };
}

export const NOT_IN_FORCE = "not in force";
export const NOT_COVERED = "not covered";
export const USMCA_EXEMPT = "exempt";
export const USMCA_AS_OTHERS = "as other goods";
export const NONE = "none";

// ---------------------------------------------------------------- texts


/** `50% on content × 85% of basis` (rates-view.ts's text of terms). */
export function termsText(t: Terms): string {
  return viewText(termsView(t));
}

function fullText(t: Terms): string {
  return termsText(t) + (t.heading !== undefined ? ` [${t.heading}]` : "");
}

function sameTerms(a: Terms, b: Terms): boolean {
  return (
    compareRates(a.rate, b.rate) === 0 &&
    a.basis === b.basis &&
    a.heading === b.heading &&
    (a.share === undefined ? b.share === undefined : b.share !== undefined && formatFraction(a.share) === formatFraction(b.share))
  );
}

function exclusionText(e: Exclusion): string {
  return e.when === "owes" ? `${e.measure} (if it owes)` : e.measure;
}

function listText(items: string[]): string {
  return items.length === 0 ? NONE : [...new Set(items)].sort(byText).join(", ");
}

function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * A measure's terms across sectors, as a person reads them: `35%; energy 10%`.
 * The terms most sectors share come bare first (only when more than one sector
 * shares them), then the exceptions by sector id.
 */
export function summarizeTerms(bySector: Map<string, Terms>): string {
  if (bySector.size === 0) return "in force (no sector)";
  const groups = new Map<string, string[]>();
  for (const [sector, t] of bySector) {
    const text = termsText(t);
    groups.set(text, [...(groups.get(text) ?? []), sector]);
  }
  const ranked = [...groups.entries()].sort((a, b) => b[1].length - a[1].length || byText(a[0], b[0]));
  if (ranked.length === 1) return ranked[0]![0];
  const [main, ...rest] = ranked;
  const bare = main![1].length > 1 ? [main!] : [];
  const exceptions = (bare.length > 0 ? rest : ranked).flatMap(([text, sectors]) => sectors.map((s) => [s, text] as const)).sort((a, b) => byText(a[0], b[0]));
  return [...bare.map(([text]) => text), ...exceptions.map(([s, text]) => `${s} ${text}`)].join("; ");
}

// ---------------------------------------------------------------- effect of one measure on one interval

interface SectorEffect {
  terms: Terms;
  usmca: string;
}

interface Effect {
  importer: string;
  origins: string;
  exemptions: string;
  excludedBy: string;
  sectors: Map<string, SectorEffect>;
  /** Terms by product list the period covers (format 2). */
  lists: Map<string, SectorEffect>;
}

/** What `measure` does on `date` in `schedule`, under the filter; undefined when not in force (for that importer/sector). */
function effectOn(schedule: Schedule, measure: MeasureDef | undefined, date: string, filter: DiffFilter): Effect | undefined {
  if (!measure) return undefined;
  if (filter.importer !== undefined && measure.importer !== filter.importer) return undefined;
  const period = periodOn(measure, date);
  if (!period) return undefined;
  const sectors = new Map<string, SectorEffect>();
  const ids = filter.sector !== undefined ? [filter.sector] : schedule.sectors.map((s) => s.id);
  for (const sector of ids) {
    if (!schedule.sectorById.has(sector) || !periodCoversSector(period, sector)) continue;
    const terms = termsFor(period, sector)!;
    sectors.set(sector, { terms, usmca: usmcaText(period, sector, terms) });
  }
  if (filter.sector !== undefined && sectors.size === 0) return undefined;
  const lists = new Map<string, SectorEffect>();
  if (filter.sector === undefined) {
    const ids = new Set([...period.lists, ...[...period.byScope.keys()].filter((k) => schedule.listById.has(k))]);
    for (const list of ids) {
      const terms = period.byScope.get(list) ?? period.terms;
      if (!terms || !period.lists.includes(list)) continue;
      const own = withUsmcaTerms(period, terms);
      lists.set(list, { terms, usmca: period.exemptions.includes("usmca") ? USMCA_EXEMPT : sameTerms(own, terms) ? USMCA_AS_OTHERS : fullText(own) });
    }
  }
  return {
    lists,
    importer: measure.importer,
    origins: listText(measure.origins),
    exemptions: listText(period.exemptions.flatMap((e) => (e === "usmca" ? [] : [exemptionText(e)]))),
    excludedBy: listText(period.excludedBy.map(exclusionText)),
    sectors,
  };
}

function usmcaText(period: PeriodDef, sector: string, base: Terms): string {
  if (period.exemptions.includes("usmca")) return USMCA_EXEMPT;
  const own = resolveTerms(period, sector, true);
  return !own || sameTerms(own, base) ? USMCA_AS_OTHERS : fullText(own);
}

function summarize(e: Effect): string {
  return summarizeTerms(new Map([...e.sectors].map(([s, x]) => [s, x.terms])));
}

/** A difference on one elementary interval, before merging. */
interface Entry {
  field: ChangeField;
  sector?: string;
  list?: string;
  exceptSectors?: string[];
  before: string;
  after: string;
}

const PER_SECTOR_FIELDS = ["rate", "basis", "share", "heading", "usmca"] as const;

function compareEffects(o: Effect | undefined, n: Effect | undefined): Entry[] {
  if (!o && !n) return [];
  if (!o || !n) return [{ field: "in-force", before: o ? summarize(o) : NOT_IN_FORCE, after: n ? summarize(n) : NOT_IN_FORCE }];
  const out: Entry[] = [];
  for (const field of ["importer", "origins", "exemptions", "excludedBy"] as const) {
    if (o[field] !== n[field]) out.push({ field, before: o[field], after: n[field] });
  }
  const union = [...new Set([...o.sectors.keys(), ...n.sectors.keys()])].sort(byText);
  const perField = new Map<ChangeField, Map<string, [string, string]>>();
  const note = (field: ChangeField, sector: string, before: string, after: string) => {
    let m = perField.get(field);
    if (!m) perField.set(field, (m = new Map()));
    m.set(sector, [before, after]);
  };
  for (const sector of union) {
    const a = o.sectors.get(sector);
    const b = n.sectors.get(sector);
    if (!a || !b) {
      note("sectors", sector, a ? termsText(a.terms) : NOT_COVERED, b ? termsText(b.terms) : NOT_COVERED);
      continue;
    }
    if (compareRates(a.terms.rate, b.terms.rate) !== 0) note("rate", sector, formatRate(a.terms.rate), formatRate(b.terms.rate));
    if (a.terms.basis !== b.terms.basis) note("basis", sector, a.terms.basis, b.terms.basis);
    const shareA = a.terms.share ? formatFraction(a.terms.share) : "100%";
    const shareB = b.terms.share ? formatFraction(b.terms.share) : "100%";
    if (shareA !== shareB) note("share", sector, shareA, shareB);
    if (a.terms.heading !== b.terms.heading) note("heading", sector, a.terms.heading ?? NONE, b.terms.heading ?? NONE);
    if (a.usmca !== b.usmca) note("usmca", sector, a.usmca, b.usmca);
  }
  // Lists: each its own change (a list is named, not one of many like a sector under "*").
  for (const list of [...new Set([...o.lists.keys(), ...n.lists.keys()])].sort(byText)) {
    const a = o.lists.get(list);
    const b = n.lists.get(list);
    if (!a || !b) {
      out.push({ field: "lists", list, before: a ? termsText(a.terms) : NOT_COVERED, after: b ? termsText(b.terms) : NOT_COVERED });
      continue;
    }
    if (compareRates(a.terms.rate, b.terms.rate) !== 0) out.push({ field: "rate", list, before: formatRate(a.terms.rate), after: formatRate(b.terms.rate) });
    if (a.terms.basis !== b.terms.basis) out.push({ field: "basis", list, before: a.terms.basis, after: b.terms.basis });
    const shareA = a.terms.share ? formatFraction(a.terms.share) : "100%";
    const shareB = b.terms.share ? formatFraction(b.terms.share) : "100%";
    if (shareA !== shareB) out.push({ field: "share", list, before: shareA, after: shareB });
    if (a.terms.heading !== b.terms.heading) out.push({ field: "heading", list, before: a.terms.heading ?? NONE, after: b.terms.heading ?? NONE });
    if (a.usmca !== b.usmca) out.push({ field: "usmca", list, before: a.usmca, after: b.usmca });
  }
  const coverage = perField.get("sectors");
  if (coverage) for (const [sector, [before, after]] of coverage) out.push({ field: "sectors", sector, before, after });
  // Read as a person would: a change most charged sectors share is one change,
  // sector omitted, with the charged sectors it does not apply to in
  // `exceptSectors` (the schedule's own "*" + exceptSectors vocabulary).
  const charged = union.filter((s) => o.sectors.has(s) && n.sectors.has(s));
  for (const field of PER_SECTOR_FIELDS) {
    const diffs = perField.get(field);
    if (!diffs) continue;
    const groups = new Map<string, { before: string; after: string; sectors: string[] }>();
    for (const [sector, [before, after]] of diffs) {
      const key = JSON.stringify([before, after]);
      const g = groups.get(key) ?? { before, after, sectors: [] };
      g.sectors.push(sector);
      groups.set(key, g);
    }
    // The largest group (two groups cannot both be a majority; the tie-break only keeps the sort total).
    const pairKey = (g: { before: string; after: string }) => [g.before, g.after].sort(byText).join("\u0000");
    const main = [...groups.values()].sort((x, y) => y.sectors.length - x.sectors.length || byText(pairKey(x), pairKey(y)))[0]!;
    const shared = main.sectors.length === charged.length || (main.sectors.length >= 2 && main.sectors.length * 2 > charged.length);
    if (shared) {
      const inMain = new Set(main.sectors);
      const exceptSectors = charged.filter((s) => !inMain.has(s));
      out.push({ field, ...(exceptSectors.length > 0 ? { exceptSectors } : {}), before: main.before, after: main.after });
    }
    for (const [sector, [before, after]] of diffs) {
      if (!shared || !main.sectors.includes(sector)) out.push({ field, sector, before, after });
    }
  }
  return out;
}

/** Every date on which either side's terms may change: period bounds of both. */
function breakpoints(...measures: (MeasureDef | undefined)[]): string[] {
  const dates = new Set<string>();
  for (const m of measures) for (const p of m?.periods ?? []) {
    dates.add(p.from);
    if (p.until !== undefined) dates.add(p.until);
  }
  return [...dates].sort(byText);
}

interface Run<T> {
  value: T;
  from: string;
  until: string | null;
}

/**
 * Runs `entriesOn` on each elementary interval and merges equal entries on
 * adjacent intervals: splitting a period in two changes nothing.
 */
function overIntervals<T>(dates: string[], entriesOn: (date: string) => T[], key: (t: T) => string): Run<T>[] {
  const done: Run<T>[] = [];
  let open = new Map<string, Run<T>>();
  dates.forEach((from, i) => {
    const until = dates[i + 1] ?? null;
    const next = new Map<string, Run<T>>();
    for (const entry of entriesOn(from)) {
      const k = key(entry);
      const run = open.get(k);
      if (run && run.until === from) {
        run.until = until;
        next.set(k, run);
        open.delete(k);
      } else next.set(k, { value: entry, from, until });
    }
    done.push(...open.values());
    open = next;
  });
  done.push(...open.values());
  return done;
}

function contains(run: { from: string | null; until: string | null }, at: string): boolean {
  return (run.from === null || run.from <= at) && (run.until === null || at < run.until);
}

function measureCoversEver(m: MeasureDef, sector: string): boolean {
  return m.periods.some((p) => periodCoversSector(p, sector));
}

function measureChanges(a: Schedule, b: Schedule, id: string, filter: DiffFilter): Difference[] {
  const mo = a.measureById.get(id);
  const mn = b.measureById.get(id);
  const kind: ChangeKind = mo && mn ? "changed" : mn ? "added" : "removed";
  const runs = overIntervals(
    breakpoints(mo, mn),
    (date) => compareEffects(effectOn(a, mo, date, filter), effectOn(b, mn, date, filter)),
    (e) => JSON.stringify([e.field, e.sector ?? "", e.list ?? "", e.exceptSectors ?? [], e.before, e.after]),
  );
  return runs
    .filter((r) => filter.at === undefined || contains(r, filter.at))
    .map(({ value: e, from, until }) => ({
      kind,
      measure: id,
      ...(e.sector !== undefined ? { sector: e.sector } : {}),
      ...(e.list !== undefined ? { list: e.list } : {}),
      ...(e.exceptSectors !== undefined ? { exceptSectors: e.exceptSectors } : {}),
      field: e.field,
      from,
      until,
      before: e.before,
      after: e.after,
    }));
}

// ---------------------------------------------------------------- sectors and importers

function sectorChanges(a: Schedule, b: Schedule, filter: DiffFilter): Difference[] {
  const out: Difference[] = [];
  const ids = [...new Set([...a.sectorById.keys(), ...b.sectorById.keys()])].sort(byText);
  for (const id of ids) {
    if (filter.sector !== undefined && id !== filter.sector) continue;
    const so = a.sectorById.get(id);
    const sn = b.sectorById.get(id);
    const hsO = so ? [...new Set(so.hs)].sort(byText).join(", ") : null;
    const hsN = sn ? [...new Set(sn.hs)].sort(byText).join(", ") : null;
    if (!so || !sn) out.push({ kind: so ? "removed" : "added", sector: id, field: "sector", from: null, until: null, before: hsO, after: hsN });
    else if (hsO !== hsN) out.push({ kind: "changed", sector: id, field: "hs", from: null, until: null, before: hsO, after: hsN });
  }
  return out;
}

/** One list entry as text: `7326.90.86` digits, with its exceptions. */
function entryText(e: ListEntry): string {
  return e.except.length > 0 ? `${dotted(e.hs)} except ${[...e.except].sort(byText).map(dotted).join(" ")}` : dotted(e.hs);
}

/** `7326908688` → `7326.90.86.88`, as the HTS writes codes. */
function dotted(digits: string): string {
  return digits.length <= 4 ? digits : [digits.slice(0, 4), ...(digits.slice(4).match(/.{1,2}/g) ?? [])].join(".");
}

/** Lists added or removed, and the codes that join or leave a list, by date. */
function listChanges(a: Schedule, b: Schedule, filter: DiffFilter): Difference[] {
  if (filter.sector !== undefined) return [];
  const out: Difference[] = [];
  const ids = [...new Set([...a.listById.keys(), ...b.listById.keys()])].sort(byText);
  for (const id of ids) {
    const lo = a.listById.get(id);
    const ln = b.listById.get(id);
    if (!lo || !ln) {
      const count = (l: ListDef | undefined) => (l ? `${new Set(l.entries.map(entryText)).size} codes` : null);
      out.push({ kind: lo ? "removed" : "added", list: id, field: "list", from: null, until: null, before: count(lo), after: count(ln) });
      continue;
    }
    // "" stands for the beginning of time: undated entries are on the list on every date.
    const dates = new Set<string>([""]);
    for (const e of [...lo.entries, ...ln.entries]) {
      if (e.from !== undefined) dates.add(e.from);
      if (e.until !== undefined) dates.add(e.until);
    }
    const on = (l: ListDef, date: string) => new Set(l.entries.filter((e) => date === "" ? e.from === undefined : entryOn(e, date)).map(entryText));
    const runs = overIntervals(
      [...dates].sort(byText),
      (date) => {
        const before = on(lo, date);
        const after = on(ln, date);
        const gone = [...before].filter((x) => !after.has(x)).sort(byText);
        const come = [...after].filter((x) => !before.has(x)).sort(byText);
        return gone.length === 0 && come.length === 0 ? [] : [{ before: gone.join(", "), after: come.join(", ") }];
      },
      (e) => JSON.stringify([e.before, e.after]),
    );
    for (const r of runs) {
      const from = r.from === "" ? null : r.from;
      if (filter.at !== undefined && !contains({ from, until: r.until }, filter.at)) continue;
      out.push({ kind: "changed", list: id, field: "codes", from, until: r.until, before: r.value.before, after: r.value.after });
    }
  }
  return out;
}

function importerChanges(a: Schedule, b: Schedule, filter: DiffFilter): Difference[] {
  const out: Difference[] = [];
  for (const importer of ["CA", "US"] as const) {
    if (filter.importer !== undefined && importer !== filter.importer) continue;
    for (const field of ["currency", "valueRounding", "dutyRounding"] as const) {
      const before = a.importers[importer][field];
      const after = b.importers[importer][field];
      if (before !== after) out.push({ kind: "changed", importer, field, from: null, until: null, before, after });
    }
  }
  return out;
}

// ---------------------------------------------------------------- metadata

function setChanges(before: string[], after: string[], make: (before: string | null, after: string | null) => MetadataChange): MetadataChange[] {
  const o = new Set(before);
  const n = new Set(after);
  return [...new Set([...o, ...n])]
    .sort(byText)
    .flatMap((x) => (o.has(x) && n.has(x) ? [] : [make(o.has(x) ? x : null, n.has(x) ? x : null)]));
}

function textChange(field: MetadataField, before: string | undefined, after: string | undefined, where: { measure?: string; sector?: string } = {}): MetadataChange[] {
  return before === after ? [] : [{ ...where, field, from: null, until: null, before: before ?? null, after: after ?? null }];
}

function metadataChanges(a: Schedule, b: Schedule, filter: DiffFilter, measureIds: string[]): MetadataChange[] {
  const out: MetadataChange[] = [];
  out.push(...textChange("id", a.id, b.id), ...textChange("version", a.version, b.version), ...textChange("title", a.title, b.title), ...textChange("asOf", a.asOf, b.asOf));
  out.push(...textChange("note", a.file.note, b.file.note));
  out.push(...setChanges(a.file.sources ?? [], b.file.sources ?? [], (before, after) => ({ field: "sources", from: null, until: null, before, after })));
  const sectorIds = [...a.sectorById.keys()].filter((id) => b.sectorById.has(id)).sort(byText);
  for (const id of sectorIds) {
    if (filter.sector !== undefined && id !== filter.sector) continue;
    const so = a.sectorById.get(id)!;
    const sn = b.sectorById.get(id)!;
    out.push(...textChange("label", so.label, sn.label, { sector: id }), ...textChange("note", so.note, sn.note, { sector: id }));
  }
  for (const id of measureIds) {
    const mo = a.measureById.get(id);
    const mn = b.measureById.get(id);
    if (!mo || !mn) continue;
    const where = { measure: id };
    out.push(...textChange("label", mo.label, mn.label, where), ...textChange("authority", mo.authority, mn.authority, where), ...textChange("note", mo.note, mn.note, where));
    out.push(...setChanges(mo.sources, mn.sources, (before, after) => ({ measure: id, field: "sources", from: null, until: null, before, after })));
    // Period notes, by date, so that splitting a period with its note is no change.
    const runs = overIntervals(
      breakpoints(mo, mn),
      (date) => {
        const po = periodOn(mo, date);
        const pn = periodOn(mn, date);
        const before = po?.note ?? null;
        const after = pn?.note ?? null;
        return before === after ? [] : [{ before, after }];
      },
      (e) => JSON.stringify([e.before, e.after]),
    );
    for (const r of runs) {
      if (filter.at !== undefined && !contains(r, filter.at)) continue;
      out.push({ measure: id, field: "note", from: r.from, until: r.until, before: r.value.before, after: r.value.after });
    }
  }
  return out;
}

// ---------------------------------------------------------------- order and summary

const FIELD_RANK = new Map<string, number>([...CHANGE_FIELDS, ...METADATA_FIELDS].map((f, i) => [f, i]));

/** null (undated) sorts first for `from`, last for `until`. */
function cmpDate(a: string | null, b: string | null, nullFirst: boolean): number {
  if (a === b) return 0;
  if (a === null) return nullFirst ? -1 : 1;
  if (b === null) return nullFirst ? 1 : -1;
  return byText(a, b);
}

/**
 * One order for every output, independent of the order of anything in the
 * files, and the same for diff(A, B) and diff(B, A) (the mirror image):
 * sectors, importers, then measures by id; within each, by date, field, sector.
 */
function compareChanges(x: Difference | MetadataChange, y: Difference | MetadataChange): number {
  // The schedule itself (metadata), its sectors, importers' terms, then measures.
  const group = (c: Difference | MetadataChange) => (c.measure !== undefined ? 3 : c.sector !== undefined ? 1 : "list" in c && c.list !== undefined ? 1.5 : "importer" in c && c.importer !== undefined ? 2 : 0);
  const list = (c: Difference | MetadataChange) => ("list" in c ? (c.list ?? "") : "");
  const pair = (c: Difference | MetadataChange) => [c.before ?? "", c.after ?? ""].sort(byText).join("\u0000");
  return (
    group(x) - group(y) ||
    byText(x.measure ?? "", y.measure ?? "") ||
    (x.measure === undefined && y.measure === undefined ? byText(list(x), list(y)) : 0) ||
    byText(x.sector === undefined || x.measure !== undefined ? "" : x.sector, y.sector === undefined || y.measure !== undefined ? "" : y.sector) ||
    byText("importer" in x ? (x.importer ?? "") : "", "importer" in y ? (y.importer ?? "") : "") ||
    cmpDate(x.from, y.from, true) ||
    FIELD_RANK.get(x.field)! - FIELD_RANK.get(y.field)! ||
    byText(x.sector ?? "", y.sector ?? "") ||
    byText(list(x), list(y)) ||
    cmpDate(x.until, y.until, false) ||
    byText(pair(x), pair(y))
  );
}

function summarizeDiff(changes: Difference[], metadata: MetadataChange[]): DiffSummary {
  const measures = new Map<string, ChangeKind>();
  const sectors = new Map<string, ChangeKind>();
  const lists = new Map<string, ChangeKind>();
  const byField: Partial<Record<ChangeField, number>> = {};
  for (const c of changes) {
    if (c.measure !== undefined) measures.set(c.measure, c.kind);
    else if (c.sector !== undefined) sectors.set(c.sector, c.kind);
    else if (c.list !== undefined) lists.set(c.list, c.kind);
  }
  for (const field of CHANGE_FIELDS) {
    const n = changes.filter((c) => c.field === field).length;
    if (n > 0) byField[field] = n;
  }
  const count = (m: Map<string, ChangeKind>, k: ChangeKind) => [...m.values()].filter((x) => x === k).length;
  return {
    measuresAdded: count(measures, "added"),
    measuresRemoved: count(measures, "removed"),
    measuresChanged: count(measures, "changed"),
    sectorsAdded: count(sectors, "added"),
    sectorsRemoved: count(sectors, "removed"),
    sectorsChanged: count(sectors, "changed"),
    listsAdded: count(lists, "added"),
    listsRemoved: count(lists, "removed"),
    listsChanged: count(lists, "changed"),
    byField,
    changes: changes.length,
    metadata: metadata.length,
  };
}

// ---------------------------------------------------------------- entry point

/**
 * What changed in effect from `a` (old) to `b` (new), and, separately, what
 * changed without effect (metadata). Deterministic: the same inputs, in any
 * order of measures, periods, sectors or keys, give the same result.
 * An empty `changes` list means no duty on any line, on any date, differs.
 */
export function diffSchedules(a: Schedule, b: Schedule, filter: DiffFilter = {}): ScheduleDiff {
  const measureIds = [...new Set([...a.measureById.keys(), ...b.measureById.keys()])].sort(byText).filter((id) => {
    const sides = [a.measureById.get(id), b.measureById.get(id)].filter((m): m is MeasureDef => m !== undefined);
    if (filter.importer !== undefined && !sides.some((m) => m.importer === filter.importer)) return false;
    if (filter.sector !== undefined && !sides.some((m) => measureCoversEver(m, filter.sector!))) return false;
    return true;
  });
  const changes = [...sectorChanges(a, b, filter), ...listChanges(a, b, filter), ...importerChanges(a, b, filter), ...measureIds.flatMap((id) => measureChanges(a, b, id, filter))].sort(compareChanges);
  const metadata = metadataChanges(a, b, filter, measureIds).sort(compareChanges);
  const labels: ScheduleDiff["labels"] = { measures: {}, sectors: {} };
  for (const s of [a, b]) {
    for (const m of s.measures) labels.measures[m.id] = m.label;
    for (const sec of s.sectors) labels.sectors[sec.id] = sec.label;
  }
  return {
    old: { id: a.id, version: a.version },
    new: { id: b.id, version: b.version },
    changes,
    metadata,
    summary: summarizeDiff(changes, metadata),
    labels,
  };
}

/** diff(B, A) from diff(A, B): added ↔ removed, before ↔ after. For tests and for reading. */
export function mirrorDiff(d: ScheduleDiff): Omit<ScheduleDiff, "labels"> {
  const flip = (k: ChangeKind): ChangeKind => (k === "added" ? "removed" : k === "removed" ? "added" : k);
  return {
    old: d.new,
    new: d.old,
    changes: d.changes.map((c) => ({ ...c, kind: flip(c.kind), before: c.after, after: c.before })),
    metadata: d.metadata.map((c) => ({ ...c, before: c.after, after: c.before })),
    summary: {
      ...d.summary,
      measuresAdded: d.summary.measuresRemoved,
      measuresRemoved: d.summary.measuresAdded,
      sectorsAdded: d.summary.sectorsRemoved,
      sectorsRemoved: d.summary.sectorsAdded,
      listsAdded: d.summary.listsRemoved,
      listsRemoved: d.summary.listsAdded,
    },
  };
}
