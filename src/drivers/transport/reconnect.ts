/**
 * The one way back for every link that can go away: serial lines, I2C chips,
 * GPIO lines and the companion board. The engine opens the device, holds it
 * while it answers, and when opening fails or the device is lost it says why
 * and opens again after a bounded exponential backoff on the injected clock.
 *
 *   idle → opening → ready
 *             ↓        ↓ lost(why)
 *           failed: why, retrying in N ms → opening …
 *
 * The technician's log gets a warning at the first failure and whenever the
 * reason changes (not one per retry), and an info line when the device is back.
 */
import type { Clock, TimerHandle } from '../../shared/clock.js';
import { TypedEmitter } from '../../shared/emitter.js';
import { isStationError } from '../../shared/errors.js';
import type { Logger } from '../../shared/log.js';

export type LinkState =
  { name: 'idle' } | { name: 'opening' } | { name: 'ready' } | { name: 'failed'; why: string; code?: string; retryInMs: number };

/** "failed: no answer from 0x70 on /dev/i2c-1, retrying in 2000 ms" */
export function describeLinkState(s: LinkState): string {
  return s.name === 'failed' ? `failed: ${s.why}, retrying in ${s.retryInMs} ms` : s.name;
}

/** Delays 1x, 2x, 4x … the first one, capped. */
export class Backoff {
  private attempt = 0;
  constructor(
    private readonly initialMs: number,
    private readonly maxMs: number,
  ) {}
  next(): number {
    const ms = Math.min(this.maxMs, this.initialMs * 2 ** Math.min(this.attempt, 30));
    this.attempt++;
    return ms;
  }
  reset(): void {
    this.attempt = 0;
  }
}

export interface ReconnectorOptions<T> {
  clock: Clock;
  /** The device's own logger. */
  log: Logger;
  /** First delay after a failure; it doubles with each further failure up to maxDelayMs. */
  initialDelayMs: number;
  maxDelayMs: number;
  /**
   * Opens the device and resolves once it answers; rejects with an Error whose
   * message a technician can act on (a DeviceError's code is kept). Lets go of
   * whatever it opened before rejecting. `signal` aborts when stop() is called.
   */
  open: (signal: AbortSignal) => Promise<T>;
  /** Lets go of an opened device: when it is lost, at stop(), or when stop() came while it was opening. */
  release?: (device: T) => Promise<void> | void;
  /** Fields on every line this engine logs (the path, the address). */
  logFields?: Record<string, unknown>;
  /** Names the device in the recovery line: "display-1" → "display-1 answering again". */
  what: string;
  /** An info line for every time the device is ready (not only after a failure), e.g. "serial line open". */
  announce?: (device: T) => { msg: string; fields?: Record<string, unknown> };
}

export class Reconnector<T> {
  private readonly events = new TypedEmitter<{ state: (s: LinkState) => void }>();
  private readonly backoff: Backoff;
  private current: LinkState = { name: 'idle' };
  private held: T | null = null;
  private wanted = false;
  private attempt: Promise<void> | null = null;
  private abort: AbortController | null = null;
  private retry: TimerHandle | null = null;
  /** The reason last warned about since the device was last ready. */
  private lastWhy: string | null = null;
  private failures = 0;
  /** The device was dropped because it stopped answering: opening alone is no recovery. */
  private suspect = false;

  constructor(private readonly opts: ReconnectorOptions<T>) {
    this.backoff = new Backoff(opts.initialDelayMs, opts.maxDelayMs);
  }

  state(): LinkState {
    return this.current;
  }

  /** The opened device while ready, else null. */
  device(): T | null {
    return this.held;
  }

  isReady(): boolean {
    return this.current.name === 'ready';
  }

  onState(listener: (s: LinkState) => void): () => void {
    return this.events.on('state', listener);
  }

  /** Starts opening; resolves when the first attempt has ended (ready or failed). Never rejects. */
  start(): Promise<void> {
    if (this.wanted) return this.attempt ?? Promise.resolve();
    this.wanted = true;
    return this.open();
  }

  /** Cancels the retry, aborts an open in progress and releases the device. */
  async stop(): Promise<void> {
    this.wanted = false;
    this.retry?.cancel();
    this.retry = null;
    this.abort?.abort();
    await this.attempt;
    const device = this.held;
    this.held = null;
    if (device !== null) await this.opts.release?.(device);
    this.lastWhy = null;
    this.failures = 0;
    this.set({ name: 'idle' });
  }

  /**
   * The device stopped working while ready: release it and retry later. With
   * `device`, only if that is still the one held (a late event from an old
   * connection is ignored). `suspect`: it stopped answering, so the backoff
   * keeps growing across reopenings until healthy() says it answers again.
   */
  lost(err: unknown, opts: { device?: T; suspect?: boolean } = {}): void {
    if (opts.suspect) this.suspect = true;
    if (!this.wanted || this.current.name !== 'ready') return;
    if (opts.device !== undefined && opts.device !== this.held) return;
    const device = this.held!;
    this.held = null;
    void Promise.resolve(this.opts.release?.(device)).catch((e: unknown) =>
      this.opts.log.debug({ ...this.opts.logFields, err: String(e) }, 'release after loss failed'),
    );
    this.failed(err);
  }

  /** The device answered: the next loss starts the backoff from the beginning. */
  healthy(): void {
    this.suspect = false;
    this.backoff.reset();
  }

  private open(): Promise<void> {
    this.attempt = this.tryOpen().finally(() => (this.attempt = null));
    return this.attempt;
  }

  private async tryOpen(): Promise<void> {
    this.retry = null;
    if (!this.wanted) return;
    const abort = new AbortController();
    this.abort = abort;
    this.set({ name: 'opening' });
    let device: T;
    try {
      device = await this.opts.open(abort.signal);
    } catch (err) {
      this.abort = null;
      if (this.wanted) this.failed(err);
      return;
    }
    this.abort = null;
    if (!this.wanted) {
      await this.opts.release?.(device);
      return;
    }
    this.held = device;
    if (!this.suspect) this.backoff.reset();
    const { log, logFields, announce, what } = this.opts;
    if (announce) {
      const a = announce(device);
      log.info({ ...logFields, ...a.fields }, a.msg);
    } else if (this.failures > 0) {
      log.info({ ...logFields, failures: this.failures }, `${what} answering again`);
    }
    this.lastWhy = null;
    this.failures = 0;
    this.set({ name: 'ready' });
  }

  private failed(err: unknown): void {
    const why = err instanceof Error ? err.message : String(err);
    const code = isStationError(err) ? err.code : undefined;
    const retryInMs = this.backoff.next();
    const fields = { ...this.opts.logFields, ...(code ? { code } : {}), retryMs: retryInMs };
    if (why !== this.lastWhy) this.opts.log.warn(fields, why);
    else this.opts.log.debug(fields, why);
    this.lastWhy = why;
    this.failures++;
    this.retry?.cancel();
    this.retry = this.opts.clock.setTimeout(() => void this.open(), retryInMs);
    this.set({ name: 'failed', why, ...(code ? { code } : {}), retryInMs });
  }

  private set(s: LinkState): void {
    this.current = s;
    this.events.emit('state', s);
  }
}
