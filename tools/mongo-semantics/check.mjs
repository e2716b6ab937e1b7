// Reads one JSON line per request on stdin: {"documents": "<extended JSON array>", "filter": "<extended JSON>"}
// (or only "filter", to reuse the last documents) and writes {"ids":[...]} or {"error":"..."} per line.
// Decimal128 values become JavaScript numbers: mingo compares plain values, so money arithmetic is
// not exact here (the tests leave it to a real MongoDB).
import { createInterface } from 'node:readline';
import { EJSON, Decimal128, BSONRegExp } from 'bson';
import { Query } from 'mingo';
import { Context } from 'mingo/core';
import * as expressionOperators from 'mingo/operators/expression';
import * as queryOperators from 'mingo/operators/query';

const plain = value => {
  if (value instanceof Decimal128) return Number(value.toString());
  // EJSON reads {"$regex": "..."} as a BSON regular expression; mingo wants a RegExp.
  if (value instanceof BSONRegExp) return new RegExp(value.pattern, value.options);
  if (Array.isArray(value)) return value.map(plain);
  if (value && typeof value === 'object' && !(value instanceof Date) && !(value instanceof RegExp)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
  }
  return value;
};

// Every expression operator, not only the default set ($indexOfCP, $reduce, ... are needed by lower()).
const context = Context.init().addExpressionOps(expressionOperators).addQueryOps(queryOperators);

let documents = [];
const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
for await (const line of lines) {
  if (!line.trim()) continue;
  try {
    const request = JSON.parse(line);
    if (request.documents !== undefined) documents = plain(EJSON.parse(request.documents, { relaxed: true }));
    const filter = plain(EJSON.parse(request.filter, { relaxed: true }));
    const ids = new Query(filter, { context }).find(documents).all().map(d => d.user_id).sort((a, b) => a - b);
    process.stdout.write(JSON.stringify({ ids }) + '\n');
  } catch (error) {
    process.stdout.write(JSON.stringify({ error: String(error && error.stack || error) }) + '\n');
  }
}
