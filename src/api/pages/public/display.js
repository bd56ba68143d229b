// @ts-check
// The waiting-room screen: who is called where, who is waiting, and why the
// office might not serve today (power outage, quota). Read-only and public.
import {
  api,
  followEvents,
  getLang,
  t,
  langSwitch,
  onLangChange,
  applyText,
  longDate,
  clockTime,
  zoneName,
  h,
  $,
  loadConfig,
} from './common.js';
import { announce, soundBlocked, unlockSound } from './display-sound.js';
import { residents } from './display-residents.js';

const HISTORY = 6;
const HIGHLIGHT_MS = 12_000;

const state = {
  config: { stationName: '', timeZone: 'Asia/Jakarta', services: [], counters: [], voice: false },
  queue: null,
  calls: [], // CallView, newest first
  latest: null,
  highlightUntil: 0,
  outage: null, // null = unknown, else { source, message, messageEn }
  printerFault: null,
  connected: true,
  /** Numbers marked absent today: not shown again as called after a reconnect. */
  absent: new Set(),
};

const PROBLEM_TEXT = {
  PAPER_OUT: { id: 'kertas habis', en: 'paper out' },
  COVER_OPEN: { id: 'tutup printer terbuka', en: 'cover open' },
  PRINTER_OFFLINE: { id: 'printer tidak terhubung', en: 'printer offline' },
};
const problemText = (code) => (PROBLEM_TEXT[code] ?? { id: 'printer rusak', en: 'printer fault' })[getLang()];

function tick() {
  const now = Date.now();
  $('#time').textContent = `${clockTime(now, state.config.timeZone)} ${zoneName(state.config.timeZone)}`;
  $('#date').textContent = longDate(now, state.config.timeZone);
  $('#now').classList.toggle('fresh', now < state.highlightUntil);
}

function serviceName(code) {
  return state.config.services.find((s) => s.code === code)?.name ?? code;
}

function renderNow() {
  const c = state.latest;
  $('#now-number').textContent = c ? c.number : '—';
  $('#now-counter').textContent = c ? c.counterName || t('display.counter', { n: c.counter }) : '';
  $('#now-service').textContent = c
    ? `${c.serviceName || serviceName(c.service)}${c.priority ? ` · ${t('display.priority')}` : ''}`
    : t('display.noneYet');
  $('#now').classList.toggle('priority', Boolean(c?.priority));
}

function renderCounters() {
  const box = $('#counters');
  const counters = state.queue?.counters ?? state.config.counters.map((c) => ({ ...c, current: null, state: 'open' }));
  box.replaceChildren(
    ...counters.map((c) => {
      const current = c.current && (c.current.status === 'called' || c.current.status === 'serving') ? c.current : null;
      const closed = c.state && c.state !== 'open';
      return h(
        'div',
        {
          class: `d-counter${current && state.latest?.number === current.number ? ' latest' : ''}${closed ? ' closed' : ''}`,
          dataset: { counter: c.id, state: c.state ?? 'open' },
        },
        h('span', { class: 'd-counter-name' }, c.name),
        h('span', { class: 'd-counter-number' }, closed ? t(`counter.state.${c.state}`) : current ? current.number : '—'),
      );
    }),
  );
}

function renderHistory() {
  const box = $('#history');
  const items = state.calls.slice(0, HISTORY);
  if (!items.length) {
    box.replaceChildren(h('div', { class: 'd-empty' }, t('display.noneYet')));
    return;
  }
  box.replaceChildren(
    ...items.map((c, i) =>
      h(
        'div',
        { class: `d-call${i === 0 ? ' newest' : ''}` },
        h('span', { class: 'd-call-number' }, c.number),
        h('span', { class: 'd-call-arrow' }, '→'),
        h('span', { class: 'd-call-counter' }, c.counterName || t('display.counter', { n: c.counter })),
      ),
    ),
  );
}

function renderWaiting() {
  const box = $('#waiting');
  const services = state.queue?.services ?? [];
  box.replaceChildren(
    ...services.map((s) =>
      h(
        'div',
        { class: `d-service${s.exhausted ? ' exhausted' : ''}`, dataset: { service: s.code } },
        h('span', { class: 'd-service-code' }, s.code),
        h('span', { class: 'd-service-name' }, s.name || serviceName(s.code)),
        h('span', { class: 'd-service-count' }, String(s.waiting)),
        s.exhausted ? h('span', { class: 'd-service-note' }, t('display.quotaShort')) : null,
        s.waiting > 0 ? h('span', { class: 'd-service-wait' }, waitText(s.estimatedWaitMinutes)) : null,
        s.next?.length ? h('span', { class: 'd-service-next' }, t('display.next', { numbers: s.next.join(' · ') })) : null,
      ),
    ),
  );
}

/** "perkiraan ± 25 menit", rounded to 5 minutes so it does not twitch; short waits are "kurang dari 5 menit". */
function waitText(minutes) {
  if (minutes === null || minutes === undefined) return '';
  if (minutes < 5) return t('display.waitShort');
  return t('display.wait', { n: Math.round(minutes / 5) * 5 });
}

function renderBanners() {
  const banners = [];
  if (state.outage) {
    const text =
      state.outage.source === 'genset' ? t('banner.genset') : state.outage.source === 'battery' ? t('banner.battery') : t('banner.outage');
    banners.push(h('div', { class: 'd-banner power' }, text));
  }
  for (const s of state.queue?.services ?? []) {
    if (s.exhausted)
      banners.push(
        h('div', { class: 'd-banner quota', dataset: { service: s.code } }, t('banner.quota', { service: s.name || serviceName(s.code) })),
      );
  }
  const printer = state.queue?.printer;
  if (printer && !printer.ready)
    banners.push(h('div', { class: 'd-banner printer' }, t('banner.printerCannot', { why: problemText(printer.problem) })));
  else if (state.printerFault) banners.push(h('div', { class: 'd-banner printer' }, t('banner.printer')));
  $('#banners').replaceChildren(...banners);
}

function render() {
  $('#station-name').textContent = state.config.stationName;
  renderNow();
  renderCounters();
  renderHistory();
  renderWaiting();
  renderBanners();
  tick();
}

/** Rebuilds the recent calls from the queue after (re)connecting, keeping calls already seen. */
/**
 * Calls learnt from the station (its latest calls, the tickets counters hold)
 * merged into what the screen shows: a screen opened or reconnected after the
 * calls shows the last one on the big panel at once, without replaying voices.
 */
function mergeCalls(found) {
  const seen = new Map(state.calls.map((c) => [c.number, c]));
  for (const c of found) {
    if (state.absent.has(c.number)) continue;
    const had = seen.get(c.number);
    if (!had || Date.parse(c.at) > Date.parse(had.at)) seen.set(c.number, c);
  }
  state.calls = [...seen.values()].sort((a, b) => Date.parse(b.at) - Date.parse(a.at)).slice(0, 20);
  if (
    !state.latest ||
    (state.calls[0] && state.calls[0].number !== state.latest.number && Date.parse(state.calls[0].at) > Date.parse(state.latest.at))
  )
    state.latest = state.calls[0] ?? null;
}

function callsFromQueue(queue) {
  mergeCalls(
    queue.counters
      .filter((c) => c.current?.calledAt)
      .map((c) => ({
        number: c.current.number,
        service: c.current.service,
        serviceName: serviceName(c.current.service),
        counter: c.id,
        counterName: c.name,
        priority: c.current.priority,
        calls: c.current.calls ?? 1,
        at: c.current.calledAt,
      })),
  );
}

async function refreshQueue() {
  try {
    const [queue, recent] = await Promise.all([api('/api/v1/queue'), api('/api/v1/calls').catch(() => null)]);
    state.queue = queue;
    if (recent?.calls) mergeCalls(recent.calls);
    callsFromQueue(queue);
    render();
    residents.onQueue(queue);
    return true;
  } catch {
    return false;
  }
}

/**
 * A call: the counter row and the recent calls change at once; the big panel
 * shows it when its chime and voice start, so panel and voice keep one order
 * when two counters call close together.
 */
function onCall(call, recalled) {
  state.calls = [call, ...state.calls.filter((c) => c.number !== call.number)].slice(0, 20);
  const counter = state.queue?.counters.find((c) => c.id === call.counter);
  if (counter)
    counter.current = {
      ...(counter.current ?? {}),
      number: call.number,
      service: call.service,
      priority: call.priority,
      status: 'called',
      calledAt: call.at,
    };
  renderCounters();
  renderHistory();
  announce(call, { recalled, voice: state.config.voice, onStart: () => showOnPanel(call) });
}

function showOnPanel(call) {
  if (!state.calls.some((c) => c.number === call.number)) return; // marked absent while it waited its turn
  state.latest = call;
  state.highlightUntil = Date.now() + HIGHLIGHT_MS;
  renderNow();
  renderCounters();
  const box = $('#now');
  box.classList.remove('flash');
  void box.offsetWidth;
  box.classList.add('flash');
}

/** A no-show is no longer called: it leaves the big panel, the counter row and the recent calls. */
function onAbsent({ number }) {
  state.calls = state.calls.filter((c) => c.number !== number);
  state.absent.add(number);
  if (state.latest?.number === number) state.latest = null;
  render();
}

function setConnected(ok) {
  state.connected = ok;
  $('#offline').hidden = ok;
  document.body.classList.toggle('stale', !ok);
  if (ok) refreshQueue();
}

async function main() {
  langSwitch($('#lang'));
  applyText();
  onLangChange(render);
  setInterval(tick, 1000);
  try {
    state.config = { ...state.config, ...(await loadConfig()) };
  } catch {
    /* shown as disconnected below */
  }
  document.title = `${t('display.title')} · ${state.config.stationName}`;
  residents.start(state.config);
  render();
  if (!(await refreshQueue())) setConnected(false);
  followEvents('/api/v1/events', {
    onState: (ok) => {
      setConnected(ok);
      residents.onState(ok);
    },
    handlers: {
      ...residents.handlers,
      queue: (q) => {
        state.queue = q;
        render();
        residents.onQueue(q);
      },
      called: (c) => onCall(c, false),
      absent: onAbsent,
      recalled: (c) => onCall(c, true),
      power: (p) => {
        state.outage = p.outage ? { source: p.source } : null;
        renderBanners();
      },
      notice: (n) => {
        if (n.kind === 'power-outage') state.outage = state.outage ?? { source: 'unknown' };
        if (n.kind === 'power-restored') state.outage = null;
        if (n.kind === 'printer-fault') state.printerFault = n;
        renderBanners();
      },
      device: (d) => {
        if (d.kind === 'printer') state.printerFault = d.status === 'ok' ? null : (state.printerFault ?? d);
        renderBanners();
      },
    },
  });
  // A safety net beside the stream: a periodic refetch, and a lost station is shown.
  setInterval(async () => {
    if (state.connected && !(await refreshQueue())) setConnected(false);
  }, 30_000);
  const sound = $('#sound');
  sound.addEventListener('click', async () => {
    await unlockSound();
    sound.hidden = true;
  });
  setTimeout(async () => {
    sound.hidden = !(await soundBlocked());
  }, 500);
}

main();
