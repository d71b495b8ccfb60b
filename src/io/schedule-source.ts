/**
 * Loading a schedule from a file, stdin ("-") or the embedded default
 * ("default"), with its JSON positions so that every diagnostic gets a line
 * and column.
 */
import { readFileSync } from "node:fs";
import type { Diagnostic } from "../core/diagnostics.js";
import type { Schedule } from "../core/schedule/model.js";
import { validateSchedule } from "../core/schedule/validate.js";
import { type Overlay, validateOverlay } from "../core/schedule/overlay.js";
import { type JsonDocument, byPosition, duplicateKeys, locateAll, parseJson } from "./json.js";
import { readText } from "./read.js";

export const DEFAULT_SCHEDULE = "default";
export const DEFAULT_SCHEDULE_LABEL = "<default schedule>";

export function defaultScheduleText(): string {
  return readFileSync(new URL("./default-schedule.json", import.meta.url), "utf8");
}

export type Loaded<T> =
  | { ok: true; value: T; doc: JsonDocument; warnings: Diagnostic[] }
  /** `unreadable`: the file could not be read or is not JSON (exit 2 everywhere). */
  | { ok: false; unreadable: boolean; errors: Diagnostic[]; doc?: JsonDocument; text?: { file: string; text: string } };

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

export function scheduleFromDoc(doc: JsonDocument): Loaded<Schedule> {
  const dupes = duplicateKeys(doc, "schedule/duplicate-key");
  const result = validateSchedule(doc.value, doc.file);
  if (!result.ok || dupes.length > 0) {
    const errors = byPosition(locateAll(doc, [...dupes, ...(result.ok ? [] : result.errors)]));
    return { ok: false, unreadable: false, errors, doc };
  }
  return { ok: true, value: result.value, doc, warnings: locateAll(doc, result.warnings) };
}

export async function loadSchedule(spec: string, stdin?: NodeJS.ReadableStream): Promise<Loaded<Schedule>> {
  const json = await loadJson(spec, stdin);
  if (!json.ok) return { ok: false, unreadable: true, errors: json.errors, ...(json.text !== undefined && json.file ? { text: { file: json.file, text: json.text } } : {}) };
  return scheduleFromDoc(json.doc);
}

export function overlayFromDoc(doc: JsonDocument): Loaded<Overlay> {
  const dupes = duplicateKeys(doc, "overlay/duplicate-key");
  const result = validateOverlay(doc.value, doc.file);
  if (!result.ok || dupes.length > 0) {
    return { ok: false, unreadable: false, errors: byPosition(locateAll(doc, [...dupes, ...(result.ok ? [] : result.errors)])), doc };
  }
  return { ok: true, value: result.value, doc, warnings: [] };
}

export async function loadOverlay(spec: string, stdin?: NodeJS.ReadableStream): Promise<Loaded<Overlay>> {
  const json = await loadJson(spec, stdin);
  if (!json.ok) return { ok: false, unreadable: true, errors: json.errors, ...(json.text !== undefined && json.file ? { text: { file: json.file, text: json.text } } : {}) };
  return overlayFromDoc(json.doc);
}
