import { buildApp } from '../../src/api/app.js';
import { DeviceRegistry } from '../../src/controller/device-registry.js';
import { TicketDispenser } from '../../src/controller/ticket-dispenser.js';
import { silentLogger } from '../../src/shared/log.js';
import { DEV_TOKENS } from '../../src/config/defaults.js';
import type { StationConfig } from '../../src/config/schema.js';
import { queueFixture, MORNING } from './station-fixture.js';

export const auth = (token: string) => ({ authorization: `Bearer ${token}` });
export const TOKENS = DEV_TOKENS;

/** The API over a real queue and store, with no devices attached. */
export async function apiFixture(
  t: { teardown(fn: () => void | Promise<void>): void },
  edit?: (c: StationConfig) => void,
  start = MORNING,
) {
  const f = queueFixture(t, edit, start);
  const log = silentLogger();
  const devices = new DeviceRegistry(f.bus, log);
  const dispenser = new TicketDispenser(f.config, f.queue, f.bus, f.clock, log, null);
  const app = await buildApp(
    { config: f.config, queue: f.queue, dispenser, bus: f.bus, devices, simulators: null, health: () => 'ok', sseHeartbeatMs: 60_000 },
    log,
  );
  await app.ready();
  t.teardown(() => app.close());
  return { ...f, app, dispenser, devices };
}
