import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { RouteOpts } from '../deps.js';

export async function healthRoutes(app: FastifyInstance, { deps }: RouteOpts) {
  app.get(
    '/health',
    {
      schema: {
        summary: 'Overall station health, no details (anyone): reasons are short codes such as storage-full or device-offline',
        response: {
          200: Type.Object({
            status: Type.Union([Type.Literal('ok'), Type.Literal('degraded'), Type.Literal('fault')]),
            reasons: Type.Optional(Type.Array(Type.String())),
          }),
        },
      },
    },
    async () => {
      const status = deps.health();
      const reasons = status === 'ok' ? [] : (deps.healthReasons?.() ?? []);
      return reasons.length > 0 ? { status, reasons } : { status };
    },
  );
}
