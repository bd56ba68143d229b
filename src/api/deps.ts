import type { ResolvedConfig } from '../config/load.js';
import type { QueueService } from '../controller/queue/queue-service.js';
import type { EventBus } from '../controller/event-bus.js';
import type { TicketDispenser } from '../controller/ticket-dispenser.js';
import type { DeviceRegistry } from '../controller/device-registry.js';
import type { StationSimulators } from '../drivers/sim/control.js';

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
  /** SSE heartbeat period. */
  sseHeartbeatMs?: number;
}

export interface RouteOpts {
  deps: ApiDeps;
}
