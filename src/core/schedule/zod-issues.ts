/**
 * Turns zod issues into Diagnostics with messages a person can act on:
 * the unknown key with a "did you mean", the missing key, what was expected
 * and what was found. Codes are derived from the issue and the field.
 */
import type { z } from "zod";
import { type Diagnostic, type Path, didYouMean, error, formatPath, quoted } from "../diagnostics.js";

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

function unwrap(schema: AnySchema | undefined): AnySchema | undefined {
  let current = schema;
  for (let guard = 0; current && guard < 10; guard++) {
    const d = def(current);
    if (d.type === "optional" || d.type === "nullable" || d.type === "default") current = d.innerType;
    else if (d.type === "pipe") current = d.in;
    else break;
  }
  return current;
}

/** The schema at `path` below `schema` (unions resolve to their object branch). */
function schemaAt(schema: AnySchema, path: Path): AnySchema | undefined {
  let current: AnySchema | undefined = schema;
  for (const part of path) {
    current = unwrap(current);
    if (current && def(current).type === "union") current = unwrap(def(current).options?.find((o) => def(unwrap(o)!).type === "object"));
    if (!current) return undefined;
    const d = def(current);
    if (d.type === "object" && typeof part === "string") current = d.shape?.[part];
    else if (d.type === "array") current = d.element;
    else if (d.type === "record") current = d.valueType;
    else return undefined;
  }
  return unwrap(current);
}

/** The object keys a schema accepts at `path`, for "did you mean". */
export function knownKeysAt(schema: AnySchema, path: Path): string[] {
  let at = schemaAt(schema, path);
  if (at && def(at).type === "union") at = unwrap(def(at).options?.find((o) => def(unwrap(o)!).type === "object"));
  if (!at) return [];
  const d = def(at);
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
    if (last === "from" || last === "until" || last === "asOf" || last === "end") return `${domain}/invalid-date`;
    if (last === "rate" || last === "share" || parent === "rates") return `${domain}/invalid-rate`;
    if (parent === "hs") return `${domain}/invalid-hs`;
    if (last === "id" || parent === "sectors" || parent === "exceptSectors" || parent === "excludedBy" || last === "measure") return `${domain}/invalid-id`;
  }
  return `${domain}/${kind}`;
}

type Issue = z.core.$ZodIssue;

/**
 * `schema.safeParse(value)`, safe on a value with hundreds of thousands of
 * errors: zod merges a part's issues into its parent's with `push(...issues)`,
 * which overflows the call stack past about 100,000 in one part. Then the
 * value is checked part by part (each element of a list, each property of an
 * object on its own, the object without them), which gives the same issues.
 * Only a value with that many errors takes the slow path.
 */
export function safeParseIssues<T>(schema: z.ZodType<T>, value: unknown): { success: true; data: T } | { success: false; issues: Issue[] } {
  try {
    const r = schema.safeParse(value);
    return r.success ? { success: true, data: r.data } : { success: false, issues: r.error.issues as Issue[] };
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
  }
  const out: Issue[] = [];
  issuesByParts(schema, value, [], out);
  return { success: false, issues: out };
}

/** A part of at most this many JSON values is parsed whole: a value gives at most a few issues, far below the overflow. */
const PART_VALUES = 10_000;

/** JSON values in `value`, counted up to `limit` (nesting is bounded by the reader). */
function valuesIn(value: unknown, limit: number): number {
  if (value === null || typeof value !== "object") return 1;
  let n = 1;
  for (const v of Object.values(value)) {
    n += valuesIn(v, limit - n);
    if (n > limit) break;
  }
  return n;
}

function issuesByParts(schema: AnySchema, value: unknown, path: Path, out: Issue[]): void {
  // A large part goes straight to its parts: trying it whole would redo all its work before overflowing again.
  if (valuesIn(value, PART_VALUES) <= PART_VALUES) {
    try {
      const r = schema.safeParse(value);
      if (!r.success) for (const issue of r.error.issues) out.push({ ...issue, path: [...path, ...issue.path] } as Issue);
      return;
    } catch (e) {
      if (!(e instanceof RangeError)) throw e;
    }
  }
  const inner = unwrap(schema);
  const d = inner ? def(inner) : undefined;
  if (d?.type === "array" && d.element && Array.isArray(value)) {
    // Runs of elements of up to PART_VALUES values are parsed as one list (each parse costs an Error and its stack);
    // a larger element on its own. A list long enough to get here is not empty: its own length check (min 1) holds.
    const run = (from: number, to: number) => {
      if (from >= to) return;
      const r = inner!.safeParse(value.slice(from, to));
      if (!r.success) for (const issue of r.error.issues) out.push({ ...issue, path: [...path, (issue.path[0] as number) + from, ...issue.path.slice(1)] } as Issue);
    };
    let start = 0;
    let size = 0;
    value.forEach((v, i) => {
      const n = valuesIn(v, PART_VALUES);
      if (n > PART_VALUES) {
        run(start, i);
        issuesByParts(d.element!, v, [...path, i], out);
        [start, size] = [i + 1, 0];
      } else if (size + n > PART_VALUES) {
        run(start, i);
        [start, size] = [i, n];
      } else size += n;
    });
    run(start, value.length);
    return;
  }
  if (d?.type === "object" && d.shape && value !== null && typeof value === "object" && !Array.isArray(value)) {
    const rest: Record<string, unknown> = { ...(value as Record<string, unknown>) };
    const apart = new Set<string>();
    for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
      const part = d.shape[key];
      if (!part || v === null || typeof v !== "object") continue;
      issuesByParts(part, v, [...path, key], out);
      apart.add(key);
      delete rest[key];
    }
    // The object without the parts checked apart: its unknown and missing keys; a part removed here is not missing.
    const whole: Issue[] = [];
    issuesByParts(inner!, rest, path, whole);
    for (const issue of whole) if (!(issue.path.length === path.length + 1 && apart.has(String(issue.path[path.length])))) out.push(issue);
    return;
  }
  throw new RangeError(`internal: ${formatPath(path)} overflows the shape check`);
}

/** "Did you mean" guesses made per conversion: only the first errors are shown (MAX_ERRORS), so a million typos cost a million messages, not a million guesses. */
export const MAX_GUESSES = 200;

export function issuesToDiagnostics(
  issues: readonly z.core.$ZodIssue[],
  root: unknown,
  schema: AnySchema,
  file: string,
  domain: "schedule" | "overlay" = "schedule",
  pathPrefix: Path = [],
  guesses: { left: number } = { left: MAX_GUESSES },
): Diagnostic[] {
  const guess = (input: string, candidates: string[]): string | undefined => (guesses.left-- > 0 ? didYouMean(input, candidates) : undefined);
  const out: Diagnostic[] = [];
  for (const issue of issues) {
    const path = [...pathPrefix, ...(issue.path as Path)];
    const value = valueAt(root, path);
    if (issue.code === "invalid_union") {
      // Explain the fault inside the branch the value was meant for (a string rate, or an object),
      // instead of a vague "expected one of": the branches that failed only on the value's type are dropped.
      const meant = issue.errors.filter((branch) => !branch.every((i) => i.code === "invalid_type" && i.path.length === 0) && !branch.every((i) => i.code === "invalid_value" && i.path.length === 0));
      const union = schemaAt(schema, issue.path as Path);
      const branch = meant.length === 1 && union ? unwrap(def(union).options?.[(issue.errors as unknown[]).indexOf(meant[0])]) : undefined;
      if (branch) {
        for (const d of issuesToDiagnostics(meant[0]!, root, branch, file, domain, path, guesses)) out.push(d);
        continue;
      }
      if (meant.length === 0 && value !== undefined) {
        // Every branch refused the value's type: a wrong type, said with the union's own message.
        out.push(error(`${domain}/wrong-type`, `${formatPath(path)}: ${issue.message}, got ${describeValue(value)}`, { file, path }));
        continue;
      }
    }
    if (issue.code === "invalid_key") {
      const key = path[path.length - 1];
      const inner = issue.issues[0]?.message ?? "not a valid key";
      out.push(error(`${domain}/invalid-id`, `${formatPath(path.slice(0, -1))}: key ${quoted(String(key))}: ${inner}`, { file, path }));
      continue;
    }
    const where = formatPath(path);
    switch (issue.code) {
      case "unrecognized_keys": {
        const known = knownKeysAt(schema, issue.path as Path);
        for (const key of issue.keys) {
          const close = guess(key, known);
          out.push(
            error(
              `${domain}/unknown-key`,
              `unknown key ${quoted(key)} in ${where}`,
              { file, path: [...path, key] },
              close ? `did you mean "${close}"?` : `known keys here: ${known.join(", ")}`,
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
        if (value === undefined && path.length > 0) {
          out.push(error(`${domain}/missing-key`, `missing required key "${String(path[path.length - 1])}" in ${formatPath(path.slice(0, -1))}`, { file, path: path.slice(0, -1) }));
          break;
        }
        const allowed = issue.values.map((v) => String(v));
        const close = typeof value === "string" ? guess(value, allowed) : undefined;
        out.push(
          error(codeFor(domain, "invalid-value", path), `${where}: ${issue.message}, got ${describeValue(value)}`, { file, path }, close ? `did you mean "${close}"?` : undefined),
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
