import t from 'tap';
import { PassThrough } from 'node:stream';
import { ManualClock } from '../../src/shared/clock.js';
import { createLogger, silentLogger } from '../../src/shared/log.js';
import { cardTag } from '../../src/shared/privacy.js';
import { defaultTimeouts } from '../../src/drivers/context.js';
import type { CardTap } from '../../src/controller/ports.js';
import { createCardReader } from '../../src/drivers/card-reader/index.js';
import type { Pn532Simulator } from '../../src/drivers/card-reader/simulator.js';
import { settle, waitFor } from '../support/wait.js';
import { testDriverContext } from '../support/driver-context.js';

const POLL = defaultTimeouts.pn532PollMs;

async function rig(t: { teardown(fn: () => unknown): void }, log = silentLogger()) {
  const clock = new ManualClock('2026-11-28T08:05:00+07:00');
  const ctx = testDriverContext(clock, { log });
  const { device, simulator } = createCardReader({ driver: 'sim', counter: 2 }, ctx);
  const sim = simulator as Pn532Simulator;
  const taps: CardTap[] = [];
  device.onCard((c) => taps.push(c));
  t.teardown(() => device.stop());
  await device.start();
  await waitFor(() => device.state().status === 'ok', 'PN532 ready');
  /** One poll cycle: both card types asked, answers in. */
  const pollOnce = async () => {
    const before = sim.received.length;
    clock.advance(POLL);
    await waitFor(() => sim.received.length >= before + 2, 'a poll cycle');
    await settle();
  };
  clock.advance(0); // the first poll starts right after set-up
  await waitFor(() => sim.received.length >= 5, 'first poll');
  await settle();
  return { clock, device, sim, taps, pollOnce };
}

t.test('set-up: SAMConfiguration, GetFirmwareVersion, RFConfiguration, then polls for type A and B', async (t) => {
  const { device, sim } = await rig(t);
  t.equal(device.id, 'card-reader-2');
  t.equal(device.counter, 2);
  t.equal(device.state().detail, 'PN532 firmware 1.6 ready');
  t.same(sim.received.slice(0, 5), [0x14, 0x02, 0x32, 0x4a, 0x4a]);
});

t.test('a tap is reported once, with the UID in upper-case hex and its type', async (t) => {
  const { sim, taps, pollOnce } = await rig(t);
  sim.tap('04a1b2c3d4e5f6');
  await pollOnce();
  t.same(taps, [{ uid: '04A1B2C3D4E5F6', type: 'A' }]);
  await pollOnce();
  await pollOnce();
  t.equal(taps.length, 1, 'no repeat after the card left');
  sim.tap('11223344', 'B');
  await pollOnce();
  t.same(taps[1], { uid: '11223344', type: 'B' });
});

t.test('a card left on the reader is one tap; taking it away and back is another', async (t) => {
  const { sim, taps, pollOnce } = await rig(t);
  sim.rest('DEADBEEF');
  for (let i = 0; i < 4; i++) await pollOnce();
  t.equal(taps.length, 1);
  sim.rest(null);
  await pollOnce();
  sim.rest('DEADBEEF');
  await pollOnce();
  t.equal(taps.length, 2);
});

t.test('a stalled PN532: "PN532 ACK timeout", offline, and back after the line is reopened', async (t) => {
  const { clock, device, sim, taps, pollOnce } = await rig(t);
  sim.injectFault('stall');
  clock.advance(POLL);
  await settle();
  clock.advance(defaultTimeouts.pn532AckMs);
  await waitFor(() => device.state().status === 'offline', 'offline');
  t.match(device.state().detail, /^PN532 ACK timeout after 50 ms — check the PN532 wiring/);
  sim.injectFault('none');
  clock.advance(defaultTimeouts.reopenInitialMs);
  await waitFor(() => device.state().status === 'ok', 'ready again');
  const before = sim.received.length;
  clock.advance(0);
  await waitFor(() => sim.received.length >= before + 2, 'first poll after recovery');
  await settle();
  sim.tap('CAFEBABE');
  await pollOnce();
  t.equal(taps[0]!.uid, 'CAFEBABE');
});

t.test('garbled answers: "PN532 response timeout" and the detail says the line is garbled', async (t) => {
  const { clock, device, sim } = await rig(t);
  sim.injectFault('garbled');
  clock.advance(POLL);
  await settle(20);
  clock.advance(defaultTimeouts.pn532ResponseMs);
  await waitFor(() => device.state().status === 'offline', 'offline');
  t.match(device.state().detail, /^PN532 answers garbled \(PN532 response timeout after 1000 ms\) — check the cable/);
});

t.test('an unplugged reader is offline with a detail; the UID never appears in full in the logs', async (t) => {
  const out = new PassThrough();
  let logged = '';
  out.on('data', (d) => (logged += d));
  const { sim, taps, pollOnce, device } = await rig(t, createLogger({ level: 'debug', destination: out, pretty: false }));
  sim.tap('04A1B2C3D4E5F6');
  await pollOnce();
  t.equal(taps.length, 1);
  t.notMatch(logged, /04A1B2C3D4E5F6/i, 'no full UID, not even in debug frames');
  t.match(logged, cardTag('04A1B2C3D4E5F6'));
  sim.injectFault('offline');
  await waitFor(() => device.state().status === 'offline', 'offline');
  t.equal(device.state().detail, "sim:card-reader-2 disconnected — check the USB cable and the device's power");
});
