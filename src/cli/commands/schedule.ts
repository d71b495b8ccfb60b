/** `tariff schedule export|schema`: the embedded default schedule, and the JSON Schema of the format. */
import type { Command } from "commander";
import { defaultScheduleText } from "../../io/schedule-source.js";
import type { Context } from "../context.js";
import { EXIT, type ExitCode } from "../exit-codes.js";
import { emit, outputProblem } from "../output.js";

export function registerSchedule(program: Command, ctx: Context, done: (code: ExitCode) => void): void {
  const schedule = program
    .command("schedule")
    .summary("export the embedded default schedule, or the schedule format's JSON Schema")
    .description("Work with schedule files: export the embedded default schedule as a start for your own, or print the JSON Schema of the format for your editor.")
    .addHelpText("after", `
Examples:
  $ tariff schedule export -o /tmp/my-schedule.json
  $ tariff schedule schema -o /tmp/tariff-schedule.schema.json`);

  schedule
    .command("export")
    .description("Write the embedded default schedule (JSON) to stdout or a file.")
    .option("-o, --out <file>", "write to FILE (atomically) instead of stdout")
    .addHelpText("after", `
Examples:
  $ tariff schedule export -o /tmp/my-schedule.json && tariff validate /tmp/my-schedule.json
  $ tariff schedule export | tariff diff default -`)
    .action(async (opts: { out?: string }) => {
      const problem = await outputProblem(ctx, [{ what: "-o", file: opts.out }], []);
      if (problem !== undefined) {
        ctx.stderr.write(`tariff schedule export: ${problem}\n`);
        return done(EXIT.TROUBLE);
      }
      await emit(ctx, opts.out, defaultScheduleText());
      done(EXIT.OK);
    });

  schedule
    .command("schema")
    .description("Print the JSON Schema of the schedule format, generated from the validator's own schemas.")
    .option("-o, --out <file>", "write to FILE (atomically) instead of stdout")
    .addHelpText("after", `
Examples:
  $ tariff schedule schema -o /tmp/tariff-schedule.schema.json
Then add "$schema": "./tariff-schedule.schema.json" to your schedule (beside it) for completion in your editor.`)
    .action(async (opts: { out?: string }) => {
      const problem = await outputProblem(ctx, [{ what: "-o", file: opts.out }], []);
      if (problem !== undefined) {
        ctx.stderr.write(`tariff schedule schema: ${problem}\n`);
        return done(EXIT.TROUBLE);
      }
      const { scheduleJsonSchema } = await import("../../core/schedule/format.js");
      await emit(ctx, opts.out, JSON.stringify(scheduleJsonSchema(), null, 2) + "\n");
      done(EXIT.OK);
    });
}
