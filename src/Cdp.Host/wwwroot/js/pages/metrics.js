import { api } from '../api.js';
import { h, format } from '../dom.js';
import { metricGroups } from '../catalog.js';
import { distributionChart } from '../charts.js';
import { computedMetricsSection } from './computed-metrics.js';

/**
 * The catalog: every metric in its group with name, type, unit and description, and how it is spread over the current
 * profiles; then the computed metrics, and for editors the form that defines one.
 */
export async function metricsPage(context) {
  const data = await api('/api/metrics');
  const page = h('div', {},
    h('h1', {}, 'Metrics'),
    h('p', { className: 'muted' }, `What each metric means and how it is spread over ${format.integer(data.profiles)} customers`,
      data.asOf ? ` (profiles as of ${data.asOf})` : '', '. Use the names in rules; the ETL computes every metric each run.'),
    metricGroups(data.metrics.filter(m => !m.expression)).map(group => h('section', { className: 'panel', 'data-group': group.title },
      h('h2', {}, group.title),
      h('div', { className: 'scroll', tabindex: '0', role: 'region', 'aria-label': `${group.title} metrics` }, h('table', { className: 'metrics-table' },
        h('thead', {}, h('tr', {}, ['metric', 'what it is', 'type', 'unit', 'with a value', 'distribution'].map(c => h('th', {}, c)))),
        h('tbody', {}, group.metrics.map(m => h('tr', { id: `metric-${m.name}`, 'data-metric': m.name },
          h('td', {}, h('code', {}, m.name)),
          h('td', { className: 'wrap' }, m.description),
          h('td', {}, m.type),
          h('td', {}, m.unit ?? ''),
          h('td', { className: 'num' }, m.distribution ? share(m.distribution) : '—'),
          h('td', {}, m.distribution ? distributionChart(m.distribution, m) : h('span', { className: 'muted' }, 'no profiles yet'))))))))),
    computedMetricsSection(context, data.metrics, async () => {
      context.catalog = await api('/api/catalog'); // rule editors complete the new name
      page.replaceWith(await metricsPage(context));
    }));
  return page;
}

function share(d) {
  const total = d.values + d.nulls;
  return total === 0 ? '—' : format.percent(d.values / total);
}
