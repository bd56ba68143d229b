/**
 * The station under systemd: READY=1 once the API listens, a STATUS= line that
 * follows device and power changes, the watchdog, STOPPING=1 on the way out.
 * Does nothing (returns null) when systemd did not start the station with
 * Type=notify ($NOTIFY_SOCKET unset), e.g. under `npm start`.
 */
import type { Logger } from '../shared/log.js';
import type { EventBus } from '../controller/event-bus.js';
import type { DeviceRegistry } from '../controller/device-registry.js';
import type { PowerSource } from '../controller/events.js';
import { notifyTransport, SystemdNotifier, watchdogIntervalMs, type NotifyTransport } from './notify.js';
import { statusLine } from './status-line.js';

export interface SystemdView {
  bus: EventBus;
  devices: Pick<DeviceRegistry, 'list'>;
  power: { view(): { source: PowerSource } };
}

export interface SystemdService {
  readonly transport: string;
  /** STOPPING=1; the watchdog stops. */
  stopping(): Promise<void>;
}

/** A burst of device changes (a start-up, an unplugged hub) becomes one STATUS= a moment later. */
const STATUS_SETTLE_MS = 250;

export async function attachSystemd(
  station: SystemdView,
  log: Logger,
  opts: { env?: NodeJS.ProcessEnv; transport?: NotifyTransport | null; notes?: () => string[] } = {},
): Promise<SystemdService | null> {
  const env = opts.env ?? process.env;
  const transport = opts.transport !== undefined ? opts.transport : notifyTransport(env);
  if (!transport) return null;
  const sdlog = log.child({ ns: 'systemd' });
  const notifier = new SystemdNotifier(transport, sdlog);
  const line = () =>
    statusLine({ phase: 'serving', devices: station.devices.list(), power: station.power.view().source, notes: opts.notes?.() ?? [] });

  let pending: NodeJS.Timeout | null = null;
  const off = station.bus.subscribe((e) => {
    if (e.name !== 'device' && e.name !== 'power' && e.name !== 'alert') return;
    if (pending) return;
    pending = setTimeout(() => {
      pending = null;
      void notifier.status(line());
    }, STATUS_SETTLE_MS);
    pending.unref();
  });

  await notifier.ready(line());
  const every = watchdogIntervalMs(env);
  if (every !== null) notifier.startWatchdog(every);
  sdlog.info(
    { transport: transport.name, watchdogMs: every },
    `systemd notified through ${transport.name}${every !== null ? `; watchdog ping every ${every} ms` : ''}`,
  );
  return {
    transport: transport.name,
    async stopping() {
      off();
      if (pending) clearTimeout(pending);
      await notifier.stopping(statusLine({ phase: 'stopping', devices: [] }));
    },
  };
}
