/**
 * Output never destroys input: whether a file named for output is one of the
 * inputs (the same device and inode, whatever path, link or hard link leads
 * to it), or the same file as another output. Checked before anything is read.
 */
import { type Stats, fstatSync } from "node:fs";
import { stat } from "node:fs/promises";
import { resolveOutput } from "./atomic-write.js";

export interface Named {
  /** How the file is named in a message: `-o`, `--summary`, `the shipments file`, `the schedule`… */
  what: string;
  /** As typed. "-" is standard input (an input) or standard output (an output). */
  file: string;
}

const same = (a: Stats, b: Stats) => a.dev === b.dev && a.ino === b.ino;

/** The file behind standard input when it is a regular file (`tariff calc - -o s.csv < s.csv`). */
function stdinFile(stdin: unknown): Stats | undefined {
  const fd = (stdin as { fd?: unknown }).fd;
  if (typeof fd !== "number") return undefined;
  try {
    const info = fstatSync(fd);
    return info.isFile() ? info : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The first clash in words, or undefined. `inputs` that are not files
 * ("default", a missing file) clash with nothing; an output that is not a
 * regular file (a device, a FIFO) destroys nothing and clashes with nothing.
 */
export async function outputClash(outputs: Named[], inputs: Named[], stdin?: unknown): Promise<string | undefined> {
  const written: { out: Named; info: Stats | undefined; path: string }[] = [];
  for (const out of outputs) {
    if (out.file === "-") continue;
    const where = await resolveOutput(out.file).catch(() => undefined);
    if (!where || where.direct) continue;
    const info = await stat(where.path).catch(() => undefined);
    if (info && !info.isFile()) continue;
    written.push({ out, info, path: where.path });
  }
  for (const w of written) {
    if (!w.info) continue; // a new file is no input
    for (const input of inputs) {
      const info = input.file === "-" ? stdinFile(stdin) : await stat(input.file).catch(() => undefined);
      if (info && info.isFile() && same(info, w.info)) {
        const name = input.file === "-" ? `${input.what} (standard input)` : input.file === w.out.file ? input.what : `${input.what} ${input.file}`;
        return `${w.out.what} ${w.out.file} is the same file as ${name}: writing it would destroy the input; write to another file`;
      }
    }
  }
  for (let i = 0; i < written.length; i++) {
    for (let j = i + 1; j < written.length; j++) {
      const a = written[i]!;
      const b = written[j]!;
      if (a.path === b.path || (a.info && b.info && same(a.info, b.info))) {
        return `${a.out.what} ${a.out.file} and ${b.out.what} ${b.out.file} are the same file: one would overwrite the other; give them different names`;
      }
    }
  }
  return undefined;
}
