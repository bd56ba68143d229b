/**
 * A simulated I2C bus: device simulators attach by address and answer SMBus
 * transfers from their register models. An address with nobody attached, or a
 * simulator that stops acknowledging (fault `offline`), fails exactly as the
 * kernel does on a real bus (ENXIO), so drivers see the same errors.
 */
import type { I2cBus } from './bus.js';
import { errnoError, hexAddress } from './bus.js';

/** What a simulated chip implements; transfers it does not implement fail with EIO. */
export interface I2cPeripheral {
  /** False while the chip does not acknowledge its address. */
  acks(): boolean;
  sendByte?(byte: number): void;
  writeByte?(command: number, byte: number): void;
  readByte?(command: number): number;
  /** Returns the SMBus word: first byte on the wire in the low byte. */
  readWord?(command: number): number;
  writeWord?(command: number, word: number): void;
  writeBlock?(command: number, data: Uint8Array): void;
  readBlock?(command: number, length: number): Uint8Array;
}

export class SimI2cBus implements I2cBus {
  private readonly peripherals = new Map<number, I2cPeripheral>();
  /** Transfers so far, for tests that count bus traffic. */
  transfers = 0;

  constructor(readonly path = 'sim-i2c') {}

  /** Puts a chip at an address (replacing any chip there, as swapping a board would). */
  attach(address: number, peripheral: I2cPeripheral): () => void {
    this.peripherals.set(address, peripheral);
    return () => {
      if (this.peripherals.get(address) === peripheral) this.peripherals.delete(address);
    };
  }

  addresses(): number[] {
    return [...this.peripherals.keys()].sort((a, b) => a - b);
  }

  sendByte(address: number, byte: number): Promise<void> {
    return this.run(address, 'sendByte', (p) => p.sendByte?.(byte));
  }

  writeByte(address: number, command: number, byte: number): Promise<void> {
    return this.run(address, 'writeByte', (p) => p.writeByte?.(command, byte & 0xff));
  }

  readByte(address: number, command: number): Promise<number> {
    return this.run(address, 'readByte', (p) => p.readByte?.(command));
  }

  readWord(address: number, command: number): Promise<number> {
    return this.run(address, 'readWord', (p) => p.readWord?.(command));
  }

  writeWord(address: number, command: number, word: number): Promise<void> {
    return this.run(address, 'writeWord', (p) => p.writeWord?.(command, word & 0xffff));
  }

  writeI2cBlock(address: number, command: number, data: Uint8Array): Promise<void> {
    if (data.length > 32) return Promise.reject(errnoError('EINVAL', 'I2C block longer than 32 bytes'));
    return this.run(address, 'writeBlock', (p) => p.writeBlock?.(command, Uint8Array.from(data)));
  }

  readI2cBlock(address: number, command: number, length: number): Promise<Uint8Array> {
    return this.run(address, 'readBlock', (p) => p.readBlock?.(command, length));
  }

  async close(): Promise<void> {
    // The simulated bus lives as long as its simulators.
  }

  private async run<T>(address: number, op: keyof I2cPeripheral, fn: (p: I2cPeripheral) => T | undefined): Promise<T> {
    this.transfers++;
    const p = this.peripherals.get(address);
    if (!p || !p.acks()) throw errnoError('ENXIO', `no acknowledge from ${hexAddress(address)} on ${this.path}`);
    if (typeof p[op] !== 'function') throw errnoError('EIO', `${hexAddress(address)} does not answer ${op}`);
    return fn(p) as T;
  }
}
