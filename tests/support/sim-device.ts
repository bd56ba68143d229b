/**
 * `ktp-station sim-device` as a separate process on one end of a pty pair,
 * the way a technician or a program nobody here wrote would meet it: stdin
 * for commands, stdout for what it says.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { MAIN, waitExit } from './child-station.js';
import { waitFor } from './wait.js';

export interface SimDeviceProcess {
  proc: ChildProcess;
  output(): string;
  /** Types a line on its stdin. */
  say(line: string): void;
  stop(): Promise<void>;
}

export async function startSimDevice(kind: string, port: string, extra: string[] = []): Promise<SimDeviceProcess> {
  const proc = spawn(process.execPath, [MAIN, 'sim-device', kind, '--port', port, ...extra], { stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  proc.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  proc.stderr!.on('data', (c: Buffer) => (out += c.toString()));
  await waitFor(() => out.includes(`ready ${port}`) || proc.exitCode !== null, `sim-device ${kind} ready`, 15_000);
  if (proc.exitCode !== null) throw new Error(`sim-device ${kind} exited ${proc.exitCode}:\n${out}`);
  return {
    proc,
    output: () => out,
    say: (line) => proc.stdin!.write(`${line}\n`),
    async stop() {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGTERM');
      await waitExit(proc);
    },
  };
}

export interface Ran {
  code: number | null;
  out: string;
}

/** Runs a program to its end (or until `until` returns true, then lets it finish), collecting stdout and stderr. */
export function runProgram(
  cmd: string,
  args: string[],
  env: Record<string, string>,
  opts: { onOutput?: (out: string) => void; safetyMs?: number } = {},
): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const proc = spawn(cmd, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const take = (c: Buffer) => {
      out += c.toString();
      opts.onOutput?.(out);
    };
    proc.stdout.on('data', take);
    proc.stderr.on('data', take);
    const timer = setTimeout(() => {
      proc.kill('SIGKILL');
      reject(new Error(`${cmd} did not finish within ${opts.safetyMs ?? 60_000} ms:\n${out}`));
    }, opts.safetyMs ?? 60_000);
    proc.on('error', (err) => {
      clearTimeout(timer);
      reject(new Error(`${cmd} could not run (${err.message}): scripts/install-system-deps.sh installs it`));
    });
    proc.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, out });
    });
  });
}
