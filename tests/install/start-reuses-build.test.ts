/**
 * `npm start` reuses an up-to-date build: its prestart (scripts/build-if-stale.mjs)
 * rebuilds only when a source is newer than dist/ktp-station.mjs. Checked on a
 * small copy of the checkout's layout, so edits elsewhere cannot sway it.
 */
import t from 'tap';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

t.test('a fresh build is reused; a newer source asks for a rebuild', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'ktp-stale-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const files = [
    'src/main.ts',
    'src/native/addon.c',
    'src/native/build/status.json',
    'tsconfig.json',
    'package.json',
    'dist/ktp-station.mjs',
  ];
  mkdirSync(join(dir, 'scripts'));
  copyFileSync(join(ROOT, 'scripts/build-if-stale.mjs'), join(dir, 'scripts/build-if-stale.mjs'));
  const past = new Date(Date.now() - 60_000);
  for (const f of files) {
    mkdirSync(dirname(join(dir, f)), { recursive: true });
    writeFileSync(join(dir, f), '{}');
    utimesSync(join(dir, f), past, past);
  }
  const bundle = join(dir, 'dist/ktp-station.mjs');
  const built = new Date(Date.now() - 30_000);
  utimesSync(bundle, built, built);
  const bundleMtime = statSync(bundle).mtimeMs; // as the filesystem stores it (not always to the millisecond)
  const check = () => spawnSync(process.execPath, [join(dir, 'scripts/build-if-stale.mjs'), '--check'], { encoding: 'utf8' });

  t.equal(check().status, 0, 'sources older than the bundle: npm start goes straight to node');
  const source = join(dir, 'src/main.ts');
  utimesSync(source, new Date(), new Date());
  const stale = check();
  t.equal(stale.status, 1, 'a source newer than the bundle: rebuild');
  t.equal(stale.stdout.trim(), 'stale');
  t.equal(statSync(bundle).mtimeMs, bundleMtime, '--check builds nothing');
  rmSync(bundle);
  t.equal(check().stdout.trim(), 'no build', 'no bundle at all: build');
});
