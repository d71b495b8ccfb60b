/**
 * The last line of defence, installed by bin/tariff.js: whatever happens, the
 * process ends with a documented exit code and leaves no temp file.
 *
 * - Catchable signals end the run as a shell reports a death by signal, 128 + n
 *   (SIGHUP 129, SIGINT 130, SIGQUIT 131, SIGUSR1 138, SIGUSR2 140, SIGALRM 142,
 *   SIGTERM 143), after removing temp files. Without a handler, SIGQUIT would
 *   dump core and the others would leave temp files behind.
 * - An error that escapes every command (a stream's "error" with no listener,
 *   a rejected promise nobody awaited) is reported as an internal error and
 *   exits 2, never a stack trace and never Node's own exit code 7 or 134.
 * - `process.exit` from anywhere runs the "exit" handler: temp files go then too.
 * Running out of memory cannot be caught (V8 aborts): it is prevented by
 * keeping memory bounded (see README, Performance).
 */
import { constants } from "node:os";
import { cleanupTempFiles } from "../io/temp-files.js";

export const SIGNALS = ["SIGHUP", "SIGINT", "SIGQUIT", "SIGUSR1", "SIGUSR2", "SIGALRM", "SIGTERM"] as const;

/** 128 + the signal's number, as shells report it. */
export function signalExitCode(signal: (typeof SIGNALS)[number]): number {
  return 128 + constants.signals[signal];
}

export function installLastResort(proc: NodeJS.Process = process): void {
  proc.on("exit", () => cleanupTempFiles());
  for (const signal of SIGNALS) {
    proc.on(signal, () => {
      cleanupTempFiles();
      proc.exit(signalExitCode(signal));
    });
  }
  const fatal = (e: unknown) => {
    cleanupTempFiles();
    const err = e as NodeJS.ErrnoException | undefined;
    // A reader that went away (`tariff calc big.csv | head`) is not an error.
    if (err?.code === "EPIPE") proc.exit(0);
    try {
      proc.stderr.write(`tariff: internal error: ${err?.message ?? String(e)}\nThis is a bug in tariff; please report it with the command you ran.\n`);
      if (proc.env["TARIFF_DEBUG"]) proc.stderr.write(`${err?.stack ?? ""}\n`);
    } catch {
      // stderr itself is gone: the exit code still tells
    }
    proc.exit(2);
  };
  proc.on("uncaughtException", fatal);
  proc.on("unhandledRejection", fatal);
}
