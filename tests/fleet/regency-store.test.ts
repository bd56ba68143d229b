/**
 * The regency view's bookkeeping, message by message: duplicates dropped by
 * (station, seq), a replayed old event never overwrites newer figures, the
 * last will marks a station offline, bad messages are counted and ignored.
 */
import t from 'tap';
import { silentLogger } from '../../src/shared/log.js';
import { openRegencyDb, RegencyStore } from '../../src/regency/store.js';
import { RegencySubscriber } from '../../src/regency/subscriber.js';
import { contractStation, boardStation } from '../../src/regency/board.js';
import { tempDir } from '../support/station-fixture.js';

const NOW = Date.parse('2026-11-28T10:00:00+07:00');

function fixture(t: Parameters<typeof tempDir>[0]) {
  const db = openRegencyDb(tempDir(t, 'ktp-regency-'));
  t.teardown(() => db.close());
  const store = new RegencyStore(db);
  let now = NOW;
  const sub = new RegencySubscriber({
    url: 'mqtt://unused',
    topicPrefix: 'ktp',
    clientId: 'x',
    store,
    log: silentLogger(),
    now: () => now,
  });
  const send = (topic: string, body: unknown, retained = false) =>
    sub.handle(topic, Buffer.from(typeof body === 'string' ? body : JSON.stringify(body)), retained);
  const ev = (seq: number, type: string, at: string, data: Record<string, unknown>, historical = false) =>
    send('ktp/merek-01/events', { seq, type, at: `2026-11-28T${at}:00.000+07:00`, historical, data });
  const view = () => contractStation(store.station('merek-01')!, { now, timeZone: 'Asia/Jakarta', staleMs: 5 * 60_000 });
  return { store, sub, send, ev, view, setNow: (ms: number) => (now = ms) };
}

t.test('a duplicate seq changes nothing; figures follow the newest event', async (t) => {
  const f = fixture(t);
  f.send('ktp/merek-01/state', {
    online: true,
    at: '2026-11-28T09:59:00.000+07:00',
    version: '0.1.0',
    name: 'Kecamatan Merek',
    lastSeq: 3,
  });
  f.ev(1, 'ticket.issued', '09:00', { number: 'A-001', date: '2026-11-28', waiting: 1, doneToday: 0 });
  f.ev(2, 'ticket.issued', '09:01', { number: 'A-002', date: '2026-11-28', waiting: 2, doneToday: 0 });
  f.ev(2, 'ticket.issued', '09:01', { number: 'A-002', date: '2026-11-28', waiting: 99, doneToday: 99 }); // a replayed copy
  f.ev(3, 'power.source', '09:02', { from: 'mains', to: 'genset', outage: true });
  t.same(f.view(), {
    id: 'merek-01',
    name: 'Kecamatan Merek',
    online: true,
    lastSeen: '2026-11-28T10:00:00.000+07:00',
    waiting: 2,
    doneToday: 0,
    source: 'genset',
    activeAlerts: [],
    lastSeq: 3,
  });
  t.equal(f.sub.status().duplicates, 1);
  t.equal(f.store.station('merek-01')!.events, 3, 'three distinct events kept');
});

t.test('a replayed old event does not overwrite what the newer state said', async (t) => {
  const f = fixture(t);
  // The station reconnects: its state (with today's figures) comes first, then the backlog.
  f.send('ktp/merek-01/state', {
    online: true,
    at: '2026-11-28T09:50:00.000+07:00',
    name: 'Kecamatan Merek',
    summary: { date: '2026-11-28', waiting: 7, doneToday: 20, source: 'mains', activeAlerts: [], openFaults: 0 },
  });
  f.ev(40, 'ticket.done', '08:30', { number: 'A-010', date: '2026-11-28', waiting: 12, doneToday: 9 }, true);
  f.ev(41, 'power.source', '08:40', { from: 'mains', to: 'battery', outage: true }, true);
  f.ev(
    42,
    'alert.raised',
    '08:41',
    { kind: 'supply-undervoltage', active: [{ kind: 'supply-undervoltage', subject: '', severity: 'critical' }] },
    true,
  );
  t.match(f.view(), { waiting: 7, doneToday: 20, source: 'mains', activeAlerts: [], lastSeq: 42 });
  f.ev(43, 'ticket.issued', '09:55', { number: 'A-031', date: '2026-11-28', waiting: 8, doneToday: 20 });
  t.match(f.view(), { waiting: 8 }, 'a newer event does');
});

t.test('the last will marks the station offline and a silent station is stale', async (t) => {
  const f = fixture(t);
  f.send('ktp/merek-01/state', { online: true, at: '2026-11-28T10:00:00.000+07:00', name: 'Kecamatan Merek' });
  const board = () => boardStation(f.store.station('merek-01')!, { now: NOW + 6 * 60_000, timeZone: 'Asia/Jakarta', staleMs: 5 * 60_000 });
  t.equal(board().status, 'stale', 'online by its word, but silent for 6 minutes');
  f.setNow(NOW + 3 * 60_000);
  f.send('ktp/merek-01/state', { online: false });
  t.equal(board().status, 'offline');
  t.equal(f.view().name, 'Kecamatan Merek', 'the will keeps the name it had');
  t.equal(f.view().lastSeen, '2026-11-28T10:00:00.000+07:00', 'last seen stays when the broker speaks for it');
});

t.test('yesterday’s figures say nothing about today', async (t) => {
  const f = fixture(t);
  f.ev(1, 'ticket.done', '15:00', { number: 'A-050', date: '2026-11-27', waiting: 4, doneToday: 50 });
  f.setNow(Date.parse('2026-11-28T08:00:00+07:00'));
  t.match(f.view(), { waiting: 0, doneToday: 0 });
});

t.test('bad messages are counted and ignored', async (t) => {
  const f = fixture(t);
  f.send('ktp/merek-01/events', 'not json');
  f.send('ktp/merek-01/events', { seq: 0, type: 'x', at: '2026-11-28T09:00:00+07:00', historical: false, data: {} });
  f.send('ktp/merek-01/events', { seq: 1, type: 'x', at: 'yesterday', historical: false, data: {} });
  f.send('ktp/merek-01/state', { online: 'yes' });
  f.send('ktp/merek-01/other', { seq: 1 });
  f.send('elsewhere/merek-01/events', { seq: 1 });
  t.equal(f.sub.status().invalid, 4);
  t.same(f.store.stations(), []);
});
