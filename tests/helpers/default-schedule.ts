import { readFileSync } from "node:fs";
import path from "node:path";
import { validateSchedule } from "../../src/core/schedule/validate.js";
import type { Schedule } from "../../src/core/schedule/model.js";
import { ROOT } from "./cli.js";

export function defaultScheduleJson(): Record<string, unknown> {
  return JSON.parse(readFileSync(path.join(ROOT, "src/io/default-schedule.json"), "utf8")) as Record<string, unknown>;
}

export function defaultSchedule(): Schedule {
  const r = validateSchedule(defaultScheduleJson(), "default-schedule.json");
  if (!r.ok) throw new Error("embedded schedule invalid: " + r.errors.map((e) => e.message).join("; "));
  return r.value;
}
