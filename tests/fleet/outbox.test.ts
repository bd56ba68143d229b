/**
 * The fleet outbox on a whole simulated station: every durable change writes
 * one row in the transaction of the change, seq rises by one from 1 and never
 * comes back, and no message carries a NIK, card UID, summons code, token or
 * text a person typed.
 */
import t from 'tap';
import { ManualClock } from '../../src/shared/clock.js';
import { silentLogger } from '../../src/shared/log.js';
import { openDatabase, type Db } from '../../src/controller/store/database.js';
import { EventBus } from '../../src/controller/event-bus.js';
import { QueueService } from '../../src/controller/queue/queue-service.js';
import { enableFleetEvents, disableFleetEvents, FLEET_EVENT_TYPES } from '../../src/controller/fleet/events.js';
import { DailyClose } from '../../src/controller/fleet/daily-close.js';
import { simStation, TOKENS } from '../power/helpers/sim-station.js';
import { testConfig, tempDir, MORNING } from '../support/station-fixture.js';
import { freePort } from '../support/mosquitto.js';

const NIK = '1206012345670001';
const CARD_UID = '04A1B2C3D4E5F6';
const SUMMONS = 'SP-2026-000123';
const DESCRIPTION = `fingerprint reader rejects every finger; resident ${NIK} waited`;

const rows = (db: Db) =>
  db.prepare('SELECT seq, type, at, data FROM fleet_outbox ORDER BY seq').all() as Array<{
    seq: number;
    type: string;
    at: number;
    data: string;
  }>;

async function fleetStation(t: Parameters<typeof simStation>[0], dataDir?: string, clock?: ManualClock) {
  // A broker nobody listens on: the link stays down and everything stays in the outbox.
  const port = await freePort();
  return simStation(t, {
    ...(dataDir ? { dataDir } : {}),
    ...(clock ? { clock } : {}),
    edit: (c) => {
      c.fleet = { mqtt: { url: `mqtt://127.0.0.1:${port}`, username: 'merek-01', password: 'broker-secret-1', reconnectMaxSeconds: 5 } };
    },
  });
}

t.test('every kind of durable change is one outbox row, seq 1, 2, 3 … with no gap', async (t) => {
  const s = await fleetStation(t);
  const { api } = s;
  await s.pass(10_000); // the power source settles (debounce) -> power.source

  t.equal((await api('POST', '/api/v1/tickets', TOKENS.kiosk, { service: 'A' })).status, 201);
  t.equal((await api('POST', '/api/v1/tickets', TOKENS.kiosk, { service: 'B', priority: true })).status, 201);
  t.equal((await api('POST', '/api/v1/tickets', TOKENS.kiosk, { service: 'A' })).status, 201);
  // Counter 1 serves B-001: a card tap and a summons scan on the way, then done.
  t.equal((await api('POST', '/api/v1/counters/1/call', TOKENS.counter1)).status, 200);
  t.equal((await api('POST', '/api/v1/sim/card', TOKENS.admin, { uid: CARD_UID, counter: 1 })).status, 200);
  t.equal((await api('POST', '/api/v1/sim/scan', TOKENS.admin, { code: SUMMONS, counter: 1 })).status, 200);
  t.equal((await api('POST', '/api/v1/sim/scan', TOKENS.admin, { code: NIK, counter: 1 })).status, 200);
  await s.pass(2_000, 100);
  t.equal((await api('POST', '/api/v1/counters/1/steps', TOKENS.counter1, { step: 'verify' })).status, 200);
  t.equal((await api('POST', '/api/v1/counters/1/complete', TOKENS.counter1)).status, 200);
  // Counter 2: A-001 called three times, then no-show.
  t.equal((await api('POST', '/api/v1/counters/2/call', TOKENS.counter2)).status, 200);
  t.equal((await api('POST', '/api/v1/counters/2/recall', TOKENS.counter2)).status, 200);
  t.equal((await api('POST', '/api/v1/counters/2/recall', TOKENS.counter2)).status, 200);
  t.equal((await api('POST', '/api/v1/counters/2/no-show', TOKENS.counter2)).status, 200);
  // Counter 1: A-002 goes to service B.
  t.equal((await api('POST', '/api/v1/counters/1/call', TOKENS.counter1)).status, 200);
  t.equal((await api('POST', '/api/v1/counters/1/transfer', TOKENS.counter1, { service: 'B' })).status, 200);
  // A fault typed by a person, then resolved.
  const fault = await api('POST', '/api/v1/faults', TOKENS.counter1, { device: 'fingerprint', description: DESCRIPTION });
  t.equal(fault.status, 201);
  t.equal(
    (await api('POST', `/api/v1/faults/${fault.json.fault.id}/resolve`, TOKENS.technician, { resolution: 'cleaned the glass' })).status,
    200,
  );
  // Mains fails (genset takes over), a device goes offline long enough for an alert, then everything comes back.
  t.equal((await api('POST', '/api/v1/sim/power', TOKENS.admin, { mains: false, genset: true })).status, 200);
  t.equal((await api('POST', '/api/v1/sim/devices/printer/fault', TOKENS.admin, { fault: 'offline' })).status, 200);
  await s.pass(6 * 60_000, 2_000);
  t.equal((await api('POST', '/api/v1/sim/power', TOKENS.admin, { mains: true, genset: false })).status, 200);
  t.equal((await api('POST', '/api/v1/sim/devices/printer/fault', TOKENS.admin, { fault: 'none' })).status, 200);
  await s.pass(60_000, 1_000);
  // The office closes: the last counter closed sends the day's report.
  // (counter 2 calls A-002: a ticket counter 1 transferred is not called back there while counter 2 serves B)
  t.equal((await api('POST', '/api/v1/counters/2/call', TOKENS.counter2)).status, 200);
  t.equal((await api('POST', '/api/v1/counters/2/transfer', TOKENS.counter2, { service: 'A' })).status, 200);
  for (const id of [1, 2]) t.equal((await api('POST', `/api/v1/counters/${id}/state`, TOKENS.admin, { state: 'closed' })).status, 200);

  const all = rows(s.station.db);
  t.same(
    all.map((r) => r.seq),
    all.map((_r, i) => i + 1),
    'seq runs 1, 2, 3 … with no gap',
  );
  const types = new Set(all.map((r) => r.type));
  for (const type of FLEET_EVENT_TYPES) t.ok(types.has(type), `${type} is in the outbox`);

  const data = all.map((r) => ({ type: r.type, data: JSON.parse(r.data) }));
  const issued = data.filter((d) => d.type === 'ticket.issued');
  t.same(
    issued.map((d) => d.data.number),
    ['A-001', 'B-001', 'A-002'],
  );
  t.match(issued[2]!.data, { service: 'A', priority: false, date: '2026-11-28', waiting: 3, doneToday: 0 });
  t.match(data.find((d) => d.type === 'ticket.done')!.data, { number: 'B-001', counter: 1, doneToday: 1 });
  t.match(data.find((d) => d.type === 'ticket.transferred')!.data, { number: 'A-002', from: 'A', service: 'B', counter: 1 });
  t.equal(data.filter((d) => d.type === 'ticket.recalled').length, 2);
  t.match(data.find((d) => d.type === 'power.source' && d.data.to === 'genset')!.data, { from: 'mains', outage: true });
  const raised = data.find((d) => d.type === 'alert.raised' && d.data.kind === 'device-offline')!;
  t.match(raised.data, {
    subject: 'printer',
    // the printer that cannot print was an alert of its own at once, before it counted as offline
    active: [
      { kind: 'printer-cannot-print', subject: 'printer' },
      { kind: 'device-offline', subject: 'printer' },
    ],
  });
  t.match(data.find((d) => d.type === 'fault.opened')!.data, { device: 'fingerprint', counter: 1, openFaults: 1 });
  t.match(data.find((d) => d.type === 'fault.resolved')!.data, { device: 'fingerprint', openFaults: 0 });
  const report = data.find((d) => d.type === 'report.daily')!;
  t.equal(report.data.date, '2026-11-28');
  t.equal(report.data.report.date, '2026-11-28', 'the report is the daily report of that day');
  t.equal(all.at(-1)!.type, 'report.daily', 'the report comes after the last change of the day');

  const text = all.map((r) => r.data).join('\n');
  for (const secret of [
    NIK,
    NIK.slice(4, 12),
    CARD_UID,
    CARD_UID.toLowerCase(),
    SUMMONS,
    'broker-secret-1',
    'rejects every finger',
    'cleaned the glass',
  ])
    t.notOk(text.includes(secret), `no message carries ${secret}`);
  for (const tok of s.station.config.auth.tokens)
    if ('token' in tok) t.notOk(text.includes(tok.token), `no message carries token ${tok.role}`);
});

t.test('a change whose outbox row cannot be written is not made at all', async (t) => {
  const s = await fleetStation(t);
  t.equal((await s.api('POST', '/api/v1/tickets', TOKENS.kiosk, { service: 'A' })).status, 201);
  const db = s.station.db;
  const before = rows(db).length;
  const tickets = () => (db.prepare('SELECT COUNT(*) AS n FROM tickets').get() as { n: number }).n;
  db.exec(`CREATE TEMP TRIGGER outbox_fails BEFORE INSERT ON fleet_outbox BEGIN SELECT RAISE(ABORT, 'disk full'); END`);
  const refused = await s.api('POST', '/api/v1/tickets', TOKENS.kiosk, { service: 'A' });
  t.ok(refused.status >= 500, `the ticket is refused (${refused.status})`);
  t.equal(tickets(), 1, 'no ticket without its outbox row');
  const fault = await s.api('POST', '/api/v1/faults', TOKENS.technician, { device: 'camera', description: 'no picture' });
  t.ok(fault.status >= 500);
  t.equal(s.station.faults.list().length, 0, 'no fault without its outbox row');
  db.exec('DROP TRIGGER outbox_fails');
  t.equal((await s.api('POST', '/api/v1/tickets', TOKENS.kiosk, { service: 'A' })).status, 201);
  const after = rows(db);
  t.equal(after.length, before + 1);
  t.same(
    after.map((r) => r.seq),
    after.map((_r, i) => i + 1),
    'the refused change used no seq',
  );
  t.equal(tickets(), 2);
});

t.test('seq is never reused: acknowledged rows deleted, outbox trimmed, database reopened', async (t) => {
  const dir = tempDir(t);
  const config = testConfig(dir);
  const clock = new ManualClock(MORNING);
  const open = () => {
    const db = openDatabase(dir);
    const recorder = enableFleetEvents(db, 'Asia/Jakarta');
    const queue = new QueueService(db, config, clock, new EventBus(), silentLogger());
    return { db, recorder, queue };
  };
  let s = open();
  for (let i = 0; i < 5; i++) s.queue.issue({ service: 'A', source: 'kiosk' });
  t.equal(s.recorder.outbox.lastSeq(), 5);
  s.recorder.outbox.remove([1, 2, 3, 4, 5]); // all acknowledged
  t.equal(s.recorder.outbox.depth(), 0);
  disableFleetEvents(s.db);
  s.db.close(); // power cut

  s = open();
  s.queue.issue({ service: 'A', source: 'kiosk' });
  t.same(
    rows(s.db).map((r) => r.seq),
    [6],
    'the first event after the restart is 6',
  );
  for (let i = 0; i < 9; i++) s.queue.issue({ service: 'B', source: 'kiosk' });
  t.equal(s.recorder.outbox.trim(4), 6, 'past the bound the oldest are dropped');
  t.equal(s.recorder.outbox.dropped(), 6);
  t.same(
    rows(s.db).map((r) => r.seq),
    [12, 13, 14, 15],
  );
  s.queue.issue({ service: 'B', source: 'kiosk' });
  t.equal(rows(s.db).at(-1)!.seq, 16);
  disableFleetEvents(s.db);
  s.db.close();
});

t.test('without fleet.mqtt nothing is written to the outbox', async (t) => {
  const s = await simStation(t);
  await s.api('POST', '/api/v1/tickets', TOKENS.kiosk, { service: 'A' });
  await s.api('POST', '/api/v1/counters/1/call', TOKENS.counter1);
  t.equal(rows(s.station.db).length, 0);
  const fleet = await s.api('GET', '/api/v1/fleet', TOKENS.technician);
  t.same(fleet.json, { enabled: false });
});

t.test('the day not closed by its counters is reported at midnight, and a missed one at the next start', async (t) => {
  const dir = tempDir(t);
  const config = testConfig(dir);
  const clock = new ManualClock(MORNING);
  const bus = new EventBus();
  const db = openDatabase(dir);
  t.teardown(() => db.close());
  const recorder = enableFleetEvents(db, 'Asia/Jakarta');
  t.teardown(() => disableFleetEvents(db));
  const queue = new QueueService(db, config, clock, bus, silentLogger());
  const made: string[] = [];
  const close = new DailyClose({
    recorder,
    clock,
    timeZone: 'Asia/Jakarta',
    bus,
    log: silentLogger(),
    report: (date) => {
      made.push(date);
      return { date };
    },
  });
  close.start(clock.now());
  queue.issue({ service: 'A', source: 'kiosk' });
  clock.set('2026-11-28T23:59:00+07:00');
  t.same(made, []);
  clock.set('2026-11-29T00:00:30+07:00');
  t.same(made, ['2026-11-28'], 'sent just after local midnight');
  const reports = () => rows(db).filter((r) => r.type === 'report.daily');
  t.equal(reports().length, 1);
  close.stop();

  // Off over the next midnight with tickets issued on the 29th: sent at the next start.
  queue.issue({ service: 'A', source: 'kiosk' });
  clock.set('2026-11-30T09:00:00+07:00');
  const again = new DailyClose({ recorder, clock, timeZone: 'Asia/Jakarta', bus, log: silentLogger(), report: (date) => ({ date }) });
  again.start(Date.parse(MORNING));
  t.same(
    reports().map((r) => JSON.parse(r.data).date),
    ['2026-11-28', '2026-11-29'],
  );
  again.stop();
});
