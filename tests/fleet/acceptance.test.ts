/**
 * The station as its own process, Debian's mosquitto as the regency broker,
 * a TCP proxy between them as the rural link, and mosquitto_sub as the
 * regency's consumer. Whatever happens to the link, the broker or the
 * station's power, the consumer ends with every event 1 … n, in order, each
 * (after dropping repeats of a seq) exactly once.
 */
import t from 'tap';
import { join } from 'node:path';
import { tempDir } from '../helpers/station-fixture.js';
import { startMosquitto, type Mosquitto } from '../support/mosquitto.js';
import { TcpProxy } from '../support/tcp-proxy.js';
import { watch, seqProblem, type Watch } from '../support/mqtt-watch.js';
import { waitFor } from '../support/fleet-wait.js';
import { fleetStation, busyHour, TOKENS, type FleetStation } from '../support/fleet-station.js';

interface Rig {
  dir: string;
  broker: Mosquitto;
  proxy: TcpProxy;
  sub: Watch;
  station: FleetStation;
}

async function rig(t: Parameters<typeof tempDir>[0], mqtt: Record<string, unknown> = {}): Promise<Rig> {
  const dir = tempDir(t, 'ktp-fleet-');
  const broker = await startMosquitto({ dir: join(dir, 'broker') });
  t.teardown(() => broker.stop());
  const proxy = await TcpProxy.start({ port: broker.port });
  t.teardown(() => proxy.close());
  // The consumer keeps a persistent session, as a regency's Telegraf or Node-RED would.
  const sub = await watch({ port: broker.port, topic: 'ktp/+/events', id: 'regency-consumer' });
  t.teardown(() => sub.stop());
  const station = await fleetStation({ dir: join(dir, 'station'), brokerUrl: proxy.url, mqtt });
  t.teardown(() => station.stop());
  return { dir, broker, proxy, sub, station };
}

/** Waits until the station's outbox is empty and the consumer holds every event the station made. */
async function drained(r: Rig, what: string): Promise<number> {
  let last = 0;
  await waitFor(
    async () => {
      const f = await r.station.fleet();
      last = f.outbox.lastSeq;
      return f.state === 'online' && f.outbox.depth === 0 && new Set(r.sub.events().map((e) => e.seq)).size >= last;
    },
    what,
    90_000,
  );
  return last;
}

const firstCopies = (events: Array<{ seq: number; historical: boolean }>) => {
  const m = new Map<number, boolean>();
  for (const e of events) if (!m.has(e.seq)) m.set(e.seq, e.historical);
  return m;
};

t.test('the link is cut twice during a busy hour: nothing lost, nothing out of order', async (t) => {
  const r = await rig(t);
  await waitFor(async () => (await r.station.fleet()).state === 'online', 'the station online');
  const marks: Record<string, number> = {};
  const mark = async (name: string) => {
    marks[name] = (await r.station.fleet()).outbox.lastSeq;
  };
  await busyHour(r.station, 120, async (i) => {
    if (i === 20) {
      r.proxy.cut('reset');
      await mark('cut1'); // everything after this was made with the link already cut
    }
    if (i === 45) {
      await mark('restore1');
      r.proxy.restore();
    }
    if (i === 70) {
      await mark('cut2');
      r.proxy.cut('blackhole'); // silent: the station learns it from keepalive
    }
    if (i === 100) {
      await mark('restore2');
      r.proxy.restore();
    }
  });
  const n = await drained(r, 'the backlog to drain');
  t.ok(n > 200, `${n} events in the hour`);
  t.equal(
    seqProblem(
      r.sub.events().map((e) => e.seq),
      n,
    ),
    null,
    'every event 1 … n once, in order',
  );
  const first = firstCopies(r.sub.events());
  const whileCut = Array.from({ length: marks.restore1! - marks.cut1! }, (_v, i) => marks.cut1! + 1 + i);
  t.ok(whileCut.length > 20, `${whileCut.length} events made while the link was cut`);
  t.same(
    whileCut.filter((seq) => first.get(seq) !== true),
    [],
    'every event made while the link was cut arrived as historical',
  );
  const issued = r.sub.events().filter((e) => e.type === 'ticket.issued');
  t.equal(new Set(issued.map((e) => e.data.number)).size, 120, 'all 120 tickets reached the regency');

  // Back to normal: a new ticket goes out live.
  t.equal((await r.station.api('POST', '/api/v1/tickets', TOKENS.kiosk, { service: 'A' })).status, 201);
  await waitFor(() => r.sub.events().some((e) => e.seq === n + 1), 'the live event');
  t.equal(r.sub.events().find((e) => e.seq === n + 1)!.historical, false);
});

t.test('the station loses power while the link is down, and again in the middle of its replay', async (t) => {
  const r = await rig(t);
  await waitFor(async () => (await r.station.fleet()).state === 'online', 'the station online');
  r.proxy.cut('reset');
  const cutAt = (await r.station.fleet()).outbox.lastSeq;
  await busyHour(r.station, 60);
  const before = (await r.station.fleet()).outbox;
  t.ok(before.depth >= 100, `${before.depth} events queued on the station`);
  await r.station.kill(); // power cut with the link down
  await r.station.start();
  const after = (await r.station.fleet()).outbox;
  t.ok(after.lastSeq >= before.lastSeq, 'nothing queued was lost to the power cut');
  t.ok(after.depth >= before.depth, 'still queued after the restart');
  await busyHour(r.station, 10);

  // The link comes back but only 80 acknowledgements get through before the power fails again.
  r.proxy.holdDownstreamAfter(4 + 80 * 4); // CONNACK, then 80 PUBACKs
  r.proxy.restore();
  await waitFor(() => r.sub.events().length >= 80, 'the replay under way', 30_000);
  await r.station.kill();
  r.proxy.releaseDownstream();
  await r.station.start();
  const n = await drained(r, 'the replay after the second power cut');
  t.equal(
    seqProblem(
      r.sub.events().map((e) => e.seq),
      n,
    ),
    null,
    'every event 1 … n once, in order',
  );
  const first = firstCopies(r.sub.events());
  const queued = [...first.entries()].filter(([seq]) => seq > cutAt);
  t.ok(queued.length >= 120, `${queued.length} events made while the link was down`);
  t.ok(
    queued.every(([, historical]) => historical),
    'everything queued while down arrived as historical',
  );
});

t.test('the broker restarts in the middle of a replay', async (t) => {
  const r = await rig(t);
  await waitFor(async () => (await r.station.fleet()).state === 'online', 'the station online');
  r.proxy.cut('reset');
  await busyHour(r.station, 90);
  const queued = (await r.station.fleet()).outbox.depth;
  t.ok(queued >= 150, `${queued} events queued`);
  r.proxy.holdDownstreamAfter(4 + 60 * 4);
  r.proxy.restore();
  await waitFor(() => r.sub.events().length >= 60, 'the replay under way', 30_000);
  await r.broker.restart(); // graceful: mosquitto keeps the consumer's session and what it queued for it
  r.proxy.releaseDownstream();
  const n = await drained(r, 'the replay after the broker restart');
  t.equal(
    seqProblem(
      r.sub.events().map((e) => e.seq),
      n,
    ),
    null,
    'every event 1 … n once, in order',
  );
  t.ok((await r.station.fleet()).connections >= 2, 'the station reconnected to the restarted broker');
});
