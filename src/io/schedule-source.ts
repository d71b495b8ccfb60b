/**
 * Loading a schedule from a file, stdin ("-") or the embedded default
 * ("default"), with its JSON positions so that every diagnostic gets a line
 * and column. The validator (zod) is loaded only for files the user gives:
 * the embedded schedule is checked by the tests and built directly, which
 * halves the start-up time of every command.
 */
import { readFileSync } from "node:fs";
import type { Diagnostic } from "../core/diagnostics.js";
import { buildSchedule } from "../core/schedule/build.js";
import type { ScheduleFileT } from "../core/schedule/format.js";
import type { Schedule } from "../core/schedule/model.js";
import { type JsonDocument, parseJson } from "./json.js";
import { readText } from "./read.js";

export const DEFAULT_SCHEDULE = "default";
export const DEFAULT_SCHEDULE_LABEL = "<default schedule>";

export function defaultScheduleText(): string {
  return readFileSync(new URL("./default-schedule.json", import.meta.url), "utf8");
}

export type Loaded<T> =
  | { ok: true; value: T; doc: JsonDocument; warnings: Diagnostic[] }
  /** `unreadable`: the file could not be read or is not JSON (exit 2 everywhere). `total`: errors found, when more than `errors` lists. */
  | { ok: false; unreadable: boolean; errors: Diagnostic[]; total?: number; doc?: JsonDocument; text?: { file: string; text: string } };

export async function loadJson(spec: string, stdin?: NodeJS.ReadableStream): Promise<{ ok: true; doc: JsonDocument } | { ok: false; errors: Diagnostic[]; file?: string; text?: string }> {
  let text: string;
  let label: string;
  if (spec === DEFAULT_SCHEDULE) {
    text = defaultScheduleText();
    label = DEFAULT_SCHEDULE_LABEL;
  } else {
    const read = await readText(spec, stdin);
    if (!read.ok) return { ok: false, errors: [read.error] };
    text = read.text;
    label = read.label;
  }
  const parsed = parseJson(text, label);
  return parsed.ok ? { ok: true, doc: parsed.doc } : { ok: false, errors: parsed.errors, file: label, text: parsed.text };
}

export async function loadSchedule(spec: string, stdin?: NodeJS.ReadableStream): Promise<Loaded<Schedule>> {
  if (spec === DEFAULT_SCHEDULE) {
    // The embedded schedule is valid JSON without repeated keys (the tests check it, and `validate default`
    // checks it fully): every other command reads it with JSON.parse alone, no scan for positions.
    const text = defaultScheduleText();
    const value = JSON.parse(text) as ScheduleFileT;
    return { ok: true, value: buildSchedule(value), doc: { file: DEFAULT_SCHEDULE_LABEL, text, value, lineStarts: [0], repeatedKeys: [] }, warnings: [] };
  }
  const json = await loadJson(spec, stdin);
  if (!json.ok) return { ok: false, unreadable: true, errors: json.errors, ...(json.text !== undefined && json.file ? { text: { file: json.file, text: json.text } } : {}) };
  if (spec === DEFAULT_SCHEDULE) return { ok: true, value: buildSchedule(json.doc.value as ScheduleFileT), doc: json.doc, warnings: [] };
  const { scheduleFromDoc } = await import("./schedule-check.js");
  return scheduleFromDoc(json.doc);
}
