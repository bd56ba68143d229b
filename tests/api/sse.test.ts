import t from 'tap';
import { apiFixture, auth, TOKENS } from '../support/api-fixture.js';
import { SseClient } from '../support/sse-client.js';

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
  t.ok(Number(recalled.id) > Number(called.id), 'ids grow');
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
    again.frames.every((f) => Number(f.id) > Number(seen.id)),
    'nothing already seen is sent again',
  );
  t.notOk(
    again.frames.some((f) => f.event === 'called' && f.data.number === 'B-001'),
    'the call seen before is not repeated',
  );
});

t.test('an unknown or stale Last-Event-ID falls back to a snapshot', async (t) => {
  const { url } = await listening(t);
  const sse = new SseClient(`${url}/api/v1/events`, { 'last-event-id': '5' });
  t.teardown(() => sse.close());
  await sse.ready;
  const snap = await sse.next((f) => f.event === 'queue');
  t.ok(snap.id, 'the snapshot carries the current id to resume from');
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
  const bus = new EventBus(1_000, 100);
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
