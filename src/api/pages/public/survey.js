// @ts-check
// The satisfaction survey (SKM, PermenPAN-RB 14/2017) on a cheap tablet at the
// exit: the resident types the ticket number, answers nine questions with one
// of four faces each, may leave a comment, and is thanked. One answer per
// ticket; no name or NIK is asked. The tablet keeps the kiosk token.
import { api, ApiError, t, langSwitch, onLangChange, applyText, getLang, h, $, loadConfig, errorMessage } from './common.js';

const TOKEN_KEY = 'ktp-survey-token';
/** Back to the start when a resident walks away mid-survey. */
const IDLE_MS = 90_000;
const DONE_MS = 8_000;
const FACE_COLOURS = ['#e5484d', '#f5a524', '#8fd14f', '#2fbf71'];

/** @type {{ config: any, token: string, elements: any[], letter: string, digits: string, ticket: string, answers: number[], step: number, idle: any }} */
const state = { config: null, token: '', elements: [], letter: '', digits: '', ticket: '', answers: [], step: 0, idle: null };

function show(id) {
  for (const s of document.querySelectorAll('.s-screen')) /** @type {HTMLElement} */ (s).hidden = s.id !== id;
  document.body.dataset.screen = id;
}

function resetIdle() {
  clearTimeout(state.idle);
  if (document.body.dataset.screen === 'question' || document.body.dataset.screen === 'comment') state.idle = setTimeout(restart, IDLE_MS);
}

function restart() {
  state.letter = state.config.services.length === 1 ? state.config.services[0].code : '';
  state.digits = '';
  state.ticket = '';
  state.answers = [];
  state.step = 0;
  /** @type {HTMLTextAreaElement} */ ($('#comment-text')).value = '';
  $('#start-error').textContent = '';
  renderNumber();
  show('start');
}

// ---- the ticket number --------------------------------------------------------

function renderNumber() {
  // The number as it will be read: typed digits fill from the right (1 → 001), the padding shown faint.
  const box = $('#number');
  const empty = !state.letter && !state.digits;
  box.classList.toggle('empty', empty);
  if (empty) box.replaceChildren(t('srv.example'));
  else
    box.replaceChildren(
      h('span', { class: state.letter ? '' : 'pad' }, state.letter || '?'),
      '-',
      h('span', { class: 'pad' }, '0'.repeat(3 - state.digits.length)),
      state.digits,
    );
  for (const b of document.querySelectorAll('[data-letter]'))
    b.classList.toggle('chosen', /** @type {HTMLElement} */ (b).dataset.letter === state.letter);
  /** @type {HTMLButtonElement} */ ($('#begin')).disabled = !state.letter || state.digits.length === 0;
}

function keypad() {
  $('#letters').replaceChildren(
    ...state.config.services.map((s) =>
      h(
        'button',
        {
          type: 'button',
          class: 's-key s-letter',
          dataset: { letter: s.code },
          onclick: () => {
            state.letter = s.code;
            renderNumber();
          },
        },
        h('b', {}, s.code),
        h('small', {}, s.name),
      ),
    ),
  );
  const digit = (d) =>
    h(
      'button',
      {
        type: 'button',
        class: 's-key',
        dataset: { digit: d },
        onclick: () => {
          if (state.digits.length < 3) state.digits += d;
          renderNumber();
        },
      },
      d,
    );
  $('#digits').replaceChildren(
    ...['1', '2', '3', '4', '5', '6', '7', '8', '9'].map(digit),
    h(
      'button',
      {
        type: 'button',
        class: 's-key s-erase',
        'aria-label': t('srv.erase'),
        onclick: () => {
          state.digits = state.digits.slice(0, -1);
          renderNumber();
        },
      },
      '⌫',
    ),
    digit('0'),
  );
}

async function begin() {
  const ticket = `${state.letter}-${state.digits.padStart(3, '0')}`;
  $('#start-error').textContent = '';
  try {
    const status = await api(`/api/v1/survey/tickets/${ticket}`, { token: state.token });
    if (status.answered) {
      $('#start-error').textContent = t('srv.answered', { ticket });
      return;
    }
  } catch (err) {
    $('#start-error').textContent =
      err instanceof ApiError && err.status === 404
        ? t('srv.unknown', { ticket })
        : err instanceof ApiError && err.status === 401
          ? t('srv.tokenRefused')
          : errorMessage(err);
    if (err instanceof ApiError && err.status === 401) {
      localStorage.removeItem(TOKEN_KEY);
      setTimeout(() => location.reload(), 3000);
    }
    return;
  }
  state.ticket = ticket;
  state.answers = [];
  state.step = 0;
  renderQuestion();
  show('question');
  resetIdle();
}

// ---- the nine questions ---------------------------------------------------------

/** A face from very unhappy (1) to very happy (4), drawn so no emoji font is needed. */
function face(level) {
  const ns = 'http://www.w3.org/2000/svg';
  const el = (tag, attrs) => {
    const node = document.createElementNS(ns, tag);
    for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
    return node;
  };
  const svg = el('svg', { viewBox: '0 0 100 100', class: 's-face', 'aria-hidden': 'true' });
  svg.append(el('circle', { cx: 50, cy: 50, r: 46, fill: FACE_COLOURS[level - 1] }));
  svg.append(el('circle', { cx: 34, cy: 40, r: 6, fill: '#1b1b1b' }), el('circle', { cx: 66, cy: 40, r: 6, fill: '#1b1b1b' }));
  // Mouth: a curve whose bend goes from a deep frown to a wide smile.
  const bend = [-18, -8, 12, 22][level - 1];
  const mouth = el('path', {
    d: `M 28 ${70 - bend / 3} Q 50 ${70 + bend} 72 ${70 - bend / 3}`,
    stroke: '#1b1b1b',
    'stroke-width': 6,
    fill: 'none',
    'stroke-linecap': 'round',
  });
  svg.append(mouth);
  return svg;
}

function renderQuestion() {
  const e = state.elements[state.step];
  const lang = getLang() === 'en' ? 'en' : 'id';
  $('#progress').textContent = t('srv.progress', { n: state.step + 1, of: state.elements.length });
  /** @type {HTMLElement} */ ($('#bar')).style.width = `${((state.step + 1) / state.elements.length) * 100}%`;
  $('#element').textContent = `${e.key} · ${e.name[lang]}`;
  $('#question-text').textContent = e.question[lang];
  $('#faces').replaceChildren(
    ...[1, 2, 3, 4].map((level) =>
      h(
        'button',
        {
          type: 'button',
          class: `s-answer${state.answers[state.step] === level ? ' chosen' : ''}`,
          dataset: { answer: level },
          onclick: () => choose(level),
        },
        face(level),
        h('span', {}, e.answers[lang][level - 1]),
      ),
    ),
  );
}

function choose(level) {
  state.answers[state.step] = level;
  resetIdle();
  if (state.step + 1 < state.elements.length) {
    state.step++;
    renderQuestion();
  } else {
    show('comment');
    /** @type {HTMLTextAreaElement} */ ($('#comment-text')).focus();
  }
}

function back() {
  resetIdle();
  if (document.body.dataset.screen === 'comment') {
    renderQuestion();
    show('question');
  } else if (state.step > 0) {
    state.step--;
    renderQuestion();
  } else restart();
}

async function send() {
  const comment = /** @type {HTMLTextAreaElement} */ ($('#comment-text')).value.trim();
  /** @type {HTMLButtonElement} */ ($('#send')).disabled = true;
  try {
    await api('/api/v1/survey', {
      token: state.token,
      method: 'POST',
      body: { ticket: state.ticket, answers: state.answers, ...(comment ? { comment } : {}) },
    });
    $('#done-title').textContent = t('srv.thanks');
    $('#done-text').textContent = t('srv.thanksText');
    document.body.dataset.result = 'sent';
  } catch (err) {
    $('#done-title').textContent =
      err instanceof ApiError && err.status === 409 ? t('srv.answered', { ticket: state.ticket }) : t('srv.failed');
    $('#done-text').textContent = err instanceof ApiError && err.status === 409 ? t('srv.thanksText') : errorMessage(err);
    document.body.dataset.result = err instanceof ApiError ? err.code : 'error';
  } finally {
    /** @type {HTMLButtonElement} */ ($('#send')).disabled = false;
  }
  show('done');
  clearTimeout(state.idle);
  setTimeout(restart, DONE_MS);
}

// ---- start --------------------------------------------------------------------

function setupToken() {
  return new Promise((resolve) => {
    const form = /** @type {HTMLFormElement} */ ($('#setup'));
    const attempt = async (token) => {
      try {
        // A ticket number that cannot exist today: 404 means the token was accepted.
        await api('/api/v1/survey/tickets/Z-000', { token }).catch((err) => {
          if (!(err instanceof ApiError && err.status === 404)) throw err;
        });
        localStorage.setItem(TOKEN_KEY, token);
        form.hidden = true;
        resolve(token);
      } catch (err) {
        form.querySelector('.login-error').textContent =
          err instanceof ApiError && err.status < 500 ? t('login.refused') : errorMessage(err);
        show('setup');
      }
    };
    form.addEventListener('submit', (ev) => {
      ev.preventDefault();
      attempt(String(new FormData(form).get('token') ?? ''));
    });
    const saved = new URLSearchParams(location.search).get('token') || localStorage.getItem(TOKEN_KEY);
    if (saved) attempt(saved);
    else show('setup');
  });
}

async function main() {
  langSwitch($('#lang'));
  applyText();
  state.config = await loadConfig();
  $('#station-name').textContent = state.config.stationName;
  state.elements = (await api('/api/v1/survey/elements')).elements;
  state.token = await setupToken();
  keypad();
  $('#begin').onclick = begin;
  $('#back').onclick = back;
  $('#comment-back').onclick = back;
  $('#send').onclick = send;
  document.addEventListener('pointerdown', resetIdle);
  onLangChange(() => {
    keypad();
    renderNumber();
    if (document.body.dataset.screen === 'question') renderQuestion();
  });
  restart();
  const wanted = new URLSearchParams(location.search).get('ticket');
  const m = wanted && /^([A-Za-z])-?(\d{1,3})$/.exec(wanted);
  if (m) {
    state.letter = m[1].toUpperCase();
    state.digits = String(Number(m[2]));
    renderNumber();
  }
}

main().catch((err) => {
  document.body.append(h('p', { class: 's-error' }, errorMessage(err)));
});
