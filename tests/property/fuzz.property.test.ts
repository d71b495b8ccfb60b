/**
 * Fuzzing (issue #8), bounded in runs and time: random JSON values and
 * byte-mutated copies of the fixtures never crash the tool.
 *
 * - validateSchedule and validateOverlay return errors, never throw, on any
 *   JSON value, on the fixtures with a random part replaced, and (through the
 *   whole `validate` command) on byte-mutated fixtures; an overlay that
 *   validates can be applied to the embedded schedule without a throw.
 * - calc on a byte-mutated sample.csv exits 0, 1 or 2, never prints a stack or
 *   "internal error", and when it does not stop (exit ≠ 2) every line read is
 *   computed or rejected: counts.read === counts.computed + counts.rejected.
 *
 * Runs in-process through `main(argv, ctx)` (what bin/tariff.js runs); a few
 * cases also spawn the built CLI, where a stack trace would really show.
 */
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { Readable, Writable } from "node:stream";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { KNOWN_COLUMNS, parseShipment, rowOf, shipmentContext } from "../../src/core/duty/shipment.js";
import { scheduleWithOverlays, validateOverlay } from "../../src/core/schedule/overlay.js";
import { validateSchedule } from "../../src/core/schedule/validate.js";
import { BIN, ROOT } from "../helpers/cli.js";
import { defaultSchedule } from "../helpers/default-schedule.js";

const bytesOf = (...parts: string[]) => readFileSync(path.join(ROOT, ...parts));
const MINIMAL = bytesOf("fixtures/schedules/minimal.json");
const OVERLAY_FILES = [
  ...readdirSync(path.join(ROOT, "fixtures/overlays")).filter((f) => f.endsWith(".json")).map((f) => `fixtures/overlays/${f}`),
  ...readdirSync(path.join(ROOT, "fixtures/overlays/invalid")).map((f) => `fixtures/overlays/invalid/${f}`),
].sort();
const OVERLAYS = OVERLAY_FILES.map((f) => bytesOf(f));
const SAMPLE = bytesOf("fixtures/shipments/sample.csv");
const SCHEDULE = defaultSchedule();

/** Bounded in time as well as in runs: a slow machine runs fewer cases rather than timing out. */
const bounded = (numRuns: number, ms: number) => ({ numRuns, interruptAfterTimeLimit: ms, markInterruptAsFailure: false });

// ---------------------------------------------------------------- byte mutations

/** Bytes that matter to JSON and CSV, often; any byte (invalid UTF-8 too) sometimes. */
const byte = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...Buffer.from(',"\n\r{}[]:0123456789-.%\\ tfn')) },
  { weight: 1, arbitrary: fc.constantFrom(0x00, 0x09, 0x7f, 0xc3, 0xe9, 0xef, 0xbb, 0xbf, 0xff) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 255 }) },
);

type Mutation = { op: "replace" | "insert" | "delete" | "duplicate"; at: number; byte: number; length: number };
const mutation: fc.Arbitrary<Mutation> = fc.record({
  op: fc.constantFrom("replace", "insert", "delete", "duplicate"),
  at: fc.nat(),
  byte,
  length: fc.integer({ min: 1, max: 40 }),
});
const mutations = fc.array(mutation, { minLength: 1, maxLength: 6 });

/** Applies byte edits in turn; `duplicate` repeats a slice (a key, a row, half a line) where it was. */
function mutate(original: Buffer, edits: Mutation[]): Buffer {
  let b = original;
  for (const m of edits) {
    const at = m.at % (b.length + 1);
    if (m.op === "replace" && at < b.length) b = Buffer.concat([b.subarray(0, at), Buffer.from([m.byte]), b.subarray(at + 1)]);
    else if (m.op === "insert" || (m.op === "replace" && at === b.length)) b = Buffer.concat([b.subarray(0, at), Buffer.from([m.byte]), b.subarray(at)]);
    else if (m.op === "delete") b = Buffer.concat([b.subarray(0, at), b.subarray(at + m.length)]);
    else b = Buffer.concat([b.subarray(0, at + m.length), b.subarray(at, at + m.length), b.subarray(at + m.length)]);
  }
  return b;
}

// ---------------------------------------------------------------- structural mutations

type JsonPath = (string | number)[];

/** Every path to a value inside a JSON value (the root excluded). */
function pathsOf(value: unknown, at: JsonPath = []): JsonPath[] {
  if (value === null || typeof value !== "object") return [];
  const entries = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value);
  return entries.flatMap(([k, v]) => [[...at, k], ...pathsOf(v, [...at, k])]);
}

/** A copy of `doc` with the value at `where` replaced by `by` (or removed when `by` is undefined). */
function replaced(doc: unknown, where: JsonPath, by: unknown): unknown {
  const copy = structuredClone(doc) as Record<string | number, unknown>;
  let parent = copy;
  for (const part of where.slice(0, -1)) parent = parent[part] as Record<string | number, unknown>;
  const last = where[where.length - 1]!;
  if (by !== undefined) parent[last] = by;
  else if (Array.isArray(parent)) parent.splice(last as number, 1);
  else delete parent[last];
  return copy;
}

/** `doc` with one random part replaced by a random JSON value, a look-alike string or number, or removed. */
function partReplaced(doc: unknown): fc.Arbitrary<unknown> {
  const paths = pathsOf(doc);
  const substitute = fc.oneof(
    fc.jsonValue({ maxDepth: 2 }),
    fc.constantFrom("", "*", "25%", "-5%", "1e3%", "2025-02-30", "2025-03-04", "9999-12-31", "usmca", "__proto__", "constructor", "us-steel", "steel", "value", "content", "owes"),
    fc.constantFrom(0, -1, 25, 1e308, Number.MAX_SAFE_INTEGER + 2),
    fc.constant(undefined),
  );
  return fc.tuple(fc.constantFrom(...paths), substitute).map(([where, by]) => replaced(doc, where, by));
}

// ---------------------------------------------------------------- running the command in-process

async function runMain(args: string[], input: Buffer): Promise<{ code: number; stdout: string; stderr: string }> {
  const collect = (chunks: Buffer[]) => new Writable({ write: (c: Buffer | string, _e, done) => (chunks.push(Buffer.from(c)), done()) });
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  const stdin = Object.assign(Readable.from(input.length === 0 ? [] : [input]), { isTTY: false });
  const code = await main(args, { stdout: collect(out), stderr: collect(err), stdin, env: { NO_COLOR: "1" }, today: "2026-11-23" });
  return { code, stdout: Buffer.concat(out).toString("utf8"), stderr: Buffer.concat(err).toString("utf8") };
}

/** What a user must never see: a JavaScript stack, or the bug report of main(). */
const CRASH = /^\s+at |internal error|This is a bug/m;

function expectCalcInvariants(r: { code: number | null; stdout: string; stderr: string }, input: Buffer): void {
  const context = `input: ${JSON.stringify(input.toString("latin1"))}\nstderr: ${r.stderr}`;
  expect([0, 1, 2], context).toContain(r.code);
  expect(r.stderr, context).not.toMatch(CRASH);
  if (r.code === 2) return;
  const body = JSON.parse(r.stdout) as { lines: unknown[]; rejected: { line: number }[]; counts: { read: number; computed: number; rejected: number } };
  expect(body.counts.read, context).toBe(body.counts.computed + body.counts.rejected);
  expect(body.lines.length, context).toBe(body.counts.computed);
  expect(body.rejected.length, context).toBe(body.counts.rejected);
  expect(r.code, context).toBe(body.counts.rejected > 0 ? 1 : 0);
  for (const x of body.rejected) expect(x.line, context).toBeGreaterThanOrEqual(2);
}

// ---------------------------------------------------------------- properties

describe("validateSchedule and validateOverlay never throw", () => {
  it("on any JSON value", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(validateSchedule(value, "fuzz.json").ok).toBe(false);
        expect(validateOverlay(value, "fuzz.json").ok).toBe(false);
      }),
      bounded(500, 4000),
    );
  });

  it("on any JSON object that claims the right format", () => {
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom("id", "version", "title", "asOf", "sectors", "measures", "importers", "changes", "note", "x"), fc.jsonValue({ maxDepth: 3 })), (rest) => {
        validateSchedule({ ...rest, format: "tariff-schedule/1" }, "fuzz.json");
        validateOverlay({ ...rest, format: "tariff-overlay/1" }, "fuzz.json");
      }),
      bounded(500, 4000),
    );
  });

  it("on minimal.json with one part replaced or removed; errors, when any, carry a JSON path", () => {
    fc.assert(
      fc.property(partReplaced(JSON.parse(MINIMAL.toString("utf8"))), (doc) => {
        const r = validateSchedule(doc, "fuzz.json");
        if (!r.ok) {
          expect(r.errors.length).toBeGreaterThan(0);
          for (const e of r.errors) expect(e.at).toMatchObject({ file: "fuzz.json", path: expect.any(Array) });
        }
      }),
      bounded(600, 5000),
    );
  });

  it("on each overlay fixture with one part replaced or removed; a valid result applies to the embedded schedule without a throw", () => {
    const docs = OVERLAYS.map((b) => JSON.parse(b.toString("utf8")) as unknown);
    fc.assert(
      fc.property(fc.oneof(...docs.map(partReplaced)), (doc) => {
        const r = validateOverlay(doc, "fuzz.json");
        if (r.ok) scheduleWithOverlays(SCHEDULE, [r.value], "default + fuzz.json");
      }),
      bounded(300, 5000),
    );
  });
});

describe("validate on byte-mutated fixtures (the whole command, in-process)", () => {
  it("a schedule: exit 0, 1 or 2, never a crash", async () => {
    await fc.assert(
      fc.asyncProperty(mutations, async (edits) => {
        const input = mutate(MINIMAL, edits);
        const r = await runMain(["validate", "-"], input);
        expect([0, 1, 2], r.stderr).toContain(r.code);
        expect(r.stderr, input.toString("latin1")).not.toMatch(CRASH);
        if (r.code !== 0) expect(r.stderr).toMatch(/: error: /);
      }),
      bounded(200, 5000),
    );
  });

  it("an overlay, checked against the embedded schedule: exit 0, 1 or 2, never a crash", async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: OVERLAYS.length - 1 }), mutations, async (which, edits) => {
        const input = mutate(OVERLAYS[which]!, edits);
        const r = await runMain(["validate", "-"], input);
        expect([0, 1, 2], r.stderr).toContain(r.code);
        expect(r.stderr, `${OVERLAY_FILES[which]}: ${input.toString("latin1")}`).not.toMatch(CRASH);
      }),
      bounded(150, 5000),
    );
  });
});

describe("calc on byte-mutated shipments", () => {
  it("exit 0, 1 or 2, no crash; when not stopped, read = computed + rejected (in-process)", async () => {
    await fc.assert(
      fc.asyncProperty(mutations, async (edits) => {
        const input = mutate(SAMPLE, edits);
        expectCalcInvariants(await runMain(["calc", "-", "--format", "json"], input), input);
      }),
      bounded(250, 6000),
    );
  });

  it("parseShipment never throws on any row, and a rejection names a known column", () => {
    const ctx = shipmentContext(SCHEDULE, undefined);
    const cell = fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom("", " ", "US", "ca", "2025-09-15", "2025-02-29", "2024-02-29", "7308.90", "0", "-0", "1e3", "1,000", "Y", "N", "USD", "CAD", "steel", "constructor", "__proto__", "Total"));
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...KNOWN_COLUMNS), cell), (row) => {
        const r = parseShipment(rowOf(row), ctx);
        if (!r.ok) {
          expect(r.rejection.code).toMatch(/^shipment\/[a-z-]+$/);
          expect([null, ...KNOWN_COLUMNS]).toContain(r.rejection.column);
        }
      }),
      bounded(2000, 4000),
    );
  });

  it("the built CLI: exit 0, 1 or 2 and no stack trace on stderr (a few spawns)", () => {
    fc.assert(
      fc.property(mutations, (edits) => {
        const input = mutate(SAMPLE, edits);
        const r = spawnSync(process.execPath, [BIN, "calc", "-", "--format", "json"], { cwd: ROOT, input, env: { ...process.env, NO_COLOR: "1" }, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
        expectCalcInvariants({ code: r.status, stdout: r.stdout, stderr: r.stderr }, input);
      }),
      bounded(6, 8000),
    );
  });

  it("the built CLI on byte-mutated schedules and overlays: no stack trace (a few spawns)", () => {
    fc.assert(
      fc.property(fc.constantFrom(MINIMAL, ...OVERLAYS), mutations, (original, edits) => {
        const input = mutate(original, edits);
        const r = spawnSync(process.execPath, [BIN, "validate", "-"], { cwd: ROOT, input, env: { ...process.env, NO_COLOR: "1" }, encoding: "utf8" });
        expect([0, 1, 2]).toContain(r.status);
        expect(r.stderr, input.toString("latin1")).not.toMatch(CRASH);
      }),
      bounded(4, 6000),
    );
  });
});
