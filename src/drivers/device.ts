import { TypedEmitter } from '../shared/emitter.js';
import type { Clock } from '../shared/clock.js';
import { isoLocal } from '../shared/time.js';

/** What a technician sees for every device in `/api/v1/devices`. */
export type DeviceStatus = 'ok' | 'degraded' | 'fault' | 'offline';

export type DeviceKind =
  'printer' | 'card-reader' | 'scanner' | 'display' | 'button' | 'mains-sense' | 'genset-sense' | 'power-monitor' | 'bridge';

export interface DeviceState {
  id: string;
  kind: DeviceKind;
  status: DeviceStatus;
  /** One line a technician can act on ("paper end: load a new roll"). */
  detail: string;
  /** Last time the device answered, ISO 8601 with offset; null if never. */
  lastSeen: string | null;
}

export interface DeviceEvents {
  status: (state: DeviceState) => void;
}

/**
 * Every driver is a Device: it starts without throwing (a missing device is
 * `offline` and retried), reports its status, and stops cleanly.
 */
export interface Device {
  readonly id: string;
  readonly kind: DeviceKind;
  state(): DeviceState;
  start(): Promise<void>;
  stop(): Promise<void>;
  onStatus(listener: (state: DeviceState) => void): () => void;
}

/**
 * Keeps a device's status, and emits `status` only when status or detail
 * change. Drivers call `seen()` whenever the device answers.
 */
export class DeviceStatusKeeper {
  private readonly events = new TypedEmitter<DeviceEvents>();
  private current: DeviceState;
  private lastSeenMs: number | null = null;

  constructor(
    id: string,
    kind: DeviceKind,
    private readonly clock: Clock,
    private readonly timeZone = 'Asia/Jakarta',
  ) {
    this.current = { id, kind, status: 'offline', detail: 'not started', lastSeen: null };
  }

  get(): DeviceState {
    return { ...this.current, lastSeen: this.lastSeenMs === null ? null : isoLocal(this.lastSeenMs, this.timeZone) };
  }

  seen(): void {
    this.lastSeenMs = this.clock.now();
  }

  set(status: DeviceStatus, detail: string): void {
    if (status !== 'offline') this.seen();
    if (status === this.current.status && detail === this.current.detail) return;
    this.current = { ...this.current, status, detail };
    this.events.emit('status', this.get());
  }

  onStatus(listener: (state: DeviceState) => void): () => void {
    return this.events.on('status', listener);
  }
}
