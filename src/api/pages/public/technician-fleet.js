// @ts-check
// The technician console's panel for the link to the regency broker: whether
// the station is reaching it, what went wrong last, and how many events wait
// in the outbox for it. Hidden when the station has no fleet link.
import { api, getLang, onLangChange, h, $, session } from './common.js';

/** @type {Record<string, {id: string, en: string}>} */
const TEXT = {
  title: { id: 'Kiriman ke kabupaten', en: 'Link to the regency' },
  state: { id: 'Sambungan', en: 'Link' },
  'state.online': { id: 'Terhubung', en: 'Connected' },
  'state.connecting': { id: 'Menyambung…', en: 'Connecting…' },
  'state.offline': { id: 'Terputus', en: 'Down' },
  'state.setup-error': { id: 'Pengaturan salah', en: 'Set-up error' },
  'state.stopped': { id: 'Berhenti', en: 'Stopped' },
  depth: { id: 'Data menunggu dikirim', en: 'Events waiting' },
  oldest: { id: 'Tertua menunggu', en: 'Oldest waiting' },
  lastSeq: { id: 'Nomor data terakhir', en: 'Last event number' },
  dropped: { id: 'Data dibuang (antrean penuh)', en: 'Dropped (outbox full)' },
  nextAttempt: { id: 'Coba lagi pukul {t}', en: 'Next try at {t}' },
  lastError: { id: 'Galat terakhir: {e}', en: 'Last error: {e}' },
  none: { id: '—', en: '—' },
};

/** @param {string} key @param {Record<string, string>} [vars] */
const t = (key, vars = {}) => (TEXT[key]?.[getLang()] ?? key).replace(/\{(\w+)\}/g, (_, k) => vars[k] ?? '');

/** @param {number} s */
function age(s) {
  if (s < 60) return getLang() === 'id' ? `${s} detik` : `${s} s`;
  if (s < 3600) return getLang() === 'id' ? `${Math.floor(s / 60)} menit` : `${Math.floor(s / 60)} min`;
  return getLang() === 'id' ? `${Math.floor(s / 3600)} jam` : `${Math.floor(s / 3600)} h`;
}

/** The station's own wall time from its ISO string (which carries the station's offset). @param {string} iso */
const stationTime = (iso) => iso.slice(11, 19).replace(/:/g, getLang() === 'id' ? '.' : ':');

/** @param {string} label @param {string} value @param {string} [cls] */
const figure = (label, value, cls = '') =>
  h('div', { class: `t-figure ${cls}` }, h('div', { class: 'label' }, label), h('div', { class: 'value' }, value));

/** @type {any} */
let last = null;

function render() {
  const box = $('#fleet-panel');
  if (!box || !last) return;
  box.hidden = !last.enabled;
  if (!last.enabled) return;
  const o = last.outbox;
  const nf = new Intl.NumberFormat(getLang() === 'id' ? 'id-ID' : 'en-GB');
  $('#fleet-title', box).textContent = t('title');
  $('#fleet').replaceChildren(
    figure(t('state'), t(`state.${last.state}`), last.state === 'online' ? 'good' : 'bad'),
    figure(t('depth'), nf.format(o.depth), o.depth >= o.warnAt ? 'bad' : ''),
    figure(t('oldest'), o.depth > 0 ? age(o.oldestAgeS) : t('none')),
    figure(t('lastSeq'), nf.format(o.lastSeq)),
    figure(t('dropped'), nf.format(o.dropped), o.dropped > 0 ? 'bad' : ''),
  );
  const notes = [];
  if (last.state !== 'online' && last.lastError) notes.push(t('lastError', { e: last.lastError }));
  if (last.state !== 'online' && last.nextAttemptAt) notes.push(t('nextAttempt', { t: stationTime(last.nextAttemptAt) }));
  $('#fleet-note').textContent = `${last.broker}${notes.length ? ` · ${notes.join(' · ')}` : ''}`;
}

async function poll() {
  const token = session.get('technician')?.token;
  if (token) {
    try {
      last = await api('/api/v1/fleet', { token });
      render();
    } catch {
      // The console's own connection badge says when the station is out of reach.
    }
  }
  setTimeout(poll, 3000);
}

onLangChange(render);
poll();
