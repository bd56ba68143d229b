/**
 * The day's ground truth, from the simulation's own log of what it did and
 * the rules the station is configured with, worked out here without the
 * station's report code: the report must come to the same figures.
 *
 * Rules modelled from the configuration (not from the station's answers):
 * - a sense line settles 50 ms after it changes (the GPIO debounce), and a
 *   power source counts once it has held power.debounceSeconds; the outage
 *   and the time on battery run from the settled changes;
 * - while the recording sets have no power (no mains, no genset), an idle
 *   recording counter is paused at once and a busy one when its ticket ends;
 *   power back opens them again.
 */
import { defaultTimeouts } from '../drivers/context.js';
import type { StationConfig } from '../config/schema.js';
import type { LogEntry } from './run.js';
import type { DayPlan } from './plan.js';

export type Figures = Map<string, number | string | null>;

interface Ticket {
  number: string;
  prefix: string;
  service: string;
  priority: boolean;
  issuedAt: number;
  firstCall: number | null;
  lastCall: number | null;
  counter: number | null;
  status: 'waiting' | 'called' | 'serving' | 'done' | 'no_show';
  finishedAt: number | null;
  steps: Array<{ step: string; service: string; counter: number; start: number; end: number | null }>;
}

// Arithmetic of its own (the CONTRACT's definitions), written apart from the station's.
const tenths = (ms: number) => Math.round(ms / 100) / 10;
const byValue = (xs: number[]) => xs.slice().sort((a, b) => a - b);
function four(ms: number[]): { mean: number | null; median: number | null; p90: number | null; max: number | null } {
  if (ms.length === 0) return { mean: null, median: null, p90: null, max: null };
  const s = byValue(ms);
  const n = s.length;
  let total = 0;
  for (const x of s) total += x;
  const median = n % 2 ? s[(n - 1) / 2]! : (s[n / 2 - 1]! + s[n / 2]!) / 2;
  return { mean: tenths(total / n), median: tenths(median), p90: tenths(s[Math.ceil((9 * n) / 10) - 1]!), max: tenths(s[n - 1]!) };
}

export function groundTruth(log: LogEntry[], plan: DayPlan, config: StationConfig): Figures {
  const out: Figures = new Map();
  const put = (path: string, v: number | string | null) => out.set(path, v);
  const tickets = new Map<string, Ticket>();
  const refused: Record<string, number> = {};
  const transferredOut: Record<string, number> = {};
  const stateChanges = new Map<number, Array<{ at: number; state: 'open' | 'paused' }>>();
  const inHand = new Map<number, Array<{ from: number; to: number }>>();
  const held = new Map<number, number>();

  const closeStep = (t: Ticket, at: number) => {
    const open = t.steps.find((s) => s.end === null);
    if (open) open.end = at;
  };
  const letGo = (counter: number, at: number) => {
    inHand.set(counter, [...(inHand.get(counter) ?? []), { from: held.get(counter)!, to: at }]);
    held.delete(counter);
  };
  for (const e of log) {
    const t = 'number' in e ? tickets.get(e.number) : undefined;
    switch (e.kind) {
      case 'issue':
        tickets.set(e.number, {
          number: e.number,
          prefix: e.service,
          service: e.service,
          priority: e.priority,
          issuedAt: e.at,
          firstCall: null,
          lastCall: null,
          counter: null,
          status: 'waiting',
          finishedAt: null,
          steps: [],
        });
        break;
      case 'refused':
        refused[e.service] = (refused[e.service] ?? 0) + 1;
        break;
      case 'call':
        t!.firstCall ??= e.at;
        t!.lastCall = e.at;
        t!.counter = e.counter;
        t!.status = 'called';
        held.set(e.counter, e.at);
        break;
      case 'recall':
        t!.lastCall = e.at;
        break;
      case 'step':
        closeStep(t!, e.at);
        t!.steps.push({ step: e.step, service: t!.service, counter: e.counter, start: e.at, end: null });
        t!.status = 'serving';
        break;
      case 'complete':
        closeStep(t!, e.at);
        t!.status = 'done';
        t!.finishedAt = e.at;
        letGo(e.counter, e.at);
        break;
      case 'no-show':
        t!.status = 'no_show';
        t!.finishedAt = e.at;
        letGo(e.counter, e.at);
        break;
      case 'transfer':
        closeStep(t!, e.at);
        transferredOut[t!.service] = (transferredOut[t!.service] ?? 0) + 1;
        t!.service = e.to;
        t!.status = 'waiting';
        t!.lastCall = null;
        t!.counter = null;
        letGo(e.counter, e.at);
        break;
      case 'pause':
      case 'open':
        stateChanges.set(e.counter, [...(stateChanges.get(e.counter) ?? []), { at: e.at, state: e.kind === 'pause' ? 'paused' : 'open' }]);
        break;
      default:
        break;
    }
  }
  const all = [...tickets.values()];

  // ---- power: settled changes, the outage, the time without power, the pause of recording counters
  const settle = defaultTimeouts.senseDebounceMs;
  const hold = (config.power?.debounceSeconds ?? 5) * 1000;
  const outageFrom = plan.mainsCutAt + settle;
  const outageTo = plan.mainsBackAt + settle;
  const batteryTo = plan.gensetOnAt + settle;
  const pausedAt = outageFrom + hold;
  const reopenAt = batteryTo + hold;
  for (const c of config.counters.filter((k) => k.recording)) {
    // Busy when the pause comes: paused as its ticket leaves the counter, if that is before power returns.
    const busy = (inHand.get(c.id) ?? []).find((h) => h.from < pausedAt && h.to > pausedAt);
    const from = busy ? busy.to : pausedAt;
    if (from < reopenAt)
      stateChanges.set(c.id, [...(stateChanges.get(c.id) ?? []), { at: from, state: 'paused' }, { at: reopenAt, state: 'open' }]);
  }
  put('power.outages', 1);
  put('power.outageMinutes', Math.round(((outageTo - outageFrom) / 60_000) * 10) / 10);
  put('power.lostMinutes', Math.round(((batteryTo - outageFrom) / 60_000) * 10) / 10);
  put('power.ticketsIssuedDuringOutages', all.filter((t) => t.issuedAt >= outageFrom && t.issuedAt < outageTo).length);
  put('faults.opened', 1);
  put('faults.resolved', 1);
  put('faults.meanRepairMin', Math.round(((plan.scannerRepairedAt - plan.scannerBreaksAt) / 60_000) * 10) / 10);

  // ---- per service
  for (const s of config.services) {
    const p = `services.${s.code}`;
    const mine = all.filter((t) => t.service === s.code);
    const numbered = all.filter((t) => t.prefix === s.code);
    const waits = mine.filter((t) => t.lastCall !== null).map((t) => t.lastCall! - t.issuedAt);
    const done = mine.filter((t) => t.status === 'done');
    put(`${p}.issued`, numbered.length);
    put(`${p}.priorityIssued`, numbered.filter((t) => t.priority).length);
    put(`${p}.refusedAtQuota`, refused[s.code] ?? 0);
    put(`${p}.done`, done.length);
    put(`${p}.noShow`, mine.filter((t) => t.status === 'no_show').length);
    put(`${p}.transferredOut`, transferredOut[s.code] ?? 0);
    put(`${p}.waitingAtClose`, mine.filter((t) => t.status === 'waiting').length);
    for (const [k, v] of Object.entries(four(waits))) put(`${p}.waitS.${k}`, v);
    for (const [k, v] of Object.entries(four(done.map((t) => t.finishedAt! - t.lastCall!)))) put(`${p}.serviceS.${k}`, v);
    const target = s.targets?.waitMinutes;
    put(`${p}.waitAboveTarget`, target === undefined ? null : waits.filter((w) => w > target * 60_000).length);
    for (const step of s.steps) {
      const ms = all.flatMap((t) =>
        t.steps.filter((x) => x.service === s.code && x.step === step && x.end !== null).map((x) => x.end! - x.start),
      );
      const f = four(ms);
      const targetS = s.targets?.stepSeconds?.[step];
      put(`${p}.steps.${step}.count`, ms.length);
      put(`${p}.steps.${step}.meanS`, f.mean);
      put(`${p}.steps.${step}.p90S`, f.p90);
      put(`${p}.steps.${step}.targetS`, targetS ?? null);
      put(`${p}.steps.${step}.overTarget`, targetS === undefined ? null : ms.filter((x) => x > targetS * 1000).length);
    }
    const bounds: Array<[string, number, number]> = [
      ['0–5', 0, 5],
      ['5–20', 5, 20],
      ['20–60', 20, 60],
      ['60+', 60, Infinity],
    ];
    for (const [label, lo, hi] of bounds) put(`${p}.waitBuckets.${label}`, waits.filter((w) => w >= lo * 60_000 && w < hi * 60_000).length);
    const walks = mine.flatMap((t) => {
      const first = t.lastCall === null ? undefined : t.steps.find((x) => x.start >= t.lastCall!);
      return first ? [first.start - t.lastCall!] : [];
    });
    for (const [k, v] of Object.entries(four(walks))) put(`${p}.walkS.${k}`, v);
    const clock = done.flatMap((t) => {
      const verify = t.steps.filter((x) => x.step === 'verify' && x.service === t.service && x.end !== null).at(-1);
      return verify ? [t.finishedAt! - verify.end!] : [];
    });
    put(`${p}.documentClock.tickets`, clock.length);
    put(`${p}.documentClock.meanS`, four(clock).mean);
    put(`${p}.documentClock.withinHour`, clock.filter((x) => x <= 3_600_000).length);
  }

  // ---- hours
  const hourOf = (ms: number) => new Date(ms + 7 * 3_600_000).getUTCHours();
  const hours = new Map<number, [number, number, number]>();
  const bump = (ms: number, i: 0 | 1 | 2) => {
    const h = hours.get(hourOf(ms)) ?? [0, 0, 0];
    h[i]++;
    hours.set(hourOf(ms), h);
  };
  for (const t of all) {
    bump(t.issuedAt, 0);
    if (t.firstCall !== null) bump(t.firstCall, 1);
    if (t.status === 'done') bump(t.finishedAt!, 2);
  }
  put(
    'hours',
    [...hours.keys()]
      .sort((a, b) => a - b)
      .map(String)
      .join(' '),
  );
  for (const [h, [issued, called, done]] of hours) {
    put(`hours.${h}.issued`, issued);
    put(`hours.${h}.called`, called);
    put(`hours.${h}.done`, done);
  }

  // ---- counters: the working day from the first call to the last ticket's end
  for (const c of config.counters) {
    const p = `counters.${c.id}`;
    const done = all.filter((t) => t.status === 'done' && t.counter === c.id);
    const serving = done.reduce((a, t) => a + (t.finishedAt! - t.lastCall!), 0);
    const calls = log.filter((e) => e.kind === 'call' && e.counter === c.id).map((e) => e.at);
    const ends = (inHand.get(c.id) ?? []).map((h) => h.to);
    let paused = 0;
    let window = 0;
    if (calls.length && ends.length) {
      const from = Math.min(...calls);
      const to = Math.max(...ends);
      window = to - from;
      const changes = (stateChanges.get(c.id) ?? []).slice().sort((a, b) => a.at - b.at);
      let state: 'open' | 'paused' = 'open';
      let since = from;
      for (const ch of changes) {
        const at = Math.min(Math.max(ch.at, from), to);
        if (state === 'paused') paused += at - since;
        since = at;
        state = ch.state;
      }
      if (state === 'paused') paused += to - since;
    }
    put(`${p}.servingS`, tenths(serving));
    put(`${p}.pausedS`, tenths(paused));
    put(`${p}.done`, done.length);
    put(`${p}.openS`, tenths(window - paused));
  }

  // ---- coverage: the station counts from this day on
  const cov = config.coverage!;
  const recordedToday = all.filter((t) => t.status === 'done' && config.services.find((s) => s.code === t.service)?.recording).length;
  const recorded = cov.recordedBefore + recordedToday;
  const remaining = Math.max(0, cov.obliged - recorded);
  put('coverage.obliged', cov.obliged);
  put('coverage.recorded', recorded);
  put('coverage.remaining', remaining);
  put('coverage.recordedToday', recordedToday);
  put('coverage.perDay', recordedToday === 0 ? null : recordedToday);
  put('coverage.daysToCover', recordedToday === 0 ? null : Math.ceil(remaining / recordedToday));
  return out;
}

/** A JSON value as the station sent it. */
type Json = unknown;
const field = (o: Json, k: string): Json => (o !== null && typeof o === 'object' ? (o as Record<string, Json>)[k] : undefined);
const keyed = (list: Json, key: string, id: string): Json =>
  Array.isArray(list) ? list.find((x: Json) => String(field(x, key)) === id) : undefined;
const scalar = (v: Json): number | string | null => (v === null || typeof v === 'number' || typeof v === 'string' ? v : '(missing)');

/** The same paths read from the station's report (JSON as it came over HTTP). */
export function stationFigures(report: Json, paths: Iterable<string>): Figures {
  const out: Figures = new Map();
  for (const path of paths) {
    const parts = path.split('.');
    let v: Json;
    const hours = field(report, 'hours');
    if (path === 'hours') v = Array.isArray(hours) ? hours.map((h: Json) => String(field(h, 'hour'))).join(' ') : undefined;
    else if (parts[0] === 'services') {
      const s = keyed(field(report, 'services'), 'code', parts[1]!);
      if (parts[2] === 'steps') v = field(keyed(field(s, 'steps'), 'step', parts[3]!), parts[4]!);
      else if (parts[2] === 'waitBuckets') v = field(keyed(field(s, 'waitBuckets'), 'label', parts[3]!), 'tickets');
      else v = parts.slice(2).reduce<Json>((o, k) => field(o, k), s);
    } else if (parts[0] === 'hours') v = field(keyed(hours, 'hour', parts[1]!), parts[2]!);
    else if (parts[0] === 'counters') v = field(keyed(field(report, 'counters'), 'id', parts[1]!), parts[2]!);
    else v = parts.reduce<Json>((o, k) => field(o, k), report);
    out.set(path, scalar(v));
  }
  return out;
}
