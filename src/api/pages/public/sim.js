// @ts-check
// The simulator console: act as residents (ticket buttons, cards, scans), the
// grid (mains, genset, supply) and failing devices, and see what the printer
// printed and what the counter displays show.
import {
  api,
  followEvents,
  t,
  langSwitch,
  onLangChange,
  applyText,
  clockTime,
  h,
  $,
  session,
  loadConfig,
  toast,
  errorMessage,
  tokenLogin,
  getLang,
} from './common.js';
import { deviceLine } from './device-words.js';

/** @type {{ config: any, token: any, devices: any[], simulated: Array<{ id: string, faults: string[] }>, printed: any[], displays: any[] }} */
const state = { config: null, token: null, devices: [], simulated: [], printed: [], displays: [] };

async function sim(path, body, method = 'POST') {
  try {
    const res = await api(`/api/v1/sim/${path}`, { token: state.token, method, body });
    return res ?? {};
  } catch (err) {
    toast(errorMessage(err), 'error');
    return null;
  }
}

function renderButtons() {
  const configured = state.config.buttons?.length
    ? state.config.buttons
    : [0, 1, 2, 3].map((index) => ({ index, service: '?', priority: false }));
  $('#buttons').replaceChildren(
    ...configured.map((b) =>
      h(
        'button',
        {
          class: `s-press${b.priority ? ' primary' : ''}`,
          dataset: { button: b.index },
          onclick: async () => {
            if (await sim(`buttons/${b.index}/press`, {})) setTimeout(refreshPaper, 300);
          },
        },
        h('span', { class: 'svc' }, `${b.service}${b.priority ? ' ★' : ''}`),
        h('span', {}, `${t('sim.button', { n: b.index })}${b.priority ? ` · ${t('sim.priority')}` : ''}`),
      ),
    ),
  );
}

/** Each simulated device with the faults its simulator can play, labelled in words, and its status. */
function renderFaults() {
  const status = new Map(state.devices.map((d) => [d.id, d]));
  $('#faults').replaceChildren(
    ...state.simulated.map((s) => {
      const d = status.get(s.id);
      const sel = h(
        'select',
        { 'aria-label': t('sim.faultFor', { device: s.id }) },
        ...[...s.faults, 'none'].map((f) => h('option', { value: f }, t(`simfault.${f}`))),
      );
      return h(
        'div',
        { class: 's-fault', dataset: { device: s.id } },
        h(
          'span',
          { title: d ? deviceLine(d, getLang()) : '' },
          h('b', {}, s.id),
          ' ',
          d ? h('span', { class: `badge ${d.status}` }, t(`devstatus.${d.status}`)) : '',
        ),
        sel,
        h(
          'button',
          {
            class: 'danger',
            onclick: async () => {
              const fault = sel.value;
              if (await sim(`devices/${encodeURIComponent(s.id)}/fault`, { fault })) toast(`${s.id}: ${t(`simfault.${fault}`)}`);
            },
          },
          t('sim.inject'),
        ),
      );
    }),
  );
}

/** A printed ticket as paper: lines the printer enlarged (marked `[WxH] `) drawn big, the rest as printed text. */
function paper(ticket) {
  const lines = String(ticket.text ?? '')
    .replace(/\n+$/, '')
    .split('\n');
  const nodes = lines.map((line) => {
    const m = /^\[(\d)x(\d)\] (.*)$/.exec(line);
    if (!m) return h('span', { class: 'line' }, line || '\u00a0');
    return h(
      'span',
      { class: 'line big', style: `font-size: ${1 + Number(m[2]) * 0.6}em; transform: scaleX(${Number(m[1]) / Number(m[2])})` },
      m[3],
    );
  });
  const meta = `${ticket.at ? clockTime(ticket.at, state.config.timeZone, true) : ''}${ticket.bytes ? ` · ${ticket.bytes} bytes` : ''}`;
  return h(
    'div',
    { class: 's-paper', dataset: { ticket: (/[A-Z]-\d{3}/.exec(ticket.text ?? '') ?? [''])[0] } },
    ...nodes,
    h('span', { class: 'meta' }, meta),
  );
}

async function refreshPaper() {
  try {
    const res = await api('/api/v1/sim/printer', { token: state.token });
    const list = Array.isArray(res) ? res : (res?.tickets ?? []);
    if (list.length === state.printed.length) return;
    state.printed = list;
    $('#paper').replaceChildren(...(list.length ? [...list].reverse().map(paper) : [h('div', { class: 'muted' }, t('sim.noTickets'))]));
  } catch {
    /* no simulated printer */
  }
}

async function refreshDisplays() {
  try {
    const res = await api('/api/v1/sim/displays', { token: state.token });
    const list = Array.isArray(res) ? res : (res?.displays ?? []);
    $('#displays').replaceChildren(
      ...list.map((d) =>
        h(
          'div',
          {},
          h('div', { class: 's-led-label' }, `${t('login.counter')} ${d.counter}`),
          h('div', { class: `s-led${d.on === false ? ' off' : ''}${d.blinking ? ' blink' : ''}` }, (d.text ?? '').padEnd(4, ' ')),
        ),
      ),
    );
  } catch {
    /* no simulated displays */
  }
}

async function refreshDevices() {
  try {
    const [res, sims] = await Promise.all([
      api('/api/v1/devices', { token: state.token }),
      api('/api/v1/sim/devices', { token: state.token }).catch(() => ({ devices: [] })),
    ]);
    state.devices = Array.isArray(res) ? res : (res?.devices ?? []);
    state.simulated = sims?.devices ?? [];
    renderFaults();
  } catch {
    /* shown by the connection state */
  }
}

function setConnected(ok) {
  const conn = $('#conn');
  conn.classList.toggle('lost', !ok);
  conn.textContent = ok ? t('conn.ok') : `${t('conn.lost')} — ${t('conn.retrying')}`;
  if (ok) {
    refreshDevices();
    refreshPaper();
    refreshDisplays();
  }
}

function randomUid() {
  const bytes = crypto.getRandomValues(new Uint8Array(7));
  bytes[0] = 0x04; // NXP manufacturer byte, as on most ISO 14443-A cards
  return [...bytes]
    .map((b) => b.toString(16).padStart(2, '0'))
    .join('')
    .toUpperCase();
}

async function main() {
  langSwitch($('#lang'));
  applyText();
  state.config = await loadConfig();
  $('#station-name').textContent = state.config.stationName;
  $('#not-simulated').hidden = state.config.simulated;
  const auth = await tokenLogin({ key: 'sim', form: $('#login'), check: ({ token }) => api('/api/v1/devices', { token }) });
  state.token = auth.token;
  $('#work').hidden = false;
  $('#logout').hidden = false;
  $('#logout').onclick = () => {
    session.clear('sim');
    location.reload();
  };
  renderButtons();
  onLangChange(() => {
    renderButtons();
    renderFaults();
    state.printed = [];
    refreshPaper();
    refreshDisplays();
  });
  $('#mains-on').onclick = () => sim('power', { mains: true });
  $('#mains-off').onclick = () => sim('power', { mains: false });
  $('#genset-on').onclick = () => sim('power', { genset: true });
  $('#genset-off').onclick = () => sim('power', { genset: false });
  $('#supply').onsubmit = (ev) => {
    ev.preventDefault();
    const f = new FormData(ev.target);
    sim('power', { busVoltage: Number(f.get('busVoltage')), currentA: Number(f.get('currentA')) });
  };
  $('#random-card').onclick = () => {
    $('#card').uid.value = randomUid();
  };
  $('#card').onsubmit = async (ev) => {
    ev.preventDefault();
    if (await sim('card', { uid: ev.target.uid.value })) toast(t('sim.done'));
  };
  $('#scan').onsubmit = async (ev) => {
    ev.preventDefault();
    if (await sim('scan', { code: ev.target.code.value })) toast(t('sim.done'));
  };
  setConnected(true);
  followEvents('/api/v1/events', {
    token: state.token,
    onState: setConnected,
    handlers: {
      queue: () => {
        refreshPaper();
        refreshDisplays();
      },
      called: () => refreshDisplays(),
      recalled: () => refreshDisplays(),
      device: (d) => {
        const i = state.devices.findIndex((x) => x.id === d.id);
        if (i >= 0) state.devices[i] = d;
        else state.devices.push(d);
        renderFaults();
      },
    },
  });
  setInterval(() => {
    refreshPaper();
    refreshDisplays();
  }, 2000);
}

main();
