/**
 * Cross-field rules of format 2: product lists, their references, claims and
 * bans. Read leniently from the raw JSON like the other rules (a broken piece
 * elsewhere does not hide these errors); shapes are the zod schema's job.
 * Every rule is one pass with id sets: linear in the file.
 */
import { type Diagnostic, type Path, didYouMean, error } from "../diagnostics.js";
import { SCHEDULE_FORMAT_1 } from "./versions.js";

const obj = (v: unknown): Record<string, unknown> | undefined => (v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);
const digits = (hs: string) => hs.replace(/\./g, "");

/** Keys that only format 2 has, where they may appear. */
const FORMAT_2_KEYS = {
  measure: ["lists"],
  period: ["lists", "action", "usContentCap"],
  terms: ["usContentCap"],
  importer: ["asOf"],
} as const;

export function formatTwoRules(raw: Record<string, unknown>, file: string, sectorIds: ReadonlySet<string>): Diagnostic[] {
  const errors: Diagnostic[] = [];
  const at = (path: Path) => ({ file, path });

  if (raw["format"] === SCHEDULE_FORMAT_1) {
    formatOneUsesTwo(raw, (path, what) =>
      errors.push(error("schedule/needs-format-2", `${what} needs "format": "tariff-schedule/2"`, at(path), 'change "format" to "tariff-schedule/2" (format 1 files are read as they are)')),
    );
    return errors;
  }

  // Lists: ids once each, never a sector's; entries with sound dates and exceptions.
  const listIds = new Set<string>();
  arr(raw["lists"]).forEach((l, i) => {
    const o = obj(l);
    const id = str(o?.["id"]);
    if (id === undefined) return;
    if (listIds.has(id)) errors.push(error("schedule/duplicate-id", `list id "${id}" is defined twice`, at(["lists", i, "id"])));
    else if (sectorIds.has(id)) errors.push(error("schedule/duplicate-id", `list id "${id}" is also a sector id: a key of "rates" must name one thing`, at(["lists", i, "id"]), "rename the list"));
    listIds.add(id);
    arr(o?.["codes"]).forEach((e, k) => {
      const entry = obj(e);
      if (!entry) return;
      const hs = str(entry["hs"]);
      const from = str(entry["from"]);
      const until = str(entry["until"]);
      if (from !== undefined && until !== undefined && until <= from) {
        errors.push(error("schedule/empty-period", `list "${id}": code ${hs ?? "?"} is on it from ${from} until ${until}, which has no days ("until" must be after "from")`, at(["lists", i, "codes", k, "until"])));
      }
      arr(entry["except"]).forEach((x, n) => {
        const except = str(x);
        if (hs === undefined || except === undefined) return;
        if (!digits(except).startsWith(digits(hs)) || digits(except).length <= digits(hs).length) {
          errors.push(error("schedule/bad-list-entry", `list "${id}": exception ${except} is not a longer code under ${hs}`, at(["lists", i, "codes", k, "except", n]), `an exception names codes under "hs" that are not on the list, e.g. ${hs}.00`));
        }
      });
    });
  });

  const unknownList = (id: unknown, path: Path) => {
    if (typeof id !== "string" || listIds.has(id)) return;
    const guess = didYouMean(id, listIds);
    errors.push(error("schedule/unknown-list", `list "${id}" is not defined in "lists"`, at(path), guess ? `did you mean "${guess}"?` : 'define it in "lists" or remove the reference'));
  };

  arr(raw["measures"]).forEach((m, i) => {
    const mo = obj(m);
    if (!mo) return;
    const id = str(mo["id"]) ?? `measures[${i}]`;
    const mat: Path = ["measures", i];
    arr(mo["lists"]).forEach((l, k) => unknownList(l, [...mat, "lists", k]));
    if (mo["sectors"] === undefined && mo["lists"] === undefined) {
      errors.push(error("schedule/missing-scope", `measure "${id}" covers nothing: give "sectors" or "lists"`, at(mat), 'add "sectors": "*" for all goods, or "lists": [...]'));
    }
    exemptionRefs(mo["exemptions"], [...mat, "exemptions"]);
    arr(mo["periods"]).forEach((p, j) => {
      const po = obj(p);
      if (!po) return;
      const pat: Path = [...mat, "periods", j];
      arr(po["lists"]).forEach((l, k) => unknownList(l, [...pat, "lists", k]));
      exemptionRefs(po["exemptions"], [...pat, "exemptions"]);
      // The lists in force in this period: its own, or the measure's.
      const lists = new Set(arr(po["lists"] ?? mo["lists"]).flatMap((l) => (typeof l === "string" ? [l] : [])));
      const rates = obj(po["rates"]) ?? {};
      for (const key of Object.keys(rates)) {
        if (!listIds.has(key) || sectorIds.has(key)) continue;
        if (!lists.has(key)) {
          errors.push(error("schedule/rate-for-uncovered-list", `measure "${id}" gives a rate for list "${key}", which it does not cover in this period`, at([...pat, "rates", key]), 'add it to "lists" or drop this rate'));
        }
      }
      if (po["action"] === "prohibit") {
        // A ban is not a duty: a rate on it would read as a price for goods that may not enter.
        for (const key of ["rate", "rates"] as const) {
          if (po[key] !== undefined) {
            errors.push(error("schedule/rate-on-ban", `measure "${id}" bans entry in period ${str(po["from"]) ?? "?"} → ${str(po["until"]) ?? "open"}: a ban has no rate`, at([...pat, key]), `drop "${key}" (to lift the ban, end the period)`));
          }
        }
      }
      if (po["rate"] === undefined && po["action"] !== "prohibit") {
        const missing = [...lists].filter((l) => listIds.has(l) && !(l in rates));
        if (missing.length > 0) {
          errors.push(error("schedule/missing-rate", `measure "${id}": period ${str(po["from"]) ?? "?"} → ${str(po["until"]) ?? "open"} has no rate for list${missing.length > 1 ? "s" : ""} ${missing.map((l) => `"${l}"`).join(", ")}`, at(pat), 'add "rate" for all, or an entry in "rates"'));
        }
      }
    });
  });

  function exemptionRefs(v: unknown, path: Path): void {
    arr(v).forEach((e, k) => {
      const o = obj(e);
      if (!o) return;
      if (o["list"] === undefined && o["claim"] === undefined) {
        errors.push(error("schedule/empty-exemption", "an exemption object needs a \"list\", a \"claim\" or both", at([...path, k]), 'e.g. { "list": "us-301-note-52b", "heading": "9903.05.86" }'));
      }
      unknownList(o["list"], [...path, k, "list"]);
    });
  }

  return errors;
}

/** Calls `report` for each format-2 feature a format-1 file uses. */
function formatOneUsesTwo(raw: Record<string, unknown>, report: (path: Path, what: string) => void): void {
  if (raw["lists"] !== undefined) report(["lists"], '"lists"');
  if (raw["fees"] !== undefined) report(["fees"], '"fees"');
  for (const code of ["US", "CA"]) {
    const terms = obj(obj(raw["importers"])?.[code]);
    for (const key of FORMAT_2_KEYS.importer) if (terms?.[key] !== undefined) report(["importers", code, key], `"${key}" of an importer`);
  }
  const terms = (t: unknown, path: Path) => {
    const o = obj(t);
    if (!o) return;
    for (const key of FORMAT_2_KEYS.terms) if (o[key] !== undefined) report([...path, key], `"${key}"`);
    if (o["basis"] === "non_us_content") report([...path, "basis"], 'basis "non_us_content"');
  };
  const exemptions = (v: unknown, path: Path) => arr(v).forEach((e, k) => { if (obj(e)) report([...path, k], "an exemption by list or claim"); });
  arr(raw["measures"]).forEach((m, i) => {
    const mo = obj(m);
    if (!mo) return;
    for (const key of FORMAT_2_KEYS.measure) if (mo[key] !== undefined) report(["measures", i, key], `"${key}"`);
    terms(mo, ["measures", i]);
    terms(mo["usmca"], ["measures", i, "usmca"]);
    exemptions(mo["exemptions"], ["measures", i, "exemptions"]);
    arr(mo["periods"]).forEach((p, j) => {
      const po = obj(p);
      if (!po) return;
      const pat: Path = ["measures", i, "periods", j];
      for (const key of FORMAT_2_KEYS.period) if (po[key] !== undefined) report([...pat, key], `"${key}"`);
      if (po["basis"] === "non_us_content") report([...pat, "basis"], 'basis "non_us_content"');
      terms(po["usmca"], [...pat, "usmca"]);
      exemptions(po["exemptions"], [...pat, "exemptions"]);
      for (const [key, t] of Object.entries(obj(po["rates"]) ?? {})) terms(t, [...pat, "rates", key]);
    });
  });
}
