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
 * that are one file. `undefined` when there is none.
 */
export async function outputProblem(ctx: Context, outputs: { what: string; file: string | undefined }[], inputs: { what: string; file: string | undefined }[]): Promise<string | undefined> {
  for (const o of outputs) if (o.file === "") return `${o.what} needs a file name ("-" for standard output)`;
  const files = <T extends { file: string | undefined }>(xs: T[]) => xs.filter((x): x is T & { file: string } => x.file !== undefined);
  // "default" as an input is the embedded schedule, not a file (as an output it is a file named so).
  return outputClash(files(outputs), files(inputs).filter((i) => i.file !== DEFAULT_SCHEDULE), ctx.stdin);
}
