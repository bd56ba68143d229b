/**
 * The little of johnny-five and firmata-io the bridge driver uses (neither
 * package ships typings). Only src/drivers/bridge/ imports them.
 */
declare module 'firmata-io' {
  import type { EventEmitter } from 'node:events';

  export interface FirmataPin {
    supportedModes: number[];
    analogChannel: number;
    mode?: number;
    value?: number;
    report?: number;
  }

  export class Firmata extends EventEmitter {
    constructor(transport: unknown, options?: { reportVersionTimeout?: number; samplingInterval?: number; skipCapabilities?: boolean });
    readonly MODES: { INPUT: number; OUTPUT: number; ANALOG: number; PULLUP: number };
    readonly isReady: boolean;
    readonly pins: FirmataPin[];
    readonly analogPins: number[];
    readonly firmware: { name?: string; version?: { major: number; minor: number } };
    reportVersionTimeoutId?: ReturnType<typeof setTimeout>;
    setSamplingInterval(ms: number): void;
    reportAnalogPin(channel: number, on: 0 | 1): void;
    reportDigitalPin(pin: number, on: 0 | 1): void;
  }

  interface BindTransport {
    (transport: unknown): typeof Firmata;
    Firmata: typeof Firmata;
  }
  const bindTransport: BindTransport;
  export default bindTransport;
}

declare module 'johnny-five' {
  import type { EventEmitter } from 'node:events';
  import type { Firmata } from 'firmata-io';

  export class Board extends EventEmitter {
    constructor(options: { io: Firmata; repl?: boolean; debug?: boolean; sigint?: boolean; timeout?: number; id?: string });
    readonly io: Firmata;
    readonly isReady: boolean;
    timer: ReturnType<typeof setTimeout> | null;
    pinMode(pin: number, mode: number): this;
    analogRead(channel: number, cb: (raw: number) => void): this;
    digitalRead(pin: number, cb: (level: number) => void): this;
    digitalWrite(pin: number, level: 0 | 1): this;
  }

  const five: { Board: typeof Board };
  export default five;
}
