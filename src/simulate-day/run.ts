/**
 * Drives a planned day through a running station, over HTTP only: the kiosk
 * issues tickets, two officers call, recall, run the SOP steps, complete,
 * mark no-shows and transfer, pause for ISHOMA; the sim routes cut the mains
 * and run the genset; a counter reports the broken fingerprint scanner and
 * the technician resolves it. The station's clock is moved to each event's
 * time first. Everything the simulation does is written to its own log,
 * which the ground truth is computed from.
 */
import { Agent, request } from 'node:http';
import type { DayPlan, Visit, Arrival } from './plan.js';

export type LogEntry =
  | { at: number; kind: 'issue'; service: string; priority: boolean; number: string }
  | { at: number; kind: 'refused'; service: string }
  | { at: number; kind: 'call' | 'recall' | 'complete' | 'no-show'; counter: number; number: string }
  | { at: number; kind: 'step'; counter: number; number: string; step: string }
  | { at: number; kind: 'transfer'; counter: number; number: string; to: string }
  | { at: number; kind: 'pause' | 'open'; counter: number; reason: string | null }
  | { at: number; kind: 'power'; mains?: boolean; genset?: boolean }
  | { at: number; kind: 'fault' | 'repair'; device: string; counter: number };

export interface Tokens {
  kiosk: string;
  admin: string;
  technician: string;
  counter: Record<number, string>;
}

/** What the station answers, as far as the simulation reads it. */
interface Body {
  ticket?: { number: string };
  fault?: { id: number };
  error?: { code: string; message: string };
}

interface Reply {
  status: number;
  json: Body;
}

export class SimulationError extends Error {}

interface Event {
  at: number;
  seq: number;
  run: () => Promise<void>;
}

/** The officer at one counter. */
interface Officer {
  id: number;
  lunched: boolean;
  done: boolean;
}

export async function runDay(baseUrl: string, tokens: Tokens, plan: DayPlan): Promise<{ log: LogEntry[]; report: unknown }> {
  const log: LogEntry[] = [];
  const queue: Event[] = [];
  let seq = 0;
  let now = plan.start;
  const byNumber = new Map<string, { arrival: Arrival; transferred: boolean }>();

  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const http = (method: 'GET' | 'POST', path: string, token: string, body?: unknown): Promise<Reply> =>
    new Promise((resolve, reject) => {
      const payload = body === undefined ? undefined : JSON.stringify(body);
      const req = request(
        `${baseUrl}${path}`,
        {
          method,
          agent,
          headers: { authorization: `Bearer ${token}`, ...(payload !== undefined ? { 'content-type': 'application/json' } : {}) },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let json: Body;
            try {
              json = JSON.parse(text) as Body;
            } catch {
              json = { error: { code: 'NOT_JSON', message: text.slice(0, 200) } };
            }
            resolve({ status: res.statusCode ?? 0, json });
          });
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
  const expect = async (what: string, r: Promise<Reply>, ...ok: number[]): Promise<Reply> => {
    const reply = await r;
    if (!ok.includes(reply.status)) throw new SimulationError(`${what}: HTTP ${reply.status} ${JSON.stringify(reply.json)}`);
    return reply;
  };
  const at = (t: number, run: () => Promise<void>) => {
    queue.push({ at: t, seq: seq++, run });
  };
  const moveTo = async (t: number) => {
    if (t < now) throw new SimulationError(`event at ${new Date(t).toISOString()} is before the clock`);
    if (t > now) await expect('advance the clock', http('POST', '/api/v1/sim/clock', tokens.admin, { advanceMs: t - now }), 200);
    now = t;
  };

  // ---- residents at the kiosk ----------------------------------------------
  for (const a of plan.arrivals) {
    at(a.at, async () => {
      const r = await expect(
        `kiosk ticket ${a.service}`,
        http('POST', '/api/v1/tickets', tokens.kiosk, { service: a.service, priority: a.priority }),
        201,
        409,
      );
      if (r.status === 409) {
        if (r.json?.error?.code !== 'QUOTA_EXHAUSTED') throw new SimulationError(`kiosk: ${JSON.stringify(r.json)}`);
        log.push({ at: now, kind: 'refused', service: a.service });
        return;
      }
      const number = r.json.ticket!.number;
      byNumber.set(number, { arrival: a, transferred: false });
      log.push({ at: now, kind: 'issue', service: a.service, priority: a.priority, number });
    });
  }

  // ---- the power grid, the genset, the fingerprint scanner ------------------
  const power = (t: number, body: { mains?: boolean; genset?: boolean }) =>
    at(t, async () => {
      await expect('sim power', http('POST', '/api/v1/sim/power', tokens.admin, body), 200);
      log.push({ at: now, kind: 'power', ...body });
    });
  power(plan.mainsCutAt, { mains: false });
  power(plan.gensetOnAt, { genset: true });
  power(plan.mainsBackAt, { mains: true });
  power(plan.gensetOffAt, { genset: false });
  let faultId = 0;
  at(plan.scannerBreaksAt, async () => {
    const r = await expect(
      'report the fingerprint scanner',
      http('POST', '/api/v1/faults', tokens.counter[1]!, { device: 'fingerprint', description: 'sensor sidik jari tidak membaca' }),
      201,
    );
    faultId = r.json.fault!.id;
    log.push({ at: now, kind: 'fault', device: 'fingerprint', counter: 1 });
  });
  at(plan.scannerRepairedAt, async () => {
    await expect(
      'resolve the fingerprint fault',
      http('POST', `/api/v1/faults/${faultId}/resolve`, tokens.technician, { resolution: 'kabel USB diganti' }),
      200,
    );
    log.push({ at: now, kind: 'repair', device: 'fingerprint', counter: 1 });
  });
  const scannerBroken = (t: number) => t >= plan.scannerBreaksAt && t < plan.scannerRepairedAt;

  // ---- the officers ---------------------------------------------------------
  const counterAction = (o: Officer, action: string, body?: unknown) =>
    http('POST', `/api/v1/counters/${o.id}/${action}`, tokens.counter[o.id]!, body ?? {});

  const tryCall = (o: Officer, t: number) =>
    at(t, async () => {
      if (o.done) return;
      if (now >= plan.lastCallAt) {
        o.done = true;
        return;
      }
      if (!o.lunched && now >= plan.lunchFrom) {
        o.lunched = true;
        await expect('pause for ISHOMA', counterAction(o, 'state', { state: 'paused', reason: 'ISHOMA' }), 200);
        log.push({ at: now, kind: 'pause', counter: o.id, reason: 'ISHOMA' });
        at(plan.lunchTo, async () => {
          await expect('open after ISHOMA', counterAction(o, 'state', { state: 'open' }), 200);
          log.push({ at: now, kind: 'open', counter: o.id, reason: null });
          tryCall(o, now);
        });
        return;
      }
      const r = await expect(`counter ${o.id} call`, counterAction(o, 'call'), 200, 409);
      if (r.status === 409) {
        const code = r.json?.error?.code;
        if (code !== 'QUEUE_EMPTY' && code !== 'COUNTER_NOT_OPEN')
          throw new SimulationError(`counter ${o.id} call: ${JSON.stringify(r.json)}`);
        tryCall(o, now + plan.retryS * 1000);
        return;
      }
      const number = r.json.ticket!.number;
      const known = byNumber.get(number);
      if (!known) throw new SimulationError(`counter ${o.id} was given ${number}, a ticket the kiosk never issued`);
      log.push({ at: now, kind: 'call', counter: o.id, number });
      const visit = known.transferred ? known.arrival.afterTransfer! : known.arrival.visit;
      serve(o, number, visit, now, known);
    });

  /** The calls until the resident comes (or does not), the walk, the steps, the end. */
  const serve = (o: Officer, number: string, v: Visit, calledAt: number, known: { transferred: boolean }) => {
    const recall = plan.recallAfterS * 1000;
    const calls = v.answers ?? 3;
    for (let k = 2; k <= calls; k++)
      at(calledAt + (k - 1) * recall, async () => {
        await expect(`recall ${number}`, counterAction(o, 'recall'), 200);
        log.push({ at: now, kind: 'recall', counter: o.id, number });
      });
    const lastCall = calledAt + (calls - 1) * recall;
    if (v.answers === null) {
      at(lastCall + recall, async () => {
        await expect(`no-show ${number}`, counterAction(o, 'no-show'), 200);
        log.push({ at: now, kind: 'no-show', counter: o.id, number });
        tryCall(o, now + 10_000);
      });
      return;
    }
    let t = lastCall + v.walkS * 1000;
    for (const [step, seconds] of v.steps) {
      const startAt = t;
      at(startAt, async () => {
        await expect(`${number} ${step}`, counterAction(o, 'steps', { step }), 200);
        log.push({ at: now, kind: 'step', counter: o.id, number, step });
      });
      const extra = step === 'biometrics' && o.id === 1 && scannerBroken(startAt) ? v.brokenScannerS : 0;
      t += (seconds + extra) * 1000;
      if (step === 'verify' && v.transferToB) {
        at(t, async () => {
          await expect(`transfer ${number}`, counterAction(o, 'transfer', { service: 'B' }), 200);
          known.transferred = true;
          log.push({ at: now, kind: 'transfer', counter: o.id, number, to: 'B' });
          tryCall(o, now + 10_000);
        });
        return;
      }
    }
    at(t, async () => {
      await expect(`complete ${number}`, counterAction(o, 'complete'), 200);
      log.push({ at: now, kind: 'complete', counter: o.id, number });
      tryCall(o, now + 10_000);
    });
  };

  for (const id of [1, 2]) tryCall({ id, lunched: false, done: false }, plan.countersOpenAt);

  // ---- the day, event by event ---------------------------------------------
  for (;;) {
    let next = -1;
    for (let i = 0; i < queue.length; i++) {
      const e = queue[i]!;
      const best = queue[next];
      if (!best || e.at < best.at || (e.at === best.at && e.seq < best.seq)) next = i;
    }
    if (next < 0) break;
    const [event] = queue.splice(next, 1);
    await moveTo(event!.at);
    await event!.run();
  }
  await moveTo(plan.reportAt);
  const report = await expect('daily report', http('GET', `/api/v1/reports/daily?date=${plan.date}`, tokens.technician), 200);
  agent.destroy();
  return { log, report: report.json };
}
