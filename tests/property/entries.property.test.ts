/**
 * Invariants of entries, fees and scenario reuse (issue #15 item 6), over
 * random files:
 * - a file split into entries and summed equals the per-line totals plus the
 *   fees; each entry's fee is its lines' fees summed, then held between the
 *   minimum and maximum (never per line); pricing each entry as a file of its
 *   own gives the same amounts;
 * - a scenario compared with itself changes nothing, fees included, even when
 *   its two schedules are separate objects read from two files.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { PricingEngine } from "../../src/core/duty/engine.js";
import { Run, type RunResult } from "../../src/core/duty/run.js";
import type { LineResult } from "../../src/core/duty/compute.js";
import { rowOf } from "../../src/core/duty/shipment.js";
import { type Decimal, ZERO, add, compare } from "../../src/core/money/decimal.js";
import { formatMoney } from "../../src/core/money/money.js";
import { Comparison } from "../../src/core/scenario/compare.js";
import type { Schedule } from "../../src/core/schedule/model.js";
import { loadSchedule } from "../../src/io/schedule-source.js";
import { totalsJson } from "../../src/cli/render/calc-output.js";
import { ROOT } from "../helpers/cli.js";
import { cents, isoDay, money } from "../helpers/generators.js";
import { defaultScheduleJson } from "../helpers/default-schedule.js";
import { pathToFileURL } from "node:url";

/** The fees of data/fees.mjs (the default schedule's, once the build takes them). */
const { fees: feeDefs } = (await import(pathToFileURL(path.join(ROOT, "data", "fees.mjs")).href)) as { fees: unknown[] };
/** A turn of the event loop between runs, so the worker answers vitest (see compare.property.test.ts). */
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

const m = formatMoney;

async function load(file: string): Promise<Schedule> {
  const r = await loadSchedule(file);
  if (!r.ok) throw new Error(`${file}: ${r.errors.map((e) => e.message).join("; ")}`);
  return r.value;
}

const feesSchedule = await load(path.join(ROOT, "fixtures/schedules/fees.json"));
const prefixes = feesSchedule.sectors.flatMap((s) => s.hs);

/** A row of fixtures/schedules/fees.json: either importer, an entry of a few (or none), a mode (or none), some declared charges. */
const row = fc
  .record({
    date: isoDay(-90, 800), // FY2025 to FY2027
    importer: fc.constantFrom("US", "CA"),
    hs: fc.constantFrom(...prefixes),
    value: fc.oneof(cents, fc.bigInt({ min: 0n, max: 1_500_00n })), // large values, and small ones that fall under the MPF minimum
    usmca: fc.boolean(),
    entry: fc.constantFrom("E1", "E2", "E3", "E4", ""),
    mode: fc.constantFrom("vessel", "ocean", "truck", "air", ""),
    customsDuty: fc.option(fc.bigInt({ min: 0n, max: 10_000_00n }), { nil: undefined }),
  })
  .map((r) => ({
    date: r.date,
    importer: r.importer,
    hs: r.hs,
    value: money(r.value),
    usmca: r.usmca ? "Y" : "N",
    entry: r.entry,
    mode: r.mode,
    customs_duty: r.customsDuty === undefined ? "" : money(r.customsDuty),
  }));
const files = fc.array(row, { minLength: 0, maxLength: 40 });

function price(rows: Record<string, string>[], s: Schedule = feesSchedule): { result: RunResult; lines: LineResult[] } {
  const run = new Run(new PricingEngine([s], { fees: true }), [""], { entries: true });
  const lines: LineResult[] = [];
  rows.forEach((r, i) => {
    const added = run.add(rowOf(r, i + 2));
    if (!added.ok) throw new Error(added.rejection.reason);
    lines.push(added.results[0]!);
  });
  return { result: run.result(), lines };
}

const sum = (ds: Decimal[]) => ds.reduce((a, b) => add(a, b), ZERO);

/** Per currency: duty of the lines, fees of the entries. */
function owed(result: RunResult): Record<string, { duty: string; fees: string }> {
  const s = result.scenarios[0]!;
  const out: Record<string, { duty: string; fees: string }> = {};
  for (const [c, t] of s.totals) out[c] = { duty: m(t.duty), fees: m(s.fees!.get(c)?.total ?? ZERO) };
  return out;
}

describe("entries and fees", () => {
  it("summed over entries: the per-line totals plus the fees; each entry's fee is its lines' summed, then bounded", async () => {
    await fc.assert(
      fc.asyncProperty(files, async (rows) => {
        await turn();
        const { result, lines } = price(rows);
        const s = result.scenarios[0]!;
        const entries = [...s.entries!];
        for (const [c, t] of s.totals) {
          const of = entries.filter((e) => e.currency === c);
          expect(m(sum(of.map((e) => e.value)))).toBe(m(t.value));
          expect(m(sum(of.map((e) => e.duty)))).toBe(m(t.duty));
          expect(of.reduce((n, e) => n + e.lines, 0)).toBe(t.lines);
          // duty + fees of the entries = the lines' duty + the fee totals
          expect(m(sum(of.map((e) => add(e.duty, e.feeTotal))))).toBe(m(add(t.duty, s.fees!.get(c)?.total ?? ZERO)));
        }
        for (const e of entries) {
          const own = lines.filter((l) => l.shipment.importer === e.importer && l.shipment.entry === e.entry);
          for (const f of e.fees) {
            const parts = own.flatMap((l) => l.fees.filter((x) => x.charge.fee === f.fee));
            expect(parts.length).toBe(f.lines);
            expect(m(f.lineAmount)).toBe(m(sum(parts.map((p) => p.amount))));
            let bounded = f.lineAmount;
            if (e.entry !== null && f.minimum !== null && compare(bounded, f.minimum) < 0) bounded = f.minimum;
            else if (e.entry !== null && f.maximum !== null && compare(bounded, f.maximum) > 0) bounded = f.maximum;
            expect(m(f.amount)).toBe(m(bounded));
          }
        }
      }),
      { numRuns: 200 },
    );
  }, 120_000);

  it("each entry priced as a file of its own gives the same amounts (no entry's minimum or maximum leaks into another's)", async () => {
    await fc.assert(
      fc.asyncProperty(files, async (rows) => {
        await turn();
        const whole = owed(price(rows).result);
        const groups = new Map<string, Record<string, string>[]>();
        for (const r of rows) {
          const key = `${r.importer}|${r.entry}`;
          groups.set(key, [...(groups.get(key) ?? []), r]);
        }
        const parts: Record<string, { duty: Decimal; fees: Decimal }> = {};
        for (const g of groups.values()) {
          const { result } = price(g);
          const s = result.scenarios[0]!;
          for (const [c, t] of s.totals) {
            const p = (parts[c] ??= { duty: ZERO, fees: ZERO });
            p.duty = add(p.duty, t.duty);
            p.fees = add(p.fees, s.fees!.get(c)?.total ?? ZERO);
          }
        }
        expect(Object.fromEntries(Object.entries(parts).map(([c, p]) => [c, { duty: m(p.duty), fees: m(p.fees) }]))).toEqual(whole);
      }),
      { numRuns: 100 },
    );
  }, 120_000);
});

describe("a scenario compared with itself, its schedule read from two files", () => {
  // The embedded schedule with the fees of data/fees.mjs, written twice: two files, two separate Schedule objects.
  const dir = mkdtempSync(path.join(os.tmpdir(), "tariff-self-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const text = JSON.stringify({ ...defaultScheduleJson(), fees: feeDefs }, null, 2);
  writeFileSync(path.join(dir, "a.json"), text);
  writeFileSync(path.join(dir, "b.json"), readFileSync(path.join(dir, "a.json"), "utf8"));

  it("changes nothing: every line reuses the base's amounts, and totals, entries and fees are equal", async () => {
    const [a, b] = [await load(path.join(dir, "a.json")), await load(path.join(dir, "b.json"))];
    expect(a).not.toBe(b);
    const prefixes = a.sectors.flatMap((s) => s.hs);
    const defaultRow = row.chain((r) => fc.constantFrom(...prefixes).map((hs) => ({ ...r, hs })));
    await fc.assert(
      fc.asyncProperty(fc.array(defaultRow, { maxLength: 30 }), async (rows) => {
        await turn();
        const c = new Comparison([{ name: "a", schedule: a }, { name: "b", schedule: b }], undefined, 5, undefined, {}, { fees: true, entries: true });
        for (const [i, r] of rows.entries()) {
          const added = c.add(rowOf(r, i + 2));
          if (!added.ok) continue; // a ban rejects the line under both
          const [x, y] = added.results;
          expect(y!.charges).toBe(x!.charges);
          expect(y!.duties).toBe(x!.duties);
          expect(y!.fees).toBe(x!.fees);
        }
        const result = c.result();
        expect(totalsJson(result.totals.get("b")!, result.charged.get("b")!.fees)).toEqual(totalsJson(result.totals.get("a")!, result.charged.get("a")!.fees));
        expect([...result.charged.get("b")!.entries!]).toEqual([...result.charged.get("a")!.entries!]);
        expect([...result.top.get("b")!.values()].flat()).toEqual([]);
      }),
      { numRuns: 60 },
    );
  }, 180_000);
});
