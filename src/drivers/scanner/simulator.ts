/**
 * A simulated barcode/QR scanner in serial mode: each scan sends the code and
 * CR LF, as a handheld scanner set to "serial, CRLF suffix" does.
 */
import type { ScannerSimulator, SimFault } from '../../controller/sim-ports.js';
import { SerialDeviceSimulator, lineNoise } from '../transport/serial/device-simulator.js';

export class SerialLineScannerSimulator extends SerialDeviceSimulator implements ScannerSimulator {
  readonly faults: readonly SimFault[] = ['offline', 'garbled', 'none'];
  private fault: SimFault = 'none';
  private seed = 11;

  constructor(
    readonly deviceId: string,
    readonly counter: number,
  ) {
    super();
  }

  injectFault(fault: SimFault): void {
    if (!this.faults.includes(fault)) throw new RangeError(`${this.deviceId} cannot play fault ${fault}`);
    this.fault = fault;
    this.setLine({ plugged: fault !== 'offline' });
  }

  scan(code: string): void {
    if (this.fault === 'garbled') {
      // What a baud-rate mismatch looks like: bytes with the high bit set, then the line end.
      this.toHost(Buffer.concat([lineNoise(Math.max(4, code.length), this.seed++), Buffer.from('\r\n')]));
      return;
    }
    this.toHost(Buffer.from(`${code}\r\n`, 'latin1'));
  }

  /** The scanner ignores what the host sends. */
  protected onHostBytes(): void {}
}
