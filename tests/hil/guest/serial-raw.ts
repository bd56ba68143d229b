/** serialport itself over the two cross-wired 8250 UARTs. */
import { SerialPort } from 'serialport';
import { eventually, expect, group } from './harness.js';
import { hil } from './env.js';

const g = group('serial-raw');
export default g;

function open(path: string, baudRate: number): Promise<SerialPort> {
  return new Promise((resolve, reject) => {
    const port = new SerialPort({ path, baudRate }, (err) => (err ? reject(err) : resolve(port)));
  });
}

const close = (port: SerialPort) => new Promise<void>((resolve) => (port.isOpen ? port.close(() => resolve()) : resolve()));

g.check('bytes cross the UART pair both ways, binary-clean', async () => {
  const a = await open(hil.uartA(), 115200);
  const b = await open(hil.uartB(), 115200);
  try {
    const atB: Buffer[] = [];
    const atA: Buffer[] = [];
    b.on('data', (d: Buffer) => atB.push(d));
    a.on('data', (d: Buffer) => atA.push(d));
    const there = Buffer.from(Array.from({ length: 512 }, (_, i) => (i * 7) & 0xff)); // every byte value, 0x00 and 0x11/0x13 included
    const back = Buffer.from('\x1b@ok\r\n');
    a.write(there);
    await eventually(() => Buffer.concat(atB).length >= there.length, `${there.length} bytes at ${hil.uartB()}`, 5000);
    expect(Buffer.concat(atB).equals(there), 'payload arrived unchanged');
    b.write(back);
    await eventually(() => Buffer.concat(atA).length >= back.length, `reply at ${hil.uartA()}`, 5000);
    expect(Buffer.concat(atA).equals(back), 'reply arrived unchanged');
  } finally {
    await close(a);
    await close(b);
  }
});
