/**
 * A pseudo-terminal pair from socat, linked under a private temp directory so
 * test files can run side by side. kill() is the cable pulled out; start()
 * again with the same links is the cable put back.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { waitFor } from './wait.js';

export class PtyPair {
  readonly dir = mkdtempSync(join(tmpdir(), 'ktp-pty-'));
  readonly host = join(this.dir, 'host'); // the end the driver opens
  readonly device = join(this.dir, 'device'); // the end the simulator serves
  private proc: ChildProcess | null = null;

  async start(): Promise<void> {
    const proc = spawn('socat', ['-d', '-d', `pty,raw,echo=0,link=${this.host}`, `pty,raw,echo=0,link=${this.device}`], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    proc.stderr!.resume();
    this.proc = proc;
    let exited = false;
    proc.once('exit', () => (exited = true));
    await waitFor(() => exited || (existsSync(this.host) && existsSync(this.device)), 'socat pty links');
    if (exited) throw new Error('socat exited: is it installed?');
  }

  /** Pulls the cable: socat ends, the pty closes and its links disappear. */
  async kill(): Promise<void> {
    const proc = this.proc;
    this.proc = null;
    if (!proc || proc.exitCode !== null) return;
    const gone = new Promise((r) => proc.once('exit', r));
    proc.kill('SIGTERM');
    await gone;
    await waitFor(() => !existsSync(this.host) && !existsSync(this.device), 'pty links removed');
  }

  async dispose(): Promise<void> {
    await this.kill();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
