import { h } from '../dom.js';

/** The explain tree: each sub-rule with its value and the values it read. */
export function explainTree(node) {
  const operands = node.operands.length ? ` — ${node.operands.map(o => `${o.expression} = ${o.value}`).join(', ')}` : '';
  return h('ul', {}, h('li', {},
    h('span', { className: node.value }, node.value.toUpperCase()), ' ', h('code', {}, node.text), h('span', { className: 'muted' }, operands),
    node.children.map(explainTree)));
}
