/**
 * The catch-all check (issue #14, item 7): read from the schedule, not from
 * sector names. See issue #14.
 */
import { describe, expect, it } from "vitest";
import { CatchAllIndex, dottedHs, sectorsNamed } from "../../../src/core/lookup/catch-all.js";
import { ProductIndex } from "../../../src/core/lookup/product.js";
import { parseShipment, rowOf, shipmentContext } from "../../../src/core/duty/shipment.js";
import { schedule } from "../../helpers/schedules.js";

const s = schedule({
  format: "tariff-schedule/2",
  sectors: [
    { id: "steel", label: "Steel", hs: ["72"] },
    { id: "appliances", label: "Appliances", hs: ["8418.10"] },
    { id: "rest", label: "Everything else", hs: ["04", "73", "84"] },
  ],
  lists: [
    { id: "us-list", label: "US list", codes: ["8431.49.10", { hs: "7326.90.86", except: ["7326.90.86.88"] }] },
    { id: "ca-list", label: "CA list", codes: ["0406.90"] },
  ],
  measures: [
    { id: "us-all", label: "All goods", importer: "US", origins: ["CA"], authority: "A", sectors: "*", periods: [{ from: "2025-01-01", rate: "10%" }] },
    { id: "us-steel", label: "Steel", importer: "US", origins: ["CA"], authority: "B", sectors: ["steel", "appliances"], periods: [{ from: "2025-01-01", rate: "50%" }] },
    { id: "us-listed", label: "Listed", importer: "US", origins: ["CA"], authority: "C", lists: ["us-list"], periods: [{ from: "2025-01-01", rate: "25%" }] },
    { id: "ca-listed", label: "Listed", importer: "CA", origins: ["US"], authority: "D", lists: ["ca-list"], periods: [{ from: "2025-01-01", rate: "25%" }] },
  ],
});
const index = new CatchAllIndex(s);
const products = new ProductIndex(s);
const check = (importer: "US" | "CA", hs: string) => index.check(importer, hs, products.ofCode(hs).product.sector!);

describe("CatchAllIndex.check", () => {
  it.each([
    // code, importer, expected
    ["8431493000", "US", { kind: "beside", near: "84314910", shared: 6, count: 1 }], // listed 8431.49.10 differs only in its last two digits
    ["84314930", "US", { kind: "beside", near: "84314910", shared: 6, count: 1 }],
    ["7326909600", "US", { kind: "beside", near: "73269086", shared: 6, count: 2 }], // 2: the entry and its exception
    ["8418109000", "US", undefined], // under a named sector's prefix (listed too)
    ["8418500000", "US", undefined], // shares only the heading with the named sector's 8418.10
    ["8418", "US", { kind: "under", near: "841810", shared: 4, count: 1 }], // shorter than a listed code (a named sector's prefix)
    ["8431200000", "US", undefined], // shares only the heading with 8431.49.10
    ["8431491020", "US", undefined], // on the list
    ["7326908688", "US", undefined], // excepted from the list: the schedule knows it
    ["7208100000", "US", undefined], // its sector is named by a US measure
    ["8418100000", "US", undefined], // in the named sector appliances
    ["0406100000", "CA", undefined], // shares only 0406 with the CA list's 0406.90
    ["0406901200", "CA", undefined], // on it
    ["8431493000", "CA", undefined], // the US list is not the CA measures'
  ] as const)("%s (%s)", (hs, importer, expected) => {
    expect(check(importer, hs)).toEqual(expected);
  });

  it("names the sectors each importer's measures name, from the data", () => {
    const named = sectorsNamed(s);
    expect([...named.US].sort()).toEqual(["appliances", "steel"]);
    expect([...named.CA]).toEqual([]);
  });

  it("dottedHs groups digits as HS codes are written", () => {
    expect([dottedHs("8431"), dottedHs("843149"), dottedHs("84314910"), dottedHs("8431491020")]).toEqual(["8431", "8431.49", "8431.49.10", "8431.49.10.20"]);
  });
});

describe("the warning on a line", () => {
  const ctx = shipmentContext(s, undefined);
  const warnings = (fields: Record<string, string>) => {
    const r = parseShipment(rowOf({ date: "2025-09-15", importer: "US", value: "100", ...fields }), ctx);
    if (!r.ok) throw new Error(r.rejection.reason);
    return r.warnings.map((w) => `${w.column}: ${w.message}`);
  };

  it("names the code as written, the chapter and the sector", () => {
    expect(warnings({ hs: "8431.49.30.00" })).toEqual([
      'hs: hs 8431.49.30.00 is on no product list and falls to sector "rest" of chapter 84, charged only by the US measures on all goods, though 1 listed code (8431.49.10) shares its first 6 digits: a mistyped code, or one the schedule lacks? If it is right, the duty is as charged',
    ]);
    expect(warnings({ hs: "8418" })).toEqual(['hs: hs 8418 is on no product list and falls to sector "rest" of chapter 84, charged only by the US measures on all goods, though 1 listed code (8418.10) begins with it: give the full code for the exact answer']);
  });

  it("a code shorter than a product list's codes gets that warning only", () => {
    expect(warnings({ hs: "843149" })).toEqual(["hs: hs 843149 is shorter than codes on list us-list: charged as not on them; give the full code for the exact answer"]);
  });

  it("a line whose sector column says otherwise is not checked against its code's sector", () => {
    expect(warnings({ hs: "8431.49.30.00", sector: "steel" })).toEqual(['sector: sector "steel" disagrees with hs 8431.49.30.00, which maps to "rest"; using "steel"']);
  });
});

describe("a code placed by a listed code is never warned (property)", () => {
  it("every extension of a listed code of the importer", async () => {
    const fc = (await import("fast-check")).default;
    const listed = ["84314910", "73269086", "72", "841810"];
    fc.assert(
      fc.property(fc.constantFrom(...listed), fc.stringMatching(/^\d{0,4}$/), (code, tail) => {
        const hs = (code + tail).slice(0, 10);
        return check("US", hs) === undefined;
      }),
    );
  });
});
