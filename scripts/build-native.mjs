#!/usr/bin/env node
// npm's `install` step for the station's own addon (src/native/*.c, N-API):
// compiles it with the C compiler where there is one; where it cannot, prints
// why and what the station does instead, and exits 0 — an install never fails
// for an optional part. Re-run by hand: node scripts/build-native.mjs
//
// One `cc` call instead of node-gyp: an N-API addon needs only node_api.h (the
// official Node tarballs and Debian's libnode-dev ship it) and no linking
// against node, so this needs neither python nor make and takes about a second.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SRC = join(ROOT, 'src/native');
const BUILD = join(SRC, 'build');
const OUT = join(BUILD, 'ktp_native.node');
const REPORT = join(BUILD, 'status.json');
const quiet = process.argv.includes('--quiet');
const force = process.argv.includes('--force');

/** Where node_api.h is: npm's nodedir, the headers beside this node, Debian's, node-gyp's download cache. */
function nodeHeaders() {
  const version = process.version.slice(1);
  const dirs = [
    process.env.npm_config_nodedir && join(process.env.npm_config_nodedir, 'include/node'),
    join(dirname(process.execPath), '../include/node'),
    '/usr/include/node',
    join(homedir(), '.cache/node-gyp', version, 'include/node'),
  ];
  return dirs.find((d) => d && existsSync(join(d, 'node_api.h'))) ?? null;
}

function record(built, reason) {
  mkdirSync(BUILD, { recursive: true });
  writeFileSync(REPORT, JSON.stringify({ built, reason, node: process.version, arch: process.arch }) + '\n');
}

function giveUp(reason) {
  record(false, reason);
  console.warn(`ktp-station: native addon not built: ${reason}`);
  console.warn('  the station runs without it: systemd notify through systemd-notify, GPIO through node-libgpiod or onoff');
  console.warn('  to build it: apt-get install build-essential, then node scripts/build-native.mjs');
  process.exit(0);
}

if (process.platform !== 'linux') giveUp(`${process.platform} is not Linux`);
const include = nodeHeaders();
if (!include) giveUp(`node_api.h not found for node ${process.version} (set npm_config_nodedir)`);
const cc = process.env.CC || 'cc';
const files = readdirSync(SRC).filter((f) => /\.[ch]$/.test(f));
const sources = files
  .filter((f) => f.endsWith('.c'))
  .sort()
  .map((f) => join(SRC, f));
// N-API is ABI-stable across Node versions: a build newer than every source is reused.
const mtime = (p) => (existsSync(p) ? statSync(p).mtimeMs : -1);
if (!force && mtime(OUT) > Math.max(...files.map((f) => mtime(join(SRC, f))))) process.exit(0);
mkdirSync(BUILD, { recursive: true });
const t0 = Date.now();
const r = spawnSync(
  cc,
  [
    '-std=gnu11',
    '-O2',
    '-Wall',
    '-Wextra',
    '-Wno-unused-parameter',
    '-fPIC',
    '-shared',
    '-DNAPI_VERSION=8',
    `-I${include}`,
    '-o',
    `${OUT}.tmp`,
    ...sources,
  ],
  { encoding: 'utf8' },
);
if (r.error) giveUp(`${cc}: ${r.error.code === 'ENOENT' ? 'no C compiler' : r.error.message}`);
if (r.status !== 0) {
  const first = (r.stderr || '').split('\n').find((l) => /error/.test(l)) ?? `${cc} exit ${r.status}`;
  giveUp(first.trim());
}
renameSync(`${OUT}.tmp`, OUT);
record(true, '');
if (!quiet) console.log(`ktp-station: native addon built in ${((Date.now() - t0) / 1000).toFixed(1)} s (src/native/build/ktp_native.node)`);
