/**
 * Every CSV fixture of fixtures/shipments with the options it is meant for:
 * the runs on which two ways of doing one job (the reader's fast and full
 * paths, rows as bytes and as text) must give the same bytes. The fast-path
 * test checks that the list names every CSV fixture.
 */
export const CSV_FIXTURE_RUNS: readonly (readonly [string, readonly string[]])[] = [
  ["ace-entry-lines.csv", ["--preset", "ace"]],
  ["ace-reconcile.csv", ["--preset", "ace"]],
  ["bom-crlf-multiline.csv", []],
  ["broker-export.csv", ["--map", "fixtures/maps/broker.json"]],
  ["carm-b3-lines.csv", ["--preset", "carm"]],
  ["csv-writer-edges.csv", []],
  ["declared-columns.csv", []],
  ["fees-ca.csv", ["--fees", "--fx", "fixtures/fx/fees-examples.csv"]],
  ["fees-us-entries.csv", ["-s", "fixtures/schedules/fees.json", "--fees"]],
  ["foreign-currency.csv", ["--fx", "fixtures/fx/usd-cad.csv"]],
  ["measure-columns.csv", ["-s", "fixtures/schedules/two-importers.json", "--measure-columns", "--keep-columns"]],
  ["rejections.csv", ["--keep-columns"]],
  ["sample.csv", ["--keep-columns", "--measure-columns"]],
  ["semicolon-decimal-comma.csv", ["--decimal-comma", "--thousands", ".", "--delimiter", ";"]],
  ["what-if-2026.csv", ["--overlay", "fixtures/overlays/canada-lifts-metal-surtax-at-review.json", "--overlay", "fixtures/overlays/section-122-to-year-end.json"]],
  ["windows-1252.csv", ["--encoding", "windows-1252"]],
];
