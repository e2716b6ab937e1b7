// The metric catalog as pages show it: the metric of a name, and the metrics in groups a marketer reads by.

/** The catalog's metric called name, or undefined. */
export const metricOf = (catalog, name) => catalog.metrics.find(m => m.name === name);

const preferenceUnits = new Set(['products', 'brands', 'categories']);

/** Which group a metric belongs to: what the customer spent, when they were last here, what they like, what they do. */
export function groupOf(metric) {
  if (metric.type === 'money' || metric.unit === 'money') return 'Spend';
  if (metric.type === 'timestamp' || metric.type === 'date' || metric.unit === 'days') return 'Recency';
  if (metric.type === 'text' || metric.type === 'text list' || preferenceUnits.has(metric.unit)) return 'Preferences';
  return 'Activity';
}

export const groups = ['Activity', 'Spend', 'Preferences', 'Recency'];

/** The catalog's metrics in their groups, in catalog order within each; a group with none is left out. */
export function metricGroups(metrics) {
  return groups.map(title => ({ title, metrics: metrics.filter(m => groupOf(m) === title) })).filter(g => g.metrics.length > 0);
}

/**
 * The columns of the profile list: the metrics the catalog marks as summing a customer up, in catalog order;
 * a catalog that marks none shows its first few metrics.
 */
export function summaryColumns(catalog, fallback = 7) {
  const marked = catalog.metrics.filter(m => m.summary).map(m => m.name);
  return marked.length > 0 ? marked : catalog.metrics.slice(0, fallback).map(m => m.name);
}
