/**
 * The HS lookup (core/lookup/product.ts) against a plain reading of the
 * schedule: for any sectors, lists (with dated entries and exceptions) and
 * codes, `ofCode` gives the sector holding the longest prefix of the code, the
 * entries whose prefix holds it and that no exception of theirs removes (by
 * prefix length, then in file order), and the lists of entries it is too short
 * to place. The index settles nodes lazily, on first reach: the answers must
 * not depend on the order codes are looked up in, and two codes have equal
 * product keys exactly when their answers are equal.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ProductIndex } from "../../src/core/lookup/product.js";
import type { ListDef, SectorDef } from "../../src/core/schedule/model.js";

/** Short digit strings over a small alphabet, so that prefixes collide often. */
const digits = (min: number, max: number) => fc.array(fc.constantFrom("0", "1", "2"), { minLength: min, maxLength: max }).map((d) => d.join(""));
const date = fc.constantFrom(undefined, "2025-03-04", "2026-04-06");

const entry = fc.record({ hs: digits(2, 6), from: date, until: date, except: fc.array(digits(3, 8), { maxLength: 2 }) }).map((e) => ({
  hs: e.hs,
  ...(e.from !== undefined ? { from: e.from } : {}),
  ...(e.until !== undefined ? { until: e.until } : {}),
  // An exception lies under its entry's prefix (validation refuses others).
  except: e.except.map((x) => e.hs + x.slice(e.hs.length)).filter((x) => x.length > e.hs.length),
}));

const world = fc.record({
  sectors: fc.array(fc.array(digits(2, 4), { minLength: 1, maxLength: 3 }), { maxLength: 4 }),
  // More than 8 lists: the lists below a node are bits, several bytes of them.
  lists: fc.array(fc.array(entry, { minLength: 1, maxLength: 4 }), { maxLength: 12 }),
  codes: fc.array(digits(2, 8), { minLength: 1, maxLength: 30 }),
});

type World = { sectors: string[][]; lists: { hs: string; from?: string; until?: string; except: string[] }[][]; codes: string[] };

function scheduleOf(w: World): { sectors: SectorDef[]; lists: ListDef[] } {
  return {
    sectors: w.sectors.map((hs, i) => ({ id: `s${i}`, label: `s${i}`, hs }) as unknown as SectorDef),
    lists: w.lists.map((entries, i) => ({ index: i, id: `l${i}`, label: `l${i}`, sources: [], entries }) as ListDef),
  };
}

/** What the schedule says of a code, read entry by entry. */
function reference(w: World, code: string) {
  // The trie goes as deep as any prefix: a longer code is answered at the deepest node it reaches.
  const prefixes = [...w.sectors.flat(), ...w.lists.flat().flatMap((e) => [e.hs, ...e.except])];
  let reach = 0;
  for (const p of prefixes) {
    let n = 0;
    while (n < p.length && n < code.length && p[n] === code[n]) n++;
    if (n === p.length || n === code.length) reach = Math.max(reach, n);
  }
  const placed = code.slice(0, reach);
  let sector: string | undefined;
  let sectorLength = -1;
  w.sectors.forEach((hs, i) => {
    for (const p of hs) if (placed.startsWith(p) && p.length > sectorLength) [sector, sectorLength] = [`s${i}`, p.length];
  });
  const held: { list: string; from?: string; until?: string; depth: number; order: number }[] = [];
  let order = 0;
  w.lists.forEach((entries, i) => {
    for (const e of entries) {
      order++;
      if (placed.startsWith(e.hs) && !e.except.some((x) => placed.startsWith(x))) {
        held.push({ list: `l${i}`, ...(e.from !== undefined ? { from: e.from } : {}), ...(e.until !== undefined ? { until: e.until } : {}), depth: e.hs.length, order });
      }
    }
  });
  held.sort((a, b) => a.depth - b.depth || a.order - b.order);
  const memberships = held.map(({ depth: _d, order: _o, ...m }) => m);
  const own = new Set(memberships.map((m) => m.list));
  // Lists with an entry strictly under the code, when the code ends inside the trie.
  const finer =
    reach < code.length
      ? []
      : [...new Set(w.lists.flatMap((entries, i) => (entries.some((e) => e.hs.length > code.length && e.hs.startsWith(code)) ? [`l${i}`] : [])))].filter((l) => !own.has(l)).sort();
  return { sector, memberships, finer };
}

describe("the HS lookup", () => {
  it("answers as a plain reading of the sectors and lists, whatever order codes come in", () => {
    fc.assert(
      fc.property(world, fc.boolean(), (w, reversed) => {
        const index = new ProductIndex(scheduleOf(w));
        const codes = reversed ? [...w.codes].reverse() : w.codes;
        const keys = new Map<string, string>();
        for (const code of codes) {
          const found = index.ofCode(code);
          const want = reference(w, code);
          expect({ sector: found.product.sector, memberships: found.product.memberships, finer: [...found.finer] }, code).toEqual(want);
          keys.set(JSON.stringify([want.sector ?? null, want.memberships]), found.product.key);
        }
        // Equal answers, equal keys; different answers, different keys.
        expect(new Set(keys.values()).size).toBe(keys.size);
      }),
      { numRuns: 300 },
    );
  });
});
