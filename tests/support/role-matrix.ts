/**
 * Who may call which route: every caller (no token, a wrong one, each role) against
 * a list of routes, as the API's and the whole station's auth matrices check them.
 */
import type { FastifyInstance } from 'fastify';
import type { Test } from 'tap';
import { auth, TOKENS } from './api-fixture.js';

export type Who = 'none' | 'wrong' | 'kiosk' | 'counter1' | 'counter2' | 'technician' | 'admin';
export const WHO: Who[] = ['none', 'wrong', 'kiosk', 'counter1', 'counter2', 'technician', 'admin'];
const tokenOf: Record<Who, string | null> = {
  none: null,
  wrong: 'not-a-token',
  kiosk: TOKENS.kiosk,
  counter1: TOKENS.counter1,
  counter2: TOKENS.counter2,
  technician: TOKENS.technician,
  admin: TOKENS.admin,
};

export interface RoleRoute {
  method: 'GET' | 'POST' | 'PUT';
  url: string;
  body?: object;
  allowed: Who[] | 'anyone';
}

/**
 * Each route as each caller: allowed callers get past auth (no 401/403, no 5xx, and a 404
 * is the route's own, not a missing route); the rest get 401 UNAUTHORIZED without a valid
 * token and 403 FORBIDDEN for a role the route does not serve.
 */
export async function checkRoles(t: Test, app: FastifyInstance, routes: RoleRoute[]): Promise<void> {
  for (const route of routes) {
    for (const who of WHO) {
      const token = tokenOf[who];
      const res = await app.inject({
        method: route.method,
        url: route.url,
        headers: token ? auth(token) : {},
        ...(route.body !== undefined ? { payload: route.body } : {}),
      });
      const label = `${route.method} ${route.url} as ${who} → ${res.statusCode}`;
      if (route.allowed === 'anyone' || route.allowed.includes(who)) {
        t.notOk([401, 403].includes(res.statusCode), label);
        t.ok(res.statusCode < 500, label);
        if (res.statusCode === 404) t.not(res.json().error.code, 'NOT_FOUND', `${label}: the route exists`);
      } else if (who === 'none' || who === 'wrong') {
        t.equal(res.statusCode, 401, label);
        t.equal(res.json().error.code, 'UNAUTHORIZED', label);
      } else {
        t.equal(res.statusCode, 403, label);
        t.equal(res.json().error.code, 'FORBIDDEN', label);
      }
    }
  }
}
