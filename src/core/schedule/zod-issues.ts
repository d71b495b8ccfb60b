/**
 * Turns zod issues into Diagnostics with messages a person can act on:
 * the unknown key with a "did you mean", the missing key, what was expected
 * and what was found. Codes are derived from the issue and the field.
 */
import type { z } from "zod";
import { type Diagnostic, type Path, didYouMean, error, formatPath } from "../diagnostics.js";

type AnySchema = z.ZodType;

interface Def {
  type: string;
  shape?: Record<string, AnySchema>;
  element?: AnySchema;
  innerType?: AnySchema;
  valueType?: AnySchema;
  options?: AnySchema[];
  in?: AnySchema;
}

function def(schema: AnySchema): Def {
  return (schema as unknown as { _zod: { def: Def } })._zod.def;
}

/** The object keys a schema accepts at `path`, for "did you mean". */
export function knownKeysAt(schema: AnySchema, path: Path): string[] {
  let current: AnySchema | undefined = schema;
  for (const part of [...path, undefined]) {
    // unwrap wrappers until an object/array/record
    for (let guard = 0; current && guard < 10; guard++) {
      const d = def(current);
      if (d.type === "optional" || d.type === "nullable" || d.type === "default") current = d.innerType;
      else if (d.type === "pipe") current = d.in;
      else if (d.type === "union") current = d.options?.find((o) => def(o).type === "object") ?? d.options?.[0];
      else break;
    }
    if (!current) return [];
    if (part === undefined) break;
    const d = def(current);
    if (d.type === "object" && typeof part === "string") current = d.shape?.[part];
    else if (d.type === "array") current = d.element;
    else if (d.type === "record") current = d.valueType;
    else return [];
  }
  if (!current) return [];
  const d = def(current);
  return d.type === "object" && d.shape ? Object.keys(d.shape) : [];
}

function valueAt(root: unknown, path: Path): unknown {
  let v: unknown = root;
  for (const part of path) {
    if (v === null || typeof v !== "object") return undefined;
    v = Object.prototype.hasOwnProperty.call(v, part) ? (v as Record<string | number, unknown>)[part] : undefined;
  }
  return v;
}

export function describeValue(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "a list";
  if (typeof v === "object") return "an object";
  if (typeof v === "string") return JSON.stringify(v.length > 60 ? v.slice(0, 57) + "..." : v);
  if (typeof v === "number") return `the number ${v}`;
  if (typeof v === "boolean") return `${v}`;
  return typeof v;
}

function codeFor(domain: string, kind: string, path: Path): string {
  const last = path[path.length - 1];
  const parent = path[path.length - 2];
  if (kind === "invalid") {
    if (last === "from" || last === "until" || last === "asOf") return `${domain}/invalid-date`;
    if (last === "rate" || last === "share" || parent === "rates") return `${domain}/invalid-rate`;
    if (parent === "hs") return `${domain}/invalid-hs`;
    if (last === "id" || parent === "sectors" || parent === "exceptSectors" || parent === "excludedBy" || last === "measure") return `${domain}/invalid-id`;
  }
  return `${domain}/${kind}`;
}

export function issuesToDiagnostics(
  issues: readonly z.core.$ZodIssue[],
  root: unknown,
  schema: AnySchema,
  file: string,
  domain: "schedule" | "overlay" = "schedule",
  pathPrefix: Path = [],
): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const issue of issues) {
    const path = [...pathPrefix, ...(issue.path as Path)];
    const value = valueAt(root, path);
    const where = formatPath(path);
    switch (issue.code) {
      case "unrecognized_keys": {
        const known = knownKeysAt(schema, issue.path as Path);
        for (const key of issue.keys) {
          const guess = didYouMean(key, known);
          out.push(
            error(
              `${domain}/unknown-key`,
              `unknown key "${key}" in ${where}`,
              { file, path: [...path, key] },
              guess ? `did you mean "${guess}"?` : `known keys here: ${known.join(", ")}`,
            ),
          );
        }
        break;
      }
      case "invalid_type": {
        if (value === undefined && path.length > 0) {
          const key = path[path.length - 1];
          const parent = path.slice(0, -1);
          out.push(error(`${domain}/missing-key`, `missing required key "${String(key)}" in ${formatPath(parent)}`, { file, path: parent }));
        } else {
          out.push(error(codeFor(domain, "wrong-type", path), `${where}: ${issue.message}, got ${describeValue(value)}`, { file, path }));
        }
        break;
      }
      case "invalid_value": {
        const allowed = issue.values.map((v) => String(v));
        const guess = typeof value === "string" ? didYouMean(value, allowed) : undefined;
        out.push(
          error(codeFor(domain, "invalid-value", path), `${where}: ${issue.message}, got ${describeValue(value)}`, { file, path }, guess ? `did you mean "${guess}"?` : undefined),
        );
        break;
      }
      case "too_small":
        out.push(error(codeFor(domain, "empty", path), `${where}: ${issue.message}`, { file, path }));
        break;
      case "custom":
        out.push(error(codeFor(domain, "invalid", path), `${where}: ${issue.message}`, { file, path }));
        break;
      default:
        out.push(error(codeFor(domain, "invalid", path), `${where}: ${issue.message}, got ${describeValue(value)}`, { file, path }));
    }
  }
  return out;
}
