/**
 * What a command may touch of the outside world, passed in so that tests can
 * run commands in-process with fake streams.
 */
import { Chalk, type ChalkInstance } from "chalk";

export interface Context {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  /** Today's date, YYYY-MM-DD, in local time. */
  today: string;
}

export function localToday(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** Colour only on a terminal, never with NO_COLOR (https://no-color.org) or TERM=dumb. */
export function colorFor(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv): ChalkInstance {
  const noColor = env["NO_COLOR"] !== undefined && env["NO_COLOR"] !== "";
  const forced = env["FORCE_COLOR"] !== undefined && env["FORCE_COLOR"] !== "0" && env["FORCE_COLOR"] !== "";
  const enabled = !noColor && (forced || (stream.isTTY === true && env["TERM"] !== "dumb"));
  return new Chalk({ level: enabled ? 1 : 0 });
}

export function write(stream: NodeJS.WritableStream, text: string): void {
  stream.write(text);
}

/** Colour for command data: never in a file written with -o, only on a terminal stdout. */
export function dataColor(ctx: Context, out: string | undefined): ChalkInstance {
  return out !== undefined && out !== "-" ? new Chalk({ level: 0 }) : colorFor(ctx.stdout, ctx.env);
}
