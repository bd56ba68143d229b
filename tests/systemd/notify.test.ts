/**
 * The real station process under a NOTIFY_SOCKET, as systemd runs it with
 * Type=notify and WatchdogSec: a receiver written in Python (not our code)
 * sees READY=1 with a STATUS= line, the watchdog pings, a STATUS= that follows
 * a printer running out of paper, and STOPPING=1 on SIGTERM — through the
 * station's own addon, and through systemd-notify where the addon is off.
 */
import t, { type Test } from 'tap';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startChildStation, waitExit } from '../support/child-station.js';

const RECEIVER = fileURLToPath(new URL('./notify-receiver.py', import.meta.url));

interface Receiver {
  proc: ChildProcess;
  messages: string[][];
  until(pred: (all: string[][]) => boolean, what: string): Promise<void>;
}

function startReceiver(path: string): Promise<Receiver> {
  const proc = spawn('python3', [RECEIVER, path], { stdio: ['ignore', 'pipe', 'inherit'] });
  const messages: string[][] = [];
  const waiters: (() => void)[] = [];
  let buf = '';
  return new Promise((resolve, reject) => {
    proc.on('error', reject);
    proc.stdout!.on('data', (d: Buffer) => {
      buf += d.toString();
      let nl;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = JSON.parse(buf.slice(0, nl)) as { listening?: string; fields?: string[] };
        buf = buf.slice(nl + 1);
        if (line.listening) resolve(receiver);
        if (line.fields) messages.push(line.fields);
        for (const w of [...waiters]) w();
      }
    });
    const receiver: Receiver = {
      proc,
      messages,
      until: (pred, what) =>
        new Promise((ok, fail) => {
          // A bound, not a timing assertion: only a station that never sends fails here.
          const timer = setTimeout(() => fail(new Error(`no ${what} within 30 s; got ${JSON.stringify(messages)}`)), 30_000);
          const check = () => {
            if (!pred(messages)) return;
            clearTimeout(timer);
            waiters.splice(waiters.indexOf(check), 1);
            ok();
          };
          waiters.push(check);
          check();
        }),
    };
  });
}

const has = (field: string) => (all: string[][]) => all.some((m) => m.includes(field));
const count = (field: string, all: string[][]) => all.filter((m) => m.includes(field)).length;

async function runUnderNotify(t: Test, env: Record<string, string>) {
  const dir = mkdtempSync(join(tmpdir(), 'ktp-notify-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const rx = await startReceiver(join(dir, 'notify.sock'));
  t.teardown(() => rx.proc.kill());
  // 300 ms watchdog: a ping every 150 ms, so a few arrive within any test run.
  const station = await startChildStation(['--data-dir', join(dir, 'data')], {
    NOTIFY_SOCKET: join(dir, 'notify.sock'),
    WATCHDOG_USEC: '300000',
    ...env,
  });
  t.teardown(() => station.proc.kill('SIGKILL'));

  await rx.until(has('READY=1'), 'READY=1');
  const ready = rx.messages.find((m) => m.includes('READY=1'))!;
  t.ok(
    ready.some((f) => /^STATUS=melayani/.test(f)),
    `READY=1 comes with the status line (${ready.join(' | ')})`,
  );
  const health = await fetch(`${station.url}/api/v1/health`);
  t.equal(health.status, 200, 'the API answers once READY=1 was sent');

  const readyAt = rx.messages.indexOf(ready);
  await rx.until((all) => count('WATCHDOG=1', all.slice(readyAt)) >= 3, 'three watchdog pings');
  t.pass('watchdog pings keep coming from the event loop');

  const fault = await fetch(`${station.url}/api/v1/sim/devices/printer/fault`, {
    method: 'POST',
    headers: { authorization: 'Bearer dev-admin', 'content-type': 'application/json' },
    body: JSON.stringify({ fault: 'paper-out' }),
  });
  t.equal(fault.status, 200, 'paper runs out (simulated printer)');
  await rx.until(has('STATUS=melayani; printer: kertas habis'), 'the paper-out status line');
  t.pass('STATUS= tells the technician in Indonesian: "melayani; printer: kertas habis"');

  station.proc.kill('SIGTERM');
  await waitExit(station.proc);
  t.equal(station.proc.exitCode, 0, 'SIGTERM: a clean exit');
  t.ok(has('STOPPING=1')(rx.messages), 'STOPPING=1 before the exit');
  return station.output();
}

t.test('through the station addon (sendmsg on AF_UNIX/SOCK_DGRAM)', async (t) => {
  const out = await runUnderNotify(t, {});
  t.match(out, /systemd notified through addon; watchdog ping every 150 ms/);
});

const haveSystemdNotify = spawnSync('systemd-notify', ['--help'], { stdio: 'ignore' }).status === 0;
t.test('through systemd-notify when the addon is off', { skip: haveSystemdNotify ? false : 'systemd-notify not installed' }, async (t) => {
  const out = await runUnderNotify(t, { KTP_NATIVE: 'off' });
  t.match(out, /systemd notified through systemd-notify/);
});
