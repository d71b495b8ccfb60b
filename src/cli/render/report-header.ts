/**
 * What every report says before its numbers (issue #16): the schedule (id,
 * version, title, as of when, per importer when its sources end earlier), the
 * what-if overlays applied with their titles, the UNVERIFIED measures that
 * matter to it, and what its duty includes and leaves out. One list of facts,
 * drawn for a terminal, Markdown, HTML, and as JSON fields and CSV columns,
 * so that no format says less than another.
 */
import { type Schedule, scheduleStamp } from "../../core/schedule/model.js";
import { escapeText } from "../../core/escape.js";
import type { ChalkInstance } from "chalk";
import { displayWidth, wrapText } from "./text-width.js";

/** A what-if overlay as reports name it: the file given, and the title inside it. */
export interface OverlayInfo {
  file: string;
  title: string;
}

/** What reports say of a schedule. */
export interface ScheduleFacts {
  id: string;
  version: string;
  title: string;
  asOf: string;
  asOfByImporter: { US: string; CA: string };
  /** Measures whose facts the schedule marks UNVERIFIED (their note, or a period's, says so). */
  unverified: string[];
}

export function scheduleFacts(schedule: Schedule): ScheduleFacts {
  const s = scheduleStamp(schedule);
  return { id: s.id, version: s.version, title: schedule.title, asOf: s.asOf, asOfByImporter: s.asOfByImporter, unverified: s.unverified };
}

/**
 * What a duty in our reports is, and is not: the JSON `dutyScope` object
 * (README, "What the duty includes"). The tool computes the measures of the
 * schedule; the rest of what an entry owes is not computed.
 */
export const DUTY_SCOPE = {
  includes: "the duties of the schedule's measures (for the default schedule: the 2025-2026 US additional duties on Canadian goods and Canadian surtaxes on US goods)",
  excludes: [
    "normal customs duty (US MFN rates of the HTSUS, Canadian MFN/UST rates of the Customs Tariff)",
    "merchandise processing fee (MPF) and harbor maintenance fee (HMF)",
    "GST/HST, provincial and excise taxes",
    "any other duty, fee or tax the schedule has no measure for",
  ],
} as const;

/** One line of text for the duty scope. */
export const DUTY_SCOPE_TEXT = "the schedule's measures only; not included: normal customs duty (MFN/UST), MPF, HMF, GST/HST and other taxes and fees, unless the schedule has a measure for them";

/** `tariff-default 2026-12-05 "US duties…", as of 2026-12-01 (US sources to 2026-09-29, CA to 2026-09-17)`. */
export function scheduleText(s: ScheduleFacts): string {
  const { US: us, CA: ca } = s.asOfByImporter;
  const sources = us === s.asOf && ca === s.asOf ? "" : ` (US sources to ${us}, CA to ${ca})`;
  return `${s.id} ${s.version}${s.title ? ` "${s.title}"` : ""}, as of ${s.asOf}${sources}`;
}

/** `file.json "Its title"` for each overlay, in the order applied. */
export function overlaysText(overlays: readonly OverlayInfo[]): string {
  return overlays.map((o) => `${o.file} "${o.title}"`).join(" + ");
}

/** The CSV `schedule` column: `tariff-default 2026-12-05 as of 2026-12-01`. */
export function scheduleColumn(s: Pick<ScheduleFacts, "id" | "version" | "asOf">): string {
  return `${s.id} ${s.version} as of ${s.asOf}`;
}

/** The CSV `what_if` column: empty for a schedule as given, else `file.json: Its title` per overlay, joined by ` + `. */
export function whatIfColumn(overlays: readonly OverlayInfo[]): string {
  return overlays.map((o) => `${o.file}: ${o.title}`).join(" + ");
}

export interface HeaderItem {
  label: string;
  text: string;
}

/**
 * The UNVERIFIED line: those of `here` (the measures that charged or changed
 * something in this report) the schedule marks, and how many it marks in all.
 */
export function unverifiedText(all: readonly string[], here: readonly string[], what: string, schedules = 1): string | undefined {
  if (all.length === 0) return undefined;
  const marked = new Set(all);
  const used = [...new Set(here)].filter((m) => marked.has(m)).sort();
  const who = schedules === 1 ? "the schedule marks" : "the schedules mark";
  const total = `${who} ${all.length} measure${all.length === 1 ? "" : "s"} UNVERIFIED in all: facts ${schedules === 1 ? "its" : "their"} sources leave in doubt (see each measure's note)`;
  if (used.length === 0) return `none of the measures ${what}; ${total}`;
  return `${used.join(", ")} (${used.length} of the measures ${what}); ${total}`;
}

/** The facts of a calc report, in the order printed. */
export function calcHeader(schedule: ScheduleFacts, overlays: readonly OverlayInfo[], charged: readonly string[], counts: { read: number; computed: number; rejected: number }): HeaderItem[] {
  const items: HeaderItem[] = [{ label: "Schedule", text: scheduleText(schedule) }];
  if (overlays.length > 0) items.push({ label: "What-if", text: `${overlaysText(overlays)} applied on the schedule: not the rates in force` });
  const unverified = unverifiedText(schedule.unverified, charged, "charged here");
  if (unverified) items.push({ label: "UNVERIFIED", text: unverified });
  items.push({ label: "Duty", text: DUTY_SCOPE_TEXT });
  items.push({ label: "Lines", text: `${counts.read} read, ${counts.computed} computed, ${counts.rejected} rejected` });
  return items;
}

/** The facts as `Label: text` lines for a terminal, labels aligned, wrapped to `width` under their text. */
export function headerText(items: readonly HeaderItem[], color: ChalkInstance, width: number | undefined): string {
  const pad = Math.max(...items.map((i) => displayWidth(i.label))) + 2;
  const lines: string[] = [];
  for (const item of items) {
    const text = escapeText(item.text);
    const room = width === undefined ? Number.MAX_SAFE_INTEGER : width - pad;
    const label = color.bold(`${item.label}:`) + " ".repeat(pad - displayWidth(item.label) - 1);
    if (room < 20) {
      // Too narrow to indent: the label on its own line.
      lines.push(color.bold(`${item.label}:`), ...wrapText(text, Math.max(1, width ?? 1)));
      continue;
    }
    const wrapped = wrapText(text, room);
    lines.push(label + wrapped[0]!, ...wrapped.slice(1).map((l) => " ".repeat(pad) + l));
  }
  return lines.join("\n") + "\n";
}

/** Text for a Markdown paragraph: its markup characters escaped, control characters shown escaped. */
export function mdText(text: string): string {
  return escapeText(text).replace(/[\\`*_[\]<>|]/g, (c) => `\\${c}`);
}

/** The facts as a Markdown list. */
export function headerMarkdown(items: readonly HeaderItem[]): string {
  return items.map((i) => `- **${mdText(i.label)}:** ${mdText(i.text)}`).join("\n") + "\n";
}

/** Words wrapped to a terminal's width (no limit when undefined); escaped. */
export function paragraph(text: string, width: number | undefined): string {
  return (width === undefined ? [escapeText(text)] : wrapText(escapeText(text), width)).join("\n") + "\n";
}
