import t from 'tap';
import { ManualClock } from '../../../src/shared/clock.js';
import { silentLogger } from '../../../src/shared/log.js';
import { SerialDeviceSimulator } from '../../../src/drivers/transport/serial/device-simulator.js';
import { describeLineError, simulatedPort } from '../../../src/drivers/transport/serial/open-port.js';
import { ReconnectingPort } from '../../../src/drivers/transport/serial/reconnecting-port.js';
import { settle, waitFor } from '../../support/wait.js';

/** A device that answers every byte string with itself reversed. */
class MirrorDevice extends SerialDeviceSimulator {
  protected onHostBytes(bytes: Buffer): void {
    this.toHost(Buffer.from(bytes).reverse());
  }
  unplug(): void {
    this.setLine({ plugged: false });
  }
  plug(): void {
    this.setLine({ plugged: true });
  }
  stall(on: boolean): void {
    this.setLine({ reading: !on });
  }
}

function rig(t: { teardown(fn: () => unknown): void }) {
  const clock = new ManualClock(0);
  const device = new MirrorDevice();
  const opener = simulatedPort(device, { path: '/dev/ttyUSB0', baudRate: 19200 });
  const attempts: number[] = [];
  const line = new ReconnectingPort({
    open: () => {
      attempts.push(clock.now());
      return opener();
    },
    path: '/dev/ttyUSB0',
    clock,
    log: silentLogger(),
    initialDelayMs: 500,
    maxDelayMs: 4000,
  });
  const offline: string[] = [];
  let opens = 0;
  const received: Buffer[] = [];
  line.onOffline((d) => offline.push(d));
  line.onOpen(() => opens++);
  line.onData((b) => received.push(b));
  t.teardown(() => line.stop());
  return { clock, device, line, attempts, offline, received, opens: () => opens };
}

t.test('an unplugged device: offline with the technician detail, reopen attempts on the backoff schedule', async (t) => {
  const { clock, device, line, attempts, offline, opens } = rig(t);
  device.unplug();
  line.start();
  await waitFor(() => offline.length === 1, 'first failure');
  t.equal(offline[0], 'cannot open /dev/ttyUSB0: no such device — check the USB cable');
  for (const step of [500, 1000, 2000, 4000, 4000]) {
    clock.advance(step - 1);
    await settle();
    const before = attempts.length;
    clock.advance(1);
    await waitFor(() => offline.length === before + 1, `attempt after ${step} ms`);
  }
  t.same(attempts, [0, 500, 1500, 3500, 7500, 11500]);
  device.plug();
  clock.advance(4000);
  await waitFor(() => opens() === 1, 'opened after replug');
  t.ok(line.isOpen());
});

t.test('bytes flow both ways through the real stream code; a pull-out is reported and recovered', async (t) => {
  const { clock, device, line, offline, received, opens } = rig(t);
  line.start();
  await waitFor(() => opens() === 1, 'open');
  await line.write(Buffer.from('abc'));
  await waitFor(() => Buffer.concat(received).toString() === 'cba', 'answer');
  device.unplug();
  await waitFor(() => offline.length === 1, 'disconnect seen');
  t.equal(offline[0], "/dev/ttyUSB0 disconnected — check the USB cable and the device's power");
  t.notOk(line.isOpen());
  await t.rejects(line.write(Buffer.from('x')), { code: 'LINE_CLOSED' });
  device.plug();
  clock.advance(500);
  await waitFor(() => opens() === 2, 'reopened');
  await line.write(Buffer.from('xyz'));
  await waitFor(() => Buffer.concat(received).toString().endsWith('zyx'), 'answer after reopen');
});

t.test('a stalled device holds writes until it reads again', async (t) => {
  const { device, line, received, opens } = rig(t);
  line.start();
  await waitFor(() => opens() === 1, 'open');
  device.stall(true);
  let done = false;
  const w = line.write(Buffer.from('12')).then(() => (done = true));
  await settle(20);
  t.notOk(done, 'write still in flight');
  device.stall(false);
  await w;
  await waitFor(() => Buffer.concat(received).toString() === '21', 'answer');
});

t.test('stop() cancels the retry timer', async (t) => {
  const { clock, device, line, offline } = rig(t);
  device.unplug();
  line.start();
  await waitFor(() => offline.length === 1, 'failure');
  t.equal(clock.pendingTimers(), 1);
  await line.stop();
  t.equal(clock.pendingTimers(), 0);
});

t.test('open errors become details a technician can act on', async (t) => {
  const err = (code: string, message: string) => Object.assign(new Error(message), { code });
  t.equal(
    describeLineError('/dev/ttyS0', err('EACCES', 'Permission denied, cannot open /dev/ttyS0'), 'open'),
    'cannot open /dev/ttyS0: permission denied — add the station user to the dialout group',
  );
  t.match(
    describeLineError('/dev/ttyS0', new Error('Error Resource temporarily unavailable Cannot lock port'), 'open'),
    /in use by another program/,
  );
  t.equal(
    describeLineError('/dev/ttyUSB0', new Error('No such file or directory, cannot open /dev/ttyUSB0'), 'open'),
    'cannot open /dev/ttyUSB0: no such device — check the USB cable',
  );
});

t.test('a device node that vanishes while open is noticed by the presence check', async (t) => {
  const clock = new ManualClock(0);
  const device = new MirrorDevice();
  let nodeThere = true;
  const line = new ReconnectingPort({
    open: simulatedPort(device, { path: '/dev/ttyUSB0', baudRate: 19200 }),
    present: () => nodeThere,
    presenceCheckMs: 250,
    path: '/dev/ttyUSB0',
    clock,
    log: silentLogger(),
    initialDelayMs: 500,
    maxDelayMs: 4000,
  });
  t.teardown(() => line.stop());
  const offline: string[] = [];
  line.onOffline((d) => offline.push(d));
  let opens = 0;
  line.onOpen(() => opens++);
  line.start();
  await waitFor(() => opens === 1, 'open');
  clock.advance(250);
  t.same(offline, [], 'still there');
  nodeThere = false;
  clock.advance(250);
  t.same(offline, ["/dev/ttyUSB0 disconnected — check the USB cable and the device's power"]);
  t.notOk(line.isOpen());
  nodeThere = true;
  clock.advance(500);
  await waitFor(() => opens === 2, 'reopened');
});
