import { api } from '../api.js';
import { h, clear, format, debounce } from '../dom.js';
import { RuleEditor } from '../rule-editor.js';
import { metricOf } from '../catalog.js';
import { diffWords } from '../diff.js';

/** The segment editor: the rule with live diagnostics, completion and audience preview; save makes a new version. */
export async function segmentEditorPage(context, name) {
  const existing = name ? await api(`/api/segments/${encodeURIComponent(name)}`) : null;
  const nameInput = h('input', { type: 'text', name: 'name', 'aria-label': 'segment name', value: existing?.name ?? '', readonly: existing ? true : undefined, placeholder: 'name', className: 'name-input' });
  const description = h('input', { type: 'text', name: 'description', 'aria-label': 'description', value: existing?.description ?? '', placeholder: 'what the segment is for', className: 'grow' });
  const count = h('span', { className: 'count', id: 'preview-count' }, '—');
  const note = h('span', { className: 'muted', id: 'preview-note' }, 'type a rule to see its audience');
  const sample = h('div', { id: 'preview-sample' });
  const status = h('p', { role: 'status' });
  let latest = 0;

  const preview = debounce(async text => {
    const asked = ++latest;
    if (text.trim() === '') {
      editor.setDiagnostics([]);
      count.textContent = '—';
      return;
    }
    try {
      const result = await api('/api/segments/preview', { method: 'POST', body: { rule: text } });
      if (asked !== latest) return; // an older answer arriving late
      editor.setDiagnostics(result.diagnostics);
      if (!result.valid) {
        count.textContent = '—';
        note.textContent = `${result.diagnostics.length} mistake(s)`;
        clear(sample);
        return;
      }
      if (result.count === null) { // a rule whose aggregates the next run computes
        count.textContent = '—';
        note.textContent = result.note ?? '';
        clear(sample);
        return;
      }
      count.textContent = format.integer(result.count);
      note.textContent = `of ${format.integer(result.total)} customers (${format.percent(result.total ? result.count / result.total : 0)}), as of ${result.asOf}`;
      clear(sample).append(result.sample.length === 0 ? h('p', { className: 'muted' }, 'Nobody matches.') : h('table', {},
        h('thead', {}, h('tr', {}, h('th', {}, 'user_id'), result.metrics.map(m => h('th', {}, m)))),
        h('tbody', {}, result.sample.map(s => h('tr', {},
          h('td', {}, h('a', { href: `#/profiles/${s.userId}` }, s.userId)),
          result.metrics.map(m => h('td', { className: 'num' }, format.value(s.metrics[m], metricOf(context.catalog, m)))))))));
    } catch (error) {
      note.textContent = error.message;
    }
  }, 200);

  const editor = new RuleEditor(context.catalog, { value: existing?.rule ?? '', onChange: preview });
  if (existing) preview(existing.rule);

  const save = h('button', {
    type: 'button', className: 'primary', id: 'save', disabled: !context.session.canEdit,
    onclick: async () => {
      try {
        const saved = await api('/api/segments', { method: 'POST', body: { name: nameInput.value, rule: editor.value, description: description.value, version: existing?.version ?? 0 } });
        location.hash = `#/segments/${encodeURIComponent(saved.name)}`;
      } catch (error) {
        if (error.problem?.diagnostics) editor.setDiagnostics(error.problem.diagnostics);
        status.className = 'error';
        status.textContent = error.message;
      }
    },
  }, existing ? `Save version ${existing.version + 1}` : 'Save');

  return h('div', {},
    h('h1', {}, existing ? `Edit ${existing.name}` : 'New segment'),
    h('div', { className: 'toolbar' }, nameInput, description),
    editor.element,
    h('p', { className: 'muted' }, 'Ctrl+Space completes metric names, functions and operators. Rules are checked and counted as you type. ',
      h('a', { href: '#/metrics', id: 'all-metrics' }, 'All metrics and what they mean')),
    h('div', { className: 'panel' }, h('div', { className: 'preview' }, count, note), sample),
    h('div', { className: 'toolbar' }, save, context.session.canEdit ? null : h('span', { className: 'muted' }, 'viewers cannot save segments')),
    status,
    existing ? versions(existing, editor, description, status) : null);
}

/** Every version: who saved it when, its size at its latest evaluation, compare with the current one, restore into the editor. */
function versions(segment, editor, description, status) {
  const comparison = h('div', { id: 'comparison' });
  const current = segment.versions.at(-1);
  const size = v => (v.size === null || v.size === undefined ? 'not evaluated' : `${format.integer(v.size)} members (${v.sizeAsOf})`);
  const compare = old => {
    const parts = diffWords(old.rule, current.rule);
    const side = (title, kinds, v) => h('div', { className: 'panel' }, h('h3', {}, title),
      h('pre', { className: 'mono wrap diff' }, parts.filter(p => kinds.includes(p.kind)).map(p => (p.kind === 'same' ? p.text : h(p.kind === 'removed' ? 'del' : 'ins', {}, p.text)))),
      h('p', { className: 'muted' }, size(v)));
    const change = old.size !== null && old.size !== undefined && current.size !== null && current.size !== undefined
      ? ` (${current.size - old.size >= 0 ? '+' : ''}${format.integer(current.size - old.size)} members)` : '';
    clear(comparison).append(h('h2', {}, `Version ${old.version} and version ${current.version}${change}`),
      h('div', { className: 'grid2' }, side(`v${old.version} by ${old.owner}`, ['same', 'removed'], old), side(`v${current.version} by ${current.owner} (current)`, ['same', 'added'], current)));
    comparison.scrollIntoView({ block: 'nearest' });
  };
  const restore = v => {
    editor.value = v.rule;
    description.value = v.description ?? '';
    status.className = '';
    status.textContent = `Version ${v.version} is in the editor: save to make it version ${current.version + 1}.`;
    editor.focus();
  };
  return h('div', {}, h('h2', {}, 'Versions'),
    h('div', { className: 'scroll', tabindex: '0', role: 'region', 'aria-label': 'versions' }, h('table', { id: 'versions' },
      h('thead', {}, h('tr', {}, ['version', 'rule', 'saved by', 'saved', 'size', ''].map(c => h('th', {}, c)))),
      h('tbody', {}, segment.versions.slice().reverse().map(v => h('tr', { 'data-version': v.version },
        h('td', {}, `v${v.version}`), h('td', { className: 'mono wrap' }, v.rule), h('td', {}, v.owner), h('td', {}, format.time(v.savedAt)), h('td', {}, size(v)),
        h('td', {}, v === current ? h('span', { className: 'muted' }, 'current') : [
          h('button', { type: 'button', 'aria-label': `compare version ${v.version} with the current`, onclick: () => compare(v) }, 'Compare'), ' ',
          h('button', { type: 'button', 'aria-label': `restore version ${v.version}`, onclick: () => restore(v) }, 'Restore')])))))),
    comparison);
}
