/**
 * The station's own declaration of the part of onoff (6.x, sysfs GPIO) it uses.
 * onoff is optional (its epoll addon may not build): tsconfig.json maps the
 * module name here so the TypeScript build never needs the package present.
 */
export type BinaryValue = 0 | 1;
export type Direction = 'in' | 'out' | 'high' | 'low';
export type Edge = 'none' | 'rising' | 'falling' | 'both';

export declare class Gpio {
  static readonly accessible: boolean;
  constructor(gpio: number, direction: Direction, edge?: Edge, options?: { debounceTimeout?: number; activeLow?: boolean });
  readSync(): BinaryValue;
  writeSync(value: BinaryValue): void;
  watch(callback: (err: Error | null | undefined, value: BinaryValue) => void): void;
  unwatchAll(): void;
  unexport(): void;
}
