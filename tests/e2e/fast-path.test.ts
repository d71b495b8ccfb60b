/**
 * The fast path of the CSV reader (issue #17) changes no output byte: the
 * built CLI on every CSV fixture (with the options it is made for), on a
 * generated file of 100,000 lines and on a messy copy of it (quotes, CRLF, a
 * lone CR, bytes that are not UTF-8, a repeated header, blank lines), the
 * same stdout, stderr and exit code as with TARIFF_READER=full (the whole
 * file on csv-parse).
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, fixture, tariff } from "../helpers/cli.js";

function same(args: string[]): void {
  const fast = tariff(args);
  const full = tariff(args, { env: { TARIFF_READER: "full" } });
  expect({ code: fast.code, stderr: fast.stderr, stdout: fast.stdout }).toEqual({ code: full.code, stderr: full.stderr, stdout: full.stdout });
}

const CASES: [string, string[]][] = [
  ["ace-entry-lines.csv", ["--preset", "ace"]],
  ["ace-reconcile.csv", ["--preset", "ace"]],
  ["bom-crlf-multiline.csv", []],
  ["broker-export.csv", ["--map", "fixtures/maps/broker.json"]],
  ["carm-b3-lines.csv", ["--preset", "carm"]],
  ["csv-writer-edges.csv", []],
  ["declared-columns.csv", []],
  ["fees-ca.csv", ["--fees"]],
  ["fees-us-entries.csv", ["--fees"]],
  ["foreign-currency.csv", []],
  ["measure-columns.csv", []],
  ["rejections.csv", []],
  ["sample.csv", ["--keep-columns"]],
  ["semicolon-decimal-comma.csv", ["--decimal-comma", "--thousands", ".", "--delimiter", ";"]],
  ["what-if-2026.csv", []],
  ["windows-1252.csv", ["--encoding", "windows-1252"]],
];

describe("calc: the fast path and the full path print the same bytes", () => {
  it("has a case for every CSV fixture", () => {
    const csv = readdirSync(path.join(ROOT, "fixtures/shipments")).filter((f: string) => f.endsWith(".csv")).sort();
    expect(CASES.map((c) => c[0]).sort()).toEqual(csv);
  });

  for (const [file, options] of CASES) {
    it(`${file} ${options.join(" ")}`, () => {
      same(["calc", fixture("shipments", file), ...options, "--format", "csv"]);
      same(["calc", fixture("shipments", file), ...options, "--format", "ndjson"]);
    });
  }

  it("a generated file of 100,000 lines, and a messy copy of it", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "tariff-fast-"));
    const plain = path.join(dir, "plain.csv");
    const made = spawnSync(process.execPath, [path.join(ROOT, "bench/make-file.mjs"), plain, "100000", "3"]);
    expect(made.status).toBe(0);
    same(["calc", plain, "--format", "csv"]);
    // The messy copy: every 997th line changed in one of the ways the fast path hands on or checks.
    const lines = readFileSync(plain, "latin1").split("\n");
    const messy = lines.map((l, i) => {
      if (i === 0 || i % 997 !== 0 || l === "") return l;
      switch ((i / 997) % 8) {
        case 0: return `"${l.replace(",", '",')}`; // a quoted id: the rest of the file goes to csv-parse
        case 1: return l + "\r"; // CRLF
        case 2: return l.replace(",", "\r,"); // a lone CR: two records
        case 3: return l.replace("L", "L\xff"); // a byte that is not UTF-8 in the id
        case 4: return "id,date,importer,hs,value,usmca,content_value";
        case 5: return "  ";
        case 6: return l.replace(/,(\d+)\.(\d\d),/, ",1,$1.$2,"); // a thousands separator: a field too many
        default: return l.replace("L", "Lé".replace("é", "\xc3\xa9"));
      }
    });
    const messyFile = path.join(dir, "messy.csv");
    writeFileSync(messyFile, Buffer.from(messy.join("\n"), "latin1"));
    same(["calc", messyFile, "--format", "csv"]);
  });
});
