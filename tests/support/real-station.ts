/**
 * The real station for browser tests: startStation with every device
 * simulated, on a free port, with the real clock (the pages run on the
 * browser's clock). No fallback of any kind: if the station does not start,
 * the test fails. The station's log goes to test-output/logs/<test file>.log,
 * to read when a page test fails.
 */
import { mkdirSync, createWriteStream } from 'node:fs';
import { basename, join } from 'node:path';
import { createLogger } from '../../src/shared/log.js';
import { startStation, type RunningStation } from '../../src/station.js';
import { testConfig, tempDir } from './station-fixture.js';
import { waitFor } from './wait.js';
import type { StationConfig } from '../../src/config/schema.js';

export interface RealStation {
  url: string;
  station: RunningStation;
  /** POST/GET with a token, JSON in and out. */
  call(method: 'GET' | 'POST', path: string, token: string, body?: unknown): Promise<{ status: number; json: any }>;
}

export async function startRealStation(
  t: { teardown(fn: () => void | Promise<void>): void },
  edit?: (c: StationConfig) => void,
): Promise<RealStation> {
  const config = testConfig(tempDir(t, 'ktp-pages-'), edit);
  const station = await startStation({ config, log: fileLogger(), host: '127.0.0.1', port: 0 });
  t.teardown(() => station.close());
  const url = station.url.replace('localhost', '127.0.0.1');
  const call: RealStation['call'] = async (method, path, token, body) => {
    const res = await fetch(`${url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    return { status: res.status, json: text ? JSON.parse(text) : null };
  };
  // Every simulated device up before the residents arrive.
  await waitFor(() => station.devices.worst() === 'ok', 'every simulated device ok', 10_000).catch(() => {
    throw new Error(`devices not ready: ${JSON.stringify(station.devices.list())}`);
  });
  return { url, station, call };
}

/** Info and above, one JSON line each, in test-output/logs/ beside the screenshots. */
function fileLogger() {
  const dir = join('test-output', 'logs');
  mkdirSync(dir, { recursive: true });
  const name = basename(process.argv[1] ?? 'pages', '.ts').replace(/\.test$/, '');
  return createLogger({ level: 'info', pretty: false, destination: createWriteStream(join(dir, `${name}.log`)) });
}
