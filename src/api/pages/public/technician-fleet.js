// @ts-check
// The technician console's panel for the link to the regency broker: whether
// the station is reaching it, what went wrong last, and how many events wait
// in the outbox for it. Hidden when the station has no fleet link.
import { api, t, onLangChange, $, session, spanText, wallTime, count } from './common.js';
import { figure } from './technician-live.js';

/** @type {any} */
let last = null;

function render() {
  const box = $('#fleet-panel');
  if (!box || !last) return;
  box.hidden = !last.enabled;
  if (!last.enabled) return;
  const o = last.outbox;
  $('#fleet-title', box).textContent = t('fleet.title');
  $('#fleet').replaceChildren(
    figure(t('fleet.state'), t(`fleet.state.${last.state}`), last.state === 'online' ? 'good' : 'bad'),
    figure(t('fleet.depth'), count(o.depth), o.depth >= o.warnAt ? 'bad' : ''),
    figure(t('fleet.oldest'), o.depth > 0 ? spanText(o.oldestAgeS) : '—'),
    figure(t('fleet.lastSeq'), count(o.lastSeq)),
    figure(t('fleet.dropped'), count(o.dropped), o.dropped > 0 ? 'bad' : ''),
  );
  const notes = [];
  if (last.state !== 'online' && last.lastError) notes.push(t('fleet.lastError', { e: last.lastError }));
  if (last.state !== 'online' && last.nextAttemptAt) notes.push(t('fleet.nextAttempt', { t: wallTime(last.nextAttemptAt) }));
  $('#fleet-note').textContent = `${last.broker}${notes.length ? ` · ${notes.join(' · ')}` : ''}`;
}

async function poll() {
  const token = session.get('technician')?.token;
  if (token) {
    try {
      last = await api('/api/v1/fleet', { token });
      render();
    } catch {
      // The console's own connection badge says when the station is out of reach.
    }
  }
  setTimeout(poll, 3000);
}

onLangChange(render);
poll();
