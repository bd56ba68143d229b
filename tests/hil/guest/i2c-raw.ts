/** i2c-bus itself against i2c-stub: the library and the kernel agree, byte for byte. */
import i2c from 'i2c-bus';
import { expect, expectEqual, group } from './harness.js';
import { hil } from './env.js';
import { bigEndianWord, i2cgetByte, i2csetWord } from './tools.js';

const g = group('i2c-raw');
export default g;

const STUB_A = 0x70; // where a display would sit
const STUB_B = 0x40; // where the INA219 would sit

g.check('block write is read back by i2cget', async () => {
  const bus = await i2c.openPromisified(hil.i2cBus());
  try {
    const data = Buffer.from(Array.from({ length: 16 }, (_, i) => (i * 37 + 5) & 0xff));
    await bus.writeI2cBlock(STUB_A, 0x00, data.length, data);
    for (const reg of [0, 7, 15]) expectEqual(await i2cgetByte(hil.i2cBus(), STUB_A, reg), data[reg], `register ${reg}`);
    const back = Buffer.alloc(16);
    const { bytesRead } = await bus.readI2cBlock(STUB_A, 0x00, 16, back);
    expectEqual(bytesRead, 16, 'bytes read');
    expect(back.equals(data), `block read ${back.toString('hex')} != ${data.toString('hex')}`);
  } finally {
    await bus.close();
  }
});

g.check('word written by i2cset reads back through readWord', async () => {
  const bus = await i2c.openPromisified(hil.i2cBus());
  try {
    await i2csetWord(hil.i2cBus(), STUB_B, 0x02, bigEndianWord(0x1f40));
    const word = await bus.readWord(STUB_B, 0x02);
    expectEqual(bigEndianWord(word), 0x1f40, 'register 0x02 as the chip means it');
  } finally {
    await bus.close();
  }
});

g.check('an address nobody answers fails with an errno', async () => {
  const bus = await i2c.openPromisified(hil.i2cBus());
  try {
    const err = await bus.readByte(0x41, 0x00).then(
      () => null,
      (e: NodeJS.ErrnoException) => e,
    );
    expect(err, 'reading 0x41 should fail');
    expect(['ENXIO', 'ENODEV', 'EIO', 'EREMOTEIO'].includes(err.code ?? ''), `errno ${err.code}`);
  } finally {
    await bus.close();
  }
});
