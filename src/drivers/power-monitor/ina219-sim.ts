/**
 * A simulated INA219 on the simulated I2C bus. It holds the physical state
 * (bus voltage, current through its shunt) and computes the shunt, bus,
 * current and power registers from it and from the configuration and
 * calibration the driver wrote, as the chip's own arithmetic does.
 * Faults: `offline` (stops acknowledging), `garbled` (words arrive with
 * flipped bits), `none`.
 */
import type { SimFault, SupplySimulator } from '../../controller/sim-ports.js';
import type { I2cPeripheral } from '../transport/i2c/sim-bus.js';
import {
  BUS_CNVR,
  BUS_OVF,
  CONFIG_32V_320MV_12BIT,
  CONFIG_RESET,
  REG_BUS,
  REG_CALIBRATION,
  REG_CONFIG,
  REG_CURRENT,
  REG_POWER,
  REG_SHUNT,
  encodeBusVoltage,
  swap16,
} from './ina219-registers.js';

/** Bits a noisy bus flips in every word while `garbled`. */
const GARBLE_MASK = 0x0f0f;

export class Ina219Simulator implements I2cPeripheral, SupplySimulator {
  readonly deviceId = 'power-monitor';
  readonly faults: readonly SimFault[] = ['offline', 'garbled', 'none'];
  private config = CONFIG_32V_320MV_12BIT;
  private cal = 0;
  private busVoltage = 12.6;
  private currentA = 1.5;
  private fault: SimFault = 'none';

  constructor(private readonly shuntOhms = 0.1) {}

  set(r: { busVoltage?: number; currentA?: number }): void {
    if (r.busVoltage !== undefined) this.busVoltage = r.busVoltage;
    if (r.currentA !== undefined) this.currentA = r.currentA;
  }

  injectFault(fault: SimFault): void {
    if (!this.faults.includes(fault)) throw new Error(`supply monitor cannot simulate ${fault}`);
    this.fault = fault;
  }

  /** Power cycle: configuration back to its default, calibration lost. */
  powerCycle(): void {
    this.config = CONFIG_32V_320MV_12BIT;
    this.cal = 0;
  }

  acks(): boolean {
    return this.fault !== 'offline';
  }

  readWord(command: number): number {
    const reg = this.register(command);
    return swap16(this.fault === 'garbled' ? reg ^ GARBLE_MASK : reg);
  }

  writeWord(command: number, word: number): void {
    const value = swap16(word);
    if (command === REG_CONFIG) {
      if (value & CONFIG_RESET) this.powerCycle();
      else this.config = value;
    } else if (command === REG_CALIBRATION) {
      this.cal = value & 0xfffe; // bit 0 does not exist
    }
  }

  /** The register as the chip computes it now. */
  register(command: number): number {
    const s = this.conversions();
    switch (command) {
      case REG_CONFIG:
        return this.config;
      case REG_SHUNT:
        return s.shunt & 0xffff;
      case REG_BUS:
        return encodeBusVoltage(s.busVolts, BUS_CNVR | (s.overflow ? BUS_OVF : 0));
      case REG_POWER:
        return s.power;
      case REG_CURRENT:
        return s.current & 0xffff;
      case REG_CALIBRATION:
        return this.cal;
      default:
        return 0;
    }
  }

  private conversions(): { shunt: number; busVolts: number; current: number; power: number; overflow: boolean } {
    const pga = (this.config >> 11) & 0x03; // ÷1 ÷2 ÷4 ÷8: ±40 ±80 ±160 ±320 mV
    const limit = 4000 << pga;
    const busRange = this.config & 0x2000 ? 32 : 16;
    const rawShunt = Math.round((this.currentA * this.shuntOhms) / 10e-6);
    const shunt = Math.max(-limit, Math.min(limit, rawShunt));
    const busVolts = Math.max(0, Math.min(busRange, this.busVoltage));
    const busRaw = encodeBusVoltage(busVolts) >> 3;
    const fullCurrent = Math.trunc((shunt * this.cal) / 4096);
    const current = Math.max(-0x8000, Math.min(0x7fff, fullCurrent));
    const fullPower = Math.trunc((Math.abs(current) * busRaw) / 5000);
    const power = Math.min(0xffff, fullPower);
    const overflow = rawShunt !== shunt || fullCurrent !== current || fullPower !== power;
    return { shunt, busVolts, current, power, overflow };
  }
}
