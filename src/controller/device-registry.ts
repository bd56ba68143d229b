import type { Device, DeviceState } from './ports.js';
import type { Logger } from '../shared/log.js';
import type { EventBus } from './event-bus.js';

const WORSE = { ok: 0, degraded: 1, offline: 2, fault: 3 } as const;

/**
 * Every device the station drives, with its status. A change of status is a
 * `device` event and a log line; a device that is not ok is a warning a
 * technician can act on (its detail says what to do).
 */
export class DeviceRegistry {
  private readonly devices: Device[] = [];
  private readonly listeners = new Set<(s: DeviceState) => void>();

  constructor(
    private readonly bus: EventBus,
    private readonly log: Logger,
  ) {}

  add(device: Device): void {
    this.devices.push(device);
    device.onStatus((state) => {
      const line = { device: state.id, status: state.status, detail: state.detail };
      if (state.status === 'ok') this.log.info(line, `${state.id} ok`);
      else this.log.warn(line, `${state.id} ${state.status}: ${state.detail}`);
      this.bus.publish('device', state);
      for (const l of this.listeners) l(state);
    });
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

  async stopAll(): Promise<void> {
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
