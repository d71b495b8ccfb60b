/** Rejections grouped by code for stderr (issue #14, item 6): counts of all, the first N of each, nothing more kept. */
import { describe, expect, it } from "vitest";
import { RejectionGroups } from "../../src/cli/render/rejection-groups.js";
import type { Rejection } from "../../src/core/duty/shipment.js";

const rejection = (line: number, code: string, reason = "why"): Rejection => ({ line, id: null, column: "date", code, reason });

describe("RejectionGroups", () => {
  it("counts every rejection of a code and keeps its first N messages, in the order codes first come up", () => {
    const g = new RejectionGroups("f.csv", 2);
    for (let line = 2; line < 2000; line++) g.add(rejection(line, line % 3 === 0 ? "shipment/bad-hs" : "shipment/bad-date"));
    expect(g.count).toBe(1998);
    expect(g.text()).toBe(
      "shipment/bad-date: 1332 lines rejected (the first 2 shown)\n  f.csv:2: rejected: date: why\n  f.csv:4: rejected: date: why\n" +
        "shipment/bad-hs: 666 lines rejected (the first 2 shown)\n  f.csv:3: rejected: date: why\n  f.csv:6: rejected: date: why\n" +
        "(--max-messages N shows more of each; --format json or --rejects FILE has every one)\n",
    );
  });

  it("a line's other faults are indented under it; a control character is shown escaped; a huge reason is cut", () => {
    const g = new RejectionGroups("f.csv");
    g.add({ ...rejection(3, "shipment/bad-date", "a\u001b[31m"), faults: [{ column: "date", code: "shipment/bad-date", reason: "a" }, { column: "value", code: "shipment/bad-amount", reason: "b" }] });
    g.add(rejection(4, "shipment/bad-amount", "x".repeat(5000)));
    const text = g.text().split("\n");
    expect(text.slice(0, 4)).toEqual(["shipment/bad-date: 1 line rejected", "  f.csv:3: rejected: date: a\\x1b[31m", "    and value: b", "shipment/bad-amount: 1 line rejected"]);
    expect(text[4]!.length).toBeLessThan(2100);
    expect(text[4]!.endsWith("… (cut: 5026 characters)")).toBe(true);
  });
});
