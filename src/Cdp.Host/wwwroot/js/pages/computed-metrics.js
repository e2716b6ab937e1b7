import { api } from '../api.js';
import { h, clear, format, debounce } from '../dom.js';
import { RuleEditor } from '../rule-editor.js';

/**
 * Computed metrics on the metrics page: those defined so far (expression, type, who, remove) and, for editors, the
 * form that defines one, its expression checked and previewed as typed (how many customers have a value, a sample).
 */
export function computedMetricsSection(context, metrics, reload) {
  const computed = metrics.filter(m => m.expression);
  const status = h('p', { role: 'status', id: 'computed-status' });
  return h('section', { className: 'panel', id: 'computed-metrics' },
    h('h2', {}, 'Computed metrics'),
    h('p', { className: 'muted' }, 'Metrics defined here with the aggregate syntax. Rules can name them at once (previews compute them over the events); each ETL run computes them with the profiles.'),
    computed.length === 0
      ? h('p', { className: 'muted', id: 'no-computed' }, 'None yet.')
      : h('div', { className: 'scroll', tabindex: '0', role: 'region', 'aria-label': 'computed metrics' }, h('table', { id: 'computed-table' },
        h('thead', {}, h('tr', {}, ['metric', 'expression', 'type', 'what it is', ''].map(c => h('th', {}, c)))),
        h('tbody', {}, computed.map(m => h('tr', { 'data-metric': m.name },
          h('td', {}, h('code', {}, m.name)),
          h('td', { className: 'mono wrap' }, m.expression),
          h('td', {}, m.type),
          h('td', { className: 'wrap' }, m.description),
          h('td', {}, context.session.canEdit ? h('button', {
            type: 'button', 'aria-label': `remove ${m.name}`,
            onclick: async () => {
              try {
                await api(`/api/metrics/computed/${encodeURIComponent(m.name)}`, { method: 'DELETE' });
                reload();
              } catch (error) {
                status.className = 'error';
                status.textContent = error.message;
              }
            },
          }, 'Remove') : null)))))),
    status,
    context.session.canEdit ? defineForm(context, reload) : h('p', { className: 'muted' }, 'viewers cannot define metrics'));
}

function defineForm(context, reload) {
  const name = h('input', { type: 'text', name: 'metric-name', 'aria-label': 'metric name', placeholder: 'purchases_electronics_90d', className: 'name-input' });
  const description = h('input', { type: 'text', name: 'metric-description', 'aria-label': 'metric description', placeholder: 'what it measures', className: 'grow' });
  const verdict = h('span', { className: 'muted', id: 'metric-preview' }, "type an expression, such as count(purchases WHERE category_code STARTS WITH 'electronics' IN LAST 90d)");
  const sample = h('div', { id: 'metric-sample' });
  const status = h('p', { role: 'status', id: 'define-status' });
  let latest = 0;
  const preview = debounce(async text => {
    const asked = ++latest;
    if (text.trim() === '') {
      editor.setDiagnostics([]);
      clear(sample);
      return;
    }
    try {
      const result = await api('/api/metrics/computed/preview', { method: 'POST', body: { expression: text } });
      if (asked !== latest) return; // an older answer arriving late
      editor.setDiagnostics(result.diagnostics);
      clear(sample);
      if (!result.valid) {
        verdict.textContent = `${result.diagnostics.length} mistake(s)`;
        return;
      }
      verdict.textContent = `${result.type}: ${format.integer(result.withValue)} of ${format.integer(result.total)} customers have a value${result.asOf ? ` (as of ${result.asOf})` : ''}`;
      sample.append(h('table', { className: 'sample' },
        h('thead', {}, h('tr', {}, h('th', {}, 'customer'), h('th', {}, 'value'))),
        h('tbody', {}, result.sample.map(s => h('tr', {},
          h('td', {}, h('a', { href: `#/profiles/${s.userId}` }, String(s.userId))),
          h('td', { className: 'num' }, format.value(s.value, { type: result.type })))))));
    } catch (error) {
      verdict.textContent = error.message;
    }
  }, 250);
  const editor = new RuleEditor(context.catalog, { onChange: preview });
  const save = h('button', {
    type: 'button', id: 'define-metric',
    onclick: async () => {
      status.className = '';
      try {
        const saved = await api('/api/metrics/computed', { method: 'POST', body: { name: name.value.trim(), expression: editor.value, description: description.value } });
        status.textContent = `${saved.name} is defined: rules can name it now; the next run computes it.`;
        reload();
      } catch (error) {
        if (error.problem?.diagnostics) editor.setDiagnostics(error.problem.diagnostics);
        status.className = 'error';
        status.textContent = error.message;
      }
    },
  }, 'Define metric');
  return h('div', { id: 'define-form' },
    h('h3', {}, 'Define a metric'),
    h('div', { className: 'toolbar' }, name, description),
    editor.element,
    h('div', { className: 'preview' }, verdict),
    sample,
    h('div', { className: 'toolbar' }, save, computeNow(status)),
    status);
}

/** "Compute now": a run of the ETL as of the last day with events, which computes every computed metric with the profiles. */
function computeNow(status) {
  return h('button', {
    type: 'button', id: 'compute-now',
    onclick: async () => {
      try {
        const started = await api('/api/runs', { method: 'POST', body: { asOf: null } });
        status.className = '';
        clear(status).append(`Computing: the ETL runs as of ${started.asOf}; `, h('a', { href: '#/runs' }, 'its progress'), '.');
      } catch (error) {
        status.className = 'error';
        clear(status).append(error.message, ' ', h('a', { href: '#/runs' }, 'ETL runs'));
      }
    },
  }, 'Compute now');
}
