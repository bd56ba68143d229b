/**
 * A data directory the station cannot use at start-up is one log line that
 * says what to check and exit 1, never a stack trace: a file in the way, and
 * (as root, which CI is) a read-only filesystem.
 */
import t, { type Test } from 'tap';
import { spawnSync, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MAIN } from '../support/child-station.js';

function start(dataDir: string) {
  const r = spawnSync(process.execPath, [MAIN, '--port', '0', '--data-dir', dataDir], {
    env: { ...process.env, LOG_LEVEL: 'info' },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

function saysOneClearLine(t: Test, r: { status: number | null; out: string }, why: RegExp) {
  t.equal(r.status, 1, 'exit 1');
  const fatal = r.out.split('\n').filter((l) => l.includes('cannot use the data directory'));
  t.equal(fatal.length, 1, 'one line says so');
  t.match(fatal[0], why);
  t.notMatch(r.out, /\n\s+at .+:\d+:\d+/, 'no stack trace');
}

t.test('a file where the data directory should be', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'ktp-unusable-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, 'data'), 'not a directory');
  saysOneClearLine(t, start(join(dir, 'data')), /a file is in the way/);
});

t.test('a read-only data directory', { skip: process.getuid?.() !== 0 ? 'needs root to mount a read-only tmpfs' : false }, async (t) => {
  const mountPoint = mkdtempSync(join(tmpdir(), 'ktp-ro-'));
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m,ro', 'tmpfs', mountPoint]);
  t.teardown(() => {
    execFileSync('umount', ['-l', mountPoint]);
    rmSync(mountPoint, { recursive: true, force: true });
  });
  saysOneClearLine(t, start(mountPoint), /read-only/i);
});
