/**
 * Decimals keep small integers as numbers and large ones as bigints. Every
 * operation must give exactly what plain bigint arithmetic gives, on both sides
 * of 2^53 and across the switch, and leave its result canonical.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Decimal, add, compare, formatDecimal, mul, negate, normalize, parseDecimal, roundHalfAwayFromZero, sub } from "../../src/core/money/decimal.js";

/** The reference: a decimal as (bigint, scale). */
const ref = (d: Decimal): [bigint, number] => [BigInt(d.units), d.scale];
const at = ([u, s]: [bigint, number], scale: number): bigint => u * 10n ** BigInt(scale - s);
const refText = ([u, s]: [bigint, number]): string => {
  const neg = u < 0n;
  const digits = (neg ? -u : u).toString().padStart(s + 1, "0");
  return (neg ? "-" : "") + (s === 0 ? digits : `${digits.slice(0, -s)}.${digits.slice(-s)}`);
};

const LIMIT = 2n ** 53n;
/** Integers clustered where the representation switches, plus small and huge ones. */
const units = fc.oneof(
  fc.bigInt({ min: -1000n, max: 1000n }),
  fc.bigInt({ min: LIMIT - 50n, max: LIMIT + 50n }),
  fc.bigInt({ min: -LIMIT - 50n, max: -LIMIT + 50n }),
  fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }),
  fc.bigInt({ min: -(10n ** 9n), max: 10n ** 9n }),
);
/** A decimal in either representation (inputs need not be canonical). */
const decimalArb = fc.tuple(units, fc.integer({ min: 0, max: 6 }), fc.boolean()).map(([u, scale, asNumber]): Decimal => ({
  units: asNumber && u >= -(LIMIT - 1n) && u <= LIMIT - 1n ? Number(u) : u,
  scale,
}));

function canonical(d: Decimal): boolean {
  const safe = typeof d.units === "number" ? Number.isSafeInteger(d.units) && !Object.is(d.units, -0) : d.units < -(LIMIT - 1n) || d.units > LIMIT - 1n;
  return safe && Number.isInteger(d.scale) && d.scale >= 0;
}

const same = (d: Decimal, [u, s]: [bigint, number]) => {
  expect(canonical(d)).toBe(true);
  expect(d.scale).toBe(s);
  expect(BigInt(d.units)).toBe(u);
};

describe("decimal arithmetic is exact on both sides of 2^53", () => {
  it("add, sub, mul, compare", () => {
    fc.assert(
      fc.property(decimalArb, decimalArb, (a, b) => {
        const s = Math.max(a.scale, b.scale);
        same(add(a, b), [at(ref(a), s) + at(ref(b), s), s]);
        same(sub(a, b), [at(ref(a), s) - at(ref(b), s), s]);
        same(mul(a, b), [ref(a)[0] * ref(b)[0], a.scale + b.scale]);
        const x = at(ref(a), s);
        const y = at(ref(b), s);
        expect(compare(a, b)).toBe(x < y ? -1 : x > y ? 1 : 0);
        same(negate(a), [-ref(a)[0], a.scale]);
      }),
      { numRuns: 2000 },
    );
  });

  it("rounding half away from zero", () => {
    fc.assert(
      fc.property(decimalArb, fc.integer({ min: 0, max: 4 }), (a, places) => {
        const [u, s] = ref(a);
        let expected: bigint;
        if (s <= places) expected = u * 10n ** BigInt(places - s);
        else {
          const div = 10n ** BigInt(s - places);
          const mag = u < 0n ? -u : u;
          const q = mag / div + ((mag % div) * 2n >= div ? 1n : 0n);
          expected = u < 0n ? -q : q;
        }
        same(roundHalfAwayFromZero(a, places), [expected, places]);
      }),
      { numRuns: 2000 },
    );
  });

  it("text round-trips: format, parse, normalize", () => {
    fc.assert(
      fc.property(decimalArb, (a) => {
        const text = formatDecimal(a);
        expect(text).toBe(refText(ref(a)));
        same(parseDecimal(text)!, ref(a));
        const n = normalize(a);
        expect(canonical(n)).toBe(true);
        expect(compare(n, a)).toBe(0);
        expect(n.scale === 0 || BigInt(n.units) % 10n !== 0n).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});
