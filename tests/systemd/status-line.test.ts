import t from 'tap';
import { statusLine } from '../../src/systemd/status-line.js';
import { watchdogIntervalMs } from '../../src/systemd/notify.js';
import type { DeviceState } from '../../src/controller/ports.js';

const dev = (id: string, kind: DeviceState['kind'], status: DeviceState['status'], detail: string): DeviceState => ({
  id,
  kind,
  status,
  detail,
  lastSeen: null,
});

t.test('a technician reads the station in one Indonesian line', async (t) => {
  const printer = dev('printer', 'printer', 'ok', 'ready');
  t.equal(statusLine({ phase: 'serving', devices: [printer], power: 'mains' }), 'melayani');
  t.equal(
    statusLine({ phase: 'serving', devices: [dev('printer', 'printer', 'fault', 'paper end: load a new paper roll')], power: 'mains' }),
    'melayani; printer: kertas habis',
  );
  t.equal(
    statusLine({
      phase: 'serving',
      devices: [
        dev('printer', 'printer', 'degraded', 'paper near end: load a new roll soon'),
        dev('button-0', 'button', 'degraded', 'button on gpiochip0 line 17 held down — stuck, or its wire touches ground'),
        dev('display-2', 'display', 'offline', 'ENXIO: no answer at 0x71 — check the cable'),
      ],
      power: 'genset',
    }),
    'melayani; printer: kertas hampir habis; tombol 1: tertahan (macet?); layar 2: terputus; listrik: genset',
  );
  t.equal(
    statusLine({
      phase: 'serving',
      devices: [
        dev('card-reader-1', 'card-reader', 'offline', 'connecting to /dev/ttyS0'),
        dev('display-1', 'display', 'offline', 'connecting to 0x70'),
      ],
      power: 'battery',
    }),
    'melayani; 2 perangkat menyambung; listrik: baterai (PLN padam, genset mati)',
  );
  const many = Array.from({ length: 7 }, (_, i) => dev(`display-${i + 1}`, 'display', 'offline', 'no answer'));
  t.equal(
    statusLine({ phase: 'serving', devices: many }),
    'melayani; layar 1: terputus; layar 2: terputus; layar 3: terputus; layar 4: terputus; 3 perangkat lain bermasalah',
    'a long list is cut short and counted',
  );
  t.equal(statusLine({ phase: 'stopping', devices: [] }), 'berhenti');
});

t.test('watchdog period: half of WATCHDOG_USEC, only for the process it names', async (t) => {
  t.equal(watchdogIntervalMs({ WATCHDOG_USEC: '30000000' }, 42), 15_000);
  t.equal(watchdogIntervalMs({ WATCHDOG_USEC: '30000000', WATCHDOG_PID: '42' }, 42), 15_000);
  t.equal(watchdogIntervalMs({ WATCHDOG_USEC: '30000000', WATCHDOG_PID: '41' }, 42), null, 'meant for another process');
  t.equal(watchdogIntervalMs({}, 42), null, 'no watchdog configured');
  t.equal(watchdogIntervalMs({ WATCHDOG_USEC: 'x' }, 42), null);
});
