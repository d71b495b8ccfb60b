/**
 * `tariff validate`, run as a user runs it (the built bin/tariff.js, NO_COLOR=1).
 * The error catalogue in fixtures/errors/ is checked here: each broken file
 * beside its exact expected stderr and exit code.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, fixture, tariff } from "../helpers/cli.js";

const ERRORS_DIR = path.join(ROOT, "fixtures/errors");
const catalogue = readdirSync(ERRORS_DIR)
  .filter((f) => f.endsWith(".json"))
  .sort();

/** `<name>.expected`: first line `exit: N`, then the whole stderr. */
function expected(name: string): string {
  return readFileSync(path.join(ERRORS_DIR, name.replace(/\.json$/, ".expected")), "utf8");
}

describe("the error catalogue (fixtures/errors)", () => {
  it("has one schedule fixture per error class, plus a file that is not JSON and an empty one", () => {
    expect(catalogue).toEqual(expect.arrayContaining(["not-json.json", "empty.json"]));
    expect(catalogue.filter((f) => f.startsWith("schedule-")).length).toBeGreaterThanOrEqual(23);
  });

  it("lists every fixture in its README", () => {
    const readme = readFileSync(path.join(ERRORS_DIR, "README.md"), "utf8");
    for (const f of catalogue) expect(readme, f).toContain(`\`${f}\``);
  });

  it.each(catalogue)("%s: exact stderr and exit code", (name) => {
    const r = tariff(["validate", fixture("errors", name)]);
    expect.soft(r.stdout).toBe("");
    expect(`exit: ${r.code}\n${r.stderr}`).toBe(expected(name));
  });

  it.each(catalogue.filter((f) => f.startsWith("schedule-")))("%s: shows the error class it is named after", (name) => {
    const code = `schedule/${name.slice("schedule-".length, -".json".length)}`;
    expect(expected(name)).toContain(`[${code}]`);
  });
});

describe("tariff validate", () => {
  it("a valid schedule: exit 0, nothing on stdout or stderr", () => {
    const r = tariff(["validate", fixture("schedules", "minimal.json")]);
    expect.soft(r.stderr).toBe("");
    expect.soft(r.stdout).toBe("");
    expect(r.code).toBe(0);
  });

  it("--verbose: one summary line for a valid file", () => {
    const r = tariff(["validate", fixture("schedules", "minimal.json"), "--verbose"]);
    expect.soft(r.stdout).toBe("");
    expect.soft(r.stderr).toBe("fixtures/schedules/minimal.json: valid schedule minimal 2026-01-01: 3 sectors, 2 measures, 3 periods\n");
    expect(r.code).toBe(0);
  });

  it("several files (valid, invalid, missing): every one reported, exit 2", () => {
    const r = tariff(["validate", "--verbose", fixture("schedules", "minimal.json"), fixture("errors", "schedule-unknown-key.json"), "no-such.json"]);
    expect.soft(r.stdout).toBe("");
    expect.soft(r.stderr).toBe(
      [
        "fixtures/schedules/minimal.json: valid schedule minimal 2026-01-01: 3 sectors, 2 measures, 3 periods",
        'fixtures/errors/schedule-unknown-key.json:38:7: error: unknown key "sorces" in measures[1] [schedule/unknown-key]',
        '38 |       "sorces": ["https://example.org/procl-1"]',
        "   |       ^",
        'hint: did you mean "sources"?',
        "fixtures/errors/schedule-unknown-key.json: 1 error",
        "no-such.json: error: cannot read the file: no such file [io/unreadable]",
        "no-such.json: 1 error",
        "",
      ].join("\n"),
    );
    expect(r.code).toBe(2);
  });

  it("an invalid and a valid file: exit 1", () => {
    const r = tariff(["validate", fixture("schedules", "minimal.json"), fixture("errors", "schedule-invalid-rate.json")]);
    expect.soft(r.stderr).toContain("[schedule/invalid-rate]");
    expect(r.code).toBe(1);
  });

  it("a missing file: exit 2, no such file", () => {
    const r = tariff(["validate", "no-such.json"]);
    expect.soft(r.stdout).toBe("");
    expect.soft(r.stderr).toBe("no-such.json: error: cannot read the file: no such file [io/unreadable]\nno-such.json: 1 error\n");
    expect(r.code).toBe(2);
  });

  it("--format json: the diagnostics as objects on stdout, with file, line, column and JSON Pointer", () => {
    const r = tariff(["validate", "--format", "json", fixture("schedules", "minimal.json"), fixture("errors", "schedule-unknown-key.json"), fixture("errors", "not-json.json")]);
    expect.soft(r.stderr).toBe("");
    expect.soft(r.code).toBe(2);
    expect(JSON.parse(r.stdout)).toEqual({
      format: "tariff-validate/1",
      valid: false,
      files: [
        { file: "fixtures/schedules/minimal.json", kind: "schedule", valid: true, errorCount: 0, errors: [], warnings: [] },
        {
          file: "fixtures/errors/schedule-unknown-key.json",
          kind: "schedule",
          valid: false,
          errorCount: 1,
          errors: [
            {
              code: "schedule/unknown-key",
              severity: "error",
              message: 'unknown key "sorces" in measures[1]',
              file: "fixtures/errors/schedule-unknown-key.json",
              line: 38,
              column: 7,
              pointer: "/measures/1/sorces",
              hint: 'did you mean "sources"?',
            },
          ],
          warnings: [],
        },
        {
          file: "fixtures/errors/not-json.json",
          kind: "unknown",
          valid: false,
          errorCount: 1,
          errors: [{ code: "json/syntax", severity: "error", message: 'invalid JSON: expected ","', file: "fixtures/errors/not-json.json", line: 4, column: 3 }],
          warnings: [],
        },
      ],
    });
  });

  it("--format json on every catalogue schedule: each error has code, message, file, line, column, pointer", () => {
    const files = catalogue.filter((f) => f.startsWith("schedule-")).map((f) => fixture("errors", f));
    const r = tariff(["validate", "--format", "json", ...files]);
    expect.soft(r.code).toBe(1);
    const body = JSON.parse(r.stdout) as { valid: boolean; files: { file: string; valid: boolean; errors: Record<string, unknown>[] }[] };
    expect(body.valid).toBe(false);
    expect(body.files.map((f) => f.file)).toEqual(files);
    for (const f of body.files) {
      expect(f.valid, f.file).toBe(false);
      expect(f.errors.length, f.file).toBeGreaterThan(0);
      for (const e of f.errors) {
        expect(e, f.file).toMatchObject({ code: expect.any(String), severity: "error", message: expect.any(String), file: f.file, line: expect.any(Number), column: expect.any(Number) });
        // duplicate-key comes from the JSON reader, which knows positions but not paths.
        if (e["code"] !== "schedule/duplicate-key") expect(e["pointer"], `${f.file} ${String(e["code"])}`).toMatch(/^(\/[^/]+)*$/);
      }
    }
  });

  it("--format other than table or json: exit 2", () => {
    const r = tariff(["validate", "--format", "xml", fixture("schedules", "minimal.json")]);
    expect.soft(r.stderr).toBe('tariff validate: --format must be table or json, got "xml"\n');
    expect(r.code).toBe(2);
  });

  it("reads stdin for -", () => {
    const text = readFileSync(path.join(ROOT, "fixtures/errors/schedule-invalid-value.json"), "utf8");
    const r = tariff(["validate", "-"], { input: text });
    expect.soft(r.stderr).toBe(
      [
        '<stdin>:32:19: error: measures[1].importer: expected "US" or "CA", got "USA" [schedule/invalid-value]',
        '32 |       "importer": "USA",',
        "   |                   ^",
        'hint: did you mean "US"?',
        "<stdin>: 1 error",
        "",
      ].join("\n"),
    );
    expect(r.code).toBe(1);
  });

  it("validate default: the embedded schedule is valid", () => {
    const r = tariff(["validate", "default"]);
    expect.soft(r.stderr).toBe("");
    expect.soft(r.stdout).toBe("");
    expect(r.code).toBe(0);
  });

  it("validate default --verbose names the embedded schedule", () => {
    const r = tariff(["validate", "default", "--verbose"]);
    expect.soft(r.stderr).toMatch(/^<default schedule>: valid schedule tariff-default \S+: \d+ sectors, \d+ measures, \d+ periods\n$/);
    expect(r.code).toBe(0);
  });
});
