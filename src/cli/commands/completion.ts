/** `tariff completion bash|zsh`: the shell completion script, made from the program's own definition. */
import { Argument, type Command } from "commander";
import { DEFAULT_SCHEDULE, loadSchedule } from "../../io/schedule-source.js";
import { bashScript } from "../completion/bash.js";
import { completionModel } from "../completion/model.js";
import { zshScript } from "../completion/zsh.js";
import type { Context } from "../context.js";
import { EXIT, type ExitCode } from "../exit-codes.js";
import { emit } from "../output.js";
import { version } from "../version.js";

export const SHELLS = ["bash", "zsh"] as const;

export function registerCompletion(program: Command, ctx: Context, done: (code: ExitCode) => void): void {
  program
    .command("completion")
    .summary("print the shell completion script (bash or zsh)")
    .description(
      "Print a script that completes tariff's commands and options in bash or zsh, the values of the options that take one of a list (formats, --by, --preset, --date-format, --encoding, --delimiter, --thousands, --importer, the sectors of the embedded schedule), and file names where an option takes a file. README.md, \"Shell completion\", says how to install it.",
    )
    .addArgument(new Argument("<shell>", SHELLS.join(" or ")).choices(SHELLS))
    .addHelpText("after", `
Examples:
  $ tariff completion bash > /tmp/tariff.bash
  $ tariff completion zsh > /tmp/_tariff

Install for bash: tariff completion bash > ~/.local/share/bash-completion/completions/tariff
  (or add 'source <(tariff completion bash)' to ~/.bashrc).
Install for zsh: tariff completion zsh > ~/.zfunc/_tariff, with fpath=(~/.zfunc $fpath) before
  compinit in ~/.zshrc (or add 'source <(tariff completion zsh)' after compinit).
A new shell then completes "tariff ca<Tab>" to "tariff calc".

Exit codes: 0 printed; 2 a shell other than bash or zsh.`)
    .action(async (shell: (typeof SHELLS)[number]) => {
      // Sector ids are data: offered from the embedded schedule (another schedule may have others; any id can be typed).
      const loaded = await loadSchedule(DEFAULT_SCHEDULE);
      const sectors = loaded.ok ? loaded.value.sectors.map((s) => s.id) : [];
      const measures = loaded.ok ? loaded.value.measures.map((m) => m.id) : [];
      const model = completionModel(program, { sectors, measures });
      const made = `Made by tariff ${version()} (tariff completion ${shell}) from its own definition.`;
      await emit(ctx, undefined, shell === "bash" ? bashScript(model, made) : zshScript(model, made));
      done(EXIT.OK);
    });
}
