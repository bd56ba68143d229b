import t from 'tap';
import { apiFixture, auth, TOKENS } from '../support/api-fixture.js';
import { SseClient } from '../support/sse-client.js';

/** The sequence part of an SSE id (`EPOCH.SEQ`). */
const seq = (id: string | null | undefined) => Number(id?.split('.')[1]);

async function listening(t: Parameters<typeof apiFixture>[0]) {
  const f = await apiFixture(t);
  const url = await f.app.listen({ host: '127.0.0.1', port: 0 });
  return { ...f, url };
}

t.test('the public stream starts with a queue snapshot and carries calls without personal data', async (t) => {
  const { app, url } = await listening(t);
  const sse = new SseClient(`${url}/api/v1/events`);
  t.teardown(() => sse.close());
  await sse.ready;
  t.equal(sse.status, 200);
  const snap = await sse.next((f) => f.event === 'queue');
  t.equal(snap.data.services.length, 2);

  await app.inject({ method: 'POST', url: '/api/v1/tickets', headers: auth(TOKENS.kiosk), payload: { service: 'A' } });
  await app.inject({ method: 'POST', url: '/api/v1/counters/1/call', headers: auth(TOKENS.counter1) });
  const called = await sse.next((f) => f.event === 'called');
  t.same([called.data.number, called.data.counter, called.data.counterName], ['A-001', 1, 'Loket 1']);
  await app.inject({ method: 'POST', url: '/api/v1/counters/1/recall', headers: auth(TOKENS.counter1) });
  const recalled = await sse.next((f) => f.event === 'recalled');
  t.equal(recalled.data.calls, 2);
  t.ok(seq(recalled.id) > seq(called.id), 'ids grow');
  t.equal(recalled.id!.split('.')[0], called.id!.split('.')[0], 'one epoch for the run');
  t.notOk(
    sse.frames.some((f) => ['ticket', 'card', 'scan'].includes(f.event)),
    'counter-only events stay off the public stream',
  );
});

t.test('a client that reconnects with Last-Event-ID gets exactly what it missed', async (t) => {
  const { app, url } = await listening(t);
  const first = new SseClient(`${url}/api/v1/events`);
  await first.ready;
  await app.inject({ method: 'POST', url: '/api/v1/tickets', headers: auth(TOKENS.kiosk), payload: { service: 'B' } });
  await app.inject({ method: 'POST', url: '/api/v1/counters/2/call', headers: auth(TOKENS.counter2) });
  const seen = await first.next((f) => f.event === 'called');
  first.close();

  // While disconnected: a recall and a new call elsewhere.
  await app.inject({ method: 'POST', url: '/api/v1/counters/2/recall', headers: auth(TOKENS.counter2) });
  await app.inject({ method: 'POST', url: '/api/v1/tickets', headers: auth(TOKENS.kiosk), payload: { service: 'A' } });
  await app.inject({ method: 'POST', url: '/api/v1/counters/1/call', headers: auth(TOKENS.counter1) });

  const again = new SseClient(`${url}/api/v1/events`, { 'last-event-id': seen.id! });
  t.teardown(() => again.close());
  await again.ready;
  const call = await again.next((f) => f.event === 'called');
  t.equal(call.data.number, 'A-001');
  const recall = again.frames.find((f) => f.event === 'recalled');
  t.equal(recall?.data.number, 'B-001', 'the recall made while away is replayed');
  t.ok(
    again.frames.every((f) => seq(f.id) > seq(seen.id)),
    'nothing already seen is sent again',
  );
  t.notOk(
    again.frames.some((f) => f.event === 'called' && f.data.number === 'B-001'),
    'the call seen before is not repeated',
  );
});

t.test('an unknown, future or foreign Last-Event-ID gets a fresh snapshot, never silence', async (t) => {
  const { app, url, bus } = await listening(t);
  await app.inject({ method: 'POST', url: '/api/v1/tickets', headers: auth(TOKENS.kiosk), payload: { service: 'A' } });
  const now = bus.lastId();
  for (const lastId of [
    '5', // a number from an older station
    '1733012345678001', // the old wall-clock ids
    `${bus.epoch}.${now + 1000}`, // from the future (a board whose clock ran behind, a replayed id)
    `deadbeef.${now}`, // another run of the station
    'nonsense',
  ]) {
    const sse = new SseClient(`${url}/api/v1/events`, { 'last-event-id': lastId });
    await sse.ready;
    const snap = await sse.next((f) => f.event === 'queue');
    t.equal(snap.data.services[0].issued, 1, `${lastId}: snapshot with the current state`);
    t.equal(snap.id, `${bus.epoch}.${now}`, `${lastId}: the snapshot carries the id to resume from`);
    sse.close();
  }
});

t.test('event ids do not come from the wall clock', async (t) => {
  const { EventBus } = await import('../../src/controller/event-bus.js');
  const a = new EventBus();
  const b = new EventBus();
  t.equal(a.publish('notice', {} as never).id, 1, 'numbered from 1 in each run');
  t.not(a.epoch, b.epoch, 'a random epoch tells runs apart');
  t.equal(a.wireId(1), `${a.epoch}.1`);
  t.equal(a.seqOf(`${a.epoch}.1`), 1);
  t.equal(a.seqOf(`${b.epoch}.1`), null);
  t.equal(a.since(5), null, 'a sequence number not reached yet: snapshot');
  t.same(a.since(1), [], 'up to date');
});

t.test("a counter's stream carries its own tickets and needs its token", async (t) => {
  const { app, url } = await listening(t);
  const denied = new SseClient(`${url}/api/v1/counters/1/events`, auth(TOKENS.counter2));
  await denied.ready;
  t.equal(denied.status, 403);
  denied.close();

  const sse = new SseClient(`${url}/api/v1/counters/1/events?token=${TOKENS.counter1}`);
  t.teardown(() => sse.close());
  await sse.ready;
  t.equal(sse.status, 200);
  await app.inject({ method: 'POST', url: '/api/v1/tickets', headers: auth(TOKENS.kiosk), payload: { service: 'A' } });
  await app.inject({ method: 'POST', url: '/api/v1/tickets', headers: auth(TOKENS.kiosk), payload: { service: 'A' } });
  await app.inject({ method: 'POST', url: '/api/v1/counters/2/call', headers: auth(TOKENS.counter2) });
  await app.inject({ method: 'POST', url: '/api/v1/counters/1/call', headers: auth(TOKENS.counter1) });
  const mine = await sse.next((f) => f.event === 'ticket');
  t.same([mine.data.number, mine.data.counter, mine.data.status], ['A-002', 1, 'called']);
  t.notOk(
    sse.frames.some((f) => f.event === 'ticket' && f.data.counter === 2),
    "counter 2's ticket is not on counter 1's stream",
  );
});

t.test('heartbeats keep an idle stream alive', async (t) => {
  const f = await apiFixture(t);
  // A fresh app with a short heartbeat.
  const { buildApp } = await import('../../src/api/app.js');
  const { silentLogger } = await import('../../src/shared/log.js');
  const app = await buildApp(
    {
      config: f.config,
      queue: f.queue,
      dispenser: f.dispenser,
      bus: f.bus,
      devices: f.devices,
      simulators: null,
      health: () => 'ok',
      sseHeartbeatMs: 20,
    },
    silentLogger(),
  );
  t.teardown(() => app.close());
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  const http = await import('node:http');
  const text = await new Promise<string>((resolve, reject) => {
    let got = '';
    const req = http.get(`${url}/api/v1/events`, (res) => {
      res.setEncoding('utf8');
      res.on('data', (c: string) => {
        got += c;
        if (got.includes(': heartbeat')) {
          req.destroy();
          resolve(got);
        }
      });
    });
    req.on('error', (e) => ((e as NodeJS.ErrnoException).code === 'ECONNRESET' ? undefined : reject(e)));
  });
  t.match(text, /: heartbeat \d+/);
});

t.test('replay keeps only the newest full-state snapshot, so memory does not grow with snapshots', async (t) => {
  const { EventBus } = await import('../../src/controller/event-bus.js');
  const bus = new EventBus({ keep: 100 });
  const first = bus.publish('recalled', { number: 'A-001' } as never);
  for (let i = 0; i < 500; i++) bus.publish('queue', { date: `d${i}` } as never);
  const missed = bus.since(first.id - 1)!;
  t.ok(missed, 'still resumable: only superseded snapshots were dropped');
  t.same(
    missed.map((e) => e.name),
    ['recalled', 'queue'],
  );
  t.equal((missed[1]!.data as { date: string }).date, 'd499', 'the newest snapshot is kept');
});
