/**
 * Child processes of the ticket benchmark: the compiled station CLI (exactly
 * as production runs it) and the floor server, each with its own data dir;
 * health polling, RSS and machine load.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { openSync, closeSync, readFileSync } from 'node:fs';
import { get } from 'node:http';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

export const ROOT = process.cwd();
// What npm start and the systemd unit run.
export const STATION_MAIN = join(ROOT, 'dist/ktp-station.mjs');
export const FLOOR_MAIN = join(ROOT, 'dist/scripts/bench/floor-server.js');

export interface Child {
  proc: ChildProcess;
  port: number;
  logFile: string;
  /** ms from spawn to the first 200 of the health URL. */
  readyWallMs: number;
  /** CPU time the child had used when it first answered 200 (independent of machine load, unlike wall time). */
  readyCpuMs: number;
}

/** A port nobody listens on right now (127.0.0.1). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

function healthOnce(port: number, path: string): Promise<number> {
  return new Promise((resolve) => {
    const req = get({ host: '127.0.0.1', port, path, agent: false, timeout: 1000 }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(0));
  });
}

/**
 * Spawns `node <args>` with stdout/stderr to `logFile` (as journald would take
 * them) and polls `healthPath` every 5 ms until 200. Bounded by `timeoutMs`.
 */
export async function spawnAndWait(
  args: string[],
  port: number,
  healthPath: string,
  logFile: string,
  timeoutMs = 20_000,
  nodeFlags: string[] = [],
): Promise<Child> {
  const fd = openSync(logFile, 'a');
  const t0 = performance.now();
  const proc = spawn(process.execPath, [...nodeFlags, ...args], {
    stdio: ['ignore', fd, fd],
    env: { ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'info' },
  });
  closeSync(fd);
  let exited = false;
  proc.once('exit', () => {
    exited = true;
  });
  while (performance.now() - t0 < timeoutMs && !exited) {
    if ((await healthOnce(port, healthPath)) === 200)
      return { proc, port, logFile, readyWallMs: performance.now() - t0, readyCpuMs: cpuMs(proc.pid!) };
    await new Promise((r) => setTimeout(r, 5));
  }
  proc.kill('SIGKILL');
  throw new Error(`${args[0]} not healthy within ${timeoutMs} ms (exited: ${exited}); log:\n${readFileSync(logFile, 'utf8').slice(-2000)}`);
}

export async function startStationChild(configFile: string, dataDir: string, logFile: string, nodeFlags: string[] = []): Promise<Child> {
  const port = await freePort();
  return spawnAndWait(
    [STATION_MAIN, '--config', configFile, '--data-dir', dataDir, '--port', String(port)],
    port,
    '/api/v1/health',
    logFile,
    20_000,
    nodeFlags,
  );
}

export async function startFloorChild(dataDir: string, logFile: string): Promise<Child> {
  const port = await freePort();
  return spawnAndWait([FLOOR_MAIN, dataDir, String(port)], port, '/health', logFile);
}

/** SIGTERM, then SIGKILL after `graceMs`; resolves once the process has exited. */
export function stop(proc: ChildProcess, graceMs = 5000): Promise<void> {
  if (proc.exitCode !== null || proc.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => proc.kill('SIGKILL'), graceMs);
    proc.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    proc.kill('SIGTERM');
  });
}

/** VmRSS of a process in MB (from /proc/<pid>/status). */
export function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

/** The readyMs the station logged in its "ready at" line (the last one in the file). */
export function loggedReadyMs(logFile: string): number {
  const lines = readFileSync(logFile, 'utf8')
    .split('\n')
    .filter((l) => l.includes('ready at'));
  const last = lines.at(-1);
  if (!last) return NaN;
  try {
    return Number((JSON.parse(last) as { readyMs?: number }).readyMs);
  } catch {
    return NaN;
  }
}

/** CPU time used by a process so far, in ms (utime + stime from /proc/<pid>/stat). */
export function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(f[11]) + Number(f[12])) * 1000) / 100; // USER_HZ is 100 on Linux
}

/** Machine-wide CPU busy fraction between two samples of /proc/stat. */
export function cpuSample(): { busy: number; total: number } {
  const f = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const idle = (f[3] ?? 0) + (f[4] ?? 0);
  const total = f.reduce((a, b) => a + b, 0);
  return { busy: total - idle, total };
}

export function loadAvg1(): number {
  return Number(readFileSync('/proc/loadavg', 'utf8').split(' ')[0]);
}
