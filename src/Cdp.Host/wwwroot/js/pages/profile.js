import { api } from '../api.js';
import { h, format } from '../dom.js';
import { lineChart } from '../charts.js';
import { metricGroups, metricOf } from '../catalog.js';
import { explainTree, evidenceList } from './explain.js';

/** One customer: the metrics in groups with plain labels, daily activity, recent events, segments with why. */
export async function profilePage(context, id) {
  const p = await api(`/api/profiles/${id}`);
  const labels = p.days.map(d => d.date);
  const values = new Map(p.metrics.map(m => [m.name, m.value]));
  const known = p.metrics.map(m => ({ ...m, ...metricOf(context.catalog, m.name) }));
  return h('div', {},
    h('h1', {}, `Customer ${p.userId}`),
    h('p', { className: 'muted' }, `Profile as of ${p.asOf} · `, h('a', { href: '#/metrics' }, 'what the metrics mean')),
    h('div', { id: 'metrics', className: 'metric-groups' }, metricGroups(known).map(group => h('section', { className: 'panel metric-group', 'data-group': group.title },
        h('h2', {}, group.title),
        h('dl', { className: 'metrics' }, group.metrics.flatMap(m => [
          h('dt', {}, h('span', { className: 'label' }, m.description), h('code', { className: 'metric-name', title: `${m.type}${m.unit ? `, ${m.unit}` : ''}` }, m.name)),
          h('dd', { 'data-metric': m.name, title: Array.isArray(values.get(m.name)) ? values.get(m.name).join(', ') : undefined }, format.value(values.get(m.name), m))]))))),
    h('div', { className: 'grid2' },
        h('div', { className: 'panel' }, h('h2', {}, 'Daily activity'),
          p.days.length === 0 ? h('p', { className: 'muted' }, 'No days.') : lineChart(labels, [
            { name: 'views', values: p.days.map(d => d.views) },
            { name: 'carts', values: p.days.map(d => d.carts) },
            { name: 'purchases', values: p.days.map(d => d.purchases) }], { bars: true })),
        h('div', { className: 'panel' }, h('h2', {}, 'Spend per day (USD)'),
          p.days.length === 0 ? h('p', { className: 'muted' }, 'No days.') : lineChart(labels, [{ name: 'spend', values: p.days.map(d => d.spend) }], { bars: true })),
        h('div', { className: 'panel', id: 'segments' }, h('h2', {}, 'Segments'),
          p.segments.length === 0 ? h('p', { className: 'muted' }, 'No segments yet.') : p.segments.map(s => h('details', { className: 'segment', 'data-segment': s.name, open: s.member || undefined },
            h('summary', {}, s.name, ' ',
              h('span', { className: `badge ${s.member ? 'succeeded' : ''}` }, s.member ? 'member' : `not a member (${s.value ?? 'invalid'})`)),
            h('p', {}, h('a', { href: `#/segments/${encodeURIComponent(s.name)}` }, `Open ${s.name}`)),
            s.why ? h('div', { className: 'explain' }, explainTree(s.why, context.catalog), evidenceList(s.evidence)) : h('p', { className: 'error' }, 'the rule no longer checks against the catalog'))))),
    h('h2', {}, 'Recent events'),
    h('div', { className: 'scroll', tabindex: '0', role: 'region', 'aria-label': 'recent events' }, h('table', { id: 'events' },
      h('thead', {}, h('tr', {}, ['time', 'type', 'product', 'category', 'brand', 'price', 'session'].map(c => h('th', {}, c)))),
      h('tbody', {}, p.events.map(e => h('tr', {},
        h('td', {}, format.time(e.time)), h('td', {}, e.type), h('td', {}, e.productId), h('td', {}, e.categoryCode ?? ''),
        h('td', {}, e.brand ?? ''), h('td', { className: 'num' }, format.money(e.price)), h('td', { className: 'mono' }, e.session ?? '')))))));
}
