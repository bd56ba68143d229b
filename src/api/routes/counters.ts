import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import type { RouteOpts } from '../deps.js';
import { CounterParams, NoBody, TicketReply, bearer, errors } from '../schemas.js';
import type { TicketView } from '../../controller/events.js';

type Params = { Params: Static<typeof CounterParams> };

const StepBody = Type.Object({ step: Type.String({ minLength: 1, maxLength: 40 }) }, { additionalProperties: false });
const TransferBody = Type.Object({ service: Type.String({ pattern: '^[A-Z]$' }) }, { additionalProperties: false });
const StateBody = Type.Object(
  {
    state: Type.Union([Type.Literal('open'), Type.Literal('paused'), Type.Literal('closed')]),
    reason: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);

const emptyBodyIsObject = async (req: FastifyRequest) => {
  if (req.body === undefined || req.body === null) req.body = {};
};

const counterId = (req: FastifyRequest) => Number((req.params as { id: string }).id);

export async function counterRoutes(app: FastifyInstance, { deps }: RouteOpts) {
  const q = deps.queue;
  const action = (path: string, summary: string, run: (id: number, req: FastifyRequest) => TicketView, body: object = NoBody) => {
    app.post<Params>(
      `/counters/:id/${path}`,
      {
        // No body is the same as an empty one, so the schema still refuses unknown fields.
        preValidation: emptyBodyIsObject,
        schema: {
          summary,
          security: bearer,
          params: CounterParams,
          body,
          response: { 200: TicketReply, ...errors(400, 401, 403, 404, 409) },
        },
      },
      async (req) => ({ ticket: run(counterId(req), req) }),
    );
  };

  action('call', "Call the next ticket: priority first, then the oldest among the counter's services", (id) => q.call(id));
  action('recall', 'Announce the current ticket again (up to the call limit)', (id) => q.recall(id));
  action(
    'steps',
    'Start an SOP step of the current ticket (ends the one before)',
    (id, req) => q.startStep(id, (req.body as Static<typeof StepBody>).step),
    StepBody,
  );
  action('complete', 'End the last step; the ticket is done', (id) => q.complete(id));
  action('no-show', 'The resident did not come after the last call', (id) => q.noShow(id));
  action(
    'transfer',
    'Send the ticket back to waiting for another service, keeping its number',
    (id, req) => q.transfer(id, (req.body as Static<typeof TransferBody>).service),
    TransferBody,
  );

  app.post<Params & { Body: Static<typeof StateBody> }>(
    '/counters/:id/state',
    {
      preValidation: emptyBodyIsObject,
      schema: {
        summary: 'Open, pause or close the counter',
        security: bearer,
        params: CounterParams,
        body: StateBody,
        response: { 200: Type.Object({ counter: Type.Integer(), state: Type.String() }), ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (req) => ({ counter: counterId(req), state: q.setCounterState(counterId(req), req.body.state, req.body.reason ?? null) }),
  );

  app.get<Params>(
    '/counters/:id',
    {
      schema: { summary: 'The counter and its current ticket', security: bearer, params: CounterParams },
    },
    async (req) => {
      const id = counterId(req);
      const c = q.counter(id);
      return { id, name: c.name, services: c.services, state: q.counters.state(id), current: q.current(id) };
    },
  );
}
