/**
 * The composition root: the one place that chooses real or simulated devices
 * and wires drivers, the queue, the store and the API together.
 */
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { AdjustableClock, systemClock, type Clock } from './shared/clock.js';
import { SimClock } from './shared/sim-clock.js';
import { createLogger, type Logger } from './shared/log.js';
import { builtInConfig } from './config/defaults.js';
import { resolveConfig, type ResolvedConfig } from './config/load.js';
import { openDatabase, type Db } from './controller/store/database.js';
import { EventBus } from './controller/event-bus.js';
import { QueueService } from './controller/queue/queue-service.js';
import { DeviceRegistry } from './controller/device-registry.js';
import { TicketDispenser } from './controller/ticket-dispenser.js';
import type { PrinterReadiness } from './controller/events.js';
import { CounterBoard } from './controller/counter-board.js';
import { wireCounterPeripherals } from './controller/counter-peripherals.js';
import { driverContext, type DriverTimeouts } from './drivers/context.js';
import type { StationSimulators } from './controller/sim-ports.js';
import type { DeviceFactories } from './drivers/factory-types.js';
import { buildApp } from './api/app.js';
import { FaultBook } from './controller/faults/fault-book.js';
import { PowerSupervisor } from './controller/power/supervisor.js';
import { buildDevices } from './station-devices.js';
import { pagesPlugin, pagesOptions } from './api/pages/index.js';
import { fleetTelemetry } from './fleet-telemetry.js';
import { dailyReport } from './controller/reports/daily.js';
import { createSpeech } from './drivers/speech/espeak.js';
import { ClockWatch, type ClockSyncReading } from './controller/clock/clock-watch.js';
import { createResidents, type Residents } from './controller/residents/index.js';
import { StorageHealth } from './controller/store/storage-health.js';
import { alertOnStorage } from './controller/store/storage-alerts.js';
import { stationHealth } from './controller/station-health.js';
import { recentCalls, type SayableCalls } from './controller/voice/recent-calls.js';

/** Devices connecting at start-up are not warned about until this long after their first start attempt. */
const DEVICE_STARTUP_GRACE_MS = 10_000;

export interface StationOptions {
  /** Resolved config; default: the built-in all-simulated config. */
  config?: ResolvedConfig;
  /** Overrides config.dataDir. */
  dataDir?: string;
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** The station's clock; default the system clock (`--sim-clock` passes a simulated one). */
  clock?: Clock;
  log?: Logger;
  /** Driver timeouts over the defaults (drivers/context.ts). */
  timeouts?: Partial<DriverTimeouts>;
  /** false: build everything but do not listen (check-devices; tests use app.inject). */
  listen?: boolean;
  /** Tells whether the system clock is synchronised (a site's board); null or absent: not watched. */
  clockSync?: (() => ClockSyncReading) | null;
  /** Switches for tests and benchmarks only; the product never sets them. */
  testing?: StationTestingHooks;
}

export interface StationTestingHooks {
  /** Other device factories than the station's own drivers. */
  factories?: DeviceFactories;
  /** SSE heartbeat period instead of 15 s. */
  sseHeartbeatMs?: number;
  /** Resolve only once every device has had its first start attempt. */
  waitForDevices?: boolean;
}

export interface RunningStation {
  url: string;
  app: FastifyInstance;
  config: ResolvedConfig;
  db: Db;
  bus: EventBus;
  queue: QueueService;
  dispenser: TicketDispenser;
  devices: DeviceRegistry;
  simulators: StationSimulators;
  power: PowerSupervisor;
  faults: FaultBook;
  clockWatch: ClockWatch;
  residents: Residents;
  close(): Promise<void>;
}

export async function startStation(opts: StationOptions = {}): Promise<RunningStation> {
  const base = opts.config ?? resolveConfig(builtInConfig());
  const config: ResolvedConfig = {
    ...base,
    dataDir: opts.dataDir ?? base.dataDir,
    http: { ...base.http, host: opts.host ?? base.http.host, port: opts.port ?? base.http.port },
  };
  // The station's time: the system's, plus a technician's correction while no NTP is reachable (controller/clock).
  const baseClock = opts.clock ?? systemClock;
  const clock = new AdjustableClock(baseClock);
  const log = opts.log ?? createLogger();
  const tz = config.station.timezone;
  const factories = opts.testing?.factories ?? (await import('./drivers/factories.js')).defaultFactories;
  // One context for every driver: the station's clock, root logger, timeouts and its one simulated board.
  const ctx = driverContext({ clock, log, timeZone: tz, ...(opts.timeouts ? { timeouts: opts.timeouts } : {}) });

  const db = openDatabase(config.dataDir);
  const storage = new StorageHealth({
    db,
    dataDir: config.dataDir,
    clock,
    log: log.child({ ns: 'storage' }),
    warnFreeBytes: config.alerts.storageMinFreeMB * 1_048_576,
  });
  const fleet = fleetTelemetry(config, db, clock, log);
  const bus = new EventBus();
  const devices = new DeviceRegistry(bus, log.child({ ns: 'devices' }));
  const faults = new FaultBook(db, clock, log.child({ ns: 'faults' }), tz);
  // The dispenser (made below, with the printer) tells the queue view whether the buttons can issue.
  let printerReadiness: () => PrinterReadiness | null = () => null;
  const queue = new QueueService(db, config, clock, bus, log.child({ ns: 'queue' }), {
    counterDegraded: (c) => faults.counterDegraded(c),
    printer: () => printerReadiness(),
  });
  faults.onChange((fault) => {
    queue.publishQueue();
    // The counter that reported a fault learns on its own stream when it is repaired.
    if (fault.counter !== null) bus.publish('fault', fault, { kind: 'counter', counter: fault.counter });
  });
  const parts = buildDevices(config, factories, ctx, devices);
  const dispenser = new TicketDispenser(config, queue, bus, clock, log.child({ ns: 'dispenser' }), parts.printer);
  printerReadiness = () => dispenser.readiness();
  // The screens say at once when the ticket buttons cannot issue.
  parts.printer?.onStatus(() => queue.publishQueue());
  const residents = createResidents({ db, config, queue, dispenser, bus, clock, log, entrance: parts.entrance });
  for (const { device, cfg, index } of parts.buttons) {
    device.onPress(() => dispenser.press({ index, service: cfg.service, priority: cfg.priority ?? false }));
  }

  const power = new PowerSupervisor({ db, config, clock, bus, log: log.child({ ns: 'power' }), queue, devices, ports: parts.power });
  fleet?.start({
    bus,
    alerts: power.alerts,
    report: (date) => dailyReport({ config, queue, power, faults }, date),
    source: () => power.view().source,
  });
  const clockWatch = new ClockWatch({
    clock,
    probe: opts.clockSync ?? null,
    alerts: power.alerts,
    queueDay: queue.queueDay,
    log: log.child({ ns: 'clock' }),
    timeZone: tz,
  });
  const board = new CounterBoard(parts.displays, bus, log.child({ ns: 'counter-board' }));
  wireCounterPeripherals(parts.cardReaders, parts.scanners, { bus, queue, clock, log: log.child({ ns: 'counters' }), timeZone: tz });

  const anySimulated = devices.anySimulated();
  const app = await buildApp(
    {
      config,
      queue,
      dispenser,
      bus,
      devices,
      power,
      faults,
      fleet,
      survey: residents.surveyFigures,
      residents,
      clockWatch,
      simulators: anySimulated ? devices.simulators() : null,
      simClock: baseClock instanceof SimClock ? baseClock : null,
      health: () => stationHealth(devices, storage).status,
      healthReasons: () => stationHealth(devices, storage).reasons,
      storage,
      ...(opts.testing?.sseHeartbeatMs !== undefined ? { sseHeartbeatMs: opts.testing.sseHeartbeatMs } : {}),
    },
    log,
  );
  await registerExtras(app, { config, log, simulated: anySimulated, calls: recentCalls(bus, clock) });
  await app.ready();

  let url = '';
  if (opts.listen !== false) {
    const address = await app.listen({ host: config.http.host, port: config.http.port });
    url = address.replace('[::1]', 'localhost');
  }
  storage.start();
  alertOnStorage(storage, power.alerts, config.dataDir);
  power.start();
  clockWatch.start();
  residents.start();
  // Devices come up behind the API: a slow or missing one is reported, never waited for.
  let unsettle = () => {};
  const devicesStarted = devices
    .startAll()
    .then(() => {
      board.sync(queue.queueView());
      unsettle = devices.settleAfter(clock, DEVICE_STARTUP_GRACE_MS);
    })
    .catch((err: unknown) => log.error({ err }, 'devices could not all be started; the station serves without them'));
  if (opts.testing?.waitForDevices) await devicesStarted;

  let closed = false;
  return {
    url,
    app,
    config,
    db,
    bus,
    queue,
    dispenser,
    devices,
    simulators: devices.simulators(),
    power,
    faults,
    clockWatch,
    residents,
    async close() {
      if (closed) return;
      closed = true;
      unsettle();
      board.stop();
      residents.stop();
      power.stop();
      await fleet?.stop();
      clockWatch.stop();
      storage.stop();
      await app.close();
      await devicesStarted;
      await dispenser.idle();
      await devices.stopAll();
      db.close();
    },
  };
}

/** Route plugins beyond the core API: the pages people use and the voice calls. */
async function registerExtras(
  app: FastifyInstance,
  x: { config: ResolvedConfig; log: Logger; simulated: boolean; calls: SayableCalls },
): Promise<void> {
  await app.register(
    pagesPlugin,
    pagesOptions(x.config, {
      log: x.log.child({ ns: 'pages' }),
      simulated: x.simulated,
      speech: createSpeech({ cacheDir: join(x.config.dataDir, 'voice-cache'), log: x.log }),
      calls: x.calls,
    }),
  );
}
