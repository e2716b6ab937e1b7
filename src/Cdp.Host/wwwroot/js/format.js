// One way to show values on every page: thousands separators, money with two decimals and its currency, rates
// as percentages where the catalog says so (unit "percent"), times in UTC, and NULL as an em dash that says what
// it is. Pure functions of their input, so node's test runner checks them (tests/web/format.test.mjs).

/** The data set's prices are US dollars. */
export const currency = 'USD';

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const decimal = new Intl.NumberFormat('en-US', { maximumFractionDigits: 6 });
const money = new Intl.NumberFormat('en-US', { style: 'currency', currency, minimumFractionDigits: 2, maximumFractionDigits: 2 });
const percent = new Intl.NumberFormat('en-US', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 2 });
const utcTime = /^(\d{4}-\d\d-\d\d)T(\d\d:\d\d:\d\d)(\.\d+)?Z?$/;

/** What a NULL is shown as, with the words a tooltip gives it. */
export const nullText = { text: '—', title: 'no value (NULL)' };

/** A count: 1,406. */
export const formatInteger = n => (n === null || n === undefined ? nullText.text : integer.format(n));

/** An amount of money: $1,827.64. */
export const formatMoney = n => (n === null || n === undefined ? nullText.text : money.format(n));

/** A share of a whole: 3.67%. */
export const formatPercent = n => (n === null || n === undefined ? nullText.text : percent.format(n));

/** A time the API gives in UTC (with or without its Z): 2019-10-31 08:30:00 UTC; anything else as it is. */
export function formatTime(value) {
  const time = typeof value === 'string' && utcTime.exec(value);
  return time ? `${time[1]} ${time[2]} UTC` : String(value);
}

/**
 * A metric's value as text, by the metric's type and unit (metric may be undefined: then by the value alone);
 * null for NULL, which the caller shows as an em dash with its tooltip.
 */
export function metricText(value, metric) {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.length > 4 ? `${value.slice(0, 4).join(', ')} … (${value.length} in all)` : value.join(', ');
  if (typeof value === 'number') {
    if (metric?.type === 'money' || metric?.unit === 'money') return money.format(value);
    if (metric?.unit === 'percent') return percent.format(value);
    return Number.isInteger(value) ? integer.format(value) : decimal.format(value);
  }
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return formatTime(value);
}

/**
 * A value explain gives as text (`0.03671328671328671`, `NULL`, `2019-10-01T00:00:00Z`) for an operand, formatted as
 * the metric it names would be; null for NULL.
 */
export function operandText(text, metric) {
  if (text === 'NULL') return null;
  if (/^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(text)) return metricText(Number(text), metric);
  if (text === 'true' || text === 'false') return metricText(text === 'true', metric);
  return formatTime(text);
}
