/** `ktp-station regency` as its own process (the bundled CLI), as a regency office runs it. */
import { spawn, type ChildProcess } from 'node:child_process';
import { MAIN, waitExit } from './child-station.js';

export interface RegencyView {
  url: string;
  proc: ChildProcess;
  get(path: string): Promise<any>;
  stop(): Promise<void>;
  output(): string;
}

export function startRegencyView(args: string[]): Promise<RegencyView> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [MAIN, 'regency', '--port', '0', ...args], {
      env: { ...process.env, LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const timer = setTimeout(() => {
      proc.kill('SIGKILL');
      reject(new Error(`regency view did not start within 60 s:\n${out}`));
    }, 60_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const m = /regency view ready at (http:\/\/[^"\s]+)\/regency/.exec(out);
      if (m) {
        clearTimeout(timer);
        const url = m[1]!;
        resolve({
          url,
          proc,
          output: () => out,
          get: async (path) => (await fetch(`${url}${path}`)).json(),
          async stop() {
            if (proc.exitCode !== null || proc.signalCode !== null) return;
            proc.kill('SIGTERM');
            await waitExit(proc);
          },
        });
      }
    };
    proc.stdout!.on('data', onData);
    proc.stderr!.on('data', onData);
    proc.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`regency view exited (${code}) before it was ready:\n${out}`));
    });
  });
}
