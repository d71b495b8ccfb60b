/** `tariff validate FILE…`: check schedules (and overlays) and say exactly what is wrong where. */
import type { Command } from "commander";
import type { Diagnostic } from "../../core/diagnostics.js";
import { OVERLAY_FORMAT } from "../../core/schedule/format.js";
import { loadJson, scheduleFromDoc } from "../../io/schedule-source.js";
import { colorFor, type Context } from "../context.js";
import { EXIT, type ExitCode } from "../exit-codes.js";
import { emit } from "../output.js";
import { diagnosticJson, renderDiagnostic, sourceLinesFrom } from "../render/diagnostics.js";
import { validateOverlayDoc } from "./overlay-support.js";

interface FileReport {
  file: string;
  kind: "schedule" | "overlay" | "unknown";
  valid: boolean;
  readable: boolean;
  summary?: string;
  errors: Diagnostic[];
  warnings: Diagnostic[];
}

export function registerValidate(program: Command, ctx: Context, done: (code: ExitCode) => void): void {
  program
    .command("validate")
    .summary("check schedule and overlay files")
    .description("Check schedule and overlay files. Silent and exit 0 when all are valid; every error with its file, line and column otherwise.")
    .argument("<files...>", 'schedule or overlay JSON files ("-" for stdin, "default" for the embedded schedule)')
    .option("-f, --format <format>", "table (human, on stderr) or json (diagnostics as objects on stdout)", "table")
    .option("-v, --verbose", "print a one-line summary per valid file")
    .addHelpText(
      "after",
      `
Examples:
  $ tariff validate my-schedule.json
  $ tariff validate default fixtures/overlays/*.json --verbose
  $ tariff validate broken.json --format json | jq '.files[0].errors'

Exit codes: 0 all valid; 1 some file invalid; 2 a file could not be read or is not JSON.`,
    )
    .action(async (files: string[], opts: { format: string; verbose?: boolean }) => {
      if (opts.format !== "table" && opts.format !== "json") {
        ctx.stderr.write(`tariff validate: --format must be table or json, got "${opts.format}"\n`);
        return done(EXIT.TROUBLE);
      }
      const reports: FileReport[] = [];
      const texts = new Map<string, string>();
      for (const file of files) {
        const json = await loadJson(file, ctx.stdin);
        if (!json.ok) {
          if (json.text !== undefined && json.file) texts.set(json.file, json.text);
          reports.push({ file, kind: "unknown", valid: false, readable: false, errors: json.errors, warnings: [] });
          continue;
        }
        texts.set(json.doc.file, json.doc.text);
        const format = (json.doc.value as Record<string, unknown> | null)?.["format"];
        if (format === OVERLAY_FORMAT) {
          const r = validateOverlayDoc(json.doc);
          reports.push({ file: json.doc.file, kind: "overlay", valid: r.ok, readable: true, errors: r.ok ? [] : r.errors, warnings: r.warnings, ...(r.ok ? { summary: r.summary } : {}) });
          continue;
        }
        const loaded = scheduleFromDoc(json.doc);
        if (loaded.ok) {
          const s = loaded.value;
          reports.push({ file: json.doc.file, kind: "schedule", valid: true, readable: true, errors: [], warnings: loaded.warnings, summary: `schedule ${s.id} ${s.version}: ${s.sectors.length} sectors, ${s.measures.length} measures, ${s.measures.reduce((n, m) => n + m.periods.length, 0)} periods` });
        } else {
          reports.push({ file: json.doc.file, kind: "schedule", valid: false, readable: true, errors: loaded.errors, warnings: [] });
        }
      }
      const code = reports.some((r) => !r.readable) ? EXIT.TROUBLE : reports.some((r) => !r.valid) ? EXIT.FINDINGS : EXIT.OK;
      if (opts.format === "json") {
        const body = {
          valid: reports.every((r) => r.valid),
          files: reports.map((r) => ({ file: r.file, kind: r.kind, valid: r.valid, errors: r.errors.map(diagnosticJson), warnings: r.warnings.map(diagnosticJson) })),
        };
        await emit(ctx, undefined, JSON.stringify(body, null, 2) + "\n");
      } else {
        const color = colorFor(ctx.stderr, ctx.env);
        const lines = sourceLinesFrom(texts);
        for (const r of reports) {
          for (const d of [...r.errors, ...r.warnings]) ctx.stderr.write(renderDiagnostic(d, color, lines));
          if (r.errors.length > 0) ctx.stderr.write(`${r.file}: ${r.errors.length} error${r.errors.length === 1 ? "" : "s"}\n`);
          else if (opts.verbose && r.summary) ctx.stderr.write(`${r.file}: valid ${r.summary}\n`);
        }
      }
      done(code);
    });
}
