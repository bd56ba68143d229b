// @ts-check
// The report page for the office head and the regency: the day's figures on
// A4 sheets (print them, sign them), charts of waits by hour, step durations
// against their targets and coverage over time. Indonesian first.
import {
  api,
  t,
  getLang,
  langSwitch,
  onLangChange,
  applyText,
  longDate,
  clockTime,
  zoneName,
  duration,
  h,
  $,
  session,
  loadConfig,
  tokenLogin,
  stepName,
  errorMessage,
} from './common.js';
import './report-text.js';
import { waitsByHourChart, stepsChart, coverageChart } from './report-charts.js';

const state = { config: null, token: null, daily: null, monthly: null, date: null };
const tz = () => state.config?.timeZone ?? 'Asia/Jakarta';

const number = (v, digits = 0) =>
  typeof v === 'number' && Number.isFinite(v)
    ? v.toLocaleString(getLang() === 'id' ? 'id-ID' : 'en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits })
    : '—';
const secs = (v) => (typeof v === 'number' ? duration(Math.round(v)) : '—');
const pct = (v) => (typeof v === 'number' ? `${number(v, 1)} %` : '—');
const time = (iso) => (iso ? `${clockTime(Date.parse(iso), tz())}` : '—');
const dayMs = (date) => Date.parse(`${date}T12:00:00Z`);

function section(titleKey, ...children) {
  return h('section', { class: 'r-section' }, h('h2', {}, t(titleKey)), ...children);
}

function table(head, rows, cls = '') {
  return h(
    'table',
    { class: `r-table ${cls}` },
    h('thead', {}, h('tr', {}, ...head.map((c) => h('th', {}, c)))),
    h('tbody', {}, ...rows.map((r) => h('tr', {}, ...r.map((c, i) => h(i === 0 ? 'th' : 'td', {}, c))))),
  );
}

function tile(label, value, note) {
  return h(
    'div',
    { class: 'r-tile' },
    h('div', { class: 'value' }, value),
    h('div', { class: 'label' }, label),
    note ? h('div', { class: 'note' }, note) : null,
  );
}

function header(r) {
  const c = state.config;
  return h(
    'header',
    { class: 'r-head' },
    h('div', { class: 'r-emblem', 'aria-hidden': 'true' }, 'KTP-el'),
    h(
      'div',
      {},
      h('h1', {}, t('report.title')),
      h('div', { class: 'r-office' }, `${c.stationName}${c.regency ? ` · ${c.regency}` : ''}`),
      h('div', { class: 'r-date' }, longDate(dayMs(r.date), 'UTC')),
    ),
    h(
      'div',
      { class: 'r-generated' },
      t('report.generated', { when: `${longDate(Date.parse(r.generatedAt), tz())} ${time(r.generatedAt)} ${zoneName(tz())}` }),
    ),
  );
}

function summary(r) {
  const recorded = r.coverage?.recordedToday ?? r.services.filter((s) => s.recording).reduce((a, s) => a + s.done, 0);
  return h(
    'div',
    { class: 'r-tiles' },
    tile(t('report.issued'), number(r.totals.issued)),
    tile(t('report.done'), number(r.totals.done)),
    tile(t('report.noShow'), number(r.totals.noShow)),
    tile(t('report.refused'), number(r.totals.refusedAtQuota)),
    tile(t('report.waitingAtClose'), number(r.totals.waitingAtClose)),
    tile(t('report.recordedToday'), number(recorded)),
  );
}

function servicesTable(r) {
  const group = (key, span) => h('th', { colspan: span, class: 'group' }, t(key));
  const sub = (...keys) => keys.map((k) => h('th', {}, t(k)));
  const head = h(
    'thead',
    {},
    h(
      'tr',
      {},
      h('th', { rowspan: 2 }, t('report.service')),
      h('th', { rowspan: 2 }, t('report.issued')),
      h('th', { rowspan: 2 }, t('report.priority')),
      h('th', { rowspan: 2 }, t('report.done')),
      h('th', { rowspan: 2 }, t('report.noShow')),
      h('th', { rowspan: 2 }, t('report.transferred')),
      group('report.wait', 5),
      group('report.serviceTime', 2),
    ),
    h(
      'tr',
      {},
      ...sub('report.mean', 'report.median', 'report.p90', 'report.max', 'report.aboveTarget'),
      ...sub('report.mean', 'report.p90'),
    ),
  );
  const rows = r.services.map((s) =>
    h(
      'tr',
      {},
      h('th', {}, h('strong', {}, s.code), ` ${s.name}`),
      ...[
        number(s.issued),
        number(s.priorityIssued),
        number(s.done),
        number(s.noShow),
        number(s.transferredOut),
        secs(s.waitS.mean),
        secs(s.waitS.median),
        secs(s.waitS.p90),
        secs(s.waitS.max),
        s.waitAboveTarget === null ? '—' : number(s.waitAboveTarget),
        secs(s.serviceS.mean),
        secs(s.serviceS.p90),
      ].map((c) => h('td', {}, c)),
    ),
  );
  const targets = r.services
    .filter((s) => s.targetWaitMinutes !== null)
    .map((s) => `${s.code} ${number(s.targetWaitMinutes)} ${t('report.minutes')}`)
    .join(', ');
  return section(
    'report.services',
    h('table', { class: 'r-table services' }, head, h('tbody', {}, ...rows)),
    h('p', { class: 'r-note' }, `${t('report.units')}${targets ? ` ${t('report.waitTargets', { targets })}` : ''}`),
  );
}

function waitsSection(r) {
  const targets = r.services
    .filter((s) => s.targetWaitMinutes !== null && s.issued > 0)
    .map((s) => ({ code: s.code, minutes: s.targetWaitMinutes }));
  const chart = waitsByHourChart(r.hours, targets, {
    noData: t('report.noData'),
    minutesLabel: t('report.minutes'),
    targetLabel: (code, minutes) => t('report.targetOf', { code, minutes: number(minutes) }),
  });
  const hours = table(
    [t('report.hour'), ...r.hours.map((x) => String(x.hour).padStart(2, '0'))],
    [
      [t('report.issued'), ...r.hours.map((x) => number(x.issued))],
      [t('report.called'), ...r.hours.map((x) => number(x.called))],
      [t('report.done'), ...r.hours.map((x) => number(x.done))],
    ],
    'hours',
  );
  return section(
    'report.waitsByHour',
    h('div', { class: 'r-chart' }, chart),
    h('p', { class: 'r-note' }, t('report.waitsByHourNote')),
    hours,
  );
}

function stepsSection(r) {
  const chart = stepsChart(r.services, stepName, { noData: t('report.noData'), secondsLabel: t('report.seconds') });
  const rows = r.services.flatMap((s) =>
    s.steps.map((x) => [
      `${s.code} · ${stepName(x.step)}`,
      number(x.count),
      secs(x.meanS),
      secs(x.p90S),
      x.targetS === null ? '—' : secs(x.targetS),
      x.overTarget === null ? '—' : number(x.overTarget),
    ]),
  );
  return section(
    'report.steps',
    h('div', { class: 'r-chart' }, chart),
    h('p', { class: 'r-note' }, t('report.stepsNote')),
    table(
      [t('report.step'), t('report.count'), t('report.mean'), t('report.p90'), t('report.target'), t('report.overTarget')],
      rows,
      'steps',
    ),
  );
}

function flowSection(r) {
  const rows = r.services.map((s) => [
    `${s.code} · ${s.name}`,
    ...s.waitBuckets.map((b) => number(b.tickets)),
    `${secs(s.walkS.mean)} / ${secs(s.walkS.p90)}`,
    s.documentClock
      ? `${pct(s.documentClock.withinHourPct)} (${number(s.documentClock.withinHour)}/${number(s.documentClock.tickets)})`
      : '—',
  ]);
  const head = [
    t('report.service'),
    ...(r.services[0]?.waitBuckets ?? []).map((b) => `${b.label} ${t('report.minutes')}`),
    `${t('report.walk')} (${t('report.mean')} / ${t('report.p90')})`,
    `${t('report.documentClock')}: ${t('report.withinHour')}`,
  ];
  return section('report.buckets', table(head, rows, 'flow'), h('p', { class: 'r-note' }, t('report.documentClockNote')));
}

function countersSection(r) {
  const rows = r.counters.map((c) => [
    c.name,
    c.startedAt ? `${time(c.startedAt)}–${time(c.endedAt)}` : '—',
    secs(c.openS),
    secs(c.servingS),
    secs(c.pausedS),
    secs(c.idleS),
    pct(c.utilisationPct),
    number(c.done),
    number(c.noShow),
  ]);
  return section(
    'report.counters',
    table(
      [
        t('report.counter'),
        t('report.workingDay'),
        t('report.openTime'),
        t('report.serving'),
        t('report.paused'),
        t('report.idle'),
        t('report.utilisation'),
        t('report.done'),
        t('report.noShow'),
      ],
      rows,
      'counters',
    ),
  );
}

function coverageSection(r) {
  const c = r.coverage;
  if (!c) return section('report.coverage', h('p', { class: 'r-note' }, t('report.noCoverage')));
  const p = r.capacity?.withOneMoreSet;
  const chart = coverageChart(state.monthly?.coverageByDay ?? [], c, {
    noData: t('report.noData'),
    obligedLabel: `${t('report.obliged')} ${number(c.obliged)}`,
    dateLabel: () => `+${number(c.daysToCover ?? 0)} ${getLang() === 'id' ? 'hari' : 'days'}`,
  });
  return section(
    'report.coverage',
    h(
      'div',
      { class: 'r-tiles' },
      tile(t('report.obliged'), number(c.obliged)),
      tile(t('report.recorded'), number(c.recorded), pct(c.recordedPct)),
      tile(t('report.remaining'), number(c.remaining)),
      tile(t('report.perDay'), number(c.perDay, 1), t('report.perDayNote', { n: c.daysInMean })),
      tile(t('report.daysToCover'), number(c.daysToCover)),
    ),
    p
      ? h(
          'p',
          { class: 'r-plan' },
          h('strong', {}, `${t('report.plan')}: `),
          t('report.planLine', {
            sets: p.recordingSets,
            perDay: number(p.perDay, 1),
            days: number(p.daysToCover),
            saved: number(p.daysSaved),
            watts: number(p.requiredW),
            genset: number(p.gensetRatedW),
            verdict: p.gensetEnough ? t('report.gensetOk') : t('report.gensetShort', { short: number(p.gensetShortW) }),
          }),
        )
      : null,
    h('h3', {}, t('report.coverageChart')),
    h('div', { class: 'r-chart' }, chart),
  );
}

function powerSection(r) {
  const p = r.power;
  const f = r.faults;
  const outages = (p?.list ?? []).map((o) => [
    `${time(o.startedAt)}–${o.endedAt ? time(o.endedAt) : '…'}`,
    `${number(o.minutes, 1)} ${t('report.minutes')}`,
    o.gensetDelayS === null ? '—' : secs(o.gensetDelayS),
    number(o.ticketsIssued),
  ]);
  const faults = (f?.list ?? []).map((x) => [
    `${x.device}${x.counter ? ` · ${t('report.counter')} ${x.counter}` : ''}`,
    time(x.reportedAt),
    x.resolvedAt ? time(x.resolvedAt) : t('report.stillOpen'),
    x.repairMinutes === null ? '—' : `${number(x.repairMinutes, 1)} ${t('report.minutes')}`,
  ]);
  return section(
    'report.power',
    h(
      'div',
      { class: 'r-tiles' },
      tile(t('report.outages'), number(p?.outages ?? 0)),
      tile(t('report.lostMinutes'), number(p?.lostMinutes ?? 0, 1)),
      tile(t('report.ticketsDuringOutages'), number(p?.ticketsIssuedDuringOutages ?? 0)),
      tile(t('report.gensetMinutes'), number(p?.gensetMinutes ?? 0, 1)),
      tile(
        t('report.faults'),
        number(f?.opened ?? 0),
        f?.meanRepairMin != null ? `${t('report.repair')} ${number(f.meanRepairMin, 1)} ${t('report.minutes')}` : '',
      ),
    ),
    outages.length
      ? table([t('report.outages'), t('report.minutes'), t('report.gensetDelay'), t('report.ticketsDuringOutages')], outages, 'outages')
      : null,
    faults.length
      ? table([t('report.faults'), t('report.reportedAt'), t('report.resolvedAt'), t('report.repair')], faults, 'faults')
      : null,
  );
}

function outliersSection(r) {
  const all = r.services.flatMap((s) => s.outliers.map((o) => ({ ...o, code: s.code })));
  if (!all.length) return null;
  return section(
    'report.outliers',
    h(
      'ul',
      { class: 'r-outliers' },
      ...all.map((o) =>
        h(
          'li',
          {},
          `${o.number} · ${t(`report.figure.${o.figure}`)}${o.step ? ` ${stepName(o.step)}` : ''}: ${secs(o.valueS)} (${t('report.mean')} ${secs(o.meanS)}, z ${number(o.z, 2)})`,
        ),
      ),
    ),
  );
}

function surveySection(r) {
  const s = r.survey;
  if (!s) return null;
  return section(
    'report.survey',
    h(
      'div',
      { class: 'r-tiles' },
      tile(t('report.responses'), number(s.responses)),
      tile('IKM', number(s.ikm, 2)),
      tile('Mutu', s.grade ?? '—'),
    ),
  );
}

function signatures() {
  return h(
    'div',
    { class: 'r-sign' },
    h('div', {}, h('div', {}, t('report.officer')), h('div', { class: 'line' })),
    h('div', {}, h('div', {}, t('report.approved')), h('div', {}, t('report.head')), h('div', { class: 'line' })),
  );
}

function render() {
  const r = state.daily;
  if (!r) return;
  $('#sheet').replaceChildren(
    header(r),
    summary(r),
    servicesTable(r),
    waitsSection(r),
    stepsSection(r),
    flowSection(r),
    countersSection(r),
    coverageSection(r),
    powerSection(r),
    ...[outliersSection(r), surveySection(r)].filter(Boolean),
    signatures(),
  );
  document.title = `${t('report.title')} ${r.date}`;
}

async function show(date) {
  const q = date ? `?date=${date}` : '';
  state.daily = await api(`/api/v1/reports/daily${q}`, { token: state.token });
  state.date = state.daily.date;
  state.monthly = await api(`/api/v1/reports/monthly?month=${state.date.slice(0, 7)}`, { token: state.token }).catch(() => null);
  $('#date').value = state.date;
  const url = new URL(location.href);
  url.searchParams.set('date', state.date);
  history.replaceState(null, '', url);
  render();
  document.body.dataset.ready = 'true';
}

async function download(path, name) {
  const res = await fetch(path, { headers: { authorization: `Bearer ${state.token}` } });
  const a = h('a', { href: URL.createObjectURL(await res.blob()), download: name });
  a.click();
}

async function main() {
  langSwitch($('#lang'));
  applyText();
  state.config = await loadConfig();
  const auth = await tokenLogin({
    key: 'report',
    form: $('#login'),
    check: ({ token }) => api('/api/v1/reports/monthly', { token }),
  });
  state.token = auth.token;
  $('#work').hidden = false;
  $('#logout').hidden = false;
  $('#logout').onclick = () => {
    session.clear('report');
    location.reload();
  };
  $('#pick').addEventListener('submit', (ev) => {
    ev.preventDefault();
    show($('#date').value).catch((err) => ($('#sheet').textContent = errorMessage(err)));
  });
  $('#print').onclick = () => window.print();
  $('#csv-day').onclick = () => download(`/api/v1/reports/daily?date=${state.date}&format=csv`, `laporan-${state.date}.csv`);
  $('#csv-month').onclick = () =>
    download(`/api/v1/reports/monthly?month=${state.date.slice(0, 7)}&format=csv`, `laporan-${state.date.slice(0, 7)}.csv`);
  onLangChange(render);
  await show(new URLSearchParams(location.search).get('date'));
}

main();
