/**
 * Cross-field rules of fees and taxes (format 2, `fees`): ids, dated periods,
 * minimum and maximum. Read leniently from the raw JSON like the other rules
 * (a broken piece elsewhere does not hide these errors); shapes are the zod
 * schema's job. One pass with id sets and a sort per fee: n log n.
 */
import { type Diagnostic, type Path, error } from "../diagnostics.js";
import { compare, parseDecimal } from "../money/decimal.js";
import { isCalendarDate } from "../dates.js";
import { overlapping } from "./model.js";

const obj = (v: unknown): Record<string, unknown> | undefined => (v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);
const date = (v: unknown): string | undefined => (typeof v === "string" && isCalendarDate(v) ? v : undefined);

/** `measureIds`: the ids of the file's measures (a fee may not take one: outputs name both). */
export function feeRules(raw: Record<string, unknown>, file: string, measureIds: ReadonlySet<string>): Diagnostic[] {
  const errors: Diagnostic[] = [];
  const at = (path: Path) => ({ file, path });
  const seen = new Map<string, number>();
  arr(raw["fees"]).forEach((f, i) => {
    const fo = obj(f);
    if (!fo) return;
    const fat: Path = ["fees", i];
    const id = str(fo["id"]);
    if (id !== undefined) {
      const first = seen.get(id);
      if (first !== undefined) errors.push(error("schedule/duplicate-id", `duplicate fee id "${id}" (first defined at fees[${first}])`, at([...fat, "id"]), "give each fee its own id"));
      else seen.set(id, i);
      if (measureIds.has(id)) errors.push(error("schedule/duplicate-id", `fee id "${id}" is also a measure id: outputs name both, so each id must name one thing`, at([...fat, "id"]), "rename the fee"));
    }
    const name = id ?? `fees[${i}]`;
    const kind = str(fo["kind"]);
    if (kind === "fee" && fo["base"] !== undefined) {
      errors.push(error("schedule/fee-base", `fee "${name}" gives a "base": a fee is charged on the value; a base of other charges is a tax's`, at([...fat, "base"]), 'drop "base", or make it "kind": "tax"'));
    }
    const periods: { from: string; until: string | undefined; j: number }[] = [];
    arr(fo["periods"]).forEach((p, j) => {
      const po = obj(p);
      if (!po) return;
      const pat: Path = [...fat, "periods", j];
      const from = date(po["from"]);
      const until = date(po["until"]);
      const span = `${from ?? "?"} → ${until ?? "open"}`;
      if (from !== undefined && until !== undefined && until <= from) {
        errors.push(error("schedule/empty-period", `fee "${name}": period ${span} ${until === from ? "has no days" : "ends before it starts"} ("until" must be after "from")`, at([...pat, "until"])));
      } else if (from !== undefined && (po["until"] === undefined || until !== undefined)) periods.push({ from, until, j });
      if (kind === "tax") {
        for (const key of ["minimum", "maximum"] as const) {
          if (po[key] !== undefined) errors.push(error("schedule/tax-minimum", `tax "${name}" gives a ${key}: a minimum or maximum per entry is a fee's`, at([...pat, key]), `drop "${key}", or make it "kind": "fee"`));
        }
      }
      const min = typeof po["minimum"] === "string" ? parseDecimal(po["minimum"]) : undefined;
      const max = typeof po["maximum"] === "string" ? parseDecimal(po["maximum"]) : undefined;
      if (min !== undefined && max !== undefined && compare(min, max) > 0) {
        errors.push(error("schedule/minimum-above-maximum", `fee "${name}": period ${span} has minimum ${String(po["minimum"])} above maximum ${String(po["maximum"])}`, at([...pat, "minimum"]), "swap them, or correct one"));
      }
    });
    for (const [prev, cur] of overlapping(periods)) {
      errors.push(
        error(
          "schedule/overlapping-periods",
          `fee "${name}": period ${cur.from} → ${cur.until ?? "open"} overlaps period ${prev.from} → ${prev.until ?? "open"} (periods[${prev.j}])`,
          at([...fat, "periods", cur.j, "from"]),
          prev.until === undefined ? `end periods[${prev.j}] with "until": "${cur.from}"` : `start it on or after ${prev.until}, or end periods[${prev.j}] earlier`,
        ),
      );
    }
  });
  return errors;
}
