/**
 * A station for the pages' browser tests: the real one (startStation, every
 * device simulated) when it serves the pages; until the composition root
 * registers them, the small stub in stub-station.ts with the same pages.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger } from '../../../src/shared/log.js';
import { newStubState, startStub, type StubState } from './stub-station.js';
import { createSpeech } from '../../../src/drivers/speech/espeak.js';

export interface TestStation {
  url: string;
  port: number;
  kind: 'station' | 'stub';
  close(): Promise<void>;
}

const stubStates = new Map<string, StubState>();

export function tempDataDir(t: { teardown(fn: () => void): void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'ktp-pages-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export async function startTestStation(dataDir: string, port = 0): Promise<TestStation> {
  try {
    const { startStation } = await import('../../../src/station.js');
    const s = await startStation({ dataDir, port, host: '127.0.0.1', log: silentLogger() });
    if (s.app.hasRoute({ method: 'GET', url: '/display' })) {
      const p = Number(new URL(s.url).port);
      return { url: `http://127.0.0.1:${p}`, port: p, kind: 'station', close: () => s.close() };
    }
    await s.close();
  } catch (err) {
    if (process.env.PAGES_REQUIRE_STATION) throw err;
  }
  let state = stubStates.get(dataDir);
  if (!state) stubStates.set(dataDir, (state = newStubState()));
  const stub = await startStub({ state, port, speech: createSpeech({ cacheDir: join(dataDir, 'voice-cache') }) });
  return { ...stub, kind: 'stub' };
}

/** Acts as a resident at ticket button n (the sim route, admin token). */
export async function pressButton(base: string, n: number): Promise<void> {
  const res = await fetch(`${base}/api/v1/sim/buttons/${n}/press`, {
    method: 'POST',
    headers: { authorization: 'Bearer dev-admin', 'content-type': 'application/json' },
    body: '{}',
  });
  if (!res.ok) throw new Error(`press ${n}: ${res.status} ${await res.text()}`);
}
