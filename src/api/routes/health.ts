import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { RouteOpts } from '../deps.js';

export async function healthRoutes(app: FastifyInstance, { deps }: RouteOpts) {
  app.get(
    '/api/v1/health',
    {
      schema: {
        summary: 'Overall station health, no details (anyone)',
        response: { 200: Type.Object({ status: Type.Union([Type.Literal('ok'), Type.Literal('degraded'), Type.Literal('fault')]) }) },
      },
    },
    async () => ({ status: deps.health() }),
  );
}
