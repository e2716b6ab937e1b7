import { api } from '../api.js';
import { h, clear, format } from '../dom.js';

/** One's own account: a new password (ends one's other sessions), and one's API keys (create, shown once; revoke). */
export async function accountPage(context) {
  const current = h('input', { type: 'password', name: 'current-password', autocomplete: 'current-password', 'aria-label': 'current password', placeholder: 'current password' });
  const next = h('input', { type: 'password', name: 'new-password', autocomplete: 'new-password', 'aria-label': 'new password', placeholder: 'new password (at least 12 characters)' });
  const passwordStatus = h('p', { role: 'status' });
  const keys = h('div', {});
  const keyStatus = h('p', { role: 'status' });
  const drawKeys = async () => {
    const all = (await api('/api/keys')).filter(k => k.user === context.session.user);
    clear(keys).append(keyTable(all, drawKeys, keyStatus, 'my-keys'));
  };
  await drawKeys();
  return h('div', {},
    h('h1', {}, 'My account'),
    h('p', { className: 'muted' }, `${context.session.user}, ${context.session.role}`),
    h('section', { className: 'panel' }, h('h2', {}, 'Password'),
      h('form', {
        className: 'toolbar',
        onsubmit: async e => {
          e.preventDefault();
          try {
            await api('/api/session/password', { method: 'POST', body: { currentPassword: current.value, newPassword: next.value } });
            current.value = next.value = '';
            passwordStatus.className = 'ok';
            passwordStatus.textContent = 'Password changed. Your other sessions have been signed out.';
          } catch (error) {
            passwordStatus.className = 'error';
            passwordStatus.textContent = error.message;
          }
        },
      }, current, next, h('button', { type: 'submit', className: 'primary' }, 'Change password')),
      passwordStatus),
    h('section', { className: 'panel' }, h('h2', {}, 'API keys'),
      h('p', { className: 'muted' }, 'For programs: send a key as Authorization: Bearer KEY. It acts as you, with your role.'),
      h('button', {
        type: 'button', id: 'create-key',
        onclick: async () => {
          try {
            const created = await api('/api/keys', { method: 'POST', body: {} });
            keyStatus.className = '';
            clear(keyStatus).append('Your new key, shown this once: ', h('code', { id: 'new-key' }, created.key));
            await drawKeys();
          } catch (error) {
            keyStatus.className = 'error';
            keyStatus.textContent = error.message;
          }
        },
      }, 'Create a key'),
      keyStatus, keys));
}

/** API keys with a revoke button each; after a revoke the table is drawn again. */
export function keyTable(list, redraw, status, id) {
  if (list.length === 0) return h('p', { className: 'muted' }, 'No API keys.');
  return h('div', { className: 'scroll', tabindex: '0', role: 'region', 'aria-label': 'API keys' }, h('table', { id },
    h('thead', {}, h('tr', {}, ['key', 'user', 'created', ''].map(c => h('th', {}, c)))),
    h('tbody', {}, list.map(k => h('tr', { 'data-key': k.id },
      h('td', { className: 'mono' }, `cdp_${k.id}_…`), h('td', {}, k.user), h('td', {}, format.time(k.createdAt)),
      h('td', {}, h('button', {
        type: 'button', 'aria-label': `revoke key ${k.id}`,
        onclick: async () => {
          if (!window.confirm(`Revoke the key cdp_${k.id}_…? Programs that use it will be refused.`)) return;
          try {
            await api(`/api/keys/${encodeURIComponent(k.id)}`, { method: 'DELETE' });
            status.className = 'ok';
            status.textContent = `Key cdp_${k.id}_… revoked.`;
            await redraw();
          } catch (error) {
            status.className = 'error';
            status.textContent = error.message;
          }
        },
      }, 'Revoke')))))));
}
