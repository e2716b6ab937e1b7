import { test } from 'node:test';
import assert from 'node:assert/strict';
import { summaryColumns, metricGroups } from '../../src/Cdp.Host/wwwroot/js/catalog.js';

const metric = (name, extra = {}) => ({ name, type: 'int', unit: 'events', ...extra });

test('the profile list shows the metrics the catalog marks as a summary, in catalog order', () => {
  const catalog = { metrics: [metric('a'), metric('b', { summary: true }), metric('c'), metric('d', { summary: true })] };
  assert.deepEqual(summaryColumns(catalog), ['b', 'd']);
});

test('a catalog that marks no summary shows its first metrics', () => {
  const catalog = { metrics: ['a', 'b', 'c', 'd'].map(n => metric(n)) };
  assert.deepEqual(summaryColumns(catalog, 3), ['a', 'b', 'c']);
});

test('metrics fall into groups a marketer reads by, empty groups left out', () => {
  const groups = metricGroups([metric('spend', { type: 'money', unit: 'money' }), metric('views'), metric('seen', { type: 'timestamp', unit: null })]);
  assert.deepEqual(groups.map(g => [g.title, g.metrics.map(m => m.name)]), [['Activity', ['views']], ['Spend', ['spend']], ['Recency', ['seen']]]);
});
