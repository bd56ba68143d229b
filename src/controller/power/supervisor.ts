/**
 * Power supervision: which source powers the office (debounced), outages and
 * genset runs as durable timestamped events, per-minute samples, the `power`
 * and `notice` events for the screens, pausing recording counters while
 * their sets have no power, and the technician alerts.
 */
import type { Clock, TimerHandle } from '../../shared/clock.js';
import type { Logger } from '../../shared/log.js';
import { isoLocal } from '../../shared/time.js';
import type { ResolvedConfig } from '../../config/load.js';
import type { EventBus } from '../event-bus.js';
import type { PowerSource, PowerView } from '../events.js';
import type { DeviceRegistry } from '../device-registry.js';
import type { QueueService } from '../queue/queue-service.js';
import type { Db } from '../store/database.js';
import type { BridgeReadings, CompanionBridge, SenseLine, SupplyMonitor, SupplyReading } from '../ports.js';
import { powerBudget, type PowerBudget } from './budget.js';
import { Debounced, rawSource } from './source.js';
import { PowerStore } from './power-store.js';
import { guardStorage } from '../store/storage-health.js';
import { AlertCenter } from './alerts.js';
import { AlertRules } from './alert-rules.js';
import { RecordingPause } from './recording-pause.js';
import { outageNotice, restoredNotice } from './notices.js';

export interface PowerPorts {
  mains?: SenseLine | null;
  genset?: SenseLine | null;
  supply?: SupplyMonitor | null;
  bridge?: CompanionBridge | null;
}

export interface PowerSupervisorDeps {
  db: Db;
  config: ResolvedConfig;
  clock: Clock;
  bus: EventBus;
  log: Logger;
  queue: QueueService;
  devices: DeviceRegistry;
  ports: PowerPorts;
}

export const SAMPLE_MS = 60_000;
/** Per-minute samples older than this become hourly means. */
export const KEEP_MINUTES_MS = 30 * 24 * 3_600_000;

const isKnownSource = (s: PowerSource) => s !== 'unknown';

export class PowerSupervisor {
  readonly store: PowerStore;
  readonly alerts: AlertCenter;
  readonly budget: PowerBudget;
  private readonly rules: AlertRules;
  private readonly pause: RecordingPause;
  private readonly source: Debounced<PowerSource>;
  private readonly gensetLine: Debounced<boolean | null>;
  private readonly tz: string;
  private outageSince: number | null = null;
  private gensetPowerSeen = false;
  private gensetSince: number | null = null;
  private recordingPowered: boolean | null = null;
  private supply: SupplyReading | null = null;
  private bridge: BridgeReadings = {};
  private readonly undo: Array<() => void> = [];
  private sampler: TimerHandle | null = null;
  private lastDownsample = 0;

  constructor(private readonly d: PowerSupervisorDeps) {
    const { db, config, clock, bus, log } = d;
    this.tz = config.station.timezone;
    this.store = new PowerStore(db);
    this.alerts = new AlertCenter(db, clock, bus, log, this.tz);
    this.rules = new AlertRules(this.alerts, config.alerts, clock);
    this.pause = new RecordingPause(d.queue, config, log, config.power.pauseRecordingOnOutage);
    this.budget = powerBudget(config.power);
    const hold = config.power.debounceSeconds * 1000;
    this.restore();
    this.source = new Debounced<PowerSource>('unknown', hold, clock, isKnownSource, (next, prev, since) =>
      guardStorage(db, 'a power source change', () => this.onSource(next, prev, since)),
    );
    this.gensetLine = new Debounced<boolean | null>(
      this.gensetSince !== null ? true : null,
      hold,
      clock,
      (v) => v !== null,
      (next, _prev, since) => guardStorage(db, 'a genset change', () => this.onGenset(next, since)),
    );
  }

  start(): void {
    const { ports, devices, bus, log } = this.d;
    if (this.budget.warning) log.warn({ budget: this.budget }, `power budget: ${this.budget.warning}`);
    else
      log.info(
        { requiredW: this.budget.requiredW, availableW: this.budget.availableW },
        `power budget: ${this.budget.recordingSets} recording set(s) need ${this.budget.requiredW} W, genset gives ${this.budget.availableW} W`,
      );
    if (this.gensetSince !== null) this.rules.genset(true, this.gensetSince);
    if (ports.mains) this.undo.push(ports.mains.onChange(() => this.feed()));
    if (ports.genset) this.undo.push(ports.genset.onChange(() => this.feed()));
    if (ports.supply)
      this.undo.push(
        ports.supply.onReading((r) => {
          this.supply = r;
          this.rules.supply(r);
        }),
      );
    if (ports.bridge) this.undo.push(ports.bridge.onReadings((r) => this.onBridge(r)));
    for (const s of devices.list()) this.rules.device(s);
    this.undo.push(devices.onChange((s) => this.rules.device(s)));
    this.undo.push(
      bus.subscribe((e) => {
        if (e.name === 'queue') guardStorage(this.d.db, 'pausing counters for the outage', () => this.pause.check());
      }),
    );
    this.feed();
    this.sampler = this.d.clock.setInterval(() => guardStorage(this.d.db, 'a power sample', () => this.sample()), SAMPLE_MS);
  }

  stop(): void {
    this.sampler?.cancel();
    this.source.stop();
    this.gensetLine.stop();
    this.rules.stop();
    for (const u of this.undo.splice(0)) u();
  }

  view(): PowerView & { budget: PowerBudget } {
    const s = this.supply;
    return {
      source: this.source.value,
      mains: this.d.ports.mains?.present() ?? null,
      genset: this.d.ports.genset?.present() ?? null,
      outage: this.outageSince !== null,
      outageSince: this.iso(this.outageSince),
      gensetRunningSince: this.iso(this.gensetSince),
      recordingPowered: this.recordingPowered ?? true,
      supply: { busVoltage: s?.busVoltage ?? null, currentA: s?.currentA ?? null, powerW: s?.powerW ?? null },
      gensetBatteryV: num(this.bridge.gensetBatteryV),
      fuelPercent: num(this.bridge.fuelPercent),
      acPresent: typeof this.bridge.acPresent === 'boolean' ? this.bridge.acPresent : null,
      budget: this.budget,
      counters: this.pause.status(),
      at: isoLocal(this.d.clock.now(), this.tz),
    };
  }

  /** Minutes on each source within a local day window [from, to). */
  minutesBySource(from: number, to: number): Record<PowerSource, number> {
    const ms = this.store.msBySource(from, to, this.d.clock.now());
    return { mains: mins(ms.mains), genset: mins(ms.genset), battery: mins(ms.battery), unknown: mins(ms.unknown) };
  }

  now(): number {
    return this.d.clock.now();
  }

  iso(ms: number | null): string | null {
    return ms === null ? null : isoLocal(ms, this.tz);
  }

  // ---- internals --------------------------------------------------------

  private restore(): void {
    this.store.closeStaleSegment();
    const outage = this.store.lastOf('outage-start', 'outage-end');
    if (outage?.kind === 'outage-start') {
      this.outageSince = outage.at;
      const g = this.store.lastOf('genset-power', 'outage-start');
      this.gensetPowerSeen = g?.kind === 'genset-power' && g.at >= outage.at;
    }
    const genset = this.store.lastOf('genset-start', 'genset-stop');
    if (genset?.kind === 'genset-start') this.gensetSince = genset.at;
  }

  private feed(): void {
    const { mains, genset } = this.d.ports;
    const inputs = {
      mains: mains?.present() ?? null,
      genset: genset?.present() ?? null,
      acPresent: typeof this.bridge.acPresent === 'boolean' ? this.bridge.acPresent : null,
    };
    if (genset) this.gensetLine.feed(inputs.genset);
    this.source.feed(rawSource(inputs));
  }

  private onBridge(r: BridgeReadings): void {
    const acChanged = r.acPresent !== this.bridge.acPresent;
    this.bridge = r;
    this.rules.bridge(r);
    if (acChanged) this.feed();
  }

  private onSource(next: PowerSource, prev: PowerSource, since: number): void {
    const store = this.store;
    const log = () => this.d.log;
    store.switchSegment(next, since);
    store.addEvent(since, 'source', next, { from: prev, to: next });
    log().info({ from: prev, to: next }, `power source: ${next}`);
    if ((next === 'genset' || next === 'battery') && this.outageSince === null) {
      this.outageSince = since;
      this.gensetPowerSeen = false;
      store.addEvent(since, 'outage-start', next, {});
      log().warn(
        { source: next },
        next === 'genset'
          ? 'mains outage: running on the genset'
          : 'mains outage: no genset power — recording counters pause, tickets are still issued',
      );
      this.d.bus.publish('notice', outageNotice(next, since, this.tz));
    } else if (this.outageSince !== null && (next === 'genset' || next === 'battery') && prev !== 'unknown') {
      this.d.bus.publish('notice', outageNotice(next, since, this.tz));
    }
    if (next === 'genset' && this.outageSince !== null && !this.gensetPowerSeen) {
      this.gensetPowerSeen = true;
      const delayS = Math.round((since - this.outageSince) / 1000);
      store.addEvent(since, 'genset-power', next, { delayS });
      log().info({ delayS }, `genset power ${delayS} s after the outage began`);
    }
    if (next === 'mains' && this.outageSince !== null) {
      const durationS = Math.round((since - this.outageSince) / 1000);
      const g = store.lastOf('genset-power', 'outage-start');
      const gensetDelayS = g?.kind === 'genset-power' ? (g.detail.delayS as number) : null;
      store.addEvent(since, 'outage-end', next, { durationS, gensetDelayS, startedAt: this.outageSince });
      log().info({ durationS, gensetDelayS }, `mains back after ${Math.round(durationS / 60)} min`);
      this.outageSince = null;
      this.d.bus.publish('notice', restoredNotice(since, this.tz));
    }
    if (next !== 'unknown') {
      this.recordingPowered = next === 'mains' || next === 'genset';
      this.pause.set(this.recordingPowered);
    }
    this.publish();
  }

  private onGenset(running: boolean | null, since: number): void {
    if (running === true && this.gensetSince === null) {
      this.gensetSince = since;
      this.store.addEvent(since, 'genset-start', this.source.value, {});
      this.log().info({}, 'genset started');
      this.rules.genset(true, since);
    } else if (running === false && this.gensetSince !== null) {
      const runS = Math.round((since - this.gensetSince) / 1000);
      this.store.addEvent(since, 'genset-stop', this.source.value, { runS, startedAt: this.gensetSince });
      this.log().info({ runS }, `genset stopped after ${Math.round(runS / 60)} min`);
      this.gensetSince = null;
      this.rules.genset(false, since);
    }
    this.publish();
  }

  private sample(): void {
    const now = this.d.clock.now();
    const s = this.supply;
    this.store.putSample({
      at: Math.floor(now / SAMPLE_MS) * SAMPLE_MS,
      resolution: 'minute',
      source: this.source.value,
      mains: this.d.ports.mains?.present() ?? null,
      genset: this.d.ports.genset?.present() ?? null,
      busVoltage: s?.busVoltage ?? null,
      currentA: s?.currentA ?? null,
      powerW: s?.powerW ?? null,
      gensetBatteryV: num(this.bridge.gensetBatteryV),
      fuelPercent: num(this.bridge.fuelPercent),
    });
    if (now - this.lastDownsample >= 3_600_000) {
      this.lastDownsample = now;
      this.store.downsample(now - KEEP_MINUTES_MS);
    }
    this.publish();
  }

  private publish(): void {
    this.d.bus.publish('power', this.view());
  }

  private log(): Logger {
    return this.d.log;
  }
}

const num = (x: unknown): number | null => (typeof x === 'number' && Number.isFinite(x) ? x : null);
const mins = (ms: number) => Math.round(ms / 6_000) / 10;
