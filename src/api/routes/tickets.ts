import type { FastifyInstance } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import type { RouteOpts } from '../deps.js';
import { DateQuery, Ticket, TicketReply, bearer, errors } from '../schemas.js';
import { QueueView } from '../schemas-queue.js';
import { StationError } from '../../shared/errors.js';
import { isCalendarDay } from '../../shared/time.js';
import { latestCalls } from '../../controller/queue/latest-calls.js';

const IssueBody = Type.Object(
  {
    service: Type.String({ pattern: '^[A-Z]$', description: 'service code' }),
    priority: Type.Optional(Type.Boolean({ description: 'elderly, disabled, pregnant, small children (UU 25/2009)' })),
  },
  { additionalProperties: false },
);

const ListQuery = Type.Object({ date: Type.Optional(DateQuery), token: Type.Optional(Type.String()) }, { additionalProperties: false });

/** Issuing a ticket: kiosks (and admins). */
export async function issueTicketRoutes(app: FastifyInstance, { deps }: RouteOpts) {
  app.post<{ Body: Static<typeof IssueBody> }>(
    '/tickets',
    {
      schema: {
        summary: 'Issue a ticket (kiosk, admin); the station prints it',
        security: bearer,
        body: IssueBody,
        response: { 201: TicketReply, ...errors(400, 401, 403, 409) },
      },
    },
    async (req, reply) => {
      const ticket = deps.dispenser.issue(req.body.service, req.body.priority ?? false, req.caller!.role);
      return reply.status(201).send({ ticket });
    },
  );
}

/** A day's tickets: technicians and admins. */
export async function ticketListRoutes(app: FastifyInstance, { deps }: RouteOpts) {
  app.get<{ Querystring: Static<typeof ListQuery> }>(
    '/tickets',
    {
      schema: {
        summary: 'Every ticket of a local day with its steps (technician, admin)',
        security: bearer,
        querystring: ListQuery,
        response: { 200: Type.Object({ date: Type.String(), tickets: Type.Array(Ticket) }), ...errors(400, 401, 403) },
      },
    },
    async (req) => {
      const date = req.query.date ?? deps.queue.today();
      if (!isCalendarDay(date)) throw new StationError('VALIDATION_ERROR', `date ${date} is not a calendar day`, 400);
      return { date, tickets: deps.queue.ticketsOfDay(date) };
    },
  );
}

const CallsQuery = Type.Object(
  { limit: Type.Optional(Type.String({ pattern: '^([1-9]|1[0-9]|20)$', description: 'how many, 1-20 (8)' })) },
  { additionalProperties: false },
);
const CallView = Type.Object({
  number: Type.String(),
  service: Type.String(),
  serviceName: Type.String(),
  counter: Type.Integer(),
  counterName: Type.String(),
  priority: Type.Boolean(),
  calls: Type.Integer(),
  at: Type.String(),
});

/** The queue as every screen sees it: anyone. */
export async function queueRoutes(app: FastifyInstance, { deps }: RouteOpts) {
  app.get(
    '/queue',
    {
      schema: { summary: 'Waiting counts and what each counter serves (anyone)', response: { 200: QueueView } },
    },
    async () => deps.queue.queueView(),
  );
  app.get<{ Querystring: Static<typeof CallsQuery> }>(
    '/calls',
    {
      schema: {
        summary: "Today's latest calls, newest first, for a screen opened after them (anyone; no-shows left out)",
        querystring: CallsQuery,
        response: { 200: Type.Object({ calls: Type.Array(CallView) }) },
      },
    },
    async (req) => ({ calls: latestCalls(deps.queue.store.db, deps.config, deps.queue.today(), Number(req.query.limit ?? 8)) }),
  );
}
