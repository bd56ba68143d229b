// @ts-check
// The technician's live panels: the power events with times and durations,
// the outage under way and since when, and the daily table per service with
// the SOP step means, for today (following the station live) or a picked date.
import { api, t, getLang, clockTime, longDate, duration, stepName, h, $ } from './common.js';
import { dateField, isoToField } from './date-field.js';

/** One figure of the console: a label over a value, coloured by `cls` (good, bad). */
export function figure(label, value, cls = '') {
  return h('div', { class: `t-figure ${cls}` }, h('div', { class: 'label' }, label), h('div', { class: 'value' }, value));
}

/** "12,6 V" in Indonesian, "12.6 V" in English. */
export function decimal(v, unit, digits = 1) {
  if (typeof v !== 'number' || !Number.isFinite(v)) return '—';
  const text = v.toFixed(digits);
  return `${getLang() === 'id' ? text.replace('.', ',') : text} ${unit}`;
}

/** "3 menit" / "45 detik" from seconds. */
function spoken(seconds) {
  const s = Math.max(0, Math.round(seconds));
  return s < 90 ? t('tech.seconds', { n: s }) : t('tech.minutes', { n: Math.round(s / 60) });
}

/** One power event as a line a technician reads. */
function eventText(e) {
  const d = e.detail ?? {};
  switch (e.kind) {
    case 'outage-start':
      return t('pev.outageStart');
    case 'outage-end':
      return t('pev.outageEnd', { dur: spoken(d.durationS ?? 0) });
    case 'genset-start':
      return t('pev.gensetStart');
    case 'genset-stop':
      return t('pev.gensetStop', { dur: spoken(d.runS ?? 0) });
    case 'genset-power':
      return t('pev.gensetPower', { dur: spoken(d.delayS ?? 0) });
    default:
      return t('pev.source', { from: t(`src.${d.from ?? 'unknown'}`), to: t(`src.${d.to ?? e.source ?? 'unknown'}`) });
  }
}

export function renderPowerEvents(events, timeZone) {
  const list = $('#power-events');
  if (!events?.length) {
    list.replaceChildren(h('li', { class: 'muted' }, t('tech.noPowerEvents')));
    return;
  }
  list.replaceChildren(
    ...events
      .slice(0, 12)
      .map((e) =>
        h(
          'li',
          { dataset: { kind: e.kind } },
          h('span', { class: 'when' }, clockTime(Date.parse(e.at), timeZone, true)),
          ' ',
          eventText(e),
        ),
      ),
  );
}

/** "Listrik PLN padam sejak 09.02 (12 menit)", hidden while the mains is on. */
export function renderOutage(power, timeZone) {
  const box = $('#outage');
  const since = power?.outage ? power.outageSince : null;
  box.hidden = !since;
  if (since)
    box.textContent = t('tech.outageSince', {
      time: clockTime(Date.parse(since), timeZone),
      dur: spoken((Date.now() - Date.parse(since)) / 1000),
      source: t(`src.${power.source ?? 'unknown'}`),
    });
}

const mmss = (s) => (typeof s === 'number' && Number.isFinite(s) ? duration(s) : '—');

/** Per service: issued, done, no-show, waits; then each service's SOP steps with their means. */
export function renderDailyTable(report, config) {
  const box = $('#report');
  const services = Array.isArray(report?.services) ? report.services : [];
  if (!report) {
    box.replaceChildren(h('div', { class: 'muted' }, t('tech.unavailable')));
    return;
  }
  const name = (s) => s.name ?? config.services.find((x) => x.code === s.code)?.name ?? s.code;
  const table = h(
    'table',
    { class: 't-table services' },
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        ...['rep.service', 'rep.issued', 'rep.done', 'rep.noShow', 'rep.waiting', 'rep.waitMean', 'rep.waitP90', 'rep.serviceMean'].map(
          (k) => h('th', {}, t(k)),
        ),
      ),
    ),
    h(
      'tbody',
      {},
      ...services.map((s) =>
        h(
          'tr',
          { dataset: { service: s.code } },
          h('td', {}, `${s.code} · ${name(s)}`),
          h('td', {}, String(s.issued ?? 0)),
          h('td', {}, String(s.done ?? 0)),
          h('td', {}, String(s.noShow ?? 0)),
          h('td', {}, String(s.waitingAtClose ?? 0)),
          h('td', {}, mmss(s.waitS?.mean)),
          h('td', {}, mmss(s.waitS?.p90)),
          h('td', {}, mmss(s.serviceS?.mean)),
        ),
      ),
    ),
  );
  const steps = services
    .filter((s) => s.steps?.length)
    .map((s) =>
      h(
        'div',
        { class: 't-steps', dataset: { service: s.code } },
        h('h3', {}, t('rep.stepsOf', { service: `${s.code} · ${name(s)}` })),
        h(
          'table',
          { class: 't-table' },
          h('thead', {}, h('tr', {}, ...['rep.step', 'rep.count', 'rep.mean', 'rep.p90', 'rep.target'].map((k) => h('th', {}, t(k))))),
          h(
            'tbody',
            {},
            ...s.steps.map((st) =>
              h(
                'tr',
                {},
                h('td', {}, stepName(st.step)),
                h('td', {}, String(st.count)),
                h('td', {}, mmss(st.meanS)),
                h('td', {}, mmss(st.p90S)),
                h('td', {}, mmss(st.targetS)),
              ),
            ),
          ),
        ),
      ),
    );
  const none = services.every((s) => !s.steps?.length) ? h('div', { class: 'muted' }, t('rep.noSteps')) : null;
  box.replaceChildren(table, ...steps, ...(none ? [none] : []));
}

/**
 * Follows the daily report: today's refetched (at most every 2 s) when the
 * queue changes; a picked past date stays as it is.
 */
export function dailyReport({ token, config, today }) {
  // The day is written dd/mm/yyyy whatever the browser's language; no day after today.
  let chosen = today;
  const picker = dateField({
    kind: 'date',
    id: 'report-date',
    value: today,
    label: t('tech.reportDate'),
    invalid: t('date.invalid'),
    onChange: (iso) => {
      if (iso > today) {
        picker.setCustomValidity(t('date.future'));
        picker.reportValidity();
        return;
      }
      chosen = iso || today;
      picker.value = isoToField(chosen, 'date');
      load();
    },
  });
  $('#report-date').replaceWith(picker);
  let timer = null;
  let last = null;
  const load = async () => {
    timer = null;
    const date = chosen;
    try {
      last = await api(`/api/v1/reports/daily?date=${encodeURIComponent(date)}`, { token });
    } catch {
      last = null;
    }
    renderDailyTable(last, config);
    $('#report-day').textContent = longDate(Date.parse(`${date}T12:00:00Z`), 'UTC');
  };
  load();
  return {
    /** The queue changed: today's figures are refetched soon. */
    changed() {
      if (chosen !== today || timer) return;
      timer = setTimeout(load, 2000);
    },
    render: () => renderDailyTable(last, config),
    date: () => chosen,
  };
}
