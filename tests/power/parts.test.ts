/** The parts of power supervision on their own: budget, source, debounce, storage, pausing, config. */
import t from 'tap';
import fc from 'fast-check';
import { ManualClock } from '../../src/shared/clock.js';
import { silentLogger } from '../../src/shared/log.js';
import { powerBudget, requiredWatts, setsCarried, budgetWarnings } from '../../src/controller/power/budget.js';
import { rawSource, Debounced } from '../../src/controller/power/source.js';
import { PowerStore, type SampleRow } from '../../src/controller/power/power-store.js';
import { RecordingPause, POWER_PAUSE_REASON } from '../../src/controller/power/recording-pause.js';
import { checkConfig, resolveConfig } from '../../src/config/load.js';
import { builtInConfig } from '../../src/config/defaults.js';
import type { PowerSource } from '../../src/controller/events.js';
import { queueFixture } from '../support/station-fixture.js';

t.test('power budget: 3500 W for the first recording set, 350 W for each more', async (t) => {
  t.equal(requiredWatts(1), 3500);
  t.equal(requiredWatts(2), 3850);
  t.equal(requiredWatts(4), 4550);
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 50 }), (n) => {
      // A genset rated exactly for n sets carries n; one watt less carries n - 1.
      return setsCarried(requiredWatts(n)) === n && setsCarried(requiredWatts(n) - 1) === n - 1;
    }),
  );
  t.same(powerBudget({ recordingSets: 2, gensetRatedW: 5000 }), {
    recordingSets: 2,
    requiredW: 3850,
    availableW: 5000,
    gensetCanCarry: 5,
    marginW: 1150,
    warning: null,
  });
  const short = powerBudget({ recordingSets: 3, gensetRatedW: 3600 });
  t.equal(short.gensetCanCarry, 1);
  t.equal(short.marginW, 3600 - 4200);
  t.match(short.warning, /genset rated 3600 W carries 1 recording set\(s\) but 3 are configured \(need 4200 W/);
  t.match(powerBudget({ recordingSets: 1, gensetRatedW: 0 }).warning, /no genset configured/);
  t.same(budgetWarnings({ recordingSets: 2, gensetRatedW: 5000 }), []);
  t.match(budgetWarnings({ recordingSets: 3, gensetRatedW: 3600 }), [{ path: 'power.gensetRatedW', message: /^warning: / }]);
});

t.test('which source powers the office', async (t) => {
  const cases: Array<[boolean | null, boolean | null, boolean | null, PowerSource]> = [
    [true, false, true, 'mains'],
    [true, true, true, 'mains'], // genset test run while mains is present
    [false, true, true, 'genset'],
    [false, false, true, 'battery'], // the sense lines outrank the companion board
    [false, false, null, 'battery'],
    [false, null, true, 'genset'], // no genset line: AC from somewhere that is not mains
    [false, null, false, 'battery'],
    [null, null, null, 'unknown'],
    [null, null, true, 'unknown'],
  ];
  for (const [mains, genset, acPresent, want] of cases)
    t.equal(rawSource({ mains, genset, acPresent }), want, JSON.stringify({ mains, genset, acPresent }));
});

t.test('a source must hold for the debounce time; the first known one counts at once', async (t) => {
  const clock = new ManualClock('2026-11-28T08:00:00+07:00');
  const seen: Array<[PowerSource, PowerSource, number]> = [];
  const d = new Debounced<PowerSource>(
    'unknown',
    5000,
    clock,
    (s) => s !== 'unknown',
    (next, prev, since) => seen.push([next, prev, since]),
  );
  const t0 = clock.now();
  d.feed('mains');
  t.same(seen, [['mains', 'unknown', t0]], 'known at boot without waiting');
  d.feed('battery');
  clock.advance(3000);
  d.feed('mains'); // mains flickered for 3 s
  clock.advance(10_000);
  t.equal(seen.length, 1, 'a flicker is not an outage');
  const cut = clock.now();
  d.feed('battery');
  clock.advance(4999);
  t.equal(d.value, 'mains');
  clock.advance(1);
  t.equal(d.value, 'battery');
  t.same(seen.at(-1), ['battery', 'mains', cut], 'the change is dated when it began, not when it was accepted');
  d.feed('unknown');
  clock.advance(5000);
  t.equal(d.value, 'unknown', 'losing the inputs counts after the hold too');
  d.stop();
  t.equal(clock.pendingTimers(), 0);
});

t.test('samples older than 30 days become hourly means', async (t) => {
  const { db } = queueFixture(t);
  const store = new PowerStore(db);
  const base = Date.parse('2026-10-01T08:00:00+07:00');
  const sample = (i: number, source: PowerSource, v: number): SampleRow => ({
    at: base + i * 60_000,
    resolution: 'minute',
    source,
    mains: source === 'mains',
    genset: source === 'genset',
    busVoltage: v,
    currentA: 1,
    powerW: v,
    gensetBatteryV: null,
    fuelPercent: 50,
  });
  for (let i = 0; i < 120; i++) store.putSample(sample(i, i < 40 ? 'genset' : 'mains', i < 60 ? 12 : 13));
  store.putSample(sample(24 * 60 * 40, 'mains', 12.5)); // a recent one, 40 days later
  const hours = store.downsample(base + 24 * 60 * 60_000 * 30);
  t.equal(hours, 2);
  const rows = store.samples(0, Number.MAX_SAFE_INTEGER);
  t.same(
    rows.map((r) => [r.resolution, r.source, r.busVoltage, r.mains, r.gensetBatteryV]),
    [
      ['hour', 'genset', 12, false, null], // 40 genset minutes of 60: the hour counts as genset
      ['hour', 'mains', 13, true, null],
      ['minute', 'mains', 12.5, true, null], // recent minutes stay
    ],
  );
  t.equal(store.downsample(base + 24 * 60 * 60_000 * 30), 0, 'nothing left to fold');
});

t.test('power returning reopens only the counters the outage paused', async (t) => {
  const f = queueFixture(t);
  const pause = new RecordingPause(f.queue, f.config, silentLogger(), true);
  f.queue.setCounterState(2, 'paused', 'lunch');
  pause.set(false);
  t.equal(f.queue.counters.state(1), 'paused');
  t.equal(f.queue.counters.reason(1), POWER_PAUSE_REASON);
  t.equal(f.queue.counters.reason(2), 'lunch', 'a counter already paused by its officer keeps its reason');
  pause.set(true);
  t.equal(f.queue.counters.state(1), 'open');
  t.equal(f.queue.counters.state(2), 'paused', 'and stays paused when power returns');

  const off = new RecordingPause(f.queue, f.config, silentLogger(), false);
  off.set(false);
  t.equal(f.queue.counters.state(1), 'open', 'power.pauseRecordingOnOutage: false leaves counters alone');
});

t.test('config: alert thresholds and power debounce have defaults and are checked', async (t) => {
  const c = resolveConfig(builtInConfig());
  t.same(c.alerts, {
    supplyMinV: 11.5,
    gensetBatteryMinV: 11.8,
    fuelMinPercent: 20,
    gensetMaxRunMinutes: 240,
    deviceOfflineMinutes: 5,
    storageMinFreeMB: 200,
  });
  t.equal(c.power.debounceSeconds, 5);
  t.equal(c.power.pauseRecordingOnOutage, true);
  const raw = builtInConfig() as any;
  raw.alerts = { fuelMinPercent: 30, fuelMinPercnt: 3 };
  t.match(checkConfig(raw), [{ path: /^alerts/ }], 'a misspelt threshold is a problem with its path');
  raw.alerts = { fuelMinPercent: 30 };
  t.same(checkConfig(raw), []);
  t.equal(resolveConfig(raw).alerts.fuelMinPercent, 30);
});
