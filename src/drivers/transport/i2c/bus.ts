/**
 * The I2C transport the station's I2C drivers speak: SMBus transfers only.
 * i2c-stub (the VM test tier) answers SMBus and nothing else, and the same
 * calls drive the real HT16K33 and INA219, so nothing here needs raw I2C.
 *
 * Bus implementations (real: ./real-bus.ts, simulated: ./sim-bus.ts) throw
 * plain errno-style errors (`code: 'ENXIO'` …), as the kernel does;
 * I2cDevice (./device.ts) turns them into DeviceErrors naming bus, address and
 * what is wired there.
 */
export interface I2cBus {
  /** "/dev/i2c-1", or "sim-i2c" for the simulated bus. */
  readonly path: string;
  /** SMBus "send byte": one command byte, no data (HT16K33 setup commands). */
  sendByte(address: number, byte: number): Promise<void>;
  writeByte(address: number, command: number, byte: number): Promise<void>;
  readByte(address: number, command: number): Promise<number>;
  /** SMBus word: the FIRST byte on the wire is the LOW byte of the result. */
  readWord(address: number, command: number): Promise<number>;
  writeWord(address: number, command: number, word: number): Promise<void>;
  /** I2C block write (up to 32 bytes) starting at command (HT16K33 display RAM). */
  writeI2cBlock(address: number, command: number, data: Uint8Array): Promise<void>;
  readI2cBlock(address: number, command: number, length: number): Promise<Uint8Array>;
  /** Gives up this user's share of the bus; the handle closes with its last user. */
  close(): Promise<void>;
}

/** Error a bus throws, shaped like the kernel's (code is the errno name). */
export interface BusErrnoError extends Error {
  code?: string;
  errno?: number;
}

export function errnoError(code: string, message: string): BusErrnoError {
  return Object.assign(new Error(`${code}: ${message}`), { code });
}

/** "0x70" */
export const hexAddress = (address: number): string => `0x${address.toString(16).padStart(2, '0')}`;

/** Errors meaning "nobody answered at that address". */
const NO_ANSWER = new Set(['ENXIO', 'EREMOTEIO', 'ENODEV', 'EIO', 'ETIMEDOUT', 'EAGAIN']);

export const isNoAnswer = (e: unknown): boolean => NO_ANSWER.has((e as BusErrnoError)?.code ?? '');
