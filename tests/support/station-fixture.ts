import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManualClock } from '../../src/shared/clock.js';
import { silentLogger } from '../../src/shared/log.js';
import { builtInConfig } from '../../src/config/defaults.js';
import { resolveConfig, type ResolvedConfig } from '../../src/config/load.js';
import type { StationConfig } from '../../src/config/schema.js';
import { openDatabase } from '../../src/controller/store/database.js';
import { EventBus } from '../../src/controller/event-bus.js';
import { QueueService } from '../../src/controller/queue/queue-service.js';

export function tempDir(t: { teardown(fn: () => void): void }, prefix = 'ktp-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** 08:00 WIB on Saturday 28 November 2026. */
export const MORNING = '2026-11-28T08:00:00+07:00';

export function testConfig(dataDir: string, edit?: (c: StationConfig) => void): ResolvedConfig {
  const c = builtInConfig();
  c.dataDir = dataDir;
  edit?.(c);
  return resolveConfig(c);
}

export function queueFixture(t: { teardown(fn: () => void): void }, edit?: (c: StationConfig) => void, start = MORNING) {
  const dir = tempDir(t);
  const config = testConfig(dir, edit);
  const clock = new ManualClock(start);
  const db = openDatabase(dir);
  t.teardown(() => db.close());
  const bus = new EventBus();
  const queue = new QueueService(db, config, clock, bus, silentLogger());
  return { dir, config, clock, db, bus, queue };
}
