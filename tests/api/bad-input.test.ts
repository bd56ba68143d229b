import t from 'tap';
import { apiFixture, auth, TOKENS } from '../support/api-fixture.js';

const cases: Array<{ name: string; url: string; token: string; payload: unknown; headers?: Record<string, string>; status: number }> = [
  { name: 'service of the wrong type', url: '/api/v1/tickets', token: TOKENS.kiosk, payload: { service: 1 }, status: 400 },
  { name: 'service missing', url: '/api/v1/tickets', token: TOKENS.kiosk, payload: {}, status: 400 },
  { name: 'priority as a string', url: '/api/v1/tickets', token: TOKENS.kiosk, payload: { service: 'A', priority: 'yes' }, status: 400 },
  { name: 'unknown field', url: '/api/v1/tickets', token: TOKENS.kiosk, payload: { service: 'A', nik: '1206014507900001' }, status: 400 },
  { name: 'unknown service', url: '/api/v1/tickets', token: TOKENS.kiosk, payload: { service: 'Z' }, status: 400 },
  { name: 'lower-case service', url: '/api/v1/tickets', token: TOKENS.kiosk, payload: { service: 'a' }, status: 400 },
  { name: 'a list instead of an object', url: '/api/v1/tickets', token: TOKENS.kiosk, payload: [{ service: 'A' }], status: 400 },
  {
    name: 'not JSON',
    url: '/api/v1/tickets',
    token: TOKENS.kiosk,
    payload: '{service: A',
    headers: { 'content-type': 'application/json' },
    status: 400,
  },
  { name: 'huge body', url: '/api/v1/tickets', token: TOKENS.kiosk, payload: { service: 'A', pad: 'x'.repeat(100_000) }, status: 413 },
  {
    name: 'form-encoded body',
    url: '/api/v1/tickets',
    token: TOKENS.kiosk,
    payload: 'service=A',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    status: 415,
  },
  { name: 'step of the wrong type', url: '/api/v1/counters/1/steps', token: TOKENS.admin, payload: { step: ['photo'] }, status: 400 },
  { name: 'unknown step', url: '/api/v1/counters/1/steps', token: TOKENS.admin, payload: { step: 'dance' }, status: 400 },
  { name: 'call with a body field', url: '/api/v1/counters/1/call', token: TOKENS.admin, payload: { counter: 2 }, status: 400 },
  {
    name: 'transfer to an unknown service',
    url: '/api/v1/counters/1/transfer',
    token: TOKENS.admin,
    payload: { service: 'Q' },
    status: 400,
  },
  { name: 'transfer with a number', url: '/api/v1/counters/1/transfer', token: TOKENS.admin, payload: { service: 2 }, status: 400 },
  { name: 'counter id that is not a number', url: '/api/v1/counters/abc/call', token: TOKENS.admin, payload: undefined, status: 400 },
  { name: 'counter that does not exist', url: '/api/v1/counters/7/call', token: TOKENS.admin, payload: undefined, status: 404 },
  { name: 'bad counter state', url: '/api/v1/counters/1/state', token: TOKENS.admin, payload: { state: 'asleep' }, status: 400 },
];

t.test('bad input is a 4xx with a stable error shape, and changes nothing', async (t) => {
  const { app, queue } = await apiFixture(t);
  // One ticket called at counter 1, so counter routes have something they could wrongly change.
  await app.inject({ method: 'POST', url: '/api/v1/tickets', headers: auth(TOKENS.kiosk), payload: { service: 'A' } });
  await app.inject({ method: 'POST', url: '/api/v1/tickets', headers: auth(TOKENS.kiosk), payload: { service: 'A' } });
  await app.inject({ method: 'POST', url: '/api/v1/counters/1/call', headers: auth(TOKENS.counter1) });
  const before = JSON.stringify(queue.ticketsOfDay(queue.today()));
  for (const c of cases) {
    const res = await app.inject({
      method: 'POST',
      url: c.url,
      headers: { ...auth(c.token), ...(c.headers ?? {}) },
      ...(c.payload !== undefined ? { payload: c.payload as string } : {}),
    });
    t.equal(res.statusCode, c.status, `${c.name}: ${res.body.slice(0, 120)}`);
    const body = res.json();
    t.type(body.error?.code, 'string', `${c.name} has an error code`);
    t.type(body.error?.message, 'string', `${c.name} has a message`);
  }
  t.equal(JSON.stringify(queue.ticketsOfDay(queue.today())), before, 'no ticket changed');
});

t.test('bad query strings are 400s', async (t) => {
  const { app } = await apiFixture(t);
  for (const url of [
    '/api/v1/tickets?date=28-11-2026',
    '/api/v1/tickets?date=today',
    '/api/v1/tickets?color=red',
    '/api/v1/tickets?date=2024-13-45',
    '/api/v1/tickets?date=2024-02-30',
    '/api/v1/tickets?date=2023-02-29',
    '/api/v1/tickets?date=2024-00-10',
    '/api/v1/reports/daily?date=2024-13-45',
  ]) {
    const res = await app.inject({ method: 'GET', url, headers: auth(TOKENS.technician) });
    t.equal(res.statusCode, 400, url);
    t.match(res.json().error, { code: String, message: String }, `${url}: an error that says why`);
  }
  const leap = await app.inject({ method: 'GET', url: '/api/v1/tickets?date=2024-02-29', headers: auth(TOKENS.technician) });
  t.equal(leap.statusCode, 200, 'a leap day is a day');
  t.same(leap.json().tickets, []);
});

t.test('an empty body with a JSON content type is accepted where no body is needed', async (t) => {
  const { app } = await apiFixture(t);
  await app.inject({ method: 'POST', url: '/api/v1/tickets', headers: auth(TOKENS.kiosk), payload: { service: 'B' } });
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/counters/2/call',
    headers: { ...auth(TOKENS.counter2), 'content-type': 'application/json' },
    payload: '',
  });
  t.equal(res.statusCode, 200);
  t.equal(res.json().ticket.number, 'B-001');
});

t.test('unknown routes are JSON 404s', async (t) => {
  const { app } = await apiFixture(t);
  const res = await app.inject({ method: 'GET', url: '/api/v1/nothing' });
  t.equal(res.statusCode, 404);
  t.equal(res.json().error.code, 'NOT_FOUND');
});
