// Small SVG charts: lines over days, bars, sparklines. No library, no network.
const SVG = 'http://www.w3.org/2000/svg';
const colors = ['#2f6fed', '#12b76a', '#f79009', '#d92d20', '#7a2fd0'];

function svg(tag, attributes = {}, ...children) {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  for (const child of children) element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  return element;
}

function nice(max) {
  if (max <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  return [1, 2, 2.5, 5, 10].map(f => f * power).find(v => v >= max) ?? max;
}

/** series: [{ name, values: [numbers] }], labels: the x labels (dates). */
export function lineChart(labels, series, { height = 180, bars = false, title } = {}) {
  const width = 560, left = 52, bottom = 22, top = 8, right = 8;
  const max = nice(Math.max(0, ...series.flatMap(s => s.values)));
  const x = i => left + (labels.length <= 1 ? 0 : (i * (width - left - right)) / (labels.length - 1));
  const y = v => top + (height - top - bottom) * (1 - v / max);
  const chart = svg('svg', { class: 'chart', viewBox: `0 0 ${width} ${height}`, width: '100%', role: 'img', 'aria-label': title ?? series.map(s => s.name).join(', ') });
  for (const fraction of [0, 0.5, 1]) {
    chart.append(svg('line', { class: 'axis', x1: left, x2: width - right, y1: y(max * fraction), y2: y(max * fraction) }));
    chart.append(svg('text', { x: left - 6, y: y(max * fraction) + 4, 'text-anchor': 'end' }, compact(max * fraction)));
  }
  const step = Math.max(1, Math.ceil(labels.length / 6));
  labels.forEach((label, i) => {
    const anchor = i === 0 ? 'start' : i === labels.length - 1 ? 'end' : 'middle';
    if ((i % step === 0 && labels.length - 1 - i >= step / 2) || i === labels.length - 1) chart.append(svg('text', { x: x(i), y: height - 6, 'text-anchor': anchor }, String(label).slice(5)));
  });
  series.forEach((s, n) => {
    if (bars) {
      const w = Math.max(2, (width - left - right) / Math.max(1, labels.length) * 0.7 / series.length);
      s.values.forEach((v, i) => chart.append(svg('rect', { x: x(i) - w * series.length / 2 + n * w, y: y(v), width: w, height: Math.max(0, y(0) - y(v)), fill: colors[n % colors.length] }, svg('title', {}, `${labels[i]} ${s.name}: ${v}`))));
    } else {
      chart.append(svg('polyline', { class: 'line', stroke: colors[n % colors.length], points: s.values.map((v, i) => `${x(i)},${y(v)}`).join(' ') }));
      s.values.forEach((v, i) => chart.append(svg('circle', { cx: x(i), cy: y(v), r: 2.5, fill: colors[n % colors.length] }, svg('title', {}, `${labels[i]} ${s.name}: ${v}`))));
    }
  });
  const legend = document.createElement('div');
  legend.className = 'legend';
  series.forEach((s, n) => {
    const item = document.createElement('span');
    const swatch = document.createElement('i');
    swatch.style.background = colors[n % colors.length];
    item.append(swatch, s.name);
    legend.append(item);
  });
  const box = document.createElement('div');
  box.append(chart, legend);
  return box;
}

export function sparkline(values, { width = 120, height = 28 } = {}) {
  const chart = svg('svg', { class: 'chart spark', viewBox: `0 0 ${width} ${height}`, width, height, role: 'img', 'aria-label': `sizes: ${values.join(', ')}` });
  if (values.length === 0) return chart;
  const max = Math.max(...values), min = Math.min(...values);
  const x = i => (values.length === 1 ? width / 2 : (i * (width - 4)) / (values.length - 1) + 2);
  const y = v => (max === min ? height / 2 : 2 + (height - 4) * (1 - (v - min) / (max - min)));
  chart.append(svg('polyline', { class: 'line', stroke: colors[0], points: values.map((v, i) => `${x(i)},${y(v)}`).join(' ') }));
  return chart;
}

function compact(n) {
  if (n >= 1e6) return `${Math.round(n / 1e5) / 10}M`;
  if (n >= 1e3) return `${Math.round(n / 1e2) / 10}k`;
  return String(Math.round(n * 100) / 100);
}
