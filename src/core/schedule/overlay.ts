/**
 * Overlays: what-ifs written as a list of changes to a schedule, applied in
 * order. Applying an overlay gives a new schedule file that is validated like
 * any other, so an overlay can never produce a schedule the calculator would
 * refuse to read.
 *
 * A change is recognised by its keys:
 *  - `{ "measure", "from", "until"?, "sector"? | "list"?, "rate"?, "basis"?, "exemptions"?, "usmca"?, "excludedBy"?, "heading"? }`
 *    sets those terms on [from, until): periods are split at the dates, and a
 *    span where the measure was not in force gets a new period carrying the
 *    terms of the nearest earlier period (or the first one). With `sector` or
 *    `list`, only that key of the periods' `rates` changes (see `applySet`).
 *  - `{ "measure", "end" }` ends the measure on that date (it no longer applies from then on).
 *  - `{ "measure", "addExemption" | "dropExemption", "from"? }` adds or drops an exemption from a date (default: always).
 *  - `{ "add": { …a measure… } }` adds a new measure.
 */
import type { ExemptionT } from "./format.js";
import { z } from "zod";
import { type Diagnostic, type Path, type Result, didYouMean, error } from "../diagnostics.js";
import {
  Basis,
  ExcludedBy,
  Exemption,
  IsoDate,
  ListId,
  Measure,
  MeasureId,
  OVERLAY_FORMAT,
  RateText,
  SectorId,
  UsmcaTerms,
  type MeasureT,
  type PeriodT,
  type ScheduleFileT,
  type SectorTermsT,
} from "./format.js";
import { SCHEDULE_FORMAT_1 } from "./versions.js";
import { checkFormat, validateSchedule } from "./validate.js";
import { type Schedule, inheritedSectors } from "./model.js";
import { MAX_GUESSES, issuesToDiagnostics } from "./zod-issues.js";

const Heading = z.string({ error: "expected a heading as a string" }).min(1);

export const SetChange = z
  .strictObject({
    measure: MeasureId,
    from: IsoDate,
    until: IsoDate.optional(),
    sector: z
      .union([z.literal("*"), SectorId], { error: 'expected a sector id, or "*" for every sector' })
      .optional()
      .meta({ description: 'Only this sector\'s rate (and heading, basis) changes; "*": every rate of the period, the default and every key of its `rates`, sectors and product lists alike. Without it (and without `list`), the period\'s default rate changes and sectors and lists with their own rate keep it.' }),
    list: ListId.optional().meta({
      description:
        "Only this product list's rate (and heading, basis) changes (format 2 schedules; not with `sector`). The period's `rates` entry for the list is changed where it stands; a new one goes before the first sector key, so a sector's own rate never hides it, while list keys above it keep their codes. The list is added to the period's lists if it was not covered.",
    }),
    rate: RateText.optional(),
    basis: Basis.optional(),
    heading: Heading.optional(),
    exemptions: z.array(Exemption).optional(),
    usmca: UsmcaTerms.optional(),
    excludedBy: z.array(ExcludedBy).optional(),
    note: z.string().optional(),
  })
  .meta({ description: "Set a measure's terms on [from, until)." });

export const EndChange = z.strictObject({ measure: MeasureId, end: IsoDate.meta({ description: "First day the measure no longer applies." }), note: z.string().optional() });
export const ExemptionChange = z.strictObject({
  measure: MeasureId,
  addExemption: Exemption.optional(),
  dropExemption: Exemption.optional(),
  from: IsoDate.optional(),
  note: z.string().optional(),
});
export const AddChange = z.strictObject({ add: Measure, note: z.string().optional() });

export const OverlayFile = z
  .strictObject({
    $schema: z.string().optional(),
    format: z.literal(OVERLAY_FORMAT),
    title: z.string({ error: "expected a title as a string" }),
    note: z.string().optional(),
    sources: z.array(z.string()).optional(),
    changes: z.array(z.unknown(), { error: "expected a list of changes" }),
  })
  .meta({ title: "tariff overlay", description: "A what-if: changes applied in order on top of a schedule." });

export type OverlayChange =
  | { kind: "set"; index: number; value: z.infer<typeof SetChange> }
  | { kind: "end"; index: number; value: z.infer<typeof EndChange> }
  | { kind: "exemption"; index: number; value: z.infer<typeof ExemptionChange> }
  | { kind: "add"; index: number; value: z.infer<typeof AddChange> };

export interface Overlay {
  file: string;
  title: string;
  changes: OverlayChange[];
}

function changeKind(raw: unknown): { kind: OverlayChange["kind"]; schema: z.ZodType } {
  const o = raw !== null && typeof raw === "object" ? (raw as Record<string, unknown>) : {};
  if ("add" in o) return { kind: "add", schema: AddChange };
  if ("end" in o) return { kind: "end", schema: EndChange };
  if ("addExemption" in o || "dropExemption" in o) return { kind: "exemption", schema: ExemptionChange };
  return { kind: "set", schema: SetChange };
}

/** Shape of an overlay file; references are checked when it is applied to a schedule. */
export function validateOverlay(raw: unknown, file: string): Result<Overlay> {
  const formatError = checkFormat(raw, file, OVERLAY_FORMAT);
  if (formatError) return { ok: false, errors: [{ ...formatError, code: formatError.code.replace("schedule/", "overlay/") }], warnings: [] };
  const top = OverlayFile.safeParse(raw);
  const guesses = { left: MAX_GUESSES }; // one budget of "did you mean" for the whole file, as in a schedule
  const errors: Diagnostic[] = top.success ? [] : issuesToDiagnostics(top.error.issues, raw, OverlayFile, file, "overlay", [], guesses);
  const changes: OverlayChange[] = [];
  const list = (raw as Record<string, unknown>)["changes"];
  if (Array.isArray(list)) {
    list.forEach((c, index) => {
      if (c === null || typeof c !== "object" || Array.isArray(c)) {
        errors.push(error("overlay/wrong-type", `changes[${index}]: expected a change object`, { file, path: ["changes", index] }));
        return;
      }
      const { kind, schema } = changeKind(c);
      const r = schema.safeParse(c);
      if (!r.success) {
        const sector = (c as Record<string, unknown>)["sector"];
        // A product list's id (kebab-case) where a sector id goes: say which key takes it.
        const listHint = kind === "set" && typeof sector === "string" && sector.includes("-") && ListId.safeParse(sector).success ? `for a product list, write "list": "${sector}"` : undefined;
        for (const d of issuesToDiagnostics(r.error.issues, raw, schema, file, "overlay", ["changes", index], guesses)) {
          const atSector = d.at.path?.length === 3 && d.at.path[2] === "sector";
          errors.push(listHint !== undefined && atSector && d.hint === undefined ? { ...d, hint: listHint } : d);
        }
        return;
      }
      if (kind === "exemption") {
        const v = r.data as z.infer<typeof ExemptionChange>;
        if ((v.addExemption === undefined) === (v.dropExemption === undefined)) {
          errors.push(error("overlay/invalid-change", `changes[${index}]: give either "addExemption" or "dropExemption"`, { file, path: ["changes", index] }));
          return;
        }
      }
      if (kind === "set") {
        const v = r.data as z.infer<typeof SetChange>;
        if (v.until !== undefined && v.until <= v.from) {
          errors.push(error("overlay/empty-period", `changes[${index}]: "until" ${v.until} must be after "from" ${v.from}`, { file, path: ["changes", index, "until"] }));
          return;
        }
        const changes = ["rate", "basis", "heading", "exemptions", "usmca", "excludedBy"].filter((k) => k in v);
        if (changes.length === 0) {
          errors.push(error("overlay/invalid-change", `changes[${index}]: nothing to change: give "rate", "basis", "heading", "exemptions", "usmca" or "excludedBy" (or "end", "addExemption", "dropExemption", "add")`, { file, path: ["changes", index] }));
          return;
        }
        if (v.sector !== undefined && v.list !== undefined) {
          errors.push(error("overlay/invalid-change", `changes[${index}]: give either "sector" or "list", not both`, { file, path: ["changes", index, "list"] }, "a change sets the rate of one sector or of one product list: write one change for each"));
          return;
        }
        const scope = v.sector !== undefined ? "sector" : v.list !== undefined ? "list" : undefined;
        if (scope !== undefined && changes.some((k) => k !== "rate" && k !== "basis" && k !== "heading")) {
          errors.push(error("overlay/invalid-change", `changes[${index}]: with "${scope}", only "rate", "basis" and "heading" can change`, { file, path: ["changes", index, scope] }));
          return;
        }
      }
      changes.push({ kind, index, value: r.data } as OverlayChange);
    });
  }
  if (errors.length > 0 || !top.success) return { ok: false, errors, warnings: [] };
  return { ok: true, value: { file, title: top.data.title, changes }, warnings: [] };
}

// ---------------------------------------------------------------- applying

type MutablePeriod = PeriodT;

function clone<T>(v: T): T {
  return structuredClone(v);
}

function byFrom(a: PeriodT, b: PeriodT): number {
  return a.from < b.from ? -1 : a.from > b.from ? 1 : 0;
}

/** Splits the period containing `date` (strictly inside it) into two. */
function splitAt(periods: MutablePeriod[], date: string): MutablePeriod[] {
  const out: MutablePeriod[] = [];
  for (const p of periods) {
    if (p.from < date && (p.until === undefined || date < p.until)) {
      const first = clone(p);
      first.until = date;
      const second = clone(p);
      second.from = date;
      out.push(first, second);
    } else out.push(p);
  }
  return out;
}

/** Adds periods for the parts of [from, until) where the measure is not in force, copying the nearest terms. */
function fillGaps(periods: MutablePeriod[], from: string, until: string | undefined): MutablePeriod[] {
  const sorted = [...periods].sort(byFrom);
  const added: MutablePeriod[] = [];
  let cursor = from;
  const template = (at: string): MutablePeriod => {
    const before = sorted.filter((p) => p.from < at).at(-1) ?? sorted[0]!;
    const p = clone(before);
    delete p.note;
    return p;
  };
  for (const p of sorted) {
    if (until !== undefined && cursor >= until) break;
    if (p.until !== undefined && p.until <= cursor) continue;
    if (p.from > cursor) {
      const gapEnd = until !== undefined && until < p.from ? until : p.from;
      const gap = template(cursor);
      gap.from = cursor;
      gap.until = gapEnd;
      added.push(gap);
    }
    if (p.until === undefined) {
      cursor = "9999-12-31";
      break;
    }
    cursor = p.until > cursor ? p.until : cursor;
  }
  if (cursor !== "9999-12-31" && (until === undefined || cursor < until)) {
    const gap = template(cursor);
    gap.from = cursor;
    if (until === undefined) delete gap.until;
    else gap.until = until;
    added.push(gap);
  }
  return [...periods, ...added].sort(byFrom);
}

function inside(p: PeriodT, from: string, until: string | undefined): boolean {
  return p.from >= from && (until === undefined || (p.until !== undefined && p.until <= until));
}

function effectiveExemptions(m: MeasureT, p: PeriodT): ExemptionT[] {
  return [...(p.exemptions ?? m.exemptions ?? [])];
}

/** A `rates` entry with the change's rate, basis and heading: the entry's own terms (or `fallback` as its rate) otherwise kept. */
function changedEntry(current: SectorTermsT | undefined, c: z.infer<typeof SetChange>, fallback = "0%"): SectorTermsT {
  const entry: Exclude<SectorTermsT, string> = typeof current === "object" ? { ...current } : { rate: current ?? fallback };
  if (c.rate !== undefined) entry.rate = c.rate;
  if (c.basis !== undefined) entry.basis = c.basis;
  if (c.heading !== undefined) entry.heading = c.heading;
  return Object.keys(entry).length === 1 ? entry.rate : entry;
}

/**
 * `rates` with `key` set to `value`. A key already there keeps its place: a
 * line takes the first key (file order) that holds it, so changing a rate
 * never moves goods from one key to another. A new key goes just before the
 * first key `goesBefore` accepts, else last.
 */
function withRate(rates: Record<string, SectorTermsT> | undefined, key: string, value: SectorTermsT, goesBefore: (k: string) => boolean): Record<string, SectorTermsT> {
  const out: Record<string, SectorTermsT> = {};
  const present = rates !== undefined && Object.hasOwn(rates, key);
  let placed = false;
  for (const [k, v] of Object.entries(rates ?? {})) {
    if (!present && !placed && goesBefore(k)) {
      out[key] = value;
      placed = true;
    }
    out[k] = k === key ? value : v;
  }
  if (!present && !placed) out[key] = value;
  return out;
}

/**
 * Sets terms on [from, until). With `sector` or `list`, only that key of each
 * period's `rates` changes (from the period's default rate when it had none),
 * and the period is made to cover the sector or list. Where a new key lands
 * matters, since a line takes the first key that holds it:
 *  - a sector key goes last (a line has one sector: only list keys can also hold it);
 *  - a list key goes before the first sector key: a list names codes, a sector
 *    is the coarse grouping, so a sector's own rate must not hide the list's
 *    (the embedded schedule writes list keys first for the same reason). List
 *    keys already above it keep the codes they share with it: the overlay sets
 *    the list's rate, it does not rank the lists again.
 * `"sector": "*"` sets the default rate and every key, list keys included: the
 * what-if "every product the measure charges, at this rate".
 */
function applySet(m: MeasureT, c: z.infer<typeof SetChange>, sectorIds: ReadonlySet<string>): void {
  let periods = splitAt(m.periods, c.from);
  if (c.until !== undefined) periods = splitAt(periods, c.until);
  periods = fillGaps(periods, c.from, c.until);
  for (const p of periods) {
    if (!inside(p, c.from, c.until)) continue;
    if (c.sector === "*") {
      if (c.rate !== undefined) p.rate = c.rate;
      if (c.basis !== undefined) p.basis = c.basis;
      if (c.heading !== undefined) p.heading = c.heading;
      for (const [key, current] of Object.entries(p.rates ?? {})) p.rates![key] = changedEntry(current, c);
      continue;
    }
    if (c.list !== undefined) {
      const current = p.rates !== undefined && Object.hasOwn(p.rates, c.list) ? p.rates[c.list] : undefined;
      p.rates = withRate(p.rates, c.list, changedEntry(current, c, p.rate), (k) => sectorIds.has(k));
      // A list given its own rate must be covered in this period.
      const lists = p.lists ?? m.lists ?? [];
      if (!lists.includes(c.list)) p.lists = [...lists, c.list];
      continue;
    }
    if (c.sector !== undefined) {
      const current = p.rates !== undefined && Object.hasOwn(p.rates, c.sector) ? p.rates[c.sector] : undefined;
      p.rates = withRate(p.rates, c.sector, changedEntry(current, c, p.rate), () => false);
      // A sector given its own rate must be covered in this period. A measure of lists only
      // (format 2, no "sectors") covers no sector: without this the rate would be ignored.
      const sectors = p.sectors ?? m.sectors ?? [];
      if (Array.isArray(sectors)) {
        if (!sectors.includes(c.sector)) p.sectors = [...sectors, c.sector];
      } else {
        const except = inheritedSectors(m, p).exceptSectors;
        if (except.includes(c.sector)) p.exceptSectors = except.filter((x) => x !== c.sector);
      }
      continue;
    }
    if (c.rate !== undefined) p.rate = c.rate;
    if (c.basis !== undefined) p.basis = c.basis;
    if (c.heading !== undefined) p.heading = c.heading;
    if (c.exemptions !== undefined) p.exemptions = [...c.exemptions];
    if (c.usmca !== undefined) p.usmca = clone(c.usmca);
    if (c.excludedBy !== undefined) p.excludedBy = clone(c.excludedBy);
    if (c.note !== undefined) p.note = c.note;
  }
  m.periods = periods;
}

function applyEnd(m: MeasureT, date: string): void {
  m.periods = m.periods
    .filter((p) => p.from < date)
    .map((p) => (p.until === undefined || p.until > date ? { ...p, until: date } : p));
}

function applyExemption(m: MeasureT, c: z.infer<typeof ExemptionChange>): void {
  const from = c.from ?? "0000-01-01";
  const periods = splitAt(m.periods, from);
  for (const p of periods) {
    if (p.from < from) continue;
    const list = effectiveExemptions(m, p);
    if (c.addExemption && !list.includes(c.addExemption)) list.push(c.addExemption);
    const next = c.dropExemption ? list.filter((e) => e !== c.dropExemption) : list;
    p.exemptions = next;
  }
  m.periods = periods;
}

/**
 * Applies an overlay to a schedule file. Unknown measure or sector ids are
 * errors located in the overlay file; the result must still be validated
 * with `validateSchedule` (the caller does, so it gets the model).
 */
export function applyOverlay(schedule: ScheduleFileT, overlay: Overlay): Result<{ file: ScheduleFileT; added: Map<number, Path> }> {
  const out = clone(schedule);
  const errors: Diagnostic[] = [];
  const added = new Map<number, Path>(); // measure index in the result → its path in the overlay
  const sectorIds = new Set(out.sectors.map((s) => s.id));
  const listIds = new Set((out.lists ?? []).map((l) => l.id));
  // Measures by id, kept with out.measures: a lookup per change, not a scan (10,000 changes on 10,000 measures).
  const byId = new Map<string, MeasureT>();
  for (const m of out.measures) if (!byId.has(m.id)) byId.set(m.id, m);
  const removedBy = new Map<string, number>(); // measures an "end" before their start removed → that change's index
  const at = (c: OverlayChange, ...rest: Path): { file: string; path: Path } => ({ file: overlay.file, path: ["changes", c.index, ...rest] });
  const unknownList = (c: OverlayChange, list: string): Diagnostic => {
    const asSector = sectorIds.has(list) ? `"${list}" is a sector: write "sector": "${list}"` : undefined;
    if (listIds.size === 0) {
      const formatOne = schedule.format === SCHEDULE_FORMAT_1;
      return error(
        "overlay/unknown-list",
        `changes[${c.index}]: list "${list}" is not in schedule ${schedule.id}: it has no product lists${formatOne ? ` (format "${SCHEDULE_FORMAT_1}")` : ""}`,
        at(c, "list"),
        asSector ?? (formatOne ? 'product lists need a "tariff-schedule/2" schedule; "sector" changes one sector\'s rate' : '"sector" changes one sector\'s rate'),
      );
    }
    const guess = didYouMean(list, listIds);
    return error(
      "overlay/unknown-list",
      `changes[${c.index}]: list "${list}" is not in schedule ${schedule.id}`,
      at(c, "list"),
      guess ? `did you mean "${guess}"?` : (asSector ?? "tariff rates --hs CODE names the lists a code is on"),
    );
  };

  for (const c of overlay.changes) {
    if (c.kind === "add") {
      if (byId.has(c.value.add.id)) {
        errors.push(error("overlay/duplicate-measure", `changes[${c.index}] adds measure "${c.value.add.id}", which the schedule already has`, at(c, "add", "id"), "change its rates with a { \"measure\", \"from\", \"rate\" } change instead"));
        continue;
      }
      added.set(out.measures.length, ["changes", c.index, "add"]);
      const addedMeasure = clone(c.value.add);
      out.measures.push(addedMeasure);
      byId.set(addedMeasure.id, addedMeasure);
      continue;
    }
    const id = c.value.measure;
    const m = byId.get(id);
    const removed = removedBy.get(id);
    if (!m && removed !== undefined) {
      errors.push(error("overlay/removed-measure", `changes[${c.index}]: measure "${id}" no longer exists: changes[${removed}] ended it before it began`, at(c, "measure"), "reorder the changes, or end the measure later"));
      continue;
    }
    if (!m) {
      const guess = didYouMean(id, byId.keys());
      errors.push(error("overlay/unknown-measure", `changes[${c.index}]: measure "${id}" is not in schedule ${schedule.id}`, at(c, "measure"), guess ? `did you mean "${guess}"?` : `tariff rates --schedule FILE lists the measures of a schedule`));
      continue;
    }
    if (c.kind === "set") {
      if (c.value.sector !== undefined && c.value.sector !== "*" && !sectorIds.has(c.value.sector)) {
        const guess = didYouMean(c.value.sector, sectorIds);
        errors.push(error("overlay/unknown-sector", `changes[${c.index}]: sector "${c.value.sector}" is not in schedule ${schedule.id}`, at(c, "sector"), guess ? `did you mean "${guess}"?` : undefined));
        continue;
      }
      if (c.value.list !== undefined && !listIds.has(c.value.list)) {
        errors.push(unknownList(c, c.value.list));
        continue;
      }
      for (const [k, ex] of (c.value.excludedBy ?? []).entries()) {
        const other = typeof ex === "string" ? ex : ex.measure;
        if (!byId.has(other)) {
          const guess = didYouMean(other, byId.keys());
          errors.push(error("overlay/unknown-measure", `changes[${c.index}]: measure "${other}" in excludedBy is not in schedule ${schedule.id}`, at(c, "excludedBy", k), guess ? `did you mean "${guess}"?` : undefined));
        }
      }
      applySet(m, c.value, sectorIds);
    } else if (c.kind === "end") {
      applyEnd(m, c.value.end);
      if (m.periods.length === 0) {
        // Ended before it began: the measure never applies; drop it and what points at it.
        out.measures = out.measures.filter((x) => x !== m);
        byId.delete(id);
        removedBy.set(id, c.index);
        for (const other of out.measures) {
          const keep = (e: string | { measure: string }) => (typeof e === "string" ? e : e.measure) !== id;
          if (other.excludedBy) other.excludedBy = other.excludedBy.filter(keep);
          for (const p of other.periods) if (p.excludedBy) p.excludedBy = p.excludedBy.filter(keep);
        }
      }
    } else {
      applyExemption(m, c.value);
    }
  }
  return errors.length > 0 ? { ok: false, errors, warnings: [] } : { ok: true, value: { file: out, added }, warnings: [] };
}

/**
 * A schedule with overlays applied in order, validated. Errors inside a
 * measure an overlay added are located in that overlay; other errors name
 * the combined schedule.
 */
export function scheduleWithOverlays(base: Schedule, overlays: Overlay[], label: string): Result<Schedule> {
  if (overlays.length === 0) return { ok: true, value: base, warnings: [] };
  let file = base.file;
  let last: Result<Schedule> | undefined;
  for (const overlay of overlays) {
    const applied = applyOverlay(file, overlay);
    if (!applied.ok) return applied;
    const checked = validateSchedule(applied.value.file, label);
    if (!checked.ok) {
      const errors = checked.errors.map((d) => {
        const path = d.at.path ?? [];
        const origin = path[0] === "measures" && typeof path[1] === "number" ? applied.value.added.get(path[1]) : undefined;
        if (!origin) return { ...d, message: `after applying ${overlay.file}: ${d.message}` };
        const at = { file: overlay.file, path: [...origin, ...path.slice(2)] };
        if (d.code === "schedule/unknown-sector") {
          // An overlay cannot define sectors: name the schedule it lacks, keep only a spelling hint.
          const sector = /sector "([^"]*)"/.exec(d.message)?.[1] ?? "";
          const hint = d.hint?.startsWith("did you mean") ? d.hint : undefined;
          return { code: "overlay/unknown-sector", severity: d.severity, message: `sector "${sector}" is not in schedule ${base.id}`, at, ...(hint ? { hint } : {}) };
        }
        return { ...d, code: d.code.replace(/^schedule\//, "overlay/"), at };
      });
      return { ok: false, errors, warnings: [], ...(checked.total !== undefined ? { total: checked.total } : {}) };
    }
    file = applied.value.file;
    last = checked;
  }
  // The schedule after the last overlay was validated (and built) in the loop.
  return last!;
}
