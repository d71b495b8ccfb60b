/**
 * `tariff completion bash|zsh` (issue #16, item 7): the scripts complete every
 * command and option of the program, the values of enumerated options, and
 * file names; run in a real bash (COMP_WORDS/COMP_CWORD, as readline sets
 * them) and a real zsh (an interactive shell in a pseudo-terminal,
 * tests/helpers/zsh-complete.zsh). The lists of values are held against the
 * parsers: every value offered is accepted, and the message for a wrong value
 * lists the same values.
 *
 * zsh: `.ci/run` installs it (Debian's zsh) and sets TARIFF_REQUIRE_ZSH=1, so
 * that CI fails without it; elsewhere its tests are skipped with a message.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import type { Command } from "commander";
import { afterAll, describe, expect, it } from "vitest";
import { createProgram } from "../../src/cli/main.js";
import { allCommands, completionModel, listedValues } from "../../src/cli/completion/model.js";
import { ROOT, runMain, tariff } from "../helpers/cli.js";

const sink = () => new Writable({ write: (_c, _e, done) => done() });
/** The program as main builds it: what the scripts must cover. */
const program = createProgram({ stdout: sink(), stderr: sink(), stdin: process.stdin, env: {}, today: "2026-11-23" }, () => {});

/** Every command of the program with its path, from commander's own lists (not the completion model). */
function commandsOf(command: Command, prefix: string[] = []): { path: string[]; command: Command }[] {
  return [{ path: prefix, command }, ...command.commands.flatMap((c) => commandsOf(c, [...prefix, c.name()]))];
}
const COMMANDS = commandsOf(program);
/** The flags of a command: its options, and the help option commander adds to each. */
function flagsOf(command: Command): string[] {
  const options = command.createHelp().visibleOptions(command);
  return options.flatMap((o) => [o.short, o.long].filter((f): f is string => f !== undefined)).sort();
}

const bash = tariff(["completion", "bash"]);
const zsh = tariff(["completion", "zsh"]);
const work = mkdtempSync(path.join(tmpdir(), "tariff-completion-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const bashFile = path.join(work, "tariff.bash");
writeFileSync(bashFile, bash.stdout);
mkdirSync(path.join(work, "zfunc"));
const zshFile = path.join(work, "zfunc", "_tariff");
writeFileSync(zshFile, zsh.stdout);

const model = completionModel(program, { sectors: ["steel", "aluminum"], measures: ["us-ieepa-canada"] });

describe("tariff completion", () => {
  it("prints a bash and a zsh script, exit 0, nothing on stderr", () => {
    expect.soft(bash.stderr).toBe("");
    expect.soft(bash.code).toBe(0);
    expect.soft(bash.stdout).toMatch(/^# bash completion for tariff/);
    expect.soft(bash.stdout).toContain("\ncomplete -F _tariff tariff\n");
    expect.soft(zsh.stderr).toBe("");
    expect.soft(zsh.code).toBe(0);
    expect(zsh.stdout).toMatch(/^#compdef tariff\n/);
  });

  it("another shell is a usage error, exit 2", () => {
    const r = tariff(["completion", "fish"]);
    expect.soft(r.stdout).toBe("");
    expect.soft(r.stderr).toContain("Allowed choices are bash, zsh.");
    expect(r.code).toBe(2);
  });

  it("every command and every option of the program is in both scripts", () => {
    for (const { path: p, command } of COMMANDS) {
      const name = p.join(" ");
      if (p.length > 0) {
        expect.soft(bash.stdout, name).toMatch(new RegExp(`REPLY='[^']*\\b${p.at(-1)}\\b`));
        expect.soft(zsh.stdout, name).toContain(`'${p.at(-1)}:`);
      }
      for (const flag of flagsOf(command)) {
        // bash: in the command's list of options; zsh: an _arguments spec of the command's function.
        expect.soft(bash.stdout, `${name} ${flag}`).toMatch(new RegExp(`\\n    '${name}'\\) REPLY='[^']*(?<= |')${flag}(?= |')`));
        const fn = ["_tariff", ...p].join("_");
        const body = zsh.stdout.slice(zsh.stdout.indexOf(`\n${fn}() {`), zsh.stdout.indexOf("\n}", zsh.stdout.indexOf(`\n${fn}() {`)));
        expect.soft(body, `${name} ${flag}`).toMatch(new RegExp(`[)*']${flag}[=+]?\\[`));
      }
    }
  });
});

describe("the values of enumerated options", () => {
  /** Options that take a value of no fixed list (a date, a code, a number, a name=…): nothing to offer. */
  const FREE = new Set(["at", "hs", "claims", "origin", "currency", "explain", "top", "scenario", "tolerance", "sheet", "max-messages"]);

  it("every option taking a value offers values or file names, or is free text by name", () => {
    for (const c of allCommands(model)) {
      for (const o of c.options.filter((x) => x.placeholder !== undefined)) {
        const name = o.flags.at(-1)!.replace(/^--/, "");
        const offered = (o.values?.words.length ?? 0) > 0 || o.values?.files === true;
        // A new option with a list of values: give it .choices(), or its parser's constant in model.ts VALUES.
        expect.soft(offered || FREE.has(name), `tariff ${c.path.join(" ")} --${name}: no values to complete`).toBe(true);
      }
    }
  });

  it("--format's help text lists the formats (read by the completion)", () => {
    expect(listedValues("output: table, json, csv, ndjson, md, html")).toEqual(["table", "json", "csv", "ndjson", "md", "html"]);
    expect(listedValues("output: table (human, on stderr) or json (diagnostics as objects on stdout)")).toEqual(["table", "json"]);
    expect(listedValues("output format: table, json")).toEqual(["table", "json"]);
    expect(listedValues("the field delimiter: , ; | or tab")).toEqual([]);
  });

  /** Arguments that let each command reach its checks of options. */
  const BASE: Record<string, string[]> = {
    calc: ["calc", "fixtures/shipments/sample.csv"],
    compare: ["compare", "fixtures/shipments/sample.csv", "--overlay", "fixtures/overlays/empty.json"],
    validate: ["validate", "fixtures/schedules/minimal.json"],
    rates: ["rates"],
    diff: ["diff", "default", "default"],
  };
  /** The values a rejection message lists: `must be one of a, b, c, got`, `must be a or b, got`, `expected US or CA, got`. */
  const listed = (stderr: string) => {
    const m = /(?:must be(?: one of)?|expected) (.+?), got "/.exec(stderr);
    return m ? m[1]!.split(/\s+/).filter((t) => t !== "or").map((t) => (t === "," ? t : t.replace(/,$/, ""))) : undefined;
  };
  const enumerated = allCommands(model).flatMap((c) =>
    c.options
      .filter((o) => (o.values?.words.length ?? 0) > 0 && !o.values!.files && !["--sector", "--measure"].includes(o.flags.at(-1)!))
      .map((o) => ({ command: c.path.join(" "), flag: o.flags.at(-1)!, words: o.values!.words })),
  );

  it("are found for formats, --by, presets, dates, encodings, delimiters, separators, importers", () => {
    const flags = new Set(enumerated.map((e) => `${e.command} ${e.flag}`));
    for (const f of ["calc --format", "compare --format", "diff --format", "rates --format", "validate --format", "calc --by", "calc --preset", "compare --date-format", "calc --encoding", "calc --delimiter", "calc --thousands", "rates --importer", "rates --usmca"]) expect.soft(flags, f).toContain(f);
  });

  it.each(enumerated.filter((e) => BASE[e.command]))("$command $flag: the parser rejects another value listing the same values, and takes each", async ({ command, flag, words }) => {
    const wrong = await runMain([...BASE[command]!, flag, "nope"]);
    expect.soft(wrong.code).toBe(2);
    expect(new Set(listed(wrong.stderr)), wrong.stderr).toEqual(new Set(words));
    for (const w of words) {
      const r = await runMain([...BASE[command]!, flag, w]);
      expect.soft(r.stderr, `${flag} ${w}`).not.toMatch(new RegExp(`${flag} must be|option '${flag}.*is invalid|internal error`));
    }
  });
});

/** Runs the bash script on several command lines at once: COMP_WORDS as bash splits them ("=" apart), the last word being completed. */
function bashComplete(lines: string[][]): string[][] {
  const quote = (w: string) => `'${w.replace(/'/g, `'\\''`)}'`;
  const body = lines.map((words) => `COMP_WORDS=(${words.map(quote).join(" ")}); COMP_CWORD=${words.length - 1}; COMPREPLY=(); _tariff; printf '%s\\n' "\${COMPREPLY[@]}"; echo '<<end>>'`).join("\n");
  const r = spawnSync("bash", ["--norc", "--noprofile", "-c", `source ${quote(bashFile)}\n${body}`], { cwd: ROOT, encoding: "utf8" });
  expect(r.stderr).toBe("");
  return r.stdout.split("<<end>>\n").slice(0, lines.length).map((out) => out.split("\n").filter((w) => w !== ""));
}

const hasBash = spawnSync("bash", ["--version"]).status === 0;

describe.skipIf(!hasBash)("bash completes (COMP_WORDS, COMP_CWORD)", () => {
  it("registers _tariff for the command tariff", () => {
    const r = spawnSync("bash", ["--norc", "--noprofile", "-c", `source '${bashFile}'; complete -p tariff`], { encoding: "utf8" });
    expect(r.stdout.trim()).toBe("complete -F _tariff tariff");
  });

  it("commands, subcommands, help's and completion's operands", () => {
    const top = program.commands.map((c) => c.name());
    const [ca, all, schedule, help, shell, global] = bashComplete([["tariff", "ca"], ["tariff", ""], ["tariff", "schedule", ""], ["tariff", "help", "sch"], ["tariff", "completion", ""], ["tariff", "--no-color", "ca"]]);
    expect.soft(ca).toEqual(["calc"]);
    expect.soft(all).toEqual([...top, "help"]);
    expect.soft(schedule).toEqual(["export", "schema", "help"]);
    expect.soft(help).toEqual(["schedule"]);
    expect.soft(shell).toEqual(["bash", "zsh"]);
    expect(global).toEqual(["calc"]);
  });

  it("the options of every command: exactly the program's", () => {
    const got = bashComplete(COMMANDS.map(({ path: p }) => ["tariff", ...p, "-"]));
    COMMANDS.forEach(({ path: p, command }, i) => expect.soft(got[i]!.sort(), p.join(" ") || "tariff").toEqual(flagsOf(command)));
    expect(bashComplete([["tariff", "calc", "--li"]])[0]).toEqual(["--lines"]);
  });

  it("the values of options: calc --format, with a space, with = split by bash, and with = in the word", () => {
    const [space, short, split, splitPart, glued] = bashComplete([["tariff", "calc", "--format", ""], ["tariff", "calc", "-f", "j"], ["tariff", "calc", "--format", "=", ""], ["tariff", "calc", "--format", "=", "nd"], ["tariff", "calc", "--format=j"]]);
    expect.soft(space).toEqual(expect.arrayContaining(["table", "json", "csv", "ndjson", "md", "html"]));
    expect.soft(short).toEqual(["json"]);
    expect.soft(split).toEqual(space);
    expect.soft(splitPart).toEqual(["ndjson"]);
    expect(glued).toEqual(["--format=json"]);
  });

  it("every enumerated option of every command offers its values", () => {
    // --sector, --measure: the embedded schedule's ids, not the stand-ins of this model (next tests).
    const cases = allCommands(model).flatMap((c) => c.options.filter((o) => (o.values?.words.length ?? 0) > 0 && !o.values!.files && !["--sector", "--measure"].includes(o.flags.at(-1)!)).map((o) => ({ c, o })));
    const got = bashComplete(cases.map(({ c, o }) => ["tariff", ...c.path, o.flags.at(-1)!, ""]));
    cases.forEach(({ c, o }, i) => {
      // Shell characters come quoted, ready to be run: \; \| \, \'
      const quoted = o.values!.words.map((w) => w.replace(/([;|,'])/g, "\\$1"));
      expect.soft(got[i], `${c.path.join(" ")} ${o.flags.at(-1)}`).toEqual(quoted);
    });
  });

  it("the measures of the embedded schedule for refund --measure", () => {
    const [ieepa] = bashComplete([["tariff", "refund", "--measure", "us-iee"]]);
    expect(ieepa).toEqual(["us-ieepa-canada"]);
  });

  it("the sectors of the embedded schedule for --sector", () => {
    const [steel] = bashComplete([["tariff", "rates", "--sector", "stee"]]);
    expect(steel).toContain("steel");
  });

  it("file names for operands and options that take a file, and default where a schedule goes", () => {
    const [operand, afterValue, schedule, overlay, diffNew, afterDashes] = bashComplete([
      ["tariff", "calc", "fixtures/shipments/sa"],
      ["tariff", "calc", "-o", "x.csv", "--by", "month", "fixtures/shipments/rej"],
      ["tariff", "calc", "-s", ""],
      ["tariff", "compare", "--overlay", "fixtures/overlays/metals-2"],
      ["tariff", "diff", "default", "fixtures/diff/rate-changed"],
      ["tariff", "calc", "--", "--f"],
    ]);
    expect.soft(operand).toEqual(["fixtures/shipments/sample.csv"]);
    expect.soft(afterValue).toEqual(["fixtures/shipments/rejections.csv"]);
    expect.soft(schedule).toEqual(expect.arrayContaining(["default", "fixtures", "package.json"]));
    expect.soft(overlay).toEqual(["fixtures/overlays/metals-232-at-25.json"]);
    expect.soft(diffNew).toEqual(["fixtures/diff/rate-changed-per-sector.json", "fixtures/diff/rate-changed.json"].sort());
    expect(afterDashes).toEqual([]);
  });
});

const hasZsh = spawnSync("zsh", ["--version"]).status === 0;
if (!hasZsh) {
  const message = "zsh is not installed: the zsh completion tests are skipped (.ci/run installs Debian's zsh)";
  if (process.env["TARIFF_REQUIRE_ZSH"] === "1") throw new Error(`${message}, but TARIFF_REQUIRE_ZSH=1`);
  console.warn(message);
}

/** The matches zsh offers for a line, a Tab at its end (tests/helpers/zsh-complete.zsh). */
function zshComplete(line: string, how: "source" | "fpath" = "source"): string[] {
  const r = spawnSync("zsh", ["-f", path.join(ROOT, "tests/helpers/zsh-complete.zsh"), zshFile, line, how], { cwd: ROOT, encoding: "utf8", timeout: 30_000 });
  expect(r.status, r.stderr).toBe(0);
  return [...new Set(r.stdout.split("\n").filter((w) => w !== ""))];
}

describe.skipIf(!hasZsh)("zsh completes (an interactive zsh in a pseudo-terminal)", () => {
  it("the script is valid zsh (zsh -n)", () => {
    const r = spawnSync("zsh", ["-n", zshFile], { encoding: "utf8" });
    expect.soft(r.stderr).toBe("");
    expect(r.status).toBe(0);
  });

  it("commands and subcommands, sourced after compinit and autoloaded from $fpath", () => {
    expect.soft(zshComplete("tariff ca")).toEqual(["calc"]);
    expect.soft(zshComplete("tariff co", "fpath").sort()).toEqual(["compare", "completion"]);
    expect(zshComplete("tariff schedule ")).toEqual(["export", "schema", "help"]);
  });

  it.each(COMMANDS.map((c) => [c.path.join(" "), c] as const))("the options of %s: exactly the program's", (_name, { path: p, command }) => {
    expect(zshComplete(["tariff", ...p, "-"].join(" ")).sort()).toEqual(flagsOf(command));
  });

  it("values: formats, with =, --by, the delimiters quoted, sectors, shells", () => {
    expect.soft(zshComplete("tariff calc --format ")).toEqual(expect.arrayContaining(["table", "json", "csv", "ndjson", "md", "html"]));
    expect.soft(zshComplete("tariff calc --format=j")).toEqual(["json"]);
    expect.soft(zshComplete("tariff calc --by ")).toEqual(["sector", "measure", "month", "entry"]);
    expect.soft(zshComplete("tariff calc --delimiter ")).toEqual([",", "\\;", "tab", "\\|"]);
    expect.soft(zshComplete("tariff rates --sector stee")).toContain("steel");
    expect(zshComplete("tariff completion ")).toEqual(["bash", "zsh"]);
  });

  it("file names, and default where a schedule goes", () => {
    expect.soft(zshComplete("tariff calc fixtures/shipments/sa")).toEqual(["sample.csv"]);
    expect(zshComplete("tariff calc -s ")).toEqual(expect.arrayContaining(["default", "fixtures"]));
  });
});
