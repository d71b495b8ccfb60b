/**
 * `scheduleJsonSchema()` is generated from the zod schemas the validator uses:
 * these tests check its shape and that the example schedule fits it, never a
 * hand-written copy.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { SCHEDULE_FORMAT, scheduleJsonSchema } from "../../../src/core/schedule/format.js";
import { ROOT } from "../../helpers/cli.js";

interface ObjectSchema {
  type?: string;
  properties: Record<string, unknown>;
  required?: string[];
  additionalProperties?: unknown;
}

const schema = scheduleJsonSchema();
const minimal = JSON.parse(readFileSync(path.join(ROOT, "fixtures/schedules/minimal.json"), "utf8")) as Record<string, unknown>;

function objectAt(s: unknown, ...keys: string[]): ObjectSchema {
  let node = s as Record<string, unknown>;
  for (const key of keys) node = node[key] as Record<string, unknown>;
  expect(node).toMatchObject({ type: "object", additionalProperties: false });
  return node as unknown as ObjectSchema;
}

const top = objectAt(schema);
const sector = objectAt(schema, "properties", "sectors", "items");
const measure = objectAt(schema, "properties", "measures", "items");
const period = objectAt(measure, "properties", "periods", "items");

describe("scheduleJsonSchema", () => {
  it("is a draft 2020-12 JSON Schema with a title", () => {
    expect(schema["$schema"]).toBe("https://json-schema.org/draft/2020-12/schema");
    expect(schema["title"]).toBe("tariff schedule");
  });

  it("refuses unknown keys at the top, in sectors, measures and periods (strict objects)", () => {
    for (const o of [top, sector, measure, period]) expect(o.additionalProperties).toBe(false);
  });

  it("requires the keys the validator requires", () => {
    expect(top.required).toEqual(["format", "id", "version", "title", "asOf", "sectors", "measures"]);
    expect(sector.required).toEqual(["id", "label", "hs"]);
    // sectors or lists (format 2): which one is a cross-field rule (schedule/missing-scope), not a shape.
    expect(measure.required).toEqual(["id", "label", "importer", "origins", "authority", "periods"]);
    expect(period.required).toEqual(["from"]);
  });

  it("pins the format versions it reads: 2, and 1 converted on load", () => {
    expect(top.properties["format"]).toEqual({ type: "string", enum: ["tariff-schedule/1", SCHEDULE_FORMAT] });
    expect(SCHEDULE_FORMAT).toBe("tariff-schedule/2");
  });

  it("describes periods: from, until, rate (a pattern, not a number), rates", () => {
    expect(Object.keys(period.properties)).toEqual(expect.arrayContaining(["from", "until", "rate", "rates", "basis", "exemptions", "excludedBy"]));
    expect(period.properties["rate"]).toMatchObject({ type: "string", pattern: "^\\d+(\\.\\d+)?%$" });
    expect(period.properties["from"]).toMatchObject({ type: "string", pattern: "^\\d{4}-\\d{2}-\\d{2}$" });
  });

  it("lists importers as an enum", () => {
    expect(measure.properties["importer"]).toMatchObject({ type: "string", enum: ["US", "CA"] });
  });

  it("is plain JSON (round-trips through JSON.stringify)", () => {
    expect(JSON.parse(JSON.stringify(schema))).toEqual(schema);
  });
});

describe("fixtures/schedules/minimal.json against the schema", () => {
  it("uses only keys the schema knows, at every level", () => {
    for (const key of Object.keys(minimal)) expect(top.properties).toHaveProperty([key]);
    for (const s of minimal["sectors"] as Record<string, unknown>[]) for (const key of Object.keys(s)) expect(sector.properties).toHaveProperty([key]);
    for (const m of minimal["measures"] as Record<string, unknown>[]) {
      for (const key of Object.keys(m)) expect(measure.properties).toHaveProperty([key]);
      for (const p of m["periods"] as Record<string, unknown>[]) for (const key of Object.keys(p)) expect(period.properties).toHaveProperty([key]);
    }
  });

  it("has every required key", () => {
    for (const key of top.required ?? []) expect(minimal).toHaveProperty([key]);
    for (const m of minimal["measures"] as Record<string, unknown>[]) for (const key of measure.required ?? []) expect(m).toHaveProperty([key]);
  });
});
