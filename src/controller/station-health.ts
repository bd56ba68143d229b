/**
 * The station's overall health as /api/v1/health tells it to anyone: `ok`,
 * `degraded` or `fault`, with short reason codes and no device details.
 * Storage that cannot be written is a fault (nothing new can be recorded);
 * low free space is degraded; devices count as before.
 */
import type { DeviceRegistry } from './device-registry.js';
import type { StorageHealth } from './store/storage-health.js';

export type HealthStatus = 'ok' | 'degraded' | 'fault';

export function stationHealth(devices: DeviceRegistry, storage: StorageHealth | null): { status: HealthStatus; reasons: string[] } {
  const reasons = storage?.reasons() ?? [];
  const worst = devices.worst();
  if (worst !== 'ok') reasons.push(`device-${worst}`);
  const storageFault = storage?.status().state === 'fault';
  const status: HealthStatus = storageFault || worst === 'fault' ? 'fault' : reasons.length > 0 ? 'degraded' : 'ok';
  return { status, reasons };
}
