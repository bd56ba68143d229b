/**
 * The clock and residents' routes on a whole station: each answers 401
 * without a valid token and 403 for a role it does not serve, and lets its
 * own roles through. Bodies are empty so an allowed caller meets the body's
 * validation (400) and changes nothing.
 */
import t from 'tap';
import { startStation } from '../../src/station.js';
import { silentLogger } from '../../src/shared/log.js';
import { tempDir, testConfig } from '../support/station-fixture.js';
import { checkRoles, type RoleRoute, type Who } from '../support/role-matrix.js';

const staff: Who[] = ['technician', 'admin'];
const ROUTES: RoleRoute[] = [
  { method: 'GET', url: '/api/v1/clock', allowed: staff },
  { method: 'POST', url: '/api/v1/clock', body: {}, allowed: staff },
  { method: 'POST', url: '/api/v1/clock/confirm', body: {}, allowed: staff },
  { method: 'GET', url: '/api/v1/announcements', allowed: 'anyone' },
  { method: 'GET', url: '/api/v1/announcements?all=true', allowed: ['admin'] },
  { method: 'PUT', url: '/api/v1/announcements', body: {}, allowed: ['admin'] },
  { method: 'GET', url: '/api/v1/ishoma', allowed: 'anyone' },
  { method: 'PUT', url: '/api/v1/ishoma', body: {}, allowed: ['admin'] },
  { method: 'GET', url: '/api/v1/information', allowed: 'anyone' },
  { method: 'PUT', url: '/api/v1/information', body: {}, allowed: ['admin'] },
  { method: 'POST', url: '/api/v1/cards/ready', body: {}, allowed: ['admin'] },
  { method: 'GET', url: '/api/v1/cards/ready', allowed: staff },
  { method: 'GET', url: '/api/v1/cards/ready/REG-7788', allowed: ['kiosk', 'counter1', 'counter2', 'admin'] },
  { method: 'POST', url: '/api/v1/survey', body: {}, allowed: ['kiosk'] },
  { method: 'GET', url: '/api/v1/survey/tickets/A-001', allowed: ['kiosk', 'admin'] },
  { method: 'GET', url: '/api/v1/survey/elements', allowed: 'anyone' },
];

t.test('clock and residents routes: 401 without a valid token, 403 for the wrong role', async (t) => {
  const dir = tempDir(t);
  const s = await startStation({ config: testConfig(dir), dataDir: dir, listen: false, log: silentLogger() });
  t.teardown(() => s.close());
  await checkRoles(t, s.app, ROUTES);
  t.same(s.residents.announcements.all(), [], 'refused and malformed calls stored no running text');
});
