import { api } from '../api.js';
import { h, clear, append, format } from '../dom.js';

/** The ETL runs: history with status, profiles and errors, and run now. */
export async function runsPage(context) {
  const body = h('div', {});
  const status = h('p', { role: 'status' });
  const draw = async () => {
    const data = await api('/api/runs');
    append(clear(body), [
      data.running ? h('p', {}, h('span', { className: 'badge' }, 'running'), ` as of ${data.running.asOf}, started ${format.value(data.running.startedAt)} (${data.running.trigger})`) : null,
      data.runs.length === 0 ? h('p', { className: 'muted' }, 'No runs yet.') : h('div', { className: 'scroll' }, h('table', { id: 'runs' },
        h('thead', {}, h('tr', {}, ['#', 'as of', 'trigger', 'status', 'attempt', 'started', 'finished', 'profiles', 'error'].map(c => h('th', {}, c)))),
        h('tbody', {}, data.runs.map(r => h('tr', {},
          h('td', {}, r.id), h('td', {}, r.asOf), h('td', {}, r.trigger), h('td', {}, h('span', { className: `badge ${r.status}` }, r.status)),
          h('td', { className: 'num' }, r.attempt), h('td', {}, format.value(r.startedAt)), h('td', {}, format.value(r.finishedAt)),
          h('td', { className: 'num' }, format.integer(r.profiles)), h('td', { className: 'error wrap' }, r.error ?? ''))))))]);
    return data.running;
  };
  const poll = async () => {
    if (!document.body.contains(body)) return;
    if (await draw()) setTimeout(poll, 1000);
  };
  const asOf = h('input', { type: 'text', name: 'as-of', placeholder: 'as of (default: last day with events)', 'aria-label': 'as of' });
  const run = h('button', {
    type: 'button', className: 'primary', disabled: !context.session.canEdit,
    onclick: async () => {
      try {
        const body = { asOf: asOf.value.trim() || null };
        let started;
        try {
          started = await api('/api/runs', { method: 'POST', body });
        } catch (error) {
          // A day far past the last event: say what it means and run only if the user still wants it.
          if (!error.problem?.needsConfirmation || !window.confirm(error.message)) throw error;
          started = await api('/api/runs', { method: 'POST', body: { ...body, confirm: true } });
        }
        status.className = '';
        status.textContent = `Started the ETL as of ${started.asOf}.`;
        setTimeout(poll, 300);
      } catch (error) {
        status.className = 'error';
        status.textContent = error.message;
      }
    },
  }, 'Run now');
  const running = await draw();
  if (running) setTimeout(poll, 1000);
  return h('div', {}, h('h1', {}, 'ETL runs'), h('div', { className: 'toolbar' }, asOf, run), status, body);
}
