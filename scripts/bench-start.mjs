#!/usr/bin/env node
// Start-up as a person sees it: `npm start` (its prestart included) until
// /api/v1/health answers 200, repeated N times on a free port with a
// throw-away data directory. Prints one row per run and a JSON summary.
//   node scripts/bench-start.mjs [runs=5] [--touch]   (--touch: a source newer than the build each run)
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, utimesSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const runs = Number(process.argv.find((a) => /^\d+$/.test(a)) ?? 5);
const touch = process.argv.includes('--touch');

const freePort = () =>
  new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });

async function once() {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'ktp-bench-start-'));
  if (touch) utimesSync(join(ROOT, 'src/main.ts'), new Date(), new Date());
  const t0 = performance.now();
  const child = spawn('npm', ['start', '--', '--port', String(port), '--data-dir', dir], { cwd: ROOT, stdio: 'ignore', detached: true });
  let ms = NaN;
  for (;;) {
    try {
      const r = await fetch(`http://127.0.0.1:${port}/api/v1/health`);
      if (r.status === 200) {
        ms = performance.now() - t0;
        break;
      }
    } catch {
      // not listening yet
    }
    if (child.exitCode !== null) break;
    if (performance.now() - t0 > 120_000) break;
    await new Promise((r) => setTimeout(r, 20));
  }
  process.kill(-child.pid, 'SIGTERM');
  await new Promise((r) => (child.exitCode !== null ? r() : child.on('exit', r)));
  rmSync(dir, { recursive: true, force: true });
  return ms;
}

const times = [];
for (let i = 0; i < runs; i++) {
  const ms = await once();
  times.push(ms);
  console.log(`run ${i + 1}: npm start -> health 200 in ${Math.round(ms)} ms`);
}
const sorted = [...times].sort((a, b) => a - b);
const p50 = sorted[Math.floor(sorted.length / 2)];
console.log(JSON.stringify({ bench: 'start', touch, runs, p50Ms: Math.round(p50), maxMs: Math.round(sorted.at(-1)), load: loadavg()[0] }));
