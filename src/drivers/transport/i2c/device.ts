import { DeviceError } from '../../../shared/errors.js';
import type { BusErrnoError, I2cBus } from './bus.js';
import { hexAddress, isNoAnswer } from './bus.js';

/** Turns a bus or open error into a DeviceError a technician can act on. */
export function i2cDeviceError(e: unknown, busPath: string, address: number, what: string): DeviceError {
  const err = e as BusErrnoError;
  const code = err?.code ?? '';
  const at = `${hexAddress(address)} on ${busPath}`;
  const details = { bus: busPath, address: hexAddress(address), errno: code || undefined };
  if (e instanceof DeviceError) return e;
  if (isNoAnswer(e)) {
    return new DeviceError('I2C_NO_ANSWER', `no answer from ${at} — check the ${what}'s wiring`, details);
  }
  if (code === 'ENOENT') {
    return new DeviceError(
      'I2C_NO_BUS',
      `${busPath} does not exist — enable the I2C adapter (Raspberry Pi: dtparam=i2c_arm=on) and load i2c-dev`,
      details,
    );
  }
  if (code === 'EACCES' || code === 'EPERM') {
    return new DeviceError('I2C_DENIED', `permission denied on ${busPath} — add the station's user to the i2c group`, details);
  }
  if (code === 'EBUSY') {
    return new DeviceError('I2C_BUSY', `${at} is claimed by a kernel driver — unbind it or use another address`, details);
  }
  if (code === 'ENOTSUP' || code === 'EOPNOTSUPP') {
    return new DeviceError('I2C_UNSUPPORTED', `${busPath} refused an SMBus transfer to ${hexAddress(address)} (${code})`, details);
  }
  if (code === 'I2C_MODULE') {
    return new DeviceError('I2C_MODULE', `${err.message} — reinstall the i2c-bus package`, details);
  }
  return new DeviceError('I2C_ERROR', `${what} at ${at}: ${err?.message ?? String(e)}`, details);
}

/**
 * One device at one address on a bus, with a name for error messages
 * ("display", "supply monitor"). Every transfer's error names bus and address.
 */
export class I2cDevice {
  constructor(
    readonly bus: I2cBus,
    readonly address: number,
    readonly what: string,
  ) {}

  sendByte(byte: number): Promise<void> {
    return this.wrap(() => this.bus.sendByte(this.address, byte));
  }

  writeByte(command: number, byte: number): Promise<void> {
    return this.wrap(() => this.bus.writeByte(this.address, command, byte));
  }

  readByte(command: number): Promise<number> {
    return this.wrap(() => this.bus.readByte(this.address, command));
  }

  readWord(command: number): Promise<number> {
    return this.wrap(() => this.bus.readWord(this.address, command));
  }

  writeWord(command: number, word: number): Promise<void> {
    return this.wrap(() => this.bus.writeWord(this.address, command, word));
  }

  writeI2cBlock(command: number, data: Uint8Array): Promise<void> {
    return this.wrap(() => this.bus.writeI2cBlock(this.address, command, data));
  }

  readI2cBlock(command: number, length: number): Promise<Uint8Array> {
    return this.wrap(() => this.bus.readI2cBlock(this.address, command, length));
  }

  private async wrap<T>(op: () => Promise<T>): Promise<T> {
    try {
      return await op();
    } catch (e) {
      throw i2cDeviceError(e, this.bus.path, this.address, this.what);
    }
  }
}
