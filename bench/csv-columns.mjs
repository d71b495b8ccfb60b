// csv-parse as most programs call it: `columns: true`, one object per record keyed by the header's names.
import { createReadStream } from "node:fs";
import { parse } from "csv-parse";

const parser = createReadStream(process.argv[2]).pipe(parse({ columns: true }));
let records = 0;
for await (const _ of parser) records++;
process.stdout.write(`${records}\n`);
