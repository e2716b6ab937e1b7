import { formatInteger, formatMoney, formatPercent, formatTime, metricText, operandText, nullText } from './format.js';

// Building the page from data: text always goes in as text nodes, never as HTML.
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on')) element.addEventListener(name.slice(2), value);
    else if (name === 'className') element.className = value;
    else element.setAttribute(name, value === true ? '' : value);
  }
  append(element, children);
  return element;
}

export function append(element, children) {
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return element;
}

export function clear(element) {
  while (element.firstChild) element.firstChild.remove();
  return element;
}

/** Formatted text as it is, or NULL (null) as an em dash that says what it is. */
const shown = text => (text === null ? h('span', { className: 'null', title: nullText.title }, nullText.text) : text);

/** A value for a page: by its metric's type and unit when given. */
export const value = (v, metric) => shown(metricText(v, metric));

/** A value explain gives as text, formatted as its metric would be. */
export const operand = (text, metric) => shown(operandText(text, metric));

export const format = { integer: formatInteger, money: formatMoney, percent: formatPercent, time: formatTime, value, operand };

export function debounce(action, milliseconds) {
  let timer;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => action(...args), milliseconds);
  };
}
