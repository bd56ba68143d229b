/**
 * When to raise and clear each technician alert: supply rail under-voltage,
 * genset battery low, fuel low, genset running too long, device offline too
 * long. Thresholds come from config `alerts`; a small hysteresis keeps a
 * reading that hovers at the threshold from raising an alert every minute.
 */
import type { Clock, TimerHandle } from '../../shared/clock.js';
import type { ResolvedConfig } from '../../config/load.js';
import type { DeviceState } from '../ports.js';
import type { BridgeReadings, SupplyReading } from '../ports.js';
import type { AlertCenter } from './alerts.js';
import { PrinterAlerts } from './printer-alert.js';

const HYSTERESIS = { supplyV: 0.05, batteryV: 0.2, fuelPercent: 3 };

const minutes = (ms: number) => Math.round(ms / 60_000);
const hm = (ms: number) => {
  const m = minutes(ms);
  return m >= 60 ? `${Math.floor(m / 60)} h ${m % 60} min` : `${m} min`;
};

export class AlertRules {
  private gensetTimer: TimerHandle | null = null;
  private readonly offlineTimers = new Map<string, TimerHandle>();
  private readonly lastState = new Map<string, DeviceState>();
  private readonly printers: PrinterAlerts;

  constructor(
    private readonly alerts: AlertCenter,
    private readonly limits: ResolvedConfig['alerts'],
    private readonly clock: Clock,
  ) {
    this.printers = new PrinterAlerts(alerts, clock);
  }

  supply(r: SupplyReading): void {
    const min = this.limits.supplyMinV;
    const v = round(r.busVoltage, 2);
    if (v < min) {
      this.alerts.raise({
        kind: 'supply-undervoltage',
        severity: 'critical',
        value: v,
        threshold: min,
        message: `board supply at ${v} V (below ${min} V) — the 12 V supply or its UPS battery is sagging: check the charger, the battery and the cables before the board resets`,
        messageId: `tegangan catu papan ${v} V (di bawah ${min} V) — periksa pengisi daya, aki UPS dan kabelnya`,
      });
    } else if (v >= min + HYSTERESIS.supplyV) {
      this.alerts.clear('supply-undervoltage', '', `supply back at ${v} V`);
    }
  }

  bridge(r: BridgeReadings): void {
    const battery = typeof r.gensetBatteryV === 'number' ? r.gensetBatteryV : null;
    if (battery !== null) {
      const min = this.limits.gensetBatteryMinV;
      if (battery < min) {
        this.alerts.raise({
          kind: 'genset-battery-low',
          value: battery,
          threshold: min,
          message: `genset starter battery at ${battery} V (below ${min} V) — charge or replace it now, or the genset will not start at the next outage`,
          messageId: `aki starter genset ${battery} V (di bawah ${min} V) — isi atau ganti aki agar genset bisa menyala saat listrik padam`,
        });
      } else if (battery >= min + HYSTERESIS.batteryV) {
        this.alerts.clear('genset-battery-low', '', `battery at ${battery} V`);
      }
    }
    const fuel = typeof r.fuelPercent === 'number' ? r.fuelPercent : null;
    if (fuel !== null) {
      const min = this.limits.fuelMinPercent;
      const pct = Math.round(fuel);
      if (fuel < min) {
        this.alerts.raise({
          kind: 'fuel-low',
          severity: fuel < min / 2 ? 'critical' : 'warning',
          value: fuel,
          threshold: min,
          message: `fuel at ${pct}% — refuel the genset before the afternoon session`,
          messageId: `BBM genset tinggal ${pct}% — isi ulang sebelum sesi siang`,
        });
      } else if (fuel >= min + HYSTERESIS.fuelPercent) {
        this.alerts.clear('fuel-low', '', `fuel at ${pct}%`);
      }
    }
  }

  /** The genset started at `since` (it may have started before a restart) or stopped. */
  genset(running: boolean, since: number): void {
    this.gensetTimer?.cancel();
    this.gensetTimer = null;
    if (!running) {
      this.alerts.clear('genset-long-run', '', 'genset stopped');
      return;
    }
    const limitMs = this.limits.gensetMaxRunMinutes * 60_000;
    const fire = () => {
      this.gensetTimer = null;
      const ran = this.clock.now() - since;
      this.alerts.raise({
        kind: 'genset-long-run',
        value: minutes(ran),
        threshold: this.limits.gensetMaxRunMinutes,
        message: `genset has run ${hm(ran)} (limit ${this.limits.gensetMaxRunMinutes} min) — check its fuel, oil and temperature, and ask PLN when mains returns`,
        messageId: `genset sudah menyala ${hm(ran)} (batas ${this.limits.gensetMaxRunMinutes} menit) — periksa BBM, oli dan suhunya`,
      });
    };
    const left = since + limitMs - this.clock.now();
    if (left <= 0) fire();
    else this.gensetTimer = this.clock.setTimeout(fire, left);
  }

  device(s: DeviceState): void {
    this.lastState.set(s.id, s);
    // A printer that cannot print is an alert at once; unreachable for 5 minutes it is also offline like any device.
    this.printers.device(s);
    if (s.status !== 'offline') {
      this.offlineTimers.get(s.id)?.cancel();
      this.offlineTimers.delete(s.id);
      this.alerts.clear('device-offline', s.id, `${s.id} is ${s.status}`);
      return;
    }
    if (this.offlineTimers.has(s.id) || this.alerts.isActive('device-offline', s.id)) return;
    const since = this.clock.now();
    const limit = this.limits.deviceOfflineMinutes;
    this.offlineTimers.set(
      s.id,
      this.clock.setTimeout(() => {
        this.offlineTimers.delete(s.id);
        const detail = this.lastState.get(s.id)?.detail ?? s.detail;
        this.alerts.raise({
          kind: 'device-offline',
          subject: s.id,
          value: minutes(this.clock.now() - since),
          threshold: limit,
          message: `${s.id} offline for ${hm(this.clock.now() - since)}: ${detail} — check its cable and power; the station keeps retrying`,
          messageId: `${s.id} tidak terhubung selama ${hm(this.clock.now() - since)} — periksa kabel dan dayanya`,
        });
      }, limit * 60_000),
    );
  }

  stop(): void {
    this.printers.stop();
    this.gensetTimer?.cancel();
    for (const t of this.offlineTimers.values()) t.cancel();
    this.offlineTimers.clear();
  }
}

const round = (x: number, d: number) => Math.round(x * 10 ** d) / 10 ** d;
