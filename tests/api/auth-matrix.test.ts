import t from 'tap';
import { apiFixture, auth } from '../support/api-fixture.js';
import { checkRoles, type RoleRoute } from '../support/role-matrix.js';

const ROUTES: RoleRoute[] = [
  { method: 'GET', url: '/api/v1/health', allowed: 'anyone' },
  { method: 'GET', url: '/api/v1/queue', allowed: 'anyone' },
  { method: 'POST', url: '/api/v1/tickets', body: { service: 'A' }, allowed: ['kiosk', 'admin'] },
  { method: 'GET', url: '/api/v1/tickets', allowed: ['technician', 'admin'] },
  { method: 'POST', url: '/api/v1/counters/1/call', allowed: ['counter1', 'admin'] },
  { method: 'POST', url: '/api/v1/counters/1/recall', allowed: ['counter1', 'admin'] },
  { method: 'POST', url: '/api/v1/counters/1/steps', body: { step: 'verify' }, allowed: ['counter1', 'admin'] },
  { method: 'POST', url: '/api/v1/counters/1/complete', allowed: ['counter1', 'admin'] },
  { method: 'POST', url: '/api/v1/counters/1/no-show', allowed: ['counter1', 'admin'] },
  { method: 'POST', url: '/api/v1/counters/1/transfer', body: { service: 'B' }, allowed: ['counter1', 'admin'] },
  { method: 'POST', url: '/api/v1/counters/2/call', allowed: ['counter2', 'admin'] },
  { method: 'POST', url: '/api/v1/counters/1/state', body: { state: 'open' }, allowed: ['counter1', 'admin'] },
  { method: 'GET', url: '/api/v1/devices', allowed: ['technician', 'admin'] },
  { method: 'POST', url: '/api/v1/sim/buttons/0/press', allowed: ['admin'] },
  { method: 'POST', url: '/api/v1/sim/power', body: { mains: false }, allowed: ['admin'] },
  { method: 'POST', url: '/api/v1/sim/card', body: { uid: '04A1B2C3' }, allowed: ['admin'] },
  { method: 'POST', url: '/api/v1/sim/scan', body: { code: 'SP-001' }, allowed: ['admin'] },
  { method: 'POST', url: '/api/v1/sim/devices/printer/fault', body: { fault: 'paper-out' }, allowed: ['admin'] },
  { method: 'GET', url: '/api/v1/sim/printer', allowed: ['admin'] },
  { method: 'GET', url: '/api/v1/sim/displays', allowed: ['admin'] },
  { method: 'GET', url: '/api/v1/power', allowed: ['technician', 'admin'] },
  { method: 'GET', url: '/api/v1/power/history?hours=24', allowed: ['technician', 'admin'] },
  { method: 'GET', url: '/api/v1/power/events', allowed: ['technician', 'admin'] },
  { method: 'GET', url: '/api/v1/alerts', allowed: ['technician', 'admin'] },
  {
    method: 'POST',
    url: '/api/v1/faults',
    body: { device: 'fingerprint', description: 'no prints' },
    allowed: ['counter1', 'counter2', 'technician', 'admin'],
  },
  {
    method: 'POST',
    url: '/api/v1/faults',
    body: { device: 'camera', description: 'blurred', counter: 1 },
    allowed: ['counter1', 'technician', 'admin'],
  },
  { method: 'GET', url: '/api/v1/faults', allowed: ['technician', 'admin'] },
  { method: 'GET', url: '/api/v1/faults?open=true', allowed: ['technician', 'admin'] },
  { method: 'POST', url: '/api/v1/faults/1/resolve', body: {}, allowed: ['technician', 'admin'] },
  { method: 'GET', url: '/api/v1/reports/daily', allowed: ['technician', 'admin'] },
  { method: 'GET', url: '/api/v1/reports/daily?format=csv', allowed: ['technician', 'admin'] },
  { method: 'GET', url: '/api/v1/reports/monthly', allowed: ['technician', 'admin'] },
  { method: 'GET', url: '/api/v1/reports/monthly?month=2026-11&format=csv', allowed: ['technician', 'admin'] },
  { method: 'GET', url: '/metrics', allowed: ['technician', 'admin'] },
];

t.test('every route answers 401 without a valid token and 403 for the wrong role', async (t) => {
  const { app, queue } = await apiFixture(t);
  await checkRoles(t, app, ROUTES);
  // Refused callers changed nothing: only the allowed kiosk and admin issued tickets.
  t.equal(queue.ticketsOfDay(queue.today()).length, 2);
});

t.test('a malformed Authorization header is a 401, not a 500', async (t) => {
  const { app } = await apiFixture(t);
  for (const header of ['Bearer', 'Basic abc', 'Bearer a b', '']) {
    const res = await app.inject({ method: 'GET', url: '/api/v1/tickets', headers: { authorization: header } });
    t.equal(res.statusCode, 401, JSON.stringify(header));
  }
});

t.test('tokens may be stored as SHA-256 digests', async (t) => {
  const { createHash } = await import('node:crypto');
  const digest = createHash('sha256').update('hashed-kiosk-token').digest('hex');
  const { app } = await apiFixture(t, (c) => {
    c.auth.tokens.push({ sha256: digest, role: 'kiosk' });
  });
  const res = await app.inject({ method: 'POST', url: '/api/v1/tickets', headers: auth('hashed-kiosk-token'), payload: { service: 'A' } });
  t.equal(res.statusCode, 201);
});
