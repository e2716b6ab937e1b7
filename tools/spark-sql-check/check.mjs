// Reads one JSON string (a Spark SQL statement) per line on stdin and writes one JSON line per
// statement: {"ok":true} or {"ok":false,"errors":[{"line":..,"column":..,"message":..}]}.
import { register } from 'node:module';
import { createInterface } from 'node:readline';

register('./resolve-hook.mjs', import.meta.url);
const { SparkSQL } = await import('dt-sql-parser');
const parser = new SparkSQL();

const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
for await (const line of lines) {
  if (!line.trim()) continue;
  const sql = JSON.parse(line);
  const errors = parser.validate(sql).map(e => ({ line: e.startLine, column: e.startColumn, message: e.message }));
  process.stdout.write(JSON.stringify({ ok: errors.length === 0, errors }) + '\n');
}
