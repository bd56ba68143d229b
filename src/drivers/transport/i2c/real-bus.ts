/**
 * The real I2C bus over i2c-bus 5 (promisified). One open handle per bus
 * number, shared by every device on it and closed with its last user.
 * i2c-bus is imported only when a real bus is opened, so the simulated
 * station runs where the native module is missing.
 */
import type { I2cBus } from './bus.js';
import { errnoError } from './bus.js';

/** The part of i2c-bus's PromisifiedBus the station uses. */
export interface PromisifiedI2c {
  sendByte(addr: number, byte: number): Promise<void>;
  writeByte(addr: number, cmd: number, byte: number): Promise<void>;
  readByte(addr: number, cmd: number): Promise<number>;
  readWord(addr: number, cmd: number): Promise<number>;
  writeWord(addr: number, cmd: number, word: number): Promise<void>;
  writeI2cBlock(addr: number, cmd: number, length: number, buffer: Buffer): Promise<unknown>;
  readI2cBlock(addr: number, cmd: number, length: number, buffer: Buffer): Promise<{ bytesRead: number; buffer: Buffer }>;
  close(): Promise<void>;
}

export interface I2cModule {
  openPromisified(busNumber: number): Promise<PromisifiedI2c>;
}

export type I2cModuleLoader = () => Promise<I2cModule>;

export const loadI2cBusModule: I2cModuleLoader = async () => {
  try {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- an optional native module: its shape is checked just below
    const mod: any = await import('i2c-bus');
    return (mod.default ?? mod) as I2cModule;
  } catch (e) {
    throw errnoError('I2C_MODULE', `the i2c-bus module did not load (${(e as Error).message})`);
  }
};

interface SharedHandle {
  users: number;
  opening: Promise<PromisifiedI2c>;
}

const handles = new Map<number, SharedHandle>();

/** Opens /dev/i2c-N (or joins the handle already open). Rejects with the errno error. */
export async function openI2cBus(busNumber: number, load: I2cModuleLoader = loadI2cBusModule): Promise<I2cBus> {
  let shared = handles.get(busNumber);
  if (!shared) {
    const opening = load().then((m) => m.openPromisified(busNumber));
    shared = { users: 0, opening };
    handles.set(busNumber, shared);
    opening.catch(() => handles.get(busNumber) === shared && handles.delete(busNumber));
  }
  shared.users++;
  let raw: PromisifiedI2c;
  try {
    raw = await shared.opening;
  } catch (e) {
    shared.users--;
    throw e;
  }
  const handle = shared;
  let closed = false;
  return {
    path: `/dev/i2c-${busNumber}`,
    sendByte: (a, b) => raw.sendByte(a, b),
    writeByte: (a, c, b) => raw.writeByte(a, c, b),
    readByte: (a, c) => raw.readByte(a, c),
    readWord: (a, c) => raw.readWord(a, c),
    writeWord: (a, c, w) => raw.writeWord(a, c, w),
    writeI2cBlock: async (a, c, data) => {
      await raw.writeI2cBlock(a, c, data.length, Buffer.from(data));
    },
    readI2cBlock: async (a, c, length) => {
      const { bytesRead, buffer } = await raw.readI2cBlock(a, c, length, Buffer.alloc(length));
      return new Uint8Array(buffer.subarray(0, bytesRead));
    },
    async close() {
      if (closed) return;
      closed = true;
      handle.users--;
      if (handle.users > 0) return;
      if (handles.get(busNumber) === handle) handles.delete(busNumber);
      await raw.close().catch(() => undefined);
    },
  };
}

/** How many users share each open bus (for tests and the technician's view). */
export function openBusUsers(): Map<number, number> {
  return new Map([...handles].map(([n, h]) => [n, h.users]));
}
