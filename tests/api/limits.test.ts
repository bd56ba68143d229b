/**
 * Limits everywhere a stranger can reach: ticket issue per token and per
 * address, every route per address (429 with Retry-After); a request body
 * trickling in is cut; event streams are capped in number, and a reader too
 * slow to take what it is sent is dropped with the station's memory flat.
 */
import t from 'tap';
import { connect } from 'node:net';
import { request } from 'node:http';
import { apiFixture, auth, TOKENS } from '../support/api-fixture.js';
import { openStreamCount, unsentBytes } from '../../src/api/sse.js';
import type { QueueView } from '../../src/controller/events.js';
import { waitFor } from '../support/wait.js';

const LAN = (n: number) => `192.168.1.${n}`;

t.test('one kiosk token cannot issue a day of tickets in a second: 429 with Retry-After', async (t) => {
  const { app, queue } = await apiFixture(t, (c) => {
    c.http = { limits: { ticketsPerMinutePerToken: 5, ticketsPerMinutePerAddress: 100 } };
  });
  const issue = (n: number) =>
    app.inject({ method: 'POST', url: '/api/v1/tickets', headers: auth(TOKENS.kiosk), payload: { service: 'A' }, remoteAddress: LAN(n) });
  const statuses: number[] = [];
  for (let i = 0; i < 8; i++) statuses.push((await issue(10 + i)).statusCode); // a new address each time: the token is what counts
  t.same(statuses, [201, 201, 201, 201, 201, 429, 429, 429]);
  const refused = await issue(30);
  t.equal(refused.json().error.code, 'RATE_LIMITED');
  t.match(refused.json().error.message, /Terlalu banyak permintaan.*Too many requests/);
  t.ok(Number(refused.headers['retry-after']) >= 1 && Number(refused.headers['retry-after']) <= 60, 'Retry-After in seconds');
  t.equal(queue.queueView().services[0]!.issued, 5, 'only five tickets exist');
  const admin = await app.inject({ method: 'POST', url: '/api/v1/tickets', headers: auth(TOKENS.admin), payload: { service: 'A' } });
  t.equal(admin.statusCode, 201, 'another token is counted apart');
});

t.test(
  'one address cannot issue tickets faster than its limit, whatever tokens it uses; the board itself is not limited by address',
  async (t) => {
    const { app } = await apiFixture(t, (c) => {
      c.http = { limits: { ticketsPerMinutePerToken: 100, ticketsPerMinutePerAddress: 3 } };
    });
    const issue = (token: string, remoteAddress: string) =>
      app.inject({ method: 'POST', url: '/api/v1/tickets', headers: auth(token), payload: { service: 'B' }, remoteAddress });
    const statuses: number[] = [];
    for (const token of [TOKENS.kiosk, TOKENS.admin, TOKENS.kiosk, TOKENS.admin]) statuses.push((await issue(token, LAN(40))).statusCode);
    t.same(statuses, [201, 201, 201, 429]);
    t.equal((await issue(TOKENS.kiosk, LAN(41))).statusCode, 201, 'another address is counted apart');
    for (let i = 0; i < 4; i++) t.equal((await issue(TOKENS.admin, '127.0.0.1')).statusCode, 201, 'loopback');
  },
);

t.test('public routes are limited per address, unauthenticated guessing included', async (t) => {
  const { app } = await apiFixture(t, (c) => {
    c.http = { limits: { requestsPerMinutePerAddress: 4 } };
  });
  const codes: number[] = [];
  for (let i = 0; i < 6; i++) codes.push((await app.inject({ url: '/api/v1/health', remoteAddress: LAN(50) })).statusCode);
  t.same(codes, [200, 200, 200, 200, 429, 429]);
  const guess = await app.inject({ url: '/api/v1/devices', headers: auth('guess'), remoteAddress: LAN(50) });
  t.equal(guess.statusCode, 429, 'token guessing from that address is refused too');
  t.equal((await app.inject({ url: '/api/v1/health', remoteAddress: LAN(51) })).statusCode, 200);
});

t.test('a body trickling in is cut: the request times out and the connection closes', async (t) => {
  const { app } = await apiFixture(t, (c) => {
    c.http = { limits: { requestTimeoutMs: 1500 } };
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as { port: number };
  const socket = connect(port, '127.0.0.1');
  let answer = '';
  let sent = 0;
  socket.on('data', (b) => (answer += b.toString()));
  const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
  socket.on('error', () => undefined);
  socket.write(
    `POST /api/v1/tickets HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${TOKENS.kiosk}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n`,
  );
  // One byte at a time, far slower than any real client.
  const drip = setInterval(() => {
    if (!socket.destroyed) socket.write('{'.slice(0, 1), () => sent++);
  }, 200);
  await closed;
  clearInterval(drip);
  t.ok(sent < 100, `cut before the body was complete (${sent} of 100 bytes)`);
  t.match(answer, /^HTTP\/1\.1 408/, 'answered 408 Request Timeout');
});

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

/** Waits for the server's streams to reach a state. */
function waitUntil(cond: () => boolean, safetyMs = 10_000): Promise<void> {
  return waitFor(cond, 'the event streams', safetyMs, 5);
}
