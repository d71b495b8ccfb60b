/**
 * `calc --format csv` rows written as bytes (issue #17, item 2): the bytes of
 * `lineCsvText` (calc-output.ts), which stays the definition of the row and
 * the path of `TARIFF_WRITER=text`; `tests/property/csv-bytes.property.test.ts`
 * and `tests/e2e/byte-writer.test.ts` hold the two to the same bytes.
 *
 * What is the same on every line of a plan is made once: the words of each
 * duty in the `duties` column (`us-232-steel 25% × 85% on content `), as
 * bytes, kept by measure (a few dozen measures, each with the few rates,
 * shares and bases of its periods: a lookup that stays in the CPU's cache,
 * where one per plan, of thousands, did not). Amounts are written digit by
 * digit from their integer units.
 * The user's `id` is the one field that can need quoting or a leading `'`
 * (csvField, neutralizeFormula): a scan of its codes decides, and any id that
 * is not plain printable ASCII, or starts like a formula, goes through those
 * functions as today.
 */
import type { Duty, LineResult } from "../../core/duty/compute.js";
import { formatRate } from "../../core/money/rate.js";
import { type ByteRows, type Fragment, fragment } from "./byte-rows.js";
import { shareText } from "./calc-output.js";
import { csvField, neutralizeFormula } from "./csv-row.js";

const COMMA = 44;
const NEWLINE = 10;
const COMPUTED = fragment(",computed,");
const EQUALS = fragment(" = ");
const JOIN = fragment("; ");
const YES = fragment(",Y,");
const NO = fragment(",N,");

/** The words of one duty before its base (`us-232-steel 25% on value `), kept under its measure with what else they were made from. */
interface DutyWords {
  rate: Duty["rate"];
  share: Duty["share"];
  basis: Duty["basis"];
  words: Fragment;
}

/**
 * Whether an id is written as it is by `csvField(neutralizeFormula(id))`:
 * printable ASCII without a comma or a quote (nothing to quote), not starting
 * with `=`, `+`, `@`, or `-` and a non-digit (nothing to neutralise; a tab or
 * CR is not printable, so never plain).
 */
export function plainId(id: string): boolean {
  const n = id.length;
  if (n === 0) return true;
  const first = id.charCodeAt(0);
  if (first === 61 /* = */ || first === 43 /* + */ || first === 64 /* @ */) return false;
  if (first === 45 /* - */ && n > 1) {
    const d = id.charCodeAt(1);
    if (d < 48 || d > 57) return false;
  }
  for (let i = 0; i < n; i++) {
    const c = id.charCodeAt(i);
    if (c < 0x20 || c > 0x7e || c === 34 /* " */ || c === COMMA) return false;
  }
  return true;
}

function wordsOf(d: Duty): DutyWords {
  const share = shareText(d);
  return { rate: d.rate, share: d.share, basis: d.basis, words: fragment(`${d.measure} ${formatRate(d.rate)}${share ? ` × ${share}` : ""} on ${d.basis} `) };
}

/** Writes calc's CSV rows of computed lines into `out`; one per run (it keeps the words of the run's duties). */
export class CsvLineWriter {
  /** The words of each measure's duties, one per rate, share and basis it has charged with. */
  private readonly words = new Map<string, DutyWords[]>();

  constructor(private readonly out: ByteRows) {}

  private dutyWords(d: Duty): Fragment {
    let list = this.words.get(d.measure);
    if (list === undefined) {
      list = [];
      this.words.set(d.measure, list);
    }
    for (let i = 0; i < list.length; i++) {
      const w = list[i]!;
      if (w.rate === d.rate && w.share === d.share && w.basis === d.basis) return w.words;
    }
    const made = wordsOf(d);
    list.push(made);
    return made.words;
  }

  /**
   * The bytes of `lineCsvText(r, tail)`, where `tail` is `fixed` (bytes made
   * once per run: the schedule and what-if columns) followed by `more` (the
   * line's own extra columns, as text; often empty), and the row's newline;
   * the end of a row for `ByteRows`.
   */
  line(r: LineResult, fixed: Fragment, more: string): void {
    const out = this.out;
    const s = r.shipment;
    out.digits(s.line);
    out.fragment(COMPUTED);
    const id = s.id;
    if (id !== null) out.text(plainId(id) ? id : csvField(neutralizeFormula(id)));
    out.byte(COMMA);
    out.text(s.date);
    out.byte(COMMA);
    out.text(s.importer);
    out.byte(COMMA);
    out.text(s.origin);
    out.byte(COMMA);
    out.text(s.sector);
    out.byte(COMMA);
    if (s.hs !== null) out.text(s.hs);
    out.fragment(s.usmca ? YES : NO);
    const value = s.value;
    const declaredPlaces = value.scale > 2 ? value.scale : 2;
    out.decimal(value, declaredPlaces);
    out.byte(COMMA);
    out.text(s.currency);
    out.byte(COMMA);
    const content = s.content;
    if (content) out.decimal(content, content.scale > 2 ? content.scale : 2);
    out.byte(COMMA);
    const fx = s.fx;
    if (fx) out.text(`${fx.from}/${fx.to} ${fx.text} (${fx.date})`);
    out.byte(COMMA);
    // A value that is its own customs value (the same decimal) is printed as declared, as lineCsvText does.
    if (r.customsValue === value) out.decimal(value, declaredPlaces);
    else out.decimal(r.customsValue, 2);
    out.byte(COMMA);
    out.text(r.dutyCurrency);
    out.byte(COMMA);
    out.decimal(r.duty, 2);
    out.byte(COMMA);
    const duties = r.duties;
    if (duties.length > 0) {
      for (let i = 0; i < duties.length; i++) {
        const d = duties[i]!;
        if (i > 0) out.fragment(JOIN);
        out.fragment(this.dutyWords(d));
        out.decimal(d.base, 2);
        out.fragment(EQUALS);
        out.decimal(d.amount, 2);
      }
    }
    out.byte(COMMA);
    out.fragment(fixed);
    if (more.length > 0) out.text(more);
    out.byte(NEWLINE);
    out.end();
  }
}
