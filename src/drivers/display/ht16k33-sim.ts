/**
 * A simulated HT16K33 on the simulated I2C bus: the register model of the
 * chip (system setup, display setup, dimming, 16 bytes of display RAM),
 * decoded back to text with the reverse font map for the sim console.
 * Faults: `offline` (stops acknowledging its address), `garbled` (RAM writes
 * arrive with flipped bits, as on a noisy bus), `none`.
 */
import type { DisplaySimulator, SimFault } from '../../controller/sim-ports.js';
import type { I2cPeripheral } from '../transport/i2c/sim-bus.js';
import { RAM_SIZE, decodeDisplaySetup, decodeRam, type BlinkRate, type Segments } from './ht16k33-protocol.js';

/** Bits a noisy bus flips in every RAM byte while `garbled`. */
const GARBLE_MASK = 0x5a;

export class Ht16k33Simulator implements I2cPeripheral, DisplaySimulator {
  readonly faults: readonly SimFault[] = ['offline', 'garbled', 'none'];
  readonly deviceId: string;
  private readonly ram = new Uint8Array(RAM_SIZE);
  private oscillator = false;
  private displayOn = false;
  private blink: BlinkRate = 'off';
  private brightness = 15;
  private pointer = 0;
  private fault: SimFault = 'none';
  /** Commands and writes received, for tests that look at bus traffic. */
  writes = 0;

  constructor(
    readonly counter: number,
    private readonly segments: Segments = 14,
  ) {
    this.deviceId = `display-${counter}`;
  }

  injectFault(fault: SimFault): void {
    if (!this.faults.includes(fault)) throw new Error(`display cannot simulate ${fault}`);
    this.fault = fault;
  }

  /** A power cycle: everything back to the chip's reset state. */
  powerCycle(): void {
    this.ram.fill(0);
    this.oscillator = this.displayOn = false;
    this.blink = 'off';
    this.brightness = 15;
  }

  shows(): { text: string; blinking: boolean; on: boolean; brightness: number } {
    return {
      text: decodeRam(this.ram, this.segments),
      blinking: this.blink !== 'off',
      on: this.oscillator && this.displayOn,
      brightness: this.brightness,
    };
  }

  /** Raw display RAM (a copy). */
  memory(): Uint8Array {
    return Uint8Array.from(this.ram);
  }

  acks(): boolean {
    return this.fault !== 'offline';
  }

  sendByte(byte: number): void {
    this.writes++;
    const high = byte & 0xf0;
    if (high === 0x20)
      this.oscillator = (byte & 0x01) === 1; // system setup
    else if (high === 0x80)
      ({ on: this.displayOn, blink: this.blink } = decodeDisplaySetup(byte)); // display setup
    else if (high === 0xe0)
      this.brightness = byte & 0x0f; // dimming set
    else if (high === 0x00) this.pointer = byte & 0x0f; // RAM address pointer
  }

  writeByte(command: number, byte: number): void {
    this.writeBlock(command, Uint8Array.of(byte));
  }

  writeBlock(command: number, data: Uint8Array): void {
    this.writes++;
    if ((command & 0xf0) !== 0x00) return; // only display RAM takes data
    data.forEach((b, i) => {
      this.ram[(command + i) % RAM_SIZE] = this.fault === 'garbled' ? b ^ GARBLE_MASK : b;
    });
    this.pointer = (command + data.length) % RAM_SIZE;
  }

  readBlock(command: number, length: number): Uint8Array {
    return Uint8Array.from({ length }, (_, i) => this.ram[(command + i) % RAM_SIZE]!);
  }

  readByte(command: number): number {
    return this.ram[command % RAM_SIZE]!;
  }
}
