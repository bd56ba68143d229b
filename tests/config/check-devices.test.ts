import t from 'tap';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MAIN } from '../support/child-station.js';
import { tempDir } from '../support/station-fixture.js';

const run = promisify(execFile);
const EXAMPLE = fileURLToPath(new URL('../../systemd/station.example.yaml', import.meta.url));

t.test('check-devices names every missing device and what to check, exit 1', async (t) => {
  const res = await run(process.execPath, [MAIN, 'check-devices', EXAMPLE, '--seconds', '2']).then(
    () => null,
    (e) => e,
  );
  t.equal(res?.code, 1);
  t.match(res?.stdout, /^printer\s+offline\s+cannot open \/dev\/ttyUSB0: no such device — check the USB cable$/m);
  t.match(res?.stdout, /^button-0\s+offline\s+.*gpiochip0 line 17/m);
  t.match(res?.stdout, /10 of 10 devices not ok/);
});

t.test('check-devices reports ok when every device answers (simulated site)', async (t) => {
  const dir = tempDir(t);
  const file = join(dir, 'sim-site.yaml');
  const text = readFileSync(EXAMPLE, 'utf8').replace(
    /devices:[\s\S]*$/,
    [
      'devices:',
      '  printer: { driver: sim }',
      '  cardReader: { driver: sim, counter: 1 }',
      '  scanner: { driver: sim, counter: 1 }',
      '  displays: [ { driver: sim, counter: 1 } ]',
      '  buttons: [ { driver: sim, service: A } ]',
      '  mainsSense: { driver: sim }',
      '  powerMonitor: { driver: sim }',
      '',
    ].join('\n'),
  );
  writeFileSync(file, text);
  const res = await run(process.execPath, [MAIN, 'check-devices', file, '--seconds', '10']);
  t.match(res.stdout, /all 7 devices ok/);
});
