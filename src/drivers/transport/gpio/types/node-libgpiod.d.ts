/**
 * The station's own declaration of the part of node-libgpiod (0.5.x) it uses.
 * node-libgpiod is optional: it builds only where libgpiod 1.x's headers are
 * installed, and npm drops it (with its own typings) where it cannot build.
 * tsconfig.json maps the module name here, so the TypeScript build never
 * needs the package present and reads the same types on every machine.
 */
export declare class Chip {
  constructor(identifier: number | string);
  readonly name: string;
  readonly label: string;
  readonly numberOfLines: number;
  getLine(identifier: number | string): Line;
}

export declare class Line {
  static readonly RequestFlags: {
    readonly OPEN_DRAIN: number;
    readonly OPEN_SOURCE: number;
    readonly ACTIVE_LOW: number;
    readonly BIAS_DISABLE: number;
    readonly BIAS_PULL_DOWN: number;
    readonly BIAS_PULL_UP: number;
  };
  constructor(chip: Chip, offset: number | string);
  readonly offset: number;
  requestInputMode(consumer?: string): void;
  requestInputModeFlags(consumer: string, flags: number): void;
  requestOutputMode(consumer?: string, defaultValue?: 0 | 1): void;
  getValue(): number;
  setValue(value: 0 | 1): void;
  release(): void;
}

export declare function version(): string;
