import { TypedEmitter } from '../shared/emitter.js';
import type { Clock } from '../shared/clock.js';
import type { DeviceErrorCode } from '../shared/errors.js';
import { isoLocal } from '../shared/time.js';
import type { DeviceKind, DeviceState, DeviceStatus } from '../controller/ports.js';

interface DeviceEvents {
  status: (state: DeviceState) => void;
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

  set(status: DeviceStatus, detail: string, code?: DeviceErrorCode): void {
    if (status !== 'offline') this.seen();
    if (status === this.current.status && detail === this.current.detail && code === this.current.code) return;
    const { code: _old, ...rest } = this.current;
    this.current = { ...rest, status, detail, ...(code ? { code } : {}) };
    this.events.emit('status', this.get());
  }

  onStatus(listener: (state: DeviceState) => void): () => void {
    return this.events.on('status', listener);
  }
}
