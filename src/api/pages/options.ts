/**
 * The pages' options taken from a station config, so the composition root
 * registers them in one line:
 *   await app.register(pagesPlugin, pagesOptions(config, { log, simulated, dataDir: config.dataDir }));
 */
import { join } from 'node:path';
import type { StationConfig } from '../../config/schema.js';
import type { Logger } from '../../shared/log.js';
import { createSpeech, type Speech } from '../../drivers/speech/espeak.js';
import type { PagesOptions } from './index.js';

export function pagesOptions(
  config: Pick<StationConfig, 'station' | 'services' | 'counters' | 'devices'>,
  x: { log?: Logger; simulated?: boolean; dataDir?: string; speech?: Speech },
): PagesOptions {
  const speech =
    x.speech ?? (x.dataDir ? createSpeech({ cacheDir: join(x.dataDir, 'voice-cache'), ...(x.log ? { log: x.log } : {}) }) : undefined);
  return {
    stationName: config.station.name,
    timeZone: config.station.timezone ?? 'Asia/Jakarta',
    simulated: x.simulated ?? false,
    services: config.services,
    counters: config.counters,
    buttons: (config.devices?.buttons ?? []).map((b) => ({ service: b.service, priority: b.priority ?? false })),
    ...(speech ? { speech } : {}),
    ...(x.log ? { log: x.log } : {}),
  };
}
