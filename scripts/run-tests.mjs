#!/usr/bin/env node
// `npm test`: runs tap (arguments pass through, e.g. `npm test -- tests/api`),
// shows its output as it comes, and ends with one plain line of counts:
// "N passed, N failed" (", N skipped" when any were).
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const tapBin = fileURLToPath(new URL('../node_modules/tap/dist/esm/run.mjs', import.meta.url));
const child = spawn(process.execPath, [tapBin, ...process.argv.slice(2)], { stdio: ['inherit', 'pipe', 'inherit'] });
let tail = '';
child.stdout.on('data', (chunk) => {
  process.stdout.write(chunk);
  tail = (tail + chunk.toString()).slice(-4000);
});
child.on('close', (code, signal) => {
  const m = /# \{ total: (\d+)(?:, pass: (\d+))?(?:, fail: (\d+))?(?:, skip: (\d+))?/.exec(tail);
  if (m) {
    const [, , pass = '0', fail = '0', skip = '0'] = m;
    console.log(`\n${pass} passed, ${fail} failed${skip !== '0' ? `, ${skip} skipped` : ''}`);
  }
  process.exit(signal ? 1 : (code ?? 1));
});
