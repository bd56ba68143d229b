/**
 * A seeded Merek day (FIELD.md): most residents are farmers who come early,
 * before the fields; two counters (Loket 1 records, Loket 2 hands out cards
 * and records too); SOP steps of a few minutes each; residents who answer
 * only a recall or never come; a few who came to record but only needed to
 * collect, sent to pickup after verification; more pickups than the day's
 * quota; a mains cut carried by the genset after the technician starts it;
 * a fingerprint scanner at Loket 1 that breaks and is repaired.
 * Every time is a whole second of local time on the day.
 */
import type { StationConfig } from '../config/schema.js';
import { builtInConfig } from '../config/defaults.js';
import { Random } from './random.js';

export const A_STEPS = ['verify', 'photo', 'signature', 'biometrics', 'stamp'] as const;
export const B_STEPS = ['verify', 'handover'] as const;

export interface Visit {
  /** Which call the resident answers (1 = the first), or null: never comes (no-show after the third). */
  answers: 1 | 2 | 3 | null;
  /** Seconds from the call answered to reaching the counter (the first step). */
  walkS: number;
  /** SOP steps and their seconds, in order. */
  steps: Array<[string, number]>;
  /** Extra seconds of biometrics at Loket 1 while its fingerprint scanner is broken. */
  brokenScannerS: number;
  /** After verify, the officer finds the resident only needs to collect a card: transfer to B. */
  transferToB: boolean;
}

export interface Arrival {
  at: number;
  service: 'A' | 'B';
  priority: boolean;
  visit: Visit;
  /** The visit at pickup after a transfer. */
  afterTransfer: Visit | null;
}

export interface DayPlan {
  seed: number;
  date: string;
  start: number;
  arrivals: Arrival[];
  countersOpenAt: number;
  lunchFrom: number;
  lunchTo: number;
  lastCallAt: number;
  reportAt: number;
  mainsCutAt: number;
  gensetOnAt: number;
  mainsBackAt: number;
  gensetOffAt: number;
  scannerBreaksAt: number;
  scannerRepairedAt: number;
  /** Officer's patience: a recall after this many seconds without the resident. */
  recallAfterS: number;
  /** An idle officer tries to call again after this many seconds. */
  retryS: number;
}

export const QUOTA = { A: 150, B: 40 };
export const TARGETS = {
  A: { waitMinutes: 60, stepSeconds: { verify: 120, photo: 60, signature: 30, biometrics: 90, stamp: 30 } },
  B: { waitMinutes: 30, stepSeconds: { verify: 60, handover: 60 } },
};
export const COVERAGE = { obliged: 13993, recordedBefore: 8560 };

/** The station the day runs on: Merek's services and counters, every device simulated. */
export function dayConfig(date: string, dataDir: string): StationConfig {
  const c = builtInConfig();
  c.dataDir = dataDir;
  // A day of tickets in seconds of wall time: the station's per-minute limits count wall time, so they are lifted here.
  c.http = { host: '127.0.0.1', port: 0, limits: { ticketsPerMinutePerToken: 1_000_000, ticketsPerMinutePerAddress: 1_000_000 } };
  c.services = [
    { code: 'A', name: 'Perekaman e-KTP', dailyQuota: QUOTA.A, steps: [...A_STEPS], recording: true, targets: TARGETS.A },
    { code: 'B', name: 'Pengambilan e-KTP', dailyQuota: QUOTA.B, steps: [...B_STEPS], targets: TARGETS.B },
  ];
  c.counters = [
    { id: 1, name: 'Loket 1', services: ['A'], recording: true },
    { id: 2, name: 'Loket 2', services: ['B', 'A'], recording: true },
  ];
  c.coverage = { ...COVERAGE, since: date };
  c.power = { recordingSets: 2, gensetRatedW: 5000, debounceSeconds: 5 };
  // The companion board and the supply monitor sample once a second and every 5 s on this day:
  // nothing reads them faster, and each sample costs real time on the simulated clock.
  c.devices!.bridge = { driver: 'sim', samplingMs: 1000 };
  c.devices!.powerMonitor = { driver: 'sim', shuntOhms: 0.1, sampleMs: 5000 };
  return c;
}

export function planDay(seed: number, date: string): DayPlan {
  const r = new Random(seed);
  const at = (hms: string) => Date.parse(`${date}T${hms}+07:00`);
  const start = at('07:00:00');
  const between = (from: string, to: string) => r.int(at(from) / 1000, at(to) / 1000 - 1) * 1000;
  const visit = (service: 'A' | 'B', transferred = false): Visit => {
    const u = r.next();
    const answers: Visit['answers'] = transferred ? 1 : u < 0.05 ? null : u < 0.15 ? 2 : u < 0.18 ? 3 : 1;
    const steps: Array<[string, number]> =
      service === 'A'
        ? [
            ['verify', r.int(40, 140)],
            ['photo', r.int(30, 75)],
            ['signature', r.int(15, 40)],
            ['biometrics', r.int(50, 110)],
            ['stamp', r.int(15, 35)],
          ]
        : [
            ['verify', r.int(25, 70)],
            ['handover', r.int(30, 80)],
          ];
    return {
      answers,
      walkS: transferred ? r.int(10, 30) : r.int(20, 55),
      steps,
      brokenScannerS: service === 'A' ? r.int(60, 180) : 0,
      transferToB: false,
    };
  };
  const arrivals: Arrival[] = [];
  const nA = r.int(85, 105);
  for (let i = 0; i < nA; i++) {
    // Farmers come before the fields: more than half before 08:30.
    const t = r.chance(0.55) ? between('07:00:00', '08:30:00') : between('08:30:00', '14:00:00');
    arrivals.push({ at: t, service: 'A', priority: r.chance(0.08), visit: visit('A'), afterTransfer: null });
  }
  // Two to four came to record but only needed to collect: after verify they are sent to pickup (B).
  for (let k = r.int(2, 4); k > 0; k--) {
    const a = arrivals[r.int(0, arrivals.length - 1)]!;
    if (a.afterTransfer || a.visit.answers === null) continue;
    a.visit.transferToB = true;
    a.afterTransfer = visit('B', true);
  }
  const nB = r.int(46, 56);
  for (let i = 0; i < nB; i++) {
    const t = r.chance(0.4) ? between('07:15:00', '08:30:00') : between('08:30:00', '14:30:00');
    arrivals.push({ at: t, service: 'B', priority: r.chance(0.05), visit: visit('B'), afterTransfer: null });
  }
  arrivals.sort((a, b) => a.at - b.at);
  const mainsCutAt = between('09:20:00', '10:10:00');
  const gensetOnAt = mainsCutAt + r.int(90, 300) * 1000;
  const mainsBackAt = gensetOnAt + r.int(15 * 60, 50 * 60) * 1000;
  const scannerBreaksAt = between('10:30:00', '11:30:00');
  return {
    seed,
    date,
    start,
    arrivals,
    countersOpenAt: at('08:00:00'),
    lunchFrom: at('12:00:00'),
    lunchTo: at('13:00:00'),
    lastCallAt: at('15:30:00'),
    reportAt: at('16:30:00'),
    mainsCutAt,
    gensetOnAt,
    mainsBackAt,
    gensetOffAt: mainsBackAt + r.int(120, 600) * 1000,
    scannerBreaksAt,
    scannerRepairedAt: scannerBreaksAt + r.int(90 * 60, 180 * 60) * 1000,
    recallAfterS: 60,
    retryS: 30,
  };
}
