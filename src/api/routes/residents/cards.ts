import type { FastifyInstance } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import type { RouteOpts } from '../../deps.js';
import { bearer, errors } from '../../schemas.js';
import { StationError } from '../../../shared/errors.js';
import { ListFormatError, parseCsvList, parseJsonList, type ParsedList } from '../../../controller/residents/card-ready/parse-list.js';
import { CardLookup, CodeParams, ImportReply } from './schemas.js';

/** A regency list of a few thousand cards is well under this. */
export const CARD_LIST_LIMIT = 4 * 1024 * 1024;

/** The card-ready list, imported by the admin (an admin route: its role group's hook guards it). */
export async function cardImportRoutes(app: FastifyInstance, { deps }: RouteOpts) {
  const residents = deps.residents;
  if (!residents) return;
  // CSV as sent by a browser form or curl --data-binary; text/plain is taken as CSV too.
  for (const type of ['text/csv', 'application/csv']) {
    app.addContentTypeParser(type, { parseAs: 'string', bodyLimit: CARD_LIST_LIMIT }, (_req, body, done) => done(null, body));
  }

  app.post(
    '/cards/ready',
    {
      bodyLimit: CARD_LIST_LIMIT,
      schema: {
        summary:
          'Import printed cards waiting at the office (admin): text/csv with a header code,readySince, or JSON { cards: [ { code, readySince } ] }. One malformed line and nothing is imported',
        tags: ['residents'],
        security: bearer,
        response: { 200: ImportReply, ...errors(400, 401, 403, 413, 415) },
      },
    },
    async (req) => {
      const type = String(req.headers['content-type'] ?? '')
        .split(';')[0]!
        .trim()
        .toLowerCase();
      let list: ParsedList;
      try {
        if (type === 'application/json') list = parseJsonList(req.body, residents.timeZone);
        else if (typeof req.body === 'string') list = parseCsvList(req.body, residents.timeZone);
        else throw new ListFormatError('send the list as text/csv (header code,readySince) or as JSON { cards: [...] }');
      } catch (err) {
        if (err instanceof ListFormatError) throw new StationError('BAD_LIST', err.message, 400);
        throw err;
      }
      const result = residents.cards.import(list);
      return { ...result, list: residents.cards.counts() };
    },
  );
}

/** How the list stands (technician, admin). */
export async function cardCountRoutes(app: FastifyInstance, { deps }: RouteOpts) {
  const residents = deps.residents;
  if (!residents) return;
  app.get(
    '/cards/ready',
    {
      schema: {
        summary: 'How many imported cards wait, are not ready yet, or were collected (admin, technician)',
        tags: ['residents'],
        security: bearer,
        response: {
          200: Type.Object({ waiting: Type.Integer(), notYet: Type.Integer(), collected: Type.Integer() }),
          ...errors(401, 403),
        },
      },
    },
    async () => residents.cards.counts(),
  );
}

/** One code looked up (kiosk, counter, admin). */
export async function cardLookupRoutes(app: FastifyInstance, { deps }: RouteOpts) {
  const residents = deps.residents;
  if (!residents) return;
  app.get<{ Params: Static<typeof CodeParams> }>(
    '/cards/ready/:code',
    {
      schema: {
        summary: 'Whether the card of a summons / registration code is ready (kiosk, counter, admin)',
        tags: ['residents'],
        security: bearer,
        params: CodeParams,
        response: { 200: CardLookup, ...errors(400, 401, 403) },
      },
    },
    async (req) => residents.cards.lookup(req.params.code),
  );
}
