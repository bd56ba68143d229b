// @ts-check
// The technician console: devices and their status, power with a 24-hour
// chart, active alerts (live), open faults (log, resolve) and today's figures.
import {
  api,
  followEvents,
  t,
  getLang,
  langSwitch,
  onLangChange,
  applyText,
  clockTime,
  longDate,
  zoneName,
  h,
  $,
  session,
  loadConfig,
  toast,
  errorMessage,
  tokenLogin,
  ApiError,
} from './common.js';
import { powerChart, chartLegend } from './chart.js';
import { deviceLine, deviceKind } from './device-words.js';
import { decimal, figure, renderPowerEvents, renderOutage, dailyReport } from './technician-live.js';

const state = {
  config: null,
  token: null,
  devices: new Map(),
  power: null,
  history: null,
  faults: [],
  alerts: new Map(),
  powerEvents: [],
  daily: null,
};
const tz = () => state.config.timeZone;
const when = (iso) => (iso ? `${clockTime(Date.parse(iso), tz(), true)}` : '—');

function renderDevices() {
  const rows = [...state.devices.values()].sort((a, b) => a.id.localeCompare(b.id));
  $('#devices').replaceChildren(
    ...rows.map((d) =>
      h(
        'tr',
        { dataset: { device: d.id } },
        h('td', {}, d.id),
        h('td', {}, deviceKind(d.kind, getLang())),
        h('td', {}, h('span', { class: `badge ${d.status}` }, t(`devstatus.${d.status}`))),
        h(
          'td',
          {},
          h('div', { class: 't-dev-line' }, deviceLine(d, getLang())),
          h('div', { class: 't-dev-detail muted' }, `${t('tech.technical')}: ${d.detail}`),
        ),
        h('td', {}, when(d.lastSeen)),
      ),
    ),
  );
}

const onOff = (v) => (v === true ? t('tech.on') : v === false ? t('tech.off') : t('tech.unknown'));
const num = (v, unit, digits = 1) => (typeof v === 'number' && Number.isFinite(v) ? `${v.toFixed(digits)} ${unit}` : '—');

function renderPower() {
  const p = state.power;
  if (!p) {
    $('#power').replaceChildren(figure(t('tech.power'), t('tech.unavailable')));
    renderChart();
    return;
  }
  const supply = p.supply ?? {};
  const budget = p.budget ?? {};
  $('#power').replaceChildren(
    figure(t('tech.source'), t(`src.${p.source}`), p.source === 'mains' ? 'good' : 'bad'),
    figure(t('tech.mains'), onOff(p.mains), p.mains === false ? 'bad' : ''),
    figure(t('tech.genset'), onOff(p.genset)),
    figure(t('tech.voltage'), decimal(supply.busVoltage, 'V', 2)),
    h(
      'div',
      { class: 't-figure', dataset: { figure: 'battery' } },
      h('div', { class: 'label' }, t('tech.battery')),
      h('div', { class: 'value' }, decimal(p.gensetBatteryV, 'V', 1)),
    ),
    h(
      'div',
      { class: 't-figure', dataset: { figure: 'fuel' } },
      h('div', { class: 'label' }, t('tech.fuel')),
      h('div', { class: 'value' }, typeof p.fuelPercent === 'number' ? `${Math.round(p.fuelPercent)} %` : '—'),
    ),
    figure(t('tech.current'), decimal(supply.currentA, 'A', 2)),
    figure(
      t('tech.budget'),
      `${num(budget.requiredW, 'W', 0)} / ${num(budget.availableW, 'W', 0)}`,
      budget.requiredW > budget.availableW ? 'bad' : '',
    ),
  );
  renderOutage(p, tz());
  renderChart();
}

function renderChart() {
  $('#chart').replaceChildren(
    powerChart(state.history, { now: Date.now(), timeZone: tz(), noData: t('tech.noData') }),
    chartLegend({ mains: t('src.mains'), genset: t('src.genset'), battery: t('src.battery'), line: t('tech.legendSupply') }),
  );
}

function renderFaults() {
  const open = state.faults.filter((f) => !f.resolvedAt && f.status !== 'resolved');
  if (!open.length) {
    $('#faults').replaceChildren(h('div', { class: 'muted' }, t('tech.noFaults')));
    return;
  }
  $('#faults').replaceChildren(
    ...open.map((f) =>
      h(
        'div',
        { class: 't-fault', dataset: { fault: f.id } },
        h('div', { class: 'what' }, `#${f.id} · ${f.device}`),
        h(
          'div',
          {},
          f.description,
          h(
            'span',
            { class: 'muted' },
            ` · ${t('tech.reported')} ${f.reportedAt ? `${longDate(Date.parse(f.reportedAt), tz())} ${when(f.reportedAt)}` : ''}`,
          ),
        ),
        resolveForm(f.id),
      ),
    ),
  );
}

/** Resolving needs a note of what was repaired: the button waits for it. */
function resolveForm(id) {
  const note = h('input', { name: 'resolution', required: true, maxlength: 500, placeholder: t('tech.repairNote') });
  const button = h('button', { class: 'ok', disabled: true }, t('tech.resolve'));
  note.addEventListener('input', () => (button.disabled = !note.value.trim()));
  return h(
    'form',
    {
      class: 't-resolve',
      onsubmit: (ev) => {
        ev.preventDefault();
        if (note.value.trim()) resolveFault(id, note.value.trim());
      },
    },
    note,
    button,
  );
}

function renderAlerts() {
  const list = [...state.alerts.values()].filter((a) => a.active).sort((a, b) => Date.parse(b.raisedAt) - Date.parse(a.raisedAt));
  if (!list.length) {
    $('#alerts').replaceChildren(h('div', { class: 'muted' }, t('tech.noAlerts')));
    return;
  }
  $('#alerts').replaceChildren(
    ...list.map((a) =>
      h(
        'div',
        { class: `t-alert ${a.severity}`, dataset: { alert: a.id, kind: a.kind } },
        h(
          'div',
          { class: 'what' },
          `${t(`alert.${a.kind}`)}${a.subject ? ` · ${a.subject}` : ''}`,
          h('span', { class: 'muted' }, ` · ${t('tech.since')} ${clockTime(Date.parse(a.raisedAt), tz())}`),
        ),
        h('div', { class: 'message' }, getLang() === 'id' ? a.messageId || a.message : a.message || a.messageId),
      ),
    ),
  );
}

function onAlert(a) {
  if (a.active) state.alerts.set(a.id, a);
  else state.alerts.delete(a.id);
  renderAlerts();
}

async function load(path, fallback) {
  try {
    return await api(path, { token: state.token });
  } catch (err) {
    if (err.status === 401) throw err;
    return fallback;
  }
}

async function refresh() {
  const [devices, power, history, faults, events, alerts] = await Promise.all([
    load('/api/v1/devices', null),
    load('/api/v1/power', null),
    load('/api/v1/power/history', null),
    load('/api/v1/faults', null),
    load('/api/v1/power/events?hours=24', null),
    load('/api/v1/alerts?active=true', null),
  ]);
  if (devices) {
    const list = Array.isArray(devices) ? devices : (devices.devices ?? []);
    state.devices = new Map(list.map((d) => [d.id, d]));
  }
  state.power = power;
  state.history = history;
  if (faults) state.faults = Array.isArray(faults) ? faults : (faults.faults ?? []);
  state.powerEvents = events?.events ?? [];
  if (alerts) state.alerts = new Map((alerts.alerts ?? []).filter((a) => a.active).map((a) => [a.id, a]));
  renderDevices();
  renderPower();
  renderFaults();
  renderPowerEvents(state.powerEvents, tz());
  renderAlerts();
}

async function resolveFault(id, resolution) {
  try {
    await api(`/api/v1/faults/${id}/resolve`, { token: state.token, method: 'POST', body: { resolution } });
    state.faults = state.faults.filter((f) => f.id !== id);
    renderFaults();
  } catch (err) {
    toast(errorMessage(err), 'error');
  }
}

function setConnected(ok) {
  const conn = $('#conn');
  conn.classList.toggle('lost', !ok);
  conn.textContent = ok ? t('conn.ok') : `${t('conn.lost')} — ${t('conn.retrying')}`;
  if (ok) refresh().catch(() => undefined);
}

async function main() {
  langSwitch($('#lang'));
  applyText();
  state.config = await loadConfig();
  $('#station-name').textContent = state.config.stationName;
  const auth = await tokenLogin({ key: 'technician', form: $('#login'), check: ({ token }) => api('/api/v1/devices', { token }) });
  state.token = auth.token;
  $('#work').hidden = false;
  $('#logout').hidden = false;
  $('#logout').onclick = () => {
    session.clear('technician');
    location.reload();
  };
  $('#csv').onclick = async (ev) => {
    ev.preventDefault();
    // The day picked, and in Indonesian a CSV Excel opens right with an Indonesian locale (; and decimal commas).
    const date = state.daily?.date() ?? '';
    const query = new URLSearchParams({ format: 'csv', ...(date ? { date } : {}), ...(getLang() === 'id' ? { locale: 'id' } : {}) });
    const res = await fetch(`/api/v1/reports/daily?${query}`, { headers: { authorization: `Bearer ${state.token}` } });
    if (!res.ok) {
      toast(errorMessage(new ApiError(res.status, `HTTP_${res.status}`)), 'error');
      return;
    }
    const url = URL.createObjectURL(await res.blob());
    h('a', { href: url, download: `laporan-${date || 'hari-ini'}.csv` }).click();
  };
  $('#new-fault').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const data = Object.fromEntries(new FormData(ev.target).entries());
    try {
      const res = await api('/api/v1/faults', { token: state.token, method: 'POST', body: data });
      if (res?.fault) state.faults.push(res.fault);
      ev.target.reset();
      renderFaults();
    } catch (err) {
      toast(errorMessage(err), 'error');
    }
  });
  onLangChange(() => {
    renderDevices();
    renderPower();
    renderFaults();
    renderPowerEvents(state.powerEvents, tz());
    state.daily?.render();
    renderAlerts();
  });
  const tick = () => {
    $('#clock').textContent = `${longDate(Date.now(), tz())} · ${clockTime(Date.now(), tz())} ${zoneName(tz())}`;
  };
  tick();
  setInterval(tick, 1000);
  await refresh();
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: tz() }).format(new Date());
  state.daily = dailyReport({ token: state.token, config: state.config, today });
  /** Power events are refetched (debounced) when the power state changes. */
  let eventsTimer = null;
  const powerEventsSoon = () => {
    if (eventsTimer) return;
    eventsTimer = setTimeout(async () => {
      eventsTimer = null;
      const events = await load('/api/v1/power/events?hours=24', null);
      if (events) state.powerEvents = events.events ?? [];
      renderPowerEvents(state.powerEvents, tz());
    }, 500);
  };
  followEvents('/api/v1/events', {
    token: state.token,
    onState: setConnected,
    handlers: {
      device: (d) => {
        state.devices.set(d.id, d);
        renderDevices();
      },
      power: (p) => {
        state.power = { ...(state.power ?? {}), ...p };
        renderPower();
        powerEventsSoon();
      },
      alert: onAlert,
      queue: () => state.daily?.changed(),
    },
  });
  setInterval(() => refresh().catch(() => undefined), 60_000);
}

main();
