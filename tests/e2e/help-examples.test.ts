/**
 * Help that runs (issue #16, item 8): every example of every command's
 * `--help` runs as written, from the repository's root, on files in
 * fixtures/, and ends with the exit code it documents, without a stack trace.
 *
 * The marker: in the "Examples:" section of a help (from its "Examples:" line to
 * the next blank line) each example is a line `  $ tariff …`; a trailing
 * `# exit N` documents an exit code other than 0 (a finding: rejected lines, an
 * invalid schedule, changes). Examples run in bash (they may pipe, redirect
 * and chain with && or ||, `#` starts a comment) with `tariff` on the PATH
 * being the built bin/tariff.js. What they write goes to /tmp, never into the
 * repository: every output (-o, --out, --summary, --rejects, >) is checked to
 * be under /tmp/ before the example runs, then to have been written, then
 * removed.
 */
import { spawnSync } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import type { Command } from "commander";
import { afterAll, describe, expect, it } from "vitest";
import { createProgram } from "../../src/cli/main.js";
import { BIN, ROOT, tariff } from "../helpers/cli.js";

const sink = () => new Writable({ write: (_c, _e, done) => done() });
const program = createProgram({ stdout: sink(), stderr: sink(), stdin: process.stdin, env: {}, today: "2026-11-23" }, () => {});

/** Every command of the program (tariff itself first), from commander's own lists. */
function commandPaths(command: Command, prefix: string[] = []): string[][] {
  return [prefix, ...command.commands.flatMap((c) => commandPaths(c, [...prefix, c.name()]))];
}

export interface Example {
  command: string;
  code: number;
}

/** The examples of a help text: `  $ tariff …` lines of its "Examples" section, with their documented exit code. */
export function examplesIn(help: string): Example[] {
  const lines = help.split("\n");
  const start = lines.indexOf("Examples:");
  if (start < 0) return [];
  const out: Example[] = [];
  for (const line of lines.slice(start + 1)) {
    if (line.trim() === "") break;
    const m = /^ {2}\$ (.*)$/.exec(line);
    if (!m) continue;
    const exit = /\s#\s*exit (\d+)\b/.exec(m[1]!);
    out.push({ command: m[1]!, code: exit ? Number(exit[1]) : 0 });
  }
  return out;
}

/** The files an example writes: the values of -o, --out, --summary, --rejects and the targets of > (not 2>). */
export function outputsOf(command: string): string[] {
  const code = command.replace(/\s#.*$/, "");
  const outputs: string[] = [];
  for (const m of code.matchAll(/(?:^|\s)(?:-o|--out|--summary|--rejects)(?:\s+|=)(\S+)/g)) outputs.push(m[1]!);
  for (const m of code.matchAll(/(?:^|[^2&])>\s*(\S+)/g)) outputs.push(m[1]!);
  return outputs.filter((o) => o !== "-");
}

const work = mkdtempSync(path.join(tmpdir(), "tariff-examples-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));
// `tariff` as a user has it after `npm link`: the built program.
writeFileSync(path.join(work, "tariff"), `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} "$@"\n`);
chmodSync(path.join(work, "tariff"), 0o755);

const helps = commandPaths(program).map((p) => ({ name: ["tariff", ...p].join(" "), help: tariff([...p, "--help"]) }));
const examples = helps.flatMap(({ name, help }) => examplesIn(help.stdout).map((e) => ({ ...e, name })));

describe("the marker", () => {
  it("examples are read from the Examples section only, with their exit code", () => {
    const help = "Usage: tariff x\n\nExamples:\n  $ tariff a\n  $ tariff b   # exit 1: a finding\n  not an example\n\n  $ tariff c\n";
    expect(examplesIn(help)).toEqual([{ command: "tariff a", code: 0 }, { command: "tariff b   # exit 1: a finding", code: 1 }]);
    expect(outputsOf("tariff calc x.csv -f csv --summary /tmp/t.json > /tmp/l.csv 2>/dev/null # exit 1 > not.this")).toEqual(["/tmp/t.json", "/tmp/l.csv"]);
    expect(outputsOf("tariff diff a b -o /tmp/d.html && tariff schedule export -o -")).toEqual(["/tmp/d.html"]);
  });
});

describe("every command's --help has examples that run as written (issue #16)", () => {
  it.each(helps)("$name --help: exit 0, examples, each a `$ tariff …` line", ({ help }) => {
    expect.soft(help.code).toBe(0);
    const found = examplesIn(help.stdout);
    expect(found.length).toBeGreaterThan(0);
    for (const e of found) expect.soft(e.command).toMatch(/^tariff /);
  });

  it.each(examples)("$name: $command", ({ command, code }) => {
    const outputs = outputsOf(command);
    for (const o of outputs) expect(o, `${command}: writes ${o}, not in /tmp/`).toMatch(/^\/tmp\/[^/]+$/);
    for (const o of outputs) rmSync(o, { force: true });
    try {
      const r = spawnSync("bash", ["--norc", "--noprofile", "-o", "pipefail", "-c", command], {
        cwd: ROOT,
        encoding: "utf8",
        maxBuffer: 64 * 1024 * 1024,
        env: { ...process.env, PATH: `${work}${path.delimiter}${process.env["PATH"]}`, NO_COLOR: "1", FORCE_COLOR: "", COLUMNS: "" },
      });
      expect.soft(r.stderr, "no stack trace").not.toMatch(/internal error|\n\s+at .+:\d+:\d+\)?\n|command not found|No such file/);
      expect(r.status, `${command}\n${r.stderr}`).toBe(code);
      for (const o of outputs) expect.soft(statSync(o, { throwIfNoEntry: false })?.size ?? 0, `${o} written`).toBeGreaterThan(0);
    } finally {
      for (const o of outputs) rmSync(o, { force: true });
    }
  });
});
