/**
 * The real station (startStation, every device simulated) for the pages'
 * browser tests, listening on a free port. If it does not start, the test
 * fails: there is no stand-in.
 */
import { silentLogger } from '../../src/shared/log.js';
import { startStation, type RunningStation } from '../../src/station.js';
import type { StationConfig } from '../../src/config/schema.js';
import { tempDir, testConfig } from './station-fixture.js';

export interface TestStation {
  url: string;
  port: number;
  station: RunningStation;
  close(): Promise<void>;
}

export function tempDataDir(t: { teardown(fn: () => void): void }): string {
  return tempDir(t, 'ktp-pages-');
}

/** Starts the station on `dataDir` (its SQLite file survives a restart on the same directory). */
export async function startTestStation(
  dataDir: string,
  opts: { port?: number; edit?: (c: StationConfig) => void } = {},
): Promise<TestStation> {
  const station = await startStation({
    config: testConfig(dataDir, opts.edit),
    host: '127.0.0.1',
    port: opts.port ?? 0,
    log: silentLogger(),
  });
  const port = Number(new URL(station.url).port);
  return { url: `http://127.0.0.1:${port}`, port, station, close: () => station.close() };
}

/** Calls the station's API with a token, failing the test on any answer but 2xx. */
export async function api(base: string, token: string, method: string, path: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${base}/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return res.json();
}

/** Acts as a resident at ticket button n (the sim route, admin token). */
export async function pressButton(base: string, n: number): Promise<void> {
  await api(base, 'dev-admin', 'POST', `/sim/buttons/${n}/press`, {});
}
