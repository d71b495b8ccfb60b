/**
 * "tariff calc: 120,000 lines…" on stderr while a long file is read, only on a
 * terminal and never in CI; erased when done. Checked every 20,000 lines, drawn
 * at most twice a second.
 */
import type { Context } from "./context.js";

export function progress(ctx: Context, command: string): { tick(lines: number): void; done(): void } {
  const on = ctx.stderr.isTTY === true && !ctx.env["CI"];
  let last = Date.now();
  let drawn = false;
  return {
    tick(lines) {
      if (!on || lines % 20000 !== 0 || Date.now() - last < 500) return;
      last = Date.now();
      drawn = true;
      ctx.stderr.write(`\rtariff ${command}: ${lines.toLocaleString("en-US")} lines…`);
    },
    done() {
      if (drawn) ctx.stderr.write("\r\x1b[K");
      drawn = false;
    },
  };
}
