import t from 'tap';
import { apiFixture, auth, TOKENS } from '../support/api-fixture.js';

t.test('simulator control is a 404 on a station whose devices are all real', async (t) => {
  const { app } = await apiFixture(t); // no simulators
  for (const [method, url, payload] of [
    ['POST', '/api/v1/sim/buttons/0/press', undefined],
    ['POST', '/api/v1/sim/power', { mains: false }],
    ['POST', '/api/v1/sim/card', { uid: '04A1B2C3' }],
    ['POST', '/api/v1/sim/scan', { code: 'SP-120601-20261128-0042' }],
    ['POST', '/api/v1/sim/devices/printer/fault', { fault: 'paper-out' }],
    ['GET', '/api/v1/sim/printer', undefined],
  ] as const) {
    const res = await app.inject({ method, url, headers: auth(TOKENS.admin), ...(payload ? { payload } : {}) });
    t.equal(res.statusCode, 404, `${method} ${url}`);
    t.equal(res.json().error.code, 'NOT_SIMULATED');
  }
});
