// @ts-check
// Date and time fields written the Indonesian way whatever the browser's own
// language: dd/mm/yyyy, and hh.mm on the 24-hour clock (a browser's native
// date field follows its installed language and may show mm/dd/yyyy or
// "01:00 PM"). The value kept is the ISO form the API takes: "2026-11-28",
// "2026-11-28T09:00" or "09:00"; an unreadable entry marks the field invalid.

/** @typedef {'date' | 'datetime' | 'time'} FieldKind */

const pad = (/** @type {number} */ n) => String(n).padStart(2, '0');

export const PLACEHOLDER = { date: 'dd/mm/yyyy', datetime: 'dd/mm/yyyy hh.mm', time: 'hh.mm' };

/**
 * "2026-11-28T09:00" → "28/11/2026 09.00" (and "2026-11-28" → "28/11/2026", "09:00" → "09.00").
 * @param {string | null | undefined} iso @param {FieldKind} kind
 */
export function isoToField(iso, kind) {
  if (!iso) return '';
  if (kind === 'time') {
    const m = /^(\d\d):(\d\d)/.exec(iso);
    return m ? `${m[1]}.${m[2]}` : '';
  }
  const m = /^(\d{4})-(\d\d)-(\d\d)(?:T(\d\d):(\d\d))?/.exec(iso);
  if (!m) return '';
  const date = `${m[3]}/${m[2]}/${m[1]}`;
  return kind === 'datetime' ? `${date} ${m[4] ?? '00'}.${m[5] ?? '00'}` : date;
}

/**
 * "28/11/2026 9.00" → "2026-11-28T09:00"; '' for an empty field; null when it cannot be read
 * (no such day, hour 24, letters). Separators may be / - . or : .
 * @param {string} text @param {FieldKind} kind
 */
export function fieldToIso(text, kind) {
  const s = text.trim();
  if (!s) return '';
  const time = (/** @type {string} */ hh, /** @type {string} */ mm) => {
    const h = Number(hh);
    const m = Number(mm);
    return h <= 23 && m <= 59 ? `${pad(h)}:${pad(m)}` : null;
  };
  if (kind === 'time') {
    const m = /^(\d{1,2})[.:](\d{2})$/.exec(s);
    return m ? time(m[1], m[2]) : null;
  }
  const m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:[ ,T]+(\d{1,2})[.:](\d{2}))?$/.exec(s);
  if (!m) return null;
  const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const day = new Date(Date.UTC(y, mo - 1, d));
  if (day.getUTCFullYear() !== y || day.getUTCMonth() !== mo - 1 || day.getUTCDate() !== d) return null;
  const date = `${y}-${pad(mo)}-${pad(d)}`;
  if (kind === 'date') return m[4] === undefined ? date : null;
  const hm = m[4] === undefined ? '00:00' : time(m[4], m[5]);
  return hm ? `${date}T${hm}` : null;
}

/**
 * A text field for a date, a date and time, or a time: shows dd/mm/yyyy hh.mm,
 * keeps the ISO value in `dataset.iso`, and calls onChange(iso) when a readable
 * entry is made ('' when emptied). `invalid` is the sentence the browser shows
 * for an unreadable entry (the field is then :invalid and its value unchanged).
 * @param {{ kind: FieldKind, value?: string | null, label: string, invalid: string, onChange?: (iso: string) => void, id?: string }} opts
 */
export function dateField({ kind, value, label, invalid, onChange, id }) {
  const input = document.createElement('input');
  input.type = 'text';
  input.inputMode = 'numeric';
  input.autocomplete = 'off';
  input.className = `date-field ${kind}`;
  input.placeholder = PLACEHOLDER[kind];
  input.setAttribute('aria-label', label);
  input.title = `${label} (${PLACEHOLDER[kind]})`;
  input.size = PLACEHOLDER[kind].length + 1;
  if (id) input.id = id;
  input.value = isoToField(value, kind);
  input.dataset.iso = value ?? '';
  const check = () => {
    const iso = fieldToIso(input.value, kind);
    input.setCustomValidity(iso === null ? invalid : '');
    return iso;
  };
  input.addEventListener('input', check);
  input.addEventListener('change', () => {
    const iso = check();
    if (iso === null) {
      input.reportValidity();
      return;
    }
    input.dataset.iso = iso;
    input.value = isoToField(iso, kind);
    onChange?.(iso);
  });
  return input;
}
