/**
 * Validating schedules and overlays read by `schedule-source.ts`: diagnostics
 * with their lines and columns, in file order. Loads zod, so it is imported
 * only when a file needs checking.
 */
import { type Overlay, validateOverlay } from "../core/schedule/overlay.js";
import { MAX_ERRORS, validateSchedule } from "../core/schedule/validate.js";
import type { Schedule } from "../core/schedule/model.js";
import { type JsonDocument, byPosition, duplicateKeys, locateAll } from "./json.js";
import { type Loaded, loadJson } from "./schedule-source.js";

export function scheduleFromDoc(doc: JsonDocument): Loaded<Schedule> {
  const dupes = duplicateKeys(doc, "schedule/duplicate-key");
  const result = validateSchedule(doc.value, doc.file);
  if (!result.ok || dupes.length > 0) {
    // The validator keeps its first MAX_ERRORS; keys given twice come first, and the count stays exact.
    const found = result.ok ? [] : result.errors;
    const total = dupes.length + (result.ok ? 0 : (result.total ?? found.length));
    const errors = byPosition(locateAll(doc, [...dupes.slice(0, MAX_ERRORS), ...found.slice(0, Math.max(0, MAX_ERRORS - dupes.length))]));
    return { ok: false, unreadable: false, errors, doc, ...(total > errors.length ? { total } : {}) };
  }
  return { ok: true, value: result.value, doc, warnings: locateAll(doc, result.warnings) };
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
