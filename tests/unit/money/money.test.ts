import { describe, expect, it } from "vitest";
import { formatDecimal, parseDecimal, roundHalfAwayFromZero, decimal, add, mul, compare } from "../../../src/core/money/decimal.js";
import { applyRate, formatMoney, roundAmount } from "../../../src/core/money/money.js";
import { formatRate, parseRate, rate } from "../../../src/core/money/rate.js";

describe("parseDecimal", () => {
  it.each([
    ["1234.5", 12345, 1],
    ["0", 0, 0],
    ["-0", 0, 0], // never a negative zero
    [".5", 5, 1],
    ["+.5", 5, 1],
    ["-0.25", -25, 2],
    ["007.10", 710, 2],
    ["123456789012345", 123456789012345, 0], // 15 digits: read as a number
    ["9007199254740991", 9007199254740991, 0], // 2^53 − 1: still a safe integer
    ["9007199254740992", 9007199254740992n, 0], // 2^53: a bigint
    ["-12345678901234567890.12", -1234567890123456789012n, 2],
    ["0000000000000000012.5", 125, 1], // many leading zeros, small value: back to a number
  ])("%s → %s at scale %s", (text, units, scale) => {
    expect(parseDecimal(text)).toEqual({ units, scale });
  });

  it.each(["", "1,234.56", "$12", "1e5", "12.", "abc", "1 000", "0x10", "Infinity", "NaN", ".", "-", "+", "1.2.3", "--1", " 1", "1 ", "١٢"])("refuses %j", (text) => {
    expect(parseDecimal(text)).toBeUndefined();
  });
});

describe("roundHalfAwayFromZero", () => {
  it.each([
    // computation.md B7.1: HMF 10,500 × 0.125% = 13.125 → 13.13 (CBP exam key, half up)
    ["13.125", 2, "13.13"],
    ["13.1249", 2, "13.12"],
    ["-0.125", 2, "-0.13"], // ties go away from zero, also below zero
    ["-0.124", 2, "-0.12"],
    ["4243.825", 2, "4243.83"], // computation.md A7.5 line 1 (half-even would give 4243.82)
    ["1000.49", 0, "1000"], // 19 CFR 159.3: under 50 cents dropped
    ["1000.50", 0, "1001"], // 50 cents or more up
    ["2.5", 0, "3"],
    ["7", 2, "7.00"],
  ])("%s to %i places → %s", (text, places, expected) => {
    expect(formatDecimal(roundHalfAwayFromZero(decimal(text), places))).toBe(expected);
  });
});

describe("rates", () => {
  it("parses exact percentages and prints them back as written", () => {
    expect(formatRate(rate("7.5%"))).toBe("7.5%");
    expect(formatRate(rate("35.19%"))).toBe("35.19%");
    expect(formatRate(rate("25.00%"))).toBe("25%");
  });
  it.each(["-5%", "25", "25 %", "%", "1e2%", ""])("refuses %j", (text) => {
    expect(parseRate(text)).toBeUndefined();
  });
});

describe("applyRate", () => {
  it.each([
    // computation.md B7.1: 10,500 × 14.9% = 1,564.50
    ["10500", "14.9%", "1564.50"],
    // computation.md B7.1: MPF 10,500 × 0.3464% = 36.372 → 36.37
    ["10500", "0.3464%", "36.37"],
    // computation.md A7.5 line 1: 16,975.30 × 25% = 4,243.825 → 4,243.83
    ["16975.30", "25%", "4243.83"],
    // us-measures.md §11 worked check: 10,000 × 35% = 3,500.00
    ["10000", "35%", "3500.00"],
    // 0.02 × 25% = 0.005 → 0.01 (a half-cent tie on a tiny amount)
    ["0.02", "25%", "0.01"],
    ["0", "50%", "0.00"],
  ])("%s × %s = %s", (base, r, expected) => {
    expect(formatMoney(applyRate(decimal(base), rate(r)))).toBe(expected);
  });

  it("stays exact far beyond 2^53", () => {
    // 99,999,999,999,999,999.99 × 35% = 34,999,999,999,999,999.9965 → …,000.00
    expect(formatMoney(applyRate(decimal("99999999999999999.99"), rate("35%")))).toBe("35000000000000000.00");
  });
});

describe("decimal arithmetic", () => {
  it("adds and multiplies exactly", () => {
    // 0.1 + 0.2 = 0.3 exactly (not 0.30000000000000004)
    expect(formatDecimal(add(decimal("0.1"), decimal("0.2")))).toBe("0.3");
    expect(formatDecimal(mul(decimal("12345.67"), decimal("1.3750")))).toBe("16975.296250");
    expect(compare(decimal("1.50"), decimal("1.5"))).toBe(0);
  });
  it("rounds values by importer rule", () => {
    expect(formatMoney(roundAmount(decimal("16975.29625"), "cent"))).toBe("16975.30");
    expect(formatMoney(roundAmount(decimal("8765.43"), "whole"))).toBe("8765.00");
  });
});
