// @ts-check
// The 24-hour power chart, as inline SVG. Takes whatever /api/v1/power/history
// gives — an array of points, or { samples | points | history: [...] } — where a
// point has a time (at | t | time, ISO or epoch ms), a power (powerW | w | value)
// and optionally a source (mains, genset, battery).
const NS = 'http://www.w3.org/2000/svg';
const DAY = 24 * 3600 * 1000;
const SOURCE_FILL = { mains: '#3ecf8e33', genset: '#ffb02044', battery: '#ff5a5f44', unknown: '#ffffff11' };

function svg(tag, attrs = {}, text) {
  const node = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = text;
  return node;
}

export function points(history) {
  const list = Array.isArray(history) ? history : (history?.samples ?? history?.points ?? history?.history ?? []);
  return list
    .map((p) => {
      const at = p.at ?? p.t ?? p.time;
      const ms = typeof at === 'number' ? at : Date.parse(at);
      const w = p.powerW ?? p.w ?? p.value ?? p.supply?.powerW;
      return { ms, w: typeof w === 'number' ? w : null, source: p.source };
    })
    .filter((p) => Number.isFinite(p.ms))
    .sort((a, b) => a.ms - b.ms);
}

/** The chart's key: what each band colour and the line mean. */
export function chartLegend(labels) {
  const box = document.createElement('div');
  box.className = 't-legend';
  for (const [cls, colour, text] of [
    ['mains', SOURCE_FILL.mains, labels.mains],
    ['genset', SOURCE_FILL.genset, labels.genset],
    ['battery', SOURCE_FILL.battery, labels.battery],
    ['line', '#ffd23f', labels.line],
  ]) {
    const item = document.createElement('span');
    item.className = `key ${cls}`;
    const swatch = document.createElement('i');
    swatch.style.background = colour;
    item.append(swatch, text);
    box.append(item);
  }
  return box;
}

export function powerChart(history, { now, timeZone, noData }) {
  const from = now - DAY;
  const pts = points(history).filter((p) => p.ms >= from && p.ms <= now);
  if (!pts.length) {
    const box = document.createElement('div');
    box.className = 'empty';
    box.textContent = noData;
    return box;
  }
  const W = 900,
    H = 180,
    L = 48,
    B = 22,
    T = 8;
  const peak = Math.max(100, ...pts.map((p) => p.w ?? 0)) * 1.05;
  const step = peak > 2000 ? 1000 : peak > 400 ? 100 : 20;
  const maxW = Math.ceil(peak / step) * step;
  const x = (ms) => L + ((ms - from) / DAY) * (W - L - 4);
  const y = (w) => T + (1 - w / maxW) * (H - T - B);
  const root = svg('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': 'power 24h' });
  // Source bands behind the line.
  pts.forEach((p, i) => {
    if (!p.source) return;
    const end = pts[i + 1]?.ms ?? now;
    root.append(
      svg('rect', {
        x: x(p.ms),
        y: T,
        width: Math.max(1, x(end) - x(p.ms)),
        height: H - T - B,
        fill: SOURCE_FILL[p.source] ?? SOURCE_FILL.unknown,
        class: `band ${p.source}`,
      }),
    );
  });
  for (let i = 0; i <= 4; i++) {
    const w = (maxW / 4) * i;
    root.append(svg('line', { x1: L, x2: W - 4, y1: y(w), y2: y(w), stroke: '#2b507f', 'stroke-width': 1 }));
    root.append(svg('text', { x: L - 6, y: y(w) + 4, 'text-anchor': 'end', fill: '#a9bad6', 'font-size': 11 }, `${Math.round(w)} W`));
  }
  const fmt = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', hourCycle: 'h23' });
  for (let ms = Math.ceil(from / (3 * 3600e3)) * 3 * 3600e3; ms <= now; ms += 3 * 3600e3) {
    root.append(
      svg('text', { x: x(ms), y: H - 6, 'text-anchor': 'middle', fill: '#a9bad6', 'font-size': 11 }, `${fmt.format(new Date(ms))}.00`),
    );
  }
  const line = pts
    .filter((p) => p.w !== null)
    .map((p) => `${x(p.ms).toFixed(1)},${y(p.w).toFixed(1)}`)
    .join(' ');
  if (line) root.append(svg('polyline', { points: line, fill: 'none', stroke: '#ffd23f', 'stroke-width': 2, class: 'power-line' }));
  return root;
}
