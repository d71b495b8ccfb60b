/**
 * `tariff schedule export|schema`, `--help` and `--version`, run as a user runs them.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { scheduleJsonSchema } from "../../src/core/schedule/format.js";
import { ROOT, tariff } from "../helpers/cli.js";

const dir = mkdtempSync(path.join(tmpdir(), "tariff-schedule-cmd-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Command names listed under "Commands:" in a help text (without "help"). */
function commandsIn(help: string): string[] {
  const section = help.split(/^Commands:\n/m)[1]?.split(/\n\n/)[0] ?? "";
  return [...section.matchAll(/^ {2}(\S+)/gm)].map((m) => m[1]!).filter((name) => name !== "help");
}

describe("tariff schedule schema", () => {
  it("prints the JSON Schema generated from the validator's schemas", () => {
    const r = tariff(["schedule", "schema"]);
    expect.soft(r.stderr).toBe("");
    expect.soft(r.code).toBe(0);
    expect(r.stdout.endsWith("}\n")).toBe(true);
    expect(JSON.parse(r.stdout)).toEqual(scheduleJsonSchema());
  });

  it("-o writes it to a file", () => {
    const out = path.join(dir, "schema.json");
    const r = tariff(["schedule", "schema", "-o", out]);
    expect.soft(r.stdout).toBe("");
    expect.soft(r.code).toBe(0);
    expect(JSON.parse(readFileSync(out, "utf8"))).toEqual(scheduleJsonSchema());
  });
});

describe("tariff schedule export", () => {
  it("prints the embedded schedule, which validate accepts from stdin", () => {
    const exported = tariff(["schedule", "export"]);
    expect.soft(exported.stderr).toBe("");
    expect.soft(exported.code).toBe(0);
    expect(JSON.parse(exported.stdout)).toMatchObject({ format: "tariff-schedule/2", id: "tariff-default", version: "2026-12-05" });

    const checked = tariff(["validate", "-", "--verbose"], { input: exported.stdout });
    expect.soft(checked.stdout).toBe("");
    expect.soft(checked.stderr).toMatch(/^<stdin>: valid schedule tariff-default /);
    expect(checked.code).toBe(0);
  });

  it("-o writes the same text to a file, nothing on stdout", () => {
    const out = path.join(dir, "my-schedule.json");
    const r = tariff(["schedule", "export", "-o", out]);
    expect.soft(r.stdout).toBe("");
    expect.soft(r.stderr).toBe("");
    expect.soft(r.code).toBe(0);
    expect(readFileSync(out, "utf8")).toBe(tariff(["schedule", "export"]).stdout);
    // and the file validates where it was written
    const checked = tariff(["validate", out]);
    expect.soft(checked.stderr).toBe("");
    expect(checked.code).toBe(0);
  });

  it("-o into a folder that does not exist: exit 2, no file", () => {
    const r = tariff(["schedule", "export", "-o", path.join(dir, "no-such-dir", "x.json")]);
    expect.soft(r.stdout).toBe("");
    expect.soft(r.stderr).not.toContain("internal error");
    expect(r.code).toBe(2);
  });
});

describe("--help and --version", () => {
  const root = tariff(["--help"]);
  const commands = commandsIn(root.stdout);
  const subcommands = commandsIn(tariff(["schedule", "--help"]).stdout).map((s) => `schedule ${s}`);

  it("tariff --help lists the commands and has examples", () => {
    expect.soft(root.code).toBe(0);
    expect(commands).toEqual(expect.arrayContaining(["calc", "validate", "rates", "schedule"]));
    expect(root.stdout).toContain("\nExamples:\n");
  });

  it("lists export and schema under schedule", () => {
    expect(subcommands).toEqual(["schedule export", "schedule schema"]);
  });

  it.each([...commands, ...subcommands])('tariff %s --help: usage and "Examples:"', (command) => {
    const r = tariff([...command.split(" "), "--help"]);
    expect.soft(r.stderr).toBe("");
    expect.soft(r.code).toBe(0);
    expect.soft(r.stdout).toMatch(new RegExp(`^Usage: tariff ${command} `));
    expect(r.stdout).toContain("\nExamples:\n");
  });

  it("--version prints package.json's version", () => {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as { version: string };
    const r = tariff(["--version"]);
    expect.soft(r.stderr).toBe("");
    expect.soft(r.code).toBe(0);
    expect(r.stdout).toBe(`${pkg.version}\n`);
  });

  it("no arguments: the help on stderr, exit 2", () => {
    const r = tariff([]);
    expect.soft(r.stdout).toBe("");
    expect.soft(r.stderr).toMatch(/^Usage: tariff /);
    expect(r.code).toBe(2);
  });
});
