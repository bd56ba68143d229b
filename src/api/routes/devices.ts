import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { RouteOpts } from '../deps.js';
import { bearer, errors } from '../schemas.js';

const DeviceState = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  status: Type.Union(['ok', 'degraded', 'fault', 'offline'].map((s) => Type.Literal(s))),
  detail: Type.String(),
  lastSeen: Type.Union([Type.String(), Type.Null()]),
});

export async function deviceRoutes(app: FastifyInstance, { deps }: RouteOpts) {
  app.get(
    '/devices',
    {
      schema: {
        summary: 'Every device with its status (technician, admin)',
        security: bearer,
        response: { 200: Type.Array(DeviceState), ...errors(401, 403) },
      },
    },
    async () => deps.devices.list(),
  );
}
