/**
 * Builds firmware-bridge and runs its simavr harness: the companion board's
 * real firmware behind a pseudo-terminal, reached through a fixed symlink so
 * the station config keeps one path across harness restarts.
 */
import { execFileSync, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const FIRMWARE_DIR = resolve(import.meta.dirname, '../../../firmware-bridge');
const BUILD = join(FIRMWARE_DIR, 'build');

/** make, serialised across test processes that build at the same time. */
export function buildFirmware(target = 'all'): string {
  return execFileSync('flock', ['/tmp/ktp-firmware-bridge-make.lock', 'make', '-s', '-C', FIRMWARE_DIR, target], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** A scratch directory for pty links; removed by the returned function. */
export function scratchDir(): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'ktp-bridge-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export class Harness {
  private lines: string[] = [];
  private waiters: Array<{ pred: (l: string) => boolean; resolve: (l: string) => void }> = [];
  private exited: Promise<void>;
  readonly ptyPath: Promise<string>;

  private constructor(private readonly proc: ChildProcessWithoutNullStreams) {
    let buf = '';
    proc.stdout.setEncoding('utf8');
    proc.stdout.on('data', (chunk: string) => {
      buf += chunk;
      let nl;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        this.lines.push(line);
        for (const w of this.waiters.filter((w) => w.pred(line))) {
          this.waiters.splice(this.waiters.indexOf(w), 1);
          w.resolve(line);
        }
      }
    });
    this.exited = new Promise((r) => proc.once('exit', () => r()));
    this.ptyPath = this.line((l) => l.startsWith('/dev/'), 'pty path');
  }

  /** Starts the harness with the simulator ELF; `link` becomes a symlink to its pty. */
  static async start(link: string): Promise<Harness> {
    const proc = spawn(join(BUILD, 'bridge-harness'), [join(BUILD, 'bridge-sim.elf'), '--link', link], { stdio: ['pipe', 'pipe', 'pipe'] });
    const h = new Harness(proc);
    await h.ptyPath;
    return h;
  }

  /** Resolves on the next stdout line matching pred (or one already seen since `from`). */
  line(pred: (l: string) => boolean, what: string, ms = 10_000, from = this.lines.length): Promise<string> {
    const seen = this.lines.slice(from).find(pred);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`harness: no "${what}" line; got ${JSON.stringify(this.lines.slice(-5))}`)), ms);
      this.waiters.push({
        pred,
        resolve: (l) => {
          clearTimeout(timer);
          resolve(l);
        },
      });
    });
  }

  mark(): number {
    return this.lines.length;
  }

  /** Sets an analog input (A0-A7) in millivolts; resolves when the harness applied it. */
  async adc(channel: number, millivolts: number): Promise<void> {
    const from = this.mark();
    this.proc.stdin.write(`adc ${channel} ${millivolts}\n`);
    await this.line((l) => l === `ok adc ${channel} ${millivolts}`, 'adc ack', 10_000, from);
  }

  async pin(pin: number, level: 0 | 1): Promise<void> {
    const from = this.mark();
    this.proc.stdin.write(`pin ${pin} ${level}\n`);
    await this.line((l) => l === `ok pin ${pin} ${level}`, 'pin ack', 10_000, from);
  }

  /** Kills the board process (the USB cable pulled, as the station sees it). */
  async kill(): Promise<void> {
    if (this.proc.exitCode === null && this.proc.signalCode === null) this.proc.kill('SIGKILL');
    await this.exited;
  }
}
