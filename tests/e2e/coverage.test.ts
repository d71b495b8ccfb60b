/**
 * Coverage of the public product lists (issue 12, item 5): for each reference
 * list in data/sources/, one shipment line per code on a date the list is in
 * force, priced by the BUILT CLI (`tariff calc --format ndjson`) with the
 * embedded schedule. A line passes when it is charged under the heading and
 * at the rate the reference file itself gives (e.g. s338's ch99_heading and
 * additional_rate), or, for exemption and removal lists, when no duty is
 * charged under the heading the list exempts from (with the claim on the line
 * where the exemption needs one). Expectations come from the reference files,
 * never from the schedule.
 *
 * Known exceptions are rules with their reasons (KNOWN below): where the law
 * itself switches the expected duty off on that date (Section 232 autos/parts
 * ranking above metals; Section 338's exemption of 232 goods before
 * 2026-09-15; SOR/2025-267 not cumulative with the US steel/aluminum
 * surtaxes), or where a secondary source's reading differs from the primary
 * list. The figure per list is printed; each list must reach 99% on its lines
 * that are not known exceptions, and the raw figure is shown beside it.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT, tariff } from "../helpers/cli.js";

const SRC = path.join(ROOT, "data", "sources");

/** A row of a reference file: the columns the test reads (every file has its own subset; a missing one reads as undefined at run time, never in practice). */
type Row = Record<"HTSUS" | "additional_rate" | "annex" | "april_2026_annex" | "category" | "ch99_code" | "ch99_heading" | "claim_required" | "code" | "default_heading" | "default_heading_for_canada" | "default_rate" | "effective_from" | "effective_to" | "exemption_heading" | "goods_group" | "hts10" | "hts8" | "hts_digits" | "hts_prefix" | "note_list" | "order" | "schedule" | "surtax_rate_pct" | "tariff_item", string>;
function csv(file: string): Row[] {
  return parse(readFileSync(path.join(SRC, file), "utf8"), { columns: true, skip_empty_lines: true, bom: true }) as Row[];
}
function txt(file: string): Row[] {
  return readFileSync(path.join(SRC, file), "utf8")
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== "")
    .map((code) => ({ code }) as Row);
}
const digits = (code: string) => code.replace(/\./g, "");
const inForce = (from: string, until: string, day: string) => (from === "" || from <= day) && (until === "" || day < until);

/** What a line of a list must show. */
type Expect =
  | { kind: "charged"; heading: string; rate: string; headingPrefix?: boolean }
  | { kind: "not-charged"; headings: string[] | ((heading: string) => boolean); what: string };

interface Line {
  list: string;
  hs: string;
  date: string;
  importer: "US" | "CA";
  origin: "CA" | "US";
  usmca: "Y" | "N";
  claims: string;
  expect: Expect;
  /** Why this line is a known exception, when it is one. */
  known?: string;
}

interface ListSpec {
  name: string;
  file: string;
  lines: () => Line[];
}

// ---------------------------------------------------------------- reference lists used to compute known exceptions

/** Section 232 product lists in force on a day (reference files only), as code prefixes, each with its program. */
function us232On(day: string): { prefix: string; program: string }[] {
  const out: { prefix: string; program: string }[] = [];
  if (day >= "2025-05-03") for (const r of txt("yale-tariff-rate-tracker/s232_auto_parts.txt")) out.push({ prefix: r.code, program: "autos parts" });
  if (day >= "2025-11-01") for (const r of txt("yale-tariff-rate-tracker/s232_mhd_parts.txt")) out.push({ prefix: r.code, program: "MHD parts" });
  if (day >= "2026-01-15") for (const r of csv("yale-tariff-rate-tracker/s232_semi_products.csv")) out.push({ prefix: r.hts10, program: "semiconductors" });
  for (const r of csv("hts-2026-ch99-lists/s232_metals_note16c_lists.csv")) if (inForce(r.effective_from, r.effective_to, day)) out.push({ prefix: r.hts_digits, program: `metals ${r.note_list}` });
  for (const r of csv("hts-2026-ch99-lists/s232_pharma_note40c.csv")) if (inForce(r.effective_from, r.effective_to, day)) out.push({ prefix: r.hts_digits, program: "pharmaceuticals" });
  // autos, light trucks, wood, trucks, buses: the tracker's heading prefixes (policy_params.yaml, section_232_headings)
  const params = readFileSync(path.join(SRC, "yale-tariff-rate-tracker/policy_params.yaml"), "utf8");
  const block = params.slice(params.indexOf("section_232_headings:"), params.indexOf("# --- Section 232 country exemptions"));
  for (const [, name = "", body = ""] of block.matchAll(/\n {2}(\w+):\n {4}prefixes: \[([^\]]*)\]/g)) {
    if (name === "copper" || name === "semiconductors") continue;
    const start = name.startsWith("autos") ? "2025-04-03" : name === "mhd_vehicles" || name === "buses" ? "2025-11-01" : "2025-10-14";
    if (day < start) continue;
    for (const p of body.matchAll(/'(\d+)'/g)) out.push({ prefix: p[1]!, program: name });
  }
  return out;
}
function on232(code: string, day: string, cache: Map<string, { prefix: string; program: string }[]>): string | undefined {
  if (!cache.has(day)) cache.set(day, us232On(day));
  const d = digits(code);
  return cache.get(day)!.find((e) => d.startsWith(e.prefix))?.program;
}
const c232 = new Map<string, { prefix: string; program: string }[]>();

const autoParts = txt("yale-tariff-rate-tracker/s232_auto_parts.txt").map((r) => r.code);
const onAutoParts = (code: string) => autoParts.some((p) => digits(code).startsWith(p));
const AUTO_PARTS_FIRST = "also on the 232 auto-parts list: autos/parts rank above the metals duties (us-measures.md §8; Procl. 10947, 11021)";

// ---------------------------------------------------------------- the lists

const US = { importer: "US" as const, origin: "CA" as const, usmca: "N" as const, claims: "" };
const CA = { importer: "CA" as const, origin: "US" as const, usmca: "N" as const, claims: "" };

const note16cExpect = (r: Row): Expect =>
  // Tier headings and rates: HTS Rev 10 heading texts (9903.82.02 (c)(i)-(v) +50%; 9903.82.09 (c)(vi)-(viii), (xi) +25%) and the Annex III tier (15%, 9903.82.10)
  r.april_2026_annex === "I-A"
    ? { kind: "charged", heading: "9903.82.02", rate: "50%" }
    : r.april_2026_annex === "III"
      ? { kind: "charged", heading: "9903.82.10", rate: "15%" }
      : { kind: "charged", heading: "9903.82.09", rate: "25%" };

const annexTier = (file: string, heading: string, rate: string): ListSpec => ({
  name: `tradewartracker ${path.basename(file, ".csv")}`,
  file: `tradewartracker-lists/${file}`,
  lines: () =>
    csv(`tradewartracker-lists/${file}`).map((r) => ({
      list: "",
      ...US,
      hs: r.HTSUS!,
      date: "2026-05-01",
      expect: { kind: "charged", heading, rate },
      known: onAutoParts(r.HTSUS!) ? AUTO_PARTS_FIRST : undefined,
    })),
});

/** Section 338 lines: before 2026-09-15 every list exempts 232 goods (9903.03.15); after, only (b)(2). */
function s338Line(hs: string, heading: string, rate: string, date: string): Line {
  const program = on232(hs, date, c232);
  const exempt232 = date < "2026-09-15" || heading === "9903.03.13";
  return {
    list: "",
    ...US,
    hs,
    date,
    expect: { kind: "charged", heading, rate },
    known: exempt232 && program ? `subject to Section 232 (${program}) on ${date}: exempt from 338 by 9903.03.15 (note 51(c))` : undefined,
  };
}

const SPECS: ListSpec[] = [
  {
    name: "Yale fentanyl carve-outs, energy_ca (9903.01.13)",
    file: "yale-tariff-rate-tracker/fentanyl_carveout_products.csv",
    lines: () =>
      csv("yale-tariff-rate-tracker/fentanyl_carveout_products.csv")
        .filter((r) => r.category === "energy_ca")
        .map((r) => ({ list: "", ...US, hs: r.hts8!, date: "2025-04-01", expect: { kind: "charged", heading: r.ch99_code!, rate: "10%" } })),
  },
  {
    name: "Yale fentanyl carve-outs, potash_ca (9903.01.15)",
    file: "yale-tariff-rate-tracker/fentanyl_carveout_products.csv",
    lines: () =>
      csv("yale-tariff-rate-tracker/fentanyl_carveout_products.csv")
        .filter((r) => r.category === "potash_ca")
        .map((r) => ({ list: "", ...US, hs: r.hts8!, date: "2025-04-01", expect: { kind: "charged", heading: r.ch99_code!, rate: "10%" } })),
  },
  {
    name: "Yale Section 122 Annex II exemptions",
    file: "yale-tariff-rate-tracker/s122_exempt_products.csv",
    lines: () =>
      csv("yale-tariff-rate-tracker/s122_exempt_products.csv").map((r) => ({
        list: "",
        ...US,
        hs: r.hts8!,
        date: "2026-03-02",
        expect: { kind: "not-charged", headings: ["9903.03.01"], what: "Section 122 (9903.03.01)" },
      })),
  },
  {
    name: "Yale 2025 Section 232 steel/aluminum derivatives",
    file: "yale-tariff-rate-tracker/s232_derivative_products.csv",
    lines: () => {
      const rows = csv("yale-tariff-rate-tracker/s232_derivative_products.csv");
      // A code on both a steel and an aluminum list has one metal content (content_value): it is charged once, under aluminum,
      // which Procl. 10947 ranks above steel; its steel row is that exception.
      const onAluminum = new Set(rows.filter((r) => r.ch99_code!.startsWith("9903.85")).map((r) => r.hts_prefix!));
      return rows.map((r) => ({
        list: "",
        ...US,
        hs: r.hts_prefix!,
        date: "2025-09-02", // after the 2025-08-18 inclusions; 50% from 2025-06-04 (Procl. 10947)
        expect: { kind: "charged", heading: r.ch99_code!, rate: "50%" },
        known: onAutoParts(r.hts_prefix!)
          ? AUTO_PARTS_FIRST
          : r.ch99_code!.startsWith("9903.81") && onAluminum.has(r.hts_prefix!)
            ? "also on an aluminum list: charged once on its metal content, under aluminum (ranked above steel, Procl. 10947)"
            : undefined,
      }));
    },
  },
  {
    name: "Yale Section 232 copper (note 36(b))",
    file: "yale-tariff-rate-tracker/s232_copper_products.csv",
    lines: () =>
      csv("yale-tariff-rate-tracker/s232_copper_products.csv").map((r) => ({
        list: "",
        ...US,
        hs: r.hts10!,
        date: "2025-09-02",
        expect: { kind: "charged", heading: r.ch99_code!, rate: "50%" }, // policy_params: copper default_rate 0.50
        known: onAutoParts(r.hts10!) ? AUTO_PARTS_FIRST : undefined,
      })),
  },
  {
    name: "Yale Section 232 auto parts",
    file: "yale-tariff-rate-tracker/s232_auto_parts.txt",
    // policy_params auto_parts default_rate 0.25; heading 9903.94.05 (Rev 10 heading table: automobile parts)
    lines: () => txt("yale-tariff-rate-tracker/s232_auto_parts.txt").map((r) => ({ list: "", ...US, hs: r.code!, date: "2025-06-02", expect: { kind: "charged", heading: "9903.94.05", rate: "25%" } })),
  },
  {
    name: "Yale Section 232 MHD truck parts",
    file: "yale-tariff-rate-tracker/s232_mhd_parts.txt",
    // policy_params mhd_parts default_rate 0.25; heading 9903.74.08 (Rev 10: MHD vehicle parts, note 38(i))
    lines: () => txt("yale-tariff-rate-tracker/s232_mhd_parts.txt").map((r) => ({ list: "", ...US, hs: r.code!, date: "2025-11-03", expect: { kind: "charged", heading: "9903.74.08", rate: "25%" } })),
  },
  {
    name: "Yale Section 232 semiconductors",
    file: "yale-tariff-rate-tracker/s232_semi_products.csv",
    lines: () =>
      csv("yale-tariff-rate-tracker/s232_semi_products.csv").map((r) => ({ list: "", ...US, hs: r.hts10!, date: "2026-02-02", expect: { kind: "charged", heading: r.ch99_code!, rate: "25%" } })),
  },
  {
    name: "Yale 2026 metals annexes (s232_annex_products)",
    file: "yale-tariff-rate-tracker/s232_annex_products.csv",
    lines: () => {
      const note = csv("hts-2026-ch99-lists/s232_metals_note16c_lists.csv").filter((r) => inForce(r.effective_from, r.effective_to, "2026-05-01"));
      const annexOfNote: Record<string, string> = { "1a": "I-A", "1b": "I-B", "3": "III" };
      return csv("yale-tariff-rate-tracker/s232_annex_products.csv").map((r) => {
        const hs = r.hts_prefix!;
        if (r.annex === "2")
          return {
            list: "",
            ...US,
            hs,
            date: "2026-05-01",
            expect: { kind: "not-charged" as const, headings: (h: string) => h.startsWith("9903.82."), what: "Section 232 metals (9903.82)" },
            known: note.some((n) => digits(hs).startsWith(n.hts_digits)) ? "the Yale tracker's Annex II entry is also on a note 16(c) list in the HTS transcription" : undefined,
          };
        const tier = annexOfNote[r.annex!]!;
        const agrees = note.some((n) => n.april_2026_annex === tier && digits(hs).startsWith(n.hts_digits));
        const expect: Expect =
          tier === "I-A" ? { kind: "charged", heading: "9903.82.02", rate: "50%" } : tier === "III" ? { kind: "charged", heading: "9903.82.10", rate: "15%" } : { kind: "charged", heading: "9903.82.09", rate: "25%" };
        return {
          list: "",
          ...US,
          hs,
          date: "2026-05-01",
          expect,
          known: !agrees
            ? "the Yale tracker's reading differs from the note 16(c) lists (tradewartracker README: 6-digit prefixes reaching wider than the annex, entries outside it, other tier)"
            : onAutoParts(hs)
              ? AUTO_PARTS_FIRST
              : undefined,
        };
      });
    },
  },
  {
    name: "hts-hero Section 338 note 51(b)(1)-(3)",
    file: "hts-2026-ch99-lists/s338_canada_note51b.csv",
    lines: () =>
      csv("hts-2026-ch99-lists/s338_canada_note51b.csv").map((r) =>
        s338Line(r.hts_digits!, r.ch99_heading!, r.additional_rate!, r.effective_from === "2026-09-15" ? "2026-09-20" : "2026-08-25"),
      ),
  },
  {
    name: "hts-hero Section 301 note 52(b)-(e) exemptions",
    file: "hts-2026-ch99-lists/s301_note52_exemptions.csv",
    lines: () =>
      csv("hts-2026-ch99-lists/s301_note52_exemptions.csv").map((r) => ({
        list: "",
        ...US,
        hs: r.hts_digits!,
        date: "2026-08-03",
        claims: r.claim_required!.startsWith("yes") ? r.exemption_heading! : "",
        expect: { kind: "not-charged", headings: ["9903.05.29"], what: "Section 301 Canada (9903.05.29)" },
      })),
  },
  {
    name: "hts-hero Section 232 metals note 16(c), all versions",
    file: "hts-2026-ch99-lists/s232_metals_note16c_lists.csv",
    lines: () =>
      csv("hts-2026-ch99-lists/s232_metals_note16c_lists.csv").map((r) => ({
        list: "",
        ...US,
        hs: r.hts_digits!,
        date: r.effective_from === "2026-06-08" ? "2026-07-01" : "2026-05-01",
        expect: note16cExpect(r),
        known: onAutoParts(r.hts_digits!) ? AUTO_PARTS_FIRST : undefined,
      })),
  },
  {
    name: "hts-hero Section 232 drones note 43(c)",
    file: "hts-2026-ch99-lists/s232_uas_note43c.csv",
    lines: () =>
      csv("hts-2026-ch99-lists/s232_uas_note43c.csv").map((r) => ({ list: "", ...US, hs: r.hts_digits!, date: "2026-09-05", expect: { kind: "charged", heading: r.default_heading!, rate: r.default_rate! } })),
  },
  {
    name: "hts-hero Section 232 pharmaceuticals note 40(c), both versions",
    file: "hts-2026-ch99-lists/s232_pharma_note40c.csv",
    lines: () =>
      csv("hts-2026-ch99-lists/s232_pharma_note40c.csv").map((r) => ({
        list: "",
        ...US,
        hs: r.hts_digits!,
        date: r.effective_from === "2026-09-29" ? "2026-09-29" : "2026-08-03",
        // ch99_headings_canada_2026.csv: 9903.04.60 "100% total" (column 1 + additional; MFN is not modelled, so the schedule's additional rate is 100%)
        expect: { kind: "charged", heading: r.default_heading_for_canada!, rate: "100%" },
      })),
  },
  annexTier("metals-annex-IA.csv", "9903.82.02", "50%"),
  annexTier("metals-annex-IB.csv", "9903.82.09", "25%"),
  annexTier("metals-annex-III-temporary.csv", "9903.82.10", "15%"),
  {
    name: "tradewartracker metals-annex-II-removed",
    file: "tradewartracker-lists/metals-annex-II-removed.csv",
    lines: () =>
      csv("tradewartracker-lists/metals-annex-II-removed.csv").map((r) => ({
        list: "",
        ...US,
        hs: r.HTSUS!,
        date: "2026-05-01",
        expect: { kind: "not-charged", headings: (h: string) => h.startsWith("9903.82."), what: "Section 232 metals (9903.82)" },
        known: r.HTSUS === "9403999020" ? "on both Annex II and the first version of note 16(c)(vii) in the sources; the schedule keeps it on (vii)" : undefined,
      })),
  },
  ...(
    [
      ["canada-338-alcohol.csv", "9903.03.12"],
      ["canada-338-dairy.csv", "9903.03.13"],
      ["canada-338-autos.csv", "9903.03.14"],
    ] as const
  ).map(([file, heading]) => ({
    name: `tradewartracker ${path.basename(file, ".csv")}`,
    file: `tradewartracker-lists/${file}`,
    lines: () => csv(`tradewartracker-lists/${file}`).map((r) => s338Line(r.HTSUS!, heading, "50%", "2026-08-25")),
  })),
  {
    name: "tradewartracker canada-338-aircraft-exempt (note 51(d), claimed)",
    file: "tradewartracker-lists/canada-338-aircraft-exempt.csv",
    lines: () =>
      csv("tradewartracker-lists/canada-338-aircraft-exempt.csv").map((r) => ({
        list: "",
        ...US,
        hs: r.HTSUS!,
        date: "2026-09-20",
        claims: "9903.03.16",
        expect: { kind: "not-charged", headings: ["9903.03.12", "9903.03.13", "9903.03.14"], what: "Section 338 (9903.03.12-.14)" },
      })),
  },
  {
    name: "Canada surtax orders (SOR/2025-66, -95, -118, 2026-186, -187)",
    file: "canada-surtax-orders/ca_us_surtax_tariff_items.csv",
    lines: () =>
      csv("canada-surtax-orders/ca_us_surtax_tariff_items.csv").map((r) => {
        const base = r.order!.split(" as amended")[0]!;
        const clean = /^Schedule( [\d.]+)?$/.test(r.schedule!);
        return {
          list: "",
          ...CA,
          hs: r.tariff_item!,
          date: r.effective_from!,
          expect: { kind: "charged", heading: clean ? `${base} ${r.schedule}` : base, rate: `${r.surtax_rate_pct}%`, headingPrefix: true },
          known: r.surtax_rate_pct === "" ? "SOR/2026-186 Schedule 4: chapter 98/99 item without a rate of its own (the rate of the item the goods are otherwise classifiable under)" : undefined,
        };
      }),
  },
  {
    name: "Canada steel derivative surtax SOR/2025-267 (UNVERIFIED list)",
    file: "canada-surtax-orders/ca_steel_derivative_surtax_UNVERIFIED.csv",
    lines: () => {
      const day = "2026-01-15";
      const us = csv("canada-surtax-orders/ca_us_surtax_tariff_items.csv").filter((r) => r.order!.startsWith("SOR/2025-95") && r.goods_group !== "other goods (non-steel/aluminum)" && inForce(r.effective_from!, r.effective_to!, day));
      return csv("canada-surtax-orders/ca_steel_derivative_surtax_UNVERIFIED.csv").map((r) => ({
        list: "",
        ...CA,
        hs: r.tariff_item!,
        date: day,
        expect: { kind: "charged", heading: r.order!, rate: `${r.surtax_rate_pct}%` },
        known: us.some((u) => u.tariff_item === r.tariff_item) ? "also under the US steel/aluminum surtax (SOR/2025-95): SOR/2025-267 is not cumulative with it" : undefined,
      }));
    },
  },
];

/**
 * Reference files that are not product lists of their own (explained, not priced):
 *   yale policy_params.yaml (parameters), usitc Rev 10 and ch99_headings_canada_2026.csv (heading tables),
 *   the potash_mx rows of fentanyl_carveout_products.csv (Mexico). ieepa_exempt_products.csv (EO 14257 Annex II,
 *   reciprocal tariff, never applied to Canada) and revision_dates.csv were not copied into data/sources.
 */

// ---------------------------------------------------------------- run

interface Duty { measure: string; heading: string | null; rate: string }
interface Result { status: string; id: string; duties?: Duty[]; code?: string; message?: string }

let dir = "";
let results = new Map<string, Result>();
let lines: Line[] = [];

function passes(line: Line, r: Result | undefined): boolean {
  if (!r || r.status !== "computed") return false;
  const duties = r.duties ?? [];
  const e = line.expect;
  if (e.kind === "charged") return duties.some((d) => (e.headingPrefix ? (d.heading ?? "").startsWith(e.heading) : d.heading === e.heading) && d.rate === e.rate);
  const hit = typeof e.headings === "function" ? e.headings : (h: string) => (e.headings as string[]).includes(h);
  return !duties.some((d) => hit(d.heading ?? ""));
}

beforeAll(() => {
  lines = SPECS.flatMap((s) => s.lines().map((l) => ({ ...l, list: s.name })));
  dir = mkdtempSync(path.join(tmpdir(), "tariff-coverage-"));
  const file = path.join(dir, "coverage.csv");
  const body = lines.map((l, i) => [`L${i}`, l.date, l.importer, l.origin, l.hs, "1000", l.importer === "US" ? "USD" : "CAD", l.usmca, l.claims].join(","));
  writeFileSync(file, ["id,date,importer,origin,hs,value,currency,usmca,claims", ...body].join("\n") + "\n");
  const r = tariff(["calc", file, "--format", "ndjson"]);
  results = new Map();
  for (const text of r.stdout.split("\n")) {
    if (text.trim() === "") continue;
    const o = JSON.parse(text) as Result;
    if (o.id) results.set(o.id, o);
  }
  if (results.size !== lines.length) throw new Error(`calc returned ${results.size} results for ${lines.length} lines (exit ${r.code}): ${r.stderr.slice(0, 2000)}`);
}, 60_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("coverage of the reference product lists by the embedded schedule", () => {
  it("prints the figure per list and reaches 99% on each list's lines that are not known exceptions", () => {
    const rows: { list: string; lines: number; pass: number; known: number; knownPassing: number; unexplained: string[] }[] = [];
    for (const spec of SPECS) {
      const mine = lines.map((l, i) => ({ l, r: results.get(`L${i}`) })).filter(({ l }) => l.list === spec.name);
      let pass = 0;
      let known = 0;
      let knownPassing = 0;
      const unexplained: string[] = [];
      for (const { l, r } of mine) {
        const ok = passes(l, r);
        if (ok) pass++;
        if (l.known) {
          known++;
          if (ok) knownPassing++;
        } else if (!ok) {
          const got = r?.status === "computed" ? (r.duties ?? []).map((d) => `${d.measure} ${d.heading} ${d.rate}`).join("; ") || "no duty" : `${r?.status} ${r?.code ?? ""}`;
          const want = l.expect.kind === "charged" ? `${l.expect.heading} ${l.expect.rate}` : `not ${l.expect.what}`;
          unexplained.push(`${l.hs} on ${l.date}: want ${want}, got ${got}`);
        }
      }
      rows.push({ list: spec.name, lines: mine.length, pass, known, knownPassing, unexplained });
    }
    const pct = (a: number, b: number) => (b === 0 ? "100.0" : ((100 * a) / b).toFixed(1));
    const table = [
      "list | lines | as expected | known exceptions | figure (excl. known) | raw figure",
      ...rows.map((r) => `${r.list} | ${r.lines} | ${r.pass} | ${r.known} | ${pct(r.pass - r.knownPassing, r.lines - r.known)}% | ${pct(r.pass, r.lines)}%`),
      `all lists | ${lines.length} | ${rows.reduce((n, r) => n + r.pass, 0)} | ${rows.reduce((n, r) => n + r.known, 0)} | ${pct(rows.reduce((n, r) => n + r.pass - r.knownPassing, 0), lines.length - rows.reduce((n, r) => n + r.known, 0))}% | ${pct(rows.reduce((n, r) => n + r.pass, 0), lines.length)}%`,
    ].join("\n");
    console.log(`coverage of the reference lists (tariff calc, embedded schedule):\n${table}`);
    for (const r of rows) {
      if (r.unexplained.length) console.log(`${r.list}: ${r.unexplained.length} unexplained:\n  ${r.unexplained.slice(0, 15).join("\n  ")}`);
      const figure = (r.pass - r.knownPassing) / Math.max(1, r.lines - r.known);
      expect.soft(figure, `${r.list}: ${r.unexplained.slice(0, 5).join(" | ")}`).toBeGreaterThanOrEqual(0.99);
    }
  });

  it("rejects a line the 2026-09-29 Section 338 bans cover, naming the proclamations, and prices it the day before", () => {
    const file = path.join(dir, "ban.csv");
    writeFileSync(file, "id,date,importer,origin,hs,value,currency,usmca\nbefore,2026-09-28,US,CA,2203.00.00,1000,USD,N\nafter,2026-09-29,US,CA,2203.00.00,1000,USD,N\nbike,2026-09-29,US,CA,8711.50.00,1000,USD,Y\n");
    const r = tariff(["calc", file, "--format", "ndjson"]);
    const out = r.stdout.trim().split("\n").map((t) => JSON.parse(t) as Result & { reason?: string });
    const by = new Map(out.map((o) => [o.id, o]));
    expect(by.get("before")?.status).toBe("computed");
    for (const id of ["after", "bike"]) {
      expect(by.get(id)?.status, id).toBe("rejected");
      expect(JSON.stringify(by.get(id)), id).toMatch(/prohibited/);
      expect(JSON.stringify(by.get(id)), id).toMatch(/11061/);
    }
  });
});
