import type { Device, DeviceState } from './ports.js';
import { stationSimulators, type SimulatorEntry, type StationSimulators } from './sim-ports.js';
import type { Logger } from '../shared/log.js';
import type { Clock } from '../shared/clock.js';
import type { EventBus } from './event-bus.js';

const WORSE = { ok: 0, degraded: 1, offline: 2, fault: 3 } as const;

/** Where the station is in its life: devices connecting, running, or being stopped. */
type Phase = 'starting' | 'running' | 'stopping';

/**
 * Every device the station drives, with its status, and the simulator on the
 * far side of each `driver: sim` device. A change of status is a `device`
 * event and a log line. A device that stops working is a warning a
 * technician can act on (its detail says what to do); a device connecting at
 * start-up or stopped at shutdown is not: those are info lines, and a device
 * still not ok once start-up is over gets one warning.
 */
export class DeviceRegistry {
  private readonly devices: Device[] = [];
  private readonly sims: SimulatorEntry[] = [];
  private readonly listeners = new Set<(s: DeviceState) => void>();
  private phase: Phase = 'starting';

  constructor(
    private readonly bus: EventBus,
    private readonly log: Logger,
  ) {}

  /** Adds a device, with the simulator on its far side when it runs against one. */
  add(device: Device, simulator?: SimulatorEntry): void {
    this.devices.push(device);
    if (simulator) this.sims.push(simulator);
    device.onStatus((state) => {
      const line = { device: state.id, status: state.status, detail: state.detail };
      if (state.status === 'ok') this.log.info(line, `${state.id} ok`);
      else if (this.phase === 'running' || state.status === 'fault') this.log.warn(line, `${state.id} ${state.status}: ${state.detail}`);
      else this.log.info(line, `${state.id} ${state.status}: ${state.detail}`);
      this.bus.publish('device', state);
      for (const l of this.listeners) l(state);
    });
  }

  /** The simulators, grouped as the sim routes address them. */
  simulators(): StationSimulators {
    return stationSimulators(this.sims);
  }

  /** True when some device runs against a simulator (the sim console and routes are useful). */
  anySimulated(): boolean {
    return this.sims.length > 0;
  }

  list(): DeviceState[] {
    return this.devices.map((d) => d.state());
  }

  get(id: string): Device | undefined {
    return this.devices.find((d) => d.id === id);
  }

  onChange(listener: (s: DeviceState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Starts every device; a device that fails to start is logged and left to retry on its own. */
  async startAll(): Promise<void> {
    this.phase = 'starting';
    await Promise.all(
      this.devices.map(async (d) => {
        try {
          await d.start();
        } catch (err) {
          this.log.error({ err, device: d.id }, `${d.id} failed to start; it stays offline`);
        }
      }),
    );
  }

  /**
   * Start-up is over: from now on a device that is not ok is a warning. A
   * device still not ok now is warned about once (the composition root calls
   * this a moment after startAll, when ports have had time to open).
   */
  settle(): void {
    if (this.phase !== 'starting') return;
    this.phase = 'running';
    for (const s of this.list()) {
      if (s.status !== 'ok')
        this.log.warn({ device: s.id, status: s.status, detail: s.detail }, `${s.id} still ${s.status} after start-up: ${s.detail}`);
    }
  }

  /** Settles once every device is ok, or after `graceMs` at the latest. Returns a cancel. */
  settleAfter(clock: Clock, graceMs: number): () => void {
    const timer = clock.setTimeout(() => done(), graceMs);
    const off = this.onChange(() => {
      if (this.worst() === 'ok') done();
    });
    const done = () => {
      timer.cancel();
      off();
      this.settle();
    };
    if (this.worst() === 'ok') done();
    return () => {
      timer.cancel();
      off();
    };
  }

  async stopAll(): Promise<void> {
    this.phase = 'stopping';
    await Promise.all(
      this.devices.map(async (d) => {
        try {
          await d.stop();
        } catch (err) {
          this.log.warn({ err, device: d.id }, `${d.id} did not stop cleanly`);
        }
      }),
    );
  }

  /** The worst status across devices, for /health. */
  worst(): DeviceState['status'] {
    return this.list().reduce<DeviceState['status']>((w, s) => (WORSE[s.status] > WORSE[w] ? s.status : w), 'ok');
  }
}
