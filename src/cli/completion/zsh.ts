/**
 * The zsh completion script, made from the completion model (model.ts):
 * one `_arguments` function per command, subcommands through `->state`, as
 * zsh's own completion functions do. Works autoloaded from a folder of
 * `$fpath` (as the file `_tariff`) or sourced after `compinit`.
 */
import { allCommands, type CommandSpec, type OptionSpec, type Values } from "./model.js";

/** A string as a single-quoted zsh word. */
function q(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/** Text inside an `_arguments` description `[…]`. */
function bracketed(text: string): string {
  return text.replace(/\\/g, "\\\\").replace(/\[/g, "\\[").replace(/\]/g, "\\]");
}

/** Text of an `_arguments` message (between colons). */
function message(text: string): string {
  return text.replace(/\\/g, "\\\\").replace(/:/g, "\\:");
}

function functionName(path: readonly string[]): string {
  return ["_tariff", ...path.map((p) => p.replace(/[^A-Za-z0-9]/g, "_"))].join("_");
}

/** One function per distinct set of values: `_tariff_values_1` … */
class ValueFunctions {
  private readonly byKey = new Map<string, string>();
  readonly definitions: string[] = [];

  name(values: Values, what: string): string {
    const key = JSON.stringify([values.words, values.files, what]);
    let name = this.byKey.get(key);
    if (name === undefined) {
      name = `_tariff_values_${this.byKey.size + 1}`;
      this.byKey.set(key, name);
      const body: string[] = ["  local ret=1"];
      if (values.words.length > 0) {
        body.push(`  local -a values; values=(${values.words.map(q).join(" ")})`);
        body.push(`  _wanted values expl ${q(what)} compadd -a values && ret=0`);
      }
      if (values.files) body.push("  _files && ret=0");
      body.push("  return ret");
      this.definitions.push(`${name}() {\n${body.join("\n")}\n}`);
    }
    return name;
  }
}

function optionSpecs(option: OptionSpec, values: ValueFunctions): string[] {
  return option.flags.map((flag) => {
    const head = option.repeatable ? "*" : option.excludes.length > 0 ? `(${option.excludes.join(" ")})` : "";
    const takes = option.placeholder === undefined ? "" : flag.startsWith("--") ? "=" : "+";
    let spec = `${head}${flag}${takes}[${bracketed(option.description)}]`;
    if (option.placeholder !== undefined) {
      spec += `:${message(option.placeholder)}:${option.values && (option.values.words.length > 0 || option.values.files) ? values.name(option.values, option.placeholder) : " "}`;
    }
    return q(spec);
  });
}

function commandFunction(command: CommandSpec, values: ValueFunctions): string {
  const name = functionName(command.path);
  const specs = command.options.flatMap((o) => optionSpecs(o, values));
  if (command.commands.length > 0) {
    const list = command.commands.map((c) => q(`${c.name.replace(/:/g, "\\:")}:${c.summary}`));
    const cases = command.commands.map((c) => `        (${c.name}) ${functionName(c.path)} && ret=0 ;;`);
    return `${name}() {
  local curcontext=$curcontext state state_descr line ret=1
  typeset -A opt_args
  _arguments -C -S \\
${[...specs, q("1: :->command"), q("*:: :->argument")].map((s) => `    ${s}`).join(" \\\n")} && ret=0
  case $state in
    (command)
      local -a commands
      commands=(
${list.map((l) => `        ${l}`).join("\n")}
      )
      _describe -t commands ${q(`${["tariff", ...command.path].join(" ")} command`)} commands && ret=0
      ;;
    (argument)
      curcontext=\${curcontext%:*:*}:${["tariff", ...command.path].join("-")}-$words[1]:
      case $words[1] in
${cases.join("\n")}
      esac
      ;;
  esac
  return ret
}`;
  }
  const operands = command.args.map((a, i) => {
    const position = a.variadic ? "*" : `${i + 1}${a.required ? "" : ":"}`;
    const action = a.values && (a.values.words.length > 0 || a.values.files) ? values.name(a.values, a.name) : " ";
    return q(`${position}:${message(a.description || a.name)}:${action}`);
  });
  return `${name}() {
  _arguments -S \\
${[...specs, ...operands].map((s) => `    ${s}`).join(" \\\n")}
}`;
}

export function zshScript(root: CommandSpec, made: string): string {
  const values = new ValueFunctions();
  const functions = allCommands(root).map((c) => commandFunction(c, values));
  return `#compdef tariff
# zsh completion for tariff: commands, options and their values. ${made}
# Install (README, "Shell completion"): save it as _tariff in a folder of $fpath, before compinit runs,
#   tariff completion zsh > ~/.zfunc/_tariff   (and in ~/.zshrc: fpath=(~/.zfunc $fpath); autoload -U compinit; compinit)
# or load it from ~/.zshrc, after compinit:  source <(tariff completion zsh)

${functions.join("\n\n")}

${values.definitions.join("\n\n")}

# Autoloaded as _tariff, this file is the function's body: run it. Sourced: register it.
if [[ $funcstack[1] == _tariff ]]; then
  _tariff "$@"
else
  compdef _tariff tariff
fi
`;
}
