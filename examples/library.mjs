// Duty on two shipment lines under the embedded schedule, from JavaScript (README: Library use).
import { calc } from "tariff-impact";

const result = await calc(
  [
    { id: "INV-1", date: "2025-09-15", importer: "US", origin: "CA", hs: "8712.00.00", value: "10000.00", currency: "USD", usmca: "N" },
    { id: "INV-2", date: "2025/09/15", importer: "US", origin: "CA", hs: "8712.00.00", value: "10000.00", currency: "USD", usmca: "N" },
  ],
  { lines: false },
);
if (!result.ok) {
  // Bad input is a value: each diagnostic with its file and line.
  for (const d of result.diagnostics) console.error(`${d.at.file}:${d.at.line ?? "-"}: ${d.message}`);
  process.exitCode = 2;
} else {
  const { totals, rejected, counts } = result.value;
  console.log(`USD duty ${totals.USD.duty} on ${counts.computed} of ${counts.read} lines`);
  for (const r of rejected) console.log(`line ${r.line} rejected: ${r.reason}`);
}
