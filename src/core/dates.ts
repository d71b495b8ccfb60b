/** Dates are `YYYY-MM-DD` strings: they compare as text, and nothing here needs a clock. */

export const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** `YYYY-MM-DD` naming a real day (leap years included). Hot: runs once per shipment line. */
export function isCalendarDate(text: string): boolean {
  return dayNumber(text) >= 0;
}

/**
 * The day a `YYYY-MM-DD` text names as a count of days (consecutive days are
 * consecutive numbers, so two dates compare as their texts do), or -1 when
 * the text is not a calendar date. Lets a hot path read a date's digits once
 * and then index arrays by it (the plan table's intervals) instead of
 * comparing strings. The count starts on 1 March of the year -400, so that
 * every year 0000–9999 gives a number ≥ 0 (a proleptic Gregorian calendar,
 * as `Date.UTC` uses: see the property test).
 */
export function dayNumber(text: string): number {
  if (text.length !== 10 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return -1;
  let y = 0;
  for (let i = 0; i < 4; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    y = y * 10 + c;
  }
  const m1 = text.charCodeAt(5) - 48, m2 = text.charCodeAt(6) - 48, d1 = text.charCodeAt(8) - 48, d2 = text.charCodeAt(9) - 48;
  if (m1 < 0 || m1 > 9 || m2 < 0 || m2 > 9 || d1 < 0 || d1 > 9 || d2 < 0 || d2 > 9) return -1;
  const m = m1 * 10 + m2;
  const d = d1 * 10 + d2;
  if (m < 1 || m > 12 || d < 1) return -1;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  if (d > (m === 2 && leap ? 29 : DAYS_IN_MONTH[m - 1]!)) return -1;
  // Years that start on 1 March (the leap day is a year's last), 400 added so that nothing is negative.
  const year = (m <= 2 ? y - 1 : y) + 400;
  const dayOfYear = (((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) | 0) + d - 1;
  return year * 365 + ((year / 4) | 0) - ((year / 100) | 0) + ((year / 400) | 0) + dayOfYear;
}
