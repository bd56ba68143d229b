import type { ResolvedConfig } from '../config/load.js';
import type { QueueService } from '../controller/queue/queue-service.js';
import type { EventBus } from '../controller/event-bus.js';
import type { TicketDispenser } from '../controller/ticket-dispenser.js';
import type { DeviceRegistry } from '../controller/device-registry.js';
import type { StationSimulators } from '../controller/sim-ports.js';
import type { PowerSupervisor } from '../controller/power/supervisor.js';
import type { FaultBook } from '../controller/faults/fault-book.js';
import type { SurveySource } from '../controller/reports/types.js';
import type { SimClock } from '../shared/sim-clock.js';
import type { FleetLinkStatus } from '../controller/fleet-port.js';
import type { StorageHealth } from '../controller/store/storage-health.js';
import type { ClockWatch } from '../controller/clock/clock-watch.js';
import type { Residents } from '../controller/residents/index.js';

/** What the API needs from the rest of the station. */
export interface ApiDeps {
  config: ResolvedConfig;
  queue: QueueService;
  dispenser: TicketDispenser;
  bus: EventBus;
  devices: DeviceRegistry;
  /** Present only when some devices are simulated. */
  simulators: StationSimulators | null;
  /** Overall health: ok, degraded or fault (no details). */
  health(): 'ok' | 'degraded' | 'fault';
  /** Short reason codes behind a health that is not ok (`storage-full`, `device-offline` …). */
  healthReasons?(): string[];
  /** The data disk: storage trouble is answered 503 STORAGE_UNAVAILABLE. */
  storage?: StorageHealth | null;
  /** SSE heartbeat period. */
  sseHeartbeatMs?: number;
  /** Power, genset and alert supervision (routes /api/v1/power…, /api/v1/alerts). */
  power?: PowerSupervisor | null;
  /** Recording-equipment faults (routes /api/v1/faults…). */
  faults?: FaultBook | null;
  /** Resident survey figures for the reports' `survey` block; null until the station collects answers. */
  survey?: SurveySource | null;
  /** The `--sim-clock` clock (routes /api/v1/sim/clock); null on the real clock. */
  simClock?: SimClock | null;
  /** Telemetry to the regency broker (GET /api/v1/fleet); null when fleet.mqtt is not configured. */
  fleet?: { status(): FleetLinkStatus | null } | null;
  /** Whether the clock is synchronised, and a technician's date or time (routes /api/v1/clock…); absent: no such routes. */
  clockWatch?: ClockWatch | null;
  /** Running text, ISHOMA, information panel, card-ready list and survey (CONTRACT v2 "For residents"); absent: no such routes. */
  residents?: Residents | null;
}

export interface RouteOpts {
  deps: ApiDeps;
}
