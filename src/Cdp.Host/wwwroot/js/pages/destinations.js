import { api } from '../api.js';
import { h, clear, append, format } from '../dom.js';

/** Where a destination sends, as one line: the webhook's URL, the Kafka topic, the folder. */
const target = d => d.url ?? (d.topic ? `topic ${d.topic}` : d.path);

/**
 * Destinations: where segments' membership changes go (docs/activation.md). Each with its batches delivered, pending
 * and parked; for editors, the form that adds one.
 */
export async function destinationsPage(context) {
  const destinations = await api('/api/destinations');
  const segments = await api('/api/segments');
  const status = h('p', { role: 'status', id: 'destinations-status' });
  return h('div', {},
    h('h1', {}, 'Destinations'),
    h('p', { className: 'muted' }, 'Each evaluation of a segment sends who entered and who exited it to the destinations that receive it: the full sync of its members first, then the changes. The format, the signature and the guarantees: docs/activation.md.'),
    destinations.length === 0
      ? h('p', { className: 'muted', id: 'no-destinations' }, 'No destination yet.')
      : h('div', { className: 'scroll', tabindex: '0', role: 'region', 'aria-label': 'destinations' }, h('table', { id: 'destinations' },
        h('thead', {}, h('tr', {}, ['destination', 'kind', 'where', 'segments', 'delivered', 'pending', 'parked'].map(c => h('th', {}, c)))),
        h('tbody', {}, destinations.map(d => h('tr', { 'data-destination': d.name },
          h('td', {}, h('a', { href: `#/destinations/${encodeURIComponent(d.name)}` }, d.name)),
          h('td', {}, d.kind),
          h('td', { className: 'mono wrap' }, target(d)),
          h('td', { className: 'wrap' }, d.segments.length === 0 ? 'all' : d.segments.join(', ')),
          h('td', { className: 'num' }, format.integer(d.delivered)),
          h('td', { className: 'num' }, format.integer(d.pending)),
          h('td', { className: 'num' }, d.parked > 0 ? h('span', { className: 'badge failed' }, format.integer(d.parked)) : '0')))))),
    status,
    context.session.canEdit ? addForm(segments, status) : h('p', { className: 'muted' }, 'viewers cannot add destinations'));
}

function addForm(segments, status) {
  const name = h('input', { type: 'text', name: 'destination-name', 'aria-label': 'destination name', placeholder: 'crm', className: 'name-input' });
  const kind = h('select', { name: 'destination-kind', 'aria-label': 'kind', onchange: () => show() },
    ['webhook', 'kafka', 'files'].map(k => h('option', { value: k }, k)));
  const url = h('input', { type: 'text', name: 'destination-url', 'aria-label': 'webhook URL', placeholder: 'http://127.0.0.1:9000/hook', className: 'grow' });
  const secret = h('input', { type: 'password', name: 'destination-secret', 'aria-label': 'signing secret', placeholder: 'signing secret', autocomplete: 'new-password' });
  const topic = h('input', { type: 'text', name: 'destination-topic', 'aria-label': 'Kafka topic', placeholder: 'segment-membership' });
  const path = h('input', { type: 'text', name: 'destination-path', 'aria-label': 'folder', placeholder: '/srv/cdp/changes or http://namenode:9870/cdp/changes', className: 'grow' });
  const picks = segments.map(s => h('label', { className: 'pick' }, h('input', { type: 'checkbox', name: 'destination-segment', value: s.name }), ` ${s.name}`));
  const fields = { webhook: h('div', { className: 'toolbar' }, url, secret), kafka: h('div', { className: 'toolbar' }, topic), files: h('div', { className: 'toolbar' }, path) };
  const show = () => { for (const [k, field] of Object.entries(fields)) field.hidden = k !== kind.value; };
  show();
  const add = h('button', {
    type: 'button', className: 'primary', id: 'add-destination',
    onclick: async () => {
      status.className = '';
      const chosen = picks.map(p => p.querySelector('input')).filter(i => i.checked).map(i => i.value);
      const body = { name: name.value.trim(), kind: kind.value, segments: chosen };
      if (kind.value === 'webhook') Object.assign(body, { url: url.value.trim(), secret: secret.value });
      if (kind.value === 'kafka' && topic.value.trim()) body.topic = topic.value.trim();
      if (kind.value === 'files') body.path = path.value.trim();
      try {
        const saved = await api('/api/destinations', { method: 'POST', body });
        location.hash = `#/destinations/${encodeURIComponent(saved.name)}`;
      } catch (error) {
        status.className = 'error';
        status.textContent = error.message;
      }
    },
  }, 'Add destination');
  return h('section', { className: 'panel', id: 'add-destination-form' },
    h('h2', {}, 'Add a destination'),
    h('div', { className: 'toolbar' }, name, kind),
    fields.webhook, fields.kafka, fields.files,
    h('fieldset', { className: 'picks' }, h('legend', {}, 'Segments (none ticked: all)'), picks),
    h('div', { className: 'toolbar' }, add));
}

/** One destination: its delivery log (what was sent, when, status, attempts, last error), replay of parked batches, a test send. */
export async function destinationPage(context, name) {
  const destination = (await api('/api/destinations')).find(d => d.name === name);
  if (!destination) return h('p', { className: 'error' }, `No destination ${name}.`);
  const body = h('div', {});
  const status = h('p', { role: 'status', id: 'destination-status' });
  let timer = 0;
  const draw = async () => {
    clearTimeout(timer);
    const log = await api(`/api/destinations/${encodeURIComponent(name)}/log`);
    // While something waits to go (or nothing came yet), the log keeps itself current; it stops when the page is left.
    if (log.length === 0 || log.some(b => b.status === 'pending')) timer = setTimeout(() => { if (document.body.contains(body)) draw(); }, 1000);
    append(clear(body), [log.length === 0
      ? h('p', { className: 'muted', id: 'empty-log' }, 'Nothing sent yet: the next evaluation of its segments sends their full sync.')
      : h('div', { className: 'scroll', tabindex: '0', role: 'region', 'aria-label': 'delivery log' }, h('table', { id: 'delivery-log' },
        h('thead', {}, h('tr', {}, ['batch', 'segment', 'as of', 'changes', 'status', 'attempts', 'written', 'delivered', 'last error or detail', ''].map(c => h('th', {}, c)))),
        h('tbody', {}, log.map(b => h('tr', { 'data-batch': b.id },
          h('td', { className: 'num' }, b.id),
          h('td', {}, b.segment),
          h('td', {}, b.asOf),
          h('td', { className: 'num' }, format.integer(b.changes)),
          h('td', {}, h('span', { className: `badge ${{ delivered: 'succeeded', parked: 'failed', pending: '' }[b.status]}` }, b.status)),
          h('td', { className: 'num' }, b.attempts),
          h('td', {}, format.time(b.createdAt)),
          h('td', {}, b.deliveredAt ? format.time(b.deliveredAt) : b.nextAttemptAt ? `next try ${format.time(b.nextAttemptAt)}` : '—'),
          h('td', { className: b.status === 'delivered' ? 'wrap' : 'error wrap' }, b.status === 'delivered' ? (b.detail ?? '') : (b.lastError ?? '')),
          h('td', {}, b.status === 'parked' && context.session.canEdit ? h('button', { type: 'button', onclick: () => act(`replay?batch=${b.id}`) }, 'Replay') : null))))))]);
  };
  const act = async (path, describe = r => `${r.replayed} batch(es) back in line.`) => {
    status.className = '';
    try {
      const result = await api(`/api/destinations/${encodeURIComponent(name)}/${path}`, { method: 'POST' });
      status.textContent = describe(result);
      timer = setTimeout(draw, 300);
    } catch (error) {
      status.className = 'error';
      status.textContent = error.message;
    }
  };
  const tools = context.session.canEdit ? h('div', { className: 'toolbar' },
    h('button', { type: 'button', id: 'replay-parked', onclick: () => act('replay') }, 'Replay parked'),
    h('button', { type: 'button', id: 'test-send', onclick: () => act('test', r => r.delivered ? `Test change delivered: ${r.detail}` : `Test change failed: ${r.error}`) }, 'Send a test change'),
    h('button', {
      type: 'button', id: 'remove-destination',
      onclick: async () => {
        if (!window.confirm(`Remove ${name} with its outbox and delivery log?`)) return;
        await api(`/api/destinations/${encodeURIComponent(name)}`, { method: 'DELETE' });
        location.hash = '#/destinations';
      },
    }, 'Remove')) : null;
  await draw();
  return h('div', {},
    h('p', {}, h('a', { href: '#/destinations' }, '← Destinations')),
    h('h1', {}, name),
    h('p', {}, `${destination.kind}: `, h('code', {}, target(destination)), ` · segments: ${destination.segments.length === 0 ? 'all' : destination.segments.join(', ')}`,
      ` · ${destination.maxAttempts} attempts before a batch is parked · ${destination.batchSize} changes a batch`),
    tools, status, h('h2', {}, 'Delivery log'), body);
}
