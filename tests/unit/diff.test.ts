// `tariff diff`: changes in effect between two schedules. See issue #6.
import { describe, expect, it } from "vitest";
import { type Difference, diffSchedules, mirrorDiff, summarizeTerms } from "../../src/core/diff/diff.js";
import { rate } from "../../src/core/money/rate.js";
import type { Schedule, Terms } from "../../src/core/schedule/model.js";
import { validateSchedule } from "../../src/core/schedule/validate.js";

type Json = Record<string, any>;

/** A small schedule: three sectors, a "*" measure with an energy rate, a metals measure on content. */
function baseFile(): Json {
  return {
    format: "tariff-schedule/1",
    id: "t",
    version: "1",
    title: "test",
    asOf: "2026-01-01",
    sectors: [
      { id: "steel", label: "Steel", hs: ["72"] },
      { id: "energy", label: "Energy", hs: ["2709"] },
      { id: "other_goods", label: "Other", hs: ["87"] },
    ],
    measures: [
      {
        id: "us-border",
        label: "Border",
        importer: "US",
        origins: ["CA"],
        authority: "EO 1",
        heading: "9903.01.10",
        sectors: "*",
        exemptions: ["usmca"],
        excludedBy: ["us-steel"],
        periods: [
          { from: "2025-03-04", until: "2025-08-01", rate: "25%", rates: { energy: "10%" } },
          { from: "2025-08-01", rate: "35%", rates: { energy: "10%" } },
        ],
      },
      {
        id: "us-steel",
        label: "Steel",
        importer: "US",
        origins: ["CA"],
        authority: "Procl. 1",
        sectors: ["steel"],
        basis: "content",
        periods: [{ from: "2025-03-12", rate: "25%" }],
      },
    ],
  };
}

function load(file: Json): Schedule {
  const r = validateSchedule(file, "x.json");
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join("\n"));
  return r.value;
}

/** The base schedule after `edit`, which changes a deep copy. */
function edited(edit: (f: Json) => void): Schedule {
  const f = structuredClone(baseFile());
  edit(f);
  return load(f);
}

const measure = (f: Json, id: string): Json => f.measures.find((m: Json) => m.id === id);
const base = () => load(baseFile());
const changes = (a: Schedule, b: Schedule, filter = {}) => diffSchedules(a, b, filter).changes;

function change(c: Partial<Difference> & Pick<Difference, "field" | "before" | "after">): Difference {
  return { kind: "changed", from: null, until: null, ...c } as Difference;
}

describe("no change in effect", () => {
  it("a schedule diffed with itself is empty", () => {
    const d = diffSchedules(base(), base());
    expect(d.changes).toEqual([]);
    expect(d.metadata).toEqual([]);
    expect(d.summary.changes).toBe(0);
  });

  it.each<[string, (f: Json) => void]>([
    ["measures reordered", (f) => f.measures.reverse()],
    ["periods reordered", (f) => measure(f, "us-border").periods.reverse()],
    ["sectors reordered", (f) => f.sectors.reverse()],
    ["keys reordered", (f) => (f.measures[0] = Object.fromEntries(Object.entries(f.measures[0]).reverse()))],
    [
      "a period split in two with the same terms",
      (f) => {
        const ps = measure(f, "us-border").periods;
        ps[1].until = "2026-01-01";
        ps.push({ from: "2026-01-01", rate: "35%", rates: { energy: "10%" } });
      },
    ],
    ['"25.0%" for "25%"', (f) => (measure(f, "us-steel").periods[0].rate = "25.00%")],
    ["the basis moved from the measure into its period", (f) => { delete measure(f, "us-steel").basis; measure(f, "us-steel").periods[0].basis = "content"; }],
    ["the heading moved into the periods", (f) => { const m = measure(f, "us-border"); delete m.heading; for (const p of m.periods) p.heading = "9903.01.10"; }],
    ["a rate written per sector instead of for all", (f) => (measure(f, "us-border").periods[1].rates = { steel: "35%", other_goods: "35%", energy: "10%" })],
    ['a sector list for "*" when it is every sector', (f) => (measure(f, "us-border").sectors = ["steel", "energy", "other_goods"])],
    ["origins reordered", (f) => (measure(f, "us-steel").origins = ["CA", "CA"])],
    ["HS prefixes reordered and written with dots", (f) => (f.sectors[1].hs = ["27.09"])],
    ["a usmca rate equal to the period's", (f) => { const m = measure(f, "us-steel"); m.usmca = { rate: "25%" }; }],
  ])("%s", (_, edit) => {
    expect(changes(base(), edited(edit))).toEqual([]);
  });
});

describe("rates", () => {
  it("a change every charged sector shares is reported once, sector omitted", () => {
    const all = edited((f) => (measure(f, "us-steel").periods[0].rate = "50%"));
    expect(changes(base(), all)).toEqual([change({ measure: "us-steel", field: "rate", from: "2025-03-12", before: "25%", after: "50%" })]);
  });

  it("a change most charged sectors share is reported once, with exceptSectors; the others per sector", () => {
    const b = edited((f) => {
      const ps = measure(f, "us-border").periods;
      ps[1].until = "2026-02-24";
      ps.push({ from: "2026-02-24", rate: "40%", rates: { energy: "15%" } });
    });
    // steel and other_goods 35% → 40% (2 of 3 sectors), energy 10% → 15%.
    expect(changes(base(), b)).toEqual([
      change({ measure: "us-border", exceptSectors: ["energy"], field: "rate", from: "2026-02-24", before: "35%", after: "40%" }),
      change({ measure: "us-border", sector: "energy", field: "rate", from: "2026-02-24", before: "10%", after: "15%" }),
    ]);
    const one = edited((f) => (measure(f, "us-border").periods[0].rates = { energy: "15%" }));
    expect(changes(base(), one)).toEqual([change({ measure: "us-border", sector: "energy", field: "rate", from: "2025-03-04", until: "2025-08-01", before: "10%", after: "15%" })]);
  });

  it("no majority: one change per sector", () => {
    const a = edited((f) => (measure(f, "us-steel").sectors = ["steel", "other_goods"]));
    const b = edited((f) => {
      measure(f, "us-steel").sectors = ["steel", "other_goods"];
      measure(f, "us-steel").periods[0].rates = { steel: "50%", other_goods: "10%" };
    });
    expect(changes(a, b)).toEqual([
      change({ measure: "us-steel", sector: "other_goods", field: "rate", from: "2025-03-12", before: "25%", after: "10%" }),
      change({ measure: "us-steel", sector: "steel", field: "rate", from: "2025-03-12", before: "25%", after: "50%" }),
    ]);
  });

  it("equal changes on adjacent periods merge into one interval", () => {
    // 25% then 35%, both → 30%: two changes, since the befores differ.
    const b = edited((f) => {
      const ps = measure(f, "us-border").periods;
      ps[0].rate = "30%";
      ps[1].rate = "30%";
    });
    expect(changes(base(), b)).toEqual([
      change({ measure: "us-border", exceptSectors: ["energy"], field: "rate", from: "2025-03-04", until: "2025-08-01", before: "25%", after: "30%" }),
      change({ measure: "us-border", exceptSectors: ["energy"], field: "rate", from: "2025-08-01", before: "35%", after: "30%" }),
    ]);
    // 25% on two periods, then 50% on one: one change over both.
    const split = edited((f) => {
      const ps = measure(f, "us-steel").periods;
      ps[0].until = "2025-06-04";
      ps.push({ from: "2025-06-04", rate: "25%" });
    });
    const raised = edited((f) => (measure(f, "us-steel").periods[0].rate = "50%"));
    expect(changes(split, raised)).toEqual([change({ measure: "us-steel", field: "rate", from: "2025-03-12", before: "25%", after: "50%" })]);
  });
});

describe("other terms", () => {
  it("basis, heading, share", () => {
    const b = edited((f) => {
      const m = measure(f, "us-steel");
      m.periods = [
        { from: "2025-03-12", until: "2026-04-06", rate: "25%" },
        { from: "2026-04-06", rate: "25%", basis: "value", heading: "9903.81.87" },
      ];
    });
    expect(changes(base(), b)).toEqual([
      change({ measure: "us-steel", field: "basis", from: "2026-04-06", before: "content", after: "value" }),
      change({ measure: "us-steel", field: "heading", from: "2026-04-06", before: "none", after: "9903.81.87" }),
    ]);
  });

  it("usmca: exempt, as other goods, or own terms", () => {
    const notExempt = edited((f) => (measure(f, "us-border").exemptions = []));
    expect(changes(base(), notExempt)).toEqual([
      change({ measure: "us-border", field: "usmca", from: "2025-03-04", before: "exempt", after: "as other goods" }),
    ]);
    const share = edited((f) => measure(f, "us-steel").periods[0].usmca = { share: "85%" });
    expect(changes(base(), share)).toEqual([
      change({ measure: "us-steel", field: "usmca", from: "2025-03-12", before: "as other goods", after: "25% on content × 85% of basis" }),
    ]);
  });

  it("stacking: excludedBy as a set, with its condition", () => {
    const owes = edited((f) => (measure(f, "us-border").excludedBy = [{ measure: "us-steel", when: "owes" }]));
    expect(changes(base(), owes)).toEqual([
      change({ measure: "us-border", field: "excludedBy", from: "2025-03-04", before: "us-steel", after: "us-steel (if it owes)" }),
    ]);
  });

  it("importer and origins", () => {
    const b = edited((f) => (measure(f, "us-steel").origins = ["CA", "MX"]));
    expect(changes(base(), b)).toEqual([change({ measure: "us-steel", field: "origins", from: "2025-03-12", before: "CA", after: "CA, MX" })]);
  });
});

describe("measures in force", () => {
  it("a measure added is in force where it was not", () => {
    const b = edited((f) =>
      f.measures.push({ id: "ca-steel", label: "Surtax", importer: "CA", origins: ["US"], authority: "O", sectors: ["steel"], periods: [{ from: "2025-03-13", until: "2025-10-01", rate: "25%" }] }),
    );
    const d = diffSchedules(base(), b);
    expect(d.changes).toEqual([change({ kind: "added", measure: "ca-steel", field: "in-force", from: "2025-03-13", until: "2025-10-01", before: "not in force", after: "25%" })]);
    expect(d.summary).toMatchObject({ measuresAdded: 1, measuresRemoved: 0, measuresChanged: 0, changes: 1 });
    expect(diffSchedules(b, base()).changes).toEqual([change({ kind: "removed", measure: "ca-steel", field: "in-force", from: "2025-03-13", until: "2025-10-01", before: "25%", after: "not in force" })]);
  });

  it("a measure ended earlier, summarized as a person reads it", () => {
    const b = edited((f) => (measure(f, "us-border").periods[1].until = "2026-02-24"));
    expect(changes(base(), b)).toEqual([change({ measure: "us-border", field: "in-force", from: "2026-02-24", before: "35%; energy 10%", after: "not in force" })]);
  });

  it("a period's own sector list: products added to a measure later", () => {
    const b = edited((f) => {
      const m = measure(f, "us-steel");
      m.periods = [
        { from: "2025-03-12", until: "2025-08-18", rate: "25%" },
        { from: "2025-08-18", rate: "25%", sectors: ["steel", "other_goods"] },
      ];
    });
    expect(changes(base(), b)).toEqual([change({ measure: "us-steel", sector: "other_goods", field: "sectors", from: "2025-08-18", before: "not covered", after: "25% on content" })]);
    const same = edited((f) => (measure(f, "us-steel").periods[0].sectors = ["steel"]));
    expect(changes(base(), same)).toEqual([]);
  });

  it("a sector charged on one side only", () => {
    const b = edited((f) => {
      const m = measure(f, "us-border");
      m.exceptSectors = ["energy"];
      for (const p of m.periods) delete p.rates;
    });
    expect(changes(base(), b)).toEqual([change({ measure: "us-border", sector: "energy", field: "sectors", from: "2025-03-04", before: "10%", after: "not covered" })]);
  });
});

describe("sectors and importers", () => {
  it("added, removed, HS prefixes changed; the label is metadata", () => {
    const b = edited((f) => {
      f.sectors[0].hs = ["72", "7326"];
      f.sectors[0].label = "Iron and steel";
      f.sectors.push({ id: "copper", label: "Copper", hs: ["74"] });
      measure(f, "us-border").sectors = ["steel", "energy", "other_goods"];
    });
    const d = diffSchedules(base(), b);
    expect(d.changes).toEqual([
      change({ kind: "added", sector: "copper", field: "sector", before: null, after: "74" }),
      change({ sector: "steel", field: "hs", before: "72", after: "72, 7326" }),
    ]);
    expect(d.metadata).toEqual([{ sector: "steel", field: "label", from: null, until: null, before: "Steel", after: "Iron and steel" }]);
  });

  it('a sector added is charged by the "*" measures', () => {
    const b = edited((f) => f.sectors.push({ id: "copper", label: "Copper", hs: ["74"] }));
    expect(changes(base(), b).filter((c) => c.measure)).toEqual([
      change({ measure: "us-border", sector: "copper", field: "sectors", from: "2025-03-04", until: "2025-08-01", before: "not covered", after: "25%" }),
      change({ measure: "us-border", sector: "copper", field: "sectors", from: "2025-08-01", before: "not covered", after: "35%" }),
    ]);
  });

  it("importer rounding", () => {
    const b = edited((f) => (f.importers = { US: { currency: "USD", valueRounding: "cent", dutyRounding: "cent" } }));
    expect(changes(base(), b)).toEqual([change({ importer: "US", field: "valueRounding", before: "whole", after: "cent" })]);
  });
});

describe("metadata", () => {
  it("is listed apart and has no effect", () => {
    const b = edited((f) => {
      f.version = "2";
      f.sources = ["https://example.org/b", "https://example.org/a"];
      measure(f, "us-steel").authority = "Procl. 2";
      measure(f, "us-border").periods[1].note = "UNVERIFIED";
    });
    const d = diffSchedules(base(), b);
    expect(d.changes).toEqual([]);
    expect(d.metadata).toEqual([
      { field: "version", from: null, until: null, before: "1", after: "2" },
      { field: "sources", from: null, until: null, before: null, after: "https://example.org/a" },
      { field: "sources", from: null, until: null, before: null, after: "https://example.org/b" },
      { measure: "us-border", field: "note", from: "2025-08-01", until: null, before: null, after: "UNVERIFIED" },
      { measure: "us-steel", field: "authority", from: null, until: null, before: "Procl. 1", after: "Procl. 2" },
    ]);
  });

  it("sources reordered is no change", () => {
    const a = edited((f) => (f.sources = ["https://example.org/a", "https://example.org/b"]));
    const b = edited((f) => (f.sources = ["https://example.org/b", "https://example.org/a"]));
    expect(diffSchedules(a, b).metadata).toEqual([]);
  });
});

describe("filters", () => {
  const b = () =>
    edited((f) => {
      const ps = measure(f, "us-border").periods;
      ps[0].rate = "30%";
      measure(f, "us-steel").periods[0].rate = "50%";
      f.measures.push({ id: "ca-steel", label: "Surtax", importer: "CA", origins: ["US"], authority: "O", sectors: ["steel"], periods: [{ from: "2025-03-13", rate: "25%" }] });
    });

  it("--at keeps the changes whose interval holds the date, with the whole interval", () => {
    expect(changes(base(), b(), { at: "2025-09-01" }).map((c) => [c.measure, c.from, c.until])).toEqual([
      ["ca-steel", "2025-03-13", null],
      ["us-steel", "2025-03-12", null],
    ]);
    expect(changes(base(), b(), { at: "2025-03-05" }).map((c) => [c.measure, c.exceptSectors, c.from, c.until])).toEqual([["us-border", ["energy"], "2025-03-04", "2025-08-01"]]);
  });

  it("--importer", () => {
    expect(changes(base(), b(), { importer: "CA" }).map((c) => c.measure)).toEqual(["ca-steel"]);
  });

  it("--sector keeps that sector and the measures charging it", () => {
    expect(changes(base(), b(), { sector: "other_goods" })).toEqual([
      change({ measure: "us-border", field: "rate", from: "2025-03-04", until: "2025-08-01", before: "25%", after: "30%" }),
    ]);
    expect(changes(base(), b(), { sector: "energy" })).toEqual([]);
  });
});

describe("order and mirror", () => {
  it("diff(B, A) is the mirror image of diff(A, B)", () => {
    const b = edited((f) => {
      f.measures.pop();
      delete measure(f, "us-border").excludedBy;
      f.sectors.push({ id: "copper", label: "Copper", hs: ["74"] });
      f.version = "2";
    });
    const ab = diffSchedules(base(), b);
    const { labels: _, ...ba } = diffSchedules(b, base());
    expect(ba).toEqual(mirrorDiff(ab));
  });
});

describe("summarizeTerms", () => {
  const t = (r: string, basis: Terms["basis"] = "value"): Terms => ({ rate: rate(r), basis });
  it.each<[string, [string, Terms][], string]>([
    ["one rate", [["a", t("25%")], ["b", t("25%")]], "25%"],
    ["most sectors first, then exceptions by id", [["z", t("35%")], ["energy", t("10%")], ["a", t("35%")]], "35%; energy 10%"],
    ["no majority: every sector named", [["steel", t("50%", "content")], ["aluminum", t("25%")]], "aluminum 25%; steel 50% on content"],
    ["no sector", [], "in force (no sector)"],
  ])("%s", (_, entries, expected) => {
    expect(summarizeTerms(new Map(entries))).toBe(expected);
  });
});
