import { h, format } from '../dom.js';
import { metricOf } from '../catalog.js';

/** The explain tree: each sub-rule with its value and the values it read, formatted as their metrics are. */
export function explainTree(node, catalog) {
  const operands = node.operands.flatMap((o, i) => [i === 0 ? ' — ' : ', ', h('code', {}, o.expression), ' = ', format.operand(o.value, metricOf(catalog, o.expression))]);
  return h('ul', {}, h('li', {},
    h('span', { className: node.value }, node.value.toUpperCase()), ' ', h('code', {}, node.text), h('span', { className: 'muted' }, operands),
    node.children.map(child => explainTree(child, catalog))));
}

/** The events behind each aggregate of the rule (v2): how many it reads, and the latest few. */
export function evidenceList(evidence) {
  if (!evidence || evidence.length === 0) return null;
  return h('div', { className: 'evidence' }, evidence.map(a => h('div', { 'data-aggregate': a.aggregate },
    h('p', {}, h('code', {}, a.aggregate), ` reads ${format.integer(a.matching)} event${a.matching === 1 ? '' : 's'}`,
      a.latest.length === 0 ? '.' : a.matching > a.latest.length ? `; the latest ${a.latest.length}:` : ':'),
    a.latest.length === 0 ? null : h('div', { className: 'scroll', tabindex: '0', role: 'region', 'aria-label': `events behind ${a.aggregate}` }, h('table', { className: 'evidence-events' },
      h('thead', {}, h('tr', {}, ['time', 'type', 'product', 'category', 'brand', 'price'].map(c => h('th', {}, c)))),
      h('tbody', {}, a.latest.map(e => h('tr', {},
        h('td', {}, format.time(e.time)), h('td', {}, e.type), h('td', {}, e.productId), h('td', {}, e.categoryCode ?? ''),
        h('td', {}, e.brand ?? ''), h('td', { className: 'num' }, format.money(e.price))))))))));
}
