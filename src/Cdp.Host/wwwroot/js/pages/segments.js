import { api } from '../api.js';
import { h, format } from '../dom.js';
import { sparkline } from '../charts.js';

/** Every segment: rule, current size, size over time, last evaluated. */
export async function segmentsPage(context) {
  const segments = await api('/api/segments');
  return h('div', {},
    h('div', { className: 'toolbar' }, h('h1', { className: 'flush' }, 'Segments'),
      context.session.canEdit ? h('a', { href: '#/segments/new', className: 'push-right' }, h('button', { className: 'primary', type: 'button' }, 'New segment')) : null),
    segments.length === 0 ? h('p', { className: 'muted' }, 'No segments yet.') : h('div', { className: 'scroll', tabindex: '0', role: 'region', 'aria-label': 'segments' }, h('table', { id: 'segments' },
      h('thead', {}, h('tr', {}, ['name', 'rule', 'size', 'over time', 'last evaluated', 'version'].map(c => h('th', {}, c)))),
      h('tbody', {}, segments.map(s => h('tr', { 'data-segment': s.name },
        h('td', {}, h('a', { href: `#/segments/${encodeURIComponent(s.name)}` }, s.name), h('div', { className: 'muted' }, s.description)),
        h('td', { className: 'mono wrap rule-cell' }, s.rule),
        h('td', { className: 'num', title: s.notEvaluated ?? undefined }, format.integer(s.size)),
        h('td', {}, sparkline(s.sizes)),
        h('td', { title: s.notEvaluated ?? undefined }, s.lastEvaluated ?? 'not evaluated yet'),
        h('td', { className: 'num' }, `v${s.version}`)))))));
}
