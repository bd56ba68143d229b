/**
 * Puts a simulated device on a real serial port (one end of a socat pty pair,
 * or a spare UART looped to the station's): the same simulator classes that
 * serve `npm start` in-process then answer a driver over a real line.
 *
 * On a real line an "unplugged" simulator falls silent (it cannot remove the
 * device node) and a stalled one stops reading, so bytes pile up in the
 * kernel's buffers as with a jammed printer.
 */
import { SerialPort } from 'serialport';
import type { SerialDeviceSimulator } from './device-simulator.js';

export interface ServedPort {
  readonly path: string;
  close(): Promise<void>;
}

export async function serveOnPort(device: SerialDeviceSimulator, path: string, baudRate: number): Promise<ServedPort> {
  const port = new SerialPort({ path, baudRate, autoOpen: false });
  await new Promise<void>((resolve, reject) => port.open((err) => (err ? reject(err) : resolve())));
  const onData = (bytes: Buffer) => device.fromHost(bytes);
  port.on('data', onData);
  port.on('error', () => undefined); // the far end vanishing is the test's business
  const offBytes = device.onToHost((bytes) => {
    if (port.isOpen) port.write(bytes);
  });
  const offLine = device.onLine((c) => {
    if (c.reading && c.plugged) port.resume();
    else if (!c.reading) port.pause();
  });
  return {
    path,
    async close() {
      offBytes();
      offLine();
      if (port.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()));
    },
  };
}
