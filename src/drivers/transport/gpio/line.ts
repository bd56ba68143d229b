/**
 * The GPIO transport: one input line (a ticket button, a sense input) that
 * can be read and watched for level changes. Backends: the kernel's GPIO
 * uAPI v2 through the station's addon (edge events, kernel debounce),
 * node-libgpiod (libgpiod 1.x, polled), onoff (sysfs edge interrupts) and a
 * simulated chip. Levels are
 * the raw electrical levels (0 = low); active-low meaning belongs to drivers.
 */
import { DeviceError } from '../../../shared/errors.js';

export type Level = 0 | 1;
export type GpioBackendName = 'cdev' | 'libgpiod' | 'onoff' | 'sim';
export type GpioBackendChoice = 'auto' | 'cdev' | 'libgpiod' | 'onoff';
export type Bias = 'pull-up' | 'pull-down' | 'as-is';

export interface InputLineRequest {
  /** Chip name as the character device names it: "gpiochip0". */
  chip: string;
  /** Line offset on that chip (not a sysfs or BCM number). */
  line: number;
  bias?: Bias;
  /** Who holds the line, as `gpioinfo` shows it. */
  consumer?: string;
  /** Debounce the backend may leave to the kernel (the cdev backend does); others ignore it. */
  debounceMs?: number;
}

export interface InputLine {
  readonly chip: string;
  readonly line: number;
  readonly backend: GpioBackendName;
  /** Something a technician should know about this line (e.g. a bias sysfs cannot set), or ''. */
  readonly note: string;
  /** Edges arrive already debounced by the kernel for this long (ms); absent or 0: debounce them yourself. */
  readonly debouncedMs?: number;
  /** The level now. */
  read(): Level;
  /** Called with the new level on every change the backend sees. */
  onEdge(listener: (level: Level) => void): () => void;
  /** Called once if the line stops working (chip gone, read fails); the holder closes and reopens it. */
  onFault(listener: (err: DeviceError) => void): () => void;
  close(): Promise<void>;
}

const REASONS: Record<string, string> = {
  EBUSY: 'busy — another program holds it',
  ENOENT: 'no such chip — list chips with gpiodetect',
  ENODEV: 'no such chip — list chips with gpiodetect',
  EINVAL: 'no such line on that chip — list lines with gpioinfo',
  EACCES: "permission denied — add the station's user to the gpio group",
  EPERM: "permission denied — add the station's user to the gpio group",
};

/** "cannot request gpiochip0 line 17: busy — another program holds it" */
export function gpioRequestError(chip: string, line: number, e: unknown): DeviceError {
  if (e instanceof DeviceError) return e;
  const err = e as { code?: string; message?: string };
  const reason = REASONS[err?.code ?? ''] ?? err?.message ?? String(e);
  return new DeviceError('GPIO_REQUEST', `cannot request ${chip} line ${line}: ${reason}`, { chip, line, errno: err?.code });
}

/** A small listener set shared by the backends. */
export class Listeners<T> {
  private readonly listeners = new Set<(value: T) => void>();

  add(listener: (value: T) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(value: T): void {
    for (const l of [...this.listeners]) l(value);
  }

  clear(): void {
    this.listeners.clear();
  }
}

export class EdgeListeners extends Listeners<Level> {}

/**
 * What every backend's open line keeps: who listens for its edges and its
 * fault, the last level passed on, and a close() that frees it once.
 */
export class LineHandle {
  readonly edges = new EdgeListeners();
  readonly faults = new Listeners<DeviceError>();
  closed = false;

  constructor(private last: Level | null = null) {}

  /** A level the backend saw: passed on only when it changed (a bounce seen as a repeated level is dropped). */
  saw(level: Level): void {
    if (level === this.last) return;
    this.last = level;
    this.edges.emit(level);
  }

  fault(err: DeviceError): void {
    this.faults.emit(err);
  }

  /** The InputLine a backend hands out; `release` frees the backend's own resources, once, at close(). */
  line(parts: Pick<InputLine, 'chip' | 'line' | 'backend' | 'note' | 'read' | 'debouncedMs'>, release: () => void): InputLine {
    return {
      ...parts,
      onEdge: (l) => this.edges.add(l),
      onFault: (l) => this.faults.add(l),
      close: async () => {
        if (this.closed) return;
        this.closed = true;
        this.edges.clear();
        this.faults.clear();
        release();
      },
    };
  }
}

/** The line stopped answering after it was requested. */
export function gpioLineFault(chip: string, line: number, e: unknown): DeviceError {
  const err = e as { code?: string; message?: string };
  return new DeviceError(
    'GPIO_LINE_LOST',
    `${chip} line ${line} stopped answering (${err?.code ?? err?.message ?? String(e)}) — reopening`,
    { chip, line },
  );
}
