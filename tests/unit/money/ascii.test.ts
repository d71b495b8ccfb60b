/**
 * Amounts written as ASCII bytes (issue #17, item 2): the text of
 * formatDecimal, digit by digit, or -1 where the caller must use formatDecimal.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MAX_DECIMAL_BYTES, writeDecimal, writeDigits } from "../../../src/core/money/ascii.js";
import { type Decimal, digitsOf, formatDecimal } from "../../../src/core/money/decimal.js";

function written(d: Decimal, places: number): string | -1 {
  const out = new Uint8Array(MAX_DECIMAL_BYTES + 4).fill(0x7e);
  const end = writeDecimal(out, 2, d, places);
  if (end < 0) return -1;
  // Nothing written before `at` or past what it returns.
  expect(out[1]).toBe(0x7e);
  expect(out[end]).toBe(0x7e);
  return Buffer.from(out.subarray(2, end)).toString("latin1");
}

describe("writeDecimal", () => {
  it.each<[number, number, number, string]>([
    // units, scale, places → text (units × 10^-scale, padded to `places` decimals)
    [123450, 2, 2, "1234.50"],
    [12345, 1, 2, "1234.50"], // 1234.5: one fraction digit, a 0 for the second place
    [1234, 0, 2, "1234.00"], // whole dollars (a US customs value)
    [0, 0, 2, "0.00"],
    [5, 2, 2, "0.05"], // fraction shorter than the scale: leading zeros
    [-5, 2, 2, "-0.05"], // a negative amount under one unit keeps its sign
    [-123450, 2, 2, "-1234.50"],
    [7, 3, 3, "0.007"], // a declared value of scale 3 at places = scale
    [1000, 0, 0, "1000"],
    [100, 2, 2, "1.00"],
    [9007199254740991, 0, 2, "9007199254740991.00"], // 2^53 − 1, the largest number units
    [9007199254740991, 2, 2, "90071992547409.91"],
    [-9007199254740991, 15, 15, "-9.007199254740991"],
    [2147483648, 2, 2, "21474836.48"], // 2^31: past the small-integer digits
    [2147483647, 2, 2, "21474836.47"],
    [123456789012345, 15, 15, "0.123456789012345"],
  ])("%s at scale %s, %s places → %s", (units, scale, places, text) => {
    expect(written({ units, scale }, places)).toBe(text);
    expect(formatDecimal({ units, scale }, places)).toBe(text);
  });

  it.each<[string, Decimal, number]>([
    ["bigint units (2^60)", { units: 2n ** 60n, scale: 2 }, 2],
    ["more decimals than places (12.345 at 2)", { units: 12345, scale: 3 }, 2], // formatDecimal normalises or fails
    ["more than 15 places", { units: 1, scale: 16 }, 16],
  ])("leaves %s to formatDecimal (-1)", (_what, d, places) => {
    expect(written(d, places)).toBe(-1);
  });

  it("writes what formatDecimal writes, for every safe integer and scale up to the places", () => {
    const units = fc.oneof(fc.integer({ min: -1000, max: 1000 }), fc.integer(), fc.maxSafeInteger(), fc.maxSafeNat(), fc.constantFrom(0, -0, 2 ** 31, 2 ** 31 - 1, -(2 ** 31), 2 ** 53 - 1, 1 - 2 ** 53, 10 ** 15, 10 ** 15 - 1));
    fc.assert(
      fc.property(units, fc.integer({ min: 0, max: 15 }), fc.integer({ min: 0, max: 15 }), (u, scale, extra) => {
        const places = Math.min(15, scale + extra);
        expect(written({ units: u, scale }, places)).toBe(formatDecimal({ units: u, scale }, places));
      }),
      { numRuns: 2000 },
    );
  });
});

describe("writeDigits", () => {
  it("writes digitsOf's text", () => {
    fc.assert(
      fc.property(fc.oneof(fc.nat(), fc.maxSafeNat(), fc.constantFrom(0, 9, 10, 99, 100, 2 ** 31, 2 ** 53 - 1)), (n) => {
        const out = new Uint8Array(20);
        const end = writeDigits(out, 1, n);
        expect(Buffer.from(out.subarray(1, end)).toString("latin1")).toBe(digitsOf(n));
      }),
      { numRuns: 1000 },
    );
  });
});
