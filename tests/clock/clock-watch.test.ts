/**
 * The clock on a board without a battery clock: an alert until the system
 * clock is synchronised, a technician who confirms or sets the date over the
 * API, and NTP taking over again. The sync reading is injected; the real
 * reading (adjtimex through the addon, timesyncd's flag) is in tests/clock/sync-probe.test.ts.
 */
import t from 'tap';
import { startStation } from '../../src/station.js';
import { ManualClock } from '../../src/shared/clock.js';
import { silentLogger } from '../../src/shared/log.js';
import { testConfig, tempDir } from '../support/station-fixture.js';
import { TOKENS, auth } from '../support/api-fixture.js';
import type { ClockSyncReading } from '../../src/controller/clock/clock-watch.js';

t.test('unsynchronised: alert; confirm or set the date; NTP takes over', async (t) => {
  const dir = tempDir(t);
  const clock = new ManualClock('2026-11-29T07:30:00+07:00'); // the board woke up on yesterday's date
  let reading: ClockSyncReading = { synchronized: false, source: 'adjtimex', detail: 'kernel: STA_UNSYNC' };
  const station = await startStation({
    config: testConfig(dir),
    clock,
    dataDir: dir,
    listen: false,
    log: silentLogger(),
    clockSync: () => reading,
  });
  t.teardown(() => station.close());
  const api = async (method: 'GET' | 'POST', url: string, body?: unknown, token: string = TOKENS.technician) => {
    const r = await station.app.inject({ method, url, headers: auth(token), ...(body ? { payload: body as object } : {}) });
    return { status: r.statusCode, json: r.json() };
  };
  const clockAlert = async () =>
    ((await api('GET', '/api/v1/alerts?active=true')).json.alerts as { kind: string; message: string }[]).find(
      (a) => a.kind === 'clock-unsynced',
    );

  let view = await api('GET', '/api/v1/clock');
  t.match(view.json, { synchronized: false, source: 'adjtimex', now: /^2026-11-29T07:30/, numberingDay: '2026-11-29', offsetMs: 0 });
  t.match(await clockAlert(), { message: /not synchronised .* the station says 2026-11-29/ }, 'the technician is alerted');
  t.equal((await api('GET', '/api/v1/clock', undefined, TOKENS.kiosk)).status, 403, 'only technicians and admins');

  const wrong = await api('POST', '/api/v1/clock/confirm', { date: '2026-11-30' });
  t.equal(wrong.status, 409, 'confirming a date the station does not show is refused');
  t.match(wrong.json.error, { code: 'CLOCK_MISMATCH', message: /station's date is 2026-11-29, not 2026-11-30: set the time instead/ });

  const set = await api('POST', '/api/v1/clock', { now: '2026-11-30T07:31:00+07:00' });
  t.equal(set.status, 200);
  t.match(set.json, { now: /^2026-11-30T07:31/, numberingDay: '2026-11-30', offsetMs: 86_460_000 });
  t.notOk(await clockAlert(), 'set by a technician: the alert is cleared');
  const ticket = await station.app.inject({
    method: 'POST',
    url: '/api/v1/tickets',
    headers: auth(TOKENS.kiosk),
    payload: { service: 'A' },
  });
  t.match(ticket.json().ticket, { number: 'A-001', issuedAt: /^2026-11-30T07:31/ }, 'tickets carry the corrected time');

  t.equal((await api('POST', '/api/v1/clock', { now: '2026-11-30 07:31' })).status, 400, 'a time without its offset is refused');

  reading = { synchronized: true, source: 'adjtimex', detail: 'kernel: synchronised' };
  clock.advance(60_000); // the next check
  view = await api('GET', '/api/v1/clock');
  t.match(view.json, { synchronized: true, offsetMs: 0 }, 'NTP synchronised: the system clock is trusted, the manual offset dropped');
  t.equal(view.json.numberingDay, '2026-11-30', 'numbering does not fall back to the system clock’s yesterday');
  t.equal(view.json.numberingHeld, true);
});

t.test('confirming the date shown clears the alert', async (t) => {
  const dir = tempDir(t);
  const clock = new ManualClock('2026-11-30T07:30:00+07:00');
  const station = await startStation({
    config: testConfig(dir),
    clock,
    dataDir: dir,
    listen: false,
    log: silentLogger(),
    clockSync: () => ({ synchronized: false, source: 'timesyncd', detail: 'timesyncd: not yet synchronised' }),
  });
  t.teardown(() => station.close());
  t.equal(station.clockWatch.notes()[0], 'jam belum tersinkron', 'the STATUS line says so in Indonesian');
  const r = await station.app.inject({
    method: 'POST',
    url: '/api/v1/clock/confirm',
    headers: auth(TOKENS.admin),
    payload: { date: '2026-11-30' },
  });
  t.equal(r.statusCode, 200);
  t.match(r.json(), { confirmedAt: /^2026-11-30T07:30/ });
  t.same(station.clockWatch.notes(), []);
  clock.advance(60_000);
  t.notOk(station.power.alerts.isActive('clock-unsynced'), 'a confirmed date is not alerted again on the next check');
});

t.test('a station that watches nothing reports it cannot tell, and raises nothing', async (t) => {
  const dir = tempDir(t);
  const station = await startStation({
    config: testConfig(dir),
    clock: new ManualClock('2026-11-30T07:30:00+07:00'),
    dataDir: dir,
    listen: false,
    log: silentLogger(),
  });
  t.teardown(() => station.close());
  t.match(station.clockWatch.view(), { synchronized: null });
  t.notOk(station.power.alerts.isActive('clock-unsynced'));
});
