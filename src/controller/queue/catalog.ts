/** The configured services and counters, looked up by code and id with an answer a caller can act on. */
import { StationError } from '../../shared/errors.js';
import type { ResolvedConfig } from '../../config/load.js';

export type ServiceConfig = ResolvedConfig['services'][number];
export type CounterConfig = ResolvedConfig['counters'][number];

export function findService(config: ResolvedConfig, code: string): ServiceConfig {
  const s = config.services.find((x) => x.code === code);
  if (!s)
    throw new StationError(
      'UNKNOWN_SERVICE',
      `unknown service "${code}" (services: ${config.services.map((x) => x.code).join(', ')})`,
      400,
    );
  return s;
}

export function findCounter(config: ResolvedConfig, id: number): CounterConfig {
  const c = config.counters.find((x) => x.id === id);
  if (!c) throw new StationError('COUNTER_NOT_FOUND', `no counter ${id}`, 404);
  return c;
}
