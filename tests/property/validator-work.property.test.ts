/**
 * The validator is linear (issue #13), checked by counting work, not by the
 * clock: `validateSchedule(raw, file, work)` counts the steps of its rules
 * and the edit-distance cells of its "did you mean" guesses. On generated
 * schedules of 10,000 measures (random references, typos, duplicate ids,
 * overlapping periods, exclusions that form chains and cycles) and on
 * schedules with names up to 100,000 characters, the count stays within
 *
 *   STEPS_PER_ITEM × items + MAX_ERRORS × (GUESS_MAX_CELLS + one comparison)
 *
 * where items counts sectors, HS prefixes, measures, periods and references:
 * far below n² for n = 10,000 measures, which any rule that scans all
 * measures per measure (or builds an edit-distance table of two long names)
 * would exceed. Every message stays short however long the names.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { GUESS_MAX_CELLS, GUESS_MAX_LENGTH, type Work } from "../../src/core/diagnostics.js";
import { MAX_ERRORS, validateSchedule } from "../../src/core/schedule/validate.js";

/** Generous per item: sorting periods, a few map look-ups and graph steps per reference. */
const STEPS_PER_ITEM = 60;
/** The most one guess may cost: its budget plus the comparison that crosses it (a 64-character name, 16 edits either way). */
const GUESS_COST = GUESS_MAX_CELLS + GUESS_MAX_LENGTH * (2 * 16 + 1);
const bound = (items: number) => STEPS_PER_ITEM * items + MAX_ERRORS * GUESS_COST;

/** Seeded generator (mulberry32): fast-check picks the seed and the knobs, the 10,000 measures come from here. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Knobs {
  seed: number;
  measures: number;
  sectors: number;
  /** Share of references that are typos or unknown. */
  typos: number;
  /** Exclusions per measure, 0 to this. */
  fanOut: number;
  /** Days the start dates spread over (few: many measures share a date; many: each its own). */
  days: number;
  /** Longest name given to some ids and references (0: none long). */
  longName: number;
}

/** A schedule shaped like the real ones, broken at random; and its number of items. */
function generate(k: Knobs): { doc: Record<string, unknown>; items: number } {
  const random = rng(k.seed);
  const pick = (n: number) => Math.floor(random() * n);
  const day = (n: number) => new Date(Date.UTC(2025, 0, 1 + n)).toISOString().slice(0, 10);
  let items = 0;
  const long = (base: string) => (k.longName > 0 && random() < 0.01 ? base + "x".repeat(pick(k.longName)) : base);
  const typo = (id: string) => (random() < 0.5 ? id.slice(0, -1) : id + "z");
  const sectorIds = Array.from({ length: k.sectors }, (_, i) => `sector_${i}`);
  const sectors = sectorIds.map((id, i) => {
    items += 2;
    return { id: random() < 0.001 ? long(id) : id, label: `Sector ${i}`, hs: [String(1000 + i), ...(random() < 0.01 ? [String(1000 + pick(k.sectors))] : [])] };
  });
  const measureIds = Array.from({ length: k.measures }, (_, i) => (random() < 0.002 ? `m-${pick(k.measures)}` : long(`m-${i}`)));
  const sectorRef = () => {
    items++;
    const id = sectorIds[pick(k.sectors)]!;
    return random() < k.typos ? (random() < 0.1 ? long(id) : typo(id)) : id;
  };
  const measureRef = () => {
    items++;
    const id = measureIds[pick(k.measures)]!;
    return random() < k.typos ? typo(id) : id;
  };
  const measures = measureIds.map((id, i) => {
    const periods = Array.from({ length: 1 + pick(3) }, () => {
      items++;
      const from = pick(k.days);
      const p: Record<string, unknown> = { from: day(from), rate: `${pick(50)}%` };
      if (random() < 0.7) p["until"] = day(from + 1 + pick(k.days));
      if (random() < 0.1) p["excludedBy"] = Array.from({ length: pick(k.fanOut + 1) }, measureRef);
      if (random() < 0.1) p["rates"] = Object.fromEntries(Array.from({ length: 1 + pick(3) }, () => [sectorRef(), "5%"]));
      return p;
    });
    items++;
    const all = random() < 0.3;
    const m: Record<string, unknown> = {
      id,
      label: `Measure ${i}`,
      importer: random() < 0.5 ? "US" : "CA",
      origins: ["CA"],
      authority: "EO",
      sectors: all ? "*" : Array.from({ length: 1 + pick(3) }, sectorRef),
      periods,
    };
    if (all && random() < 0.3) m["exceptSectors"] = [sectorRef()];
    m["excludedBy"] = Array.from({ length: pick(k.fanOut + 1) }, measureRef);
    return m;
  });
  return { doc: { format: "tariff-schedule/1", id: "fuzz", version: "1", title: "generated", asOf: "2026-01-01", sectors, measures }, items };
}

/** Runs the validator and checks what must hold whatever the input: no throw, short messages, work within the bound. */
function check(k: Knobs): { steps: number; items: number } {
  const { doc, items } = generate(k);
  const work: Work = { steps: 0 };
  const r = validateSchedule(doc, "gen.json", work);
  if (!r.ok) {
    expect(r.errors.length).toBeLessThanOrEqual(MAX_ERRORS);
    expect(r.total ?? r.errors.length).toBeGreaterThanOrEqual(r.errors.length);
    // A name is cut to 40 characters; a cycle to a few names: no message grows with the input.
    for (const d of r.errors) expect(d.message.length + (d.hint?.length ?? 0)).toBeLessThan(1_500);
  }
  expect(work.steps).toBeLessThanOrEqual(bound(items));
  return { steps: work.steps, items };
}

const knobs = (measures: fc.Arbitrary<number>, longName: fc.Arbitrary<number>) =>
  fc.record({
    seed: fc.integer(),
    measures,
    sectors: fc.integer({ min: 1, max: 500 }),
    typos: fc.constantFrom(0, 0.001, 0.05, 0.5),
    fanOut: fc.integer({ min: 0, max: 3 }),
    days: fc.constantFrom(1, 30, 700, 20_000),
    longName,
  });

describe("validator work is linear in the schedule (issue #13)", () => {
  it("10,000 measures: work within a bound that a quadratic rule cannot meet", () => {
    // The bound for the largest schedule generated is far below n² = 10^8 steps.
    expect(bound(10_000 * 12)).toBeLessThan(10_000 ** 2 / 2);
    fc.assert(
      fc.property(knobs(fc.constant(10_000), fc.constant(0)), (k) => {
        check(k);
      }),
      { numRuns: 2 },
    );
  }, 120_000);

  it("names up to 100,000 characters: work does not grow with their length", () => {
    fc.assert(
      fc.property(knobs(fc.integer({ min: 1, max: 2_000 }), fc.integer({ min: 1, max: 100_000 })), (k) => {
        check(k);
      }),
      { numRuns: 25 },
    );
  }, 120_000);

  it("doubling the measures at most about doubles the work", () => {
    // Same knobs, n and 2n measures: a quadratic rule would take 4×; allow 2.5× (the guesses' budget is a constant).
    fc.assert(
      fc.property(knobs(fc.constant(2_000), fc.constant(0)), (k) => {
        const small = check(k);
        const large = check({ ...k, measures: 4_000 });
        expect(large.steps).toBeLessThanOrEqual(2.5 * small.steps * (large.items / small.items / 2) + MAX_ERRORS * GUESS_COST);
      }),
      { numRuns: 5 },
    );
  }, 120_000);
});
