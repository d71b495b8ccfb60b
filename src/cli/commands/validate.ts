/** `tariff validate FILE…`: check schedules (and overlays) and say exactly what is wrong where. */
import type { Command } from "commander";
import { type Diagnostic, error } from "../../core/diagnostics.js";
import { OVERLAY_FORMAT } from "../../core/schedule/versions.js";
import { loadJson } from "../../io/schedule-source.js";
import { colorFor, type Context } from "../context.js";
import { EXIT, type ExitCode } from "../exit-codes.js";
import { emit } from "../output.js";
import { diagnosticJson, renderDiagnostic, sourceLinesFrom } from "../render/diagnostics.js";
import { errorCount } from "./common.js";
import type { Schedule } from "../../core/schedule/model.js";
import { locateAll, byPosition } from "../../io/json.js";
import { loadSchedule } from "../../io/schedule-source.js";

/** The `format` of validate's JSON (README). */
export const VALIDATE_JSON_FORMAT = "tariff-validate/1";

interface FileReport {
  file: string;
  kind: "schedule" | "overlay" | "unknown";
  valid: boolean;
  readable: boolean;
  summary?: string;
  errors: Diagnostic[];
  /** Errors found, when more than `errors` lists (the validator keeps the first MAX_ERRORS). */
  total?: number;
  warnings: Diagnostic[];
}

export function registerValidate(program: Command, ctx: Context, done: (code: ExitCode) => void): void {
  program
    .command("validate")
    .summary("check schedule and overlay files")
    .description("Check schedule and overlay files. Silent and exit 0 when all are valid; every error with its file, line and column otherwise.")
    .argument("<files...>", 'schedule or overlay JSON files ("-" for stdin, "default" for the embedded schedule)')
    .option("-f, --format <format>", "output: table (human, on stderr) or json (diagnostics as objects on stdout)", "table")
    .option("-v, --verbose", "print a one-line summary per valid file")
    .option("-s, --schedule <file>", "the schedule overlays are checked against (their measure and sector ids, and the result)", "default")
    .addHelpText(
      "after",
      `
Examples:
  $ tariff validate fixtures/schedules/minimal.json
  $ tariff validate default fixtures/overlays/*.json --verbose
  $ tariff validate fixtures/overlays/invalid/unknown-measure.json   # exit 1: "us-232-stel", did you mean "us-232-steel"?
  $ tariff validate fixtures/overlays/invalid/list-on-format-1.json --schedule fixtures/schedules/minimal.json   # exit 1
  $ tariff validate fixtures/errors/schedule-unknown-key.json --format json   # exit 1

Exit codes: 0 all valid; 1 some file invalid; 2 a file could not be read or is not JSON.`,
    )
    .action(async (files: string[], opts: { format: string; verbose?: boolean; schedule: string }) => {
      if (opts.format !== "table" && opts.format !== "json") {
        ctx.stderr.write(`tariff validate: --format must be table or json, got "${opts.format}"\n`);
        return done(EXIT.TROUBLE);
      }
      // The validator (zod) is loaded here, not at start-up: other commands do not need it for the embedded schedule.
      const { scheduleFromDoc, overlayFromDoc } = await import("../../io/schedule-check.js");
      const { scheduleWithOverlays } = await import("../../core/schedule/overlay.js");
      const reports: FileReport[] = [];
      let base: Schedule | null | undefined;
      const texts = new Map<string, string>();
      for (const file of files) {
        const json = await loadJson(file, ctx.stdin);
        if (!json.ok) {
          if (json.text !== undefined && json.file) texts.set(json.file, json.text);
          reports.push({ file: json.file ?? (file === "-" ? "<stdin>" : file), kind: "unknown", valid: false, readable: false, errors: json.errors, warnings: [] });
          continue;
        }
        texts.set(json.doc.file, json.doc.text);
        const format = (json.doc.value as Record<string, unknown> | null)?.["format"];
        if (format === OVERLAY_FORMAT) {
          const loaded = overlayFromDoc(json.doc);
          if (!loaded.ok) {
            reports.push({ file: json.doc.file, kind: "overlay", valid: false, readable: true, errors: loaded.errors, warnings: [] });
            continue;
          }
          base ??= await loadSchedule(opts.schedule, ctx.stdin).then((l) => (l.ok ? l.value : null));
          if (!base) {
            reports.push({ file: json.doc.file, kind: "overlay", valid: false, readable: false, errors: [error("overlay/no-schedule", `cannot check the overlay: schedule ${opts.schedule} is not usable (run tariff validate ${opts.schedule})`, { file: json.doc.file })], warnings: [] });
            continue;
          }
          const applied = scheduleWithOverlays(base, [loaded.value], `${opts.schedule} + ${json.doc.file}`);
          if (applied.ok) {
            reports.push({ file: json.doc.file, kind: "overlay", valid: true, readable: true, errors: [], warnings: [], summary: `overlay "${loaded.value.title}": ${loaded.value.changes.length} change${loaded.value.changes.length === 1 ? "" : "s"}, applies cleanly to ${base.id} ${base.version}` });
          } else {
            reports.push({ file: json.doc.file, kind: "overlay", valid: false, readable: true, errors: byPosition(locateAll(json.doc, applied.errors)), warnings: [], ...(applied.total !== undefined ? { total: applied.total } : {}) });
          }
          continue;
        }
        const loaded = scheduleFromDoc(json.doc);
        if (loaded.ok) {
          const s = loaded.value;
          reports.push({ file: json.doc.file, kind: "schedule", valid: true, readable: true, errors: [], warnings: loaded.warnings, summary: `schedule ${s.id} ${s.version}: ${s.sectors.length} sectors, ${s.measures.length} measures, ${s.measures.reduce((n, m) => n + m.periods.length, 0)} periods` });
        } else {
          reports.push({ file: json.doc.file, kind: "schedule", valid: false, readable: true, errors: loaded.errors, warnings: [], ...(loaded.total !== undefined ? { total: loaded.total } : {}) });
        }
      }
      const code = reports.some((r) => !r.readable) ? EXIT.TROUBLE : reports.some((r) => !r.valid) ? EXIT.FINDINGS : EXIT.OK;
      if (opts.format === "json") {
        const body = {
          format: VALIDATE_JSON_FORMAT,
          valid: reports.every((r) => r.valid),
          // errorCount is exact; errors lists at most the first MAX_ERRORS of them.
          files: reports.map((r) => ({ file: r.file, kind: r.kind, valid: r.valid, errorCount: r.total ?? r.errors.length, errors: r.errors.map(diagnosticJson), warnings: r.warnings.map(diagnosticJson) })),
        };
        await emit(ctx, undefined, JSON.stringify(body, null, 2) + "\n");
      } else {
        const color = colorFor(ctx, ctx.stderr);
        const lines = sourceLinesFrom(texts);
        for (const r of reports) {
          for (const d of [...r.errors, ...r.warnings]) ctx.stderr.write(renderDiagnostic(d, color, lines));
          if (r.errors.length > 0) ctx.stderr.write(`${r.file}: ${errorCount(r.total ?? r.errors.length, r.errors.length)}\n`);
          else if (opts.verbose && r.summary) ctx.stderr.write(`${r.file}: valid ${r.summary}\n`);
        }
      }
      done(code);
    });
}
