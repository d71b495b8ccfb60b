// `tariff diff` properties over generated schedules. See issue #6.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type ScheduleDiff, diffSchedules, mirrorDiff } from "../../src/core/diff/diff.js";
import { compareRates, formatRate } from "../../src/core/money/rate.js";
import type { Schedule } from "../../src/core/schedule/model.js";
import { periodCoversSector, periodOn, termsFor } from "../../src/core/schedule/model.js";
import { validateSchedule } from "../../src/core/schedule/validate.js";

type Json = Record<string, any>;

const SECTORS = [
  { id: "steel", label: "Steel", hs: ["72"] },
  { id: "aluminum", label: "Aluminum", hs: ["76"] },
  { id: "energy", label: "Energy", hs: ["2709"] },
  { id: "autos", label: "Autos", hs: ["8703"] },
];
/** A second set of HS prefixes per sector, disjoint from all the first ones. */
const OTHER_HS: Record<string, string[]> = { steel: ["72", "7326"], aluminum: ["7601"], energy: ["2709", "2711"], autos: ["8704"] };
const MEASURE_IDS = ["m-a", "m-b", "m-c", "m-d"];
const DATES = ["2025-01-01", "2025-03-04", "2025-06-04", "2025-08-01", "2026-01-01", "2026-04-06"];
/** Dates between the above, where a period may be split. */
const SPLIT_DATES = ["2025-02-01", "2025-04-01", "2025-07-01", "2025-10-01", "2026-02-24", "2026-06-01"];
const RATES = ["0%", "10%", "25%", "25.0%", "35%", "7.5%", "50%"];

const opt = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });

/** Drops undefined values, so that the JSON has no `"key": undefined`. */
function clean<T extends Json>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

function periodArb(covered: string[]): fc.Arbitrary<Json> {
  return fc
    .record({
      rate: fc.constantFrom(...RATES),
      rates: opt(fc.subarray(covered, { minLength: 1 }).chain((ids) => fc.tuple(...ids.map((id) => fc.tuple(fc.constant(id), fc.oneof(fc.constantFrom(...RATES), fc.record({ rate: fc.constantFrom(...RATES), heading: fc.constantFrom("9903.01.13", "9903.01.15") }))))))),
      basis: opt(fc.constantFrom("value", "content", "non_content")),
      heading: opt(fc.constantFrom("9903.01.10", "9903.01.25")),
      exemptions: opt(fc.constantFrom([], ["usmca"])),
      usmca: opt(fc.constantFrom({ share: "85%" }, { rate: "0%" }, { basis: "non_content" })),
      note: opt(fc.constantFrom("UNVERIFIED", "checked")),
    })
    .map((p) => clean({ ...p, rates: p.rates ? Object.fromEntries(p.rates) : undefined }));
}

function measureArb(id: string, sectorIds: string[]): fc.Arbitrary<Json> {
  return fc
    .record({
      importer: fc.constantFrom("US", "CA"),
      origins: fc.subarray(["CA", "US", "MX"], { minLength: 1 }),
      sectors: fc.oneof(fc.constant("*" as const), fc.subarray(sectorIds, { minLength: 1 })),
      basis: opt(fc.constantFrom("value", "content")),
      heading: opt(fc.constant("9903.01.10")),
      exemptions: opt(fc.constant(["usmca"])),
      bounds: fc.subarray(DATES, { minLength: 1 }),
      openEnded: fc.boolean(),
      keep: fc.array(fc.boolean(), { minLength: DATES.length, maxLength: DATES.length }),
      label: fc.constantFrom("A measure", "Renamed"),
      sources: opt(fc.subarray(["https://example.org/a", "https://example.org/b"])),
    })
    .chain((m) => {
      const covered = m.sectors === "*" ? sectorIds : m.sectors;
      // Periods between consecutive bounds (some dropped: gaps), and maybe an open one at the end.
      const spans: [string, string | undefined][] = [];
      for (let i = 0; i + 1 < m.bounds.length; i++) if (m.keep[i]) spans.push([m.bounds[i]!, m.bounds[i + 1]]);
      if (m.openEnded || spans.length === 0) spans.push([m.bounds[m.bounds.length - 1]!, undefined]);
      return fc.tuple(...spans.map(() => periodArb(covered))).map((periods) =>
        clean({
          id,
          label: m.label,
          importer: m.importer,
          origins: m.origins,
          authority: "EO 1",
          heading: m.heading,
          sectors: m.sectors,
          basis: m.basis,
          exemptions: m.exemptions,
          periods: periods.map((p, i) => clean({ from: spans[i]![0], until: spans[i]![1], ...p })),
          sources: m.sources,
        }),
      );
    });
}

/** A valid schedule file: stacking only on measures earlier in MEASURE_IDS, so never a cycle. */
const scheduleFileArb: fc.Arbitrary<Json> = fc
  .record({
    sectors: fc.subarray(SECTORS, { minLength: 1 }).chain((list) => fc.tuple(...list.map((sec) => fc.boolean().map((other) => (other ? { ...sec, hs: OTHER_HS[sec.id]! } : sec))))),
    ids: fc.subarray(MEASURE_IDS),
    version: fc.constantFrom("1", "2"),
    valueRounding: opt(fc.constantFrom("whole", "cent")),
  })
  .chain(({ sectors, ids, version, valueRounding }) =>
    fc
      .tuple(
        fc.tuple(...ids.map((id) => measureArb(id, sectors.map((s) => s.id)))),
        fc.array(fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }), { minLength: ids.length, maxLength: ids.length }),
      )
      .map(([measures, masks]) => {
        measures.forEach((m, i) => {
          const excl = ids.slice(0, i).filter((_, j) => masks[i]![j]);
          if (excl.length > 0) m.excludedBy = excl;
        });
        return clean({
          format: "tariff-schedule/1",
          id: "gen",
          version,
          title: "generated",
          asOf: "2026-01-01",
          importers: valueRounding ? { US: { currency: "USD", valueRounding, dutyRounding: "cent" } } : undefined,
          sectors,
          measures,
        });
      }),
  );

function load(file: Json): Schedule {
  const r = validateSchedule(file, "gen.json");
  if (!r.ok) throw new Error(`generator made an invalid schedule: ${r.errors.map((e) => e.message).join("; ")}\n${JSON.stringify(file)}`);
  return r.value;
}

/** A deterministic shuffle driven by a seed (a tiny LCG), so that fast-check can shrink the seed. */
function shuffle<T>(items: T[], seed: number): T[] {
  const out = [...items];
  let x = seed >>> 0 || 1;
  for (let i = out.length - 1; i > 0; i--) {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    const j = x % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

function shuffleKeys(v: unknown, seed: number): unknown {
  if (Array.isArray(v)) return v.map((x, i) => shuffleKeys(x, seed + i));
  if (v !== null && typeof v === "object") return Object.fromEntries(shuffle(Object.entries(v), seed).map(([k, x], i) => [k, shuffleKeys(x, seed + i + 1)]));
  return v;
}

/**
 * The same schedule in effect, written differently: measures, sectors, periods
 * and keys reordered, every period split where a split date falls inside it,
 * "25%" written "25.00%", HS prefixes reordered.
 */
function rewrite(file: Json, seed: number): Json {
  const f = structuredClone(file);
  for (const m of f.measures) {
    const periods: Json[] = [];
    for (const p of m.periods) {
      const inside = SPLIT_DATES.find((d) => d > p.from && (p.until === undefined || d < p.until));
      if (inside === undefined || seed % 2 === 0) periods.push(p);
      else periods.push({ ...p, until: inside }, clean({ ...p, from: inside }));
    }
    m.periods = shuffle(periods, seed).map((p) => (p.rate === "25%" ? { ...p, rate: "25.00%" } : p));
  }
  f.measures = shuffle(f.measures, seed + 1);
  f.sectors = shuffle(f.sectors as Json[], seed + 2).map((s) => ({ ...s, hs: [...s.hs].reverse() }));
  return shuffleKeys(f, seed + 3) as Json;
}

const withoutLabels = ({ labels: _, ...rest }: ScheduleDiff) => rest;

describe("diff properties", () => {
  it("the generators are not vacuous: pairs differ in every field, rewrites split periods", () => {
    const fields = new Set<string>();
    const kinds = new Set<string>();
    let split = 0;
    for (const [fa, fb] of fc.sample(fc.tuple(scheduleFileArb, scheduleFileArb), { numRuns: 300, seed: 6 })) {
      for (const c of diffSchedules(load(fa), load(fb)).changes) {
        fields.add(c.field);
        kinds.add(c.kind);
        if (c.exceptSectors) fields.add("(exceptSectors)");
      }
      const count = (f: Json) => f.measures.reduce((n: number, m: Json) => n + m.periods.length, 0);
      if (count(rewrite(fa, 1)) > count(fa)) split++;
    }
    // Not generated: dutyRounding (one value exists), share (only usmca terms carry one), exemptions (usmca is the only kind).
    expect([...fields].sort()).toEqual(["(exceptSectors)", "basis", "excludedBy", "heading", "hs", "importer", "in-force", "origins", "rate", "sector", "sectors", "usmca", "valueRounding"]);
    expect([...kinds].sort()).toEqual(["added", "changed", "removed"]);
    expect(split).toBeGreaterThan(100);
  });

  it("a schedule diffed with itself is empty", () => {
    fc.assert(
      fc.property(scheduleFileArb, (file) => {
        const s = load(file);
        const d = diffSchedules(s, s);
        expect(d.changes).toEqual([]);
        expect(d.metadata).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it("reordering, reformatting and splitting periods is no change, not even in metadata", () => {
    fc.assert(
      fc.property(scheduleFileArb, fc.nat(), (file, seed) => {
        const d = diffSchedules(load(file), load(rewrite(file, seed)));
        expect(d.changes).toEqual([]);
        expect(d.metadata).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it("diff(A, B) and diff(B, A) are mirror images", () => {
    fc.assert(
      fc.property(scheduleFileArb, scheduleFileArb, (fa, fb) => {
        const a = load(fa);
        const b = load(fb);
        expect(withoutLabels(diffSchedules(b, a))).toEqual(mirrorDiff(diffSchedules(a, b)));
      }),
      { numRuns: 200 },
    );
  });

  it("the diff does not depend on how either file is written", () => {
    fc.assert(
      fc.property(scheduleFileArb, scheduleFileArb, fc.nat(), (fa, fb, seed) => {
        const plain = diffSchedules(load(fa), load(fb));
        const rewritten = diffSchedules(load(rewrite(fa, seed)), load(rewrite(fb, seed + 7)));
        expect(rewritten).toEqual(plain);
      }),
      { numRuns: 150 },
    );
  });

  it("every rate that differs on a date is covered by a rate change, and every rate change is true on its first day", () => {
    fc.assert(
      fc.property(scheduleFileArb, scheduleFileArb, (fa, fb) => {
        const a = load(fa);
        const b = load(fb);
        const d = diffSchedules(a, b);
        const rateOf = (s: Schedule, id: string, sector: string, date: string) => {
          const p = s.measureById.get(id) && periodOn(s.measureById.get(id)!, date);
          return p && s.sectorById.has(sector) && periodCoversSector(p, sector) ? termsFor(p, sector)!.rate : undefined;
        };
        const sectors = [...new Set([...a.sectorById.keys(), ...b.sectorById.keys()])];
        const ids = [...new Set([...a.measureById.keys(), ...b.measureById.keys()])];
        // Completeness, on every period bound and split date.
        for (const date of [...DATES, ...SPLIT_DATES]) {
          for (const id of ids) {
            for (const sector of sectors) {
              const ra = rateOf(a, id, sector, date);
              const rb = rateOf(b, id, sector, date);
              if (!ra || !rb || compareRates(ra, rb) === 0) continue;
              const covering = d.changes.filter(
                (c) =>
                  c.measure === id &&
                  c.field === "rate" &&
                  c.from! <= date &&
                  (c.until === null || date < c.until) &&
                  (c.sector === sector || (c.sector === undefined && !(c.exceptSectors ?? []).includes(sector))),
              );
              expect(covering.map((c) => [c.before, c.after]), `${id} ${sector} ${date}`).toEqual([[formatRate(ra), formatRate(rb)]]);
            }
          }
        }
        // Soundness: each rate change holds on its first day.
        for (const c of d.changes.filter((x) => x.field === "rate")) {
          const charged = sectors.filter((s) => rateOf(a, c.measure!, s, c.from!) && rateOf(b, c.measure!, s, c.from!));
          const targets = c.sector !== undefined ? [c.sector] : charged.filter((s) => !(c.exceptSectors ?? []).includes(s));
          expect(targets.length).toBeGreaterThan(0);
          for (const s of targets) expect([formatRate(rateOf(a, c.measure!, s, c.from!)!), formatRate(rateOf(b, c.measure!, s, c.from!)!)]).toEqual([c.before, c.after]);
        }
      }),
      { numRuns: 200 },
    );
  });
});
