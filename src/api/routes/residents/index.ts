/**
 * The residents' routes (CONTRACT v2 "For residents") as one plugin:
 * announcements, ISHOMA and the information panel; the card-ready list; the
 * satisfaction survey. The composition root registers it in one line.
 */
import type { FastifyInstance } from 'fastify';
import type { Residents } from '../../../controller/residents/index.js';
import { noticeRoutes } from './notices.js';
import { cardRoutes } from './cards.js';
import { surveyRoutes } from './survey.js';

export interface ResidentRouteOpts {
  residents: Residents;
}

export async function residentRoutes(app: FastifyInstance, opts: ResidentRouteOpts) {
  await app.register(noticeRoutes, opts);
  await app.register(cardRoutes, opts);
  await app.register(surveyRoutes, opts);
}
