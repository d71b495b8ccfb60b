/**
 * A shipments file opened for reading, whatever it is: a CSV file (or text
 * in another declared encoding), or an Excel workbook (.xlsx), told by its
 * first bytes (a ZIP archive: "PK\x03\x04"), so that a workbook named .csv
 * is read as a workbook, and a file named .xlsx that is not one is refused in
 * words. Standard input is told the same way.
 *
 * `rereadable` (for `--rejects`, which copies rows from the input as they
 * are rejected): standard input is first copied to a temp file (registered
 * in temp-files.ts, so removed on every way out, and at `close`), and read
 * from there; memory stays flat, the disk holds the copy.
 */
import { createWriteStream } from "node:fs";
import { type FileHandle, open, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { unlinkSync } from "node:fs";
import { type Diagnostic, error } from "../core/diagnostics.js";
import { STDIN_LABEL, describeFsError } from "./read.js";
import { type CsvItem, type ReadOptions, readShipments } from "./shipments.js";
import { registerTemp, releaseTemp } from "./temp-files.js";
import { type WorkbookSheet, openWorkbook, sheetNote } from "./xlsx.js";

export interface ShipmentSource {
  kind: "csv" | "xlsx";
  /** How messages name the input: the file, `<stdin>`, or a workbook's sheet `book.xlsx[Lines]`. */
  label: string;
  /** A file holding the input's bytes, to read again (`--rejects` of a CSV file): the file itself, or standard input's copy. */
  file?: string;
  /** The workbook's sheet, for an Excel file. */
  workbook?: WorkbookSheet;
  /** A note to show before reading (which sheet of several is read), if any. */
  note?: Diagnostic;
  read(options: ReadOptions): AsyncGenerator<CsvItem[]>;
  /** Lets go of the input (it may be left unread: --explain), and removes standard input's copy. */
  close(): void;
}

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
let copies = 0;

const startsWith = (head: Uint8Array, magic: number[]) => magic.every((b, i) => head[i] === b);

export async function openShipments(
  file: string,
  stdin: NodeJS.ReadableStream & { isTTY?: boolean },
  options: { sheet?: string; rereadable?: boolean } = {},
): Promise<{ ok: true; source: ShipmentSource } | { ok: false; error: Diagnostic }> {
  const label = file === "-" ? STDIN_LABEL : file;
  let stream: Readable;
  let head: Buffer;
  let reread: string | undefined;
  let copy: string | undefined;
  const dropCopy = () => {
    if (copy === undefined) return;
    try {
      unlinkSync(copy);
    } catch {
      // already gone
    }
    releaseTemp(copy);
    copy = undefined;
  };
  if (file === "-") {
    if (stdin.isTTY) return { ok: false, error: error("io/no-input", "no input: give a shipment file, or pipe one on stdin", { file: STDIN_LABEL }) };
    if (options.rereadable) {
      copy = path.join(tmpdir(), `tariff-${process.pid}-${Date.now().toString(36)}-${(copies++).toString(36)}.stdin`);
      registerTemp(copy);
      try {
        await pipeline(stdin, createWriteStream(copy, { flags: "wx", mode: 0o600 }));
      } catch (e) {
        dropCopy();
        return { ok: false, error: describeFsError(e, STDIN_LABEL) };
      }
      const opened = await openFile(copy, STDIN_LABEL);
      if (!opened.ok) {
        dropCopy();
        return opened;
      }
      ({ stream, head } = opened);
      reread = copy;
    } else {
      stream = stdin as Readable;
      try {
        head = await peek(stream, 8);
      } catch (e) {
        return { ok: false, error: describeFsError(e, STDIN_LABEL) };
      }
    }
  } else {
    const opened = await openFile(file, file);
    if (!opened.ok) return opened;
    ({ stream, head } = opened);
    reread = file;
  }

  const fail = (d: Diagnostic) => {
    stream.destroy();
    dropCopy();
    return { ok: false as const, error: d };
  };
  if (startsWith(head, OLE2)) return fail(error("xlsx/xls", "the file is an Excel 97–2003 workbook (.xls), which tariff does not read", { file: label }, "save it as an Excel workbook (.xlsx) or as CSV UTF-8"));
  if (startsWith(head, ZIP)) {
    const opened = await openWorkbook(stream, label, options.sheet, options.rereadable === true);
    if (!opened.ok) return fail(opened.error);
    const workbook = opened.workbook;
    const note = sheetNote(workbook.label, workbook, options.sheet !== undefined);
    return {
      ok: true,
      source: {
        kind: "xlsx",
        label: workbook.label,
        workbook,
        ...(note ? { note } : {}),
        read: (o) => workbook.rows(o),
        close: () => {
          workbook.close();
          dropCopy();
        },
      },
    };
  }
  if (/\.xls[xm]$/i.test(file)) return fail(error("xlsx/not-a-workbook", `the file is named ${path.extname(file)} but is not an Excel workbook (it does not start as a ZIP archive does)`, { file: label }, "give the workbook itself, or a CSV file"));
  if (options.sheet !== undefined) return fail(error("xlsx/not-a-workbook", `--sheet ${JSON.stringify(options.sheet)} goes with an Excel workbook (.xlsx), and this is read as CSV text`, { file: label }, "leave out --sheet for a CSV file"));
  return {
    ok: true,
    source: {
      kind: "csv",
      label,
      ...(reread !== undefined ? { file: reread } : {}),
      read: (o) => readShipments(stream, label, o),
      close: () => {
        stream.destroy();
        dropCopy();
      },
    },
  };
}

/** A file as a stream of its bytes, and its first bytes (read apart, so the stream starts at the beginning). */
async function openFile(file: string, label: string): Promise<{ ok: true; stream: Readable; head: Buffer } | { ok: false; error: Diagnostic }> {
  let handle: FileHandle | undefined;
  try {
    const info = await stat(file);
    if (info.isDirectory()) return { ok: false, error: error("io/unreadable", "cannot read the file: it is a folder, not a file", { file: label }) };
    handle = await open(file, "r");
    const head = Buffer.alloc(8);
    const { bytesRead } = await handle.read(head, 0, 8, 0);
    // 64 KiB reads (Node's default): each read becomes one batch of records, and
    // a small batch is processed before the garbage collector has to move it
    // (256 KiB cost 15% more time and 50% more memory on a million lines).
    return { ok: true, stream: handle.createReadStream({ highWaterMark: 64 * 1024, start: 0 }), head: head.subarray(0, bytesRead) };
  } catch (e) {
    await handle?.close().catch(() => undefined);
    return { ok: false, error: describeFsError(e, label) };
  }
}

/** The first `n` bytes of a stream (fewer at its end), put back so that reading starts from the beginning. */
async function peek(stream: Readable, n: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  let failure: Error | undefined;
  const onError = (e: Error) => (failure = e);
  stream.on("error", onError);
  try {
    while (size < n && !stream.readableEnded) {
      const chunk = stream.read() as Buffer | string | null;
      if (chunk === null) {
        if (failure) throw failure;
        await new Promise<void>((resolve) => {
          const done = () => {
            stream.off("readable", done);
            stream.off("end", done);
            stream.off("error", done);
            resolve();
          };
          stream.on("readable", done);
          stream.on("end", done);
          stream.on("error", done);
        });
        if (failure) throw failure;
        continue;
      }
      const bytes = typeof chunk === "string" ? Buffer.from(chunk) : chunk;
      chunks.push(bytes);
      size += bytes.length;
    }
  } finally {
    stream.off("error", onError);
  }
  const head = Buffer.concat(chunks);
  if (head.length > 0) stream.unshift(head);
  return head;
}
