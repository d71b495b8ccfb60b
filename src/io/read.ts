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

/** Index of the first byte that does not belong to a well-formed UTF-8 sequence, or -1. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i]!;
    const need = b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (need < 0) return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
    }
    // Overlong, surrogate and out-of-range forms
    const c1 = bytes[i + 1] ?? 0;
    if ((b === 0xe0 && c1 < 0xa0) || (b === 0xed && c1 > 0x9f) || (b === 0xf0 && c1 < 0x90) || (b === 0xf4 && c1 > 0x8f)) return i;
    i += need + 1;
  }
  return -1;
}

/** Text that starts with a UTF-16 byte order mark (FF FE little-endian, FE FF big-endian). */
export function isUtf16(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff));
}

/** A file in UTF-16 (Excel's "Unicode text", Windows tools) refused in words, rather than as garbled columns or a bad byte. */
export function utf16Diagnostic(file: string, bytes: Uint8Array): Diagnostic {
  const order = bytes[0] === 0xff ? "little-endian" : "big-endian";
  return error("io/utf16", `the file is UTF-16 text (${order}), not UTF-8`, { file, line: 1 }, "save it as UTF-8 (in Excel: CSV UTF-8; in an editor: the UTF-8 encoding)");
}

export function decodeUtf8(bytes: Uint8Array, file: string): { ok: true; text: string } | { ok: false; error: Diagnostic } {
  if (isUtf16(bytes)) return { ok: false, error: utf16Diagnostic(file, bytes) };
  const bad = firstInvalidUtf8(bytes);
  if (bad < 0) return { ok: true, text: new TextDecoder("utf-8").decode(bytes) };
  // Lines end at CRLF, LF or a lone CR, as in every file we read.
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < bad; i++) {
    if (bytes[i] === 10 || (bytes[i] === 13 && bytes[i + 1] !== 10)) {
      line++;
      lineStart = i + 1;
    }
  }
  // Column in characters, as editors count them: decode the line up to the bad byte.
  const column = new TextDecoder("utf-8").decode(bytes.subarray(lineStart, bad)).length + 1;
  return { ok: false, error: error("io/not-utf8", `the file is not UTF-8 text (invalid byte 0x${bytes[bad]!.toString(16).padStart(2, "0")})`, { file, line, column }, "save the file as UTF-8") };
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
