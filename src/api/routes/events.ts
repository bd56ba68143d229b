import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { RouteOpts } from '../deps.js';
import { serveEvents } from '../sse.js';
import { resolveLimits } from '../limits.js';
import { CounterParams } from '../schemas.js';
import { PUBLIC_EVENTS } from '../../controller/events.js';

const StreamQuery = Type.Object(
  { token: Type.Optional(Type.String()), lastEventId: Type.Optional(Type.String()) },
  { additionalProperties: false },
);

const heartbeatMs = (deps: RouteOpts['deps']) => deps.sseHeartbeatMs ?? 15_000;
const streamLimits = (deps: RouteOpts['deps']) => {
  const l = resolveLimits(deps.config.http.limits);
  return { maxClients: l.sseClients, maxPerAddress: l.sseClientsPerAddress, maxUnsentBytes: l.sseMaxUnsentBytes };
};

/** The public stream the screens follow: anyone. */
export async function publicEventRoutes(app: FastifyInstance, { deps }: RouteOpts) {
  app.get(
    '/events',
    {
      schema: {
        summary: 'Server-Sent Events: called, recalled, queue, notice, power, device, alert (anyone; no personal data)',
        querystring: StreamQuery,
      },
    },
    async (req, reply) => {
      serveEvents(req, reply, {
        bus: deps.bus,
        heartbeatMs: heartbeatMs(deps),
        limits: streamLimits(deps),
        accept: (e) => e.scope.kind === 'public' && PUBLIC_EVENTS.includes(e.name),
        // A screen that (re)connects learns the whole state at once, an ongoing outage included.
        snapshot: () => [
          { name: 'queue', data: deps.queue.queueView() },
          ...(deps.power ? [{ name: 'power' as const, data: deps.power.view() }] : []),
        ],
      });
    },
  );
}

/** A counter's own stream: that counter's token, or an admin. */
export async function counterEventRoutes(app: FastifyInstance, { deps }: RouteOpts) {
  app.get(
    '/counters/:id/events',
    {
      schema: {
        summary: "A counter's stream: its tickets, card taps and scans, the queue and power (that counter, admin)",
        params: CounterParams,
        querystring: StreamQuery,
      },
    },
    async (req: FastifyRequest, reply) => {
      const id = Number((req.params as { id: string }).id);
      deps.queue.counter(id); // 404 for an unknown counter
      serveEvents(req, reply, {
        bus: deps.bus,
        heartbeatMs: heartbeatMs(deps),
        limits: streamLimits(deps),
        accept: (e) =>
          (e.scope.kind === 'counter' && e.scope.counter === id) ||
          (e.scope.kind === 'public' &&
            (e.name === 'queue' ||
              // The power view says which counters pause once their ticket is done (an outage while serving).
              e.name === 'power' ||
              ((e.name === 'called' || e.name === 'recalled') && (e.data as { counter: number }).counter === id))),
        snapshot: () => {
          const current = deps.queue.current(id);
          return [
            { name: 'queue', data: deps.queue.queueView() },
            ...(deps.power ? [{ name: 'power' as const, data: deps.power.view() }] : []),
            ...(current ? [{ name: 'ticket' as const, data: { ...current, counter: id } }] : []),
          ];
        },
      });
    },
  );
}
