// The floor for our reader: csv-parse over the same file with the same options and read size, and nothing else.
import { createReadStream } from "node:fs";
import { parse } from "csv-parse";

const parser = createReadStream(process.argv[2], { highWaterMark: 64 * 1024 }).pipe(
  parse({ bom: true, relax_column_count: true, skip_empty_lines: false, record_delimiter: ["\r\n", "\n", "\r"], max_record_size: 1_000_000 }),
);
let records = 0;
for await (const _ of parser) records++;
process.stdout.write(`${records}\n`);
