/**
 * Reads a shipments file and prices its lines as `calc` does (the reader,
 * then the core run of a pricing engine), handing each priced line on with the row it
 * came from, for commands that set something else against the duty
 * (`reconcile`, `refund`: issue #15). Counting follows calc's: every data line
 * is computed or rejected; companion rows are counted apart; lines with
 * warnings are counted.
 *
 * The one place these commands price a line: `run.add`.
 */
import type { LineResult } from "../core/duty/compute.js";
import type { Run } from "../core/duty/run.js";
import type { Columns, Rejection, Row, RowWarning } from "../core/duty/shipment.js";
import { type CompanionItem, type ReadOptions, isCompanionItem, isRow } from "../io/shipments.js";
import type { ShipmentSource } from "../io/shipment-source.js";

export interface PricedCounts {
  read: number;
  computed: number;
  rejected: number;
  /** Lines computed with at least one warning (present when not zero). */
  warned?: number;
  /** Companion rows (ACE's chapter 99 rows; present when not zero). */
  companions?: number;
}

export interface PricedRowsHandlers {
  /** The header's names as written (trimmed), at their field index, and where our columns are: throw a CsvFatal to stop the run (exit 2). */
  header?(names: readonly string[], columns: Columns, line: number): void;
  /** A priced line and its row: a Rejection returned counts the line as rejected instead (a declared amount that is not a number, say). */
  line(result: LineResult, row: Row): Rejection | undefined;
  rejected(r: Rejection): void;
  warnings(ws: readonly RowWarning[]): void;
  companion(item: CompanionItem): void;
  /** After each batch of input: the outputs' back-pressure. */
  batch(): Promise<void>;
}

/**
 * Folds every row of the input through the handlers. Throws the reader's
 * CsvFatal (a file that cannot be read as a whole).
 */
export async function foldPricedRows(input: ShipmentSource, read: ReadOptions, run: Run, h: PricedRowsHandlers): Promise<{ counts: PricedCounts; warnedBy: Map<string, number> }> {
  const counts: PricedCounts = { read: 0, computed: 0, rejected: 0 };
  const warnedBy = new Map<string, number>();
  const reject = (r: Rejection) => {
    counts.rejected++;
    h.rejected(r);
  };
  const options: ReadOptions = {
    ...read,
    onHeader: (line, delimiter, mode, names, columns, fields) => {
      read.onHeader?.(line, delimiter, mode, names, columns, fields);
      h.header?.(names, columns, line);
    },
  };
  for await (const batch of input.read(options)) {
    for (const item of batch) {
      if (isCompanionItem(item)) {
        counts.companions = (counts.companions ?? 0) + 1;
        h.companion(item);
        continue;
      }
      counts.read++;
      if (!isRow(item)) {
        reject(item);
        continue;
      }
      const priced = run.add(item);
      if (!priced.ok) {
        reject(priced.rejection);
        continue;
      }
      const refused = h.line(priced.results[0]!, item);
      if (refused) {
        reject(refused);
        continue;
      }
      counts.computed++;
      const ws = priced.warnings;
      if (ws.length > 0) {
        h.warnings(ws);
        counts.warned = (counts.warned ?? 0) + 1;
        for (const w of ws) warnedBy.set(w.column, (warnedBy.get(w.column) ?? 0) + 1);
      }
    }
    await h.batch();
  }
  return { counts, warnedBy };
}

/** `content_value 1, hs 2`: warnings by column, for the closing line on stderr. */
export function warnedByText(warnedBy: ReadonlyMap<string, number>): string {
  return [...warnedBy].sort(([a], [b]) => (a < b ? -1 : 1)).map(([c, n]) => `${c} ${n}`).join(", ");
}
