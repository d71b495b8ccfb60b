/** Loading a schedule for a command that needs a valid one: problems are rendered and the command exits 2. */
import type { Schedule } from "../../core/schedule/model.js";
import { loadSchedule } from "../../io/schedule-source.js";
import { colorFor, type Context } from "../context.js";
import { renderDiagnostic, sourceLinesFrom } from "../render/diagnostics.js";

export async function loadScheduleOrReport(ctx: Context, spec: string): Promise<Schedule | undefined> {
  const loaded = await loadSchedule(spec, ctx.stdin);
  if (loaded.ok) return loaded.value;
  const color = colorFor(ctx.stderr, ctx.env);
  const texts = new Map<string, string>();
  if (loaded.doc) texts.set(loaded.doc.file, loaded.doc.text);
  if (loaded.text) texts.set(loaded.text.file, loaded.text.text);
  const lines = sourceLinesFrom(texts);
  for (const d of loaded.errors) ctx.stderr.write(renderDiagnostic(d, color, lines));
  const label = loaded.doc?.file ?? spec;
  ctx.stderr.write(loaded.unreadable ? `tariff: cannot use schedule ${label}\n` : `tariff: schedule ${label} is invalid (${loaded.errors.length} error${loaded.errors.length === 1 ? "" : "s"}); run "tariff validate ${spec}"\n`);
  return undefined;
}

/** A schedule with overlays applied in order (overlays arrive with `compare`). */
export async function loadScenarioSchedule(ctx: Context, spec: string, overlays: string[]): Promise<Schedule | undefined> {
  if (overlays.length > 0) {
    ctx.stderr.write("tariff: --overlay is not supported yet\n");
    return undefined;
  }
  return loadScheduleOrReport(ctx, spec);
}
