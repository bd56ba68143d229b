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
} from './common.js';
import { powerChart } from './chart.js';

const state = { config: null, token: null, devices: new Map(), power: null, history: null, faults: [], report: null, alerts: new Map() };
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
        h('td', {}, d.kind),
        h('td', {}, h('span', { class: `badge ${d.status}` }, t(`devstatus.${d.status}`))),
        h('td', {}, d.detail),
        h('td', {}, when(d.lastSeen)),
      ),
    ),
  );
}

function figure(label, value, cls = '') {
  return h('div', { class: `t-figure ${cls}` }, h('div', { class: 'label' }, label), h('div', { class: 'value' }, value));
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
    figure(t('tech.voltage'), num(supply.busVoltage, 'V', 2)),
    figure(t('tech.current'), num(supply.currentA, 'A', 2)),
    figure(
      t('tech.budget'),
      `${num(budget.requiredW, 'W', 0)} / ${num(budget.availableW, 'W', 0)}`,
      budget.requiredW > budget.availableW ? 'bad' : '',
    ),
  );
  renderChart();
}

function renderChart() {
  $('#chart').replaceChildren(powerChart(state.history, { now: Date.now(), timeZone: tz(), noData: t('tech.noData') }));
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
        h('button', { class: 'ok', onclick: () => resolveFault(f.id) }, t('tech.resolve')),
      ),
    ),
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

/** Today's figures, whatever their shape: numbers and short texts, nested one level. */
function renderReport() {
  const r = state.report;
  if (!r) {
    $('#report').replaceChildren(h('div', { class: 'muted' }, t('tech.unavailable')));
    return;
  }
  const rows = [];
  const walk = (obj, prefix) => {
    for (const [k, v] of Object.entries(obj)) {
      if (v === null || ['string', 'number', 'boolean'].includes(typeof v))
        rows.push([`${prefix}${k}`, typeof v === 'number' && !Number.isInteger(v) ? v.toFixed(1) : String(v)]);
      else if (!Array.isArray(v) && typeof v === 'object' && !prefix) walk(v, `${k} · `);
      else if (Array.isArray(v)) rows.push([`${prefix}${k}`, String(v.length)]);
    }
  };
  walk(r, '');
  $('#report').replaceChildren(h('dl', {}, ...rows.slice(0, 24).flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v)])));
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
  const [devices, power, history, faults, report, alerts] = await Promise.all([
    load('/api/v1/devices', null),
    load('/api/v1/power', null),
    load('/api/v1/power/history', null),
    load('/api/v1/faults', null),
    load('/api/v1/reports/daily', null),
    load('/api/v1/alerts?active=true', null),
  ]);
  if (devices) {
    const list = Array.isArray(devices) ? devices : (devices.devices ?? []);
    state.devices = new Map(list.map((d) => [d.id, d]));
  }
  state.power = power;
  state.history = history;
  if (faults) state.faults = Array.isArray(faults) ? faults : (faults.faults ?? []);
  state.report = report;
  if (alerts) state.alerts = new Map((alerts.alerts ?? []).filter((a) => a.active).map((a) => [a.id, a]));
  renderDevices();
  renderPower();
  renderFaults();
  renderReport();
  renderAlerts();
}

async function resolveFault(id) {
  try {
    await api(`/api/v1/faults/${id}/resolve`, { token: state.token, method: 'POST', body: {} });
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
    const res = await fetch('/api/v1/reports/daily?format=csv', { headers: { authorization: `Bearer ${state.token}` } });
    const url = URL.createObjectURL(await res.blob());
    h('a', { href: url, download: `laporan-${new Date().toISOString().slice(0, 10)}.csv` }).click();
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
    renderReport();
    renderAlerts();
  });
  const tick = () => {
    $('#clock').textContent = `${longDate(Date.now(), tz())} · ${clockTime(Date.now(), tz())} ${zoneName(tz())}`;
  };
  tick();
  setInterval(tick, 1000);
  await refresh();
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
      },
      alert: onAlert,
    },
  });
  setInterval(() => refresh().catch(() => undefined), 60_000);
}

main();
