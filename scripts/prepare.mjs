#!/usr/bin/env node
// `npm install`'s prepare step: builds dist/ktp-station.mjs.
//   A checkout with the dev tools (a developer, CI): `npm run build` — tsc type-checks and
//   compiles, then esbuild bundles (scripts/bundle.mjs).
//   A production install (`npm ci --omit=dev`, as scripts/install-board.sh does on a board):
//   TypeScript is not there, so esbuild bundles straight from the TypeScript sources. Nothing
//   is type-checked on the board; every commit is in CI. The board then never unpacks the test
//   runner, the linters and the browser driver (about 400 of the 600 packages).
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const has = (name) => {
  try {
    require.resolve(`${name}/package.json`);
    return true;
  } catch {
    return false;
  }
};

const run = (cmd, args) => {
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
};

if (has('typescript')) run('npm', ['run', '-s', 'build']);
else {
  console.log('prepare: production install (no TypeScript): bundling dist/ktp-station.mjs from the sources with esbuild');
  run(process.execPath, ['scripts/bundle.mjs', '--from-source']);
}
