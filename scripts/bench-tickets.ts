/**
 * Ticket-issue benchmark of the station, in one run:
 *   1. open-loop ticket issue (POST /api/v1/tickets) at 50/s and 200/s: p50/p99
 *      latency from the scheduled send time, and throughput;
 *   2. the same for the floor: a bare Fastify route committing one row with
 *      fsync (SQLite WAL, synchronous=FULL); ratio station p99 / floor p99;
 *   3. station RSS after 10,000 tickets;
 *   4. start-up to API ready (spawn -> GET /api/v1/health 200), 10 runs, and
 *      the readyMs the station logs.
 * The station runs as in production: the compiled CLI in a child process with
 * its own data dir and a YAML config (every device `driver: sim`, so the
 * printer simulator receives every ticket). The floor is its own child too;
 * the load generator is this process. Traffic goes only to 127.0.0.1.
 *
 * Run from the repo root (tsx is not installed, so it is compiled with the project):
 *   npx tsc -p tsconfig.json && node dist/scripts/bench-tickets.js [--quick] [--cpu-prof DIR]
 * --quick: ~30 s instead of ~3 min (shorter phases, 3 start-ups, RSS after 3,000 tickets).
 * --node-flags="...": extra node flags for every station child (e.g. --node-flags="--max-semi-space-size=1"
 *   to see what V8 heap sizing does to RSS).
 * --cpu-prof DIR: run the station child under `node --cpu-prof` and leave the profile in DIR
 *   (summarise with: node dist/scripts/bench/profile-summary.js DIR/<file>.cpuprofile).
 */
import { existsSync, mkdtempSync, rmSync, mkdirSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { closedLoop, keepAliveAgent, openLoop, percentile, type PhaseResult, type PostTarget } from './bench/load.js';
import { cpuMs, cpuSample, loadAvg1, loggedReadyMs, rssMb, startFloorChild, startStationChild, stop, STATION_MAIN } from './bench/procs.js';
import { BENCH_KIOSK_TOKEN, SERVICE_CODES, writeBenchConfig } from './bench/bench-config.js';

const { values } = parseArgs({ options: { quick: { type: 'boolean' }, 'cpu-prof': { type: 'string' }, 'node-flags': { type: 'string' } } });
const quick = values.quick === true;
// The flags npm start and the systemd unit use (a 2 MB young generation keeps RSS from
// growing ~25 MB under a burst of tickets); --node-flags="" or others to compare.
const nodeFlags = (values['node-flags'] ?? '--max-semi-space-size=2').split(/\s+/).filter(Boolean);
const plan = quick
  ? { rates: [50, 200], phaseS: 4, warmS: 2, rssTickets: 3000, fillDeadlineMs: 20_000, startups: 3, lateS: 0 }
  : { rates: [50, 200], phaseS: 15, warmS: 3, rssTickets: 10_000, fillDeadlineMs: 90_000, startups: 10, lateS: 5 };

if (!existsSync(STATION_MAIN)) {
  console.error(`${STATION_MAIN} missing: run "npx tsc -p tsconfig.json" first`);
  process.exit(2);
}

const scratch = mkdtempSync(join(tmpdir(), 'ktp-bench-tickets-'));
const children: Array<{ kill(sig: NodeJS.Signals): boolean }> = [];
process.on('exit', () => {
  for (const c of children) c.kill('SIGKILL');
  rmSync(scratch, { recursive: true, force: true });
});
process.on('SIGINT', () => process.exit(130));

const serviceOf = (i: number) => SERVICE_CODES[i % SERVICE_CODES.length]!;
const ticketBody = (i: number) => JSON.stringify({ service: serviceOf(i) });

interface Measured extends PhaseResult {
  target: 'station' | 'floor';
  cpuBusyPct: number;
  load1: number;
  serverCpuMsPerReq: number;
}

async function phase(
  target: 'station' | 'floor',
  t: PostTarget,
  pid: number,
  rate: number,
  durationS: number,
  firstIndex: number,
): Promise<Measured> {
  const agent = keepAliveAgent();
  const c0 = cpuSample(),
    p0 = cpuMs(pid);
  const r = await openLoop(agent, t, { rate, durationS, okStatus: 201, firstIndex });
  const c1 = cpuSample(),
    p1 = cpuMs(pid);
  agent.destroy();
  return {
    ...r,
    target,
    cpuBusyPct: (100 * (c1.busy - c0.busy)) / Math.max(1, c1.total - c0.total),
    load1: loadAvg1(),
    serverCpuMsPerReq: (p1 - p0) / Math.max(1, r.ok),
  };
}

async function main() {
  const t0 = Date.now();
  const loadAtStart = loadAvg1();
  const stationDir = join(scratch, 'station');
  const configFile = join(scratch, 'bench-station.yaml');
  writeBenchConfig(configFile, stationDir);
  const profDir = values['cpu-prof'] ? resolve(values['cpu-prof']) : null;
  if (profDir) mkdirSync(profDir, { recursive: true });
  const station = await startStationChild(configFile, stationDir, join(scratch, 'station.log'), [
    ...nodeFlags,
    ...(profDir ? ['--cpu-prof', '--cpu-prof-dir', profDir] : []),
  ]);
  children.push(station.proc);
  const floorDir = join(scratch, 'floor');
  mkdirSync(floorDir);
  const floor = await startFloorChild(floorDir, join(scratch, 'floor.log'));
  children.push(floor.proc);

  const stationTarget: PostTarget = {
    host: '127.0.0.1',
    port: station.port,
    path: '/api/v1/tickets',
    headers: { authorization: `Bearer ${BENCH_KIOSK_TOKEN}` },
    body: ticketBody,
  };
  const floorTarget: PostTarget = { host: '127.0.0.1', port: floor.port, path: '/tickets', headers: {}, body: ticketBody };
  const spid = station.proc.pid!,
    fpid = floor.proc.pid!;
  const rssAtReady = rssMb(spid);

  let issued = 0; // tickets the station acknowledged so far (also the rotation index)
  const log = (s: string) => console.error(`[${((Date.now() - t0) / 1000).toFixed(0).padStart(3)} s] ${s}`);

  log(`warm-up ${plan.warmS} s at 50/s on both`);
  issued += (await phase('station', stationTarget, spid, 50, plan.warmS, issued)).ok;
  await phase('floor', floorTarget, fpid, 50, plan.warmS, 0);

  const phases: Measured[] = [];
  for (const rate of plan.rates) {
    log(`station at ${rate}/s for ${plan.phaseS} s`);
    const s = await phase('station', stationTarget, spid, rate, plan.phaseS, issued);
    issued += s.ok;
    log(`floor at ${rate}/s for ${plan.phaseS} s`);
    const f = await phase('floor', floorTarget, fpid, rate, plan.phaseS, 0);
    phases.push(s, f);
  }

  log(`filling the station to ${plan.rssTickets} tickets (closed loop, 4 clients)`);
  const agent = keepAliveAgent();
  const fill = await closedLoop(agent, stationTarget, {
    count: Math.max(0, plan.rssTickets - issued),
    concurrency: 4,
    okStatus: 201,
    deadlineMs: plan.fillDeadlineMs,
    firstIndex: issued,
  });
  agent.destroy();
  issued += fill.ok;
  const rss = rssMb(spid);

  let late: Measured | null = null;
  if (plan.lateS > 0) {
    log(`station at 200/s for ${plan.lateS} s with ${issued} tickets in the day`);
    late = await phase('station', stationTarget, spid, 200, plan.lateS, issued);
    issued += late.ok;
  }
  await stop(station.proc);
  await stop(floor.proc);

  log(`${plan.startups} start-ups`);
  const startDir = join(scratch, 'startup');
  const startConfig = join(scratch, 'startup.yaml');
  writeBenchConfig(startConfig, startDir);
  const wall: number[] = [],
    logged: number[] = [],
    cpu: number[] = [];
  for (let i = 0; i < plan.startups; i++) {
    const logFile = join(scratch, `startup-${i}.log`);
    const c = await startStationChild(startConfig, startDir, logFile, nodeFlags);
    children.push(c.proc);
    wall.push(c.readyWallMs);
    cpu.push(c.readyCpuMs);
    // The ready line is written right after listen; the health poll can win the race by a hair.
    for (let k = 0; k < 100 && Number.isNaN(loggedReadyMs(logFile)); k++) await new Promise((r) => setTimeout(r, 10));
    logged.push(loggedReadyMs(logFile));
    await stop(c.proc);
  }
  wall.sort((a, b) => a - b);
  logged.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);

  report({ phases, late, fill, issued, rss, rssAtReady, wall, logged, cpu, loadAtStart, seconds: (Date.now() - t0) / 1000, profDir });
}

function report(r: {
  phases: Measured[];
  late: Measured | null;
  fill: { ok: number; failed: number; seconds: number };
  issued: number;
  rss: number;
  rssAtReady: number;
  wall: number[];
  logged: number[];
  cpu: number[];
  loadAtStart: number;
  seconds: number;
  profDir: string | null;
}) {
  const f1 = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : '-');
  const rows = [...r.phases, ...(r.late ? [r.late] : [])];
  console.log('');
  console.log(`Ticket issue, open loop (latency from scheduled send; ${plan.phaseS} s per phase; keep-alive client in the parent process)`);
  console.log('target    rate/s  sent   ok  fail shed  p50 ms  p99 ms  max ms  thr/s  srv cpu ms/req  machine cpu%  load1');
  for (const p of rows) {
    const name = p === r.late ? 'station*' : p.target;
    console.log(
      `${name.padEnd(9)} ${String(p.rate).padStart(6)} ${String(p.sent).padStart(5)} ${String(p.ok).padStart(5)} ${String(p.failed).padStart(4)} ${String(p.shed).padStart(4)} ${f1(p.p50Ms).padStart(7)} ${f1(p.p99Ms).padStart(7)} ${f1(p.maxMs).padStart(7)} ${f1(p.throughput).padStart(6)} ${f1(p.serverCpuMsPerReq).padStart(15)} ${f1(p.cpuBusyPct).padStart(13)} ${f1(p.load1).padStart(6)}`,
    );
  }
  if (r.late) console.log(`station* = after ${r.issued - r.late.ok} tickets in the day`);
  const ratios = plan.rates.map((rate) => {
    const s = r.phases.find((p) => p.target === 'station' && p.rate === rate)!;
    const f = r.phases.find((p) => p.target === 'floor' && p.rate === rate)!;
    return { rate, ratio: s.p99Ms / f.p99Ms };
  });
  for (const x of ratios)
    console.log(`station p99 / floor p99 at ${x.rate}/s: ${x.ratio.toFixed(2)}x (target <= 2x) ${x.ratio <= 2 ? 'ok' : 'MISSED'}`);
  console.log(
    `station RSS after ${r.issued - (r.late?.ok ?? 0)} tickets: ${r.rss.toFixed(1)} MB (target < 90 MB) ${r.rss < 90 ? 'ok' : 'MISSED'}, ${r.rssAtReady.toFixed(1)} MB at ready; fill ${r.fill.ok} tickets in ${r.fill.seconds.toFixed(1)} s (${(r.fill.ok / r.fill.seconds).toFixed(0)}/s closed loop), ${r.fill.failed} failed`,
  );
  const p50 = percentile(r.wall, 50),
    max = r.wall.at(-1)!;
  console.log(
    `start-up to API ready (${r.wall.length} runs): p50 ${p50.toFixed(0)} ms, max ${max.toFixed(0)} ms (target < 1000 ms) ${max < 1000 ? 'ok' : 'MISSED'}; logged readyMs p50 ${percentile(r.logged, 50)} max ${r.logged.at(-1)}; CPU used by ready p50 ${percentile(r.cpu, 50)} ms (wall minus CPU is waiting for a core or the disk)`,
  );
  console.log(
    `machine: ${process.env.BENCH_NOTE ?? ''}load average ${r.loadAtStart.toFixed(2)} at start on ${availableParallelism()} cores; other processes on the machine skew every figure (see the cpu% and load1 columns)`,
  );
  if (r.profDir) console.log(`station CPU profile in ${r.profDir}`);
  const json = {
    bench: 'tickets',
    quick,
    node: process.version,
    nodeFlags: nodeFlags.join(' '),
    seconds: Math.round(r.seconds),
    loadAtStart: r.loadAtStart,
    phases: rows.map((p) => ({
      target: p === r.late ? 'station-late' : p.target,
      rate: p.rate,
      durationS: p.durationS,
      sent: p.sent,
      ok: p.ok,
      failed: p.failed,
      shed: p.shed,
      p50Ms: +p.p50Ms.toFixed(2),
      p99Ms: +p.p99Ms.toFixed(2),
      maxMs: +p.maxMs.toFixed(2),
      throughput: +p.throughput.toFixed(1),
      serverCpuMsPerReq: +p.serverCpuMsPerReq.toFixed(3),
      cpuBusyPct: +p.cpuBusyPct.toFixed(1),
      load1: p.load1,
    })),
    p99Ratio: Object.fromEntries(ratios.map((x) => [String(x.rate), +x.ratio.toFixed(2)])),
    rssMb: +r.rss.toFixed(1),
    rssAtReadyMb: +r.rssAtReady.toFixed(1),
    rssAfterTickets: r.issued - (r.late?.ok ?? 0),
    startup: {
      runs: r.wall.length,
      p50Ms: Math.round(p50),
      maxMs: Math.round(max),
      loggedReadyP50Ms: percentile(r.logged, 50),
      loggedReadyMaxMs: r.logged.at(-1),
      cpuAtReadyP50Ms: percentile(r.cpu, 50),
    },
  };
  console.log(`BENCH_JSON ${JSON.stringify(json)}`);
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
