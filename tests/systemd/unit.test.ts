/**
 * The unit file as systemd itself judges it: `systemd-analyze security
 * --offline=true` must rate it 2.0 or better ("OK"), while the station keeps
 * what it needs: the serial, GPIO and I2C devices, writable+executable memory
 * for V8, Type=notify with a watchdog. (systemd 252 takes the threshold in
 * tenths: --threshold=20 is 2.0; "2.0" is refused as unparsable.)
 */
import t from 'tap';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const UNIT = fileURLToPath(new URL('../../systemd/ktp-station.service', import.meta.url));
const text = readFileSync(UNIT, 'utf8');
const settings = (key: string) => [...text.matchAll(new RegExp(`^${key}=(.*)$`, 'gm'))].map((m) => m[1]!.trim());

t.test('systemd-analyze security --offline=true rates the unit at most 2.0', async (t) => {
  const r = spawnSync('systemd-analyze', ['security', '--offline=true', '--threshold=20', '--no-pager', UNIT], { encoding: 'utf8' });
  t.equal(r.error, undefined, 'systemd-analyze runs (Debian package systemd)');
  const m = /Overall exposure level for ktp-station\.service: (\d+\.\d+) (\S+)/.exec(r.stdout);
  t.ok(m, 'an overall exposure level is printed', { stdout: r.stdout.slice(-2000), stderr: r.stderr });
  if (!m) return;
  const score = Number(m[1]);
  t.ok(score <= 2.0, `exposure ${score} ${m[2]} ≤ 2.0`);
  t.equal(r.status, 0, '--threshold=20 (2.0) passes');
  const stricter = spawnSync('systemd-analyze', ['security', '--offline=true', `--threshold=${Math.round(score * 10) - 1}`, UNIT]);
  t.equal(stricter.status, 1, 'and the gate does fail just below the score (it is a real gate)');
});

t.test('hardened, with serial, GPIO and I2C access intact', async (t) => {
  t.same(settings('DevicePolicy'), ['closed']);
  const allowed = settings('DeviceAllow').join(' ');
  for (const dev of ['char-ttyS', 'char-ttyUSB', 'char-ttyACM', 'char-ttyAMA', 'char-gpiochip', 'char-i2c']) {
    t.match(allowed, new RegExp(`${dev} rw`), `${dev} read-write`);
  }
  t.same(settings('SupplementaryGroups'), ['dialout gpio i2c'], 'the groups that own those devices');
  t.same(settings('MemoryDenyWriteExecute'), ['no'], 'V8 keeps its JIT');
  t.same(settings('Type'), ['notify']);
  const watchdog = Number(settings('WatchdogSec')[0]);
  const stop = Number(settings('TimeoutStopSec')[0]);
  t.ok(watchdog > 0, 'a watchdog');
  t.ok(stop > 10, 'TimeoutStopSec leaves room for the station’s own 10 s stop deadline');
  t.same(settings('ReadWritePaths').slice(0, 1), ['/var/lib/ktp-station'], 'the database directory stays writable');
});
