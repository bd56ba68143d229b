// @ts-check
// What the waiting-room screen tells residents besides the numbers: the
// running text, the information panel (requirements, opening hours, the day's
// quota left, mobile recording days), the ISHOMA notice, and the answer to a
// code scanned at the entrance ("is my card ready?"). The running text keeps
// scrolling through outages and lost connections (the last list is kept in
// this browser, so even a reload without the station shows it).
import { api, t, h, $, getLang, onLangChange, longDate, clockTime, zoneName } from './common.js';
import { sayPhrase } from './display-sound.js';

/** Scroll speed of the running text, in text heights per second: about six characters a second. */
const TICKER_SPEED = 2.8;
const CARD_CHECK_MS = 15_000;
const STORED = 'ktp-display-residents';

const state = {
  config: { timeZone: 'Asia/Jakarta', services: [], voice: false },
  announcements: [],
  information: null,
  ishoma: { on: false, until: null, message: null },
  queue: null,
  cardTimer: null,
  tickerText: null,
  infoTurn: 0,
};

function remember() {
  try {
    localStorage.setItem(STORED, JSON.stringify({ announcements: state.announcements, information: state.information }));
  } catch {
    /* private mode: nothing kept */
  }
}

function recall() {
  try {
    const kept = JSON.parse(localStorage.getItem(STORED) || 'null');
    if (kept) {
      state.announcements = kept.announcements ?? [];
      state.information = kept.information ?? null;
    }
  } catch {
    /* nothing kept */
  }
}

// ---- running text ---------------------------------------------------------

function renderTicker() {
  const box = $('#ticker');
  const items = state.announcements;
  document.body.classList.toggle('with-ticker', items.length > 0);
  box.hidden = items.length === 0;
  const text = items.map((i) => i.text).join('     •     ');
  if (text === state.tickerText) return;
  state.tickerText = text;
  const line = $('#ticker-text');
  line.textContent = text;
  line.dataset.items = String(items.length);
  restartTicker();
}

/** Runs the text from the right edge until it has left on the left, at the same speed whatever its length. */
function restartTicker() {
  const line = $('#ticker-text');
  const track = $('#ticker-track');
  if (!line || !track || !state.tickerText) return;
  const from = track.clientWidth;
  const width = line.scrollWidth;
  const pxPerS = TICKER_SPEED * parseFloat(getComputedStyle(line).fontSize);
  line.style.setProperty('--ticker-from', `${from}px`);
  line.style.setProperty('--ticker-to', `${-width}px`);
  line.style.animationDuration = `${((from + width) / pxPerS).toFixed(1)}s`;
  line.classList.remove('running');
  void line.offsetWidth;
  line.classList.add('running');
}

// ---- information panel ----------------------------------------------------

/** Each part of the panel shows this long, in turn. */
const INFO_TURN_MS = 10_000;
const INFO_PARTS = ['requirements', 'hours', 'quota', 'mobile'];

function part(key, title, items) {
  return h(
    'section',
    { class: `d-info-card${INFO_PARTS[state.infoTurn % INFO_PARTS.length] === key ? ' active' : ''}`, dataset: { info: key } },
    h('h2', {}, title),
    h('ul', {}, ...items.map((x) => h('li', {}, ...[x].flat()))),
  );
}

function renderInfo() {
  const info = state.information;
  const box = $('#info');
  if (!info) {
    box.hidden = true;
    return;
  }
  box.hidden = false;
  const services = state.queue?.services ?? [];
  const quota = services.map((s) => [
    h('b', { class: 'code' }, s.code),
    ` ${s.name}: `,
    h('b', { dataset: { service: s.code } }, s.exhausted ? t('res.quotaFull') : t('res.quotaLeft', { n: s.remaining, of: s.quota })),
  ]);
  const mobile = info.mobileRecording
    .slice(0, 3)
    .map((d) => [h('b', {}, shortDate(d.date)), ` ${d.place}${d.hours ? ` (${d.hours})` : ''}`]);
  box.replaceChildren(
    part('requirements', t('res.requirements'), info.requirements),
    part('hours', t('res.hours'), info.hours),
    part('quota', t('res.quota'), quota.length ? quota : ['—']),
    part('mobile', t('res.mobile'), mobile.length ? mobile : [t('res.mobileNone')]),
    h(
      'div',
      { class: 'd-info-dots' },
      ...INFO_PARTS.map((_, i) => h('span', { class: i === state.infoTurn % INFO_PARTS.length ? 'on' : '' })),
    ),
  );
}

function nextInfo() {
  state.infoTurn = (state.infoTurn + 1) % INFO_PARTS.length;
  renderInfo();
}

/** "Sen, 30 Nov" from 2026-11-30 (the station's own day, no zone arithmetic needed). */
function shortDate(day) {
  const [y, m, d] = day.split('-').map(Number);
  const long = longDate(Date.UTC(y, m - 1, d, 5), 'UTC');
  const [weekday, rest] = long.split(', ');
  const [dd, month] = rest.split(' ');
  return `${weekday.slice(0, 3)}, ${dd} ${month.slice(0, 3)}`;
}

// ---- ISHOMA ---------------------------------------------------------------

function renderIshoma() {
  const n = state.ishoma;
  document.body.classList.toggle('ishoma-on', n.on);
  const box = $('#ishoma');
  box.hidden = !n.on;
  if (!n.on) return;
  const until = n.until ? `${clockTime(Date.parse(n.until), state.config.timeZone)} ${zoneName(state.config.timeZone)}` : null;
  box.replaceChildren(
    h('span', { class: 'd-ishoma-title' }, 'ISHOMA'),
    h('span', { class: 'd-ishoma-text' }, n.message || (until ? t('res.ishomaUntil', { time: until }) : t('res.ishoma'))),
  );
}

// ---- the entrance scanner's answer ----------------------------------------

function showCardCheck(answer) {
  const box = $('#card-check');
  const good = answer.result === 'ready';
  box.dataset.result = answer.result;
  box.replaceChildren(
    h('div', { class: 'd-cc-mark', 'aria-hidden': 'true' }, good ? '✓' : answer.result === 'scan-again' ? '?' : '!'),
    h(
      'div',
      { class: 'd-cc-body' },
      h('div', { class: 'd-cc-text', id: 'card-check-text' }, getLang() === 'en' ? answer.textEn : answer.text),
      answer.ticket ? h('div', { class: 'd-cc-ticket' }, t('res.yourNumber'), ' ', h('b', {}, answer.ticket)) : null,
    ),
  );
  box.hidden = false;
  clearTimeout(state.cardTimer);
  state.cardTimer = setTimeout(() => (box.hidden = true), CARD_CHECK_MS);
  sayPhrase(answer.phrase, { voice: state.config.voice, caption: getLang() === 'en' ? answer.textEn : answer.text });
}

// ---- wiring ---------------------------------------------------------------

async function refresh() {
  const [a, i, n] = await Promise.allSettled([api('/api/v1/announcements'), api('/api/v1/information'), api('/api/v1/ishoma')]);
  if (a.status === 'fulfilled') state.announcements = a.value.items;
  if (i.status === 'fulfilled') state.information = i.value;
  if (n.status === 'fulfilled') state.ishoma = n.value;
  remember();
  renderAll();
}

function renderAll() {
  renderTicker();
  renderInfo();
  renderIshoma();
}

export const residents = {
  /** Called once the page has its config. */
  start(config) {
    state.config = { ...state.config, ...config };
    recall();
    renderAll();
    onLangChange(() => {
      renderInfo();
      renderIshoma();
    });
    window.addEventListener('resize', restartTicker);
    setInterval(nextInfo, INFO_TURN_MS);
  },
  /** The display's stream (re)connected or was lost. */
  onState(ok) {
    if (ok) refresh().catch(() => undefined);
  },
  onQueue(queue) {
    state.queue = queue;
    renderInfo();
  },
  handlers: {
    announcements: (e) => {
      state.announcements = e.items;
      remember();
      renderTicker();
    },
    information: (info) => {
      state.information = info;
      remember();
      renderInfo();
    },
    ishoma: (n) => {
      state.ishoma = n;
      renderIshoma();
    },
    'card-check': showCardCheck,
  },
};
