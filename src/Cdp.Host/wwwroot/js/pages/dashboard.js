import { api } from '../api.js';
import { h, format } from '../dom.js';
import { lineChart } from '../charts.js';

export async function dashboardPage() {
  const data = await api('/api/dashboard');
  const days = data.days;
  const labels = days.map(d => d.date);
  const last = days.at(-1);
  const run = data.lastRun;
  return h('div', {},
    h('h1', {}, 'Dashboard'),
    h('div', { className: 'cards' },
      card('Customers with a profile', format.integer(data.profiles), data.asOf ? `as of ${data.asOf}` : 'no ETL run yet'),
      card('Active customers, last day', format.integer(last?.customers), last?.date),
      card('Buyers, last day', format.integer(last?.buyers), last?.date),
      card('Revenue, last day', format.money(last?.revenue), last?.date),
      card('Last ETL run', run ? run.status : '—', run
        ? [h('span', { className: 'note-line' }, `profiles as of ${run.asOf}`), h('span', { className: 'note-line' }, `finished ${run.finishedAt ? format.time(run.finishedAt) : '—'}`)]
        : (data.running ? 'running now' : 'never'))),
    days.length === 0
      ? h('p', { className: 'muted' }, 'No events in the lake yet: ingest some with `cdp ingest --input FILE --data DIR`, then run the ETL.')
      : h('div', { className: 'grid2' },
        panel('Customers and buyers per day', lineChart(labels, [{ name: 'customers', values: days.map(d => d.customers) }, { name: 'buyers', values: days.map(d => d.buyers) }])),
        panel('Revenue per day (USD)', lineChart(labels, [{ name: 'revenue', values: days.map(d => d.revenue) }], { bars: true })),
        panel('Events per day', lineChart(labels, [{ name: 'events', values: days.map(d => d.events) }])),
        panel('Purchases per day', lineChart(labels, [{ name: 'purchases', values: days.map(d => d.purchases) }], { bars: true })),
        panel('Segment sizes', segmentSizes(data.segments))));
}

function card(label, value, note) {
  return h('div', { className: 'card' }, h('div', { className: 'label' }, label), h('div', { className: 'value' }, value), h('div', { className: 'label' }, note ?? ''));
}

function panel(title, content) {
  return h('div', { className: 'panel' }, h('h2', {}, title), content);
}

function segmentSizes(segments) {
  if (segments.length === 0) return h('p', { className: 'muted' }, 'No segments yet.');
  return h('table', {}, h('tbody', {}, segments.map(s => h('tr', {},
    h('td', {}, h('a', { href: `#/segments/${encodeURIComponent(s.name)}` }, s.name)),
    h('td', { className: 'num' }, format.integer(s.size))))));
}
