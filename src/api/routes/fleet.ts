/**
 * GET /api/v1/fleet (technician, admin): the link to the regency broker and
 * the outbox behind it. The fleet gauges in /metrics come from the same status.
 */
import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { Gauge, Registry } from 'prom-client';
import { Gauge as PromGauge } from 'prom-client';
import type { ApiDeps, RouteOpts } from '../deps.js';
import { bearer, errors } from '../schemas.js';

const Str = Type.String();
const OptStr = Type.Union([Type.String(), Type.Null()]);
const OptInt = Type.Union([Type.Integer(), Type.Null()]);

const FleetReply = Type.Object({
  enabled: Type.Boolean(),
  state: Type.Optional(Type.Union(['connecting', 'online', 'offline', 'setup-error', 'stopped'].map((s) => Type.Literal(s)))),
  since: Type.Optional(Str),
  broker: Type.Optional(Str),
  clientId: Type.Optional(Str),
  topics: Type.Optional(Type.Object({ state: Str, events: Str })),
  lastError: Type.Optional(OptStr),
  connectedAt: Type.Optional(OptStr),
  nextAttemptAt: Type.Optional(OptStr),
  connections: Type.Optional(Type.Integer()),
  inflight: Type.Optional(Type.Integer()),
  window: Type.Optional(Type.Integer()),
  ackedSinceStart: Type.Optional(Type.Integer()),
  lastAckedSeq: Type.Optional(OptInt),
  outbox: Type.Optional(
    Type.Object({
      depth: Type.Integer(),
      oldestSeq: OptInt,
      oldestAt: OptStr,
      oldestAgeS: Type.Number(),
      lastSeq: Type.Integer(),
      dropped: Type.Integer(),
      warnAt: Type.Integer(),
      max: Type.Integer(),
    }),
  ),
});

export async function fleetRoutes(app: FastifyInstance, { deps }: RouteOpts) {
  app.get(
    '/fleet',
    {
      schema: {
        summary: 'Link to the regency broker and the outbox depth (technician, admin)',
        security: bearer,
        tags: ['fleet'],
        response: { 200: FleetReply, ...errors(401, 403) },
      },
    },
    async () => {
      const status = deps.fleet?.status() ?? null;
      return status ? { enabled: true, ...status } : { enabled: false };
    },
  );
}

/** ktp_fleet_* gauges, read from the link's status at each scrape. */
export function fleetGauges(registry: Registry, deps: ApiDeps): void {
  if (!deps.fleet) return;
  const status = () => deps.fleet?.status() ?? null;
  const g = (name: string, help: string, read: (this: Gauge) => void) =>
    new PromGauge({ name, help, registers: [registry], collect: read });
  g('ktp_fleet_link_up', '1 while the station is connected to the regency broker', function () {
    const s = status();
    if (s) this.set(s.state === 'online' ? 1 : 0);
  });
  g('ktp_fleet_outbox_events', 'events waiting for the broker to acknowledge them', function () {
    const s = status();
    if (s) this.set(s.outbox.depth);
  });
  g('ktp_fleet_outbox_oldest_age_seconds', 'age of the oldest unacknowledged event (0 when none)', function () {
    const s = status();
    if (s) this.set(s.outbox.oldestAgeS);
  });
  g('ktp_fleet_last_seq', 'seq of the newest event put in the outbox', function () {
    const s = status();
    if (s) this.set(s.outbox.lastSeq);
  });
  g('ktp_fleet_last_acked_seq', 'seq of the newest event the broker acknowledged since start', function () {
    const s = status();
    if (s?.lastAckedSeq != null) this.set(s.lastAckedSeq);
  });
  g('ktp_fleet_events_dropped', 'events dropped unsent because the outbox passed its bound', function () {
    const s = status();
    if (s) this.set(s.outbox.dropped);
  });
  g('ktp_fleet_connections', 'connections to the regency broker since start', function () {
    const s = status();
    if (s) this.set(s.connections);
  });
}
