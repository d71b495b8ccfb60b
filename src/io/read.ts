/**
 * Reading input files (or stdin for "-") as UTF-8 text, with failures as
 * Diagnostics: a missing file, a folder, bytes that are not UTF-8.
 */
import { readFile } from "node:fs/promises";
import { type Diagnostic, error } from "../core/diagnostics.js";

export const STDIN_LABEL = "<stdin>";

export async function readStdin(stdin: NodeJS.ReadableStream = process.stdin): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks);
}

export function describeFsError(e: unknown, file: string): Diagnostic {
  const err = e as NodeJS.ErrnoException;
  const why: Record<string, string> = {
    ENOENT: "no such file",
    EISDIR: "it is a folder, not a file",
    EACCES: "permission denied",
    EPERM: "permission denied",
    ENOTDIR: "a part of the path is not a folder",
  };
  return error("io/unreadable", `cannot read the file: ${why[err.code ?? ""] ?? err.message}`, { file });
}

export function decodeUtf8(bytes: Uint8Array, file: string): { ok: true; text: string } | { ok: false; error: Diagnostic } {
  try {
    return { ok: true, text: new TextDecoder("utf-8", { fatal: true }).decode(bytes) };
  } catch {
    // Find the first bad byte to say where.
    let line = 1;
    let lineStart = 0;
    for (let i = 0; i < bytes.length; i++) {
      try {
        new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(lineStart, i + 1), { stream: true });
      } catch {
        return { ok: false, error: error("io/not-utf8", `${file} is not UTF-8 text (invalid byte 0x${bytes[i]!.toString(16).padStart(2, "0")})`, { file, line, column: i - lineStart + 1 }, "save the file as UTF-8") };
      }
      if (bytes[i] === 10) {
        line++;
        lineStart = i + 1;
      }
    }
    return { ok: false, error: error("io/not-utf8", `${file} is not UTF-8 text`, { file }, "save the file as UTF-8") };
  }
}

export async function readText(file: string, stdin?: NodeJS.ReadableStream): Promise<{ ok: true; text: string; label: string } | { ok: false; error: Diagnostic }> {
  const label = file === "-" ? STDIN_LABEL : file;
  let bytes: Uint8Array;
  try {
    bytes = file === "-" ? await readStdin(stdin) : await readFile(file);
  } catch (e) {
    return { ok: false, error: describeFsError(e, label) };
  }
  const decoded = decodeUtf8(bytes, label);
  return decoded.ok ? { ok: true, text: decoded.text, label } : decoded;
}
