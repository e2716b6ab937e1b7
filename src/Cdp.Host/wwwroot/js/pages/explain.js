import { h, format } from '../dom.js';
import { metricOf } from '../catalog.js';

/** The explain tree: each sub-rule with its value and the values it read, formatted as their metrics are. */
export function explainTree(node, catalog) {
  const operands = node.operands.flatMap((o, i) => [i === 0 ? ' — ' : ', ', h('code', {}, o.expression), ' = ', format.operand(o.value, metricOf(catalog, o.expression))]);
  return h('ul', {}, h('li', {},
    h('span', { className: node.value }, node.value.toUpperCase()), ' ', h('code', {}, node.text), h('span', { className: 'muted' }, operands),
    node.children.map(child => explainTree(child, catalog))));
}
