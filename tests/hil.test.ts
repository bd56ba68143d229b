/**
 * The VM tier: the station's drivers and the GPIO/I2C/serial libraries under them,
 * run inside Debian's kernel (qemu) against i2c-stub, gpio-sim and two cross-wired
 * 8250 UARTs. Builds the kernel artifacts (cached), compiles the guest programs,
 * boots once and checks every result the guest reports. Missing prerequisites
 * (root, qemu, busybox-static, a reachable Debian archive on the first run) fail
 * this test with the message build.sh printed: they are not a reason to skip.
 */
import t from 'tap';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname } from 'node:path';

const ROOT = dirname(dirname(fileURLToPath(import.meta.url)));
const GUEST_SUITE = 'dist/hil/tests/hil/guest/suite.js';
/** Every group the guest suite must report, each with at least one check. */
const GROUPS = ['i2c-raw', 'gpio-raw', 'serial-raw', 'i2c-drivers', 'gpio-drivers', 'serial-drivers'];

interface Ran {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  seconds: number;
}

function run(cmd: string, args: string[], timeoutMs: number): Promise<Ran> {
  const t0 = Date.now();
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    // Safety net only: run.sh has its own hard timeout and kills qemu first.
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, seconds: (Date.now() - t0) / 1000 });
    });
  });
}

interface CheckLine {
  group: string;
  name: string;
  ok: boolean;
  ms: number;
  detail?: string;
}

function linesAfter<T>(output: string, prefix: string): T[] {
  return output
    .split('\n')
    .filter((l) => l.startsWith(prefix))
    .map((l) => JSON.parse(l.slice(prefix.length)) as T);
}

t.setTimeout(600_000); // a first build downloads ~220 MB of kernel packages

t.test('VM tier: real kernel interfaces under the station code', async (t) => {
  const build = await run('bash', ['scripts/hil/build.sh'], 540_000);
  t.comment(`build.sh: ${build.seconds.toFixed(1)} s (${/cached:/.test(build.stderr) ? 'cached' : 'built'})`);
  if (build.code !== 0) {
    t.fail(`scripts/hil/build.sh failed (exit ${build.code ?? build.signal}): the VM tier cannot run`, {
      stderr: build.stderr.slice(-4000),
    });
    return;
  }

  const tsc = await run(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tests/hil/guest/tsconfig.json'], 120_000);
  t.comment(`guest compile: ${tsc.seconds.toFixed(1)} s`);
  t.equal(tsc.code, 0, 'the guest programs compile', { output: tsc.stdout.slice(-4000) });

  const vm = await run('bash', ['scripts/hil/run.sh', 'node', GUEST_SUITE, ...GROUPS], 300_000);
  t.comment(`boot + guest suite + power-off: ${vm.seconds.toFixed(1)} s`);
  const diagnostics = { console: vm.stdout.slice(-6000), stderr: vm.stderr.slice(-2000) };
  t.not(vm.code, 124, 'the guest finished before the hard timeout', diagnostics);
  t.not(vm.code, 125, 'the guest reported an exit code', diagnostics);

  const plan = linesAfter<{ group: string; name: string }>(vm.stdout, 'KTP-HIL-PLAN ');
  const results = linesAfter<CheckLine>(vm.stdout, 'KTP-HIL-CHECK ');
  t.ok(plan.length > 0, 'the guest announced its checks', diagnostics);
  for (const g of GROUPS) {
    t.ok(
      plan.some((p) => p.group === g),
      `group ${g} has checks`,
      diagnostics,
    );
  }
  for (const p of plan) {
    const r = results.find((x) => x.group === p.group && x.name === p.name);
    if (!r) {
      t.fail(`${p.group}: ${p.name} — no result (the guest stopped early?)`, diagnostics);
      continue;
    }
    t.ok(r.ok, `${p.group}: ${p.name} (${r.ms} ms)`, r.ok ? {} : { detail: r.detail });
  }
  const failed = results.filter((r) => !r.ok).length;
  t.equal(vm.code, failed > 0 ? 1 : 0, "run.sh's exit code is the guest suite's", diagnostics);
});
