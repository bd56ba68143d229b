import type { StationConfig } from './schema.js';

/** Development tokens of the built-in config; printed at start-up, never for a real site. */
export const DEV_TOKENS = {
  admin: 'dev-admin',
  kiosk: 'dev-kiosk',
  technician: 'dev-technician',
  counter1: 'dev-counter-1',
  counter2: 'dev-counter-2',
} as const;

/** What bare `npm start` runs: two services, two counters, every device simulated. */
export function builtInConfig(): StationConfig {
  return {
    station: { id: 'merek-01', name: 'Kecamatan Merek', regency: 'Kabupaten Karo', timezone: 'Asia/Jakarta' },
    http: { host: '127.0.0.1', port: 8080 },
    dataDir: './data',
    auth: {
      tokens: [
        { token: DEV_TOKENS.kiosk, role: 'kiosk', name: 'ticket kiosk' },
        { token: DEV_TOKENS.counter1, role: 'counter', counter: 1, name: 'Loket 1' },
        { token: DEV_TOKENS.counter2, role: 'counter', counter: 2, name: 'Loket 2' },
        { token: DEV_TOKENS.technician, role: 'technician', name: 'teknisi' },
        { token: DEV_TOKENS.admin, role: 'admin', name: 'admin' },
      ],
    },
    services: [
      {
        code: 'A',
        name: 'Perekaman e-KTP',
        dailyQuota: 150,
        steps: ['verify', 'photo', 'signature', 'biometrics', 'stamp'],
        expectedMinutes: 12,
        recording: true,
        targets: { waitMinutes: 60, stepSeconds: { verify: 120, photo: 60, signature: 30, biometrics: 90, stamp: 30 } },
      },
      {
        code: 'B',
        name: 'Pengambilan e-KTP',
        dailyQuota: 200,
        steps: ['verify', 'handover'],
        expectedMinutes: 4,
        targets: { waitMinutes: 30, stepSeconds: { verify: 60, handover: 60 } },
      },
    ],
    // Kecamatan Merek (FIELD.md): 13,993 obliged, 8,560 recorded before the station.
    coverage: { obliged: 13993, recordedBefore: 8560, since: '2026-12-01' },
    counters: [
      { id: 1, name: 'Loket 1', services: ['A', 'B'], recording: true },
      { id: 2, name: 'Loket 2', services: ['A', 'B'], recording: true },
    ],
    power: { recordingSets: 2, gensetRatedW: 5000 },
    devices: {
      printer: { driver: 'sim' },
      cardReader: [
        { driver: 'sim', counter: 1 },
        { driver: 'sim', counter: 2 },
      ],
      scanner: [
        { driver: 'sim', counter: 1 },
        { driver: 'sim', counter: 2 },
      ],
      kioskScanner: { driver: 'sim' },
      displays: [
        { driver: 'sim', counter: 1 },
        { driver: 'sim', counter: 2 },
      ],
      buttons: [
        { driver: 'sim', service: 'A' },
        { driver: 'sim', service: 'A', priority: true },
        { driver: 'sim', service: 'B' },
      ],
      mainsSense: { driver: 'sim' },
      gensetSense: { driver: 'sim' },
      powerMonitor: { driver: 'sim', shuntOhms: 0.1 },
      bridge: { driver: 'sim' },
    },
  };
}
