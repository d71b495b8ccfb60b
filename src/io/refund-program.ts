/**
 * The refund program shipped with tariff (`refunds/ieepa.json`, beside the
 * package's code like the presets): read and checked (core/refund/program.ts).
 */
import { fileURLToPath } from "node:url";
import type { Diagnostic } from "../core/diagnostics.js";
import { type RefundProgram, refundProgramOf } from "../core/refund/program.js";
import { locateAll, parseJson } from "./json.js";
import { readText } from "./read.js";

/** The shipped program's file. */
export function refundProgramFile(name = "ieepa"): string {
  return fileURLToPath(new URL(`../../refunds/${name}.json`, import.meta.url));
}

export async function loadRefundProgram(file = refundProgramFile(), label = "refunds/ieepa.json"): Promise<{ ok: true; program: RefundProgram } | { ok: false; errors: Diagnostic[]; text?: string }> {
  const read = await readText(file);
  if (!read.ok) return { ok: false, errors: [{ ...read.error, at: { ...read.error.at, file: label } }] };
  const parsed = parseJson(read.text, label);
  if (!parsed.ok) return { ok: false, errors: parsed.errors, text: read.text };
  const checked = refundProgramOf(parsed.doc.value, label);
  if (!checked.ok) return { ok: false, errors: locateAll(parsed.doc, checked.errors), text: read.text };
  return checked;
}
