import { api } from '../api.js';
import { h, clear, append, format } from '../dom.js';

/** The ETL runs: history with status, profiles and errors, and run now. */
export async function runsPage(context) {
  const body = h('div', {});
  const status = h('p', { role: 'status' });
  const draw = async () => {
    const data = await api('/api/runs');
    append(clear(body), [
      data.running ? h('p', {}, h('span', { className: 'badge' }, 'running'), ` as of ${data.running.asOf}, started ${format.time(data.running.startedAt)} (${data.running.trigger})`) : null,
      data.runs.length === 0 ? h('p', { className: 'muted' }, 'No runs yet.') : h('div', { className: 'scroll', tabindex: '0', role: 'region', 'aria-label': 'runs' }, h('table', { id: 'runs' },
        h('thead', {}, h('tr', {}, ['#', 'as of', 'trigger', 'status', 'attempt', 'started', 'finished', 'profiles', 'error'].map(c => h('th', {}, c)))),
        h('tbody', {}, data.runs.map(r => h('tr', {},
          h('td', {}, r.id), h('td', {}, r.asOf), h('td', {}, r.trigger), h('td', {}, h('span', { className: `badge ${r.status}` }, r.status)),
          h('td', { className: 'num' }, r.attempt), h('td', {}, format.time(r.startedAt)), h('td', {}, r.finishedAt ? format.time(r.finishedAt) : '—'),
          h('td', { className: 'num' }, format.integer(r.profiles)), h('td', { className: 'error wrap' }, r.error ?? ''))))))]);
    return data;
  };
  // While a run goes on the page polls; when it ends, a message about it (started, or refused because one was
  // already going) gives way to how it ended.
  const poll = async () => {
    if (!document.body.contains(body)) return;
    const data = await draw();
    if (data.running) {
      setTimeout(poll, 1000);
    } else if (status.dataset.run === 'waiting') {
      const latest = data.runs[0]; // the history just drawn: no second request
      status.dataset.run = '';
      status.className = latest?.status === 'failed' ? 'error' : '';
      status.textContent = latest ? `The run as of ${latest.asOf} ${latest.status}.` : '';
    }
  };
  const asOf = h('input', { type: 'text', name: 'as-of', placeholder: 'as of YYYY-MM-DD (default: the last day with events)', 'aria-label': 'as of', className: 'date-input' });
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
        status.dataset.run = 'waiting';
        setTimeout(poll, 300);
      } catch (error) {
        status.className = 'error';
        status.textContent = error.message;
        // Refused because a run is going: say how that run ends instead of leaving the refusal up.
        status.dataset.run = error.status === 409 && !error.problem?.needsConfirmation ? 'waiting' : '';
        if (status.dataset.run) setTimeout(poll, 1000);
      }
    },
  }, 'Run now');
  if ((await draw()).running) setTimeout(poll, 1000);
  return h('div', {}, h('h1', {}, 'ETL runs'), h('div', { className: 'toolbar' }, asOf, run), status, body);
}
