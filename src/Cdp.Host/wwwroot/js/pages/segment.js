import { api, query } from '../api.js';
import { h, clear, format } from '../dom.js';
import { lineChart } from '../charts.js';
import { explainTree } from './explain.js';

const pageSize = 50;

/** One segment: size over time, entered and exited per day, members (paged, CSV), explain for a member. */
export async function segmentPage(context, name, params) {
  const offset = Number(params.get('offset') ?? 0);
  const segment = await api(`/api/segments/${encodeURIComponent(name)}`);
  const members = await api(`/api/segments/${encodeURIComponent(name)}/members${query({ offset, limit: pageSize })}`);
  const history = segment.history;
  const labels = history.map(d => d.asOf);
  const why = h('div', { className: 'explain', id: 'why' });
  const explain = async userId => {
    const result = await api(`/api/segments/${encodeURIComponent(name)}/explain/${userId}`);
    clear(why).append(h('h2', {}, `Why customer ${userId} is ${result.value === 'true' ? 'in' : 'not in'} ${name}`), explainTree(result.why));
  };
  const userBox = h('input', { type: 'text', name: 'explain-user', placeholder: 'user_id', 'aria-label': 'explain for user' });
  const base = `#/segments/${encodeURIComponent(name)}`;
  const last = Math.min(offset + pageSize, members.total);
  return h('div', {},
    h('div', { className: 'toolbar' }, h('h1', { className: 'flush' }, name),
      context.session.canEdit ? h('a', { href: `${base}/edit`, className: 'push-right' }, h('button', { type: 'button' }, 'Edit rule')) : null),
    h('p', { className: 'muted' }, segment.description),
    h('pre', { className: 'panel mono', id: 'rule' }, segment.rule),
    h('p', { className: 'muted' }, `version ${segment.version} by ${segment.owner}; ${segment.lastEvaluated ? `evaluated as of ${segment.lastEvaluated}` : segment.notEvaluated}`),
    history.length === 0 ? null : h('div', { className: 'grid2' },
      h('div', { className: 'panel' }, h('h2', {}, 'Size over time'), lineChart(labels, [{ name: 'members', values: history.map(d => d.members) }])),
      h('div', { className: 'panel' }, h('h2', {}, 'Entered and exited per day'), lineChart(labels, [
        { name: 'entered', values: history.map(d => d.entered) }, { name: 'exited', values: history.map(d => d.exited) }], { bars: true }))),
    h('div', { className: 'toolbar' },
      h('h2', { className: 'flush' }, `Members (${format.integer(members.total)}${members.asOf ? ` as of ${members.asOf}` : ''})`),
      h('a', { href: `/api/segments/${encodeURIComponent(name)}/members.csv`, download: '', className: 'push-right' }, 'Export CSV'),
      h('form', { onsubmit: e => { e.preventDefault(); explain(userBox.value.trim()).catch(error => { clear(why).append(h('p', { className: 'error' }, error.message)); }); } },
        userBox, ' ', h('button', { type: 'submit' }, 'Explain'))),
    why,
    h('div', { className: 'scroll' }, h('table', { id: 'members' },
      h('thead', {}, h('tr', {}, h('th', {}, 'user_id'), ['sessions_7d', 'spend_30d', 'cart_rate', 'purchases_30d'].map(c => h('th', {}, c)), h('th', {}, ''))),
      h('tbody', {}, members.profiles.map(p => h('tr', {},
        h('td', {}, h('a', { href: `#/profiles/${p.userId}` }, p.userId)),
        ['sessions_7d', 'spend_30d', 'cart_rate', 'purchases_30d'].map(c => h('td', { className: 'num' }, format.value(p.metrics[c]))),
        h('td', {}, h('button', { type: 'button', className: 'why', onclick: () => explain(p.userId) }, 'Why?'))))))),
    h('div', { className: 'pager' },
      h('a', { href: `${base}?offset=${Math.max(0, offset - pageSize)}`, hidden: offset === 0 }, '← Previous'),
      h('span', {}, members.total === 0 ? '' : `${format.integer(offset + 1)}–${format.integer(last)} of ${format.integer(members.total)}`),
      h('a', { href: `${base}?offset=${offset + pageSize}`, hidden: last >= members.total }, 'Next →')));
}
