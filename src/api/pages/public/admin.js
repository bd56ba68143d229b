// @ts-check
// The office's small admin page: the running text on the waiting-room screen
// (with from / until), the ISHOMA notice, the information panel, and the
// import of the regency's list of printed cards. Needs the admin token.
import {
  api,
  ApiError,
  t,
  getLang,
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
} from './common.js';
import { dateField, fieldToIso } from './date-field.js';

const MAX_CHARS = 280;

/** @type {{ config: any, token: string, items: Array<{ text: string, from: string, until: string, showing?: boolean, id?: number }>, info: any, ishoma: any, today: string }} */
const state = { config: null, token: '', items: [], info: null, ishoma: null, today: '' };

const call = (path, opts = {}) => api(path, { token: state.token, ...opts });

/** "2026-11-28T09:00:00.000+07:00" → "2026-11-28T09:00": the station's own wall time for a date-time field. */
const toField = (iso) => (iso ? String(iso).slice(0, 16) : '');

function itemStatus(item) {
  if (item.showing === undefined) return '';
  if (item.showing) return t('adm.showing');
  return item.from && Date.parse(item.from) > Date.now() ? t('adm.scheduled') : t('adm.ended');
}

function renderItems() {
  const box = $('#items');
  if (!state.items.length) {
    box.replaceChildren(h('p', { class: 'muted a-empty' }, t('adm.noItems')));
    return;
  }
  box.replaceChildren(
    ...state.items.map((item, i) => {
      const counter = h('span', { class: 'a-count' }, `${[...item.text].length}/${MAX_CHARS}`);
      const text = h('textarea', {
        rows: 2,
        maxlength: String(MAX_CHARS),
        'aria-label': t('adm.text'),
        oninput: (ev) => {
          item.text = ev.target.value;
          counter.textContent = `${[...item.text].length}/${MAX_CHARS}`;
          counter.classList.toggle('over', [...item.text].length > MAX_CHARS);
        },
      });
      text.value = item.text;
      const field = (key) =>
        h(
          'label',
          {},
          h('span', {}, t(`adm.${key}`)),
          dateField({
            kind: 'datetime',
            value: item[key],
            label: t(`adm.${key}`),
            invalid: t('date.invalid'),
            onChange: (iso) => (item[key] = iso),
          }),
        );
      return h(
        'div',
        { class: 'a-item', dataset: { index: i } },
        h('div', { class: 'a-item-text' }, text, counter),
        h(
          'div',
          { class: 'a-item-times' },
          field('from'),
          field('until'),
          h('span', { class: `a-status${item.showing ? ' on' : ''}` }, itemStatus(item)),
          h(
            'button',
            {
              type: 'button',
              class: 'danger a-remove',
              title: t('adm.remove'),
              onclick: () => {
                state.items.splice(i, 1);
                renderItems();
              },
            },
            '✕',
          ),
        ),
      );
    }),
  );
}

async function loadItems() {
  const { items } = await call('/api/v1/announcements?all=true');
  state.items = items.map((x) => ({ id: x.id, text: x.text, from: toField(x.from), until: toField(x.until), showing: x.showing }));
  renderItems();
}

/** A date the page cannot read is pointed at, and nothing is sent. */
function unreadableDate(box) {
  const bad = /** @type {HTMLInputElement | null} */ ($(box).querySelector('.date-field:invalid'));
  bad?.reportValidity();
  return Boolean(bad);
}

async function saveItems() {
  if (unreadableDate('#items')) return;
  const items = state.items
    .filter((x) => x.text.trim() !== '')
    .map((x) => ({ text: x.text, ...(x.from ? { from: x.from } : {}), ...(x.until ? { until: x.until } : {}) }));
  try {
    await call('/api/v1/announcements', { method: 'PUT', body: { items } });
    await loadItems();
    toast(t('adm.saved'));
  } catch (err) {
    toast(errorMessage(err), 'error');
  }
}

// ---- ISHOMA -----------------------------------------------------------------

function renderIshoma() {
  const n = state.ishoma;
  const box = $('#ishoma-state');
  box.classList.toggle('on', Boolean(n?.on));
  box.textContent = !n?.on
    ? t('adm.ishomaIsOff')
    : n.until
      ? t('adm.ishomaIsOnUntil', { time: clockTime(Date.parse(n.until), state.config.timeZone) })
      : t('adm.ishomaIsOn');
  $('#ishoma-on').disabled = Boolean(n?.on);
  $('#ishoma-off').disabled = !n?.on;
}

async function setIshoma(on) {
  const untilField = /** @type {HTMLInputElement} */ ($('#ishoma-until'));
  const until = fieldToIso(untilField.value, 'time');
  untilField.setCustomValidity(until === null ? t('date.invalid') : '');
  if (until === null) {
    untilField.reportValidity();
    return;
  }
  const message = /** @type {HTMLInputElement} */ ($('#ishoma-message')).value;
  try {
    state.ishoma = await call('/api/v1/ishoma', {
      method: 'PUT',
      body: on
        ? { on: true, ...(until ? { until: `${state.today}T${until}` } : {}), ...(message.trim() ? { message } : {}) }
        : { on: false },
    });
    renderIshoma();
  } catch (err) {
    toast(errorMessage(err), 'error');
  }
}

// ---- information panel --------------------------------------------------------

function renderDays() {
  const days = state.info.mobileRecording;
  $('#mobile-days').replaceChildren(
    ...days.map((d, i) => {
      const input = (key, attrs) => {
        const el = h('input', { ...attrs, oninput: (ev) => (d[key] = ev.target.value) });
        el.value = d[key] ?? '';
        return el;
      };
      return h(
        'div',
        { class: 'a-day' },
        dateField({ kind: 'date', value: d.date, label: t('adm.date'), invalid: t('date.invalid'), onChange: (iso) => (d.date = iso) }),
        input('place', { placeholder: t('adm.place'), maxlength: '80', 'aria-label': t('adm.place') }),
        input('hours', { placeholder: '09.00–14.00', maxlength: '40', class: 'a-hours', 'aria-label': t('res.hours') }),
        h(
          'button',
          {
            type: 'button',
            class: 'danger a-remove',
            title: t('adm.remove'),
            onclick: () => {
              days.splice(i, 1);
              renderDays();
            },
          },
          '✕',
        ),
      );
    }),
  );
}

function renderInfo() {
  /** @type {HTMLTextAreaElement} */ ($('#info-requirements')).value = state.info.requirements.join('\n');
  /** @type {HTMLTextAreaElement} */ ($('#info-hours')).value = state.info.hours.join('\n');
  renderDays();
}

const lines = (sel) =>
  /** @type {HTMLTextAreaElement} */ ($(sel)).value
    .split('\n')
    .map((s) => s.trim())
    .filter(Boolean);

async function saveInfo() {
  if (unreadableDate('#mobile-days')) return;
  const body = {
    requirements: lines('#info-requirements'),
    hours: lines('#info-hours'),
    mobileRecording: state.info.mobileRecording
      .filter((d) => d.date || d.place)
      .map((d) => ({ date: d.date, place: d.place ?? '', ...(d.hours ? { hours: d.hours } : {}) })),
  };
  try {
    state.info = await call('/api/v1/information', { method: 'PUT', body });
    renderInfo();
    toast(t('adm.saved'));
  } catch (err) {
    toast(errorMessage(err), 'error');
  }
}

// ---- card-ready list ------------------------------------------------------------

function renderCounts(c) {
  $('#card-counts').textContent = t('adm.cardCounts', { waiting: c.waiting, notYet: c.notYet, collected: c.collected });
}

async function importCards() {
  const file = /** @type {HTMLInputElement} */ ($('#card-file')).files?.[0];
  const out = $('#card-result');
  if (!file) {
    out.replaceChildren(h('p', { class: 'bad' }, t('adm.chooseFile')));
    return;
  }
  const text = await file.text();
  const json = file.name.toLowerCase().endsWith('.json') || file.type === 'application/json';
  let res;
  try {
    const reply = await fetch('/api/v1/cards/ready', {
      method: 'POST',
      headers: { authorization: `Bearer ${state.token}`, 'content-type': json ? 'application/json' : 'text/csv' },
      body: text,
    });
    res = await reply.json().catch(() => ({}));
    // The sentence comes from the pages' table of error codes, in the page's language.
    if (!reply.ok) throw new ApiError(reply.status, res.error?.code ?? `HTTP_${reply.status}`);
  } catch (err) {
    out.replaceChildren(h('p', { class: 'bad' }, errorMessage(err instanceof ApiError ? err : new ApiError(0, 'NETWORK'))));
    return;
  }
  renderCounts(res.list);
  if (res.rejected.length) {
    out.replaceChildren(
      h('p', { class: 'bad' }, t('adm.nothingImported', { n: res.rejected.length })),
      h(
        'table',
        { class: 'a-rejected' },
        h('thead', {}, h('tr', {}, h('th', {}, t('adm.line')), h('th', {}, t('adm.why')))),
        h(
          'tbody',
          {},
          ...res.rejected
            .slice(0, 50)
            .map((r) => h('tr', {}, h('td', {}, String(r.line)), h('td', {}, getLang() === 'id' ? r.whyId : r.why))),
        ),
      ),
    );
  } else {
    out.replaceChildren(h('p', { class: 'good' }, t('adm.imported', { n: res.imported, added: res.added, updated: res.updated })));
  }
}

/** The name of the card list chosen, or that none is. */
function renderFileName() {
  const file = /** @type {HTMLInputElement} */ ($('#card-file')).files?.[0];
  $('#card-file-name').textContent = file ? file.name : t('adm.noFile');
}

async function main() {
  langSwitch($('#lang'));
  applyText();
  state.config = await loadConfig();
  $('#station-name').textContent = state.config.stationName;
  const auth = await tokenLogin({
    key: 'admin',
    form: $('#login'),
    check: ({ token }) => api('/api/v1/announcements?all=true', { token }),
  });
  state.token = auth.token;
  $('#work').hidden = false;
  $('#logout').hidden = false;
  $('#logout').onclick = () => {
    session.clear('admin');
    location.reload();
  };
  const [queue, info, ishoma, counts] = await Promise.all([
    call('/api/v1/queue'),
    call('/api/v1/information'),
    call('/api/v1/ishoma'),
    call('/api/v1/cards/ready'),
  ]);
  state.today = queue.date;
  state.info = info;
  state.ishoma = ishoma;
  renderCounts(counts);
  await loadItems();
  renderInfo();
  renderIshoma();
  $('#add-item').onclick = () => {
    state.items.push({ text: '', from: '', until: '' });
    renderItems();
    /** @type {HTMLTextAreaElement | null} */ (document.querySelector('.a-item:last-child textarea'))?.focus();
  };
  $('#save-items').onclick = saveItems;
  $('#ishoma-on').onclick = () => setIshoma(true);
  $('#ishoma-off').onclick = () => setIshoma(false);
  $('#add-day').onclick = () => {
    state.info.mobileRecording.push({ date: '', place: '' });
    renderDays();
  };
  $('#save-info').onclick = saveInfo;
  $('#card-import').onclick = importCards;
  $('#card-file').addEventListener('change', renderFileName);
  renderFileName();
  onLangChange(() => {
    renderFileName();
    renderItems();
    renderIshoma();
    renderDays();
  });
}

main().catch((err) => toast(errorMessage(err), 'error'));
