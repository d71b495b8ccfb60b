/**
 * What a shell can complete, read off the program's own commander definition
 * (commands, options, operands), so that `tariff completion bash|zsh` cannot
 * offer a command or an option the program lacks, nor miss a new one.
 *
 * The values of an enumerated option come, in this order, from commander's
 * `.choices()` when the option has them; else from the constant its parser
 * checks against (`VALUES` below, keyed by the option's name: one concept, one
 * name across commands); `--format`, whose list differs by command, from the
 * list its help gives after "output:" (each command builds that text from the
 * constant it checks); a `--schedule` from io's DEFAULT_SCHEDULE and file
 * names. tests/e2e/completion.test.ts holds every list against
 * the parser: each value is accepted, and the message for a wrong value lists
 * the same values.
 */
import type { Argument, Command, Option } from "commander";
import { DATE_FORMATS } from "../../core/duty/mapping.js";
import { DELIMITERS, ENCODINGS, PRESETS } from "../../io/map-file.js";
import { DEFAULT_SCHEDULE } from "../../io/schedule-source.js";
import { collect, IMPORTERS, REFUND_FROM, YES_NO } from "../args.js";
import { THOUSANDS } from "../reading.js";
import { BY_KEYS } from "../render/calc-output.js";

/** The words a value can be, and whether file names can be too. */
export interface Values {
  words: readonly string[];
  files: boolean;
}

export interface OptionSpec {
  /** `-f`, `--format`: the short flag first when there is one. */
  flags: string[];
  description: string;
  /** The name of its value in the help (`format` of `<format>`); undefined for a flag. */
  placeholder?: string;
  /** Given more than once adds up (`--overlay A --overlay B`). */
  repeatable: boolean;
  /** The flags that cannot go with this one: its own, and its negation (`--color`, `--no-color`). */
  excludes: string[];
  values?: Values;
}

export interface ArgumentSpec {
  name: string;
  description: string;
  required: boolean;
  variadic: boolean;
  values?: Values;
}

export interface CommandSpec {
  name: string;
  /** From the program down: `[]` for tariff itself, `["schedule", "export"]`. */
  path: string[];
  summary: string;
  options: OptionSpec[];
  args: ArgumentSpec[];
  commands: CommandSpec[];
}

/** What the completion offers that is data, not program: the sector and measure ids of the embedded schedule. */
export interface Known {
  sectors: readonly string[];
  measures?: readonly string[];
}

/** Enumerated options by name (commander's attribute name), from the constants their parsers check against. */
const VALUES: Readonly<Record<string, (known: Known) => readonly string[]>> = {
  by: () => BY_KEYS,
  preset: () => PRESETS,
  dateFormat: () => DATE_FORMATS,
  encoding: () => ENCODINGS,
  // "\t" and " " are also taken (typed between quotes): the names are what one completes.
  delimiter: () => Object.keys(DELIMITERS).filter((d) => d.trim() !== ""),
  thousands: () => Object.keys(THOUSANDS).filter((t) => t.trim() !== ""),
  importer: () => IMPORTERS,
  usmca: () => YES_NO,
  sector: (known) => known.sectors,
  measure: (known) => known.measures ?? [],
  from: () => REFUND_FROM,
};

/**
 * The formats a `--format` help text lists: `output: table, json, csv` or
 * `output: table (…) or json (…)`, what is in parentheses left out. [] when
 * the text does not follow that form (the test then fails, not the user).
 */
export function listedValues(description: string): string[] {
  const m = /^output(?: format)?: (.*)$/.exec(description);
  if (!m) return [];
  return m[1]!
    .replace(/\s*\([^)]*\)/g, "")
    .split(/,\s*|\s+or\s+/)
    .map((w) => w.trim())
    .filter((w) => /^[a-z0-9-]+$/.test(w));
}

/** `file` of `<file>`, `file|column=header` of `<file|column=header>`. */
function placeholderOf(option: Option): string | undefined {
  return /[<[]([^>\]]+)[>\]]/.exec(option.flags)?.[1];
}

/** A file name, and the word "default" where the help says it means the embedded schedule. */
function fileValues(description: string): Values {
  return { words: description.includes('"default"') ? ["default"] : [], files: true };
}

function optionValues(option: Option, known: Known): Values | undefined {
  if (option.argChoices) return { words: option.argChoices, files: false };
  const placeholder = placeholderOf(option);
  if (placeholder === undefined) return undefined;
  const name = option.attributeName();
  if (name === "format") return { words: listedValues(option.description), files: false };
  // Wherever a schedule is read, "default" is the embedded one (io/schedule-source.ts).
  if (name === "schedule") return { words: [DEFAULT_SCHEDULE], files: true };
  const enumerated = VALUES[name];
  if (enumerated) return { words: enumerated(known), files: false };
  if (placeholder.split("|").includes("file")) return fileValues(option.description);
  if (placeholder === "dir") return { words: [], files: true };
  return undefined;
}

function optionSpec(option: Option, all: readonly Option[], known: Known): OptionSpec {
  const flags = [option.short, option.long].filter((f): f is string => f !== undefined);
  const repeatable = option.variadic || option.parseArg === collect;
  // --color and --no-color, --lines and --no-lines: one setting, either flag.
  const pair = all.filter((o) => o !== option && o.attributeName() === option.attributeName());
  const excludes = repeatable ? [] : [...flags, ...pair.flatMap((o) => [o.short, o.long].filter((f): f is string => f !== undefined))];
  const spec: OptionSpec = { flags, description: option.description, repeatable, excludes };
  const placeholder = placeholderOf(option);
  if (placeholder !== undefined) spec.placeholder = placeholder;
  const values = optionValues(option, known);
  if (values) spec.values = values;
  return spec;
}

function argumentSpec(argument: Argument, siblings: readonly string[] | undefined): ArgumentSpec {
  const spec: ArgumentSpec = { name: argument.name(), description: argument.description, required: argument.required, variadic: argument.variadic };
  // Commander's own `help [command]` takes a command name; every other operand of tariff is a file.
  if (siblings) spec.values = { words: siblings, files: false };
  else if (argument.argChoices) spec.values = { words: argument.argChoices, files: false };
  else spec.values = fileValues(argument.description);
  return spec;
}

function commandSpec(command: Command, path: string[], known: Known, siblings?: readonly string[]): CommandSpec {
  const help = command.createHelp();
  const options = help.visibleOptions(command);
  // Commander's implicit `help` command is listed but is not one of `command.commands`.
  const visible = help.visibleCommands(command);
  const names = visible.filter((c) => command.commands.includes(c)).map((c) => c.name());
  return {
    name: command.name(),
    path,
    summary: command.summary() || command.description().split(/\.(\s|$)/)[0]!,
    options: options.map((o) => optionSpec(o, options, known)),
    args: command.registeredArguments.map((a) => argumentSpec(a, siblings)),
    commands: visible.map((c) => commandSpec(c, [...path, c.name()], known, command.commands.includes(c) ? undefined : names)),
  };
}

/** The program as a shell completes it. */
export function completionModel(program: Command, known: Known): CommandSpec {
  return commandSpec(program, [], known);
}

/** Every command of the model, the program first, depth first. */
export function allCommands(root: CommandSpec): CommandSpec[] {
  return [root, ...root.commands.flatMap(allCommands)];
}
