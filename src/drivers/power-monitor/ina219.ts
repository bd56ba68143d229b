/**
 * The supply monitor: an INA219 on I2C measuring the station's DC supply.
 * Writes configuration and calibration, then samples bus voltage, shunt
 * voltage, current and power every sampleMs and checks the calibration still
 * holds (a chip that lost power forgets it). Overflow → degraded.
 */
import type { SupplyMonitor, SupplyReading } from '../../controller/ports.js';
import { I2cChip } from '../i2c-chip.js';
import type { DriverContext } from '../context.js';
import type { TimerHandle } from '../../shared/clock.js';
import { TypedEmitter } from '../../shared/emitter.js';
import type { I2cBus } from '../transport/i2c/bus.js';
import { hexAddress } from '../transport/i2c/bus.js';
import type { I2cDevice } from '../transport/i2c/device.js';
import {
  CONFIG_32V_320MV_12BIT,
  REG_BUS,
  REG_CALIBRATION,
  REG_CONFIG,
  REG_CURRENT,
  REG_POWER,
  REG_SHUNT,
  calibrate,
  decodeBusVoltage,
  decodeCurrent,
  decodePower,
  decodeShuntMillivolts,
  swap16,
  tidy,
  type Calibration,
} from './ina219-registers.js';

export interface Ina219Options {
  address: number;
  busPath: string;
  openBus: () => Promise<I2cBus>;
  shuntOhms: number;
  maxCurrentA?: number;
  sampleMs?: number;
}

export class Ina219Monitor extends I2cChip implements SupplyMonitor {
  readonly kind = 'power-monitor' as const;
  readonly calibration: Calibration;
  private readonly events = new TypedEmitter<{ reading: (r: SupplyReading) => void }>();
  private reading: SupplyReading | null = null;
  private running = false;
  private sampling = false;
  private sampleTimer: TimerHandle | null = null;

  constructor(
    private readonly opts: Ina219Options,
    ctx: DriverContext,
  ) {
    super('power-monitor', 'power-monitor', ctx, ctx.log.child({ ns: 'drivers.ina219' }), { ...opts, what: 'supply monitor' });
    this.calibration = calibrate(opts.shuntOhms, opts.maxCurrentA);
  }

  latest(): SupplyReading | null {
    return this.reading;
  }

  onReading(listener: (r: SupplyReading) => void): () => void {
    return this.events.on('reading', listener);
  }

  override async start(): Promise<void> {
    this.running = true;
    await super.start();
  }

  override async stop(): Promise<void> {
    this.running = false;
    await super.stop();
  }

  /** Takes one sample now (the timer calls this every sampleMs). */
  async sample(): Promise<SupplyReading | null> {
    if (!this.device || this.sampling) return null;
    this.sampling = true;
    try {
      return await this.readOnce(this.device);
    } catch (e) {
      this.link.lost(this.chipError(e));
      return null;
    } finally {
      this.sampling = false;
    }
  }

  private async readOnce(d: I2cDevice): Promise<SupplyReading | null> {
    const word = async (reg: number) => swap16(await d.readWord(reg));
    const bus = decodeBusVoltage(await word(REG_BUS));
    const shunt = await word(REG_SHUNT);
    const current = await word(REG_CURRENT);
    const power = await word(REG_POWER);
    const cal = await word(REG_CALIBRATION);
    if (!this.running) return null;
    if (cal !== this.calibration.cal) {
      this.status.set(
        'degraded',
        `calibration at ${hexAddress(this.opts.address)} read back 0x${cal.toString(16)} — chip reset or noisy bus; rewritten`,
      );
      await this.configure(d);
      return null;
    }
    const r: SupplyReading = {
      busVoltage: tidy(bus.volts, 3),
      shuntMillivolts: tidy(decodeShuntMillivolts(shunt), 2),
      currentA: tidy(decodeCurrent(current, this.calibration)),
      powerW: tidy(decodePower(power, this.calibration)),
    };
    this.reading = r;
    if (bus.overflow)
      this.status.set('degraded', `current beyond the measuring range (${this.maxA()} A) — check the load or set maxCurrentA`);
    else this.status.set('ok', `${r.busVoltage.toFixed(2)} V, ${r.currentA.toFixed(2)} A`);
    this.events.emit('reading', r);
    return r;
  }

  private maxA(): number {
    return tidy(this.calibration.currentLsb * 32767, 2);
  }

  private async configure(d: I2cDevice): Promise<void> {
    await d.writeWord(REG_CONFIG, swap16(CONFIG_32V_320MV_12BIT));
    await d.writeWord(REG_CALIBRATION, swap16(this.calibration.cal));
  }

  protected connecting(): string {
    return `connecting to ${hexAddress(this.opts.address)} on ${this.opts.busPath}`;
  }

  /** Configuration, calibration and the first sample: the monitor answers or the attempt fails. */
  protected async greet(device: I2cDevice): Promise<void> {
    await this.configure(device);
    const config = swap16(await device.readWord(REG_CONFIG));
    if (config !== CONFIG_32V_320MV_12BIT) {
      this.status.set(
        'degraded',
        `configuration at ${hexAddress(this.opts.address)} read back 0x${config.toString(16)} — is this an INA219?`,
      );
    }
    await this.readOnce(device);
  }

  protected linkReady(): void {
    this.sampleTimer ??= this.ctx.clock.setInterval(() => void this.sample(), this.opts.sampleMs ?? this.ctx.timeouts.supplySampleMs);
  }

  protected override linkDown(): void {
    this.sampleTimer?.cancel();
    this.sampleTimer = null;
  }
}
