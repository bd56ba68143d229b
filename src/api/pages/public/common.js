// @ts-check
// Shared helpers of the station's pages: language, API calls, the event
// stream with reconnection, dates in the station's zone, small DOM helpers.
import { TEXT } from './i18n.js';
import { errorText } from './errors.js';

const query = new URLSearchParams(location.search);
/** @type {'id' | 'en'} */
let lang = query.get('lang') === 'en' || (!query.get('lang') && localStorage.getItem('ktp-lang') === 'en') ? 'en' : 'id';
const langListeners = [];

export const getLang = () => lang;

/** The text for a key in the current language; `{name}` placeholders filled from vars. */
export function t(key, vars = {}) {
  const entry = TEXT[key];
  const text = entry ? (entry[lang] ?? entry.id) : key;
  return text.replace(/\{(\w+)\}/g, (_, k) => vars[k] ?? '');
}

export function setLang(next) {
  lang = next;
  localStorage.setItem('ktp-lang', next);
  document.documentElement.lang = next;
  applyText();
  for (const fn of langListeners) fn(next);
}

export function onLangChange(fn) {
  langListeners.push(fn);
}

/** Fills every element carrying data-t (text) or data-t-placeholder / data-t-title. */
/** @param {ParentNode} [root] */
export function applyText(root = document) {
  for (const node of root.querySelectorAll('[data-t]')) if (node instanceof HTMLElement) node.textContent = t(node.dataset.t);
  for (const node of root.querySelectorAll('[data-t-placeholder]')) {
    if (node instanceof HTMLInputElement || node instanceof HTMLTextAreaElement) node.placeholder = t(node.dataset.tPlaceholder);
  }
  for (const node of root.querySelectorAll('[data-t-title]')) if (node instanceof HTMLElement) node.title = t(node.dataset.tTitle);
}

/** A button that switches Indonesian ⇄ English. */
export function langSwitch(button) {
  const label = () => {
    button.textContent = lang === 'id' ? 'English' : 'Bahasa Indonesia';
  };
  button.addEventListener('click', () => {
    setLang(lang === 'id' ? 'en' : 'id');
    label();
  });
  label();
  document.documentElement.lang = lang;
}

/** An API error; its message is the Indonesian (or English) sentence for its code, never the code. */
export class ApiError extends Error {
  constructor(status, code, message = errorText(code, lang)) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

/**
 * JSON over the station's API; throws ApiError with the CONTRACT's error code.
 * @param {string} path
 * @param {{ token?: string | null, method?: string, body?: unknown }} [opts]
 */
export async function api(path, { token, method = 'GET', body } = {}) {
  /** @type {Record<string, string>} */
  const headers = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  let res;
  try {
    res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), cache: 'no-store' });
  } catch {
    throw new ApiError(0, 'NETWORK');
  }
  const text = await res.text();
  let data;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = text;
  }
  if (!res.ok) {
    const e = data && data.error ? data.error : {};
    throw new ApiError(res.status, e.code || `HTTP_${res.status}`);
  }
  return data;
}

/**
 * Follows a Server-Sent Events stream and reconnects by itself (0.5 s, doubling
 * to 3 s) after a station restart. onState(true) after each (re)connection: the
 * page refetches what it shows, so it never shows stale numbers silently.
 */
/**
 * @param {string} path
 * @param {{ token?: string | null, handlers: Record<string, (data: any) => void>, onState?: (connected: boolean) => void }} opts
 */
export function followEvents(path, { token, handlers, onState }) {
  let source = null;
  let timer = null;
  let closed = false;
  let delay = 500;
  const url = token ? `${path}${path.includes('?') ? '&' : '?'}token=${encodeURIComponent(token)}` : path;
  const open = () => {
    source = new EventSource(url);
    source.onopen = () => {
      delay = 500;
      onState?.(true);
    };
    source.onerror = () => {
      onState?.(false);
      source.close();
      if (!closed) timer = setTimeout(open, delay);
      delay = Math.min(delay * 2, 3000);
    };
    for (const [name, fn] of Object.entries(handlers)) {
      source.addEventListener(name, (ev) => {
        let data;
        try {
          data = JSON.parse(ev.data);
        } catch {
          return;
        }
        fn(data);
      });
    }
  };
  open();
  return {
    close() {
      closed = true;
      clearTimeout(timer);
      source?.close();
    },
  };
}

const HARI = {
  id: ['Minggu', 'Senin', 'Selasa', 'Rabu', 'Kamis', 'Jumat', 'Sabtu'],
  en: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
};
const BULAN = {
  id: ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'],
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
};

function parts(ms, timeZone) {
  const f = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  });
  const out = {};
  for (const p of f.formatToParts(new Date(ms))) if (p.type !== 'literal') out[p.type] = Number(p.value);
  return out;
}

/** "Sabtu, 28 November 2026" (or "Saturday, 28 November 2026"). */
export function longDate(ms, timeZone) {
  const p = parts(ms, timeZone);
  const weekday = new Date(Date.UTC(p.year, p.month - 1, p.day)).getUTCDay();
  return `${HARI[lang][weekday]}, ${p.day} ${BULAN[lang][p.month - 1]} ${p.year}`;
}

const pad = (n) => String(n).padStart(2, '0');

/** "08.05" in Indonesian, "08:05" in English. */
export function clockTime(ms, timeZone, seconds = false) {
  const p = parts(ms, timeZone);
  const sep = lang === 'id' ? '.' : ':';
  return [p.hour, p.minute, ...(seconds ? [p.second] : [])].map(pad).join(sep);
}

export function zoneName(timeZone) {
  return { 'Asia/Jakarta': 'WIB', 'Asia/Pontianak': 'WIB', 'Asia/Makassar': 'WITA', 'Asia/Jayapura': 'WIT' }[timeZone] || timeZone;
}

/** "4:07" or "1:02:09" from seconds. */
export function duration(totalS) {
  const s = Math.max(0, Math.floor(totalS));
  const h = Math.floor(s / 3600),
    m = Math.floor((s % 3600) / 60),
    r = s % 60;
  return h ? `${h}:${pad(m)}:${pad(r)}` : `${m}:${pad(r)}`;
}

/** A span of time in words, to the largest whole unit: "25 detik", "12 menit", "3 jam", "2 hari". */
export function spanText(totalS) {
  const s = Math.max(0, Math.floor(totalS));
  if (s < 60) return t('time.sec', { n: s });
  if (s < 3600) return t('time.min', { n: Math.floor(s / 60) });
  return s < 48 * 3600 ? t('time.hour', { n: Math.floor(s / 3600) }) : t('time.day', { n: Math.floor(s / 86400) });
}

/** The station's own wall time from an ISO string that carries its offset: "09.05.12" ("09:05:12" in English). */
export function wallTime(iso) {
  return String(iso)
    .slice(11, 19)
    .replace(/:/g, lang === 'id' ? '.' : ':');
}

/** A whole number the reader's way: 9.120 in Indonesian, 9,120 in English; "–" when unknown. */
export function count(n) {
  return n === null || n === undefined ? '–' : new Intl.NumberFormat(lang === 'id' ? 'id-ID' : 'en-GB').format(n);
}

/** A NIK (16 digits) shown masked, as the station logs it: 1206**********0001. */
export function maskCode(code) {
  return String(code).replace(/\b(\d{4})\d{8}(\d{4})\b/g, '$1********$2');
}

/** Creates an element: h('div', { class: 'x', onclick }, 'text', child…). */
export function h(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else if (k === 'class') node.className = v;
    else if (k === 'dataset') Object.assign(node.dataset, v);
    else node.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat()) if (c !== null && c !== undefined && c !== false) node.append(c instanceof Node ? c : String(c));
  return node;
}

export const $ = (sel, root = document) => root.querySelector(sel);

/** The page's token, kept for this browser tab only. */
export const session = {
  get(key) {
    try {
      return JSON.parse(sessionStorage.getItem(`ktp-${key}`) || 'null');
    } catch {
      return null;
    }
  },
  set(key, value) {
    sessionStorage.setItem(`ktp-${key}`, JSON.stringify(value));
  },
  clear(key) {
    sessionStorage.removeItem(`ktp-${key}`);
  },
};

/** Name of an SOP step in the current language (config gives codes like `photo`). */
export function stepName(code) {
  const key = `step.${code}`;
  const text = t(key);
  return text === key ? code : text;
}

export async function loadConfig() {
  const config = await api('/api/v1/pages/config');
  // Counters and services not passed to the pages plugin: take them from the queue (steps unknown then).
  if (!config.counters?.length || !config.services?.length) {
    const queue = await api('/api/v1/queue').catch(() => null);
    if (queue && !config.counters?.length) config.counters = queue.counters.map((c) => ({ id: c.id, name: c.name, services: [] }));
    if (queue && !config.services?.length) config.services = queue.services.map((s) => ({ code: s.code, name: s.name, steps: [] }));
  }
  return config;
}

/** What a page shows for a failure: the table's sentence, never a code or a stack. */
export function errorMessage(err) {
  return err instanceof ApiError ? err.message : errorText(null, lang);
}

/** Shows a short message in the page's toast area. */
export function toast(message, kind = 'info') {
  let box = $('#toasts');
  if (!box) {
    box = h('div', { id: 'toasts', role: 'status', 'aria-live': 'polite' });
    document.body.append(box);
  }
  const item = h('div', { class: `toast ${kind}` }, message);
  box.append(item);
  setTimeout(() => item.remove(), kind === 'error' ? 8000 : 4000);
}

/** Token login form on pages that need one: resolves once `check(token, extra)` passes. */
export function tokenLogin({ key, form, check }) {
  return new Promise((resolve) => {
    const saved = session.get(key);
    const attempt = async (value) => {
      try {
        await check(value);
        session.set(key, value);
        form.hidden = true;
        resolve(value);
        return true;
      } catch (err) {
        const msg = err instanceof ApiError && (err.status === 401 || err.status === 403) ? t('login.refused') : errorMessage(err);
        const out = form.querySelector('.login-error');
        if (out) out.textContent = msg;
        form.hidden = false;
        return false;
      }
    };
    form.addEventListener('submit', (ev) => {
      ev.preventDefault();
      const data = Object.fromEntries(new FormData(form).entries());
      attempt(data);
    });
    if (saved) attempt(saved);
    else form.hidden = false;
  });
}

/** Opens a stream URL just long enough to learn whether the token is accepted. */
export async function probeStream(path, token) {
  const ctl = new AbortController();
  const res = await fetch(`${path}${path.includes('?') ? '&' : '?'}token=${encodeURIComponent(token)}`, {
    signal: ctl.signal,
    headers: { authorization: `Bearer ${token}` },
  }).catch(() => {
    throw new ApiError(0, 'NETWORK');
  });
  ctl.abort();
  if (!res.ok)
    throw new ApiError(res.status, res.status === 401 ? 'UNAUTHORIZED' : res.status === 403 ? 'FORBIDDEN' : `HTTP_${res.status}`);
}
