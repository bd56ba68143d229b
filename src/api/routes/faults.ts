import type { FastifyInstance } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import type { RouteOpts } from '../deps.js';
import { bearer, errors } from '../schemas.js';
import { StationError } from '../../shared/errors.js';
import { startOfLocalDay } from '../../shared/time.js';
import type { FaultBook } from '../../controller/faults/fault-book.js';

const Fault = Type.Object({
  id: Type.Integer(),
  device: Type.String(),
  counter: Type.Union([Type.Integer(), Type.Null()]),
  description: Type.String(),
  reportedBy: Type.String(),
  reportedAt: Type.String(),
  open: Type.Boolean(),
  resolvedAt: Type.Union([Type.String(), Type.Null()]),
  resolvedBy: Type.Union([Type.String(), Type.Null()]),
  resolution: Type.Union([Type.String(), Type.Null()]),
  repairMinutes: Type.Union([Type.Number(), Type.Null()]),
  openMinutes: Type.Number(),
});
const FaultReply = Type.Object({ fault: Fault });

const ReportBody = Type.Object(
  {
    device: Type.String({ minLength: 1, maxLength: 60, description: 'camera, signature-pad, fingerprint, iris, or another name' }),
    description: Type.String({ minLength: 1, maxLength: 1000, description: 'what is wrong' }),
    counter: Type.Optional(Type.Integer({ minimum: 1, maximum: 99 })),
  },
  { additionalProperties: false },
);
const ResolveBody = Type.Object(
  { resolution: Type.Optional(Type.String({ maxLength: 1000, description: 'what was repaired (required, at least 5 characters)' })) },
  { additionalProperties: false },
);
const CounterParams = Type.Object({ id: Type.String({ pattern: '^[0-9]{1,3}$' }) }, { additionalProperties: false });
const CounterFaultsQuery = Type.Object({ token: Type.Optional(Type.String()) }, { additionalProperties: false });
const ListQuery = Type.Object(
  { open: Type.Optional(Type.Union([Type.Literal('true'), Type.Literal('false')])), token: Type.Optional(Type.String()) },
  { additionalProperties: false },
);
const IdParams = Type.Object({ id: Type.String({ pattern: '^[0-9]{1,9}$' }) }, { additionalProperties: false });

const faultBook = (deps: RouteOpts['deps']): FaultBook => {
  if (!deps.faults) throw new StationError('NOT_CONFIGURED', 'fault reporting is not running on this station', 404);
  return deps.faults;
};
const who = (c: { role: string; name?: string; counter?: number }) =>
  c.name ? `${c.role}: ${c.name}` : c.counter ? `${c.role} ${c.counter}` : c.role;

/** Reporting a broken recording device: counters (for their own counter), technicians, admins. */
export async function faultReportRoutes(app: FastifyInstance, { deps }: RouteOpts) {
  const book = () => faultBook(deps);

  app.post<{ Body: Static<typeof ReportBody> }>(
    '/faults',
    {
      schema: {
        summary: 'Report a broken recording device (counter for its own counter, technician, admin)',
        security: bearer,
        tags: ['faults'],
        body: ReportBody,
        response: { 201: FaultReply, ...errors(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      const caller = req.caller!;
      let counter = req.body.counter ?? null;
      if (caller.role === 'counter') {
        if (counter !== null && counter !== caller.counter)
          throw new StationError(
            'FORBIDDEN',
            `this counter ${caller.counter} token may report faults only for counter ${caller.counter}`,
            403,
          );
        counter = caller.counter ?? null;
      }
      if (counter !== null) deps.queue.counter(counter); // 404 for a counter that does not exist
      const fault = book().report({ device: req.body.device, description: req.body.description, counter, reportedBy: who(caller) });
      return reply.status(201).send({ fault });
    },
  );
}

/** The fault list and repairs: technicians and admins. */
export async function faultRoutes(app: FastifyInstance, { deps }: RouteOpts) {
  const book = () => faultBook(deps);

  app.get<{ Querystring: Static<typeof ListQuery> }>(
    '/faults',
    {
      schema: {
        summary: 'Faults, newest first; ?open=true for unresolved ones (technician, admin)',
        security: bearer,
        tags: ['faults'],
        querystring: ListQuery,
        response: { 200: Type.Object({ faults: Type.Array(Fault) }), ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => ({ faults: book().list(req.query.open === 'true') }),
  );

  app.post<{ Params: Static<typeof IdParams>; Body: Static<typeof ResolveBody> | undefined }>(
    '/faults/:id/resolve',
    {
      // No body is the same as an empty one, so the schema still refuses unknown fields.
      preValidation: async (req) => {
        if (req.body === undefined || req.body === null) req.body = {};
      },
      schema: {
        summary: 'Mark a fault repaired with a note of what was done (required); the time to repair is kept (technician, admin)',
        security: bearer,
        tags: ['faults'],
        params: IdParams,
        body: ResolveBody,
        response: { 200: FaultReply, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (req) => ({ fault: book().resolve(Number(req.params.id), who(req.caller!), req.body?.resolution ?? null) }),
  );
}

/** A counter's own faults: that counter, admins. */
export async function counterFaultRoutes(app: FastifyInstance, { deps }: RouteOpts) {
  const book = () => faultBook(deps);

  app.get<{ Params: Static<typeof CounterParams>; Querystring: Static<typeof CounterFaultsQuery> }>(
    '/counters/:id/faults',
    {
      schema: {
        summary: "A counter's own faults: open ones and those resolved today, with the repair note (that counter, admin)",
        security: bearer,
        tags: ['faults'],
        params: CounterParams,
        querystring: CounterFaultsQuery,
        response: { 200: Type.Object({ faults: Type.Array(Fault) }), ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const id = Number(req.params.id);
      deps.queue.counter(id);
      const today = startOfLocalDay(deps.queue.today(), deps.config.station.timezone);
      return { faults: book().ofCounter(id, today) };
    },
  );
}
