import { api } from '../api.js';
import { h, clear, format } from '../dom.js';
import { keyTable } from './account.js';

const roles = ['viewer', 'editor', 'admin'];

/**
 * The users, for admins: create one, change a role, reset a password, delete (each ends the user's sessions at
 * once, on the server), and every API key with revoke. The last admin can be neither demoted nor deleted.
 */
export async function usersPage(context) {
  if (!context.session.canAdminister) return h('p', { className: 'error', role: 'alert' }, 'Only admins manage users.');
  const status = h('p', { role: 'status', id: 'users-status' });
  const body = h('div', {});
  const say = (text, ok = true) => { status.className = ok ? 'ok' : 'error'; status.textContent = text; };
  const act = async (work, done) => {
    try {
      await work();
      say(done);
      await draw();
    } catch (error) {
      say(error.message, false);
    }
  };
  const draw = async () => {
    const [users, keys] = await Promise.all([api('/api/users'), api('/api/keys')]);
    clear(body).append(
      h('div', { className: 'scroll', tabindex: '0', role: 'region', 'aria-label': 'users' }, h('table', { id: 'users' },
        h('thead', {}, h('tr', {}, ['user', 'role', 'created', ''].map(c => h('th', {}, c)))),
        h('tbody', {}, users.map(u => {
          const role = h('select', {
            'aria-label': `role of ${u.name}`, name: 'role',
            onchange: () => act(() => api('/api/users', { method: 'POST', body: { name: u.name, role: role.value } }), `${u.name} is now ${role.value}.`),
          }, roles.map(r => h('option', { value: r, selected: r === u.role }, r)));
          return h('tr', { 'data-user': u.name },
            h('td', {}, u.name, u.name === context.session.user ? h('span', { className: 'muted' }, ' (you)') : null),
            h('td', {}, role),
            h('td', {}, format.time(u.createdAt)),
            h('td', {},
              h('button', {
                type: 'button', 'aria-label': `reset the password of ${u.name}`,
                onclick: () => {
                  const password = window.prompt(`A new password for ${u.name} (at least 12 characters):`);
                  if (password) act(() => api('/api/users', { method: 'POST', body: { name: u.name, role: u.role, password } }), `${u.name}'s password was reset; their sessions ended.`);
                },
              }, 'Reset password'), ' ',
              h('button', {
                type: 'button', 'aria-label': `delete ${u.name}`,
                onclick: () => {
                  if (window.confirm(`Delete ${u.name}? Their sessions and API keys end now.`)) act(() => api(`/api/users/${encodeURIComponent(u.name)}`, { method: 'DELETE' }), `${u.name} was deleted.`);
                },
              }, 'Delete')));
        })))),
      h('h2', {}, 'API keys'),
      keyTable(keys, draw, status, 'all-keys'));
  };
  const name = h('input', { type: 'text', name: 'new-user', 'aria-label': 'new user name', placeholder: 'name', autocomplete: 'off' });
  const role = h('select', { name: 'new-role', 'aria-label': 'new user role' }, roles.map(r => h('option', { value: r, selected: r === 'viewer' }, r)));
  const password = h('input', { type: 'password', name: 'new-user-password', 'aria-label': 'new user password', placeholder: 'password (at least 12 characters)', autocomplete: 'new-password' });
  await draw();
  return h('div', {},
    h('h1', {}, 'Users'),
    h('form', {
      className: 'toolbar',
      onsubmit: async e => {
        e.preventDefault();
        const created = name.value.trim();
        await act(() => api('/api/users', { method: 'POST', body: { name: created, role: role.value, password: password.value } }), `${created} can now sign in as ${role.value}.`);
        if (status.className === 'ok') name.value = password.value = '';
      },
    }, name, role, password, h('button', { type: 'submit', className: 'primary' }, 'Add user')),
    status, body);
}
