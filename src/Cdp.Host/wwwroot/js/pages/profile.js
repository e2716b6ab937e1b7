import { api } from '../api.js';
import { h, format } from '../dom.js';
import { lineChart } from '../charts.js';
import { explainTree } from './explain.js';

/** One customer: every metric with its description, daily activity, recent events, segments with why. */
export async function profilePage(context, id) {
  const p = await api(`/api/profiles/${id}`);
  const labels = p.days.map(d => d.date);
  return h('div', {},
    h('h1', {}, `Customer ${p.userId}`),
    h('p', { className: 'muted' }, `Profile as of ${p.asOf}`),
    h('div', { className: 'grid2' },
      h('div', { className: 'panel' }, h('h2', {}, 'Metrics'),
        h('table', { id: 'metrics' }, h('tbody', {}, p.metrics.map(m => h('tr', {},
          h('td', { className: 'mono' }, m.name),
          h('td', { className: 'num', title: Array.isArray(m.value) ? m.value.join(', ') : undefined }, format.value(m.value)),
          h('td', { className: 'muted' }, m.type),
          h('td', { className: 'muted wrap' }, m.description)))))),
      h('div', {},
        h('div', { className: 'panel' }, h('h2', {}, 'Daily activity'),
          p.days.length === 0 ? h('p', { className: 'muted' }, 'No days.') : lineChart(labels, [
            { name: 'views', values: p.days.map(d => d.views) },
            { name: 'carts', values: p.days.map(d => d.carts) },
            { name: 'purchases', values: p.days.map(d => d.purchases) }], { bars: true })),
        h('div', { className: 'panel' }, h('h2', {}, 'Spend per day'),
          p.days.length === 0 ? h('p', { className: 'muted' }, 'No days.') : lineChart(labels, [{ name: 'spend', values: p.days.map(d => d.spend) }], { bars: true })),
        h('div', { className: 'panel', id: 'segments' }, h('h2', {}, 'Segments'),
          p.segments.length === 0 ? h('p', { className: 'muted' }, 'No segments yet.') : p.segments.map(s => h('details', { className: 'segment', 'data-segment': s.name, open: s.member || undefined },
            h('summary', {}, h('a', { href: `#/segments/${encodeURIComponent(s.name)}` }, s.name), ' ',
              h('span', { className: `badge ${s.member ? 'succeeded' : ''}` }, s.member ? 'member' : `not a member (${s.value ?? 'invalid'})`)),
            s.why ? h('div', { className: 'explain' }, explainTree(s.why)) : h('p', { className: 'error' }, 'the rule no longer checks against the catalog')))))),
    h('h2', {}, 'Recent events'),
    h('div', { className: 'scroll' }, h('table', { id: 'events' },
      h('thead', {}, h('tr', {}, ['time', 'type', 'product', 'category', 'brand', 'price', 'session'].map(c => h('th', {}, c)))),
      h('tbody', {}, p.events.map(e => h('tr', {},
        h('td', {}, format.value(e.time)), h('td', {}, e.type), h('td', {}, e.productId), h('td', {}, e.categoryCode ?? ''),
        h('td', {}, e.brand ?? ''), h('td', { className: 'num' }, format.money(e.price)), h('td', { className: 'mono' }, e.session ?? '')))))));
}
