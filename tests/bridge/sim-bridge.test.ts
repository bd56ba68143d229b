/**
 * The bridge driver (johnny-five over firmata-io) against the built-in
 * companion board simulator on the in-process serial line: what `npm start` runs.
 */
import t from 'tap';
import { createBridge, FirmataBridge, FirmataBoardSimulator, resolveChannels } from '../../src/drivers/bridge/index.js';
import { systemClock, ManualClock, type Clock } from '../../src/shared/clock.js';
import { testDriverContext } from '../support/driver-context.js';
import { SerialDeviceSimulator } from '../../src/drivers/transport/serial/device-simulator.js';
import { simulatedPort } from '../../src/drivers/transport/serial/open-port.js';
import { untilReadings, untilStatus, near } from './helpers/wait.js';

const ctx = (clock: Clock = systemClock) => testDriverContext(clock, { timeouts: { reopenInitialMs: 20, reopenMaxMs: 200 } });

t.test('default channels: battery volts, fuel percent and AC presence arrive scaled', async (t) => {
  const { device, simulator } = createBridge({ driver: 'sim' }, ctx());
  t.teardown(() => device.stop());
  t.ok(simulator);
  await device.start();
  const ready = await untilStatus(device, (s) => s.status === 'ok', 'bridge ready');
  t.match(ready.detail, /ktp-bridge 2\.5/, 'names the firmware');

  simulator!.setInput('A0', 4000); // 12.0 V battery through the 1:3 divider
  simulator!.setInput('A1', 1250); // fuel sender at a quarter
  simulator!.setInput(2, true); // AC present
  const r = await untilReadings(
    device,
    (r) => near(r.gensetBatteryV, 12, 0.05) && near(r.fuelPercent, 25, 0.5) && r.acPresent === true,
    'scaled readings',
  );
  t.ok(near(r.gensetBatteryV, 12, 0.05), `battery ${r.gensetBatteryV} V`);
  t.ok(near(r.fuelPercent, 25, 0.5), `fuel ${r.fuelPercent} %`);

  simulator!.setInput(2, false);
  await untilReadings(device, (r) => r.acPresent === false, 'AC gone');
  t.pass('AC loss reported');
});

t.test('unplugged board goes offline with an actionable detail and comes back', async (t) => {
  const { device, simulator } = createBridge({ driver: 'sim' }, ctx());
  t.teardown(() => device.stop());
  await device.start();
  await untilStatus(device, (s) => s.status === 'ok', 'ready');
  simulator!.injectFault('offline');
  const off = await untilStatus(device, (s) => s.status === 'offline', 'offline');
  t.match(off.detail, /sim:bridge.*(USB cable|no such device)/, off.detail);
  simulator!.setInput('A0', 2500);
  simulator!.injectFault('none');
  await untilStatus(device, (s) => s.status === 'ok', 'back after replug');
  await untilReadings(device, (r) => near(r.gensetBatteryV, 7.5, 0.05), 'readings after replug');
  t.pass('readings resume after replug');
});

t.test('configured channels replace the defaults', async (t) => {
  const channels = [
    { name: 'cabinetTempC', pin: 'A3', scale: [-50, 150] as [number, number], unit: '°C' },
    { name: 'doorOpen', pin: 7 },
  ];
  const { device, simulator } = createBridge({ driver: 'sim', channels }, ctx());
  t.teardown(() => device.stop());
  await device.start();
  await untilStatus(device, (s) => s.status === 'ok', 'ready');
  simulator!.setInput('A3', 2000); // -50 + 200 x 0.4 = 30 °C
  simulator!.setInput(7, true);
  const r = await untilReadings(device, (r) => near(r.cabinetTempC, 30, 0.5) && r.doorOpen === true, 'custom channels');
  t.equal(r.gensetBatteryV, undefined, 'no default channel when channels are configured');
});

t.test('a bad channel config is a fault, not a crash', async (t) => {
  const { device } = createBridge({ driver: 'sim', channels: [{ name: 'x', pin: 'B9' }] }, ctx());
  await device.start();
  t.equal(device.state().status, 'fault');
  t.match(device.state().detail, /B9.*devices\.bridge\.channels/);
  await device.stop();
});

t.test('the relay output follows setOutput', async (t) => {
  const { device, simulator } = createBridge({ driver: 'sim' }, ctx());
  t.teardown(() => device.stop());
  await device.start();
  await untilStatus(device, (s) => s.status === 'ok', 'ready');
  (device as FirmataBridge).setOutput(7, true);
  const sim = simulator as FirmataBoardSimulator;
  await new Promise<void>((resolve) => {
    const poll = () => (sim.output(7) === 1 ? resolve() : setImmediate(poll));
    poll();
  });
  t.equal(sim.output(7), 1, 'relay pin driven high');
});

class SilentLine extends SerialDeviceSimulator {
  protected onHostBytes(): void {}
}

t.test('a port that opens but never speaks Firmata is reported and retried', async (t) => {
  const clock = new ManualClock(0);
  const mute = new SilentLine();
  const bridge = new FirmataBridge(
    {
      id: 'bridge',
      path: '/dev/ttyUSB9',
      open: simulatedPort(mute, { path: '/dev/ttyUSB9', baudRate: 57600 }),
      channels: resolveChannels(undefined),
    },
    testDriverContext(clock, {
      timeouts: { reopenInitialMs: 20, reopenMaxMs: 200, bridgeHandshakeMs: 1000, bridgeReportVersionAfterMs: 60_000 },
    }),
  );
  t.teardown(() => bridge.stop());
  await bridge.start();
  await untilStatus(bridge, (s) => /connecting/.test(s.detail), 'connecting');
  // Let the in-process open settle (the serial stack loads on first use): the handshake timer is then armed.
  for (let i = 0; i < 2000 && clock.pendingTimers() === 0; i++) await new Promise((r) => setTimeout(r, 1));
  clock.advance(1000);
  const s = await untilStatus(bridge, (s) => /no Firmata answer/.test(s.detail), 'handshake timeout');
  t.equal(s.status, 'offline');
  t.match(s.detail, /flash firmware-bridge/);
});
