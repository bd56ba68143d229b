/**
 * Limits everywhere a stranger can reach: event streams are capped in number,
 * and a reader too slow to take what it is sent is dropped with the station's
 * memory flat.
 */
import t from 'tap';
import { connect } from 'node:net';
import { request } from 'node:http';
import { apiFixture } from '../helpers/api-fixture.js';
import { openStreamCount, unsentBytes } from '../../src/api/sse.js';
import type { QueueView } from '../../src/controller/events.js';

const LAN = (n: number) => `192.168.1.${n}`;

t.test('event streams are capped, in all and per address, with a 503 a screen retries', async (t) => {
  const { app, url } = await listening(t, { sseClients: 3, sseClientsPerAddress: 2 });
  // Two streams from one LAN address (injected, they stay open until the app closes).
  const open = (remoteAddress: string) => app.inject({ url: '/api/v1/events', remoteAddress });
  void open(LAN(60));
  void open(LAN(60));
  await waitUntil(() => openStreamCount(app.server) === 2);
  const third = await open(LAN(60));
  t.equal(third.statusCode, 503);
  t.equal(third.json().error.code, 'TOO_MANY_STREAMS');
  t.equal(third.headers['retry-after'], '5');
  void open(LAN(61));
  await waitUntil(() => openStreamCount(app.server) === 3);
  const full = await new Promise<number>((resolve) => {
    request(`${url}/api/v1/events`, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    }).end();
  });
  t.equal(full, 503, 'the server is full, even for the board itself');
});

t.test('a reader that stops reading is dropped; the station keeps no backlog for it and memory stays flat', async (t) => {
  const maxUnsent = 64 * 1024;
  const { app, bus, url } = await listening(t, { sseMaxUnsentBytes: maxUnsent, sseClients: 50 });
  const { port } = new URL(url);
  // Ten screens that connect and never read again, and one that keeps reading.
  const stuck = Array.from({ length: 10 }, () => {
    const s = connect(Number(port), '127.0.0.1');
    s.on('error', () => undefined);
    s.write('GET /api/v1/events HTTP/1.1\r\nHost: x\r\n\r\n');
    s.once('data', () => s.pause());
    return s;
  });
  let readerBytes = 0;
  let readerClosed = false;
  const reader = connect(Number(port), '127.0.0.1');
  reader.write('GET /api/v1/events HTTP/1.1\r\nHost: x\r\n\r\n');
  let readerFrames = 0; // queue events the reading screen has received whole
  let pending = '';
  reader.on('data', (b: Buffer) => {
    readerBytes += b.length;
    pending += b.toString('latin1');
    for (let k = pending.indexOf('\n\n'); k >= 0; k = pending.indexOf('\n\n')) {
      if (pending.slice(0, k).includes('event: queue')) readerFrames++;
      pending = pending.slice(k + 2);
    }
  });
  reader.on('close', () => (readerClosed = true));
  t.teardown(() => {
    for (const s of [...stuck, reader]) s.destroy();
  });
  await waitUntil(() => openStreamCount(app.server) === 11);

  const heapBefore = process.memoryUsage().heapUsed;
  // 40 MB of events per stream, in slices so a reading client can keep up.
  const big = { ...(await app.inject('/api/v1/queue')).json(), padding: 'x'.repeat(4000) } as QueueView;
  let maxUnsentSeen = 0;
  for (let i = 1; i <= 10_000; i++) {
    bus.publish('queue', big);
    if (i % 8 === 0) {
      // A screen that reads takes each slice before the next (as a real screen does between calls); the stuck ones never do.
      maxUnsentSeen = Math.max(maxUnsentSeen, unsentBytes(app.server));
      await waitUntil(() => readerClosed || readerFrames >= i);
      if (readerClosed) break;
    }
  }
  await waitUntil(() => openStreamCount(app.server) === 1, 20_000).catch((e: Error) => {
    throw new Error(
      `${e.message}: ${openStreamCount(app.server)} streams, ${unsentBytes(app.server)} unsent, reader ${readerBytes} bytes closed=${readerClosed}`,
    );
  });
  const heapAfter = process.memoryUsage().heapUsed;
  t.ok(maxUnsentSeen <= 11 * (maxUnsent + 8192), `unsent bytes stayed bounded (${maxUnsentSeen} bytes at most, all streams)`);
  t.notOk(readerClosed, 'the screen that reads is still connected');
  t.ok(readerBytes > 10_000 * 4000, `and received every event (${Math.round(readerBytes / 1e6)} MB)`);
  t.ok(
    heapAfter - heapBefore < 40 * 1024 * 1024,
    `heap grew ${Math.round((heapAfter - heapBefore) / 1e6)} MB, not by the ~400 MB stuck readers would hold`,
  );
  t.equal(openStreamCount(app.server), 1, 'the ten stuck streams were dropped');
});

async function listening(t: Parameters<typeof apiFixture>[0], limits: Record<string, number>) {
  const f = await apiFixture(t, (c) => {
    c.http = { limits };
  });
  const url = await f.app.listen({ host: '127.0.0.1', port: 0 });
  return { ...f, url };
}

async function waitUntil(cond: () => boolean, safetyMs = 10_000): Promise<void> {
  const end = Date.now() + safetyMs;
  while (!cond()) {
    if (Date.now() > end) throw new Error('gave up waiting');
    await new Promise((r) => setTimeout(r, 5));
  }
}
