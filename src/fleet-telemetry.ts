/**
 * Fleet telemetry, wired for the composition root in two calls: `fleetTelemetry`
 * right after the database opens (from then on every durable change also
 * writes its outbox row), and `start` once the station's parts exist (the link
 * to the broker, the day's report at close, the backlog alert).
 */
import type { Clock } from './shared/clock.js';
import type { Logger } from './shared/log.js';
import { stationVersion } from './shared/version.js';
import type { ResolvedConfig } from './config/load.js';
import { fleetMqtt } from './config/fleet.js';
import type { Db } from './controller/store/database.js';
import type { EventBus } from './controller/event-bus.js';
import { enableFleetEvents, disableFleetEvents } from './controller/fleet/events.js';
import { DailyClose } from './controller/fleet/daily-close.js';
import { FleetLink } from './drivers/fleet-link/link.js';
import type { AlertPort, FleetLinkStatus } from './controller/fleet-port.js';

export interface FleetParts {
  bus: EventBus;
  alerts: AlertPort;
  /** The day's report, as GET /api/v1/reports/daily gives it. */
  report: (date: string) => unknown;
  /** The current power source. */
  source: () => string;
}

export interface FleetTelemetry {
  start(parts: FleetParts): void;
  status(): FleetLinkStatus | null;
  stop(): Promise<void>;
}

export function fleetTelemetry(config: ResolvedConfig, db: Db, clock: Clock, log: Logger): FleetTelemetry | null {
  const mqtt = fleetMqtt(config);
  if (!mqtt) return null;
  const tz = config.station.timezone;
  const recorder = enableFleetEvents(db, tz);
  const enabledAt = recorder.outbox.markEnabled(clock.now());
  let link: FleetLink | null = null;
  let close: DailyClose | null = null;
  return {
    start(parts) {
      const flog = log.child({ ns: 'fleet' });
      close = new DailyClose({ recorder, clock, timeZone: tz, bus: parts.bus, log: flog, report: parts.report });
      close.start(enabledAt);
      link = new FleetLink({
        mqtt,
        station: { id: config.station.id, name: config.station.name, regency: config.station.regency },
        version: stationVersion(),
        timeZone: tz,
        outbox: recorder.outbox,
        clock,
        log: flog,
        alerts: parts.alerts,
        summary: () => ({
          ...recorder.dayFigures(clock.now()),
          source: parts.source(),
          activeAlerts: recorder.activeAlerts(),
          openFaults: recorder.openFaults(),
        }),
      });
      link.start();
    },
    status: () => link?.status() ?? null,
    async stop() {
      close?.stop();
      await link?.stop();
      disableFleetEvents(db);
    },
  };
}
