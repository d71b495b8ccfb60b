import { type Diagnostic, error } from "../../core/diagnostics.js";
import type { JsonDocument } from "../../io/json.js";

// Temporary until overlays land (issue 5).
export function validateOverlayDoc(doc: JsonDocument): { ok: true; summary: string; warnings: Diagnostic[] } | { ok: false; errors: Diagnostic[]; warnings: Diagnostic[] } {
  return { ok: false, errors: [error("overlay/unsupported", "overlays are not supported yet", { file: doc.file, path: ["format"], line: 1, column: 1 })], warnings: [] };
}
