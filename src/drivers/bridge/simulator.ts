/**
 * The companion board, simulated: an ATmega328P running firmware-bridge as
 * the station sees it over the serial line. Answers the Firmata handshake,
 * reports analog channels every sampling interval and digital ports on
 * change. Inputs are set in millivolts (A0-A7) or as levels (D2-D19).
 */
import type { Clock, TimerHandle } from '../../shared/clock.js';
import type { BridgeSimulator, SimFault } from '../../controller/sim-ports.js';
import { SerialDeviceSimulator } from '../transport/serial/device-simulator.js';
import * as F from './firmata-frames.js';
import { FIRST_ANALOG_PIN } from './channels.js';

const PINS = 22; // D0-D13, A0-A5 (14-19), A6-A7 (20-21, analog only)
const MODE = { INPUT: 0x00, OUTPUT: 0x01, ANALOG: 0x02, PULLUP: 0x0b };
const FIRMWARE_NAME = 'ktp-bridge';

const isAnalogPin = (pin: number) => pin >= FIRST_ANALOG_PIN && pin < PINS;
function supports(pin: number, mode: number): boolean {
  if (pin < 2 || pin >= PINS) return false; // D0/D1 carry the link
  if (mode === MODE.ANALOG) return isAnalogPin(pin);
  return pin < 20 && [MODE.INPUT, MODE.OUTPUT, MODE.PULLUP].includes(mode);
}

export class FirmataBoardSimulator extends SerialDeviceSimulator implements BridgeSimulator {
  readonly faults: readonly SimFault[] = ['offline', 'none'];
  private readonly parser = new F.FirmataHostParser();
  private readonly millivolts = new Array<number>(8).fill(0);
  private readonly levels = new Array<number>(PINS).fill(0);
  private modes: number[] = [];
  private outputs: number[] = [];
  private reportAnalog = 0; // bit per channel
  private reportDigital = 0; // bit per port
  private lastPort: (number | null)[] = [null, null, null];
  private samplingMs = 19;
  private sampler: TimerHandle | null = null;

  constructor(
    readonly deviceId: string,
    private readonly clock: Clock,
  ) {
    super();
    this.reset();
  }

  /** What the USB adapter's DTR does when the station opens the port: reboot and announce. */
  autoReset(): void {
    this.reset();
    this.announce();
  }

  setInput(pin: string | number, value: number | boolean): void {
    const analog = typeof pin === 'string' ? /^A([0-7])$/i.exec(pin) : null;
    const n = analog ? FIRST_ANALOG_PIN + Number(analog[1]) : Number(pin);
    if (!Number.isInteger(n) || n < 2 || n >= PINS) throw new RangeError(`no input pin ${String(pin)} on the companion board`);
    if (typeof value === 'number' && isAnalogPin(n) && (analog || value > 1)) {
      this.millivolts[n - FIRST_ANALOG_PIN] = Math.max(0, Math.min(5000, value));
    } else {
      this.levels[n] = value ? 1 : 0;
      this.reportPorts();
    }
  }

  /** The level the board drives on an output pin (relay), or null if it is not an output. */
  output(pin: number): number | null {
    return this.modes[pin] === MODE.OUTPUT ? this.outputs[pin]! : null;
  }

  injectFault(fault: SimFault): void {
    if (fault === 'offline') {
      this.stopSampling();
      this.setLine({ plugged: false });
    } else if (fault === 'none') {
      this.setLine({ plugged: true });
    } else {
      throw new RangeError(`the companion board simulator cannot play "${fault}"`);
    }
  }

  protected onHostBytes(bytes: Buffer): void {
    for (const m of this.parser.push(bytes)) {
      if (m.kind === 'sysex') this.onSysex(m.id, m.data);
      else this.onCommand(m.cmd, m.channel, m.data);
    }
  }

  private reset(): void {
    this.modes = Array.from({ length: PINS }, (_, p) => (isAnalogPin(p) ? MODE.ANALOG : MODE.INPUT));
    this.outputs = new Array<number>(PINS).fill(0);
    this.reportAnalog = 0;
    this.reportDigital = 0;
    this.lastPort = [null, null, null];
    this.samplingMs = 19;
    this.stopSampling();
  }

  private announce(): void {
    const name = [...FIRMWARE_NAME].flatMap((c) => [c.charCodeAt(0) & 0x7f, 0]);
    this.toHost(Buffer.from([F.REPORT_VERSION, 2, 5, F.START_SYSEX, F.REPORT_FIRMWARE, 2, 5, ...name, F.END_SYSEX]));
  }

  private onSysex(id: number, data: number[]): void {
    const reply = (rid: number, body: number[]) => this.toHost(Buffer.from([F.START_SYSEX, rid, ...body, F.END_SYSEX]));
    if (id === F.REPORT_FIRMWARE) this.announce();
    else if (id === F.CAPABILITY_QUERY) {
      const body: number[] = [];
      for (let p = 0; p < PINS; p++) {
        for (const m of [MODE.INPUT, MODE.OUTPUT, MODE.PULLUP]) if (supports(p, m)) body.push(m, 1);
        if (supports(p, MODE.ANALOG)) body.push(MODE.ANALOG, 10);
        body.push(0x7f);
      }
      reply(F.CAPABILITY_RESPONSE, body);
    } else if (id === F.ANALOG_MAPPING_QUERY) {
      reply(
        F.ANALOG_MAPPING_RESPONSE,
        Array.from({ length: PINS }, (_, p) => (isAnalogPin(p) ? p - FIRST_ANALOG_PIN : 0x7f)),
      );
    } else if (id === F.PIN_STATE_QUERY && data.length >= 1 && data[0]! < PINS) {
      reply(F.PIN_STATE_RESPONSE, [data[0]!, this.modes[data[0]!]!, this.outputs[data[0]!]!]);
    } else if (id === F.SAMPLING_INTERVAL && data.length >= 2) {
      this.samplingMs = Math.max(10, data[0]! | (data[1]! << 7));
      if (this.sampler) this.startSampling();
    }
  }

  private onCommand(cmd: number, channel: number, data: number[]): void {
    if (cmd === F.REPORT_VERSION) this.announce();
    else if (cmd === F.SYSTEM_RESET) this.reset();
    else if (cmd === F.SET_PIN_MODE && supports(data[0]!, data[1]!)) {
      this.modes[data[0]!] = data[1]!;
      this.lastPort[data[0]! >> 3] = null;
    } else if (cmd === F.SET_DIGITAL_PIN_VALUE) this.write(data[0]!, data[1]!);
    else if (cmd === F.DIGITAL_MESSAGE) {
      const value = data[0]! | (data[1]! << 7);
      for (let bit = 0; bit < 8; bit++) this.write(channel * 8 + bit, (value >> bit) & 1);
    } else if (cmd === F.REPORT_ANALOG && channel < 8) {
      this.reportAnalog = data[0] ? this.reportAnalog | (1 << channel) : this.reportAnalog & ~(1 << channel);
      if (this.reportAnalog && !this.sampler) this.startSampling();
    } else if (cmd === F.REPORT_DIGITAL && channel < 3) {
      this.reportDigital = data[0] ? this.reportDigital | (1 << channel) : this.reportDigital & ~(1 << channel);
      this.lastPort[channel] = null;
      this.reportPorts();
    }
  }

  private write(pin: number, level: number): void {
    if (pin < PINS && this.modes[pin] === MODE.OUTPUT) this.outputs[pin] = level ? 1 : 0;
  }

  private reportPorts(): void {
    for (let port = 0; port < 3; port++) {
      if (!(this.reportDigital & (1 << port))) continue;
      let value = 0;
      for (let bit = 0; bit < 8; bit++) {
        const pin = port * 8 + bit;
        if (pin >= 2 && pin < 20 && (this.modes[pin] === MODE.INPUT || this.modes[pin] === MODE.PULLUP) && this.levels[pin])
          value |= 1 << bit;
      }
      if (value === this.lastPort[port]) continue;
      this.lastPort[port] = value;
      this.toHost(Buffer.from([F.DIGITAL_MESSAGE | port, ...F.sevenBit(value)]));
    }
  }

  private startSampling(): void {
    this.stopSampling();
    this.sampler = this.clock.setInterval(() => this.sample(), this.samplingMs);
  }

  private stopSampling(): void {
    this.sampler?.cancel();
    this.sampler = null;
  }

  private sample(): void {
    if (!this.line().plugged || !this.reportAnalog) return this.stopSampling();
    const out: number[] = [];
    for (let ch = 0; ch < 8; ch++) {
      if (!(this.reportAnalog & (1 << ch))) continue;
      const raw = Math.min(1023, Math.floor((this.millivolts[ch]! * 1024) / 5000)); // as the AVR's ADC over AVCC
      out.push(F.ANALOG_MESSAGE | ch, ...F.sevenBit(raw));
    }
    this.toHost(Buffer.from(out));
  }
}
