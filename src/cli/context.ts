/**
 * What a command may touch of the outside world, passed in so that tests can
 * run commands in-process with fake streams.
 */
import { Chalk, type ChalkInstance } from "chalk";
import type { Diagnostic } from "../core/diagnostics.js";

export interface Context {
  stdout: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  /** Today's date, YYYY-MM-DD, in local time. */
  today: string;
  /** `--color` (true) or `--no-color` (false) of the command being run; undefined when neither was given. */
  colorFlag?: boolean;
  /** The platform, for the character set of a terminal (see `unicodeTerminal`); process.platform when not given. */
  platform?: string;
  /**
   * Given by the library (src/lib): each diagnostic the command renders on stderr, also as a value with its
   * location, so that a caller gets errors as data rather than text to parse.
   */
  onDiagnostic?: (d: Diagnostic) => void;
}

export function localToday(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

const set = (v: string | undefined): v is string => v !== undefined && v !== "";

/**
 * Whether to colour what goes to `stream`, in this order: `NO_COLOR` set
 * (https://no-color.org) never; `--no-color` never, `--color` always;
 * `FORCE_COLOR` set: `0` or `false` never, anything else always; otherwise
 * only on a terminal, and not with TERM=dumb.
 */
export function colorEnabled(ctx: Pick<Context, "env" | "colorFlag">, stream: { isTTY?: boolean }): boolean {
  const env = ctx.env;
  if (set(env["NO_COLOR"])) return false;
  if (ctx.colorFlag !== undefined) return ctx.colorFlag;
  const force = env["FORCE_COLOR"];
  if (set(force)) return force !== "0" && force.toLowerCase() !== "false";
  return stream.isTTY === true && env["TERM"] !== "dumb";
}

export function colorFor(ctx: Pick<Context, "env" | "colorFlag">, stream: { isTTY?: boolean }): ChalkInstance {
  return new Chalk({ level: colorEnabled(ctx, stream) ? 1 : 0 });
}

export function write(stream: NodeJS.WritableStream, text: string): void {
  stream.write(text);
}

const toFile = (out: string | undefined) => out !== undefined && out !== "-";

/** Colour for command data: never in a file written with -o, only on a terminal stdout (see colorEnabled). */
export function dataColor(ctx: Context, out: string | undefined): ChalkInstance {
  return toFile(out) ? new Chalk({ level: 0 }) : colorFor(ctx, ctx.stdout);
}

/**
 * The width tables are fitted to: `COLUMNS` when set to a whole number (also
 * in a pipe: asked for), else the terminal's width when standard output is
 * one; undefined (the full width) in a pipe or for a file written with -o.
 */
export function outputWidth(ctx: Context, out: string | undefined): number | undefined {
  if (toFile(out)) return undefined;
  const columns = ctx.env["COLUMNS"];
  if (columns !== undefined && /^\d+$/.test(columns) && Number(columns) > 0) return Number(columns);
  if (ctx.stdout.isTTY === true && typeof ctx.stdout.columns === "number" && ctx.stdout.columns > 0) return ctx.stdout.columns;
  return undefined;
}

/**
 * Whether the terminal shows Unicode block characters: standard output is a
 * terminal and the locale's character set is UTF-8 (the first of LC_ALL,
 * LC_CTYPE, LANG that is set; Windows consoles always are). Bars are drawn
 * with `#` otherwise.
 */
export function unicodeTerminal(ctx: Context, out: string | undefined): boolean {
  if (toFile(out) || ctx.stdout.isTTY !== true) return false;
  if ((ctx.platform ?? process.platform) === "win32") return true;
  const locale = [ctx.env["LC_ALL"], ctx.env["LC_CTYPE"], ctx.env["LANG"]].find(set);
  return locale !== undefined && /utf-?8/i.test(locale);
}

/** How a table is drawn for a person: colour, width, character set. */
export interface Terminal {
  color: ChalkInstance;
  /** Columns to fit tables in; undefined: no limit. */
  width: number | undefined;
  /** Unicode blocks for bars; `#` otherwise. */
  unicode: boolean;
}

export function dataTerminal(ctx: Context, out: string | undefined): Terminal {
  return { color: dataColor(ctx, out), width: outputWidth(ctx, out), unicode: unicodeTerminal(ctx, out) };
}
