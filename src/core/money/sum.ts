/**
 * A running total of decimals that does not allocate per addition: totals
 * add every line of a file, several times each. Exact like `add` (the same
 * safe-integer lane, bigint beyond).
 */
import { type Decimal, type Units, add } from "./decimal.js";

export class Sum {
  private units: Units = 0;
  private scale = 0;

  add(d: Decimal): void {
    if (d.scale === this.scale && typeof this.units === "number" && typeof d.units === "number") {
      const s = this.units + d.units;
      if (Number.isSafeInteger(s)) {
        this.units = s;
        return;
      }
    }
    const r = add(this.value, d);
    this.units = r.units;
    this.scale = r.scale;
  }

  get value(): Decimal {
    return { units: this.units, scale: this.scale };
  }
}
