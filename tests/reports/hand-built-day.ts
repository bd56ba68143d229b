/**
 * A day built by hand for the report tests: every figure of its report is
 * worked out on paper in daily-hand-built.test.ts. The day runs through the
 * real queue, fault book and power store on a manual clock, in time order.
 *
 * Services: A (recording; steps verify/photo/signature/biometrics/stamp;
 * quota 6; targets: wait 30 min, steps 120/60/30/90/30 s) and B (verify/
 * handover; quota 3; targets: wait 20 min, steps 60/60 s). Counter 1 serves
 * A, counter 2 serves B. Coverage: 1,000 obliged, 900 recorded before
 * 2026-11-29. Two recording sets, genset 5,000 W.
 */
import type { StationConfig } from '../../src/config/schema.js';
import type { QueueService } from '../../src/controller/queue/queue-service.js';
import type { ManualClock } from '../../src/shared/clock.js';
import type { Db } from '../../src/controller/store/database.js';
import { FaultBook } from '../../src/controller/faults/fault-book.js';
import { PowerStore } from '../../src/controller/power/power-store.js';
import { silentLogger } from '../../src/shared/log.js';

export const DAY = '2026-12-01';
export const at = (hms: string, day = DAY) => Date.parse(`${day}T${hms.length === 5 ? `${hms}:00` : hms}+07:00`);

export function handBuiltConfig(c: StationConfig): void {
  c.services = [
    {
      code: 'A',
      name: 'Perekaman e-KTP',
      dailyQuota: 6,
      recording: true,
      steps: ['verify', 'photo', 'signature', 'biometrics', 'stamp'],
      targets: { waitMinutes: 30, stepSeconds: { verify: 120, photo: 60, signature: 30, biometrics: 90, stamp: 30 } },
    },
    {
      code: 'B',
      name: 'Pengambilan e-KTP',
      dailyQuota: 3,
      steps: ['verify', 'handover'],
      targets: { waitMinutes: 20, stepSeconds: { verify: 60, handover: 60 } },
    },
  ];
  c.counters = [
    { id: 1, name: 'Loket 1', services: ['A'], recording: true },
    { id: 2, name: 'Loket 2', services: ['B'] },
  ];
  c.coverage = { obliged: 1000, recordedBefore: 900, since: '2026-11-29' };
  c.power = { recordingSets: 2, gensetRatedW: 5000 };
}

/** One person recorded on an earlier day: issue, call, the five steps a minute each, done. */
function recordOne(q: QueueService, clock: ManualClock, day: string, hhmm: string) {
  clock.set(at(hhmm, day));
  q.issue({ service: 'A', source: 'kiosk' });
  q.call(1);
  for (const step of ['verify', 'photo', 'signature', 'biometrics', 'stamp']) {
    clock.advance(60_000);
    q.startStep(1, step);
  }
  clock.advance(60_000);
  q.complete(1);
}

/** Builds the day; the clock ends at 17:00, when the report is read. */
export function buildDay(q: QueueService, clock: ManualClock, db: Db): void {
  // Earlier days: 28 Nov (before `since`: not counted) 1 recorded; 29 Nov 2; 30 Nov 3.
  recordOne(q, clock, '2026-11-28', '09:00');
  recordOne(q, clock, '2026-11-29', '09:00');
  recordOne(q, clock, '2026-11-29', '10:00');
  for (const h of ['09:00', '10:00', '11:00']) recordOne(q, clock, '2026-11-30', h);

  const faults = new FaultBook(db, clock, silentLogger(), 'Asia/Jakarta');
  const power = new PowerStore(db);
  power.switchSegment('mains', at('18:00', '2026-11-30'));
  let fingerprint = 0;

  const issue =
    (service: string, priority = false) =>
    () =>
      q.issue({ service, priority, source: 'kiosk' });
  const refused = (service: string) => () => {
    try {
      q.issue({ service, source: 'kiosk' });
    } catch (e) {
      if ((e as { code?: string }).code === 'QUOTA_EXHAUSTED') return;
      throw e;
    }
    throw new Error(`service ${service} issued past its quota`);
  };
  const c = (counter: number, action: string, arg?: string) => () => {
    if (action === 'call') return q.call(counter);
    if (action === 'recall') return q.recall(counter);
    if (action === 'complete') return q.complete(counter);
    if (action === 'no-show') return q.noShow(counter);
    if (action === 'transfer') return q.transfer(counter, arg!);
    if (action === 'pause') return q.setCounterState(counter, 'paused', arg ?? null);
    if (action === 'open') return q.setCounterState(counter, 'open');
    return q.startStep(counter, action);
  };
  const plan: Array<[string, () => unknown]> = [
    ['07:30', issue('A')], // A-001
    ['07:31', issue('A')], // A-002
    ['07:32', issue('A', true)], // A-003, priority
    ['07:40', issue('B')], // B-001
    ['07:45', c(2, 'call')], // B-001
    ['07:46', c(2, 'verify')],
    ['07:47', c(2, 'handover')],
    ['07:48', c(2, 'complete')],
    ['08:00', c(1, 'call')], // A-003 (priority first)
    ['08:00:30', c(1, 'verify')],
    ['08:02:30', c(1, 'photo')],
    ['08:03:30', c(1, 'signature')],
    ['08:04:30', c(1, 'biometrics')],
    ['08:05', issue('A')], // A-004
    ['08:06:30', c(1, 'stamp')],
    ['08:07', c(1, 'complete')],
    ['08:08', c(1, 'call')], // A-001
    ['08:09', c(1, 'recall')], // its last call
    ['08:09:40', c(1, 'verify')],
    ['08:11:10', c(1, 'transfer', 'B')], // A-001 leaves A for B
    ['08:12', c(1, 'call')], // A-002
    ['08:12:20', c(1, 'verify')],
    ['08:14:20', c(1, 'photo')],
    ['08:15', c(2, 'call')], // A-001, now in B
    ['08:15:30', c(2, 'verify')],
    ['08:15:50', c(1, 'signature')],
    ['08:16:10', c(1, 'biometrics')],
    ['08:17:30', c(2, 'handover')],
    ['08:17:40', c(1, 'stamp')],
    ['08:18', c(1, 'complete')],
    ['08:18:30', c(2, 'complete')],
    ['08:20', c(1, 'call')], // A-004
    ['08:21', c(1, 'recall')],
    ['08:22', c(1, 'recall')],
    ['08:23', c(1, 'no-show')],
    ['08:30', issue('B')], // B-002
    ['08:40', issue('B')], // B-003: the last of B's quota
    ['08:41', refused('B')],
    ['08:42', refused('B')],
    ['08:45', c(2, 'call')], // B-002
    ['08:45:40', c(2, 'verify')],
    ['08:46:40', c(2, 'handover')],
    ['08:48:10', c(2, 'complete')],
    ['08:50', c(2, 'call')], // B-003
    ['08:51', c(2, 'verify')],
    ['08:52', c(2, 'handover')],
    ['08:53', c(2, 'complete')],
    [
      '09:00',
      () => (fingerprint = faults.report({ device: 'fingerprint', description: 'no prints', counter: 1, reportedBy: 'counter 1' }).id),
    ],
    // Mains fails at 10:00; the genset starts at 10:02 and carries the office from 10:03; mains back at 10:20.
    [
      '10:00',
      () => {
        power.switchSegment('battery', at('10:00'));
        power.addEvent(at('10:00'), 'outage-start', 'battery', {});
      },
    ],
    ['10:02', () => power.addEvent(at('10:02'), 'genset-start', 'battery', {})],
    [
      '10:03',
      () => {
        power.switchSegment('genset', at('10:03'));
        power.addEvent(at('10:03'), 'genset-power', 'genset', { delayS: 180 });
      },
    ],
    ['10:05', issue('A')], // A-005, during the outage
    ['10:10', issue('A')], // A-006, during the outage; never called
    [
      '10:20',
      () => {
        power.switchSegment('mains', at('10:20'));
        power.addEvent(at('10:20'), 'outage-end', 'mains', { durationS: 1200, gensetDelayS: 180, startedAt: at('10:00') });
      },
    ],
    ['10:25', () => power.addEvent(at('10:25'), 'genset-stop', 'mains', { runS: 1380, startedAt: at('10:02') })],
    ['11:30', () => faults.resolve(fingerprint, 'technician', 'cable replaced')],
    ['12:00', c(1, 'pause', 'ISHOMA')],
    ['13:00', c(1, 'open')],
    ['13:05', c(1, 'call')], // A-005
    ['13:06', c(1, 'verify')],
    ['13:08', c(1, 'photo')],
    ['13:09', c(1, 'signature')],
    ['13:09:30', c(1, 'biometrics')],
    ['13:11', c(1, 'stamp')],
    ['13:11:30', c(1, 'complete')],
    ['14:00', () => faults.report({ device: 'camera', description: 'no picture', counter: 2, reportedBy: 'counter 2' })],
    ['17:00', () => undefined],
  ];
  for (const [time, action] of plan) {
    clock.set(at(time));
    action();
  }
}
