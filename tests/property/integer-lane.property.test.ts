/**
 * Issue 17, item 3: the integer lane of a line must answer exactly as the
 * general code it shortcuts. Each shortcut is checked against the plain way:
 * - `mulRounded` (base × rate rounded in integers) against `mul` then
 *   `roundHalfAwayFromZero`, and both against bigint arithmetic, on both sides
 *   of 2^53, at scales past 10^15, with ties at the rounding digit;
 * - `dayNumber` against `Date.UTC` (consecutive days, consecutive numbers)
 *   and against the text order of dates (what the plan table replaced);
 * - the plan table, which finds a situation by small numbers (goods by
 *   `Product.id`, route by origin letters, interval by day number), against a
 *   table keyed by strings as the table was before: the same value or, after
 *   the table started over, none;
 * - the engine's cached plans against plans made afresh for each line.
 */
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Decimal, mul, mulRounded, roundHalfAwayFromZero } from "../../src/core/money/decimal.js";
import { dayNumber, isCalendarDate } from "../../src/core/dates.js";
import { PlanTable, type GoodsKey, type Situation, intervalOf } from "../../src/core/duty/plan-table.js";
import { PricingEngine, periodBoundaries } from "../../src/core/duty/engine.js";
import { parseShipment, rowOf, shipmentContext } from "../../src/core/duty/shipment.js";
import { ProductIndex } from "../../src/core/lookup/product.js";
import { validateSchedule } from "../../src/core/schedule/validate.js";

const LIMIT = 2n ** 53n;
const units = fc.oneof(
  fc.bigInt({ min: -100_000n, max: 100_000n }),
  fc.bigInt({ min: LIMIT - 50n, max: LIMIT + 50n }),
  fc.bigInt({ min: -LIMIT - 50n, max: -LIMIT + 50n }),
  fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }),
  fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }),
);
/** Either representation, as `decimal.ts` accepts inputs (canonical or not). */
const decimalArb = (maxScale: number) =>
  fc.tuple(units, fc.integer({ min: 0, max: maxScale }), fc.boolean()).map(([u, scale, asNumber]): Decimal => ({ units: asNumber && u > -LIMIT && u < LIMIT ? Number(u) : u, scale }));

/** The reference: round `u × 10^-scale` to `places`, half away from zero, in bigint. */
function refRounded(u: bigint, scale: number, places: number): [bigint, number] {
  if (scale <= places) return [u * 10n ** BigInt(places - scale), places];
  const d = 10n ** BigInt(scale - places);
  const neg = u < 0n;
  const m = neg ? -u : u;
  let q = m / d;
  if ((m % d) * 2n >= d) q += 1n;
  return [neg ? -q : q, places];
}

const canonical = (d: Decimal) => (typeof d.units === "number" ? Number.isSafeInteger(d.units) && !Object.is(d.units, -0) : d.units <= -LIMIT || d.units >= LIMIT);

describe("the integer lane of base × rate", () => {
  it("mulRounded is mul then roundHalfAwayFromZero, on both sides of 2^53 and past 10^15 scales", () => {
    fc.assert(
      fc.property(decimalArb(20), decimalArb(20), fc.integer({ min: 0, max: 4 }), (a, b, places) => {
        const got = mulRounded(a, b, places);
        const general = roundHalfAwayFromZero(mul(a, b), places);
        const [u, s] = refRounded(BigInt(a.units) * BigInt(b.units), a.scale + b.scale, places);
        expect(canonical(got)).toBe(true);
        expect([BigInt(got.units), got.scale]).toEqual([u, s]);
        expect(got).toEqual(general);
      }),
      { numRuns: 5000 },
    );
  });

  it("rounds a tie at the cent away from zero, both signs (0.125 → 0.13, -0.125 → -0.13)", () => {
    // base × rate whose product ends in 5 at the third decimal: cents × 10 + 5, at scale 3.
    fc.assert(
      fc.property(fc.integer({ min: -1_000_000_000, max: 1_000_000_000 }), (cents) => {
        const tie: Decimal = { units: cents * 10 + (cents < 0 ? -5 : 5), scale: 3 };
        const got = mulRounded(tie, { units: 1, scale: 0 }, 2);
        expect(got).toEqual({ units: cents < 0 ? cents - 1 : cents + 1, scale: 2 });
      }),
    );
    // Worked by hand: 1001 (whole dollars) × 12.5% = 125.125 → 125.13; −1001 × 12.5% = −125.125 → −125.13.
    expect(mulRounded({ units: 1001, scale: 0 }, { units: 125, scale: 3 }, 2)).toEqual({ units: 12513, scale: 2 });
    expect(mulRounded({ units: -1001, scale: 0 }, { units: 125, scale: 3 }, 2)).toEqual({ units: -12513, scale: 2 });
  });

  it("falls back to bigint where the product passes 2^53 (9007199254740993 × 0.5 rounds exactly)", () => {
    // (2^53 + 1) × 0.5 = 4503599627370496.5 → 4503599627370497 at 0 places; floating point would give …496.
    expect(mulRounded({ units: 9007199254740993n, scale: 0 }, { units: 5, scale: 1 }, 0)).toEqual({ units: 4503599627370497, scale: 0 });
    // 2^52 × 3 = 13510798882111488 > 2^53: computed in bigint, stays exact.
    expect(mulRounded({ units: 2 ** 52, scale: 2 }, { units: 3, scale: 0 }, 2)).toEqual({ units: 13510798882111488n, scale: 2 });
  });
});

const DAY_MS = 86_400_000;
const isoOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

describe("dates as day numbers", () => {
  it("consecutive days are consecutive numbers, as Date.UTC counts them (years 0000–9999)", () => {
    const origin = dayNumber("1970-01-01");
    fc.assert(
      fc.property(fc.integer({ min: -719_528, max: 2_932_896 }), (days) => {
        const text = isoOf(days * DAY_MS);
        expect(dayNumber(text) - origin).toBe(days);
      }),
      { numRuns: 3000 },
    );
    expect(dayNumber("0000-01-01")).toBeGreaterThanOrEqual(0);
    expect(dayNumber("2024-03-01") - dayNumber("2024-02-28")).toBe(2); // leap year: 29 February between
    expect(dayNumber("2100-03-01") - dayNumber("2100-02-28")).toBe(1); // 2100 is not a leap year
  });

  it("orders dates as their text does, and refuses what isCalendarDate refused before", () => {
    const text = fc.oneof(
      fc.integer({ min: -719_528, max: 2_932_896 }).map((d) => isoOf(d * DAY_MS)),
      fc.tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 })).map(([y, m, d]) => `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`),
      fc.string({ maxLength: 11 }),
    );
    const plainCheck = (t: string) => {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(t)) return false;
      const [y, m, d] = t.split("-").map(Number) as [number, number, number];
      if (m < 1 || m > 12 || d < 1) return false;
      const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
      return d <= [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!;
    };
    fc.assert(
      fc.property(text, text, (a, b) => {
        expect(isCalendarDate(a)).toBe(plainCheck(a));
        expect(dayNumber(a) >= 0).toBe(plainCheck(a));
        if (plainCheck(a) && plainCheck(b)) expect(Math.sign(dayNumber(a) - dayNumber(b))).toBe(a < b ? -1 : a > b ? 1 : 0);
      }),
      { numRuns: 3000 },
    );
  });
});

const loaded = validateSchedule(JSON.parse(readFileSync(new URL("../../fixtures/schedules/lists.json", import.meta.url), "utf8")), "lists.json");
if (!loaded.ok) throw new Error(loaded.errors.map((e) => e.message).join("\n"));
const schedule = loaded.value;
const CODES = ["7208", "72081000", "7326908688", "7326908610", "732690", "8427", "84271000", "0101", "8802", "2203", "22030000", "8429", "9999", "7308"];
const DATES = ["2025-12-31", "2026-01-01", "2026-04-05", "2026-04-06", "2026-06-08", "2026-09-28", "2026-09-29", "2026-11-30", "2026-12-01", "2027-05-05", "2020-02-29"];

describe("the plan table found by small numbers", () => {
  const boundaries = periodBoundaries([schedule], false);
  const one = new ProductIndex(schedule);
  const other = new ProductIndex(schedule); // ids of another index: must not be taken for the first's
  const products = [
    ...CODES.map((c) => one.ofCode(c).product),
    ...CODES.map((c) => other.ofCode(c).product),
    one.ofSector("steel"),
    one.variant(one.ofCode("7208").product, "steel", ["9903.01.01"]),
    one.variant(one.ofCode("8802").product, "other_goods", []),
  ];
  const situation = fc.record({
    importer: fc.constantFrom("US" as const, "CA" as const),
    origin: fc.constantFrom("CA", "US", "MX", "CN", "ZZ", "A1", "c"),
    product: fc.constantFrom(...products),
    usmca: fc.boolean(),
    date: fc.oneof(fc.constantFrom(...DATES), fc.integer({ min: 20_000, max: 21_000 }).map((d) => isoOf(d * DAY_MS))),
    withDay: fc.boolean(),
  });
  const step = fc.tuple(situation, fc.integer({ min: 0, max: 15 }), fc.boolean());
  const keys: [string, GoodsKey | undefined][] = [
    ["Product.key", undefined],
    ["a coarser key (the sector only)", (p) => p.sector ?? ""],
  ];

  for (const [name, goodsKey] of keys) {
    it(`gives what a string-keyed table gives, or nothing after it started over (${name})`, () => {
      fc.assert(
        fc.property(fc.array(step, { minLength: 1, maxLength: 300 }), fc.constantFrom(100_000_000, 2_000, 300), (steps, limit) => {
          const table = new PlanTable<number>(boundaries, limit, 1);
          // The reference: by the situation's text; whether its values hold for any bases is the situation's (as a plan's is).
          const ref = new Map<string, { anyBases: boolean; value: number | undefined; byBases: Map<number, number> }>();
          const refKey = (s: Situation) => JSON.stringify([s.importer, s.origin, (goodsKey ?? ((x) => x.key))(s.product), intervalOf(boundaries, s.date), s.usmca]);
          let next = 1;
          for (const [{ withDay, ...s }, positive, anyBases] of steps) {
            const line: Situation = withDay ? { ...s, day: dayNumber(s.date) } : s;
            const key = refKey(line);
            let entry = ref.get(key);
            if (entry === undefined) ref.set(key, (entry = { anyBases, value: undefined, byBases: new Map() }));
            const want = entry.anyBases ? entry.value : entry.byBases.get(positive);
            const got = table.get(line, positive, goodsKey);
            if (limit === 100_000_000) expect(got).toBe(want);
            else if (got !== undefined) expect(got).toBe(want);
            if (got === undefined) {
              const value = want ?? next++;
              table.set(line, positive, value, entry.anyBases, goodsKey);
              if (entry.anyBases) entry.value = value;
              else entry.byBases.set(positive, value);
            }
          }
        }),
        { numRuns: 300 },
      );
    });
  }
});

describe("the engine's cached plans", () => {
  it("are the plans made afresh for each line (charges, skipped measures, ban, claims)", () => {
    const ctx = shipmentContext(schedule, undefined);
    const row = fc.record({
      date: fc.constantFrom(...DATES),
      importer: fc.constantFrom("US", "CA"),
      origin: fc.constantFrom("CA", "MX", "CN", ""),
      hs: fc.constantFrom(...CODES),
      claims: fc.constantFrom("", "9903.01.01", "9903.85.08"),
      usmca: fc.constantFrom("Y", "N"),
      value: fc.constantFrom("1000", "0", "1234.56"),
      content_value: fc.constantFrom("", "0", "500"),
    });
    const view = (p: ReturnType<PricingEngine["plan"]>) => ({ charges: p.charges, skipped: p.skipped, prohibition: p.prohibition, unusedClaims: p.unusedClaims, readsBases: p.readsBases });
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 60 }), fc.integer({ min: 0, max: 15 }), (rows, positive) => {
        const engine = new PricingEngine([schedule]);
        for (const fields of rows) {
          const parsed = parseShipment(rowOf(fields), ctx);
          if (!parsed.ok) continue;
          expect(view(engine.plan(0, parsed.shipment, positive))).toEqual(view(new PricingEngine([schedule]).plan(0, parsed.shipment, positive)));
        }
      }),
      { numRuns: 200 },
    );
  });
});
