import { api, query } from '../api.js';
import { h, clear, format } from '../dom.js';
import { lineChart } from '../charts.js';
import { metricOf } from '../catalog.js';
import { explainTree, evidenceList } from './explain.js';

const pageSize = 50;

/**
 * One segment: size over time, entered and exited per day after the first evaluation (which is the baseline, not
 * entries), members with the metrics the rule reads (paged, CSV), and why a member is in, next to its row.
 */
export async function segmentPage(context, name, params) {
  const offset = Number(params.get('offset') ?? 0);
  const segment = await api(`/api/segments/${encodeURIComponent(name)}`);
  const members = await api(`/api/segments/${encodeURIComponent(name)}/members${query({ offset, limit: pageSize })}`);
  const history = segment.history;
  const labels = history.map(d => d.asOf);
  const changes = history.slice(1);
  const columns = segment.metrics; // the metrics the rule reads, as the server's checker found them
  const why = h('div', { className: 'explain', id: 'why' });
  const explanation = async userId => {
    const result = await api(`/api/segments/${encodeURIComponent(name)}/explain/${userId}`);
    return [h('h2', {}, `Why customer ${userId} is ${result.value === 'true' ? 'in' : 'not in'} ${name}`), explainTree(result.why, context.catalog), evidenceList(result.evidence)].filter(Boolean);
  };
  const explainBelow = async (row, userId) => {
    const open = row.nextElementSibling?.classList.contains('why-row') ? row.nextElementSibling : null;
    if (open) { open.remove(); return; }
    const cell = h('td', { colSpan: String(columns.length + 2), className: 'explain' }, 'explaining…');
    const whyRow = h('tr', { className: 'why-row', 'data-user': userId }, cell);
    row.after(whyRow);
    try {
      clear(cell).append(...await explanation(userId));
    } catch (error) {
      clear(cell).append(h('p', { className: 'error' }, error.message));
    }
    whyRow.scrollIntoView({ block: 'nearest' });
  };
  const status = h('p', { role: 'status', id: 'segment-status' });
  const userBox = h('input', { type: 'text', name: 'explain-user', placeholder: 'user_id', 'aria-label': 'explain for user' });
  const base = `#/segments/${encodeURIComponent(name)}`;
  const last = Math.min(offset + pageSize, members.total);
  return h('div', {},
    h('div', { className: 'toolbar' }, h('h1', { className: 'flush' }, name),
      context.session.canEdit ? h('span', { className: 'push-right toolbar flush-toolbar' },
        h('a', { href: `${base}/edit` }, h('button', { type: 'button' }, 'Edit rule')),
        h('button', { type: 'button', onclick: () => duplicate(segment, status) }, 'Duplicate'),
        h('button', { type: 'button', onclick: () => rename(name, status) }, 'Rename'),
        h('button', { type: 'button', onclick: () => archive(name, status) }, 'Archive')) : null),
    status,
    h('p', { className: 'muted' }, segment.description),
    h('pre', { className: 'panel mono', id: 'rule' }, segment.rule),
    h('p', { className: 'muted' }, `version ${segment.version} by ${segment.owner}; ${segment.lastEvaluated ? `evaluated as of ${segment.lastEvaluated}` : segment.notEvaluated}`),
    history.length === 0 ? null : h('div', { className: 'grid2' },
      h('div', { className: 'panel' }, h('h2', {}, 'Size over time'), lineChart(labels, [{ name: 'members', values: history.map(d => d.members) }])),
      h('div', { className: 'panel', id: 'changes' }, h('h2', {}, 'Entered and exited per day'),
        h('p', { className: 'muted', id: 'baseline' }, `Baseline: ${format.integer(history[0].members)} members on ${history[0].asOf}, the first evaluation.`),
        changes.length === 0
          ? h('p', { className: 'muted' }, 'Changes appear from the next evaluation on.')
          : lineChart(changes.map(d => d.asOf), [
            { name: 'entered', values: changes.map(d => d.entered) }, { name: 'exited', values: changes.map(d => d.exited) }], { bars: true }))),
    h('div', { className: 'toolbar' },
      h('h2', { className: 'flush' }, `Members (${format.integer(members.total)}${members.asOf ? ` as of ${members.asOf}` : ''})`),
      h('a', { href: `/api/segments/${encodeURIComponent(name)}/members.csv`, download: '', className: 'push-right' }, 'Export CSV'),
      h('form', {
        onsubmit: e => {
          e.preventDefault();
          explanation(userBox.value.trim()).then(parts => clear(why).append(...parts), error => { clear(why).append(h('p', { className: 'error' }, error.message)); });
        },
      }, userBox, ' ', h('button', { type: 'submit' }, 'Explain'))),
    why,
    h('div', { className: 'scroll', tabindex: '0', role: 'region', 'aria-label': 'members' }, h('table', { id: 'members' },
      h('thead', {}, h('tr', {}, h('th', {}, 'user_id'), columns.map(c => h('th', { title: metricOf(context.catalog, c)?.description }, c)), h('th', {}, ''))),
      h('tbody', {}, members.profiles.map(p => {
        const row = h('tr', { 'data-user': p.userId },
          h('td', {}, h('a', { href: `#/profiles/${p.userId}` }, p.userId)),
          columns.map(c => h('td', { className: 'num' }, format.value(p.metrics[c], metricOf(context.catalog, c)))),
          h('td', {}, h('button', { type: 'button', className: 'why', onclick: () => explainBelow(row, p.userId) }, 'Why?')));
        return row;
      })))),
    h('div', { className: 'pager' },
      h('a', { href: `${base}?offset=${Math.max(0, offset - pageSize)}`, hidden: offset === 0 }, '← Previous'),
      h('span', {}, members.total === 0 ? '' : `${format.integer(offset + 1)}–${format.integer(last)} of ${format.integer(members.total)}`),
      h('a', { href: `${base}?offset=${offset + pageSize}`, hidden: last >= members.total }, 'Next →')));
}

async function act(status, work) {
  try {
    await work();
  } catch (error) {
    status.className = 'error';
    status.textContent = error.message;
  }
}

/** A copy under a new name: the same rule and description as version 1 of a new segment. */
function duplicate(segment, status) {
  const copy = window.prompt(`A name for the copy of ${segment.name}:`, `${segment.name} copy`);
  if (!copy) return;
  act(status, async () => {
    await api('/api/segments', { method: 'POST', body: { name: copy, rule: segment.rule, description: segment.description, version: 0 } });
    location.hash = `#/segments/${encodeURIComponent(copy)}`;
  });
}

/** A new name for the segment, its versions, history and members with it. */
function rename(name, status) {
  const to = window.prompt(`A new name for ${name}:`, name);
  if (!to || to === name) return;
  act(status, async () => {
    await api(`/api/segments/${encodeURIComponent(name)}/rename`, { method: 'POST', body: { name: to } });
    location.hash = `#/segments/${encodeURIComponent(to)}`;
  });
}

/** Out of lists and runs, history kept; the segments page lists it under Archived with Restore. */
function archive(name, status) {
  if (!window.confirm(`Archive ${name}? It leaves the lists and the daily runs; its versions and history are kept, and you can restore it from the segments page.`)) return;
  act(status, async () => {
    await api(`/api/segments/${encodeURIComponent(name)}`, { method: 'DELETE' });
    location.hash = '#/segments';
  });
}
