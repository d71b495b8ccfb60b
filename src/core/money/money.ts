/**
 * Money is an exact decimal with a currency. Amounts of different currencies
 * are never added: totals are kept per currency (`Totals` maps), like
 * hledger's MixedAmount.
 *
 * Rounding rules (SPEC.md, Money): all rounding is half away from zero.
 * - `whole`: to whole currency units (19 CFR 159.3: under 50 cents dropped, 50 cents or more up);
 * - `cent`: to the cent.
 */
import { type Decimal, formatDecimal, mulRounded, roundHalfAwayFromZero } from "./decimal.js";
import { type Rate, rateFraction } from "./rate.js";

export type Currency = string;
export type Rounding = "whole" | "cent";

export const ROUNDING_PLACES: Record<Rounding, number> = { whole: 0, cent: 2 };

export function roundAmount(amount: Decimal, rounding: Rounding): Decimal {
  return roundHalfAwayFromZero(amount, ROUNDING_PLACES[rounding]);
}

/** rate × base, rounded once to the cent (or as `rounding` says), ties away from zero. */
export function applyRate(base: Decimal, r: Rate, rounding: Rounding = "cent"): Decimal {
  return applyFraction(base, rateFraction(r), rounding);
}

/** `applyRate` with the rate already a plain fraction (25% → 0.25), as duty plans keep it. */
export function applyFraction(base: Decimal, fraction: Decimal, rounding: Rounding = "cent"): Decimal {
  // The integer lane (mulRounded): no product as a Decimal of its own on the common line.
  return mulRounded(base, fraction, ROUNDING_PLACES[rounding]);
}

/** Two decimals, as amounts are printed everywhere (`"1234.50"`). Round first: this never rounds. */
export function formatMoney(amount: Decimal): string {
  return formatDecimal(amount, 2);
}
