/** The real reading: the kernel's STA_UNSYNC through the addon, else timesyncd's flag file. */
import t from 'tap';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemClockSyncProbe } from '../../src/drivers/system-clock/sync-probe.js';
import { loadNative } from '../../src/native/load.js';

t.test('adjtimex through the addon answers on this machine', async (t) => {
  const native = loadNative();
  if (!native.addon) return t.fail(`the addon should have been built by npm install: ${native.reason}`);
  const r = systemClockSyncProbe(native, '/nonexistent')();
  t.equal(r.source, 'adjtimex');
  t.type(r.synchronized, 'boolean');
});

t.test('without the addon (or with adjtimex forbidden): timesyncd’s flag file', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'ktp-timesync-'));
  const run = join(dir, 'timesync');
  const none = { addon: null, reason: 'not built' } as const;
  t.match(systemClockSyncProbe(none, run)(), { synchronized: null, source: 'none', detail: /cannot tell/ });
  mkdirSync(run);
  t.match(systemClockSyncProbe(none, run)(), { synchronized: false, source: 'timesyncd' });
  writeFileSync(join(run, 'synchronized'), '');
  t.match(systemClockSyncProbe(none, run)(), { synchronized: true, source: 'timesyncd' });
  const forbidden = {
    addon: {
      notify: () => 0,
      clockSync: () => {
        throw Object.assign(new Error('EPERM adjtimex'), { code: 'EPERM' });
      },
    },
    reason: '',
  } as const;
  t.match(systemClockSyncProbe(forbidden, run)(), { synchronized: true, source: 'timesyncd' }, 'ProtectClock=yes: the file answers');
});
