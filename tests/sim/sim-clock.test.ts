/**
 * The simulated clock: stands still, moves only when told, runs every timer
 * due on the way in time order, and lets the I/O a timer starts settle before
 * the next timer runs (so a reply beats the timeout that would otherwise fire
 * first). Then the route, on a whole station with every device simulated.
 */
import t from 'tap';
import { SimClock } from '../../src/shared/sim-clock.js';
import { startStation } from '../../src/station.js';
import { silentLogger } from '../../src/shared/log.js';
import { testConfig, tempDir } from '../support/station-fixture.js';
import { apiFixture, auth, TOKENS } from '../support/api-fixture.js';
import { SIM_CLOCK_TIMEOUTS, simClockOption, realDevices } from '../../src/sim-clock-option.js';
import { resolveConfig } from '../../src/config/load.js';
import { builtInConfig } from '../../src/config/defaults.js';

const START = '2026-12-01T07:30:00+07:00';

t.test('timers run in time order, each at its own instant, only when the clock is moved', async (t) => {
  const clock = new SimClock(START);
  const seen: string[] = [];
  const stamp = (name: string) => () => seen.push(`${name}@${(clock.now() - Date.parse(START)) / 1000}`);
  clock.setTimeout(stamp('b'), 2_000);
  clock.setTimeout(stamp('a'), 1_000);
  const every = clock.setInterval(stamp('tick'), 1_500);
  await new Promise((r) => setTimeout(r, 20));
  t.same(seen, [], 'real time passing moves nothing');
  t.equal(clock.now(), Date.parse(START));
  await clock.advance(3_000);
  t.same(seen, ['a@1', 'tick@1.5', 'b@2', 'tick@3']);
  t.equal(clock.now(), Date.parse(START) + 3_000);
  every.cancel();
  await clock.advance(10_000);
  t.equal(seen.length, 4, 'a cancelled interval stays quiet');
  await t.rejects(clock.advance(-1), RangeError);
});

t.test('the I/O a timer starts is answered before a later timeout fires', async (t) => {
  const clock = new SimClock(START);
  const outcome: string[] = [];
  // A driver's poll: send a request, wait for a reply that comes back through a few turns of the event loop,
  // with a 50 ms timeout on the same clock.
  clock.setTimeout(() => {
    let answered = false;
    const timeout = clock.setTimeout(() => !answered && outcome.push('timed out'), 50);
    void Promise.resolve()
      .then(() => new Promise((r) => setImmediate(r)))
      .then(() => new Promise((r) => process.nextTick(r)))
      .then(() => {
        answered = true;
        timeout.cancel();
        outcome.push(`answered at ${clock.now() - Date.parse(START)} ms`);
      });
  }, 1_000);
  await clock.advance(60_000);
  t.same(outcome, ['answered at 1000 ms']);
});

t.test('advances asked for at once run one after the other', async (t) => {
  const clock = new SimClock(START);
  const at: number[] = [];
  clock.setInterval(() => at.push(clock.now() - Date.parse(START)), 1_000);
  await Promise.all([clock.advance(2_000), clock.advance(2_000)]);
  t.same(at, [1_000, 2_000, 3_000, 4_000]);
});

t.test('--sim-clock needs every device simulated and a time with its offset', async (t) => {
  const sim = resolveConfig(builtInConfig());
  t.same(realDevices(sim), []);
  t.type(simClockOption(sim, START), SimClock);
  t.match(simClockOption(sim, '2026-12-01 07:30'), { error: /needs a time with its offset/ });
  t.match(simClockOption(sim, '2026-12-01T07:30:00'), { error: /needs a time with its offset/ });
  const mixed = builtInConfig();
  mixed.devices!.printer = { driver: 'escpos', port: '/dev/ttyUSB0' };
  mixed.devices!.cardReader = [
    { driver: 'sim', counter: 1 },
    { driver: 'pn532', port: '/dev/ttyS0', counter: 2 },
  ];
  t.same(simClockOption(resolveConfig(mixed), START), {
    error:
      '--sim-clock runs only with every device simulated (driver: sim); these are real: devices.printer (escpos), devices.cardReader[1] (pn532)',
  });
});

t.test('GET and POST /api/v1/sim/clock on a station with every device simulated', async (t) => {
  const dir = tempDir(t);
  const clock = new SimClock(START);
  const station = await startStation({
    config: testConfig(dir, (c) => {
      c.devices!.bridge = { driver: 'sim', samplingMs: 1000 };
    }),
    clock,
    listen: false,
    log: silentLogger(),
    timeouts: SIM_CLOCK_TIMEOUTS,
    testing: { waitForDevices: true },
  });
  t.teardown(() => station.close());
  const api = async (method: 'GET' | 'POST', url: string, token: string = TOKENS.admin, payload?: object) => {
    const res = await station.app.inject({ method, url, headers: auth(token), ...(payload ? { payload } : {}) });
    return { status: res.statusCode, json: res.json() };
  };
  // Let every simulated device come up on the stopped clock.
  for (let i = 0; i < 50 && station.devices.worst() !== 'ok'; i++) await api('POST', '/api/v1/sim/clock', TOKENS.admin, { advanceMs: 200 });
  t.equal(station.devices.worst(), 'ok', 'every device up on the simulated clock');

  let res = await api('GET', '/api/v1/sim/clock');
  t.equal(res.status, 200);
  const bootNow = Date.parse(res.json.now);
  t.match(res.json.now, /^2026-12-01T07:3\d:\d\d\.\d{3}\+07:00$/);

  res = await api('POST', '/api/v1/tickets', TOKENS.kiosk, { service: 'A' });
  t.equal(Date.parse(res.json.ticket.issuedAt), bootNow, 'the ticket is stamped with the simulated time');

  // An hour passes in one request: the power sampler runs every minute on the way, the devices keep polling.
  res = await api('POST', '/api/v1/sim/clock', TOKENS.admin, { advanceMs: 3_600_000 });
  t.equal(res.status, 200);
  t.equal(Date.parse(res.json.now), bootNow + 3_600_000);
  t.equal(station.devices.worst(), 'ok', 'no device timed out while the clock ran');
  const samples = (await api('GET', '/api/v1/power/history?hours=2', TOKENS.technician)).json.samples as unknown[];
  t.ok(samples.length >= 59 && samples.length <= 61, `a power sample each simulated minute (${samples.length})`);
  res = await api('POST', '/api/v1/counters/1/call', TOKENS.admin);
  t.equal(Date.parse(res.json.ticket.calledAt) - Date.parse(res.json.ticket.issuedAt), 3_600_000, 'waited an hour');

  for (const bad of [{ advanceMs: -1 }, { advanceMs: 1.5 }, {}, { advanceMs: '60000' }, { advanceMs: 8 * 86_400_000 }])
    t.equal((await api('POST', '/api/v1/sim/clock', TOKENS.admin, bad)).status, 400, `refused: ${JSON.stringify(bad)}`);
  t.equal((await api('POST', '/api/v1/sim/clock', TOKENS.technician, { advanceMs: 1 })).status, 403);
  t.equal((await api('GET', '/api/v1/sim/clock', TOKENS.technician)).status, 403);
});

t.test('a station on the real clock answers 404', async (t) => {
  const f = await apiFixture(t);
  for (const [method, payload] of [
    ['GET', undefined],
    ['POST', { advanceMs: 1000 }],
  ] as const) {
    const res = await f.app.inject({ method, url: '/api/v1/sim/clock', headers: auth(TOKENS.admin), ...(payload ? { payload } : {}) });
    t.equal(res.statusCode, 404);
    t.equal(res.json().error.code, 'NOT_SIMULATED');
  }
});

t.test('npm start -- --sim-clock: the built station on a stopped clock, and refused with a real device', async (t) => {
  const { startChildStation, waitExit, MAIN } = await import('../support/child-station.js');
  const { execFile } = await import('node:child_process');
  const { join } = await import('node:path');
  const dir = tempDir(t);
  const station = await startChildStation(['--sim-clock', START, '--data-dir', join(dir, 'data')]);
  t.teardown(async () => {
    station.proc.kill('SIGTERM');
    await waitExit(station.proc);
  });
  const get = async (path: string, init: RequestInit = {}) => {
    const res = await fetch(`${station.url}${path}`, {
      ...init,
      headers: { authorization: `Bearer ${TOKENS.admin}`, 'content-type': 'application/json' },
    });
    return { status: res.status, json: (await res.json()) as Record<string, any> };
  };
  t.same((await get('/api/v1/sim/clock')).json, { now: '2026-12-01T07:30:00.000+07:00' }, 'stopped where it was told to start');
  const moved = await get('/api/v1/sim/clock', { method: 'POST', body: JSON.stringify({ advanceMs: 90_000 }) });
  t.same(moved.json, { now: '2026-12-01T07:31:30.000+07:00' });
  t.match(station.output(), /simulated clock/);

  const refused = await new Promise<{ code: number | null; stderr: string }>((resolve) =>
    execFile(
      process.execPath,
      [MAIN, '--config', join(process.cwd(), 'systemd/station.example.yaml'), '--sim-clock', START, '--port', '0'],
      (err, _out, stderr) => resolve({ code: (err as { code?: number } | null)?.code ?? 0, stderr }),
    ),
  );
  t.equal(refused.code, 1);
  t.match(refused.stderr, /--sim-clock runs only with every device simulated .*devices\.printer \(escpos\)/);
});
