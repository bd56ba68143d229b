/**
 * GET /api/v1/calls: the day's latest calls, newest first, for a waiting-room
 * screen opened after them. Anyone may read it; a no-show is left out, and a
 * ticket transferred since waits again, so it is not shown as called.
 */
import t from 'tap';
import { apiFixture, auth, TOKENS } from '../support/api-fixture.js';

t.test('the latest calls, newest first, without no-shows or transferred tickets', async (t) => {
  const { app, clock, queue } = await apiFixture(t, (c) => {
    c.queue = { ...(c.queue ?? {}), maxCalls: 1 };
  });
  const post = (url: string, token: string, payload: object = {}) =>
    app.inject({ method: 'POST', url: `/api/v1${url}`, headers: auth(token), payload });
  for (let i = 0; i < 4; i++) t.equal((await post('/tickets', TOKENS.kiosk, { service: 'A' })).statusCode, 201);
  const calls = async (query = '') => (await app.inject({ method: 'GET', url: `/api/v1/calls${query}` })).json().calls;
  t.same(await calls(), [], 'no call yet');

  t.equal((await post('/counters/1/call', TOKENS.counter1)).statusCode, 200); // A-001 → 1
  clock.advance(60_000);
  t.equal((await post('/counters/1/steps', TOKENS.counter1, { step: 'verify' })).statusCode, 200);
  t.equal((await post('/counters/1/complete', TOKENS.counter1)).statusCode, 200);
  t.equal((await post('/counters/2/call', TOKENS.counter2)).statusCode, 200); // A-002 → 2
  clock.advance(60_000);
  t.equal((await post('/counters/2/no-show', TOKENS.counter2)).statusCode, 200);
  t.equal((await post('/counters/1/call', TOKENS.counter1)).statusCode, 200); // A-003 → 1
  clock.advance(60_000);
  t.equal((await post('/counters/1/transfer', TOKENS.counter1, { service: 'B' })).statusCode, 200);
  t.equal((await post('/counters/2/call', TOKENS.counter2)).statusCode, 200); // A-004 → 2 (or B-… A-003)
  const current = queue.current(2)!.number;

  const list = await calls();
  t.same(
    list.map((c: { number: string; counter: number }) => [c.number, c.counter]),
    [
      [current, 2],
      ['A-001', 1],
    ],
    'the call held now, then the completed one; the no-show and the transferred call are left out',
  );
  t.match(list[1], { service: 'A', counterName: 'Loket 1', priority: false, calls: 1, at: /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d/ });
  t.equal((await calls('?limit=1')).length, 1, 'limit');
  t.equal((await app.inject({ method: 'GET', url: '/api/v1/calls?limit=500' })).statusCode, 400, 'a limit out of range is refused');
});
