/** Runs the built CLI (bin/tariff.js) as a child process, as a user would. */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const BIN = path.join(ROOT, "bin/tariff.js");

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function tariff(args: string[], options: { input?: string | Buffer; env?: Record<string, string>; cwd?: string } = {}): CliResult {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? ROOT,
    input: options.input ?? "",
    // COLUMNS would fit tables to a width: cleared, so that a developer's shell does not change what tests see.
    env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "", COLUMNS: "", ...options.env },
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

export function fixture(...parts: string[]): string {
  return path.join("fixtures", ...parts);
}
