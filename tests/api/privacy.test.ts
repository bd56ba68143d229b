/**
 * Nothing personal or secret where it does not belong: a failed request is
 * logged without its query string (a `?token=`), a NIK is masked inside any
 * logged string, the summons code of the ticket being served stays off the
 * public queue, and the data directory and database are not world-readable.
 */
import t from 'tap';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { buildApp } from '../../src/api/app.js';
import { DeviceRegistry } from '../../src/controller/device-registry.js';
import { TicketDispenser } from '../../src/controller/ticket-dispenser.js';
import { openDatabase } from '../../src/controller/store/database.js';
import { createLogger } from '../../src/shared/log.js';
import type { QueueView } from '../../src/controller/events.js';
import { queueFixture, tempDir } from '../support/station-fixture.js';
import { auth, TOKENS } from '../support/api-fixture.js';

function logSink() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(...chunk.toString().split('\n').filter(Boolean));
      done();
    },
  });
  return { lines, log: createLogger({ destination, pretty: false }) };
}

async function appWithLog(t: Parameters<typeof queueFixture>[0]) {
  const f = queueFixture(t);
  const { lines, log } = logSink();
  const devices = new DeviceRegistry(f.bus, log);
  const dispenser = new TicketDispenser(f.config, f.queue, f.bus, f.clock, log, null);
  const app = await buildApp(
    { config: f.config, queue: f.queue, dispenser, bus: f.bus, devices, simulators: null, health: () => 'ok' },
    log,
  );
  await app.ready();
  t.teardown(() => app.close());
  return { ...f, app, lines };
}

t.test('a failed request is logged without its query string: a token in the URL stays out of the log', async (t) => {
  const { app, queue, lines } = await appWithLog(t);
  queue.ticketsOfDay = () => {
    throw new Error('disk on fire');
  };
  const res = await app.inject({ url: `/api/v1/tickets?token=${TOKENS.technician}` });
  t.equal(res.statusCode, 500);
  const logged = lines.find((l) => l.includes('request failed'));
  t.ok(logged, 'the failure is logged');
  t.match(logged, /"url":"\/api\/v1\/tickets"/, 'with the path');
  t.notOk(
    lines.some((l) => l.includes(TOKENS.technician)),
    'and nowhere the token',
  );
});

t.test('a NIK is masked in any logged string, whatever its key or format', async (t) => {
  const { lines, log } = logSink();
  log.info({ line: 'NIK:3201234567890001;NAMA:SITI AMINAH', nested: { list: ['x 1206015507900001 y'] } }, 'scan');
  log.info('free text with 3201234567890001 inside');
  const out = lines.join('\n');
  t.notMatch(out, /3201234567890001|1206015507900001/, 'no NIK in full');
  t.match(out, /3201\*{8}0001/, 'the masked form keeps region and last digits');
  t.match(out, /1206\*{8}0001/);
});

t.test('the summons code of the ticket being served is on its counter only, not on the public queue', async (t) => {
  const { app, queue, bus } = await appWithLog(t);
  queue.issue({ service: 'B', source: 'test', summons: 'SP-120601-20261128-0042' });
  const events: Array<{ name: string; data: unknown }> = [];
  bus.subscribe((e) => events.push(e));
  const called = await app.inject({ method: 'POST', url: '/api/v1/counters/2/call', headers: auth(TOKENS.counter2) });
  t.equal(called.statusCode, 200);
  const publicQueue = (await app.inject('/api/v1/queue')).json() as QueueView;
  const serving = publicQueue.counters.find((c) => c.id === 2)!.current;
  t.equal(serving?.number, 'B-001', 'the public queue shows the number being served');
  t.notMatch(JSON.stringify(publicQueue), /SP-120601/, 'but not its summons code');
  const queueEvents = events.filter((e) => e.name === 'queue');
  t.ok(queueEvents.length > 0, 'a queue event was published');
  t.notMatch(JSON.stringify(queueEvents), /SP-120601/, 'nor does the public queue event');
  const own = (await app.inject({ url: '/api/v1/counters/2', headers: auth(TOKENS.counter2) })).json();
  t.equal(own.current.summons, 'SP-120601-20261128-0042', 'the counter itself still sees it');
});

t.test('data directory 0750 and database 0640 whatever the umask', async (t) => {
  const dir = join(tempDir(t), 'data');
  const before = process.umask(0o000);
  t.teardown(() => process.umask(before));
  const db = openDatabase(dir);
  db.prepare('CREATE TABLE IF NOT EXISTS t (x)').run();
  db.prepare('INSERT INTO t VALUES (1)').run();
  const mode = (p: string) => statSync(p).mode & 0o777;
  t.equal(mode(dir).toString(8), '750', 'data directory');
  for (const f of ['station.db', 'station.db-wal', 'station.db-shm']) t.equal(mode(join(dir, f)).toString(8), '640', f);
  db.close();
});
