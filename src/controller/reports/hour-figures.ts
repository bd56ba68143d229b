/** Per local hour: tickets issued, first calls, tickets done, and the waits of the tickets issued in that hour. */
import { localParts } from '../../shared/time.js';
import type { ReportTicket } from './report-store.js';
import { max, mean, seconds1 } from './stats.js';
import { waitMs } from './service-figures.js';
import type { HourFigures } from './types.js';

export function hourFigures(tickets: ReportTicket[], timeZone: string): HourFigures[] {
  const hours = new Map<number, { issued: number; called: number; done: number; waits: number[] }>();
  const at = (ms: number) => {
    const hour = localParts(ms, timeZone).hour;
    let h = hours.get(hour);
    if (!h) hours.set(hour, (h = { issued: 0, called: 0, done: 0, waits: [] }));
    return h;
  };
  for (const t of tickets) {
    const issued = at(t.issued_at);
    issued.issued++;
    const wait = waitMs(t);
    if (wait !== null) issued.waits.push(wait);
    if (t.first_called_at !== null) at(t.first_called_at).called++;
    if (t.status === 'done' && t.finished_at !== null) at(t.finished_at).done++;
  }
  return [...hours.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([hour, h]) => ({
      hour,
      issued: h.issued,
      called: h.called,
      done: h.done,
      meanWaitS: seconds1(mean(h.waits)),
      maxWaitS: seconds1(max(h.waits)),
    }));
}
