/**
 * Open-loop load for the ticket benchmark: requests leave on a fixed schedule
 * whatever the server does, and each latency is measured from the request's
 * scheduled send time, so time spent queueing (in the client or the server)
 * counts. A keep-alive HTTP client; traffic only to 127.0.0.1.
 */
import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';

export interface PostTarget {
  host: '127.0.0.1';
  port: number;
  path: string;
  headers: Record<string, string>;
  /** Body of the i-th request. */
  body: (i: number) => string;
}

export interface PhaseResult {
  rate: number;
  durationS: number;
  sent: number;
  ok: number;
  failed: number;
  /** Requests not sent because maxInFlight were already waiting (the server could not keep up). */
  shed: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Acknowledged requests per second over the phase (first schedule to last reply). */
  throughput: number;
}

const REQUEST_TIMEOUT_MS = 10_000;

export function keepAliveAgent(): Agent {
  return new Agent({ keepAlive: true, maxSockets: 64 });
}

/** One POST; resolves with the status (0 on a transport error or timeout). */
export function post(agent: Agent, t: PostTarget, i: number): Promise<number> {
  return new Promise((resolve) => {
    const body = t.body(i);
    const req = request(
      {
        agent,
        host: t.host,
        port: t.port,
        path: t.path,
        method: 'POST',
        headers: { ...t.headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        timeout: REQUEST_TIMEOUT_MS,
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', () => resolve(0));
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', () => resolve(0));
    req.end(body);
  });
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const k = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[k]!;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Sends `rate` requests per second for `durationS` seconds. `okStatus` is the
 * status that counts as acknowledged. Bounded: at most rate*durationS requests,
 * at most maxInFlight outstanding, and every request times out.
 */
export async function openLoop(
  agent: Agent,
  target: PostTarget,
  opts: {
    rate: number;
    durationS: number;
    okStatus: number;
    maxInFlight?: number;
    firstIndex?: number;
  },
): Promise<PhaseResult> {
  const { rate, durationS, okStatus } = opts;
  const maxInFlight = opts.maxInFlight ?? 256;
  const total = Math.round(rate * durationS);
  const interval = 1000 / rate;
  const latencies: number[] = [];
  const pending: Promise<void>[] = [];
  let inFlight = 0,
    ok = 0,
    failed = 0,
    shed = 0,
    lastDone = 0;
  const t0 = performance.now();
  let next = 0;
  while (next < total) {
    const now = performance.now();
    const due = Math.min(total, Math.floor((now - t0) / interval) + 1);
    for (; next < due; next++) {
      if (inFlight >= maxInFlight) {
        shed++;
        continue;
      }
      const scheduled = t0 + next * interval;
      inFlight++;
      pending.push(
        post(agent, target, (opts.firstIndex ?? 0) + next).then((status) => {
          inFlight--;
          const done = performance.now();
          if (status === okStatus) {
            ok++;
            latencies.push(done - scheduled);
            lastDone = done;
          } else failed++;
        }),
      );
    }
    if (next < total) await sleep(Math.max(0, t0 + next * interval - performance.now()));
  }
  await Promise.all(pending); // each request has its own timeout
  latencies.sort((a, b) => a - b);
  const spanS = Math.max(durationS, (lastDone - t0) / 1000);
  return {
    rate,
    durationS,
    sent: total - shed,
    ok,
    failed,
    shed,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    maxMs: latencies.at(-1) ?? NaN,
    throughput: ok / spanS,
  };
}

/** Closed loop with `concurrency` workers until `count` acknowledged (or `deadlineMs` passes); for filling the store. */
export async function closedLoop(
  agent: Agent,
  target: PostTarget,
  opts: {
    count: number;
    concurrency: number;
    okStatus: number;
    deadlineMs: number;
    firstIndex?: number;
  },
): Promise<{ ok: number; failed: number; seconds: number }> {
  let issued = 0,
    ok = 0,
    failed = 0;
  const t0 = performance.now();
  const worker = async () => {
    while (issued < opts.count && performance.now() - t0 < opts.deadlineMs && failed < 100) {
      const i = (opts.firstIndex ?? 0) + issued++;
      if ((await post(agent, target, i)) === opts.okStatus) ok++;
      else failed++;
    }
  };
  await Promise.all(Array.from({ length: opts.concurrency }, worker));
  return { ok, failed, seconds: (performance.now() - t0) / 1000 };
}
