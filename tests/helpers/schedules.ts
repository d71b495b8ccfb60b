/** Small schedules for unit tests, built through the real validator. */
import { validateSchedule } from "../../src/core/schedule/validate.js";
import type { Schedule } from "../../src/core/schedule/model.js";
import { parseShipment, rowOf, type Shipment, shipmentContext } from "../../src/core/duty/shipment.js";
import type { FxTable } from "../../src/core/duty/fx.js";

export function schedule(doc: Record<string, unknown>): Schedule {
  const r = validateSchedule({ format: "tariff-schedule/1", id: "test", version: "1", title: "test", asOf: "2026-01-01", ...doc }, "test.json");
  if (!r.ok) throw new Error("test schedule invalid:\n" + r.errors.map((e) => `${e.code} ${e.message}`).join("\n"));
  return r.value;
}

/** Parses a shipment from column → text, as a CSV row would give it. */
export function shipment(s: Schedule, fields: Record<string, string>, line = 2, fx?: FxTable): Shipment {
  const r = parseShipment(rowOf(fields, line), shipmentContext(s, fx));
  if (!r.ok) throw new Error(`shipment rejected: ${r.rejection.reason}`);
  return r.shipment;
}
