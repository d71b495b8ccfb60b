/**
 * The shell's entry: builds the command line, runs one command, and alone
 * decides the exit code. User errors were rendered by the command; anything
 * thrown here is a bug and is reported as one (no stack unless TARIFF_DEBUG).
 */
import { version } from "./version.js";
import { Command, CommanderError } from "commander";
import { registerCalc } from "./commands/calc.js";
import { registerCompare } from "./commands/compare.js";
import { registerDiff } from "./commands/diff.js";
import { registerRates } from "./commands/rates.js";
import { registerReconcile } from "./commands/reconcile.js";
import { registerRefund } from "./commands/refund.js";
import { registerSchedule } from "./commands/schedule.js";
import { registerValidate } from "./commands/validate.js";
import { type Context, localToday } from "./context.js";
import { EXIT, type ExitCode } from "./exit-codes.js";

export { version } from "./version.js";

/** `--color` and `--no-color` (neither given: undefined, the environment decides; see context.ts). */
function colorOptions(command: Command): void {
  command.option("--color", "colour even when not on a terminal (NO_COLOR still wins)");
  command.option("--no-color", "no colour");
}

export function defaultContext(): Context {
  return { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env, today: localToday() };
}

export async function main(argv: string[], ctx: Context = defaultContext()): Promise<number> {
  let exitCode: ExitCode = EXIT.OK;
  const done = (code: ExitCode) => {
    exitCode = code;
  };
  const program = new Command("tariff")
    .description("Tariff impact calculator for US–Canada trade: what a shipment file owes under the rules of any date, and under what-ifs.")
    .version(version(), "-V, --version", "print the version")
    .helpOption("-h, --help", "show help")
    .showHelpAfterError("(run with --help for usage)")
    .exitOverride()
    .configureOutput({
      writeOut: (s) => ctx.stdout.write(s),
      writeErr: (s) => ctx.stderr.write(s),
    })
    .addHelpText(
      "after",
      `
Examples:
  $ tariff calc fixtures/shipments/sample.csv --by measure
  $ tariff calc shipments.csv --format json -o duties.json
  $ tariff compare shipments.csv --overlay fixtures/overlays/metals-232-at-25.json
  $ tariff rates --at 2025-09-15 --importer US
  $ tariff validate my-schedule.json
  $ tariff diff default my-schedule.json
  $ tariff schedule export -o my-schedule.json

Exit codes: 0 success; 1 findings (rejected lines, invalid schedule, changes); 2 usage error or unreadable input.
Colour only on a terminal: --no-color (or NO_COLOR, FORCE_COLOR=0) turns it off, --color
(or FORCE_COLOR=1) on in a pipe; NO_COLOR always wins. Tables fit the terminal's width (COLUMNS).
Docs: README.md.`,
    );
  program.configureHelp({ sortSubcommands: false });

  registerCalc(program, ctx, done);
  registerCompare(program, ctx, done);
  registerValidate(program, ctx, done);
  registerRates(program, ctx, done);
  registerDiff(program, ctx, done);
  registerReconcile(program, ctx, done);
  registerRefund(program, ctx, done);
  registerSchedule(program, ctx, done);

  colorOptions(program);
  for (const command of program.commands) {
    command.exitOverride();
    command.configureOutput({ writeOut: (s) => ctx.stdout.write(s), writeErr: (s) => ctx.stderr.write(s) });
    if (command.commands.length === 0) colorOptions(command);
    for (const sub of command.commands) {
      sub.exitOverride();
      sub.configureOutput({ writeOut: (s) => ctx.stdout.write(s), writeErr: (s) => ctx.stderr.write(s) });
      colorOptions(sub);
    }
  }
  // --color/--no-color, given to the command or before it, for everything it prints (stdout and stderr).
  program.hook("preAction", (_program, action) => {
    const flag = (action.opts()["color"] ?? program.opts()["color"]) as boolean | undefined;
    if (flag !== undefined) ctx.colorFlag = flag;
  });

  try {
    if (argv.length === 0) {
      ctx.stderr.write(program.helpInformation());
      return EXIT.TROUBLE;
    }
    await program.parseAsync(argv, { from: "user" });
    return exitCode;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === "commander.helpDisplayed" || e.code === "commander.version" || e.code === "commander.help") return EXIT.OK;
      return EXIT.TROUBLE;
    }
    const err = e as NodeJS.ErrnoException;
    if (err && err.code === "EPIPE") return EXIT.OK;
    if (err && typeof err.code === "string" && /^E[A-Z]+$/.test(err.code)) {
      ctx.stderr.write(`tariff: ${err.message}\n`);
      return EXIT.TROUBLE;
    }
    ctx.stderr.write(`tariff: internal error: ${err?.message ?? String(e)}\nThis is a bug in tariff; please report it with the command you ran.\n`);
    if (ctx.env["TARIFF_DEBUG"]) ctx.stderr.write(`${err?.stack ?? ""}\n`);
    return EXIT.TROUBLE;
  }
}
