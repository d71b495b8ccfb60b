/**
 * "Did you mean" is bounded (issue #13): long names get no guess, only
 * candidates of a similar length are compared, each comparison stops past the
 * allowed distance, and one guess fills at most GUESS_MAX_CELLS cells.
 * The banded distance agrees with the full optimal-string-alignment table.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { GUESS_MAX_CELLS, GUESS_MAX_LENGTH, type Work, boundedEditDistance, didYouMean, quoted } from "../../src/core/diagnostics.js";

/** The full table (what didYouMean used before): the oracle. */
function osa(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[a.length]![b.length]!;
}

describe("boundedEditDistance", () => {
  it.each([
    ["steel", "stel", 1],
    ["rate", "rtae", 1], // a swap of neighbours is one edit
    ["energy", "enrgy", 1],
    ["us-steel", "us-stel", 1],
    ["kitten", "sitting", 3],
  ])("%s ~ %s = %i", (a, b, d) => {
    expect(boundedEditDistance(a, b, 5)).toBe(d);
    expect(boundedEditDistance(a, b, d - 1)).toBe(d); // "farther than d − 1" is d
  });

  it("agrees with the full table up to max, and says max + 1 beyond", () => {
    const word = fc.string({ unit: fc.constantFrom("a", "b", "c", "-"), maxLength: 12 });
    fc.assert(
      fc.property(word, word, fc.integer({ min: 0, max: 6 }), (a, b, max) => {
        expect(boundedEditDistance(a, b, max)).toBe(Math.min(osa(a, b), max + 1));
      }),
      { numRuns: 2000 },
    );
  });

  it("fills at most |a| × (2·max + 1) cells", () => {
    const work: Work = { steps: 0 };
    boundedEditDistance("a".repeat(64), "a".repeat(64), 3, work);
    expect(work.steps).toBeLessThanOrEqual(64 * 7);
  });
});

describe("didYouMean", () => {
  it.each([
    ["stel", ["steel", "energy", "other_goods"], "steel"],
    ["ratee", ["from", "until", "rate", "rates"], "rate"], // "rate" first among equals
    ["USA", ["US", "CA"], "US"],
    ["a", ["id", "a_b"], undefined], // one letter is no typo of anything
    ["zzzz", ["steel", "energy"], undefined],
  ])("%s → %s", (input, candidates, guess) => {
    expect(didYouMean(input, candidates)).toBe(guess);
  });

  it(`gives no guess for a name over ${GUESS_MAX_LENGTH} characters, without comparing anything`, () => {
    const work: Work = { steps: 0 };
    const long = "a".repeat(GUESS_MAX_LENGTH + 1);
    expect(didYouMean(long, [long.slice(1), long], work)).toBeUndefined();
    expect(work.steps).toBe(0);
  });

  it("compares only candidates of a similar length", () => {
    const work: Work = { steps: 0 };
    expect(didYouMean("steel", ["a".repeat(20), "b".repeat(30), "c"], work)).toBeUndefined();
    expect(work.steps).toBe(0);
  });

  it(`fills at most GUESS_MAX_CELLS (${GUESS_MAX_CELLS}) cells plus one comparison, however many candidates`, () => {
    const work: Work = { steps: 0 };
    // 100,000 candidates of the same length, none close: each comparison runs until its band exceeds the distance.
    const candidates = Array.from({ length: 100_000 }, (_, i) => `m-${String(i).padStart(30, "x")}`);
    didYouMean(`q-${"y".repeat(30)}`, candidates, work);
    expect(work.steps).toBeLessThanOrEqual(GUESS_MAX_CELLS + GUESS_MAX_LENGTH * (2 * 16 + 1));
  });

  it("finds the same guess as the full table on short words", () => {
    const word = fc.string({ unit: fc.constantFrom("a", "b", "c", "d"), minLength: 1, maxLength: 10 });
    const oracle = (input: string, candidates: string[]): string | undefined => {
      let best: string | undefined;
      let bestDistance = Infinity;
      for (const c of candidates) {
        const limit = Math.min(Math.max(1, Math.floor(Math.max(input.length, c.length) / 4)), input.length - 1);
        const d = osa(input, c);
        if (d <= limit && d < bestDistance) [best, bestDistance] = [c, d];
      }
      return best;
    };
    fc.assert(fc.property(word, fc.array(word, { maxLength: 8 }), (input, candidates) => {
      expect(didYouMean(input, candidates)).toBe(oracle(input, candidates));
    }), { numRuns: 2000 });
  });
});

describe("quoted", () => {
  it("quotes a short name as it is, a long one cut to 40 characters with its length", () => {
    expect(quoted("us-steel")).toBe('"us-steel"');
    expect(quoted("a".repeat(40))).toBe(`"${"a".repeat(40)}"`);
    expect(quoted("a".repeat(30_000))).toBe(`"${"a".repeat(40)}…" (30000 characters)`);
  });
});
