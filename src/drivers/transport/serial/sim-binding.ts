/**
 * A serialport binding whose far end is a simulated device, in the same
 * process. The real SerialPortStream code (buffering, open/close, disconnect
 * handling) runs above it exactly as over a UART, so `npm start` exercises the
 * same driver code paths as the hardware.
 */
import type { SerialPortStream } from '@serialport/stream';
import type { LineCondition, SerialDeviceSimulator } from './device-simulator.js';

// The binding types, as @serialport/stream declares them (their own package has no ESM typings).
type BindingInterface = ConstructorParameters<typeof SerialPortStream>[0]['binding'];
type BindingPortInterface = Awaited<ReturnType<BindingInterface['open']>>;
type OpenOptions = Parameters<BindingInterface['open']>[0];
type PortInfo = Awaited<ReturnType<BindingInterface['list']>>[number];
type PortStatus = Awaited<ReturnType<BindingPortInterface['get']>>;

class CanceledError extends Error {
  readonly canceled = true;
}

/** What a vanished device looks like, as bindings-cpp reports an unplugged USB adapter. */
function noSuchDevice(path: string, op: string): NodeJS.ErrnoException {
  const e: NodeJS.ErrnoException = new Error(`No such file or directory, cannot ${op} ${path}`);
  e.code = 'ENOENT';
  return e;
}

class SimPortBinding implements BindingPortInterface {
  isOpen = true;
  readonly openOptions: Required<OpenOptions>;
  private inbox: Buffer[] = [];
  private wakeReader: ((err?: Error) => void) | null = null;
  private wakeWriter: ((err?: Error) => void) | null = null;
  private readonly detach: Array<() => void> = [];

  constructor(
    private readonly device: SerialDeviceSimulator,
    options: Required<OpenOptions>,
  ) {
    this.openOptions = options;
    this.detach.push(
      device.onToHost((bytes) => {
        this.inbox.push(bytes);
        this.wake(undefined);
      }),
    );
    this.detach.push(device.onLine((c) => this.lineChanged(c)));
  }

  private lineChanged(c: LineCondition): void {
    if (!c.plugged) {
      // Unplugged: the pending read fails (not "canceled"), so the stream reports a disconnect.
      const err = noSuchDevice(this.openOptions.path, 'read');
      this.wakeReader?.(err);
      this.wakeReader = null;
      this.wakeWriter?.(err);
      this.wakeWriter = null;
    } else if (c.reading) {
      this.wakeWriter?.();
      this.wakeWriter = null;
    }
  }

  private wake(err: Error | undefined): void {
    const w = this.wakeReader;
    this.wakeReader = null;
    if (w) queueMicrotask(() => w(err));
  }

  async close(): Promise<void> {
    if (!this.isOpen) throw new Error('Port is not open');
    this.isOpen = false;
    for (const d of this.detach.splice(0)) d();
    this.wakeReader?.(new CanceledError('port is closed'));
    this.wakeReader = null;
    this.wakeWriter?.(new CanceledError('port is closed'));
    this.wakeWriter = null;
  }

  async read(buffer: Buffer, offset: number, length: number): Promise<{ buffer: Buffer; bytesRead: number }> {
    for (;;) {
      if (!this.isOpen) throw new CanceledError('Read canceled');
      if (!this.device.line().plugged) throw noSuchDevice(this.openOptions.path, 'read');
      const head = this.inbox[0];
      if (head) {
        const n = Math.min(length, head.length);
        head.copy(buffer, offset, 0, n);
        if (n === head.length) this.inbox.shift();
        else this.inbox[0] = head.subarray(n);
        return { buffer, bytesRead: n };
      }
      await new Promise<void>((resolve, reject) => {
        this.wakeReader = (err) => (err ? reject(err) : resolve());
      });
    }
  }

  async write(buffer: Buffer): Promise<void> {
    const copy = Buffer.from(buffer);
    for (;;) {
      if (!this.isOpen) throw new CanceledError('Write canceled');
      const line = this.device.line();
      if (!line.plugged) throw noSuchDevice(this.openOptions.path, 'write');
      if (line.reading) break;
      // A stalled device: the write stays in flight until it reads again or the port closes.
      await new Promise<void>((resolve, reject) => {
        this.wakeWriter = (err) => (err ? reject(err) : resolve());
      });
    }
    await Promise.resolve();
    this.device.fromHost(copy);
  }

  async update(options: { baudRate: number }): Promise<void> {
    this.openOptions.baudRate = options.baudRate;
  }
  async set(): Promise<void> {}
  async get(): Promise<PortStatus> {
    return { cts: true, dsr: true, dcd: false };
  }
  async getBaudRate(): Promise<{ baudRate: number }> {
    return { baudRate: this.openOptions.baudRate };
  }
  async flush(): Promise<void> {
    this.inbox = [];
  }
  async drain(): Promise<void> {}
}

/** A binding with exactly one port: the given simulated device, under any path. */
export function simulatedBinding(device: SerialDeviceSimulator): BindingInterface {
  return {
    async list(): Promise<PortInfo[]> {
      return [];
    },
    async open(options: OpenOptions): Promise<BindingPortInterface> {
      await Promise.resolve();
      if (!device.line().plugged) throw noSuchDevice(options.path, 'open');
      const full: Required<OpenOptions> = {
        dataBits: 8,
        lock: true,
        stopBits: 1,
        parity: 'none',
        rtscts: false,
        xon: false,
        xoff: false,
        xany: false,
        hupcl: true,
        ...options,
      };
      return new SimPortBinding(device, full);
    },
  };
}
