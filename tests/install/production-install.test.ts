/**
 * A production install (`npm ci --omit=dev`, as scripts/install-board.sh runs on
 * a board) has no TypeScript: `npm install`'s prepare (scripts/prepare.mjs) then
 * bundles the station straight from its sources with esbuild. Checked on a copy of
 * the checkout whose node_modules holds every package but typescript: prepare
 * takes the production path, and the bundle it makes starts, answers
 * /api/v1/health and issues a ticket with every device simulated.
 */
import t from 'tap';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startChildStation, waitExit } from '../support/child-station.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

t.test('without TypeScript, prepare bundles from the sources and that station serves', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'ktp-prod-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  symlinkSync(join(ROOT, 'src'), join(dir, 'src'));
  mkdirSync(join(dir, 'scripts'));
  for (const f of ['scripts/prepare.mjs', 'scripts/bundle.mjs', 'package.json']) copyFileSync(join(ROOT, f), join(dir, f));
  mkdirSync(join(dir, 'node_modules'));
  for (const name of readdirSync(join(ROOT, 'node_modules'))) {
    if (name === 'typescript' || name === '.bin') continue;
    symlinkSync(join(ROOT, 'node_modules', name), join(dir, 'node_modules', name));
  }

  const prepare = spawnSync(process.execPath, ['scripts/prepare.mjs'], { cwd: dir, encoding: 'utf8' });
  t.equal(prepare.status, 0, 'prepare succeeded', { output: prepare.stdout + prepare.stderr });
  t.match(
    prepare.stdout,
    /production install \(no TypeScript\): bundling dist\/ktp-station\.mjs from the sources/,
    'and said which path it took',
  );
  const bundle = join(dir, 'dist/ktp-station.mjs');
  t.ok(existsSync(bundle), 'dist/ktp-station.mjs is there');

  const station = await startChildStation(['--data-dir', join(dir, 'data')], {}, 20_000, bundle);
  t.teardown(async () => {
    station.proc.kill('SIGTERM');
    await waitExit(station.proc);
  });
  const health = await fetch(`${station.url}/api/v1/health`);
  t.equal(health.status, 200, '/api/v1/health answers');
  const ticket = await fetch(`${station.url}/api/v1/tickets`, {
    method: 'POST',
    headers: { authorization: 'Bearer dev-kiosk', 'content-type': 'application/json' },
    body: JSON.stringify({ service: 'A' }),
  });
  t.equal(ticket.status, 201, 'a ticket is issued', { body: await ticket.clone().text() });
  t.match((await ticket.json()) as object, { ticket: { number: /^A-\d{3}$/ } });
});
