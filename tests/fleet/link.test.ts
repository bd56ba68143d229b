/**
 * The fleet link against Debian's mosquitto, with a TCP proxy in between:
 * retained state and last will, events in seq order deleted only on PUBACK,
 * at most `inflight` unacknowledged, `historical` for what waited, reconnect
 * backoff, and a password file others can read refused.
 */
import t from 'tap';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ManualClock, systemClock, type Clock } from '../../src/shared/clock.js';
import { silentLogger } from '../../src/shared/log.js';
import { openDatabase } from '../../src/controller/store/database.js';
import { enableFleetEvents, disableFleetEvents } from '../../src/controller/fleet/events.js';
import { FleetLink } from '../../src/drivers/fleet-link/link.js';
import { fleetMqtt, type FleetMqtt } from '../../src/config/fleet.js';
import { tempDir } from '../support/station-fixture.js';
import { startMosquitto } from '../support/mosquitto.js';
import { TcpProxy } from '../support/tcp-proxy.js';
import { watch, seqProblem } from '../support/mqtt-watch.js';
import { waitFor } from '../support/wait.js';

const STATION = { id: 'merek-01', name: 'Kecamatan Merek', regency: 'Kabupaten Karo' };

async function rig(t: Parameters<typeof tempDir>[0], opts: { mqtt?: Partial<FleetMqtt>; clock?: Clock } = {}) {
  const dir = tempDir(t, 'ktp-link-');
  const broker = await startMosquitto({ dir });
  t.teardown(() => broker.stop());
  const proxy = await TcpProxy.start({ port: broker.port });
  t.teardown(() => proxy.close());
  const db = openDatabase(join(dir, 'station'));
  const recorder = enableFleetEvents(db, 'Asia/Jakarta');
  t.teardown(() => {
    disableFleetEvents(db);
    db.close();
  });
  const mqtt: FleetMqtt = {
    ...fleetMqtt({ station: { ...STATION, timezone: 'Asia/Jakarta' }, fleet: { mqtt: { url: proxy.url } } })!,
    keepaliveSeconds: 2,
    reconnectMaxSeconds: 1,
    ...opts.mqtt,
  };
  const clock = opts.clock ?? systemClock;
  const link = new FleetLink({
    mqtt,
    station: STATION,
    version: '9.9.9',
    timeZone: 'Asia/Jakarta',
    outbox: recorder.outbox,
    clock,
    log: silentLogger(),
    summary: () => ({ waiting: 3 }),
    random: () => 0.5,
  });
  t.teardown(() => link.stop());
  const sub = await watch({ port: broker.port, topic: 'ktp/#' });
  t.teardown(() => sub.stop());
  let n = 0;
  const append = (count: number) => {
    for (let i = 0; i < count; i++) recorder.outbox.append('ticket.issued', Date.parse('2026-11-28T08:00:00+07:00') + n * 1000, { n: ++n });
  };
  return { dir, broker, proxy, db, outbox: recorder.outbox, link, sub, append, mqtt };
}

t.test('live events go out in order, carry historical:false, and leave the outbox once acknowledged', async (t) => {
  const r = await rig(t);
  r.link.start();
  await waitFor(() => r.link.status().state === 'online', 'the link to come up');
  await waitFor(() => r.sub.messages.some((m) => m.topic === 'ktp/merek-01/state' && m.json?.online === true), 'the online state');
  const state = r.sub.messages.find((m) => m.topic === 'ktp/merek-01/state')!;
  t.match(state.json, { online: true, version: '9.9.9', name: 'Kecamatan Merek', summary: { waiting: 3 } });
  t.match(state.json.at, /^2\d{3}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?\+07:00$/);

  r.append(40);
  await waitFor(() => r.sub.events().length === 40, '40 events at the subscriber');
  const events = r.sub.events();
  t.same(
    events.map((e) => e.seq),
    Array.from({ length: 40 }, (_v, i) => i + 1),
  );
  t.ok(
    events.every((e) => e.historical === false),
    'sent while the link was up: not historical',
  );
  t.match(events[0], { type: 'ticket.issued', at: '2026-11-28T08:00:00.000+07:00', data: { n: 1 } });
  await waitFor(() => r.outbox.depth() === 0, 'the acknowledged events to be deleted');
  t.equal(r.link.status().lastAckedSeq, 40);
});

t.test('nothing is deleted before its PUBACK, and no more than `inflight` wait for one', async (t) => {
  const r = await rig(t, { mqtt: { inflight: 8, keepaliveSeconds: 60 } });
  r.link.start();
  await waitFor(() => r.link.status().state === 'online', 'the link to come up');
  r.proxy.holdDownstream(); // the broker's PUBACKs are held back
  r.append(100);
  await waitFor(() => r.sub.events().length === 8, 'the first window at the subscriber');
  await new Promise((res) => setTimeout(res, 300)); // time enough for a wrong link to send more
  t.equal(r.sub.events().length, 8, 'only 8 sent without acknowledgement');
  t.equal(r.link.status().inflight, 8);
  t.equal(r.outbox.depth(), 100, 'nothing deleted before the broker acknowledged it');
  r.proxy.releaseDownstream();
  await waitFor(() => r.outbox.depth() === 0, 'all acknowledged and deleted');
  t.equal(
    seqProblem(
      r.sub.events().map((e) => e.seq),
      100,
    ),
    null,
  );
});

t.test('events queued while the link is down are replayed in order with historical:true, then live again', async (t) => {
  const r = await rig(t);
  r.proxy.cut('reset');
  r.link.start();
  r.append(30);
  await waitFor(() => r.link.status().connections === 0 && r.link.status().state === 'offline', 'the failed first attempt');
  t.equal(r.outbox.depth(), 30);
  r.proxy.restore();
  await waitFor(() => r.sub.events().length === 30, 'the replay');
  r.append(5);
  await waitFor(() => r.sub.events().length === 35, 'the live events');
  const events = r.sub.events();
  t.equal(
    seqProblem(
      events.map((e) => e.seq),
      35,
    ),
    null,
  );
  t.ok(
    events.slice(0, 30).every((e) => e.historical === true),
    'the backlog is historical',
  );
  t.ok(
    events.slice(30).every((e) => e.historical === false),
    'what came after the link was back is live',
  );
});

t.test('a link cut in the middle of a window re-sends from the first unacknowledged event', async (t) => {
  const r = await rig(t, { mqtt: { inflight: 16 } });
  r.link.start();
  await waitFor(() => r.link.status().state === 'online', 'the link to come up');
  r.proxy.holdDownstream();
  r.append(50);
  await waitFor(() => r.sub.events().length >= 16, 'a window sent');
  r.proxy.cut('reset'); // the acks never arrive
  r.proxy.releaseDownstream();
  await waitFor(() => r.link.status().state !== 'online', 'the link to notice');
  t.equal(r.outbox.depth(), 50, 'all 50 still queued');
  r.proxy.restore();
  await waitFor(() => r.outbox.depth() === 0, 'the replay to drain');
  const seqs = r.sub.events().map((e) => e.seq);
  t.equal(seqProblem(seqs, 50), null, 'no gap, nothing out of order');
  t.ok(seqs.length > 50, `the unacknowledged window came twice (${seqs.length} messages)`);
  t.same(
    seqs.slice(16, 32),
    Array.from({ length: 16 }, (_v, i) => i + 1),
    'the second copy starts again at seq 1',
  );
});

t.test('a station that vanishes is marked offline by its last will', async (t) => {
  const r = await rig(t, { mqtt: { keepaliveSeconds: 1 } });
  r.link.start();
  await waitFor(() => r.sub.messages.some((m) => m.topic === 'ktp/merek-01/state' && m.json?.online === true), 'online');
  r.proxy.cut('blackhole'); // no FIN, no RST: the broker notices only by keepalive
  await waitFor(
    () => r.sub.messages.some((m) => m.topic === 'ktp/merek-01/state' && m.payload === '{"online":false}'),
    'the last will',
    15_000,
  );
  t.pass('the broker published { online: false } for the station');
  // A regency tool that subscribes later still sees it: the will is retained.
  const late = await watch({ port: r.broker.port, topic: 'ktp/+/state' });
  t.teardown(() => late.stop());
  await waitFor(() => late.messages.length > 0, 'the retained state');
  t.match(late.messages[0], { retained: true, json: { online: false } });
});

t.test('reconnect waits 1 s, 2 s, 4 s … up to the maximum, and starts over once connected', async (t) => {
  const clock = new ManualClock('2026-11-28T08:00:00+07:00');
  const r = await rig(t, { clock, mqtt: { reconnectMaxSeconds: 8 } });
  r.proxy.cut('reset');
  r.link.start();
  const waits: number[] = [];
  for (let i = 0; i < 6; i++) {
    const before = r.proxy.connections;
    await waitFor(() => r.link.status().state === 'offline' && r.proxy.connections === before + 1, `attempt ${i + 1} to fail`);
    const next = Date.parse(r.link.status().nextAttemptAt!);
    waits.push(next - clock.now());
    clock.advance(next - clock.now());
  }
  t.same(waits, [1000, 2000, 4000, 8000, 8000, 8000], 'doubling, capped at reconnectMaxSeconds');
  r.proxy.restore();
  await waitFor(() => {
    const s = r.link.status();
    if (s.state === 'offline' && s.nextAttemptAt) clock.advance(Date.parse(s.nextAttemptAt) - clock.now());
    return s.state === 'online';
  }, 'the link to come up');
  r.proxy.cut('reset');
  await waitFor(() => r.link.status().state === 'offline', 'the cut noticed');
  t.equal(Date.parse(r.link.status().nextAttemptAt!) - clock.now(), 1000, 'a good connection resets the backoff');
});

t.test('a password file others can read is refused with what to do, and the station goes on', async (t) => {
  const dir = tempDir(t, 'ktp-pw-');
  const file = join(dir, 'broker-password');
  writeFileSync(file, 'secret\n');
  chmodSync(file, 0o644);
  const r = await rig(t, { mqtt: { username: 'merek-01', passwordFile: file } });
  r.link.start();
  await waitFor(() => r.link.status().state === 'setup-error', 'the setup error');
  t.match(r.link.status().lastError, /readable by other users \(mode 644\); run: chmod 600/);
  r.append(3);
  t.equal(r.outbox.depth(), 3, 'events keep queuing');
  t.equal(r.proxy.connections, 0, 'no connection attempted with a leaked password');
});
