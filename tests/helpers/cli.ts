/** Runs the built CLI (bin/tariff.js) as a child process, as a user would. */
import { spawnSync } from "node:child_process";
import { Readable, Writable } from "node:stream";
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

/**
 * Runs the CLI in this process (`main` with its streams), as the spawned CLI
 * would run: stdin from `input`, no colour, a fixed "today".
 */
export async function runMain(args: string[], input: string | Buffer = ""): Promise<CliResult & { code: number }> {
  const { main } = await import("../../src/cli/main.js");
  const collect = (chunks: Buffer[]) => new Writable({ write: (c: Buffer | string, _e, done) => (chunks.push(Buffer.from(c)), done()) });
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  const stdin = Object.assign(Readable.from(input.length === 0 ? [] : [Buffer.from(input)]), { isTTY: false });
  const code = await main(args, { stdout: collect(out), stderr: collect(err), stdin, env: { NO_COLOR: "1" }, today: "2026-11-23" });
  return { code, stdout: Buffer.concat(out).toString("utf8"), stderr: Buffer.concat(err).toString("utf8") };
}
