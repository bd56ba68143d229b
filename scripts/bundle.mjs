#!/usr/bin/env node
// Bundles the compiled station (dist/src/main.js) into one file, dist/ktp-station.mjs,
// which `npm start`, the bin and the systemd unit run: loading one file instead of
// a few hundred modules saves ~150 ms of start-up and ~10 MB of memory on the board.
// Native addons and the packages that load files or workers by name stay external.
//   --from-source: bundle src/main.ts itself (a production install has no tsc; scripts/prepare.mjs).
import { build } from 'esbuild';

const external = [
  'better-sqlite3',
  'i2c-bus',
  'node-libgpiod',
  'onoff',
  'serialport',
  '@serialport/*',
  'johnny-five',
  'firmata-io',
  'pino',
  'pino-pretty',
  'thread-stream',
  // Loaded only by a station with fleet.mqtt and by the regency view.
  'mqtt',
];

await build({
  entryPoints: [process.argv.includes('--from-source') ? 'src/main.ts' : 'dist/src/main.js'],
  outfile: 'dist/ktp-station.mjs',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external,
  sourcemap: 'linked',
  logLevel: 'warning',
  // Bundled CommonJS packages call require(); give them one.
  banner: { js: "import { createRequire as __ktpRequire } from 'node:module'; const require = __ktpRequire(import.meta.url);" },
});
