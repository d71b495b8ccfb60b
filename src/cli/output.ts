/**
 * Where command data goes: stdout, or `-o FILE` written atomically.
 * Messages never go here; they go to stderr.
 */
import { type Sink, outputSink, streamSink } from "../io/atomic-write.js";
import type { Context } from "./context.js";

export async function openOutput(ctx: Context, out: string | undefined): Promise<Sink> {
  return out === undefined || out === "-" ? streamSink(ctx.stdout) : outputSink(out);
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
