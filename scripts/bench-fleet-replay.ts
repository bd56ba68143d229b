/**
 * Fleet replay benchmark: a station comes back from an outage of its regency
 * link with 10,000 events queued in its outbox. How long until the broker has
 * acknowledged them all, at what message rate, and what does the replay cost
 * the residents (ticket latency while it drains, against the same station
 * idle)?
 *
 *   npm run build && node dist/scripts/bench-fleet-replay.js [--events N] [--inflight N] [--rtt MS] [--tickets N]
 *
 * The station runs as in production (the bundled CLI in its own process, every
 * device simulated); the broker is Debian's mosquitto on 127.0.0.1; `--rtt`
 * puts a proxy between them that delays each direction by half of it, like a
 * mobile data link. Tickets are issued one at a time (closed loop) through the
 * HTTP API, alternately A and B. Traffic only to 127.0.0.1; every loop bounded.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { connect as mqttConnect } from 'mqtt';
import { stringify } from 'yaml';
import { builtInConfig, DEV_TOKENS } from '../src/config/defaults.js';
import { openDatabase } from '../src/controller/store/database.js';
import { enableFleetEvents, disableFleetEvents } from '../src/controller/fleet/events.js';
import { startMosquitto, freePort } from './bench/mosquitto.js';
import { startStationChild, stop, loadAvg1, cpuMs } from './bench/procs.js';

const { values } = parseArgs({
  options: {
    events: { type: 'string', default: '10000' },
    inflight: { type: 'string', default: '16' },
    rtt: { type: 'string', default: '0' },
    tickets: { type: 'string', default: '300' },
  },
});
const EVENTS = Number(values.events);
const INFLIGHT = Number(values.inflight);
const RTT = Number(values.rtt);
const TICKETS = Number(values.tickets);
const DRAIN_LIMIT_MS = 15 * 60_000;

/** A TCP proxy that holds every chunk for `delayMs` in each direction (order kept). */
async function delayProxy(targetPort: number, delayMs: number): Promise<{ port: number; close(): void }> {
  const sockets = new Set<Socket>();
  const pipe = (from: Socket, to: Socket) =>
    from.on('data', (chunk: Buffer) => {
      setTimeout(() => to.destroyed || to.write(chunk), delayMs);
    });
  const server: Server = createServer((client) => {
    const upstream = connect({ host: '127.0.0.1', port: targetPort });
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
      s.on('close', () => {
        client.destroy();
        upstream.destroy();
      });
    }
    pipe(client, upstream);
    pipe(upstream, client);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return {
    port: (server.address() as { port: number }).port,
    close: () => {
      for (const s of sockets) s.destroy();
      server.close();
    },
  };
}

/** Fills the outbox as an outage would: ticket events of the usual size, written the way the station writes them. */
function queueEvents(dataDir: string, n: number): void {
  const db = openDatabase(dataDir);
  const outbox = enableFleetEvents(db, 'Asia/Jakarta').outbox;
  const start = Date.now() - 3 * 3_600_000;
  db.transaction(() => {
    for (let i = 0; i < n; i++) {
      const kind = ['issued', 'called', 'done'][i % 3]!;
      outbox.append(`ticket.${kind}`, start + i * 1000, {
        number: `A-${String((Math.floor(i / 3) % 999) + 1).padStart(3, '0')}`,
        service: 'A',
        priority: false,
        counter: kind === 'issued' ? null : 1 + (i % 2),
        date: '2026-11-30',
        waiting: 12,
        doneToday: Math.floor(i / 3),
      });
    }
  })();
  disableFleetEvents(db);
  db.close();
}

async function ticketLatencies(port: number, count: number, until: () => boolean = () => false): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < count && !until(); i++) {
    const t0 = performance.now();
    const res = await fetch(`http://127.0.0.1:${port}/api/v1/tickets`, {
      method: 'POST',
      headers: { authorization: `Bearer ${DEV_TOKENS.kiosk}`, 'content-type': 'application/json' },
      body: JSON.stringify({ service: i % 2 ? 'B' : 'A' }),
    });
    await res.arrayBuffer();
    if (res.status !== 201) throw new Error(`ticket refused: ${res.status}`);
    out.push(performance.now() - t0);
  }
  return out;
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};
const r1 = (x: number) => Math.round(x * 10) / 10;

async function fleetStatus(port: number): Promise<{ state: string; outbox: { depth: number; lastSeq: number } }> {
  const res = await fetch(`http://127.0.0.1:${port}/api/v1/fleet`, { headers: { authorization: `Bearer ${DEV_TOKENS.technician}` } });
  return (await res.json()) as { state: string; outbox: { depth: number; lastSeq: number } };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'ktp-fleet-bench-'));
  const children: Array<() => Promise<void> | void> = [];
  try {
    const brokerPort = await freePort();
    const proxy = RTT > 0 ? await delayProxy(brokerPort, RTT / 2) : null;
    if (proxy) children.push(() => proxy.close());
    const c = builtInConfig();
    c.station.id = 'bench-01';
    c.dataDir = join(dir, 'station');
    for (const s of c.services) s.dailyQuota = 999;
    c.fleet = {
      mqtt: {
        url: `mqtt://127.0.0.1:${proxy?.port ?? brokerPort}`,
        inflight: INFLIGHT,
        reconnectMaxSeconds: 1,
        outboxWarnEvents: 100_000,
        outboxMaxEvents: 200_000,
      },
    };
    const configFile = join(dir, 'station.yaml');
    writeFileSync(configFile, stringify(c));
    queueEvents(c.dataDir, EVENTS);

    // The outage: no broker yet. The station starts with the backlog and serves residents.
    const station = await startStationChild(configFile, c.dataDir, join(dir, 'station.log'), ['--max-semi-space-size=2']);
    children.push(() => stop(station.proc));
    await ticketLatencies(station.port, 30); // warm-up
    const idle = await ticketLatencies(station.port, TICKETS);
    const queued = await fleetStatus(station.port);

    // The regency's consumer, then the broker comes back.
    const broker = await startMosquitto({ dir: join(dir, 'broker'), port: brokerPort, extra: 'sys_interval 1' });
    children.push(() => broker.stop());
    const sub = mqttConnect(`mqtt://127.0.0.1:${brokerPort}`, { clientId: 'bench-consumer', clean: true });
    let received = 0;
    let first = 0;
    let last = 0;
    const sys: Array<{ at: number; n: number }> = [];
    sub.on('message', (topic, payload) => {
      const now = performance.now();
      if (topic === '$SYS/broker/publish/messages/received') sys.push({ at: now, n: Number(payload.toString()) });
      else {
        received++;
        if (first === 0) first = now;
        last = now;
      }
    });
    await new Promise<void>((resolve) =>
      sub.on('connect', () => sub.subscribe(['ktp/+/events', '$SYS/broker/publish/messages/received'], { qos: 1 }, () => resolve())),
    );

    const target = queued.outbox.lastSeq;
    let done = false;
    const cpu0 = cpuMs(station.proc.pid!);
    const t0 = performance.now();
    const watcher = (async () => {
      while (!done && performance.now() - t0 < DRAIN_LIMIT_MS) {
        const f = await fleetStatus(station.port);
        if (f.outbox.depth === 0 && received >= target) done = true;
        else await new Promise((r) => setTimeout(r, 20));
      }
    })();
    // Residents keep coming while it drains (within the day's quotas).
    while (first === 0 && performance.now() - t0 < 30_000) await new Promise((r) => setTimeout(r, 2));
    const draining = await ticketLatencies(station.port, 1998 - 30 - TICKETS, () => done);
    await watcher;
    const drainMs = last - first;
    const cpuDrain = cpuMs(station.proc.pid!) - cpu0;
    if (!done) throw new Error(`the outbox did not drain within ${DRAIN_LIMIT_MS / 60_000} min`);
    await sub.endAsync();
    const brokerRate = sys.length >= 2 ? ((sys.at(-1)!.n - sys[0]!.n) / (sys.at(-1)!.at - sys[0]!.at)) * 1000 : NaN;

    const table = [
      ['events queued at reconnect', String(target)],
      ['in flight (window)', String(INFLIGHT)],
      ['added round-trip time', `${RTT} ms`],
      ['time to drain (first to last event at the consumer)', `${r1(drainMs / 1000)} s`],
      ['message rate at the consumer', `${Math.round((received / drainMs) * 1000)} /s`],
      [
        'broker PUBLISH packets received ($SYS, 1 s samples)',
        Number.isNaN(brokerRate) ? 'n/a (drain shorter than 2 samples)' : `${Math.round(brokerRate)} /s`,
      ],
      ['station CPU while draining', `${Math.round(cpuDrain)} ms`],
      ['ticket latency idle, p50 / p95', `${r1(pct(idle, 50))} / ${r1(pct(idle, 95))} ms (${idle.length} tickets)`],
      ['ticket latency while draining, p50 / p95', `${r1(pct(draining, 50))} / ${r1(pct(draining, 95))} ms (${draining.length} tickets)`],
      [
        'ratio draining / idle, p50 / p95',
        `${(pct(draining, 50) / pct(idle, 50)).toFixed(2)}x / ${(pct(draining, 95) / pct(idle, 95)).toFixed(2)}x (goal ≤ 1.5x)`,
      ],
      ['load average (1 min)', String(loadAvg1())],
    ];
    const w = Math.max(...table.map((r) => r[0]!.length));
    console.log('\nFleet replay after an outage');
    for (const [k, v] of table) console.log(`  ${k!.padEnd(w)}  ${v}`);
    console.log(
      JSON.stringify({
        bench: 'fleet-replay',
        events: target,
        inflight: INFLIGHT,
        rttMs: RTT,
        drainS: r1(drainMs / 1000),
        consumerRate: Math.round((received / drainMs) * 1000),
        brokerRate: Number.isNaN(brokerRate) ? null : Math.round(brokerRate),
        idleP50Ms: r1(pct(idle, 50)),
        idleP95Ms: r1(pct(idle, 95)),
        drainP50Ms: r1(pct(draining, 50)),
        drainP95Ms: r1(pct(draining, 95)),
        drainTickets: draining.length,
        load1: loadAvg1(),
      }),
    );
  } finally {
    for (const c of children.reverse()) await c();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
