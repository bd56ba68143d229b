/**
 * A full data disk is a state, not a crash. The station process runs with its
 * data on a 2 MiB tmpfs that a filler file fills while tickets are issued:
 * a free-space warning comes first; then writes answer 503
 * STORAGE_UNAVAILABLE with the reason in Indonesian and English, /health says
 * `fault` with the reason, the technician has a `storage` alert, and the
 * process keeps serving (also through a print failure, power events, a ticket
 * button and a summons scan while full, the paths that used to kill it).
 * Freeing space brings it back by itself, and no acknowledged ticket is lost.
 * Needs root (mount); CI runs as root.
 */
import t from 'tap';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, openSync, writeSync, closeSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { builtInConfig, DEV_TOKENS } from '../../src/config/defaults.js';
import { startChildStation, waitExit } from '../support/child-station.js';
import { waitFor } from '../support/wait.js';

const KIOSK = { authorization: `Bearer ${DEV_TOKENS.kiosk}`, 'content-type': 'application/json' };
const ADMIN = { authorization: `Bearer ${DEV_TOKENS.admin}`, 'content-type': 'application/json' };
const TECH = { authorization: `Bearer ${DEV_TOKENS.technician}` };

/** Appends zeros to `file` until the disk refuses (ENOSPC) or `limit` bytes were added; returns bytes written. */
function fill(file: string, limit = Infinity): number {
  const fd = openSync(file, 'a');
  const chunk = Buffer.alloc(16 * 1024);
  let written = 0;
  try {
    while (written < limit) written += writeSync(fd, chunk, 0, Math.min(chunk.length, limit - written));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOSPC') throw err;
  } finally {
    closeSync(fd);
  }
  return written;
}

function freeBytes(dir: string): number {
  return Number(execFileSync('df', ['--output=avail', '-B1', dir]).toString().trim().split('\n').pop());
}

/** Waits for a condition asked of the station process over HTTP (or its log), every 100 ms. */
const until = (what: string, check: () => Promise<boolean>) => waitFor(check, what, 40_000, 100);

t.test('a full data disk: 503 with the reason, health fault, alert, no exit, recovery, nothing acknowledged lost', async (t) => {
  const mountPoint = mkdtempSync(join(tmpdir(), 'ktp-tmpfs-'));
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=2m,mode=0750', 'tmpfs', mountPoint]);
  t.teardown(() => {
    try {
      execFileSync('umount', ['-l', mountPoint]);
    } finally {
      rmSync(mountPoint, { recursive: true, force: true });
    }
  });
  const config = builtInConfig();
  config.alerts = { storageMinFreeMB: 0.75 };
  // Up to 400 tickets from one kiosk token within a minute, past the default per-token limit.
  config.http = { ...config.http, limits: { ticketsPerMinutePerToken: 1000 } };
  const configFile = join(mountPoint, '..', `${mountPoint.split('/').pop()}.yaml`);
  writeFileSync(configFile, stringify(config));
  t.teardown(() => rmSync(configFile, { force: true }));
  const dataDir = join(mountPoint, 'data');
  const filler = join(mountPoint, 'filler');

  const station = await startChildStation(['--config', configFile, '--data-dir', dataDir]);
  t.teardown(() => station.proc.kill('SIGKILL'));
  const url = station.url;
  const health = async () => (await (await fetch(`${url}/api/v1/health`)).json()) as { status: string; reasons?: string[] };
  const alerts = async (which = 'active=true') =>
    (
      (await (await fetch(`${url}/api/v1/alerts?${which}`, { headers: TECH })).json()) as {
        alerts: Array<{ kind: string; active: boolean; message: string }>;
      }
    ).alerts;
  const acknowledged: string[] = [];
  const issue = async (service = 'A') => {
    const res = await fetch(`${url}/api/v1/tickets`, { method: 'POST', headers: KIOSK, body: JSON.stringify({ service }) });
    const body = (await res.json()) as { ticket?: { number: string }; error?: { code: string; message: string; reason?: string } };
    if (res.status === 201) acknowledged.push(body.ticket!.number);
    return { status: res.status, body, retryAfter: res.headers.get('retry-after') };
  };

  t.equal((await issue()).status, 201);
  // The API answers before every simulated device is up: health is ok once they are.
  await until('every device up', async () => (await health()).status === 'ok');
  t.same(await health(), { status: 'ok' });

  // Fill down to just under the warning threshold: the free-space check warns before the disk is full.
  fill(filler, freeBytes(mountPoint) - 600 * 1024);
  await until('storage-low warning', async () => (await health()).reasons?.includes('storage-low') ?? false);
  t.equal((await health()).status, 'degraded', 'low space is degraded, not yet a fault');
  t.ok(
    (await alerts()).some((a) => a.kind === 'storage-low' && a.active),
    'storage-low alert',
  );
  t.equal((await issue()).status, 201, 'tickets are still issued while space is low');

  // Fill the rest while tickets are issued, until the station says the disk is full.
  let refused: Awaited<ReturnType<typeof issue>> | null = null;
  for (let i = 0; i < 400 && !refused; i++) {
    fill(filler, 8 * 1024);
    const r = await issue(i % 2 ? 'A' : 'B');
    if (r.status !== 201) refused = r;
  }
  t.ok(refused, 'a ticket was refused once the disk was full');
  t.equal(refused!.status, 503);
  t.equal(refused!.body.error!.code, 'STORAGE_UNAVAILABLE');
  t.equal(refused!.body.error!.reason, 'storage-full');
  t.match(refused!.body.error!.message, /Penyimpanan stasiun penuh.*\/ The station's storage is full/, 'Indonesian, then English');
  t.equal(refused!.retryAfter, '30');
  fill(filler); // whatever is left

  t.same(await health(), { status: 'fault', reasons: ['storage-full'] }, '/health says fault and why');
  const storageAlert = (await alerts()).find((a) => a.kind === 'storage');
  t.ok(storageAlert?.active, 'a storage alert for the technician');
  t.match(storageAlert!.message, /no space left for the station data/);

  // The paths that used to kill the process, while the disk is full.
  const fault = await fetch(`${url}/api/v1/sim/devices/printer/fault`, {
    method: 'POST',
    headers: ADMIN,
    body: JSON.stringify({ fault: 'paper-out' }),
  });
  t.equal(fault.status, 200, 'printer out of paper');
  const press = (await (await fetch(`${url}/api/v1/sim/buttons/0/press`, { method: 'POST', headers: ADMIN })).json()) as {
    outcome: { kind: string } | null;
  };
  t.equal(press.outcome?.kind, 'refused', 'a ticket button pressed while full gives no number');
  await fetch(`${url}/api/v1/sim/power`, { method: 'POST', headers: ADMIN, body: JSON.stringify({ mains: false }) });
  const powerView = async () => (await (await fetch(`${url}/api/v1/power`, { headers: TECH })).json()) as { outage: boolean };
  await until('the outage taken in (after the power debounce)', async () => (await powerView()).outage);
  const beforeScan = station.output().length;
  await fetch(`${url}/api/v1/sim/scan`, { method: 'POST', headers: ADMIN, body: JSON.stringify({ code: 'SP-120601-20261128-0042' }) });
  await until('the scan taken in at counter 1', async () =>
    /"ns":"counters"[^\n]*"msg":"code scanned"/.test(station.output().slice(beforeScan)),
  );
  await until('the printer out of paper taken in', async () => (await alerts()).some((a) => a.kind === 'printer-cannot-print' && a.active));
  for (let i = 0; i < 5; i++) t.equal((await issue()).status, 503, 'still refused, never a 500');
  const call = await fetch(`${url}/api/v1/counters/1/call`, { method: 'POST', headers: ADMIN });
  t.equal(call.status, 503, 'a counter call needs a write too');
  t.equal((await fetch(`${url}/api/v1/queue`)).status, 200, 'reading still works');
  // The writes these paths left (alerts, power events) are kept; the next storage probe retries them on the full disk.
  const beforeProbe = station.output().length;
  await until('a storage probe after all that', async () => {
    if (station.proc.exitCode !== null) throw new Error(`the station exited (${station.proc.exitCode}) while its disk was full`);
    return /storage still unusable/.test(station.output().slice(beforeProbe));
  });
  t.equal(station.proc.exitCode, null, 'the process is still running');

  // Paper back in, and space comes back: the station notices by itself.
  await fetch(`${url}/api/v1/sim/devices/printer/fault`, { method: 'POST', headers: ADMIN, body: JSON.stringify({ fault: 'none' }) });
  rmSync(filler);
  // The printer takes up to a status poll to report its paper back, so wait for both.
  await until('recovery', async () => {
    const h = await health();
    return h.status !== 'fault' && !h.reasons?.some((r) => r.startsWith('storage'));
  });
  t.notOk(
    (await health()).reasons?.some((r) => r.startsWith('storage')),
    'no storage reason left on /health',
  );
  t.notOk(
    (await alerts()).some((a) => a.kind === 'storage'),
    'storage alert cleared',
  );
  t.ok(
    (await alerts('hours=1')).some((a) => a.kind === 'storage' && !a.active),
    'the alert raised while nothing could be written is in the history now',
  );
  const after = await issue();
  t.equal(after.status, 201, 'tickets are issued again');

  // Nothing acknowledged is lost, no number repeated or skipped, also after a restart.
  station.proc.kill('SIGTERM');
  await waitExit(station.proc);
  t.equal(station.proc.exitCode, 0, 'stops cleanly');
  t.notMatch(station.output(), /"stack"/, 'no stack trace logged');
  const again = await startChildStation(['--config', configFile, '--data-dir', dataDir]);
  t.teardown(() => again.proc.kill('SIGKILL'));
  const res = await fetch(`${again.url}/api/v1/tickets`, { headers: TECH });
  const { tickets } = (await res.json()) as { tickets: Array<{ number: string; service: string }> };
  const stored = new Set(tickets.map((x) => x.number));
  t.same(
    acknowledged.filter((n) => !stored.has(n)),
    [],
    `all ${acknowledged.length} acknowledged tickets are on disk`,
  );
  for (const service of ['A', 'B']) {
    const seqs = tickets
      .filter((x) => x.service === service)
      .map((x) => Number(x.number.slice(2)))
      .sort((a, b) => a - b);
    t.same(
      seqs,
      seqs.map((_, i) => i + 1),
      `service ${service}: numbers 1..${seqs.length}, none repeated or skipped`,
    );
  }
  const power = (await (await fetch(`${again.url}/api/v1/power/events`, { headers: TECH })).json()) as { events?: Array<{ kind: string }> };
  t.ok(
    power.events?.some((e) => e.kind === 'outage-start'),
    'the outage seen while the disk was full was written once space came back',
  );
  again.proc.kill('SIGTERM');
  await waitExit(again.proc);
  t.ok(existsSync(join(dataDir, 'station.db')));
});
