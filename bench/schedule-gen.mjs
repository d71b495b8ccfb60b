/**
 * Synthetic schedules for the validator's bench and stress runs (issue #13):
 * `n` measures over `sectors` sectors, each with a few periods on distinct
 * dates, chained exclusions, optionally broken in named ways. Deterministic.
 */

const day = (i) => new Date(Date.UTC(2025, 0, 1) + i * 86400000).toISOString().slice(0, 10);

/** A valid schedule of `n` measures; `periods` per measure, start dates spread so every measure starts on its own date. */
export function bigSchedule({ n, sectors = 50, periods = 3, chain = false, cycle = false, label = "" } = {}) {
  const sectorList = Array.from({ length: sectors }, (_, i) => ({ id: `sector_${i}`, label: `Sector ${i} ${label}`, hs: [String(1000 + i)] }));
  const measures = Array.from({ length: n }, (_, i) => {
    const ps = Array.from({ length: periods }, (_, j) => {
      const from = day(i % 3000 + j * 4000);
      const p = { from, rate: `${(i + j) % 40}%` };
      if (j < periods - 1) p.until = day(i % 3000 + (j + 1) * 4000);
      return p;
    });
    const m = {
      id: `m-${i}`,
      label: `Measure ${i} ${label}`,
      importer: i % 2 ? "US" : "CA",
      origins: [i % 2 ? "CA" : "US"],
      authority: `Authority ${i}`,
      sectors: i % 5 === 0 ? "*" : [`sector_${i % sectors}`, `sector_${(i + 7) % sectors}`],
      periods: ps,
      sources: [`https://example.org/${i}`],
    };
    if (i % 5 === 0) m.exceptSectors = [`sector_${(i + 1) % sectors}`];
    // Every measure in force from one date, so a chain or a cycle is complete on that date.
    if (chain || cycle) m.periods = [{ from: "2025-01-01", rate: "10%" }];
    if (chain && i + 1 < n) m.excludedBy = [`m-${i + 1}`];
    if (cycle) m.excludedBy = [`m-${(i + 1) % n}`];
    return m;
  });
  return { format: "tariff-schedule/1", id: "big", version: "2026-01-01", title: "synthetic", asOf: "2026-01-01", sectors: sectorList, measures };
}
