#!/usr/bin/env node
// `npm start`'s prestart: rebuilds dist/ only when a source is newer than the
// bundle (or the bundle is missing). A checkout that `npm install` has just
// built starts at once instead of paying tsc's ~3 s on every start.
//   --check: only say whether a build is needed (exit 0 fresh, 1 stale), build nothing.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BUNDLE = join(ROOT, 'dist/ktp-station.mjs');
/** What the build reads: the TypeScript (src/, scripts/*.ts), its config, the bundler and the locked dependencies. */
const INPUTS = ['src', 'scripts', 'tsconfig.json', 'package.json', 'package-lock.json'];

function newest(path) {
  let st;
  try {
    st = statSync(path);
  } catch {
    return 0;
  }
  if (!st.isDirectory()) return path.endsWith('.ts') || path.endsWith('.json') || path.endsWith('bundle.mjs') ? st.mtimeMs : 0;
  let max = 0;
  for (const name of readdirSync(path)) if (name !== 'hil' || !path.endsWith('scripts')) max = Math.max(max, newest(join(path, name)));
  return max;
}

function built() {
  try {
    return statSync(BUNDLE).mtimeMs;
  } catch {
    return -1;
  }
}

// The station's addon (C): rebuilt when its sources changed since the last attempt (never fails the start).
const NATIVE = join(ROOT, 'src/native');
const nativeSources = Math.max(
  0,
  ...readdirSync(NATIVE)
    .filter((f) => /\.[ch]$/.test(f))
    .map((f) => statSync(join(NATIVE, f)).mtimeMs),
);
const mtimeOr = (p, d) => {
  try {
    return statSync(p).mtimeMs;
  } catch {
    return d;
  }
};
if (!process.argv.includes('--check') && nativeSources > mtimeOr(join(NATIVE, 'build/status.json'), -1)) {
  spawnSync(process.execPath, [join(ROOT, 'scripts/build-native.mjs'), '--quiet'], { cwd: ROOT, stdio: 'inherit' });
}

const have = built();
const sources = Math.max(...INPUTS.map((p) => newest(join(ROOT, p))));
if (have >= sources) process.exit(0);
if (process.argv.includes('--check')) {
  console.log(have < 0 ? 'no build' : 'stale');
  process.exit(1);
}
console.error(have < 0 ? 'ktp-station: no build yet; building' : 'ktp-station: sources changed since the last build; rebuilding');
// prepare.mjs: `npm run build`, or on a production install (no TypeScript) the bundle from the sources.
const r = spawnSync(process.execPath, [join(ROOT, 'scripts/prepare.mjs')], { cwd: ROOT, stdio: 'inherit' });
process.exit(r.status ?? 1);
