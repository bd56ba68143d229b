/** The pages plugin's own routes, through app.inject (no browser). */
import t from 'tap';
import Fastify from 'fastify';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pagesPlugin, pagesOptions } from '../../src/api/pages/index.js';
import { createSpeech } from '../../src/drivers/speech/espeak.js';
import { EventBus } from '../../src/controller/event-bus.js';
import { recentCalls } from '../../src/controller/voice/recent-calls.js';
import { systemClock } from '../../src/shared/clock.js';
import type { CallView } from '../../src/controller/events.js';

const config = {
  station: { id: 'merek-01', name: 'Kecamatan Merek', regency: 'Kabupaten Karo', timezone: 'Asia/Jakarta' },
  services: [{ code: 'A', name: 'Perekaman e-KTP', dailyQuota: 150, steps: ['verify', 'photo'] }],
  counters: [{ id: 1, name: 'Loket 1', services: ['A'] }],
  devices: {
    buttons: [
      { driver: 'sim' as const, service: 'A' },
      { driver: 'sim' as const, service: 'A', priority: true },
    ],
  },
};

async function app(t: { teardown(fn: () => unknown): void }, speechBinary?: string) {
  const dir = mkdtempSync(join(tmpdir(), 'ktp-pages-plugin-'));
  const a = Fastify();
  const speech = createSpeech({ cacheDir: join(dir, 'voice'), ...(speechBinary ? { binary: speechBinary } : {}) });
  // Two calls the station made: the voice route says only those.
  const bus = new EventBus();
  const calls = recentCalls(bus, systemClock);
  for (const [number, counter] of [
    ['B-012', 2],
    ['A-001', 1],
  ] as const)
    bus.publish('called', { number, counter } as CallView);
  await a.register(pagesPlugin, pagesOptions(config, { simulated: true, speech, calls }));
  t.teardown(async () => {
    await a.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return a;
}

t.test('pages and their files are served; nothing outside the public folder', async (t) => {
  const a = await app(t);
  for (const page of ['display', 'counter', 'technician', 'sim']) {
    const res = await a.inject(`/${page}`);
    t.equal(res.statusCode, 200, page);
    t.match(res.headers['content-type'], /text\/html/);
  }
  const js = await a.inject('/pages/display.js');
  t.match(js.headers['content-type'], /javascript/);
  for (const bad of ['/pages/..%2Findex.ts', '/pages/index.ts', '/pages/.hidden.js', '/pages/nothing.js']) {
    t.equal((await a.inject(bad)).statusCode, 404, bad);
  }
});

t.test('the pages config carries names, steps and buttons from the station config', async (t) => {
  const a = await app(t);
  const body = (await a.inject('/api/v1/pages/config')).json();
  t.equal(body.stationName, 'Kecamatan Merek');
  t.same(body.services, [{ code: 'A', name: 'Perekaman e-KTP', steps: ['verify', 'photo'] }]);
  t.same(body.counters, [{ id: 1, name: 'Loket 1', services: ['A'] }]);
  t.same(body.buttons, [
    { index: 0, service: 'A', priority: false },
    { index: 1, service: 'A', priority: true },
  ]);
  t.equal(body.simulated, true);
  t.equal(body.voice, true);
});

t.test('the voice call is a WAV made offline; bad input is a 400', async (t) => {
  const a = await app(t);
  const res = await a.inject('/api/v1/voice/call.wav?number=B-012&counter=2&priority=1');
  t.equal(res.statusCode, 200);
  t.equal(res.headers['content-type'], 'audio/wav');
  t.equal(res.rawPayload.subarray(0, 4).toString('ascii'), 'RIFF');
  for (const q of ['number=B12&counter=2', 'number=B-012&counter=0', 'number=B-012&counter=x', 'number=B-012&counter=1&lang=fr', '']) {
    const bad = await a.inject(`/api/v1/voice/call.wav?${q}`);
    t.equal(bad.statusCode, 400, q || '(nothing)');
    t.type(bad.json().error.code, 'string');
  }
});

t.test('the voice route says only calls the station made lately', async (t) => {
  const a = await app(t);
  for (const q of ['number=B-013&counter=2', 'number=B-012&counter=1', 'number=Z-999&counter=9']) {
    const res = await a.inject(`/api/v1/voice/call.wav?${q}`);
    t.equal(res.statusCode, 404, q);
    t.equal(res.json().error.code, 'NOT_CALLED');
  }
});

t.test('without espeak-ng the voice route says so with a 503 and the config says voice: false', async (t) => {
  const a = await app(t, '/nonexistent/espeak-ng');
  const res = await a.inject('/api/v1/voice/call.wav?number=A-001&counter=1');
  t.equal(res.statusCode, 503);
  t.equal(res.json().error.code, 'VOICE_UNAVAILABLE');
  t.equal((await a.inject('/api/v1/pages/config')).json().voice, false);
});
