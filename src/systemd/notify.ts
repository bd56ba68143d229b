/**
 * systemd's notification protocol for `Type=notify` with a watchdog:
 * READY=1 once the API listens, STATUS= a line for `systemctl status`,
 * WATCHDOG=1 from the event loop every half WatchdogSec (a hung loop stops
 * the pings and systemd restarts the station), STOPPING=1 on SIGTERM.
 *
 * Transport: Node's core has no unix datagram sockets. The station's own
 * addon (src/native/notify.c) sends the datagram from this process, so the
 * unit could keep NotifyAccess=main; where the addon did not build, the
 * `systemd-notify` command does it as a child process, which systemd accepts
 * only with NotifyAccess=all (the unit sets it so either path works).
 */
import { spawn } from 'node:child_process';
import type { Logger } from '../shared/log.js';
import { loadNative, type NativeLoad } from '../native/load.js';

export interface NotifyTransport {
  readonly name: 'addon' | 'systemd-notify';
  send(message: string): Promise<void>;
}

/** The transport for $NOTIFY_SOCKET, or null when systemd did not ask for notifications. */
export function notifyTransport(env: NodeJS.ProcessEnv = process.env, native: NativeLoad = loadNative()): NotifyTransport | null {
  const socket = env.NOTIFY_SOCKET;
  if (!socket) return null;
  const addon = native.addon;
  if (addon) {
    return {
      name: 'addon',
      send: async (message) => {
        addon.notify(socket, message);
      },
    };
  }
  return {
    name: 'systemd-notify',
    send: (message) =>
      new Promise<void>((resolve, reject) => {
        const child = spawn('systemd-notify', message.split('\n'), { stdio: ['ignore', 'ignore', 'pipe'], env });
        let err = '';
        child.stderr.on('data', (d: Buffer) => (err += d.toString()));
        child.on('error', reject);
        child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`systemd-notify exit ${code}: ${err.trim()}`))));
      }),
  };
}

/** Half of WatchdogSec in ms, when the watchdog is on and meant for this process; else null. */
export function watchdogIntervalMs(env: NodeJS.ProcessEnv = process.env, pid = process.pid): number | null {
  const usec = Number(env.WATCHDOG_USEC);
  if (!Number.isFinite(usec) || usec <= 0) return null;
  if (env.WATCHDOG_PID && Number(env.WATCHDOG_PID) !== pid) return null;
  return Math.max(1, Math.floor(usec / 2000));
}

export class SystemdNotifier {
  private lastStatus = '';
  private watchdog: NodeJS.Timeout | null = null;
  private warned = false;
  private pinging = false;
  private chain: Promise<void> = Promise.resolve();

  constructor(
    private readonly transport: NotifyTransport,
    private readonly log: Logger,
  ) {}

  get transportName(): string {
    return this.transport.name;
  }

  /** READY=1 with the first status line. */
  ready(status: string): Promise<void> {
    this.lastStatus = status;
    return this.send(`READY=1\nSTATUS=${status}`);
  }

  /** STATUS=, sent only when it changed. */
  status(line: string): Promise<void> {
    if (line === this.lastStatus) return this.chain;
    this.lastStatus = line;
    return this.send(`STATUS=${line}`);
  }

  /** WATCHDOG=1 every intervalMs from the event loop, until stopped. */
  startWatchdog(intervalMs: number): void {
    this.stopWatchdog();
    const ping = () => {
      // A ping still on its way (a slow systemd-notify child) is not queued behind: the next tick sends afresh.
      if (this.pinging) return;
      this.pinging = true;
      void this.send('WATCHDOG=1').finally(() => (this.pinging = false));
    };
    this.watchdog = setInterval(ping, intervalMs);
    this.watchdog.unref();
    ping();
  }

  stopWatchdog(): void {
    if (this.watchdog) clearInterval(this.watchdog);
    this.watchdog = null;
  }

  stopping(status: string): Promise<void> {
    this.stopWatchdog();
    this.lastStatus = status;
    return this.send(`STOPPING=1\nSTATUS=${status}`);
  }

  /** Messages go out in order; a failure is logged once and never stops the station. */
  private send(message: string): Promise<void> {
    this.chain = this.chain.then(() =>
      this.transport.send(message).catch((e: Error) => {
        if (this.warned) return;
        this.warned = true;
        this.log.warn(
          { err: e.message, transport: this.transport.name },
          `systemd notification failed (${e.message}); later failures are not logged`,
        );
      }),
    );
    return this.chain;
  }
}
