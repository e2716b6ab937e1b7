import { api, whenSignedOut } from './api.js';
import { h, clear } from './dom.js';
import { dashboardPage } from './pages/dashboard.js';
import { profilesPage } from './pages/profiles.js';
import { profilePage } from './pages/profile.js';
import { segmentsPage } from './pages/segments.js';
import { segmentEditorPage } from './pages/segment-editor.js';
import { segmentPage } from './pages/segment.js';
import { runsPage } from './pages/runs.js';
import { metricsPage } from './pages/metrics.js';
import { destinationsPage, destinationPage } from './pages/destinations.js';
import { accountPage } from './pages/account.js';
import { usersPage } from './pages/users.js';

const main = document.getElementById('main');
const nav = document.getElementById('nav');
const who = document.getElementById('who');
const context = { session: null, catalog: null };
let navigation = 0; // only the latest navigation may draw: a slow page must not replace a newer one

const routes = [
  [/^\/$/, () => dashboardPage(context)],
  [/^\/profiles$/, (_, params) => profilesPage(context, params)],
  [/^\/profiles\/(\d+)$/, m => profilePage(context, m[1])],
  [/^\/segments$/, () => segmentsPage(context)],
  [/^\/segments\/new$/, () => segmentEditorPage(context, null)],
  [/^\/segments\/([^/]+)\/edit$/, m => segmentEditorPage(context, decodeURIComponent(m[1]))],
  [/^\/segments\/([^/]+)$/, (m, params) => segmentPage(context, decodeURIComponent(m[1]), params)],
  [/^\/runs$/, () => runsPage(context)],
  [/^\/metrics$/, () => metricsPage(context)],
  [/^\/destinations$/, () => destinationsPage(context)],
  [/^\/destinations\/([^/]+)$/, m => destinationPage(context, decodeURIComponent(m[1]))],
  [/^\/account$/, () => accountPage(context)],
  [/^\/users$/, () => usersPage(context)],
];

async function route() {
  if (!context.session) return;
  const mine = ++navigation;
  const [path, search] = (location.hash.slice(1) || '/').split('?');
  const params = new URLSearchParams(search ?? '');
  for (const a of nav.querySelectorAll('a')) a.classList.toggle('active', a.getAttribute('href') === `#${path}` || (path.startsWith(a.getAttribute('href').slice(1)) && a.getAttribute('href') !== '#/'));
  for (const [pattern, page] of routes) {
    const match = pattern.exec(path);
    if (match) {
      clear(main).append(h('p', { className: 'muted' }, 'Loading…'));
      try {
        const content = await page(match, params);
        if (mine === navigation) clear(main).append(content);
      } catch (error) {
        // A 401 has already put up the sign-in page (the session ended meanwhile): leave it there.
        if (mine === navigation && error.status !== 401) clear(main).append(h('p', { className: 'error', role: 'alert' }, error.message));
      }
      return;
    }
  }
  clear(main).append(h('p', { className: 'error' }, `No page at ${path}`));
}

function signInPage(message) {
  context.session = null;
  navigation++; // a page still loading may no longer draw over the sign-in form
  nav.hidden = true;
  clear(who);
  const user = h('input', { type: 'text', name: 'user', autocomplete: 'username', 'aria-label': 'user', placeholder: 'user' });
  const password = h('input', { type: 'password', name: 'password', autocomplete: 'current-password', 'aria-label': 'password', placeholder: 'password' });
  const problem = h('p', { className: 'error', role: 'alert' }, message ?? '');
  const form = h('form', {
    className: 'login',
    onsubmit: async e => {
      e.preventDefault();
      try {
        context.session = await api('/api/session', { method: 'POST', body: { user: user.value, password: password.value } });
        await start();
      } catch (error) {
        problem.textContent = error.message;
      }
    },
  }, h('h1', {}, 'Sign in'), user, password, h('button', { className: 'primary', type: 'submit' }, 'Sign in'), problem);
  clear(main).append(form);
  user.focus();
}

async function start() {
  context.catalog = await api('/api/catalog');
  nav.hidden = false;
  nav.querySelector('[data-page=users]').hidden = !context.session.canAdminister;
  clear(who).append(h('a', { href: '#/account', id: 'account' }, `${context.session.user} (${context.session.role})`), ' ', h('a', {
    href: '#', onclick: async e => { e.preventDefault(); await api('/api/session', { method: 'DELETE' }); signInPage(); },
  }, 'Sign out'));
  await route();
}

whenSignedOut(() => signInPage('Your session ended: sign in again.'));
window.addEventListener('hashchange', route);
try {
  const session = await api('/api/session');
  if (session?.signedIn) {
    context.session = session;
    await start();
  } else {
    signInPage();
  }
} catch {
  signInPage();
}
