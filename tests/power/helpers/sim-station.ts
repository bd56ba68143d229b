/**
 * A whole station (every device simulated, real drivers) on a ManualClock,
 * for power tests. Time moves in small steps with the in-process device
 * lines flushed between steps, so every driver sees its replies in time.
 */
import { startStation, type RunningStation } from '../../../src/station.js';
import { ManualClock } from '../../../src/shared/clock.js';
import { silentLogger } from '../../../src/shared/log.js';
import type { StationConfig } from '../../../src/config/schema.js';
import type { StationEvent } from '../../../src/controller/event-bus.js';
import { testConfig, tempDir, MORNING } from '../../support/station-fixture.js';
import { TOKENS, auth } from '../../support/api-fixture.js';

export { TOKENS };

export interface SimStation {
  station: RunningStation;
  clock: ManualClock;
  dataDir: string;
  /** Every event published since start, with the clock time it was published at. */
  events: Array<StationEvent & { atMs: number }>;
  /** Moves the clock by ms in steps of at most stepMs, letting device I/O settle after each. */
  pass(ms: number, stepMs?: number): Promise<void>;
  /** Moves the clock to an absolute local time on the test day ("08:10" or "08:10:30"). */
  until(hhmm: string): Promise<void>;
  at(hhmm: string): number;
  api(
    method: 'GET' | 'POST',
    url: string,
    token: string,
    body?: unknown,
  ): Promise<{ status: number; json: any; text: string; headers: Record<string, unknown> }>;
  close(): Promise<void>;
}

const flush = async (rounds = 4) => {
  for (let i = 0; i < rounds; i++) await new Promise((r) => setImmediate(r));
};

/** Driver waits long enough that a reply always arrives within one step. */
export const TEST_TIMEOUTS = {
  pn532AckMs: 60_000,
  pn532ResponseMs: 60_000,
  pn532PollMs: 5_000,
  printerStatusMs: 60_000,
  printerStatusPollMs: 60_000,
};

export async function simStation(
  t: { teardown(fn: () => void | Promise<void>): void },
  opts: { edit?: (c: StationConfig) => void; dataDir?: string; clock?: ManualClock; day?: string } = {},
): Promise<SimStation> {
  const dataDir = opts.dataDir ?? tempDir(t, 'ktp-power-');
  const clock = opts.clock ?? new ManualClock(MORNING);
  const day = opts.day ?? MORNING.slice(0, 10);
  const config = testConfig(dataDir, opts.edit);
  const station = await startStation({ config, clock, dataDir, listen: false, log: silentLogger(), timeouts: TEST_TIMEOUTS });
  const events: SimStation['events'] = [];
  station.bus.subscribe((e) => events.push({ ...e, atMs: clock.now() }));
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await station.close();
  };
  t.teardown(close);

  const pass = async (ms: number, stepMs = 1000) => {
    let left = ms;
    while (left > 0) {
      const step = Math.min(stepMs, left);
      clock.advance(step);
      left -= step;
      await flush();
    }
  };
  const at = (hhmm: string) => Date.parse(`${day}T${hhmm.length === 5 ? `${hhmm}:00` : hhmm}+07:00`);
  const until = async (hhmm: string) => {
    const target = at(hhmm);
    if (target < clock.now()) throw new Error(`${hhmm} is in the past`);
    await pass(target - clock.now());
  };
  const api: SimStation['api'] = async (method, url, token, body) => {
    const res = await station.app.inject({ method, url, headers: auth(token), ...(body !== undefined ? { payload: body as object } : {}) });
    let json: any = null;
    try {
      json = res.json();
    } catch {
      /* CSV or text */
    }
    return { status: res.statusCode, json, text: res.body, headers: res.headers };
  };
  // Let every simulated device connect.
  for (let i = 0; i < 60 && station.devices.worst() !== 'ok'; i++) await pass(500, 100);
  return { station, clock, dataDir, events, pass, until, at, api, close };
}
