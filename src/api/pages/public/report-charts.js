// @ts-check
// The report's charts as inline SVG, drawn for paper: dark ink on white, sized
// by viewBox so they scale to the A4 column, readable in black and white too
// (targets are dashed or marked, not only coloured).
const NS = 'http://www.w3.org/2000/svg';
const INK = '#1b1b1b';
const GRID = '#d0d4da';
const MUTED = '#5b6470';
const BAR = '#2f6db5';
const OVER = '#d98a00';
const TARGET = '#c62828';

function svg(tag, attrs = {}, text) {
  const node = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = text;
  return node;
}

function empty(text) {
  const box = document.createElement('div');
  box.className = 'chart-empty';
  box.textContent = text;
  return box;
}

/** A round step for an axis reaching `max`. */
function niceStep(max, ticks = 4) {
  const raw = max / ticks;
  const mag = 10 ** Math.floor(Math.log10(raw || 1));
  const f = raw / mag;
  return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * mag;
}

/**
 * Mean wait (bar) and longest wait (thin mark) by the local hour tickets were taken, in minutes,
 * with each service's wait target as a dashed line.
 * @param {{ hour: number, meanWaitS: number | null, maxWaitS: number | null, issued: number }[]} hours
 * @param {{ code: string, minutes: number }[]} targets
 */
export function waitsByHourChart(hours, targets, { noData, minutesLabel, targetLabel }) {
  const rows = hours.filter((h) => h.issued > 0);
  if (!rows.some((h) => h.meanWaitS !== null)) return empty(noData);
  const W = 680,
    H = 200,
    L = 44,
    R = 92,
    T = 10,
    B = 26;
  const first = Math.min(...rows.map((h) => h.hour));
  const last = Math.max(...rows.map((h) => h.hour));
  const slots = last - first + 1;
  const peak = Math.max(...rows.map((h) => (h.maxWaitS ?? 0) / 60), ...targets.map((t) => t.minutes), 1);
  const step = niceStep(peak);
  const top = Math.ceil(peak / step) * step;
  const y = (min) => T + (1 - min / top) * (H - T - B);
  const slotW = (W - L - R) / slots;
  const root = svg('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', class: 'chart waits-by-hour', 'aria-label': minutesLabel });
  for (let v = 0; v <= top + 1e-9; v += step) {
    root.append(svg('line', { x1: L, x2: W - R, y1: y(v), y2: y(v), stroke: GRID, 'stroke-width': 1 }));
    root.append(svg('text', { x: L - 6, y: y(v) + 4, 'text-anchor': 'end', fill: MUTED, 'font-size': 11 }, String(Math.round(v))));
  }
  root.append(
    svg(
      'text',
      { x: 12, y: (H - B) / 2, fill: MUTED, 'font-size': 10, 'text-anchor': 'middle', transform: `rotate(-90 12 ${(H - B) / 2})` },
      minutesLabel,
    ),
  );
  for (let hour = first; hour <= last; hour++) {
    const cx = L + (hour - first) * slotW + slotW / 2;
    root.append(
      svg('text', { x: cx, y: H - 8, 'text-anchor': 'middle', fill: INK, 'font-size': 11 }, `${String(hour).padStart(2, '0')}.00`),
    );
  }
  for (const h of rows) {
    const x0 = L + (h.hour - first) * slotW;
    const bw = Math.max(6, slotW * 0.56);
    const cx = x0 + slotW / 2;
    if (h.meanWaitS !== null) {
      const m = h.meanWaitS / 60;
      root.append(svg('rect', { x: cx - bw / 2, y: y(m), width: bw, height: y(0) - y(m), fill: BAR, class: 'bar', 'data-hour': h.hour }));
    }
    if (h.maxWaitS !== null) {
      const m = h.maxWaitS / 60;
      root.append(svg('line', { x1: cx - bw / 2, x2: cx + bw / 2, y1: y(m), y2: y(m), stroke: INK, 'stroke-width': 2 }));
      root.append(
        svg('line', { x1: cx, x2: cx, y1: y(m), y2: y(h.meanWaitS !== null ? h.meanWaitS / 60 : 0), stroke: INK, 'stroke-width': 1 }),
      );
    }
  }
  // Target labels at the right, pushed apart when two targets are close.
  let lastLabelY = -Infinity;
  [...targets]
    .sort((a, b) => b.minutes - a.minutes)
    .forEach((t) => {
      root.append(
        svg('line', {
          x1: L,
          x2: W - R,
          y1: y(t.minutes),
          y2: y(t.minutes),
          stroke: TARGET,
          'stroke-width': 1.5,
          'stroke-dasharray': '6 4',
          class: 'target',
        }),
      );
      const ly = Math.max(y(t.minutes) + 4, lastLabelY + 12);
      lastLabelY = ly;
      root.append(svg('text', { x: W - R + 4, y: ly, fill: TARGET, 'font-size': 10 }, targetLabel(t.code, t.minutes)));
    });
  root.append(svg('line', { x1: L, x2: W - R, y1: y(0), y2: y(0), stroke: INK, 'stroke-width': 1 }));
  return root;
}

/**
 * Each service's SOP steps: mean (bar), p90 (thin extension) and target (red mark), in seconds.
 * @param {{ code: string, steps: { step: string, count: number, meanS: number | null, p90S: number | null, targetS: number | null }[] }[]} services
 * @param {(code: string) => string} label
 */
export function stepsChart(services, label, { noData, secondsLabel }) {
  const rows = services.flatMap((s) => s.steps.filter((x) => x.count > 0).map((x) => ({ ...x, code: s.code })));
  if (!rows.length) return empty(noData);
  const W = 680,
    L = 170,
    R = 16,
    T = 8,
    rowH = 20,
    B = 24;
  const H = T + rows.length * rowH + B;
  const peak = Math.max(...rows.map((r) => Math.max(r.p90S ?? 0, r.meanS ?? 0, r.targetS ?? 0)), 1);
  const step = niceStep(peak, 5);
  const right = Math.ceil(peak / step) * step;
  const x = (s) => L + (s / right) * (W - L - R);
  const root = svg('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', class: 'chart steps', 'aria-label': secondsLabel });
  for (let v = 0; v <= right + 1e-9; v += step) {
    root.append(svg('line', { x1: x(v), x2: x(v), y1: T, y2: H - B, stroke: GRID, 'stroke-width': 1 }));
    root.append(svg('text', { x: x(v), y: H - 8, 'text-anchor': 'middle', fill: MUTED, 'font-size': 11 }, String(Math.round(v))));
  }
  // The unit sits under the step names, level with the tick labels, clear of the bars.
  root.append(svg('text', { x: L - 8, y: H - 8, 'text-anchor': 'end', fill: MUTED, 'font-size': 10 }, secondsLabel));
  rows.forEach((r, i) => {
    const yTop = T + i * rowH + 3;
    const bh = rowH - 7;
    const over = r.targetS !== null && r.meanS !== null && r.meanS > r.targetS;
    root.append(
      svg('text', { x: L - 8, y: yTop + bh - 2, 'text-anchor': 'end', fill: INK, 'font-size': 11 }, `${r.code} · ${label(r.step)}`),
    );
    if (r.p90S !== null)
      root.append(svg('rect', { x: L, y: yTop + bh / 2 - 1.5, width: x(r.p90S) - L, height: 3, fill: over ? OVER : BAR, opacity: 0.55 }));
    if (r.meanS !== null)
      root.append(
        svg('rect', {
          x: L,
          y: yTop,
          width: Math.max(1, x(r.meanS) - L),
          height: bh,
          fill: over ? OVER : BAR,
          class: over ? 'bar over' : 'bar',
        }),
      );
    if (r.targetS !== null)
      root.append(
        svg('line', {
          x1: x(r.targetS),
          x2: x(r.targetS),
          y1: yTop - 2,
          y2: yTop + bh + 2,
          stroke: TARGET,
          'stroke-width': 2.5,
          class: 'target',
        }),
      );
  });
  root.append(svg('line', { x1: L, x2: L, y1: T, y2: H - B, stroke: INK, 'stroke-width': 1 }));
  return root;
}

/**
 * People recorded (cumulative, with those recorded before) against the obligation, by day,
 * with the pace carried forward to where the remaining would be covered.
 * @param {{ date: string, cumulative: number }[]} days
 * @param {{ obliged: number, recordedBefore: number, since: string, perDay: number | null, daysToCover: number | null }} cov
 */
export function coverageChart(days, cov, { noData, obligedLabel, dateLabel }) {
  if (!days.length) return empty(noData);
  const W = 680,
    H = 190,
    L = 56,
    R = 16,
    T = 14,
    B = 26;
  const start = Date.parse(`${cov.since}T00:00:00Z`);
  const lastDay = Date.parse(`${days.at(-1).date}T00:00:00Z`);
  const recorded = days.at(-1).cumulative;
  const projected = cov.perDay && cov.daysToCover ? cov.daysToCover : 0;
  // Working days carried forward are drawn as calendar days: the line shows the pace, not a date.
  const end = Math.max(lastDay + projected * 86_400_000, lastDay + 86_400_000);
  const lo = Math.max(0, Math.floor((cov.recordedBefore * 0.98) / 100) * 100);
  const hi = cov.obliged;
  const x = (ms) => L + ((ms - start) / (end - start || 1)) * (W - L - R);
  const y = (n) => T + (1 - (n - lo) / (hi - lo || 1)) * (H - T - B);
  const root = svg('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', class: 'chart coverage', 'aria-label': obligedLabel });
  const step = niceStep(hi - lo);
  for (let v = Math.ceil(lo / step) * step; v <= hi; v += step) {
    root.append(svg('line', { x1: L, x2: W - R, y1: y(v), y2: y(v), stroke: GRID, 'stroke-width': 1 }));
    root.append(svg('text', { x: L - 6, y: y(v) + 4, 'text-anchor': 'end', fill: MUTED, 'font-size': 11 }, v.toLocaleString('id-ID')));
  }
  root.append(svg('line', { x1: L, x2: W - R, y1: y(hi), y2: y(hi), stroke: TARGET, 'stroke-width': 1.5, 'stroke-dasharray': '6 4' }));
  root.append(svg('text', { x: W - R, y: y(hi) - 4, 'text-anchor': 'end', fill: TARGET, 'font-size': 10 }, obligedLabel));
  const pts = [
    { ms: start, n: cov.recordedBefore },
    ...days.map((d) => ({ ms: Date.parse(`${d.date}T00:00:00Z`) + 86_400_000, n: d.cumulative })),
  ];
  root.append(
    svg('polyline', {
      points: pts.map((p) => `${x(p.ms).toFixed(1)},${y(p.n).toFixed(1)}`).join(' '),
      fill: 'none',
      stroke: BAR,
      'stroke-width': 2.5,
      class: 'recorded',
    }),
  );
  if (projected > 0)
    root.append(
      svg('line', {
        x1: x(pts.at(-1).ms),
        y1: y(recorded),
        x2: x(end),
        y2: y(hi),
        stroke: BAR,
        'stroke-width': 1.5,
        'stroke-dasharray': '2 4',
        class: 'projection',
      }),
    );
  const fmt = (ms) => new Date(ms).toISOString().slice(5, 10).split('-').reverse().join('/');
  root.append(svg('text', { x: L, y: H - 8, fill: MUTED, 'font-size': 11 }, fmt(start)));
  root.append(svg('text', { x: W - R, y: H - 8, 'text-anchor': 'end', fill: MUTED, 'font-size': 11 }, dateLabel(end)));
  return root;
}
