// Small SVG charts: lines over days, bars, sparklines. No library, no network.
import { formatInteger, metricText } from './format.js';

const valueText = v => (Number.isInteger(v) ? formatInteger(v) : String(Math.round(v * 100) / 100));
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
  // Bars stand in the middle of a band of their own, so the first clears the y axis and the last is not cut off;
  // lines run from edge to edge.
  const band = (width - left - right) / Math.max(1, labels.length);
  const x = bars
    ? i => left + (i + 0.5) * band
    : i => left + (labels.length <= 1 ? 0 : (i * (width - left - right)) / (labels.length - 1));
  const y = v => top + (height - top - bottom) * (1 - v / max);
  const chart = svg('svg', { class: 'chart', viewBox: `0 0 ${width} ${height}`, width: '100%', role: 'img', 'aria-label': title ?? series.map(s => s.name).join(', ') });
  for (const fraction of [0, 0.5, 1]) {
    chart.append(svg('line', { class: 'axis', x1: left, x2: width - right, y1: y(max * fraction), y2: y(max * fraction) }));
    chart.append(svg('text', { x: left - 6, y: y(max * fraction) + 4, 'text-anchor': 'end' }, compact(max * fraction)));
  }
  const step = Math.max(1, Math.ceil(labels.length / 6));
  labels.forEach((label, i) => {
    const anchor = bars ? 'middle' : i === 0 ? 'start' : i === labels.length - 1 ? 'end' : 'middle';
    if ((i % step === 0 && labels.length - 1 - i >= step / 2) || i === labels.length - 1) chart.append(svg('text', { x: x(i), y: height - 6, 'text-anchor': anchor }, String(label).slice(5)));
  });
  series.forEach((s, n) => {
    if (bars) {
      const w = Math.max(2, band * 0.7 / series.length);
      s.values.forEach((v, i) => chart.append(svg('rect', { x: x(i) - w * series.length / 2 + n * w, y: y(v), width: w, height: Math.max(0, y(0) - y(v)), fill: colors[n % colors.length] }, svg('title', {}, `${labels[i]} ${s.name}: ${valueText(v)}`))));
    } else {
      chart.append(svg('polyline', { class: 'line', stroke: colors[n % colors.length], points: s.values.map((v, i) => `${x(i)},${y(v)}`).join(' ') }));
      s.values.forEach((v, i) => chart.append(svg('circle', { cx: x(i), cy: y(v), r: 2.5, fill: colors[n % colors.length] }, svg('title', {}, `${labels[i]} ${s.name}: ${valueText(v)}`))));
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

/**
 * A metric's distribution as small bars: counts per range between its smallest and largest value, or its most
 * frequent values with their counts; each bar says its range (or value) and count on hover, and the whole in words.
 */
export function distributionChart(distribution, metric) {
  const time = metric.type === 'timestamp' || metric.type === 'date';
  const show = v => (time ? new Date(v * 1000).toISOString().slice(0, 10) : metricText(v, metric));
  const items = distribution.ranges.length > 0
    ? distribution.ranges.map(r => ({ label: r.from === r.to ? show(r.from) : `${show(r.from)} – ${show(r.to)}`, count: r.count }))
    : distribution.top.map(t => ({ label: t.value, count: t.count }));
  if (items.length === 0) return document.createTextNode('no values');
  const width = 200, height = 36, gap = 2;
  const max = Math.max(1, ...items.map(i => i.count));
  const w = (width - gap * (items.length - 1)) / items.length;
  const words = items.map(i => `${i.label}: ${formatInteger(i.count)}`).join('; ');
  const chart = svg('svg', { class: 'chart distribution', viewBox: `0 0 ${width} ${height}`, width, height, role: 'img', 'aria-label': words });
  items.forEach((item, i) => chart.append(svg('rect', { x: i * (w + gap), y: height - Math.max(1, (height * item.count) / max), width: w, height: Math.max(1, (height * item.count) / max), fill: colors[0] },
    svg('title', {}, `${item.label}: ${formatInteger(item.count)}`))));
  const box = document.createElement('div');
  box.className = 'distribution-box';
  const caption = document.createElement('div');
  caption.className = 'muted small';
  caption.textContent = distribution.ranges.length > 0 ? `${items[0].label.split(' – ')[0]} to ${items.at(-1).label.split(' – ').at(-1)}` : items.map(i => i.label).join(', ');
  box.append(chart, caption);
  return box;
}
