import { api } from '../api.js';
import { h, clear, format } from '../dom.js';
import { sparkline } from '../charts.js';

/** Every segment: rule, current size, size over time, last evaluated. */
export async function segmentsPage(context) {
  const [segments, archived] = await Promise.all([api('/api/segments'), api('/api/segments/archived')]);
  const status = h('p', { role: 'status', id: 'segments-status' });
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
        h('td', { className: 'num' }, `v${s.version}`)))))),
    status,
    archived.length === 0 ? null : h('details', { id: 'archived' }, h('summary', {}, `Archived (${archived.length})`),
      h('div', { className: 'scroll', tabindex: '0', role: 'region', 'aria-label': 'archived segments' }, h('table', {},
        h('thead', {}, h('tr', {}, ['name', 'rule', 'archived', ''].map(c => h('th', {}, c)))),
        h('tbody', {}, archived.map(a => h('tr', { 'data-segment': a.name },
          h('td', {}, a.name, h('div', { className: 'muted' }, a.description)),
          h('td', { className: 'mono wrap rule-cell' }, a.rule),
          h('td', {}, `${format.time(a.archivedAt)} by ${a.archivedBy}`),
          h('td', {}, context.session.canEdit ? h('button', {
            type: 'button', 'aria-label': `restore ${a.name}`,
            onclick: async () => {
              try {
                await api(`/api/segments/${encodeURIComponent(a.name)}/restore`, { method: 'POST' });
                location.hash = `#/segments/${encodeURIComponent(a.name)}`;
              } catch (error) {
                status.className = 'error';
                clear(status).append(error.message);
              }
            },
          }, 'Restore') : null))))))));
}
