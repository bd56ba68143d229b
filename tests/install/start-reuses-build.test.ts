/**
 * `npm start` reuses an up-to-date build: its prestart (scripts/build-if-stale.mjs)
 * rebuilds only when a source is newer than dist/ktp-station.mjs. `npm test`'s
 * pretest has just built, so the build is fresh here.
 */
import t from 'tap';
import { spawnSync } from 'node:child_process';
import { statSync, utimesSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const check = () => spawnSync(process.execPath, ['scripts/build-if-stale.mjs', '--check'], { cwd: ROOT, encoding: 'utf8' });

t.test('a fresh build is reused; a newer source asks for a rebuild', async (t) => {
  const bundle = join(ROOT, 'dist/ktp-station.mjs');
  const builtMs = statSync(bundle).mtimeMs;
  const built = new Date(builtMs);
  const source = join(ROOT, 'src/shared/clock.ts');
  const before = statSync(source);
  t.teardown(() => utimesSync(source, before.atime, before.mtime));
  // Sources not newer than the bundle: nothing to do.
  utimesSync(source, before.atime, new Date(built.getTime() - 1000));
  t.equal(check().status, 0, 'up to date: npm start goes straight to node');
  utimesSync(source, before.atime, new Date(built.getTime() + 1000));
  const stale = check();
  t.equal(stale.status, 1, 'a source newer than the bundle: rebuild');
  t.equal(stale.stdout.trim(), 'stale');
  t.equal(statSync(bundle).mtimeMs, builtMs, '--check builds nothing');
});
