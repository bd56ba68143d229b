// @ts-check
/** The regency board: every station's state, refreshed every 5 s. Indonesian first, English on request. */

const TEXT = {
  title: { id: 'Pemantauan Stasiun Perekaman e-KTP', en: 'e-KTP Recording Stations' },
  't.online': { id: 'Stasiun daring', en: 'Stations online' },
  't.waiting': { id: 'Menunggu', en: 'Waiting' },
  't.done': { id: 'Selesai hari ini', en: 'Done today' },
  't.alerts': { id: 'Peringatan aktif', en: 'Active alerts' },
  'c.station': { id: 'Kecamatan', en: 'Station' },
  'c.status': { id: 'Status', en: 'Status' },
  'c.lastSeen': { id: 'Terakhir terlihat', en: 'Last seen' },
  'c.waiting': { id: 'Menunggu', en: 'Waiting' },
  'c.done': { id: 'Selesai hari ini', en: 'Done today' },
  'c.source': { id: 'Sumber daya', en: 'Power' },
  'c.alerts': { id: 'Peringatan aktif', en: 'Active alerts' },
  'c.coverage': { id: 'Cakupan perekaman', en: 'Recording coverage' },
  empty: { id: 'Belum ada stasiun yang mengirim data.', en: 'No station has sent anything yet.' },
  foot: { id: 'Diperbarui setiap 5 detik. Stasiun tanpa kabar lebih dari', en: 'Refreshed every 5 s. Stations silent for more than' },
  foot2: { id: 'ditandai.', en: 'are marked.' },
  'st.online': { id: 'Daring', en: 'Online' },
  'st.stale': { id: 'Tidak ada kabar', en: 'No news' },
  'st.offline': { id: 'Luring', en: 'Offline' },
  silent: { id: 'diam {t}', en: 'silent {t}' },
  behind: { id: 'mengirim susulan: {n} data', en: 'catching up: {n} events' },
  never: { id: 'belum pernah', en: 'never' },
  ago: { id: '{t} lalu', en: '{t} ago' },
  now: { id: 'baru saja', en: 'just now' },
  sec: { id: '{n} detik', en: '{n} s' },
  min: { id: '{n} menit', en: '{n} min' },
  hour: { id: '{n} jam', en: '{n} h' },
  day: { id: '{n} hari', en: '{n} d' },
  noAlerts: { id: 'tidak ada', en: 'none' },
  faults: { id: '{n} kerusakan alat terbuka', en: '{n} open equipment faults' },
  'src.mains': { id: 'PLN', en: 'Mains' },
  'src.genset': { id: 'Genset', en: 'Genset' },
  'src.battery': { id: 'Baterai', en: 'Battery' },
  'src.unknown': { id: 'Tidak diketahui', en: 'Unknown' },
  'cov.none': { id: 'belum ada laporan harian', en: 'no daily report yet' },
  'cov.line': { id: '{r} dari {o} ({p}%)', en: '{r} of {o} ({p}%)' },
  'cov.rest': { id: 'sisa {n} · ± {d} hari lagi', en: '{n} to go · ~{d} days' },
  'cov.restNoPace': { id: 'sisa {n}', en: '{n} to go' },
  'cov.asOf': { id: 'laporan {d}', en: 'report of {d}' },
  'broker.ok': { id: 'Broker terhubung', en: 'Broker connected' },
  'broker.down': { id: 'Broker terputus', en: 'Broker unreachable' },
  'alert.supply-undervoltage': { id: 'Tegangan pasokan rendah', en: 'Supply undervoltage' },
  'alert.genset-battery-low': { id: 'Aki genset lemah', en: 'Genset battery low' },
  'alert.fuel-low': { id: 'BBM genset menipis', en: 'Genset fuel low' },
  'alert.genset-long-run': { id: 'Genset menyala lama', en: 'Genset running long' },
  'alert.device-offline': { id: 'Perangkat tidak terhubung', en: 'Device offline' },
  'alert.fleet-backlog': { id: 'Data ke kabupaten tertahan', en: 'Regency data backlog' },
  'alert.clock-unsynced': { id: 'Jam belum tersinkron', en: 'Clock not synchronised' },
  'alert.storage': { id: 'Penyimpanan data tidak dapat ditulis', en: 'Data storage cannot be written' },
  'alert.storage-low': { id: 'Ruang penyimpanan hampir penuh', en: 'Storage space low' },
  'alert.printer-cannot-print': { id: 'Printer tiket tidak dapat mencetak', en: 'Ticket printer cannot print' },
  'alert.other': { id: 'Peringatan: {k}', en: 'Alert: {k}' },
};

/** @type {'id' | 'en'} */
let lang = localStorage.getItem('regency.lang') === 'en' ? 'en' : 'id';

/**
 * @param {string} key
 * @param {Record<string, string | number>} [vars]
 */
function t(key, vars = {}) {
  const entry = /** @type {Record<string, {id: string, en: string}>} */ (TEXT)[key];
  let s = entry ? entry[lang] : key;
  for (const [k, v] of Object.entries(vars)) s = s.replace(`{${k}}`, String(v));
  return s;
}

const nf = () => new Intl.NumberFormat(lang === 'id' ? 'id-ID' : 'en-GB');
/** @param {number | null | undefined} n */
const fmt = (n) => (n === null || n === undefined ? '–' : nf().format(n));

/** @param {string} tag @param {string} [cls] @param {string} [text] */
function el(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

/** A span of time in words: 25 detik, 12 menit, 3 jam, 2 hari. @param {number} ms */
function span(ms) {
  const sec = Math.max(0, Math.floor(ms / 1000));
  if (sec < 60) return t('sec', { n: sec });
  const min = Math.floor(sec / 60);
  if (min < 60) return t('min', { n: min });
  return min < 48 * 60 ? t('hour', { n: Math.floor(min / 60) }) : t('day', { n: Math.floor(min / 1440) });
}

/** An alert in words; a kind this page does not know yet is still named, never shown as a key. @param {string} kind */
function alertText(kind) {
  const key = `alert.${kind}`;
  return key in TEXT ? t(key) : t('alert.other', { k: kind.replace(/-/g, ' ') });
}

/** @param {string | null} iso @param {number} now */
function ago(iso, now) {
  if (!iso) return t('never');
  const ms = now - Date.parse(iso);
  return ms < 5000 ? t('now') : t('ago', { t: span(ms) });
}

/** @param {string} iso */
function clockText(iso) {
  return new Intl.DateTimeFormat(lang === 'id' ? 'id-ID' : 'en-GB', {
    timeZone: 'Asia/Jakarta',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(iso));
}

/** @param {any} c */
function coverageCell(c, date) {
  const td = el('td', 'cov');
  if (!c || typeof c.obliged !== 'number') {
    td.append(el('span', 'muted', t('cov.none')));
    return td;
  }
  const pct = c.obliged > 0 ? Math.min(100, (c.recorded / c.obliged) * 100) : 0;
  td.append(
    el(
      'div',
      '',
      t('cov.line', {
        r: fmt(c.recorded),
        o: fmt(c.obliged),
        p: pct.toLocaleString(lang === 'id' ? 'id-ID' : 'en-GB', { maximumFractionDigits: 1 }),
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
      c.daysToCover ? t('cov.rest', { n: fmt(c.remaining), d: fmt(c.daysToCover) }) : t('cov.restNoPace', { n: fmt(c.remaining) }),
    ),
  );
  if (date) td.append(el('div', 'note', t('cov.asOf', { d: date })));
  return td;
}

/** @param {any} s @param {number} now */
function row(s, now) {
  const tr = el('tr', s.status);
  tr.dataset.station = s.id;
  const name = el('td');
  name.append(el('div', 'name', s.name), el('div', 'id', s.id));
  const status = el('td', 'status');
  status.append(el('span', `badge ${s.status}`, t(`st.${s.status}`)));
  if (s.status === 'stale' && s.lastSeen) status.append(el('div', 'note', t('silent', { t: span(now - Date.parse(s.lastSeen)) })));
  if (s.behind) status.append(el('div', 'note', t('behind', { n: fmt(s.behind) })));
  const seen = el('td', '', ago(s.lastSeen, now));
  if (s.lastSeen) seen.title = s.lastSeen;
  const src = el('td');
  src.append(el('span', `src ${s.source}`, t(`src.${s.source}`)));
  const alerts = el('td');
  if (s.activeAlerts.length === 0 && !s.openFaults) alerts.append(el('span', 'muted', t('noAlerts')));
  else {
    const ul = el('ul', 'alerts');
    for (const a of s.activeAlerts) ul.append(el('li', a.severity, `${alertText(a.kind)}${a.subject ? ` (${a.subject})` : ''}`));
    if (s.openFaults) ul.append(el('li', 'warning', t('faults', { n: s.openFaults })));
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
  for (const e of document.querySelectorAll('[data-t]')) e.textContent = t(/** @type {HTMLElement} */ (e).dataset.t ?? '');
  document.documentElement.lang = lang;
  /** @type {HTMLElement} */ (document.getElementById('lang')).textContent = lang === 'id' ? 'English' : 'Bahasa Indonesia';
  if (!last) return;
  const b = last;
  const now = Date.parse(b.now);
  const regencies = [...new Set(b.stations.map((/** @type {any} */ s) => s.regency).filter(Boolean))];
  /** @type {HTMLElement} */ (document.getElementById('regency-name')).textContent = regencies.join(', ');
  const broker = /** @type {HTMLElement} */ (document.getElementById('broker'));
  broker.textContent = `${b.broker.connected ? t('broker.ok') : t('broker.down')} · ${b.broker.url}`;
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

/** @type {HTMLElement} */ (document.getElementById('lang')).addEventListener('click', () => {
  lang = lang === 'id' ? 'en' : 'id';
  localStorage.setItem('regency.lang', lang);
  draw();
});

void refresh();
setInterval(refresh, 5000);
