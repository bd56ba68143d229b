/**
 * The pages' options taken from a station config, so the composition root
 * registers them in one line:
 *   await app.register(pagesPlugin, pagesOptions(config, { log, simulated, speech }));
 */
import type { StationConfig } from '../../config/schema.js';
import type { Logger } from '../../shared/log.js';
import type { VoiceSynthesis } from '../../controller/voice-port.js';
import type { PagesOptions } from './index.js';
import type { SayableCalls } from '../../controller/voice/recent-calls.js';
import { residentPhrases } from '../../controller/voice/phrases.js';
import { pickupServiceOf } from '../../controller/residents/card-ready/entrance-desk.js';

export function pagesOptions(
  config: Pick<StationConfig, 'station' | 'services' | 'counters' | 'devices' | 'queue'>,
  x: { log?: Logger; simulated?: boolean; speech?: VoiceSynthesis; calls?: SayableCalls },
): PagesOptions {
  return {
    stationName: config.station.name,
    regency: config.station.regency,
    timeZone: config.station.timezone ?? 'Asia/Jakarta',
    simulated: x.simulated ?? false,
    services: config.services,
    counters: config.counters,
    maxCalls: config.queue?.maxCalls ?? 3,
    buttons: (config.devices?.buttons ?? []).map((b) => ({ service: b.service, priority: b.priority ?? false })),
    phrases: residentPhrases(pickupServiceOf(config.services)),
    ...(x.speech ? { speech: x.speech } : {}),
    ...(x.calls ? { calls: x.calls } : {}),
    ...(x.log ? { log: x.log } : {}),
  };
}
