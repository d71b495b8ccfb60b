/** fast-check generators of shipment rows over a schedule's own sectors and dates. */
import fc from "fast-check";
import { formatDecimal } from "../../src/core/money/decimal.js";
import type { Schedule } from "../../src/core/schedule/model.js";

/** A day from 2025-01-01 + from, within `days` days. */
export const isoDay = (from: number, days: number) => fc.integer({ min: 0, max: days }).map((n) => new Date(Date.UTC(2025, 0, 1 + from + n)).toISOString().slice(0, 10));

export const cents = fc.bigInt({ min: 0n, max: 5_000_000_00n });
export const money = (c: bigint) => formatDecimal({ units: c, scale: 2 });

/** A shipment row as CSV fields: both importers, any sector's HS prefix, 2025–2026, some USMCA, some with content. */
export function shipmentRow(schedule: Schedule) {
  const prefixes = schedule.sectors.flatMap((s) => s.hs);
  return fc
    .record({
      date: isoDay(0, 729),
      importer: fc.constantFrom("US", "CA"),
      hs: fc.constantFrom(...prefixes),
      value: cents,
      contentShare: fc.option(fc.integer({ min: 0, max: 100 }), { nil: undefined }),
      usmca: fc.boolean(),
    })
    .map((r) => ({
      date: r.date,
      importer: r.importer,
      hs: r.hs,
      value: money(r.value),
      content_value: r.contentShare === undefined ? "" : money((r.value * BigInt(r.contentShare)) / 100n),
      usmca: r.usmca ? "Y" : "N",
    }));
}
