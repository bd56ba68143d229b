/**
 * The far end of a serial line: a simulated device that receives the bytes the
 * host writes and answers with its own bytes, speaking the device's real
 * protocol. The same object sits behind the in-process binding (`npm start`)
 * or behind a real port (a pseudo-terminal in tests), see sim-binding.ts and
 * serve-on-port.ts.
 */
import { TypedEmitter } from '../../../shared/emitter.js';

/** How the simulated cable behaves right now. */
export interface LineCondition {
  /** false: the device is unplugged (in-process: the port disappears; on a pty: it falls silent). */
  plugged: boolean;
  /** false: the device stopped reading (writes pile up and hang). */
  reading: boolean;
}

interface SimulatorEvents {
  /** Bytes the device sends towards the host. */
  toHost: (bytes: Buffer) => void;
  /** The plug or reading condition changed. */
  line: (condition: LineCondition) => void;
}

export abstract class SerialDeviceSimulator {
  private readonly events = new TypedEmitter<SimulatorEvents>();
  private wire: LineCondition = { plugged: true, reading: true };

  /** Bytes written by the host arrive here (only while plugged and reading). */
  fromHost(bytes: Buffer): void {
    if (!this.wire.plugged || !this.wire.reading) return;
    this.onHostBytes(bytes);
  }

  line(): LineCondition {
    return { ...this.wire };
  }

  onToHost(listener: (bytes: Buffer) => void): () => void {
    return this.events.on('toHost', listener);
  }

  onLine(listener: (condition: LineCondition) => void): () => void {
    return this.events.on('line', listener);
  }

  /** The device's reaction to bytes from the host. */
  protected abstract onHostBytes(bytes: Buffer): void;

  protected toHost(bytes: Buffer): void {
    if (!this.wire.plugged || bytes.length === 0) return;
    this.events.emit('toHost', Buffer.from(bytes));
  }

  protected setLine(condition: Partial<LineCondition>): void {
    const next = { ...this.wire, ...condition };
    if (next.plugged === this.wire.plugged && next.reading === this.wire.reading) return;
    this.wire = next;
    this.events.emit('line', { ...next });
  }
}

/** Bytes that look like line noise (a wrong baud rate or a bad cable): never a valid frame start. */
export function lineNoise(length: number, seed = Date.now()): Buffer {
  const out = Buffer.alloc(length);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    out[i] = 0x80 | (x & 0x7f); // high bit set: not ASCII text, not a PN532 preamble
  }
  return out;
}
