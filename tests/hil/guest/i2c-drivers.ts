/**
 * The station's HT16K33 display and INA219 supply monitor drivers, built by their
 * factories from hardware config, against i2c-stub. What they wrote is read back
 * with i2c-tools; what they report comes from registers preloaded with i2cset.
 */
import { createDisplay } from '../../../src/drivers/display/index.js';
import { decodeRam, RAM_SIZE } from '../../../src/drivers/display/ht16k33-protocol.js';
import { createPowerMonitor } from '../../../src/drivers/power-monitor/index.js';
import type { SupplyReading } from '../../../src/controller/ports.js';
import { ctx, statusBecomes, using } from './context.js';
import { hil } from './env.js';
import { eventually, expect, expectEqual, group } from './harness.js';
import { bigEndianWord, i2cdumpBytes, tool } from './tools.js';

const g = group('i2c-drivers');
export default g;

const DISPLAY = 0x70;
const INA219 = 0x40;
const ABSENT = 0x71; // i2c-stub answers 0x40 and 0x70 only

/** Display RAM as the kernel holds it, read back by i2cdump. */
const displayRam = () => i2cdumpBytes(hil.i2cBus(), DISPLAY, 0x00, RAM_SIZE - 1);

g.check('HT16K33 display: a called number lands in display RAM', async () => {
  const { device } = createDisplay({ driver: 'ht16k33', counter: 1, bus: hil.i2cBus(), address: DISPLAY }, ctx);
  await using(device, async (d) => {
    await statusBecomes(d, 'ok');
    await d.show({ kind: 'number', text: 'A007', blink: false });
    expectEqual(decodeRam(await displayRam()), 'A007', 'display RAM shows');
    await d.show({ kind: 'closed' });
    // Independent of the station's font: a dash lights the middle bars G1+G2 (bits 6 and 7
    // on the quad alphanumeric backpack), each digit a little-endian word, rows 8..15 unused.
    expectEqual([...(await displayRam())], [0xc0, 0, 0xc0, 0, 0xc0, 0, 0xc0, 0, 0, 0, 0, 0, 0, 0, 0, 0], 'display RAM after closing');
    await d.show({ kind: 'number', text: 'B-123', blink: true });
    expectEqual(decodeRam(await displayRam()), 'B123', 'display RAM after a recall');
  });
});

g.check('HT16K33 display: an address nobody answers leaves it offline, naming bus and address', async () => {
  const { device } = createDisplay({ driver: 'ht16k33', counter: 2, bus: hil.i2cBus(), address: ABSENT }, ctx);
  await using(device, async (d) => {
    const statuses: string[] = [];
    d.onStatus((s) => statuses.push(s.status));
    const bus = `/dev/i2c-${hil.i2cBus()}`;
    await eventually(
      () => d.state().status === 'offline' && d.state().detail.includes('0x71') && d.state().detail.includes(bus),
      () => `an offline status naming 0x71 and ${bus} (it says ${JSON.stringify(d.state())})`,
    );
    expect(!statuses.includes('ok'), `never ok: ${statuses.join(', ')}`);
  });
});

g.check('INA219 monitor: volts and amps from preloaded registers', async () => {
  const bus = hil.i2cBus();
  const setWord = (reg: number, chipValue: number) =>
    tool(
      'i2cset',
      '-y',
      String(bus),
      `0x${INA219.toString(16)}`,
      `0x0${reg}`,
      `0x${bigEndianWord(chipValue).toString(16).padStart(4, '0')}`,
      'w',
    );
  const getWord = async (reg: number) =>
    bigEndianWord(Number(await tool('i2cget', '-y', String(bus), `0x${INA219.toString(16)}`, `0x0${reg}`, 'w')));
  // Datasheet units: bus voltage in 4 mV steps from bit 3 (bit 1 = conversion ready), shunt in 10 µV.
  await setWord(0x02, ((12.5 / 0.004) << 3) | 0x02); // 12.5 V
  await setWord(0x01, 2500); // 25.00 mV across 0.1 Ω
  const shuntOhms = 0.1;
  const { device } = createPowerMonitor({ driver: 'ina219', bus, address: INA219, shuntOhms, maxCurrentA: 3.2, sampleMs: 50 }, ctx);
  await using(device, async (d) => {
    await eventually(async () => (await getWord(0x05)) !== 0, 'the driver to write the calibration register');
    const cal = await getWord(0x05);
    const currentLsb = 0.04096 / (cal * shuntOhms); // datasheet equation 1, solved for the LSB
    await setWord(0x04, Math.round(0.25 / currentLsb)); // 0.25 A
    await setWord(0x03, Math.round(3.125 / (20 * currentLsb))); // 3.125 W
    let last: SupplyReading | null = null;
    d.onReading((r) => (last = r));
    await eventually(() => last !== null && Math.abs(last.currentA - 0.25) < 0.001, 'a reading of 0.25 A');
    const r = last as unknown as SupplyReading;
    expect(Math.abs(r.busVoltage - 12.5) < 0.004, `bus voltage ${r.busVoltage}`);
    expect(Math.abs(r.shuntMillivolts - 25) < 0.01, `shunt ${r.shuntMillivolts} mV`);
    expect(Math.abs(r.powerW - 3.125) < 20 * currentLsb, `power ${r.powerW} W`);
    expectEqual(d.state().status, 'ok', 'monitor status');
    expectEqual(await getWord(0x00), 0x399f, 'configuration register (32 V, ±320 mV, 12-bit, continuous)');
  });
});
