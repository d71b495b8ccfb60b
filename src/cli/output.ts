/**
 * Where command data goes: stdout, or `-o FILE` written atomically.
 * Messages never go here; they go to stderr.
 */
import { type Sink, outputSink, streamSink } from "../io/atomic-write.js";
import { outputClash } from "../io/same-file.js";
import { DEFAULT_SCHEDULE } from "../io/schedule-source.js";
import type { Context } from "./context.js";

export async function openOutput(ctx: Context, out: string | undefined): Promise<Sink> {
  return out === undefined || out === "-" ? streamSink(ctx.stdout, "standard output") : outputSink(out);
}

/** Writes a whole, already-rendered output. */
export async function emit(ctx: Context, out: string | undefined, text: string): Promise<void> {
  const sink = await openOutput(ctx, out);
  try {
    await sink.write(text);
    await sink.close();
  } catch (e) {
    await sink.abort();
    throw e;
  }
}

/**
 * Usage problems with the files a command is to write, found before anything
 * is read: an empty name, an output that is one of the inputs, two outputs
 * that are one file (or both standard output). `undefined` when there is none.
 * The first of `outputs` is the command's main output (standard output when
 * not given).
 */
export async function outputProblem(ctx: Context, outputs: { what: string; file: string | undefined }[], inputs: { what: string; file: string | undefined }[]): Promise<string | undefined> {
  for (const o of outputs) if (o.file === "") return `${o.what} needs a file name ("-" for standard output)`;
  // Two outputs on standard output would be mixed into one stream (the default output is standard output too).
  const stdout = outputs.filter((o, i) => o.file === "-" || (i === 0 && o.file === undefined));
  if (outputs.length > 1 && stdout.length > 1) return `${stdout[1]!.what} - would mix with the output on standard output; give it a file name`;
  const files = <T extends { file: string | undefined }>(xs: T[]) => xs.filter((x): x is T & { file: string } => x.file !== undefined);
  // "default" as an input is the embedded schedule, not a file (as an output it is a file named so).
  return outputClash(files(outputs), files(inputs).filter((i) => i.file !== DEFAULT_SCHEDULE), ctx.stdin);
}
