import test from 'node:test';
import assert from 'node:assert/strict';
import { tokenize, wordBefore, completions } from '../../src/Cdp.Host/wwwroot/js/rule-tokens.js';

const catalog = {
  metrics: [{ name: 'sessions_7d', type: 'int', description: '' }, { name: 'spend_30d', type: 'money', description: '' }, { name: 'days_since_last_event', type: 'int', description: '' }],
  functions: [{ name: 'days_since', signature: 'days_since(timestamp)', description: '' }],
  keywords: ['AND', 'OR', 'NOT', 'IN'],
  operators: ['=', '!=', '<', '<=', '>', '>=', '+', '-', '*', '/'],
};

test('tokens of a rule with a string, a comment and a typo', () => {
  const kinds = tokenize("sessions_7d > 3 AND brand = 'it''s' -- note\nOR spnd", catalog).map(t => t.kind);
  assert.deepEqual(kinds, ['metric', 'operator', 'number', 'keyword', 'unknown', 'operator', 'string', 'comment', 'keyword', 'unknown']);
});

test('the word at the caret and the token before it', () => {
  const at = wordBefore('sessions_7d > 3 AND spe', 23, catalog);
  assert.equal(at.word, 'spe');
  assert.equal(at.previous.word, 'AND');
  assert.equal(wordBefore("brand = 'ab", 11, catalog), null); // inside a string
});

test('prefix matches before substring matches; after a parenthesis AND and OR first; after a value the comparisons', () => {
  assert.deepEqual(completions(catalog, 'days', null).map(i => i.insert), ['days_since(', 'days_since_last_event']);
  const afterParen = completions(catalog, '', { kind: 'operator', word: ')' });
  assert.deepEqual(afterParen.slice(0, 2).map(i => i.label), ['AND', 'OR']);
  const afterValue = completions(catalog, '', { kind: 'metric', word: 'sessions_7d' });
  assert.equal(afterValue[0].label, '=');
  assert.ok(afterValue.findIndex(i => i.label === 'AND') > afterValue.findIndex(i => i.label === 'IN ('));
});
