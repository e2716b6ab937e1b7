import test from 'node:test';
import assert from 'node:assert/strict';
import { metricText, operandText, formatInteger, formatMoney, formatTime } from '../../src/Cdp.Host/wwwroot/js/format.js';

test('one way of writing numbers', () => {
  assert.equal(formatInteger(1406), '1,406');
  assert.equal(formatMoney(1827.64), '$1,827.64');
  assert.equal(formatMoney(883.8), '$883.80');
  assert.equal(metricText(1827.64, { type: 'money' }), '$1,827.64');
  assert.equal(metricText(883.8, { type: 'number', unit: 'money' }), '$883.80');
  assert.equal(metricText(0.03671328671328671, { type: 'number', unit: 'percent' }), '3.67%');
  assert.equal(metricText(0.2, { type: 'number', unit: 'percent' }), '20.0%');
  assert.equal(metricText(12345, { type: 'int' }), '12,345');
  assert.equal(metricText(1234.5678912, { type: 'number' }), '1,234.567891');
});

test('NULL is null for the caller to show as a dash; other values as they read', () => {
  assert.equal(metricText(null, { type: 'int' }), null);
  assert.equal(operandText('NULL', { type: 'number' }), null);
  assert.equal(operandText('0.03671328671328671', { type: 'number', unit: 'percent' }), '3.67%');
  assert.equal(operandText('1686.14', { type: 'money' }), '$1,686.14');
  assert.equal(operandText('2019-10-01T08:30:00Z', { type: 'timestamp' }), '2019-10-01 08:30:00 UTC');
  assert.equal(metricText(true, { type: 'bool' }), 'yes');
  assert.equal(metricText(['a', 'b'], { type: 'text list' }), 'a, b');
  assert.equal(formatTime('2019-10-31T00:00:00'), '2019-10-31 00:00:00 UTC');
});
