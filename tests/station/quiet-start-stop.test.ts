/**
 * Start and stop are quiet: devices connecting at start-up and stopped at
 * shutdown are info lines, so a warning in the log is something a technician
 * must act on. The whole built-in station, every device simulated.
 */
import t from 'tap';
import { PassThrough } from 'node:stream';
import { createLogger } from '../../src/shared/log.js';
import { startStation } from '../../src/station.js';
import { tempDir, testConfig } from '../support/station-fixture.js';
import { waitFor } from '../support/wait.js';

t.test('no WARN line at start-up or shutdown of a healthy station', async (t) => {
  const out = new PassThrough();
  const lines: Array<{ level: number; msg: string }> = [];
  let buf = '';
  out.on('data', (chunk: Buffer) => {
    buf += chunk.toString();
    const parts = buf.split('\n');
    buf = parts.pop()!;
    for (const p of parts) if (p.trim()) lines.push(JSON.parse(p));
  });
  const log = createLogger({ destination: out, level: 'info' });
  const s = await startStation({ config: testConfig(tempDir(t)), log, port: 0, host: '127.0.0.1', testing: { waitForDevices: true } });
  await waitFor(() => s.devices.worst() === 'ok', 'every simulated device up');
  t.equal(s.devices.worst(), 'ok', 'every simulated device came up');
  const startWarn = lines.filter((l) => l.level >= 40).map((l) => l.msg);
  t.same(startWarn, [], 'no warning at start-up');
  t.ok(
    lines.some((l) => l.level === 30 && / offline: /.test(l.msg)),
    'devices connecting are still logged, as info',
  );
  const before = lines.length;
  await s.close();
  await new Promise((r) => setImmediate(r));
  const stopLines = lines.slice(before);
  t.same(
    stopLines.filter((l) => l.level >= 40).map((l) => l.msg),
    [],
    'no warning at shutdown',
  );
  t.ok(
    stopLines.some((l) => /offline: stopped/.test(l.msg)),
    'stopped devices are logged as info',
  );
});
