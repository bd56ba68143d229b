/**
 * Runs scripts/fresh/run.sh (a fresh Debian bookworm machine in a chroot, see
 * that script) and reads the lines it prints: FRESH-STEP (each step's time),
 * FRESH-RESULT, FRESH-HEALTH, FRESH-TICKET and FRESH-CHECK.
 */
import { spawn } from 'node:child_process';
import type { Test } from 'tap';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface FreshRun {
  code: number | null;
  out: string;
  seconds: number;
}

export function runFresh(arch: 'amd64' | 'arm64', node: '22' | '24', mode: 'readme' | 'installer'): Promise<FreshRun> {
  const t0 = Date.now();
  return new Promise((resolve) => {
    const child = spawn('bash', ['scripts/fresh/run.sh', arch, node, mode], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('close', (code) => resolve({ code, out, seconds: (Date.now() - t0) / 1000 }));
  });
}

/** The text after PREFIX on every line that starts with it. */
export const freshLines = (out: string, prefix: string) =>
  out
    .split('\n')
    .filter((l) => l.startsWith(prefix))
    .map((l) => l.slice(prefix.length).trim());

export const freshResult = (out: string) =>
  freshLines(out, 'FRESH-RESULT ').map((l) => JSON.parse(l) as { ok: boolean; node: string; arch: string; totalSeconds: number })[0];

/** KTP_FRESH=skip skips the chroot tiers on a developer's machine (and the test says so). */
export const freshSkip = process.env.KTP_FRESH === 'skip' ? 'KTP_FRESH=skip' : false;

/**
 * What every fresh run must show: its steps' times as comments, exit 0 and FRESH-RESULT ok
 * (with the end of the run's output when not). Returns that result and the diagnostics.
 */
export function checkFreshRun(t: Test, ran: FreshRun) {
  for (const s of freshLines(ran.out, 'FRESH-STEP ')) t.comment(s);
  t.comment(`whole run ${ran.seconds.toFixed(0)} s`);
  const diagnostics = { output: ran.out.slice(-6000) };
  t.equal(ran.code, 0, 'the run succeeded', diagnostics);
  const result = freshResult(ran.out);
  t.ok(result?.ok, 'FRESH-RESULT ok', diagnostics);
  return { result, diagnostics };
}
