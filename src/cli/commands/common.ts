/** Loading a schedule for a command that needs a valid one: problems are rendered and the command exits 2. */
import type { Schedule } from "../../core/schedule/model.js";
import type { Diagnostic } from "../../core/diagnostics.js";
import type { FxTable } from "../../core/duty/fx.js";
import { loadFx } from "../../io/fx.js";
import type { Overlay } from "../../core/schedule/overlay.js";
import type { JsonDocument } from "../../io/json.js";
import { byPosition, locateAll } from "../../io/json.js";
import { loadSchedule } from "../../io/schedule-source.js";
import { colorFor, type Context } from "../context.js";
import { renderDiagnostic, sourceLinesFrom } from "../render/diagnostics.js";
import type { OverlayInfo } from "../render/report-header.js";

export async function loadScheduleOrReport(ctx: Context, spec: string): Promise<Schedule | undefined> {
  const loaded = await loadSchedule(spec, ctx.stdin);
  if (loaded.ok) return loaded.value;
  const color = colorFor(ctx, ctx.stderr);
  const texts = new Map<string, string>();
  if (loaded.doc) texts.set(loaded.doc.file, loaded.doc.text);
  if (loaded.text) texts.set(loaded.text.file, loaded.text.text);
  const lines = sourceLinesFrom(texts);
  for (const d of loaded.errors) {
    ctx.onDiagnostic?.(d);
    ctx.stderr.write(renderDiagnostic(d, color, lines));
  }
  const label = loaded.doc?.file ?? spec;
  const total = loaded.total ?? loaded.errors.length;
  const notASchedule = loaded.errors.some((d) => d.code === "schedule/unknown-format" || d.code === "schedule/missing-format");
  ctx.stderr.write(
    loaded.unreadable || notASchedule
      ? `tariff: cannot use ${label} as a schedule\n`
      : `tariff: schedule ${label} is invalid (${errorCount(total, loaded.errors.length)}); run "tariff validate ${spec}"\n`,
  );
  return undefined;
}

/** "1 error", "12 errors", or when the list was capped "100000 errors, the first 200 shown". */
export function errorCount(total: number, shown: number): string {
  return `${total} error${total === 1 ? "" : "s"}${total > shown ? `, the first ${shown} shown` : ""}`;
}

/** Renders diagnostics, locating those that point into the given documents. */
export function reportDiagnostics(ctx: Context, diagnostics: Diagnostic[], docs: JsonDocument[], extraTexts: { file: string; text: string }[] = []): void {
  let located = diagnostics;
  for (const doc of docs) located = locateAll(doc, located);
  const texts = new Map<string, string>();
  for (const d of docs) texts.set(d.file, d.text);
  for (const t of extraTexts) texts.set(t.file, t.text);
  const color = colorFor(ctx, ctx.stderr);
  const lines = sourceLinesFrom(texts);
  for (const d of byPosition(located)) {
    ctx.onDiagnostic?.(d);
    ctx.stderr.write(renderDiagnostic(d, color, lines));
  }
}

/** Loads overlay files; reports every problem and returns undefined if any. */
export async function loadOverlaysOrReport(ctx: Context, specs: string[]): Promise<{ overlays: Overlay[]; docs: JsonDocument[] } | undefined> {
  const overlays: Overlay[] = [];
  const docs: JsonDocument[] = [];
  let failed = false;
  const { loadOverlay } = await import("../../io/schedule-check.js");
  for (const spec of specs) {
    const loaded = await loadOverlay(spec, ctx.stdin);
    if (loaded.ok) {
      overlays.push(loaded.value);
      docs.push(loaded.doc);
    } else {
      failed = true;
      reportDiagnostics(ctx, loaded.errors, loaded.doc ? [loaded.doc] : [], loaded.text ? [loaded.text] : []);
      ctx.stderr.write(loaded.unreadable ? `tariff: cannot use overlay ${spec}\n` : `tariff: overlay ${spec} is invalid\n`);
    }
  }
  return failed ? undefined : { overlays, docs };
}

/** A schedule with overlays applied in order, validated; problems are reported and give undefined. */
export async function loadScenarioSchedule(ctx: Context, spec: string, overlaySpecs: string[]): Promise<Schedule | undefined> {
  return (await loadScenario(ctx, spec, overlaySpecs))?.schedule;
}

/** A scenario: the schedule with its overlays applied, and the overlays' files and titles (every report names them). */
export async function loadScenario(ctx: Context, spec: string, overlaySpecs: string[]): Promise<{ schedule: Schedule; overlays: OverlayInfo[] } | undefined> {
  const base = await loadScheduleOrReport(ctx, spec);
  if (!base) return undefined;
  if (overlaySpecs.length === 0) return { schedule: base, overlays: [] };
  const loaded = await loadOverlaysOrReport(ctx, overlaySpecs);
  if (!loaded) return undefined;
  const label = [spec, ...overlaySpecs].join(" + ");
  const { scheduleWithOverlays } = await import("../../core/schedule/overlay.js");
  const result = scheduleWithOverlays(base, loaded.overlays, label);
  if (result.ok) return { schedule: result.value, overlays: loaded.overlays.map((o, i) => ({ file: overlaySpecs[i]!, title: o.title })) };
  reportDiagnostics(ctx, result.errors, loaded.docs);
  ctx.stderr.write(`tariff: the overlays cannot be applied to schedule ${spec}\n`);
  return undefined;
}

/** The `--fx` file, or undefined when none is given; problems are reported and give false. */
export async function loadFxOrReport(ctx: Context, file: string | undefined): Promise<FxTable | undefined | false> {
  if (file === undefined) return undefined;
  const fx = await loadFx(file);
  if (fx.ok) return fx.table;
  reportDiagnostics(ctx, fx.errors, [], fx.text !== undefined ? [{ file, text: fx.text }] : []);
  ctx.stderr.write(`tariff: cannot use fx file ${file}\n`);
  return false;
}
