// @ts-check
// The counter's hint for a card pickup ticket: when the ticket called here is
// a resident whose printed card is on the ready list (the entrance scanner
// issued the ticket with the summons code), the officer sees it at once, with
// the code to check against the letter. Gone when the next ticket is called.
import { t, h, $, longDate, clockTime } from './common.js';

/** @type {{ hint: any, watching: boolean, timeZone: string }} */
const state = { hint: null, watching: false, timeZone: 'Asia/Jakarta' };

function box() {
  let el = $('#card-ready');
  if (!el) {
    el = h('div', { id: 'card-ready', class: 'c-card-ready', role: 'status', hidden: true });
    ($('#ticket') ?? document.body).append(el);
  }
  return el;
}

function render() {
  const el = box();
  const hint = state.hint;
  const current = $('#number')?.textContent?.trim();
  if (!hint || hint.ticket !== current) {
    el.hidden = true;
    return;
  }
  const zone = state.timeZone;
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(hint.readySince ?? '');
  const since = day
    ? longDate(Date.UTC(Number(day[1]), Number(day[2]) - 1, Number(day[3]), 12), 'UTC')
    : hint.readySince
      ? `${longDate(Date.parse(hint.readySince), zone)} ${clockTime(Date.parse(hint.readySince), zone)}`
      : '';
  el.dataset.ready = String(Boolean(hint.ready));
  el.replaceChildren(
    h('b', {}, hint.ready ? t('cr.ready') : hint.collectedAt ? t('cr.collected') : t('cr.notReady')),
    hint.ready && since ? h('span', {}, ` · ${t('cr.since', { date: since })}`) : null,
    h('div', { class: 'c-card-code' }, t('cr.code', { code: hint.code })),
  );
  el.hidden = false;
}

/** The `card-ready` event of this counter's stream; dates shown in the station's zone. */
export function showCardReady(hint, timeZone = 'Asia/Jakarta') {
  state.hint = hint;
  state.timeZone = timeZone;
  if (!state.watching) {
    const number = $('#number');
    if (number) new MutationObserver(render).observe(number, { childList: true, characterData: true, subtree: true });
    state.watching = true;
  }
  render();
}
