/**
 * The DuckDB peer (issue #17): the job a user with a hand-made rate table would ask DuckDB to do.
 *   node bench/duckdb-peer.mjs MODULE SHIPMENTS.csv RATES.csv LINES.csv TOTALS.csv
 * MODULE is the resolved entry of @duckdb/node-api (bench/run.mjs installs it outside the project).
 * It reads SHIPMENTS.csv with read_csv (types given, no sniffing of types), numbers the lines in file
 * order, joins RATES.csv (importer, hs4, sector, rate as a fraction) on the importer and the first four
 * digits of the HS code, takes the customs value (US: the value rounded to whole dollars, half away from
 * zero, as `calc` does; CA: the value), computes the duty in exact DECIMAL arithmetic rounded to the cent,
 * and writes LINES.csv (one row per line, in file order) and TOTALS.csv (lines, value and
 * duty by currency and sector). Prints the number of lines priced. The bench writes LINES.csv to /dev/null, as
 * it does `calc -o /dev/null`.
 * Simpler than `calc`: one rate per importer and 4-digit heading, whatever the date, origin, USMCA status,
 * content value or stacking of measures; no checks of the input beyond DuckDB's types.
 */
import { pathToFileURL } from "node:url";

const [modulePath, input, rates, linesOut, totalsOut] = process.argv.slice(2);
const { DuckDBInstance } = await import(pathToFileURL(modulePath).href);
const sql = (s) => `'${s.replace(/'/g, "''")}'`;

const db = await DuckDBInstance.create(":memory:");
const c = await db.connect();
await c.run(`CREATE TABLE rates AS SELECT * FROM read_csv(${sql(rates)}, header = true,
  columns = {'importer': 'VARCHAR', 'hs4': 'VARCHAR', 'sector': 'VARCHAR', 'rate': 'DECIMAL(9,6)'})`);
// row_number() OVER () keeps the file's order (an empty OVER preserves it); the join does not, so the
// lines are written ORDER BY it.
await c.run(`CREATE TEMP TABLE priced AS
  WITH l AS (
    SELECT row_number() OVER () AS n, *
    FROM read_csv(${sql(input)}, header = true, auto_detect = false, delim = ',', quote = '"',
      columns = {'id': 'VARCHAR', 'date': 'DATE', 'importer': 'VARCHAR', 'hs': 'VARCHAR', 'value': 'DECIMAL(18,2)',
                 'usmca': 'VARCHAR', 'content_value': 'DECIMAL(18,2)'})
  ), v AS (
    SELECT l.n, l.id, l.date, l.importer, l.hs, r.sector, r.rate,
      CASE l.importer WHEN 'US' THEN 'USD' ELSE 'CAD' END AS currency,
      CASE l.importer WHEN 'US' THEN round(l.value, 0)::DECIMAL(18,2) ELSE l.value END AS customs_value
    FROM l JOIN rates r ON r.importer = l.importer AND r.hs4 = substr(l.hs, 1, 4)
  )
  SELECT n, id, date, importer, hs, sector, currency, customs_value, round(customs_value * rate, 2) AS duty FROM v`);
await c.run(`COPY (SELECT id, date, importer, hs, sector, currency, customs_value, duty FROM priced ORDER BY n)
  TO ${sql(linesOut)} (HEADER, DELIMITER ',')`);
await c.run(`COPY (SELECT currency, sector, count(*) AS lines, sum(customs_value) AS customs_value, sum(duty) AS duty
  FROM priced GROUP BY currency, sector ORDER BY currency, sector) TO ${sql(totalsOut)} (HEADER, DELIMITER ',')`);
const count = await c.runAndReadAll("SELECT count(*) AS n FROM priced");
process.stdout.write(`${count.getRows()[0][0]}\n`);
