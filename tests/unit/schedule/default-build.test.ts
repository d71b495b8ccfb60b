/**
 * The embedded default schedule is generated: src/io/default-schedule.json
 * must equal a fresh build of data/ (data/build-schedule.mjs), so nobody
 * hand-edits it. To change the schedule, edit data/ and run
 * `npm run schedule:build`.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { ROOT } from "../../helpers/cli.js";

interface Builder {
  buildScheduleText: () => string;
  SCHEDULE_PATH: string;
}

describe("the embedded default schedule", () => {
  it("equals a fresh build of data/ (run npm run schedule:build after changing data/)", async () => {
    const builder = (await import(pathToFileURL(path.join(ROOT, "data", "build-schedule.mjs")).href)) as Builder;
    const fresh = builder.buildScheduleText();
    const embedded = readFileSync(path.join(ROOT, "src", "io", "default-schedule.json"), "utf8");
    if (embedded !== fresh) {
      const a = embedded.split("\n");
      const b = fresh.split("\n");
      let i = 0;
      while (i < a.length && a[i] === b[i]) i++;
      expect.fail(
        `src/io/default-schedule.json differs from a fresh build of data/ (first difference at line ${i + 1}: embedded ${JSON.stringify(a[i] ?? "<end>")}, fresh ${JSON.stringify(b[i] ?? "<end>")}). ` +
          "Do not edit it by hand: change data/ and run `npm run schedule:build`.",
      );
    }
  });

  it("is deterministic: two builds give the same text", async () => {
    const builder = (await import(pathToFileURL(path.join(ROOT, "data", "build-schedule.mjs")).href)) as Builder;
    const one = builder.buildScheduleText();
    expect(builder.buildScheduleText()).toBe(one);
    expect(one.endsWith("}\n")).toBe(true);
    expect(one).toContain('\n  "format": "tariff-schedule/2",\n');
  });
});
