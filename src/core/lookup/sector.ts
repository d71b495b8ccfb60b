/**
 * Which sector an HS code belongs to: the sector holding the longest prefix of
 * the code (dots ignored). Built once per schedule; a lookup is at most nine
 * map probes.
 */
import type { Schedule } from "../schedule/model.js";

export class SectorIndex {
  private readonly byPrefix = new Map<string, string>();
  private readonly longest: number;

  constructor(schedule: Pick<Schedule, "sectors">) {
    let longest = 0;
    for (const sector of schedule.sectors) {
      for (const prefix of sector.hs) {
        this.byPrefix.set(prefix, sector.id);
        longest = Math.max(longest, prefix.length);
      }
    }
    this.longest = longest;
  }

  /** Codes seen before (files repeat their codes); bounded, so a crafted file cannot grow it without limit. */
  private readonly seen = new Map<string, string | null>();

  /** `hs` is digits only. */
  sectorOf(hs: string): string | undefined {
    const known = this.seen.get(hs);
    if (known !== undefined) return known ?? undefined;
    let found: string | null = null;
    for (let n = Math.min(hs.length, this.longest); n >= 2; n--) {
      const sector = this.byPrefix.get(hs.slice(0, n));
      if (sector !== undefined) {
        found = sector;
        break;
      }
    }
    if (this.seen.size >= 100_000) this.seen.clear();
    this.seen.set(hs, found);
    return found ?? undefined;
  }
}

/** `"8703.23.01"` → `"87032301"`; undefined if it is not an HS code (2–10 digits, dots/spaces optional). */
export function normalizeHs(text: string): string | undefined {
  if (isDigits(text)) return text; // the common case: digits only
  const digits = text.replace(/[.\s]/g, "");
  return /^\d{2,10}$/.test(digits) ? digits : undefined;
}

/** 2 to 10 ASCII digits. */
function isDigits(text: string): boolean {
  if (text.length < 2 || text.length > 10) return false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}
