/**
 * Report benchmark over a year of data: fills a station database with a year
 * of working days (Monday to Friday, ~110,000 tickets with their SOP steps)
 * through the queue's own code on a manual clock, then times the daily report
 * (every working day of one month, and a spread of days over the year) and
 * the monthly report (every month), as the API builds them.
 *
 *   npx tsc -p tsconfig.json && node dist/scripts/bench-reports.js [--tickets N] [--year YYYY] [--keep DIR]
 *
 * --tickets: tickets over the year (default 110000; 20000 for a quick look).
 * --keep DIR: fill DIR once and reuse it on later runs (the fill takes minutes).
 * The database lives in /dev/shm where there is one: the figures are the report's
 * reading and arithmetic, not the disk's; the station's own pragmas (WAL,
 * synchronous=FULL) are kept. Prints a table and one JSON line with the load.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { builtInConfig } from '../src/config/defaults.js';
import { resolveConfig, type ResolvedConfig } from '../src/config/load.js';
import { openDatabase, type Db } from '../src/controller/store/database.js';
import { EventBus } from '../src/controller/event-bus.js';
import { QueueService } from '../src/controller/queue/queue-service.js';
import { dailyReport } from '../src/controller/reports/daily.js';
import { monthlyReport } from '../src/controller/reports/monthly.js';
import { ManualClock } from '../src/shared/clock.js';
import { silentLogger } from '../src/shared/log.js';

const { values } = parseArgs({ options: { tickets: { type: 'string' }, year: { type: 'string' }, keep: { type: 'string' } } });
const TICKETS = Number(values.tickets ?? 110_000);
const YEAR = Number(values.year ?? 2026);
if (!Number.isInteger(TICKETS) || TICKETS < 1000 || !Number.isInteger(YEAR)) {
  console.error('usage: bench-reports [--tickets N (>= 1000)] [--year YYYY] [--keep DIR]');
  process.exit(2);
}

const A_STEPS = ['verify', 'photo', 'signature', 'biometrics', 'stamp'];
const B_STEPS = ['verify', 'handover'];

function config(dataDir: string): ResolvedConfig {
  const c = builtInConfig();
  c.dataDir = dataDir;
  c.services = [
    {
      code: 'A',
      name: 'Perekaman e-KTP',
      dailyQuota: 999,
      recording: true,
      steps: A_STEPS,
      targets: { waitMinutes: 30, stepSeconds: { verify: 120, photo: 60, signature: 30, biometrics: 90, stamp: 30 } },
    },
    { code: 'B', name: 'Pengambilan e-KTP', dailyQuota: 999, steps: B_STEPS, targets: { waitMinutes: 20 } },
  ];
  c.counters = [
    { id: 1, name: 'Loket 1', services: ['A'], recording: true },
    { id: 2, name: 'Loket 2', services: ['A'], recording: true },
    { id: 3, name: 'Loket 3', services: ['A'], recording: true },
    { id: 4, name: 'Loket 4', services: ['A'], recording: true },
    { id: 5, name: 'Loket 5', services: ['B'] },
    { id: 6, name: 'Loket 6', services: ['B'] },
  ];
  c.coverage = { obliged: 200_000, recordedBefore: 60_000, since: `${YEAR}-01-01` };
  return resolveConfig(c);
}

/** Mulberry32: the same year on every run. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function workingDays(year: number): string[] {
  const out: string[] = [];
  for (let d = new Date(Date.UTC(year, 0, 1)); d.getUTCFullYear() === year; d.setUTCDate(d.getUTCDate() + 1)) {
    const wd = d.getUTCDay();
    if (wd !== 0 && wd !== 6) out.push(d.toISOString().slice(0, 10));
  }
  return out;
}

const at = (day: string, minutesAfterMidnight: number) => Date.parse(`${day}T00:00:00+07:00`) + minutesAfterMidnight * 60_000;

interface Event {
  t: number;
  run: () => void;
}

/**
 * One working day as a small discrete-event simulation in time order: residents
 * arrive 07:00–13:00 (more early), counters call from 08:00, run each SOP step
 * for 20–80 s, complete; one ticket in 30 is a no-show after every recall.
 */
function fillDay(q: QueueService, clock: ManualClock, day: string, perDay: number, rnd: () => number): number {
  const events: Event[] = [];
  const push = (e: Event) => {
    let i = events.length;
    while (i > 0 && events[i - 1]!.t > e.t) i--;
    events.splice(i, 0, e);
  };
  const waiting = { A: 0, B: 0 };
  const busy = new Set<number>();
  const serviceOf = (id: number) => (id >= 5 ? 'B' : 'A');
  const maxCalls = 3;

  const tryCall = (id: number, t: number) => {
    if (busy.has(id) || waiting[serviceOf(id)] === 0 || t > at(day, 17 * 60)) return;
    busy.add(id);
    waiting[serviceOf(id)]--;
    q.call(id);
    let s = t;
    if (rnd() < 1 / 30) {
      for (let c = 1; c < maxCalls; c++) push({ t: (s += 60_000), run: () => q.recall(id) });
      push({ t: (s += 60_000), run: () => (q.noShow(id), free(id, s)) });
      return;
    }
    s += 30_000 + Math.floor(rnd() * 90_000);
    for (const step of serviceOf(id) === 'A' ? A_STEPS : B_STEPS) {
      push({ t: s, run: () => void q.startStep(id, step) });
      s += 20_000 + Math.floor(rnd() * 60_000);
    }
    push({ t: s, run: () => (q.complete(id), free(id, s)) });
  };
  const free = (id: number, t: number) => {
    busy.delete(id);
    tryCall(id, t);
  };

  for (let i = 0; i < perDay; i++) {
    const minute = 7 * 60 + Math.floor(360 * rnd() ** 1.6);
    const t = at(day, minute) + Math.floor(rnd() * 60_000);
    const service = rnd() < 0.62 ? 'A' : 'B';
    push({
      t,
      run: () => {
        q.issue({ service, source: 'kiosk', priority: rnd() < 0.05 });
        waiting[service]++;
        for (let id = 1; id <= 6; id++) if (serviceOf(id) === service) tryCall(id, t);
      },
    });
  }
  for (let id = 1; id <= 6; id++) push({ t: at(day, 8 * 60), run: () => tryCall(id, at(day, 8 * 60)) });

  let n = 0;
  while (events.length) {
    const e = events.shift()!;
    if (e.t > clock.now()) clock.set(e.t);
    e.run();
    n++;
  }
  return n;
}

function fill(dir: string): { db: Db; cfg: ResolvedConfig; q: QueueService; clock: ManualClock; fillS: number | null } {
  const cfg = config(dir);
  const fresh = !existsSync(join(dir, 'station.db'));
  const clock = new ManualClock(at(`${YEAR}-01-01`, 6 * 60));
  const db = openDatabase(dir);
  const q = new QueueService(db, cfg, clock, new EventBus(), silentLogger());
  if (!fresh) return { db, cfg, q, clock, fillS: null };
  const days = workingDays(YEAR);
  const rnd = random(12);
  const began = performance.now();
  let issued = 0;
  days.forEach((day, i) => {
    const perDay = Math.round((TICKETS * (i + 1)) / days.length) - issued;
    // One transaction per day: each queue change inside still runs its own
    // (nested, a savepoint) exactly as at the counter; only the commits are fewer.
    db.transaction(() => fillDay(q, clock, day, perDay, rnd))();
    issued += perDay;
    if ((i + 1) % 20 === 0) process.stderr.write(`\rfilled ${i + 1}/${days.length} days, ${issued} tickets`);
  });
  process.stderr.write('\n');
  return { db, cfg, q, clock, fillS: (performance.now() - began) / 1000 };
}

/** Wall time and this process's CPU time (user + system) of one report, in ms. */
function timeMs(fn: () => unknown): { wall: number; cpu: number } {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  fn();
  const wall = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { wall, cpu: (c.user + c.system) / 1000 };
}

function summary(xs: number[]) {
  const s = [...xs].sort((a, b) => a - b);
  const pick = (p: number) => s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)]!;
  return { n: s.length, p50: pick(0.5), p90: pick(0.9), max: s.at(-1)! };
}

const base = existsSync('/dev/shm') ? '/dev/shm' : tmpdir();
const dir = values.keep ?? mkdtempSync(join(base, 'ktp-bench-reports-'));
mkdirSync(dir, { recursive: true });
if (!values.keep) process.on('exit', () => rmSync(dir, { recursive: true, force: true }));

const { db, cfg, q, clock, fillS } = fill(dir);
clock.set(at(`${YEAR + 1}-01-02`, 9 * 60));
const deps = { config: cfg, queue: q };
const counts = db.prepare('SELECT (SELECT COUNT(*) FROM tickets) AS tickets, (SELECT COUNT(*) FROM steps) AS steps').get() as {
  tickets: number;
  steps: number;
};
const days = workingDays(YEAR);

// Warm-up: prepared statements, JIT.
dailyReport(deps, days[10]!);
monthlyReport(deps, `${YEAR}-02`);

const dailyRuns = days.filter((_, i) => i % 5 === 0).map((d) => timeMs(() => dailyReport(deps, d)));
const months = Array.from({ length: 12 }, (_, i) => `${YEAR}-${String(i + 1).padStart(2, '0')}`);
const monthlyRuns = [...months, ...months].map((m) => timeMs(() => monthlyReport(deps, m)));
const sample = dailyReport(deps, days[100]!);
const load = loadavg()[0]!;

const f = (x: number) => x.toFixed(1);
const row = (name: string, runs: Array<{ wall: number; cpu: number }>, goal: string) => {
  const w = summary(runs.map((r) => r.wall));
  const c = summary(runs.map((r) => r.cpu));
  console.log(`| ${name} | ${w.n} | ${f(w.p50)} ms | ${f(w.p90)} ms | ${f(w.max)} ms | ${f(c.p50)} ms | ${f(c.max)} ms | ${goal} |`);
  return { wallMs: { p50: +f(w.p50), p90: +f(w.p90), max: +f(w.max) }, cpuMs: { p50: +f(c.p50), max: +f(c.max) } };
};
console.log(`${counts.tickets} tickets, ${counts.steps} steps over ${days.length} working days of ${YEAR}`);
if (fillS !== null) console.log(`fill through the queue: ${fillS.toFixed(0)} s (${Math.round(counts.tickets / fillS)} tickets/s)`);
console.log(`a day has ~${sample.totals.issued} tickets; load average ${load.toFixed(2)} (CPU time is what the report itself used)\n`);
console.log('| report | runs | wall p50 | wall p90 | wall max | CPU p50 | CPU max | goal |');
console.log('|---|---|---|---|---|---|---|---|');
const daily = row('daily', dailyRuns, '≤ 50 ms');
const monthly = row('monthly', monthlyRuns, '≤ 300 ms');
console.log(
  JSON.stringify({
    tickets: counts.tickets,
    steps: counts.steps,
    fillS: fillS === null ? null : Math.round(fillS),
    daily,
    monthly,
    load: +load.toFixed(2),
  }),
);
db.close();
