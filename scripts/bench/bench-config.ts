/** The station config the ticket benchmark runs: services A–Z (999 a day each), every device simulated. */
import { writeFileSync } from 'node:fs';
import { stringify } from 'yaml';
import type { StationConfig } from '../../src/config/schema.js';
import { builtInConfig } from '../../src/config/defaults.js';

export const BENCH_KIOSK_TOKEN = 'bench-kiosk-token';
export const SERVICE_CODES = Array.from({ length: 26 }, (_, i) => String.fromCharCode(65 + i));
export const QUOTA = 999;

export function benchConfig(dataDir: string): StationConfig {
  return {
    station: { id: 'bench-01', name: 'Kecamatan Bench', regency: 'Kabupaten Karo', timezone: 'Asia/Jakarta' },
    // The benchmark issues hundreds of tickets a minute from one kiosk token: far past the station's default limit.
    http: { host: '127.0.0.1', port: 0, limits: { ticketsPerMinutePerToken: 1_000_000, ticketsPerMinutePerAddress: 1_000_000 } },
    dataDir,
    auth: { tokens: [{ token: BENCH_KIOSK_TOKEN, role: 'kiosk', name: 'bench kiosk' }] },
    services: SERVICE_CODES.map((code) => ({
      code,
      name: `Layanan ${code}`,
      dailyQuota: QUOTA,
      steps: ['verify', 'handover'],
      expectedMinutes: 5,
    })),
    counters: [
      { id: 1, name: 'Loket 1', services: SERVICE_CODES, recording: true },
      { id: 2, name: 'Loket 2', services: SERVICE_CODES, recording: true },
    ],
    power: { recordingSets: 2, gensetRatedW: 5000 },
    // Every device simulated, as `npm start` has them.
    devices: builtInConfig().devices,
  };
}

export function writeBenchConfig(file: string, dataDir: string): void {
  writeFileSync(file, stringify(benchConfig(dataDir)));
}
