import test from 'node:test';
import assert from 'node:assert/strict';
import { diffWords } from '../../src/Cdp.Host/wwwroot/js/diff.js';

const rebuild = (parts, kinds) => parts.filter(p => kinds.includes(p.kind)).map(p => p.text).join('');

test('the parts rebuild both texts', () => {
  const before = 'sessions_7d > 3 AND (cart_rate >= 0.2 OR spend_30d > 100)';
  const after = 'sessions_7d > 5 AND (cart_rate >= 0.2 OR spend_30d > 250) AND is_buyer';
  const parts = diffWords(before, after);
  assert.equal(rebuild(parts, ['same', 'removed']), before);
  assert.equal(rebuild(parts, ['same', 'added']), after);
  assert.deepEqual(parts.filter(p => p.kind === 'removed').map(p => p.text), ['3', '100)']);
  assert.deepEqual(parts.filter(p => p.kind === 'added').map(p => p.text), ['5', '250) AND is_buyer']);
});

test('equal texts are one same part; an empty side is all added or removed', () => {
  assert.deepEqual(diffWords('is_buyer', 'is_buyer'), [{ kind: 'same', text: 'is_buyer' }]);
  assert.deepEqual(diffWords('', 'is_buyer'), [{ kind: 'added', text: 'is_buyer' }]);
  assert.deepEqual(diffWords('is_buyer', ''), [{ kind: 'removed', text: 'is_buyer' }]);
});
