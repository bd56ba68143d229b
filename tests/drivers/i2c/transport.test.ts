import t from 'tap';
import { openI2cBus, openBusUsers, type I2cModule, type PromisifiedI2c } from '../../../src/drivers/transport/i2c/real-bus.js';
import { SimI2cBus } from '../../../src/drivers/transport/i2c/sim-bus.js';
import { I2cDevice } from '../../../src/drivers/transport/i2c/device.js';

const errno = (code: string) => Object.assign(new Error(`${code}, remote I/O`), { code });

/** A stand-in for i2c-bus: one chip at 0x70 with a byte register file. */
function fakeI2cModule() {
  const opened: number[] = [];
  let closes = 0;
  const regs = new Uint8Array(256);
  const at = (addr: number) => {
    if (addr !== 0x70) throw errno('ENXIO');
  };
  const mod: I2cModule = {
    async openPromisified(bus: number): Promise<PromisifiedI2c> {
      if (bus === 9) throw errno('ENOENT');
      opened.push(bus);
      return {
        async sendByte(a) {
          at(a);
        },
        async writeByte(a, c, b) {
          at(a);
          regs[c] = b;
        },
        async readByte(a, c) {
          at(a);
          return regs[c]!;
        },
        async readWord(a, c) {
          at(a);
          return regs[c]! | (regs[c + 1]! << 8);
        },
        async writeWord(a, c, w) {
          at(a);
          regs[c] = w & 0xff;
          regs[c + 1] = w >> 8;
        },
        async writeI2cBlock(a, c, len, buf) {
          at(a);
          regs.set(buf.subarray(0, len), c);
          return { bytesWritten: len, buffer: buf };
        },
        async readI2cBlock(a, c, len, buf) {
          at(a);
          buf.set(regs.subarray(c, c + len));
          return { bytesRead: len, buffer: buf };
        },
        async close() {
          closes++;
        },
      };
    },
  };
  return { mod, opened, closes: () => closes };
}

t.test('one open handle per bus number, shared by devices, closed with its last user', async (t) => {
  const f = fakeI2cModule();
  const load = async () => f.mod;
  const [a, b] = await Promise.all([openI2cBus(1, load), openI2cBus(1, load)]);
  t.same(f.opened, [1], 'opened once');
  t.equal(a.path, '/dev/i2c-1');
  t.equal(openBusUsers().get(1), 2);
  await a.writeI2cBlock(0x70, 0x00, Uint8Array.of(1, 2, 3));
  t.same([...(await b.readI2cBlock(0x70, 0x00, 3))], [1, 2, 3], 'both share one register file');
  await a.close();
  await a.close();
  t.equal(f.closes(), 0, 'still in use by the other device');
  await b.close();
  t.equal(f.closes(), 1);
  t.notOk(openBusUsers().has(1));
});

t.test('errors name bus, address and what is wired there', async (t) => {
  const f = fakeI2cModule();
  const bus = await openI2cBus(3, async () => f.mod);
  const display = new I2cDevice(bus, 0x71, 'display');
  await t.rejects(display.sendByte(0x21), {
    code: 'I2C_NO_ANSWER',
    message: "no answer from 0x71 on /dev/i2c-3 — check the display's wiring",
  });
  await t.rejects(
    openI2cBus(9, async () => f.mod),
    { code: 'ENOENT' },
  );
  t.notOk(openBusUsers().has(9), 'a failed open leaves no handle behind');
  await t.rejects(
    openI2cBus(2, async () => {
      throw Object.assign(new Error('no module'), { code: 'I2C_MODULE' });
    }),
    { code: 'I2C_MODULE' },
  );
  await bus.close();
});

t.test('simulated bus: an absent address fails like hardware (ENXIO → same message)', async (t) => {
  const bus = new SimI2cBus('sim-i2c');
  const sim = { acks: () => true, readWord: (c: number) => c * 0x0101 };
  bus.attach(0x40, sim);
  t.equal(await bus.readWord(0x40, 0x02), 0x0202);
  await t.rejects(bus.readWord(0x41, 0x02), { code: 'ENXIO' });
  const monitor = new I2cDevice(bus, 0x41, 'supply monitor');
  await t.rejects(monitor.readWord(0x02), { message: "no answer from 0x41 on sim-i2c — check the supply monitor's wiring" });
  await t.rejects(bus.sendByte(0x40, 0x21), { code: 'EIO' }, 'a transfer the chip does not implement');
  await t.rejects(bus.writeI2cBlock(0x40, 0, new Uint8Array(33)), { code: 'EINVAL' }, 'SMBus block limit of 32 bytes');
  t.same(bus.addresses(), [0x40]);
});
