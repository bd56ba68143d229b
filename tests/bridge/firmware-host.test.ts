/**
 * The companion board firmware's protocol logic, compiled with the host gcc
 * and run with fake hardware (firmware-bridge/test/host_tests.c): the
 * handshake replies, reporting, and a byte stream that cannot wedge the parser.
 */
import t from 'tap';
import { buildFirmware } from './helpers/harness.js';

t.test('firmware host tests pass, including the bad-stream cases', async (t) => {
  let out: string;
  try {
    out = buildFirmware('test');
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string; message: string };
    t.fail(
      `make -C firmware-bridge test failed (needs gcc, make; see firmware-bridge/README.md)\n${e.stdout ?? ''}${e.stderr ?? e.message}`,
    );
    return;
  }
  const summary = /# passed (\d+) failed (\d+)/.exec(out);
  t.ok(summary, 'host tests printed a summary');
  t.equal(Number(summary?.[2]), 0, 'no host test failed');
  t.ok(Number(summary?.[1]) >= 30, `${summary?.[1]} host tests ran`);
  t.notMatch(out, /^not ok/m, 'no failing line');
  for (const name of [
    'random garbage streams: a version request is always answered',
    'truncated sysex: dropped, next command answered',
    'overlong sysex: dropped whole',
    'data bytes without a command: ignored',
    'command interrupted by another: dropped',
    'capability reply lists every pin',
    'analog mapping: A0-A7 on pins 14-21',
  ])
    t.match(out, new RegExp(`^ok \\d+ - .*${name.replace(/[()]/g, '.')}`, 'm'), name);
});
