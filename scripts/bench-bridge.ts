/**
 * Companion board timings over the simavr harness (the real firmware behind a
 * pty) with the real bridge driver:
 *   - time to ready: harness start -> driver "ok" (20 runs, p50/max), which
 *     includes the imitated 50 ms DTR auto-reset and the Firmata handshake;
 *   - reading latency: injected millivolts -> changed reading, at the driver's
 *     default 100 ms sampling and at Firmata's customary 19 ms.
 *
 *   npx tsc -p tsconfig.json && node dist/scripts/bench-bridge.js   (from the repo root)
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { FirmataBridge, resolveChannels } from '../src/drivers/bridge/index.js';
import { hardwarePort } from '../src/drivers/transport/serial/open-port.js';
import { driverContext } from '../src/drivers/context.js';
import { systemClock } from '../src/shared/clock.js';
import { silentLogger } from '../src/shared/log.js';

const FW = resolve(process.cwd(), 'firmware-bridge');
const RUNS = Number(process.env.RUNS ?? 20);

execFileSync('flock', ['/tmp/ktp-firmware-bridge-make.lock', 'make', '-s', '-C', FW], { stdio: 'inherit' });
const scratch = mkdtempSync(join(tmpdir(), 'ktp-bench-bridge-'));

function startHarness(link: string) {
  const proc = spawn(join(FW, 'build/bridge-harness'), [join(FW, 'build/bridge-sim.elf'), '--link', link], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines: string[] = [];
  const waiters: Array<[(l: string) => boolean, () => void]> = [];
  proc.stdout.setEncoding('utf8');
  let buf = '';
  proc.stdout.on('data', (c: string) => {
    buf += c;
    for (let nl; (nl = buf.indexOf('\n')) >= 0;) {
      const line = buf.slice(0, nl);
      buf = buf.slice(nl + 1);
      lines.push(line);
      for (const w of waiters.splice(0)) {
        if (w[0](line)) w[1]();
        else waiters.push(w);
      }
    }
  });
  const line = (pred: (l: string) => boolean, from = 0) =>
    new Promise<void>((r) => (lines.slice(from).some(pred) ? r() : waiters.push([pred, r])));
  return {
    ready: line((l) => l.startsWith('/dev/')),
    send: async (cmd: string) => {
      const n = lines.length;
      proc.stdin.write(cmd + '\n');
      await line((l) => l === `ok ${cmd}`, n);
    },
    kill: () =>
      new Promise<void>((r) => {
        proc.once('exit', () => r());
        proc.kill('SIGKILL');
      }),
  };
}

function bridge(link: string, samplingMs: number) {
  return new FirmataBridge(
    {
      id: 'bridge',
      path: link,
      open: hardwarePort({ path: link, baudRate: 57600 }),
      channels: resolveChannels(undefined),
    },
    driverContext({ clock: systemClock, log: silentLogger(), timeouts: { reopenInitialMs: 20, bridgeSamplingMs: samplingMs } }),
  );
}

const untilOk = (b: FirmataBridge) =>
  new Promise<void>((r) => {
    if (b.state().status === 'ok') r();
    const off = b.onStatus((s) => {
      if (s.status === 'ok') {
        off();
        r();
      }
    });
  });
const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return `p50 ${s[Math.floor(s.length / 2)]!.toFixed(0)} ms, max ${s[s.length - 1]!.toFixed(0)} ms (n=${s.length})`;
};

async function timeToReady(): Promise<void> {
  const fromHarness: number[] = [];
  const fromStart: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const link = join(scratch, `tty${i}`);
    const t0 = performance.now();
    const h = startHarness(link);
    await h.ready;
    const b = bridge(link, 100);
    const t1 = performance.now();
    await b.start();
    await untilOk(b);
    const t2 = performance.now();
    fromHarness.push(t2 - t0);
    fromStart.push(t2 - t1);
    await b.stop();
    await h.kill();
  }
  console.log(`time to ready, harness start -> ok: ${stats(fromHarness)}`);
  console.log(`time to ready, driver start -> ok:  ${stats(fromStart)}`);
}

async function latency(samplingMs: number): Promise<void> {
  const link = join(scratch, `lat${samplingMs}`);
  const h = startHarness(link);
  await h.ready;
  const b = bridge(link, samplingMs);
  await b.start();
  await untilOk(b);
  const lat: number[] = [];
  for (let i = 0; i < 20; i++) {
    const mv = i % 2 ? 3000 : 4000;
    const volts = Math.round((Math.floor((mv * 1024) / 5000) / 1023) * 5 * 3 * 100) / 100;
    await new Promise((r) => setTimeout(r, Math.random() * samplingMs)); // vary the phase against the sampler
    const t0 = performance.now();
    const seen = new Promise<void>((r) => {
      const off = b.onReadings((x) => {
        if (typeof x.gensetBatteryV === 'number' && Math.abs(x.gensetBatteryV - volts) < 0.1) {
          off();
          r();
        }
      });
    });
    await h.send(`adc 0 ${mv}`);
    await seen;
    lat.push(performance.now() - t0);
  }
  console.log(`reading latency after an injected change, sampling ${samplingMs} ms: ${stats(lat)}`);
  await b.stop();
  await h.kill();
}

try {
  await timeToReady();
  await latency(100);
  await latency(19);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
