/**
 * Opening a serial line: a real device node (USB adapter, UART, pseudo-terminal)
 * through serialport, or a simulated device through the in-process binding.
 * Both give the same SerialPortStream to the layers above.
 */
import type { SerialPortStream } from '@serialport/stream';
import type { SerialDeviceSimulator } from './device-simulator.js';
import { simulatedBinding } from './sim-binding.js';

/** Opens the line once; rejects when it cannot be opened. */
export type PortOpener = () => Promise<SerialPortStream>;

export interface LineSettings {
  path: string;
  baudRate: number;
}

function openStream(port: SerialPortStream): Promise<SerialPortStream> {
  return new Promise((resolve, reject) => {
    port.open((err) => (err ? reject(err) : resolve(port)));
  });
}

// serialport is loaded when the first line opens, after the API is up (start-up time).

/** A real port: /dev/ttyUSB0, /dev/ttyS0, a pty link. */
export function hardwarePort(line: LineSettings): PortOpener {
  return async () => {
    const { SerialPort } = await import('serialport');
    return openStream(new SerialPort({ path: line.path, baudRate: line.baudRate, autoOpen: false }));
  };
}

/** The simulated device on the far end of an in-process line (`path` only names it in messages). */
export function simulatedPort(device: SerialDeviceSimulator, line: LineSettings): PortOpener {
  const binding = simulatedBinding(device);
  return async () => {
    const { SerialPortStream } = await import('@serialport/stream');
    return openStream(new SerialPortStream({ binding, path: line.path, baudRate: line.baudRate, autoOpen: false }));
  };
}

/**
 * One line a technician can act on, from an open or disconnect error
 * ("cannot open /dev/ttyUSB0: no such device — check the USB cable").
 */
export function describeLineError(path: string, err: unknown, when: 'open' | 'lost'): string {
  const e = err as NodeJS.ErrnoException | undefined;
  const text = `${e?.code ?? ''} ${e?.message ?? String(err ?? '')}`;
  if (when === 'lost') {
    return `${path} disconnected — check the USB cable and the device's power`;
  }
  if (/ENOENT|No such file/i.test(text)) return `cannot open ${path}: no such device — check the USB cable`;
  if (/EACCES|Permission denied/i.test(text)) return `cannot open ${path}: permission denied — add the station user to the dialout group`;
  if (/EBUSY|locked|Resource temporarily unavailable|EAGAIN/i.test(text))
    return `cannot open ${path}: in use by another program — close it or check the config for a duplicate port`;
  if (/ENXIO|EIO|No such device/i.test(text)) return `cannot open ${path}: device not responding — unplug and replug it`;
  return `cannot open ${path}: ${e?.message ?? String(err)}`;
}
