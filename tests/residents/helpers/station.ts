/** A whole station (every device simulated) on a stopped clock, for the residents' tests. */
import type { Test } from 'tap';
import { ManualClock } from '../../../src/shared/clock.js';
import { silentLogger } from '../../../src/shared/log.js';
import { startStation, type RunningStation } from '../../../src/station.js';
import type { StationEvent } from '../../../src/controller/event-bus.js';
import type { StationEventName } from '../../../src/controller/events.js';
import type { StationConfig } from '../../../src/config/schema.js';
import { tempDir, testConfig, MORNING } from '../../support/station-fixture.js';

export { auth, TOKENS } from '../../support/api-fixture.js';

export { waitFor as until } from '../../support/wait.js';
import { waitFor as until } from '../../support/wait.js';

export interface ResidentsStation {
  s: RunningStation;
  clock: ManualClock;
  /** Every event published since start, in order. */
  events: StationEvent[];
  /** Resolves with the next event of that name published from now on. */
  next<N extends StationEventName>(name: N): Promise<StationEvent<N>>;
}

export async function residentsStation(t: Test, edit?: (c: StationConfig) => void, start = MORNING): Promise<ResidentsStation> {
  const dir = tempDir(t);
  const clock = new ManualClock(start);
  const s = await startStation({
    config: testConfig(dir, edit),
    clock,
    log: silentLogger(),
    listen: false,
    testing: { waitForDevices: true },
  });
  t.teardown(() => s.close());
  const events: StationEvent[] = [];
  const waiters: Array<{ name: string; resolve: (e: StationEvent) => void }> = [];
  s.bus.subscribe((e) => {
    events.push(e);
    for (const w of waiters.filter((x) => x.name === e.name)) {
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve(e);
    }
  });
  await until(
    () => ['kiosk-scanner', 'printer'].every((id) => s.devices.get(id)?.state().status === 'ok'),
    'the entrance scanner and the printer',
  );
  return {
    s,
    clock,
    events,
    next: <N extends StationEventName>(name: N) =>
      new Promise<StationEvent<N>>((resolve, reject) => {
        const w = { name, resolve: resolve as (e: StationEvent) => void };
        waiters.push(w);
        const guard = setTimeout(() => reject(new Error(`no ${name} event`)), 5000);
        guard.unref();
      }),
  };
}
