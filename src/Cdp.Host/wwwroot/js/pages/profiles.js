import { api, query } from '../api.js';
import { h, format } from '../dom.js';
import { metricOf, summaryColumns } from '../catalog.js';

const pageSize = 50;

/** Customers: search by id, sort by any metric, filter by a rule; paged by the server. */
export async function profilesPage(context, params) {
  const state = {
    search: params.get('search') ?? '',
    filter: params.get('filter') ?? '',
    sort: params.get('sort') ?? 'user_id',
    order: params.get('order') ?? 'asc',
    offset: Number(params.get('offset') ?? 0),
  };
  const go = changes => { location.hash = `#/profiles${query({ ...state, ...changes })}`; };
  const columns = summaryColumns(context.catalog);
  if (state.sort !== 'user_id' && !columns.includes(state.sort)) columns.push(state.sort);

  const search = h('input', { type: 'search', name: 'search', placeholder: 'user_id starts with…', value: state.search, 'aria-label': 'search by id' });
  const filter = h('input', { type: 'text', name: 'filter', placeholder: 'filter by a rule, e.g. spend_30d > 100', value: state.filter, className: 'grow wide', 'aria-label': 'filter by a rule' });
  const sort = h('select', { name: 'sort', 'aria-label': 'sort by', onchange: () => go({ sort: sort.value, offset: 0 }) },
    h('option', { value: 'user_id', selected: state.sort === 'user_id' }, 'user_id'),
    context.catalog.metrics.map(m => h('option', { value: m.name, selected: state.sort === m.name }, m.name)));
  const order = h('select', { name: 'order', 'aria-label': 'order', onchange: () => go({ order: order.value, offset: 0 }) },
    h('option', { value: 'asc', selected: state.order === 'asc' }, 'ascending'), h('option', { value: 'desc', selected: state.order === 'desc' }, 'descending'));
  const form = h('form', { className: 'toolbar', onsubmit: e => { e.preventDefault(); go({ search: search.value.trim(), filter: filter.value, offset: 0 }); } },
    search, filter, sort, order, h('button', { type: 'submit', className: 'primary' }, 'Apply'));

  const result = h('div', {});
  try {
    const page = await api(`/api/profiles${query({ search: state.search, filter: state.filter, sort: state.sort, order: state.order, offset: state.offset, limit: pageSize })}`);
    const header = name => h('th', {
      className: ['sortable', state.sort === name ? 'sorted' : '', state.sort === name && state.order === 'asc' ? 'asc' : ''].join(' '),
      title: context.catalog.metrics.find(m => m.name === name)?.description ?? 'the customer id',
      onclick: () => go({ sort: name, order: state.sort === name && state.order === 'desc' ? 'asc' : 'desc', offset: 0 }),
    }, name);
    const table = h('table', { id: 'profiles' },
      h('thead', {}, h('tr', {}, header('user_id'), columns.map(header))),
      h('tbody', {}, page.profiles.map(p => h('tr', {},
        h('td', {}, h('a', { href: `#/profiles/${p.userId}` }, p.userId)),
        columns.map(c => h('td', { className: typeof p.metrics[c] === 'number' ? 'num' : '' }, format.value(p.metrics[c], metricOf(context.catalog, c))))))));
    const last = Math.min(state.offset + pageSize, page.total);
    result.append(
      h('p', { className: 'muted', id: 'profiles-total' }, `${format.integer(page.total)} customers${state.filter ? ' match the filter' : ''}${page.asOf ? `, profiles as of ${page.asOf}` : ''}`),
      h('div', { className: 'scroll', tabindex: '0', role: 'region', 'aria-label': 'customers' }, table),
      h('div', { className: 'pager' },
        h('button', { type: 'button', disabled: state.offset === 0, onclick: () => go({ offset: Math.max(0, state.offset - pageSize) }) }, '← Previous'),
        h('span', {}, page.total === 0 ? 'none' : `${format.integer(state.offset + 1)}–${format.integer(last)} of ${format.integer(page.total)}`),
        h('button', { type: 'button', disabled: last >= page.total, onclick: () => go({ offset: state.offset + pageSize }) }, 'Next →')));
  } catch (error) {
    const diagnostics = error.problem?.diagnostics ?? [];
    result.append(h('p', { className: 'error', role: 'alert' }, diagnostics.length ? diagnostics.map(d => `${d.line}:${d.column} ${d.message}`).join('; ') : error.message));
  }
  return h('div', {}, h('h1', {}, 'Profiles'), form, result);
}
