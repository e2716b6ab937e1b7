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

const integer = new Intl.NumberFormat('en-US');
const money = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

export const format = {
  integer: n => (n === null || n === undefined ? '—' : integer.format(n)),
  money: n => (n === null || n === undefined ? '—' : money.format(n)),
  value(value) {
    if (value === null || value === undefined) return 'NULL';
    if (Array.isArray(value)) return value.length > 4 ? `${value.slice(0, 4).join(', ')} … (${value.length} in all)` : value.join(', ');
    if (typeof value === 'number') return Number.isInteger(value) ? integer.format(value) : String(Math.round(value * 1e6) / 1e6);
    const time = typeof value === 'string' && /^(\d{4}-\d\d-\d\d)T(\d\d:\d\d:\d\d)(\.\d+)?Z?$/.exec(value);
    if (time) return `${time[1]} ${time[2]} UTC`; // the API's times are UTC, with or without the Z
    return String(value);
  },
};

export function debounce(action, milliseconds) {
  let timer;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => action(...args), milliseconds);
  };
}
