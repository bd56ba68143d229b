import type { FastifyInstance } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import type { RouteOpts } from '../../deps.js';
import { bearer, errors } from '../../schemas.js';
import { StationError } from '../../../shared/errors.js';
import { AnnouncementList, AnnouncementsBody, Information, InformationBody, Ishoma, IshomaBody } from './schemas.js';

const ListQuery = Type.Object(
  { all: Type.Optional(Type.Union([Type.Literal('true'), Type.Literal('false')])), token: Type.Optional(Type.String()) },
  { additionalProperties: false },
);

/** Running text, ISHOMA notice and information panel as they show now: anyone reads (all stored items: admin). */
export async function noticeRoutes(app: FastifyInstance, { deps }: RouteOpts) {
  const residents = deps.residents;
  if (!residents) return;
  app.get<{ Querystring: Static<typeof ListQuery> }>(
    '/announcements',
    {
      schema: {
        summary: 'The running text the display shows now (anyone); ?all=true: every stored item with `showing` (admin)',
        tags: ['residents'],
        querystring: ListQuery,
        response: { 200: AnnouncementList, ...errors(400, 401, 403) },
      },
    },
    async (req) => {
      if (req.query.all !== 'true') return { items: residents.announcements.current() };
      if (!req.caller) throw new StationError('UNAUTHORIZED', 'all=true needs the admin token (Authorization: Bearer TOKEN)', 401);
      if (req.caller.role !== 'admin')
        throw new StationError('FORBIDDEN', `this ${req.caller.role} token may not do that; needs admin`, 403);
      return { items: residents.announcements.all() };
    },
  );

  app.get(
    '/ishoma',
    { schema: { summary: 'The prayer / meal break notice (anyone)', tags: ['residents'], response: { 200: Ishoma } } },
    async () => residents.ishoma.view(),
  );

  app.get(
    '/information',
    {
      schema: {
        summary: "The display's information panel: requirements, opening hours, mobile recording days from today (anyone)",
        tags: ['residents'],
        response: { 200: Information },
      },
    },
    async () => residents.information.view(),
  );
}

/** Editing them: admin routes, guarded by their role group's hook. */
export async function noticeEditRoutes(app: FastifyInstance, { deps }: RouteOpts) {
  const residents = deps.residents;
  if (!residents) return;
  app.put<{ Body: Static<typeof AnnouncementsBody> }>(
    '/announcements',
    {
      schema: {
        summary: 'Replace the running text (admin): each text at most 280 characters, optional from / until',
        tags: ['residents'],
        security: bearer,
        body: AnnouncementsBody,
        response: { 200: AnnouncementList, ...errors(400, 401, 403) },
      },
    },
    async (req) => {
      residents.announcements.replace(req.body.items);
      return { items: residents.announcements.current() };
    },
  );

  app.put<{ Body: Static<typeof IshomaBody> }>(
    '/ishoma',
    {
      schema: {
        summary: 'Switch the ISHOMA notice on the display (admin); it goes off by itself at `until`',
        tags: ['residents'],
        security: bearer,
        body: IshomaBody,
        response: { 200: Ishoma, ...errors(400, 401, 403) },
      },
    },
    async (req) => residents.ishoma.set(req.body),
  );

  app.put<{ Body: Static<typeof InformationBody> }>(
    '/information',
    {
      schema: {
        summary: 'Edit the information panel (admin)',
        tags: ['residents'],
        security: bearer,
        body: InformationBody,
        response: { 200: Information, ...errors(400, 401, 403) },
      },
    },
    async (req) => residents.information.replace(req.body),
  );
}
