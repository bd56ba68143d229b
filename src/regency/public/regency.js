// @ts-check
/**
 * The regency board: every station's state, refreshed every 5 s. Indonesian
 * first, English on request. Its words, spans of time and numbers come from the
 * station pages' shared modules, which the regency view serves under /pages/.
 */
import { TEXT } from '/pages/i18n.js';
import { isoToField } from '/pages/date-field.js';
import { t, getLang, langSwitch, onLangChange, applyText, spanText, count as fmt, clockTime, longDate } from '/pages/common.js';

/** @param {string} tag @param {string} [cls] @param {string} [text] */
function el(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

/** A span of time in words from milliseconds. @param {number} ms */
const span = (ms) => spanText(ms / 1000);

/** An alert in words; a kind this page does not know yet is still named, never shown as a key. @param {string} kind */
function alertText(kind) {
  const key = `alert.${kind}`;
  return key in TEXT ? t(key) : t('alert.other', { k: kind.replace(/-/g, ' ') });
}

/** @param {string | null} iso @param {number} now */
function ago(iso, now) {
  if (!iso) return t('reg.never');
  const ms = now - Date.parse(iso);
  return ms < 5000 ? t('reg.now') : t('reg.ago', { t: span(ms) });
}

/** The board's time (the view's own clock) in words. @param {string} iso */
function clockText(iso) {
  const ms = Date.parse(iso);
  return `${longDate(ms, 'Asia/Jakarta')} · ${clockTime(ms, 'Asia/Jakarta')}`;
}

/** @param {any} c */
function coverageCell(c, date) {
  const td = el('td', 'cov');
  if (!c || typeof c.obliged !== 'number') {
    td.append(el('span', 'muted', t('reg.cov.none')));
    return td;
  }
  const pct = c.obliged > 0 ? Math.min(100, (c.recorded / c.obliged) * 100) : 0;
  td.append(
    el(
      'div',
      '',
      t('reg.cov.line', {
        r: fmt(c.recorded),
        o: fmt(c.obliged),
        p: pct.toLocaleString(getLang() === 'id' ? 'id-ID' : 'en-GB', { maximumFractionDigits: 1 }),
      }),
    ),
  );
  const bar = el('div', 'bar');
  const fill = el('span');
  fill.style.width = `${pct.toFixed(1)}%`;
  bar.append(fill);
  td.append(bar);
  td.append(
    el(
      'div',
      'note',
      c.daysToCover ? t('reg.cov.rest', { n: fmt(c.remaining), d: fmt(c.daysToCover) }) : t('reg.cov.restNoPace', { n: fmt(c.remaining) }),
    ),
  );
  if (date) td.append(el('div', 'note', t('reg.cov.asOf', { d: isoToField(date, 'date') })));
  return td;
}

/** @param {any} s @param {number} now */
function row(s, now) {
  const tr = el('tr', s.status);
  tr.dataset.station = s.id;
  const name = el('td');
  name.append(el('div', 'name', s.name), el('div', 'id', s.id));
  const status = el('td', 'status');
  status.append(el('span', `badge ${s.status}`, t(`reg.st.${s.status}`)));
  if (s.status === 'stale' && s.lastSeen) status.append(el('div', 'note', t('reg.silent', { t: span(now - Date.parse(s.lastSeen)) })));
  if (s.behind) status.append(el('div', 'note', t('reg.behind', { n: fmt(s.behind) })));
  const seen = el('td', '', ago(s.lastSeen, now));
  if (s.lastSeen) seen.title = s.lastSeen;
  const src = el('td');
  src.append(el('span', `src ${s.source}`, t(`src.${s.source}`)));
  const alerts = el('td');
  if (s.activeAlerts.length === 0 && !s.openFaults) alerts.append(el('span', 'muted', t('reg.noAlerts')));
  else {
    const ul = el('ul', 'alerts');
    for (const a of s.activeAlerts) ul.append(el('li', a.severity, `${alertText(a.kind)}${a.subject ? ` (${a.subject})` : ''}`));
    if (s.openFaults) ul.append(el('li', 'warning', t('reg.faults', { n: s.openFaults })));
    alerts.append(ul);
  }
  tr.append(
    name,
    status,
    seen,
    el('td', 'num', fmt(s.waiting)),
    el('td', 'num', fmt(s.doneToday)),
    src,
    alerts,
    coverageCell(s.coverage, s.coverageDate),
  );
  return tr;
}

/** @type {any} */
let last = null;

function draw() {
  applyText();
  if (!last) return;
  const b = last;
  const now = Date.parse(b.now);
  const regencies = [...new Set(b.stations.map((/** @type {any} */ s) => s.regency).filter(Boolean))];
  /** @type {HTMLElement} */ (document.getElementById('regency-name')).textContent = regencies.join(', ');
  const broker = /** @type {HTMLElement} */ (document.getElementById('broker'));
  broker.textContent = `${b.broker.connected ? t('reg.broker.ok') : t('reg.broker.down')} · ${b.broker.url}`;
  broker.className = `pill ${b.broker.connected ? 'ok' : 'bad'}`;
  if (b.broker.lastError && !b.broker.connected) broker.title = b.broker.lastError;
  /** @type {HTMLElement} */ (document.getElementById('clock')).textContent = clockText(b.now);
  /** @type {HTMLElement} */ (document.getElementById('t-online')).textContent = `${b.totals.online} / ${b.totals.stations}`;
  /** @type {HTMLElement} */ (document.getElementById('t-waiting')).textContent = fmt(b.totals.waiting);
  /** @type {HTMLElement} */ (document.getElementById('t-done')).textContent = fmt(b.totals.doneToday);
  /** @type {HTMLElement} */ (document.getElementById('t-alerts')).textContent = fmt(b.totals.alerts);
  /** @type {HTMLElement} */ (document.getElementById('stale-min')).textContent = span(b.staleMinutes * 60_000);
  const rows = /** @type {HTMLElement} */ (document.getElementById('rows'));
  rows.replaceChildren(...b.stations.map((/** @type {any} */ s) => row(s, now)));
  /** @type {HTMLElement} */ (document.getElementById('empty')).hidden = b.stations.length > 0;
}

async function refresh() {
  try {
    const res = await fetch('/api/v1/regency/board', { cache: 'no-store' });
    if (res.ok) last = await res.json();
  } catch {
    // the view itself is unreachable; keep the last board and try again
  }
  draw();
  document.body.dataset.ready = 'true';
}

langSwitch(/** @type {HTMLElement} */ (document.getElementById('lang')));
onLangChange(draw);

void refresh();
setInterval(refresh, 5000);
