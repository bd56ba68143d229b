import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The bundled station, as npm start and the systemd unit run it. */
export const MAIN = fileURLToPath(new URL('../../dist/ktp-station.mjs', import.meta.url));

export interface ChildStation {
  proc: ChildProcess;
  url: string;
  output: () => string;
}

/** Starts the compiled station (or another bundle, `main`) as a separate process and resolves with its URL once the API is up. */
export function startChildStation(
  args: string[],
  env: Record<string, string> = {},
  timeoutMs = 20_000,
  main = MAIN,
): Promise<ChildStation> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [main, '--port', '0', ...args], {
      env: { ...process.env, LOG_LEVEL: 'info', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const timer = setTimeout(() => {
      proc.kill('SIGKILL');
      reject(new Error(`station did not start within ${timeoutMs / 1000} s:\n${out}`));
    }, timeoutMs);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const m = /"url":"(http:\/\/[^"]+)"[^\n]*ready at/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ proc, url: m[1]!, output: () => out });
      }
    };
    proc.stdout!.on('data', onData);
    proc.stderr!.on('data', onData);
    proc.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`station exited (${code}) before it was ready:\n${out}`));
    });
  });
}

export function waitExit(proc: ChildProcess): Promise<void> {
  return new Promise((resolve) => (proc.exitCode !== null || proc.signalCode !== null ? resolve() : proc.once('exit', () => resolve())));
}
