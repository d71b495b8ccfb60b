/** A problem that stops reading a CSV file (exit 2), with its diagnostics (the first is `diagnostic`). */
import type { Diagnostic } from "../core/diagnostics.js";

export class CsvFatal extends Error {
  readonly diagnostics: Diagnostic[];
  constructor(readonly diagnostic: Diagnostic, more: Diagnostic[] = []) {
    super(diagnostic.message);
    this.diagnostics = [diagnostic, ...more];
  }
}
