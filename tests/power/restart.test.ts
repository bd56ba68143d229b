/**
 * What the station acknowledged is on disk: a restart in the middle of an
 * outage (the board's own battery ran flat) keeps the outage, its start time,
 * the counters it paused and the genset run, and does not count the minutes
 * the station was off on any source.
 */
import t from 'tap';
import { ManualClock } from '../../src/shared/clock.js';
import { simStation, TOKENS } from './helpers/sim-station.js';
import { tempDir } from '../support/station-fixture.js';

const near = (a: number, b: number, tol: number) => Math.abs(a - b) <= tol;

t.test('an outage and a genset run survive a restart of the station', async (t) => {
  const dataDir = tempDir(t, 'ktp-power-restart-');
  const first = await simStation(t, { dataDir });
  await first.until('08:10');
  await first.api('POST', '/api/v1/sim/power', TOKENS.admin, { mains: false });
  await first.pass(10_000);
  t.equal(first.station.power.view().source, 'battery');
  t.equal(first.station.queue.counters.state(1), 'paused');
  await first.until('08:20');
  await first.api('POST', '/api/v1/sim/power', TOKENS.admin, { genset: true });
  await first.pass(10_000);
  t.equal(first.station.power.view().source, 'genset');
  await first.until('08:30');
  await first.api('POST', '/api/v1/sim/power', TOKENS.admin, { genset: false });
  await first.pass(10_000);
  t.equal(first.station.power.view().source, 'battery', 'genset stopped, mains still out');
  t.equal(first.station.queue.counters.state(2), 'paused');
  await first.until('08:40');
  const lastSampleBeforeCut = first.at('08:40');
  await first.close();

  // The board comes back at 09:00 on mains; the simulated office starts with mains present.
  const clock = new ManualClock(first.at('09:00'));
  const second = await simStation(t, { dataDir, clock });
  const view = second.station.power.view();
  t.equal(view.source, 'mains');
  t.equal(view.outage, false);
  t.equal(second.station.queue.counters.state(1), 'open', 'counters the outage paused reopen after the restart');
  t.equal(second.station.queue.counters.state(2), 'open');

  const res = await second.api('GET', '/api/v1/power/events', TOKENS.technician);
  const evs = [...res.json.events].reverse() as Array<{ kind: string; at: string; detail: Record<string, number | null> }>;
  const end = evs.find((e) => e.kind === 'outage-end')!;
  t.ok(end, 'the outage that began before the restart ends after it');
  t.equal(
    new Date(end.detail.startedAt!).toISOString(),
    new Date(first.at('08:10') + 50).toISOString(),
    'it keeps its start time (08:10 plus the line debounce)',
  );
  t.ok(near(end.detail.durationS!, 50 * 60, 30), `outage lasted ${end.detail.durationS} s`);
  t.ok(near(end.detail.gensetDelayS!, 10 * 60, 1), 'genset power came 10 min in');
  t.same(
    evs.filter((e) => e.kind === 'genset-stop').map((e) => Math.round(e.detail.runS! / 60)),
    [10],
  );

  const m = (await second.api('GET', '/api/v1/power', TOKENS.technician)).json.today.minutes;
  t.ok(near(m.genset, 10, 0.1), `genset ${m.genset} min`);
  t.ok(near(m.battery, 10 + 10, 0.1), `battery ${m.battery} min: up to the last sample at 08:40, not the time the station was off`);
  t.ok(lastSampleBeforeCut < clock.now());
});
