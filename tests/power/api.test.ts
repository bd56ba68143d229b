/**
 * The power, fault, report and metrics routes over a real store with no
 * devices: who may call them, and bad input is a 4xx that changes nothing.
 */
import t from 'tap';
import { buildApp } from '../../src/api/app.js';
import { DeviceRegistry } from '../../src/controller/device-registry.js';
import { TicketDispenser } from '../../src/controller/ticket-dispenser.js';
import { PowerSupervisor } from '../../src/controller/power/supervisor.js';
import { FaultBook } from '../../src/controller/faults/fault-book.js';
import { QueueService } from '../../src/controller/queue/queue-service.js';
import { silentLogger } from '../../src/shared/log.js';
import { queueFixture } from '../support/station-fixture.js';
import { auth, TOKENS } from '../support/api-fixture.js';

async function fixture(t: Parameters<typeof queueFixture>[0], edit?: Parameters<typeof queueFixture>[1]) {
  const f = queueFixture(t, edit);
  const log = silentLogger();
  const devices = new DeviceRegistry(f.bus, log);
  const faults = new FaultBook(f.db, f.clock, log, f.config.station.timezone);
  // As the composition root wires it: an open fault marks its counter degraded.
  const queue = new QueueService(f.db, f.config, f.clock, f.bus, log, { counterDegraded: (c) => faults.counterDegraded(c) });
  const dispenser = new TicketDispenser(f.config, queue, f.bus, f.clock, log, null);
  const power = new PowerSupervisor({ db: f.db, config: f.config, clock: f.clock, bus: f.bus, log, queue, devices, ports: {} });
  power.start();
  t.teardown(() => power.stop());
  const app = await buildApp(
    {
      config: f.config,
      queue,
      dispenser,
      bus: f.bus,
      devices,
      simulators: null,
      health: () => 'ok',
      power,
      faults,
      sseHeartbeatMs: 60_000,
    },
    log,
  );
  await app.ready();
  t.teardown(() => app.close());
  const call = async (method: 'GET' | 'POST', url: string, token: string | null, body?: unknown) => {
    const res = await app.inject({
      method,
      url,
      headers: token ? auth(token) : {},
      ...(body !== undefined ? { payload: body as object } : {}),
    });
    return { status: res.statusCode, body: res.body, json: () => res.json() };
  };
  return { ...f, queue, app, power, faults, call };
}

type Who = 'kiosk' | 'counter1' | 'counter2' | 'technician' | 'admin';
const WHO: Who[] = ['kiosk', 'counter1', 'counter2', 'technician', 'admin'];

t.test('allowed callers get their answer, the others 401 or 403', async (t) => {
  const { call } = await fixture(t);
  const routes: Array<{ method: 'GET' | 'POST'; url: string; body?: unknown; allowed: Who[]; ok: number }> = [
    { method: 'GET', url: '/api/v1/power', allowed: ['technician', 'admin'], ok: 200 },
    { method: 'GET', url: '/api/v1/power/history', allowed: ['technician', 'admin'], ok: 200 },
    { method: 'GET', url: '/api/v1/power/events', allowed: ['technician', 'admin'], ok: 200 },
    { method: 'GET', url: '/api/v1/alerts?active=true', allowed: ['technician', 'admin'], ok: 200 },
    {
      method: 'POST',
      url: '/api/v1/faults',
      body: { device: 'iris', description: 'no image' },
      allowed: ['counter1', 'counter2', 'technician', 'admin'],
      ok: 201,
    },
    { method: 'GET', url: '/api/v1/faults', allowed: ['technician', 'admin'], ok: 200 },
    { method: 'GET', url: '/api/v1/reports/daily', allowed: ['technician', 'admin'], ok: 200 },
    { method: 'GET', url: '/metrics', allowed: ['technician', 'admin'], ok: 200 },
  ];
  for (const r of routes) {
    t.equal((await call(r.method, r.url, null, r.body)).status, 401, `${r.url} without a token`);
    for (const who of WHO) {
      const res = await call(r.method, r.url, TOKENS[who], r.body);
      t.equal(res.status, r.allowed.includes(who) ? r.ok : 403, `${r.method} ${r.url} as ${who}`);
    }
  }
});

t.test('faults: who reports for which counter, and bad input changes nothing', async (t) => {
  const { call, faults, queue } = await fixture(t);
  let res = await call('POST', '/api/v1/faults', TOKENS.counter2, { device: 'signature-pad', description: 'pen does not register' });
  t.equal(res.status, 201);
  t.equal(res.json().fault.counter, 2, "a counter's report is for its own counter");
  t.match(res.json().fault.reportedBy, /counter/);
  t.equal(queue.queueView().counters.find((c) => c.id === 2)!.degraded, true);
  res = await call('POST', '/api/v1/faults', TOKENS.counter2, { device: 'camera', description: 'x', counter: 1 });
  t.equal(res.status, 403, 'not for another counter');
  res = await call('POST', '/api/v1/faults', TOKENS.technician, { device: 'camera', description: 'flash broken', counter: 1 });
  t.equal(res.status, 201, 'a technician reports for any counter');
  res = await call('POST', '/api/v1/faults', TOKENS.technician, { device: 'camera', description: 'flash broken' });
  t.equal(res.json().fault.counter, null, 'or for none (a shared device)');
  const before = faults.list().length;
  for (const body of [
    { device: 'camera' },
    { device: '', description: 'x' },
    { device: 'camera', description: '   ' },
    { device: 'camera', description: 'x', counter: 0 },
    { device: 'camera', description: 'x', extra: 1 },
    { device: 'camera', description: 'x'.repeat(1001) },
  ]) {
    res = await call('POST', '/api/v1/faults', TOKENS.technician, body);
    t.equal(res.status, 400, JSON.stringify(body).slice(0, 60));
    t.type(res.json().error.code, 'string');
  }
  res = await call('POST', '/api/v1/faults', TOKENS.technician, { device: 'camera', description: 'x', counter: 9 });
  t.equal(res.status, 404, 'unknown counter');
  t.equal(faults.list().length, before, 'refused reports stored nothing');
  t.equal((await call('POST', '/api/v1/faults/999/resolve', TOKENS.technician, {})).status, 404);
  t.equal((await call('POST', '/api/v1/faults/abc/resolve', TOKENS.technician, {})).status, 400);
  t.equal((await call('POST', '/api/v1/faults/1/resolve', TOKENS.technician, { resolution: 1 })).status, 400);
  for (const body of [undefined, {}, { resolution: '  ok ' }]) {
    const refused = await call('POST', '/api/v1/faults/1/resolve', TOKENS.technician, body);
    t.same(
      [refused.status, refused.json().error.code],
      [400, 'REPAIR_NOTE_REQUIRED'],
      `a repair note is required: ${JSON.stringify(body)}`,
    );
  }
  t.equal(faults.get(1)!.open, true, 'and a refused resolve changed nothing');
  const fixed = await call('POST', '/api/v1/faults/1/resolve', TOKENS.technician, { resolution: 'new signature pad pen fitted' });
  t.equal(fixed.status, 200);
  t.equal(fixed.json().fault.resolution, 'new signature pad pen fitted', 'the repair note is kept');
  t.equal(queue.queueView().counters.find((c) => c.id === 2)!.degraded, false);
  const open = (await call('GET', '/api/v1/faults?open=true', TOKENS.technician)).json().faults;
  t.same(
    open.map((f: { id: number }) => f.id),
    [3, 2],
    'open faults, newest first',
  );
  t.equal((await call('GET', '/api/v1/faults?open=maybe', TOKENS.technician)).status, 400);
});

t.test('power and report queries refuse bad input with 400', async (t) => {
  const { call } = await fixture(t);
  for (const url of [
    '/api/v1/power/history?hours=0',
    '/api/v1/power/history?hours=abc',
    '/api/v1/power/history?hours=99999',
    '/api/v1/power/events?limit=x',
    '/api/v1/reports/daily?date=28-11-2026',
    '/api/v1/reports/daily?date=2026-13-45',
    '/api/v1/reports/daily?format=xml',
    '/api/v1/power?x=1',
  ]) {
    const res = await call('GET', url, TOKENS.technician);
    t.equal(res.status, 400, url);
    t.type(res.json().error?.code, 'string');
  }
  const p = (await call('GET', '/api/v1/power', TOKENS.technician)).json();
  t.equal(p.source, 'unknown', 'no sense lines: the source is unknown, not guessed');
  t.same(p.supply, { busVoltage: null, currentA: null, powerW: null });
  t.same({ requiredW: p.budget.requiredW, availableW: p.budget.availableW }, { requiredW: 3850, availableW: 5000 });
});

t.test('a genset too small for the recording sets is a warning in the API', async (t) => {
  const { call } = await fixture(t, (c) => {
    c.power = { recordingSets: 3, gensetRatedW: 3600 };
  });
  const b = (await call('GET', '/api/v1/power', TOKENS.technician)).json().budget;
  t.match(b, { requiredW: 4200, availableW: 3600, gensetCanCarry: 1, warning: /carries 1 recording set/ });
});
