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

  /** `hs` is digits only. */
  sectorOf(hs: string): string | undefined {
    for (let n = Math.min(hs.length, this.longest); n >= 2; n--) {
      const sector = this.byPrefix.get(hs.slice(0, n));
      if (sector !== undefined) return sector;
    }
    return undefined;
  }
}

/** `"8703.23.01"` → `"87032301"`; undefined if it is not an HS code (2–10 digits, dots/spaces optional). */
export function normalizeHs(text: string): string | undefined {
  const digits = text.replace(/[.\s]/g, "");
  return /^\d{2,10}$/.test(digits) ? digits : undefined;
}
