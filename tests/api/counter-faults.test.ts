/**
 * A counter that reported a broken device sees its own faults, and learns on
 * its own stream when the technician resolves one, with the repair note.
 */
import t from 'tap';
import { ManualClock } from '../../src/shared/clock.js';
import { silentLogger } from '../../src/shared/log.js';
import { startStation } from '../../src/station.js';
import { tempDir, testConfig, MORNING } from '../support/station-fixture.js';
import { auth, TOKENS } from '../support/api-fixture.js';

t.test('report from counter 1, resolve with a note: counter 1 hears of it, counter 2 does not', async (t) => {
  const clock = new ManualClock(MORNING);
  const s = await startStation({ config: testConfig(tempDir(t)), clock, log: silentLogger(), listen: false });
  t.teardown(() => s.close());
  const seen: Array<{ name: string; scope: unknown; data: { id: number; open: boolean; resolution: string | null } }> = [];
  s.bus.subscribe((e) => {
    if (e.name === 'fault') seen.push(e as never);
  });
  const call = (method: 'GET' | 'POST', url: string, token: string, payload?: object) =>
    s.app.inject({ method, url, headers: auth(token), ...(payload ? { payload } : {}) });

  const report = await call('POST', '/api/v1/faults', TOKENS.counter1, { device: 'fingerprint', description: 'sensor reads nothing' });
  t.equal(report.statusCode, 201);
  const id = report.json().fault.id as number;
  t.match(seen, [{ scope: { kind: 'counter', counter: 1 }, data: { id, open: true } }], 'the report is on counter 1 stream');

  const mine = await call('GET', '/api/v1/counters/1/faults', TOKENS.counter1);
  t.same(
    mine.json().faults.map((f: { id: number; open: boolean }) => [f.id, f.open]),
    [[id, true]],
    'counter 1 lists its open fault',
  );
  t.same((await call('GET', '/api/v1/counters/2/faults', TOKENS.counter2)).json().faults, [], 'counter 2 has none');
  t.equal((await call('GET', '/api/v1/counters/1/faults', TOKENS.counter2)).statusCode, 403, "a counter cannot read another's");

  clock.advance(45 * 60_000);
  const refused = await call('POST', `/api/v1/faults/${id}/resolve`, TOKENS.technician, {});
  t.equal(refused.json().error.code, 'REPAIR_NOTE_REQUIRED');
  const fixed = await call('POST', `/api/v1/faults/${id}/resolve`, TOKENS.technician, {
    resolution: 'sensor glass cleaned, driver reinstalled',
  });
  t.equal(fixed.statusCode, 200);
  t.match(seen[1], {
    scope: { kind: 'counter', counter: 1 },
    data: { id, open: false, resolution: 'sensor glass cleaned, driver reinstalled' },
  });
  t.match((await call('GET', '/api/v1/counters/1/faults', TOKENS.counter1)).json().faults, [
    { id, open: false, repairMinutes: 45, resolution: 'sensor glass cleaned, driver reinstalled' },
  ]);
  t.equal(s.queue.queueView().counters[0]!.degraded, false, 'the counter is no longer degraded');

  clock.advance(24 * 3_600_000);
  t.same((await call('GET', '/api/v1/counters/1/faults', TOKENS.counter1)).json().faults, [], 'resolved faults drop off the next day');
});
