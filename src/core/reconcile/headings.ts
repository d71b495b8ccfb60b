/**
 * Which measure a declared chapter 99 heading belongs to (issue #15): a
 * broker declares duty under a heading (ACE's 9903 companion rows), the
 * schedule charges it as a measure. The schedule's own headings say which:
 * a measure's heading, a period's, a sector's or list's own terms, the USMCA
 * terms, an exemption's heading (9903.01.14 says "exempt from IEEPA Canada").
 * Nothing here names a heading or a measure.
 *
 * Pure: no I/O.
 */
import type { Schedule } from "../schedule/model.js";

/**
 * A heading as compared: its digits, the first eight (a chapter 99 number has
 * eight, `9903.01.10`; an export may write `9903.01.10.00` or `99030110`).
 */
export function headingKey(text: string): string {
  let digits = "";
  for (let i = 0; i < text.length && digits.length < 8; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) digits += text[i];
  }
  return digits;
}

/** Heading key → the ids of the measures that name it, in schedule order. */
export type HeadingIndex = ReadonlyMap<string, readonly string[]>;

/** Every heading the schedule names, with the measures naming it. */
export function headingIndex(schedule: Pick<Schedule, "measures">): HeadingIndex {
  const out = new Map<string, string[]>();
  const note = (heading: string | undefined, measure: string) => {
    if (heading === undefined) return;
    const key = headingKey(heading);
    if (key === "") return;
    const list = out.get(key);
    if (!list) out.set(key, [measure]);
    else if (!list.includes(measure)) list.push(measure);
  };
  for (const m of schedule.measures) {
    note(m.heading, m.id);
    for (const p of m.periods) {
      note(p.heading, m.id);
      note(p.terms?.heading, m.id);
      for (const t of p.byScope.values()) note(t.heading, m.id);
      note(p.usmca?.heading, m.id);
      for (const e of p.exemptions) if (e !== "usmca") note(e.heading, m.id);
    }
  }
  return out;
}

/**
 * The measure a heading declared on a line belongs to: the measure charged
 * on the line under that heading, else one the schedule names it for that
 * the line was weighed against (its importer and origin), else the first the
 * schedule names it for; undefined when the schedule names it nowhere.
 */
export function measureOfHeading(
  heading: string,
  charged: readonly { measure: string; heading: string | null }[],
  weighed: readonly { measure: string }[],
  index: HeadingIndex,
): string | undefined {
  const key = headingKey(heading);
  if (key === "") return undefined;
  for (const d of charged) if (d.heading !== null && headingKey(d.heading) === key) return d.measure;
  const named = index.get(key);
  if (!named) return undefined;
  for (const m of named) if (charged.some((d) => d.measure === m) || weighed.some((w) => w.measure === m)) return m;
  return named[0];
}
