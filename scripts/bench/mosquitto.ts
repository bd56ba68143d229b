/**
 * Debian's mosquitto, started by a test or a benchmark on a free port with a config of its
 * own in a temp folder (persistence on, so a graceful restart keeps sessions
 * and queued messages as a real regency broker would).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { join } from 'node:path';

export const MOSQUITTO = process.env.MOSQUITTO_PATH ?? '/usr/sbin/mosquitto';

export interface MosquittoOptions {
  dir: string;
  /** More config lines (listeners with TLS, password_file, acl_file …). The plain listener is added unless `noPlainListener`. */
  extra?: string;
  noPlainListener?: boolean;
  port?: number;
}

export interface Mosquitto {
  port: number;
  url: string;
  /** Graceful stop (SIGTERM): mosquitto saves its persistence file. */
  stop(): Promise<void>;
  /** Stop, then start again on the same port with the same config. */
  restart(): Promise<void>;
  start(): Promise<void>;
  output(): string;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

export async function startMosquitto(opts: MosquittoOptions): Promise<Mosquitto> {
  if (!existsSync(MOSQUITTO)) throw new Error(`${MOSQUITTO} not found: run scripts/install-system-deps.sh (Debian package mosquitto)`);
  mkdirSync(opts.dir, { recursive: true });
  const port = opts.port ?? (await freePort());
  const conf = join(opts.dir, 'mosquitto.conf');
  const lines = [
    'user root',
    'persistence true',
    `persistence_location ${opts.dir}/`,
    'autosave_interval 1',
    'log_dest stderr',
    'log_type error',
    'log_type warning',
    'log_type notice',
    'log_type information',
    'max_queued_messages 100000',
  ];
  if (!opts.noPlainListener) lines.push(`listener ${port} 127.0.0.1`, 'allow_anonymous true');
  if (opts.extra) lines.push(opts.extra);
  writeFileSync(conf, lines.join('\n') + '\n');
  let proc: ChildProcess | null = null;
  let out = '';

  const start = async () => {
    proc = spawn(MOSQUITTO, ['-c', conf], { stdio: ['ignore', 'pipe', 'pipe'] });
    proc.stdout!.on('data', (c: Buffer) => (out += c.toString()));
    proc.stderr!.on('data', (c: Buffer) => (out += c.toString()));
    const started = Date.now();
    for (;;) {
      if (proc.exitCode !== null) throw new Error(`mosquitto exited (${proc.exitCode}):\n${out}`);
      if (await canConnect(port)) return;
      if (Date.now() - started > 15_000) throw new Error(`mosquitto did not listen on ${port} within 15 s:\n${out}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  };
  const stop = async () => {
    const p = proc;
    proc = null;
    if (!p || p.exitCode !== null || p.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      p.once('exit', () => resolve());
      p.kill('SIGTERM');
    });
  };
  await start();
  return {
    port,
    url: `mqtt://127.0.0.1:${port}`,
    stop,
    start,
    async restart() {
      await stop();
      await start();
    },
    output: () => out,
  };
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect({ host: '127.0.0.1', port });
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}
