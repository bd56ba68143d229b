import type { FastifyInstance } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import type { RouteOpts } from '../../deps.js';
import { bearer, errors } from '../../schemas.js';
import { SURVEY_ELEMENTS } from '../../../controller/residents/survey/elements.js';
import { SurveyBody, SurveyReceipt, SurveyTicketParams } from './schemas.js';

const Four = Type.Array(Type.String(), { minItems: 4, maxItems: 4 });
const Elements = Type.Object({
  elements: Type.Array(
    Type.Object({
      key: Type.String(),
      name: Type.Object({ id: Type.String(), en: Type.String() }),
      question: Type.Object({ id: Type.String(), en: Type.String() }),
      answers: Type.Object({ id: Four, en: Four }),
    }),
  ),
});

/** The satisfaction survey (SKM) at the exit, answered on a tablet that holds the kiosk token (a kiosk route). */
export async function surveyAnswerRoutes(app: FastifyInstance, { deps }: RouteOpts) {
  const residents = deps.residents;
  if (!residents) return;
  app.post<{ Body: Static<typeof SurveyBody> }>(
    '/survey',
    {
      schema: {
        summary: "Answer the survey for today's ticket (kiosk): nine answers 1–4, optional comment; one answer per ticket",
        tags: ['residents'],
        security: bearer,
        body: SurveyBody,
        response: { 201: SurveyReceipt, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (req, reply) => {
      const survey = residents.survey.answer(req.body);
      return reply.status(201).send({ survey });
    },
  );
}

/** Whether a ticket has answered, asked by the tablet before the questions (kiosk, admin). */
export async function surveyStatusRoutes(app: FastifyInstance, { deps }: RouteOpts) {
  const residents = deps.residents;
  if (!residents) return;
  app.get<{ Params: Static<typeof SurveyTicketParams> }>(
    '/survey/tickets/:ticket',
    {
      schema: {
        summary: "Whether today's ticket exists and has answered (kiosk, admin): the tablet asks before the questions",
        tags: ['residents'],
        security: bearer,
        params: SurveyTicketParams,
        response: {
          200: Type.Object({ ticket: Type.String(), status: Type.String(), answered: Type.Boolean() }),
          ...errors(400, 401, 403, 404),
        },
      },
    },
    async (req) => residents.survey.status(req.params.ticket),
  );
}

/** The survey's questions (anyone). */
export async function surveyElementRoutes(app: FastifyInstance, { deps }: RouteOpts) {
  if (!deps.residents) return;
  app.get(
    '/survey/elements',
    {
      schema: {
        summary: 'The nine SKM elements (PermenPAN-RB 14/2017) with their questions and four answers, Indonesian and English (anyone)',
        tags: ['residents'],
        response: { 200: Elements },
      },
    },
    async () => ({ elements: SURVEY_ELEMENTS }),
  );
}
