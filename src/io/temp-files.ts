/**
 * Every temp file the process creates (an `-o` file being written, a spill
 * of rejections) is registered here, so that one synchronous call can remove
 * them all on any way out: a signal, an uncaught error, `process.exit`.
 * Only this process's own files are ever removed.
 */
import { unlinkSync } from "node:fs";

const temps = new Set<string>();

export function registerTemp(file: string): void {
  temps.add(file);
}

/** The file was renamed into place or removed by its owner: no longer ours to clean up. */
export function releaseTemp(file: string): void {
  temps.delete(file);
}

/** Removes every temp file still registered. Synchronous: it runs in signal and exit handlers. */
export function cleanupTempFiles(): void {
  for (const temp of temps) {
    try {
      unlinkSync(temp);
    } catch {
      // already gone
    }
  }
  temps.clear();
}

/** How many temp files are registered (for tests). */
export function tempFileCount(): number {
  return temps.size;
}
