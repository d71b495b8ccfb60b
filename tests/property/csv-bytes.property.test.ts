/**
 * Rows written as bytes (issue #17, item 2) against the strings they replace:
 * on random computed lines (ids with commas, quotes, formula starts, line
 * breaks, non-ASCII and lone surrogates; amounts of any scale and size,
 * negative, zero, bigint past 2^53; duties with and without shares, one
 * measure at several rates and bases), CsvLineWriter writes the UTF-8 bytes
 * of `lineCsvText`, the row's definition. And through a real sink, the stream
 * gets the same writes (same bytes, same cuts) from ByteRows as from strings,
 * so even what a failed run leaves on standard output is the same.
 */
import { Writable } from "node:stream";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { LineResult, Plan } from "../../src/core/duty/compute.js";
import type { Decimal } from "../../src/core/money/decimal.js";
import { rate } from "../../src/core/money/rate.js";
import { lineCsvText } from "../../src/cli/render/calc-output.js";
import { ByteRows, fragment } from "../../src/cli/render/byte-rows.js";
import { CsvLineWriter, plainId } from "../../src/cli/render/calc-csv-bytes.js";
import { csvField, neutralizeFormula } from "../../src/cli/render/csv-row.js";
import { streamSink } from "../../src/io/atomic-write.js";

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
/** Decimals as the money code makes them: a number while the units are a safe integer, else a bigint. */
const canonical = (u: bigint): number | bigint => (u >= -MAX_SAFE && u <= MAX_SAFE ? Number(u) : u);

const units = fc.oneof(
  fc.integer({ min: -100_000, max: 100_000 }),
  fc.maxSafeInteger(),
  fc.constantFrom(0, 2 ** 31, 2 ** 53 - 1, 1 - 2 ** 53),
  fc.bigInt({ min: -(2n ** 90n), max: 2n ** 90n }).map(canonical),
);
/** A declared amount (value, content): any scale. */
const declared: fc.Arbitrary<Decimal> = fc.record({ units, scale: fc.integer({ min: 0, max: 18 }) });
/** An amount formatMoney prints: two decimals or fewer, or more that are zeros (it normalises them). */
const money: fc.Arbitrary<Decimal> = fc.oneof(
  fc.record({ units, scale: fc.integer({ min: 0, max: 2 }) }),
  fc.tuple(units, fc.integer({ min: 3, max: 6 })).map(([u, scale]): Decimal => ({ units: canonical(BigInt(u) * 10n ** BigInt(scale - 2)), scale })),
);

/** Text of any UTF-16 codes (lone surrogates too), and the cases the id rules are about. */
const anyText = fc.oneof(
  fc.string({ unit: "binary", maxLength: 12 }),
  fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 8 }),
  fc.string({ unit: fc.constantFrom("a", "1", ",", '"', "=", "+", "-", "@", "\t", "\r", "\n", " ", "é", "\uD83D", "\uDE00", "×"), maxLength: 8 }),
  fc.constantFrom("", "INV-1", "INV,1", 'say "x"', "=1+2", "+1", "-12.50", "-x", "-", "@SUM(A1)", "\tx", "a\nb", "Lé", "\uD800", "😀"),
);
const code = fc.oneof(fc.constantFrom("US", "CA", "CAD", "USD", "2025-09-15", "8712.00.00", "steel", "other_goods"), anyText);

const RATES = ["25%", "7.5%", "0%", "35.19%", "10%"].map(rate);
const SHARES: (Decimal | null)[] = [null, { units: 85, scale: 2 }, { units: 1, scale: 0 }, { units: 125, scale: 3 }];
/** A few plans, each shared by many lines whose duties may differ. */
const PLANS = Array.from({ length: 3 }, () => ({}) as Plan);

/** A measure with any rate, share and basis: the words kept for a measure must be told apart by those. */
const duty = fc.record({
  measure: fc.oneof(fc.constantFrom("us-232-steel", "us-ieepa-canada", "ca-surtax-us-2026"), anyText),
  heading: fc.constant(null),
  rate: fc.constantFrom(...RATES),
  basis: fc.constantFrom("value", "content", "non_content", "non_us_content"),
  share: fc.constantFrom(...SHARES),
  usContentCap: fc.constant(null),
  base: money,
  amount: money,
});

const lineResult: fc.Arbitrary<LineResult> = fc
  .record({
    line: fc.oneof(fc.integer({ min: 2, max: 10_000_000 }), fc.maxSafeNat()),
    id: fc.option(anyText),
    date: code,
    importer: code,
    origin: code,
    sector: code,
    hs: fc.option(code),
    usmca: fc.boolean(),
    value: declared,
    currency: code,
    content: fc.option(declared),
    fx: fc.option(fc.record({ from: code, to: code, text: anyText, date: code })),
    ownCustomsValue: fc.boolean(),
    customsValue: money,
    dutyCurrency: code,
    duty: money,
    duties: fc.array(duty, { maxLength: 4 }),
    plan: fc.constantFrom(...PLANS),
  })
  .map((g) => {
    const shipment = { line: g.line, id: g.id, date: g.date, importer: g.importer, origin: g.origin, sector: g.sector, hs: g.hs, usmca: g.usmca, value: g.value, currency: g.currency, content: g.content, fx: g.fx };
    // The customs value is often the declared value itself (the same object): printed as declared then.
    return { shipment, dutyCurrency: g.dutyCurrency, customsValue: g.ownCustomsValue ? g.value : g.customsValue, duties: g.duties, skipped: [], duty: g.duty, fees: [], charges: 0, plan: g.plan } as unknown as LineResult;
  });

/** The columns after `reason`: in calc, the schedule and what-if cells (each after a comma), then the line's extra cells. */
const tail = anyText.map((t) => "," + t);
const more = fc.oneof(fc.constant(""), anyText.map((t) => "," + t));

/** What `lineCsvText` gives, or the error it throws (formatMoney refuses more than two decimals that are not zeros). */
function textRow(r: LineResult, t: string): Buffer | string {
  try {
    return Buffer.from(lineCsvText(r, t), "utf8");
  } catch (e) {
    return (e as Error).message;
  }
}

function byteRow(writer: CsvLineWriter, rows: ByteRows, got: Buffer[], r: LineResult, t: string, m: string): Buffer | string {
  got.length = 0;
  try {
    writer.line(r, fragment(t), m);
  } catch (e) {
    return (e as Error).message;
  }
  rows.flush();
  return Buffer.concat(got);
}

describe("calc --format csv rows as bytes", () => {
  it("are the UTF-8 bytes of lineCsvText", () => {
    const got: Buffer[] = [];
    const rows = new ByteRows({ pushBytes: (b) => void got.push(Buffer.from(b)) });
    // One writer for the whole run, as calc has: its words per plan outlive each line.
    const writer = new CsvLineWriter(rows);
    fc.assert(
      fc.property(lineResult, tail, more, (r, t, m) => {
        const text = textRow(r, t + m);
        const bytes = byteRow(writer, rows, got, r, t, m);
        if (typeof bytes === "string") {
          // A failed row leaves a partial block behind: start the next from nothing.
          rows.flush();
          expect(bytes).toBe(text);
        } else expect(bytes.equals(text as Buffer) ? "same" : { bytes: bytes.toString("utf8"), text: text.toString() }).toBe("same");
      }),
      { numRuns: 3000 },
    );
  });

  it("plainId is true exactly when csvField(neutralizeFormula(id)) leaves the id as it is, save for ids of other printable codes", () => {
    fc.assert(
      fc.property(anyText, (id) => {
        // plain → nothing to quote or neutralise; the converse need not hold (a tab, a non-ASCII id: the slow path, same text).
        if (plainId(id)) expect(csvField(neutralizeFormula(id))).toBe(id);
      }),
      { numRuns: 3000 },
    );
  });
});

/** A stream that records each write it gets, as bytes. */
function recorder(): { stream: Writable; writes: Buffer[] } {
  const writes: Buffer[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      writes.push(Buffer.from(chunk));
      done();
    },
  });
  return { stream, writes };
}

describe("ByteRows through a sink", () => {
  it("gives the stream the same writes as the same rows pushed as strings", async () => {
    // Rows long and short, some of non-ASCII text (more bytes than UTF-16 codes), some with a long id (crossing 16 KiB at once).
    const row = fc.oneof(
      { weight: 8, arbitrary: fc.tuple(lineResult, tail, more).map(([r, t, m]) => ({ r, t, m })) },
      { weight: 1, arbitrary: fc.string({ unit: "binary", minLength: 1, maxLength: 30 }).map((s) => ({ text: `9,rejected,${s}\n` })) },
      { weight: 1, arbitrary: fc.nat({ max: 40_000 }).map((n) => ({ text: `${"é".repeat(n % 7)}${"x".repeat(n)}\n` })) },
    );
    await fc.assert(
      fc.asyncProperty(fc.array(row, { minLength: 1, maxLength: 400 }), async (list) => {
        const texts = recorder();
        const bytes = recorder();
        const textSink = streamSink(texts.stream);
        const byteSink = streamSink(bytes.stream);
        const rows = new ByteRows(byteSink);
        const writer = new CsvLineWriter(rows);
        for (const x of list) {
          if ("text" in x) {
            textSink.push(x.text);
            rows.text(x.text);
            rows.end();
            continue;
          }
          const t = textRow(x.r, x.t + x.m);
          if (typeof t === "string") continue; // a row formatMoney refuses is not a row calc can meet
          textSink.push(lineCsvText(x.r, x.t + x.m));
          writer.line(x.r, fragment(x.t), x.m);
        }
        // Before the end: the writes so far are the ones a failed run would have left.
        await textSink.drain();
        await byteSink.drain();
        expect(bytes.writes.map((b) => b.length)).toEqual(texts.writes.map((b) => b.length));
        rows.flush();
        await textSink.close();
        await byteSink.close();
        expect(bytes.writes.length).toBe(texts.writes.length);
        for (let i = 0; i < texts.writes.length; i++) expect(bytes.writes[i]!.equals(texts.writes[i]!)).toBe(true);
      }),
      { numRuns: 60 },
    );
  });

  it("reuses a slab only once the stream is through with every block cut from it", async () => {
    // A stream that holds every block until told: nothing may be written into a block it holds.
    const held: { copy: Buffer; view: Uint8Array; done: () => void }[] = [];
    const arrays = new Set<ArrayBufferLike>();
    const sink = {
      pushBytes: (b: Uint8Array, done?: () => void) => {
        arrays.add(b.buffer);
        held.push({ copy: Buffer.from(b), view: b, done: done ?? (() => undefined) });
      },
    };
    const rows = new ByteRows(sink);
    // Each row its own text: a block written over by later rows would differ from its copy.
    const line = (i: number) => `${i} ${"x".repeat(1000)}\n`;
    const check = () => {
      for (const h of held) expect(Buffer.from(h.view).equals(h.copy)).toBe(true);
    };
    // 10 MiB of rows, releasing the blocks late (the last 200, 3.4 MB, stay held): no held block is ever overwritten.
    for (let i = 0; i < 10 * 1024; i++) {
      rows.text(line(i));
      rows.end();
      if (i % 100 === 99) {
        check();
        for (const h of held.splice(0, Math.max(0, held.length - 200))) h.done();
      }
    }
    rows.flush();
    check();
    // And slabs were reused: 10 MiB of blocks from fewer than 10 arrays of 1 MiB.
    expect(arrays.size).toBeLessThan(10);
  });
});
