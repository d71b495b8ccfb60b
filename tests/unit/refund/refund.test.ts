/**
 * IEEPA refunds (issue #15, item 5), worked by hand on the small schedule
 * fixtures/schedules/ieepa-refund.json (IEEPA Canada 25% from 2025-03-04, 35%
 * from 2025-08-01, until 2026-02-24, USMCA exempt: us-measures.md §1) and the
 * program shipped in refunds/ieepa.json (CAPE: a CSV of entry numbers headed
 * "Entry Number", at most 9,999 a file: CBP CSMS # 68315804).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { priceLine } from "../../../src/core/duty/engine.js";
import { type Companion, parseShipment, rowOf, shipmentContext } from "../../../src/core/duty/shipment.js";
import { type Decimal, ZERO, decimal } from "../../../src/core/money/decimal.js";
import { formatMoney } from "../../../src/core/money/money.js";
import { validateSchedule } from "../../../src/core/schedule/validate.js";
import type { Schedule } from "../../../src/core/schedule/model.js";
import { type DeclaredColumns, declarationOf } from "../../../src/core/reconcile/declared.js";
import { headingIndex } from "../../../src/core/reconcile/headings.js";
import { type ProgramScope, inSpans, periodOf, programScope, refundProgramOf, spansText } from "../../../src/core/refund/program.js";
import { type RefundEntry, RefundFold, capeEntryNumber, claimFileText, claimFiles, claimProblem, importerOfRecordColumn, importerOfRecordTotals, refundLine } from "../../../src/core/refund/refund.js";
import { ROOT } from "../../helpers/cli.js";

function fixtureSchedule(): Schedule {
  const r = validateSchedule(JSON.parse(readFileSync(path.join(ROOT, "fixtures/schedules/ieepa-refund.json"), "utf8")), "ieepa-refund.json");
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join("; "));
  return r.value;
}

const s = fixtureSchedule();
const programJson = JSON.parse(readFileSync(path.join(ROOT, "refunds/ieepa.json"), "utf8")) as Record<string, unknown>;
const loaded = refundProgramOf(programJson, "refunds/ieepa.json");
if (!loaded.ok) throw new Error(loaded.errors.map((e) => e.message).join("; "));
const program = loaded.program;
const scoped = programScope(program, s);
if (!scoped.ok) throw new Error(scoped.message);
const scope: ProgramScope = scoped.scope;
const COMPANIONS: DeclaredColumns = { byMeasure: [], companions: true, total: false };

/** One line priced and read for the refund; companions as the reader attaches them. */
function refundOf(fields: Record<string, string>, companions: Omit<Companion, "line">[] = [], useDeclared = true, line = 2) {
  const row = rowOf({ importer: "US", origin: "CA", usmca: "N", ...fields }, line);
  if (companions.length > 0) row.companions = companions.map((c, i) => ({ ...c, line: line + 1 + i }));
  const parsed = parseShipment(row, shipmentContext(s, undefined, undefined, { thousands: "," }));
  if (!parsed.ok) throw new Error(parsed.rejection.reason);
  const p = priceLine(s, parsed.shipment);
  if (!p.ok) throw new Error(p.rejection.reason);
  const d = declarationOf(row, p.result, COMPANIONS, headingIndex(s), { thousands: "," });
  if (!d.ok) throw new Error(d.rejection.reason);
  return refundLine(p.result, d.declaration, scope, useDeclared);
}

const money = (d: Decimal | null) => (d === null ? null : formatMoney(d));

describe("the refund program is data", () => {
  it("the shipped program: the IEEPA measures, the 9903.01 headings, CAPE's layout", () => {
    expect(program.measures).toContain("us-ieepa-canada");
    expect(program.headings).toEqual(["990301"]);
    expect(program.cape).toMatchObject({ header: "Entry Number", maxEntries: 9999 });
    expect(program.cape.sources.length).toBeGreaterThan(0);
  });

  it("a damaged program file is refused, each fault at its path", () => {
    const r = refundProgramOf({ ...programJson, measures: [], extra: 1, cape: { ...(programJson["cape"] as object), maxEntries: 0 } }, "p.json");
    expect(r.ok || r.errors.map((e) => [e.code, e.at.path])).toEqual([
      ["refund/invalid-program", ["extra"]],
      ["refund/invalid-program", ["measures"]],
      ["refund/invalid-program", ["cape", "maxEntries"]],
    ]);
  });

  it("the period is read from the schedule: the IEEPA measure's periods, merged", () => {
    expect(scope.measures.map((m) => m.id)).toEqual(["us-ieepa-canada"]);
    expect(scope.period).toEqual([{ from: "2025-03-04", until: "2026-02-24" }]);
    expect(spansText(scope.period)).toBe("2025-03-04 to 2026-02-23");
    expect([inSpans(scope.period, "2025-03-03"), inSpans(scope.period, "2025-03-04"), inSpans(scope.period, "2026-02-23"), inSpans(scope.period, "2026-02-24")]).toEqual([false, true, true, false]);
  });

  it("periods merge where they touch or overlap; an open one stays open", () => {
    const p = (from: string, until?: string) => ({ periods: [until === undefined ? { from } : { from, until }] }) as never;
    expect(periodOf([p("2025-01-01", "2025-02-01"), p("2025-02-01", "2025-03-01"), p("2025-05-01", "2025-06-01"), p("2025-05-15")])).toEqual([{ from: "2025-01-01", until: "2025-03-01" }, { from: "2025-05-01" }]);
    expect(spansText([{ from: "2025-05-01" }])).toBe("from 2025-05-01");
  });

  it("--measure replaces the list; an unknown measure is said with a did-you-mean; a schedule with none of them is an error", () => {
    const chosen = programScope(program, s, ["us-122-surcharge"]);
    expect(chosen.ok && chosen.scope.period).toEqual([{ from: "2026-02-24", until: "2026-07-24" }]);
    const typo = programScope(program, s, ["us-ieepa-canda"]);
    expect(typo.ok || typo.message).toBe('--measure us-ieepa-canda: schedule ieepa-refund has no such measure (did you mean "us-ieepa-canada"?)');
    const none = programScope({ ...program, measures: ["nothing-here"] }, s);
    expect(none.ok || none.message).toMatch(/^schedule ieepa-refund has none of the measures of ieepa-cape/);
  });
});

describe("one line's IEEPA duty", () => {
  const bike = { date: "2025-09-15", hs: "8712000000", value: "10000.00" };

  it("declared where the file says what was paid: 3,499.95 under 9903.01.10 (computed 10,000 × 35% = 3,500.00)", () => {
    const r = refundOf(bike, [{ heading: "9903.01.10", duty: "3,499.95" }]);
    expect([r.status, money(r.computed), money(r.declared), money(r.amount), r.from, r.declaredLines]).toEqual(["claimed", "3500.00", "3499.95", "3499.95", "declared", [3]]);
  });

  it("--from computed: the computed amount whatever the file declares", () => {
    const r = refundOf(bike, [{ heading: "9903.01.10", duty: "3,499.95" }], false);
    expect([r.status, money(r.amount), r.declared, r.from]).toEqual(["claimed", "3500.00", null, "computed"]);
  });

  it("a 9903.01 heading no measure names (9903.01.16, transshipment) is the program's: 3,500.00 + 400.00", () => {
    const r = refundOf(bike, [{ heading: "9903.01.10", duty: "3,500.00" }, { heading: "9903.01.16", duty: "400.00" }]);
    expect([money(r.declared), r.declaredLines]).toEqual(["3900.00", [3, 4]]);
  });

  it("other duties are not refunded: 232 steel on a USMCA line, and 9903.01.14 declared at 0.00 → no duty", () => {
    const r = refundOf({ date: "2025-10-01", hs: "7208510030", value: "25000.00", usmca: "Y" }, [{ heading: "9903.81.87", duty: "12,500.00" }, { heading: "9903.01.14", duty: "0.00" }]);
    expect([r.status, money(r.computed), money(r.declared), money(r.amount)]).toEqual(["no-duty", "0.00", "0.00", "0.00"]);
  });

  it("outside the period: not claimed, whatever is declared; a Canadian line: another importer", () => {
    const after = refundOf({ date: "2026-03-02", hs: "8712000000", value: "1000.00" }, [{ heading: "9903.01.10", duty: "350.00" }]);
    expect([after.status, money(after.amount), money(after.declared)]).toEqual(["outside-period", "0.00", "350.00"]);
    const ca = refundOf({ importer: "CA", origin: "US", date: "2025-09-15", hs: "7208510030", value: "1000.00" });
    expect([ca.status, money(ca.amount)]).toEqual(["other-importer", "0.00"]);
  });
});

describe("entries, importers of record and CAPE files", () => {
  it("entry numbers as CAPE takes them: 11 letters and digits, no dashes", () => {
    expect(capeEntryNumber("ABC-1234567-8")).toBe("ABC12345678");
    expect(capeEntryNumber("abc 1234567 8")).toBe("ABC12345678");
    expect(capeEntryNumber("ABC-123456-8")).toBeNull();
    expect(capeEntryNumber("ABC-1234567-8X")).toBeNull();
    expect(capeEntryNumber("ABC_1234567_8")).toBeNull();
  });

  it("the importer of record column: its names, and two of them an error", () => {
    expect(importerOfRecordColumn(["id", "Importer of Record"], "f", 1)).toEqual({ ok: true, index: 1 });
    expect(importerOfRecordColumn(["IOR Number"], "f", 1)).toEqual({ ok: true, index: 0 });
    expect(importerOfRecordColumn(["importer"], "f", 1)).toEqual({ ok: true, index: -1 });
    const two = importerOfRecordColumn(["IOR", "importer_of_record"], "f", 1);
    expect(two.ok || two.error.code).toBe("csv/ambiguous-column");
  });

  it("folds lines into entries and importers of record, counting what is not claimed with its lines", () => {
    const fold = new RefundFold();
    // Entry A (IOR X): 3,499.95 paid on line 2 (3,500.00 computed) + 875.35 paid on line 4 (2,500.50 → 2,501 × 35% = 875.35) = 4,375.30.
    fold.add(refundOf({ ...{ date: "2025-09-15", hs: "8712000000", value: "10000.00" }, entry: "ABC-1234567-8" }, [{ heading: "9903.01.10", duty: "3,499.95" }], true, 2), "X");
    fold.add(refundOf({ date: "2025-09-15", hs: "4202210000", value: "2500.50", entry: "ABC-1234567-8" }, [{ heading: "9903.01.10", duty: "875.35" }], true, 4), "X");
    // Entry B (IOR Y): 1,000 × 25% on 2025-04-01 = 250.00, claimed as computed
    fold.add(refundOf({ date: "2025-04-01", hs: "8712000000", value: "1000.00", entry: "DEF-0000456-7" }, [], false, 6), "Y");
    // Outside the period, Canadian, no duty
    fold.add(refundOf({ date: "2026-03-02", hs: "8712000000", value: "1000.00", entry: "DEF-0000123-4" }, [{ heading: "9903.01.10", duty: "350.00" }], true, 7), "Y");
    fold.add(refundOf({ importer: "CA", origin: "US", date: "2025-09-15", hs: "7208510030", value: "1000.00" }, [], true, 9), null);
    fold.add(refundOf({ date: "2025-09-15", hs: "8712000000", value: "1000.00", usmca: "Y", entry: "DEF-0000999-9" }, [], true, 10), "Y");
    const entries = fold.list();
    expect(entries.map((e) => [e.entry, e.capeNumber, e.importerOfRecord, e.lines, e.declaredLines, money(e.computed), money(e.declared), money(e.amount), e.from])).toEqual([
      ["ABC-1234567-8", "ABC12345678", "X", [2, 4], [3, 5], "4375.35", "4375.30", "4375.30", "declared"],
      ["DEF-0000456-7", "DEF00004567", "Y", [6], [], "250.00", null, "250.00", "computed"],
    ]);
    expect(fold.counts).toMatchObject({ lines: 6, claimed: 3, noDuty: [10], outsidePeriod: [7], otherImporter: [9], noEntry: [] });
    expect(money(fold.counts.declaredOutside.amount)).toBe("350.00");
    expect(importerOfRecordTotals(entries).map((t) => [t.importerOfRecord, t.entries, t.lines, money(t.amount)])).toEqual([["X", 1, 2, "4375.30"], ["Y", 1, 1, "250.00"]]);
  });

  it("claim files: one set per importer of record, each entry once, sorted, at most maxEntries a file", () => {
    const entry = (n: number, ior: string | null, amount = "1.00"): RefundEntry => {
      const number = `ABC${String(n).padStart(8, "0")}`;
      return { entry: number, capeNumber: number, currency: "USD", importerOfRecord: ior, importersOfRecord: [], date: "2025-09-15", dates: [], lines: [n], declaredLines: [], computed: ZERO, declared: null, amount: decimal(amount), from: "computed" };
    };
    const many = Array.from({ length: 10_001 }, (_, i) => entry(10_001 - i, "12-3456789AB"));
    const files = claimFiles([...many, entry(5, "12-3456789AB"), entry(7, null), entry(8, "12 3456789AB"), entry(9, "Z", "0.00"), { ...entry(11, "Z"), capeNumber: null }], 9999);
    expect(files.map((f) => [f.name, f.importerOfRecord, f.entries.length, f.entries[0]])).toEqual([
      ["cape-12-3456789AB-001.csv", "12 3456789AB", 1, "ABC00000008"],
      ["cape-12-3456789AB-2-001.csv", "12-3456789AB", 9999, "ABC00000001"],
      ["cape-12-3456789AB-2-002.csv", "12-3456789AB", 2, "ABC00010000"],
      ["cape-entries-001.csv", null, 1, "ABC00000007"],
    ]);
    expect(claimFileText(files[3]!, "Entry Number")).toBe("Entry Number\r\nABC00000007\r\n");
  });

  it("why an entry is not in a claim file", () => {
    const base = { entry: "ABC-1234567-8", capeNumber: "ABC12345678", amount: decimal("1.00") };
    expect(claimProblem(base)).toBeNull();
    expect(claimProblem({ ...base, amount: ZERO })).toBe("nothing to claim");
    expect(claimProblem({ ...base, entry: null, capeNumber: null })).toBe("no entry number");
    expect(claimProblem({ ...base, capeNumber: null })).toBe("entry number is not 11 letters and digits");
  });
});
