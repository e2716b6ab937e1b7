import test from 'node:test';
import assert from 'node:assert/strict';
import { highlightKind, carryTokens, wordBefore, completions, valueContext, valueCompletions } from '../../src/Cdp.Host/wwwroot/js/rule-tokens.js';

const catalog = {
  metrics: [{ name: 'sessions_7d', type: 'int', description: '' }, { name: 'spend_30d', type: 'money', description: '' }, { name: 'days_since_last_event', type: 'int', description: '' }],
  functions: [{ name: 'days_since', signature: 'days_since(timestamp)', description: '' }],
  keywords: ['AND', 'OR', 'NOT', 'IN'],
  operators: ['=', '!=', '<', '<=', '>', '>=', '+', '-', '*', '/'],
};

// Tokens as POST /api/rules/tokens answers them (the C# tokenizer's own tests pin how it reads a rule).
const token = (kind, start, length) => ({ kind, start, length });
const rule = "sessions_7d > 3 AND brand = 'it''s' -- note\nOR spnd";
const ruleTokens = [
  token('identifier', 0, 11), token('operator', 12, 1), token('number', 14, 1), token('keyword', 16, 3), token('identifier', 20, 5),
  token('operator', 26, 1), token('text', 28, 7), token('comment', 36, 7), token('keyword', 44, 2), token('identifier', 47, 4),
];

test('a token is shown by its kind, a name as the catalog knows it', () => {
  assert.deepEqual(ruleTokens.map(t => highlightKind(t, rule, catalog)),
    ['metric', 'operator', 'number', 'keyword', 'unknown', 'operator', 'string', 'comment', 'keyword', 'unknown']);
  const call = 'days_since(x)';
  assert.equal(highlightKind(token('identifier', 0, 10), call, catalog), 'function');
  assert.equal(highlightKind(token('punctuation', 10, 1), call, catalog), 'operator');
});

test('tokens are carried over the unchanged start and end of an edited text, the edited ones left out', () => {
  const before = 'sessions_7d > 3 AND spend_30d > 1';
  const tokens = [token('identifier', 0, 11), token('operator', 12, 1), token('number', 14, 1), token('keyword', 16, 3), token('identifier', 20, 9), token('operator', 30, 1), token('number', 32, 1)];
  const after = 'sessions_7d > 30 AND spend_30d > 1'; // one character typed inside "3"
  assert.deepEqual(carryTokens(tokens, before, after), [token('identifier', 0, 11), token('operator', 12, 1), token('keyword', 17, 3), token('identifier', 21, 9), token('operator', 31, 1), token('number', 33, 1)]);
  assert.equal(carryTokens(tokens, before, before), tokens);
  assert.deepEqual(carryTokens(tokens, before, ''), []);
});

test('the word at the caret and the token before it', () => {
  const text = 'sessions_7d > 3 AND spe';
  const tokens = [token('identifier', 0, 11), token('operator', 12, 1), token('number', 14, 1), token('keyword', 16, 3), token('identifier', 20, 3)];
  const at = wordBefore(text, 23, tokens, catalog);
  assert.equal(at.word, 'spe');
  assert.deepEqual(at.previous, { kind: 'keyword', word: 'AND' });
  assert.equal(wordBefore("brand = 'ab", 11, [token('identifier', 0, 5), token('operator', 6, 1), token('text', 8, 3)], catalog), null); // inside a text
  assert.equal(wordBefore('x > 7d', 6, [token('identifier', 0, 1), token('operator', 2, 1), token('number', 4, 2)], catalog), null); // in a number
  const closed = wordBefore("brand = 'ab'", 12, [token('identifier', 0, 5), token('operator', 6, 1), token('text', 8, 4)], catalog);
  assert.deepEqual(closed.previous, { kind: 'string', word: "'ab'" });
});

test('prefix matches before substring matches; after a parenthesis AND and OR first; after a value the comparisons', () => {
  assert.deepEqual(completions(catalog, 'days', null).map(i => i.insert), ['days_since(', 'days_since_last_event']);
  const afterParen = completions(catalog, '', { kind: 'operator', word: ')' });
  assert.deepEqual(afterParen.slice(0, 2).map(i => i.label), ['AND', 'OR']);
  const afterValue = completions(catalog, '', { kind: 'metric', word: 'sessions_7d' });
  assert.equal(afterValue[0].label, '=');
  assert.ok(afterValue.findIndex(i => i.label === 'AND') > afterValue.findIndex(i => i.label === 'IN ('));
});

import { v2Context, v2Completions } from '../../src/Cdp.Host/wwwroot/js/rule-tokens.js';

const v2Catalog = {
  ...catalog,
  eventKinds: ['events', 'views', 'carts', 'removals', 'purchases'],
  eventFields: [{ name: 'brand', type: 'text', description: '' }, { name: 'price', type: 'money', description: '' }],
  segments: ['big_spenders', "o'neil"],
};

test('inside an aggregate: kinds after the opening, fields after sum( and inside WHERE, kinds after OF', () => {
  const at = (text, tokens) => v2Context(text, text.length, tokens);
  const open = [token('identifier', 0, 5), token('punctuation', 5, 1)];
  assert.deepEqual(v2Completions(v2Catalog, 'pu', at('count(pu', [...open, token('identifier', 6, 2)])).map(i => i.label), ['purchases']);
  assert.deepEqual(v2Completions(v2Catalog, '', at('count(', open)).map(i => i.label), ['DISTINCT', 'events', 'views', 'carts', 'removals', 'purchases']);
  const sum = [token('identifier', 0, 3), token('punctuation', 3, 1)];
  assert.deepEqual(v2Completions(v2Catalog, 'pr', at('sum(pr', [...sum, token('identifier', 4, 2)])).map(i => i.label), ['price']);
  const of = [...sum, token('identifier', 4, 5), token('identifier', 10, 2)];
  assert.deepEqual(v2Completions(v2Catalog, '', at('sum(price of ', of)).map(i => i.label).slice(0, 2), ['events', 'views']);
  const where = [...open, token('identifier', 6, 9), token('identifier', 16, 5), token('identifier', 22, 2)];
  assert.deepEqual(v2Completions(v2Catalog, 'br', at('count(purchases where br', where)).map(i => i.label), ['brand']);
  assert.equal(v2Completions(v2Catalog, 'sp', at('sp', [token('identifier', 0, 2)])), null); // outside: as everywhere else
});

test("in_segment(' offers the saved segments, each inserted as a closed, escaped text", () => {
  const text = "in_segment('bi";
  const context = v2Context(text, text.length, [token('identifier', 0, 10), token('punctuation', 10, 1), token('text', 11, 3)]);
  assert.deepEqual(context.segmentText, token('text', 11, 3));
  assert.deepEqual(v2Completions(v2Catalog, '', context).map(i => i.insert), ["'big_spenders')", "'o''neil')"]);
});

test('after =, STARTS WITH and inside IN ( of brand or category_code, the frequent values, typed prefix and all', () => {
  const values = { values: { brand: ['samsung', 'apple', "o'neill", 'xiaomi'], category_code: ['electronics.smartphone', 'appliances.kitchen'] } };
  // count(carts WHERE brand = 'a
  const typing = "count(carts WHERE brand = 'a";
  const typingTokens = [token('identifier', 0, 5), token('punctuation', 5, 1), token('identifier', 6, 5), token('identifier', 12, 5), token('identifier', 18, 5), token('operator', 24, 1), token('text', 26, 2)];
  assert.deepEqual(valueContext(typing, 28, typingTokens), { field: 'brand', start: 26, prefix: 'a' });
  assert.deepEqual(valueCompletions(values, valueContext(typing, 28, typingTokens)).map(i => i.insert), ["'apple'"]);
  // ... WHERE brand = (nothing typed yet): the caret after the operator
  assert.deepEqual(valueContext("brand = ", 8, [token('identifier', 0, 5), token('operator', 6, 1)]), { field: 'brand', start: 8, prefix: '' });
  // top_category_30d STARTS WITH '
  const starts = "top_category_30d STARTS WITH 'el";
  assert.deepEqual(valueContext(starts, 32, [token('identifier', 0, 16), token('keyword', 17, 6), token('keyword', 24, 4), token('text', 29, 3)]), { field: 'category_code', start: 29, prefix: 'el' });
  // brand NOT IN ('apple', 'o
  const list = "brand NOT IN ('apple', 'o";
  const listTokens = [token('identifier', 0, 5), token('keyword', 6, 3), token('keyword', 10, 2), token('punctuation', 13, 1), token('text', 14, 7), token('punctuation', 21, 1), token('text', 23, 2)];
  assert.deepEqual(valueContext(list, 25, listTokens), { field: 'brand', start: 23, prefix: 'o' });
  assert.deepEqual(valueCompletions(values, valueContext(list, 25, listTokens)).map(i => i.insert), ["'o''neill'"]); // escaped
  // not a value: after a whole text, after another field, inside a word
  assert.equal(valueContext("brand = 'apple'", 15, [token('identifier', 0, 5), token('operator', 6, 1), token('text', 8, 7)]), null);
  assert.equal(valueContext("price = ", 8, [token('identifier', 0, 5), token('operator', 6, 1)]), null);
  assert.equal(valueContext("bra", 2, [token('identifier', 0, 3)]), null);
});
