/**
 * The regency view's HTTP side: the /regency page, GET /api/v1/regency/stations
 * (CONTRACT v2 fields) and the richer board the page draws. Aggregate figures
 * only, no personal data, so no token is asked for; serve it on the regency
 * office's own network.
 */
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findPublicDir, readPublic } from '../api/pages/static.js';
import type { Logger } from '../shared/log.js';
import { isoLocal } from '../shared/time.js';
import { boardStation, contractStation } from './board.js';
import type { RegencyStore } from './store.js';
import type { SubscriberStatus } from './subscriber.js';

export interface RegencyAppDeps {
  store: RegencyStore;
  link: () => SubscriberStatus;
  broker: string;
  timeZone: string;
  staleMinutes: number;
  now?: () => number;
  log: Logger;
}

const Alert = Type.Object({ kind: Type.String(), subject: Type.String(), severity: Type.String() });
const NullableInt = Type.Union([Type.Integer(), Type.Null()]);
const StationSchema = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    online: Type.Boolean(),
    lastSeen: Type.Union([Type.String(), Type.Null()]),
    waiting: NullableInt,
    doneToday: NullableInt,
    source: Type.String(),
    activeAlerts: Type.Array(Alert),
    lastSeq: Type.Integer(),
  },
  { additionalProperties: false },
);

/** What the regency page takes from the station pages (common.js imports i18n.js and errors.js). */
const SHARED_PAGE_FILES = new Set(['common.js', 'i18n.js', 'errors.js', 'date-field.js']);

/** The page files live beside this module in source, or are found from the compiled or bundled module. */
export function findRegencyPublic(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 8; i++) {
    for (const c of [join(dir, 'public'), join(dir, 'src/regency/public')]) if (existsSync(join(c, 'regency.html'))) return c;
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  throw new Error('regency page files not found (src/regency/public)');
}

export async function buildRegencyApp(d: RegencyAppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: d.log.child({ ns: 'regency.api' }) as FastifyBaseLogger,
    logController: new LogController({ disableRequestLogging: true }),
  });
  const publicDir = findRegencyPublic();
  const now = d.now ?? Date.now;
  const opts = () => ({ now: now(), timeZone: d.timeZone, staleMs: d.staleMinutes * 60_000 });

  app.setNotFoundHandler((req, reply) => {
    reply.status(404).send({ error: { code: 'NOT_FOUND', message: `no route ${req.method} ${req.url.split('?')[0]}` } });
  });

  app.get('/', async (_req, reply) => reply.redirect('/regency'));
  app.get('/regency', async (_req, reply) => {
    const f = await readPublic(publicDir, 'regency.html');
    return reply.header('cache-control', 'no-cache').type(f!.type).send(f!.body);
  });
  // The station pages' shared modules (texts, language, numbers, times): one copy, served here too.
  const pagesDir = findPublicDir();
  app.get<{ Params: { name: string } }>('/pages/:name', async (req, reply) => {
    const f = SHARED_PAGE_FILES.has(req.params.name) ? await readPublic(pagesDir, req.params.name) : null;
    if (!f) return reply.code(404).send({ error: { code: 'NOT_FOUND', message: 'no such file' } });
    return reply.header('cache-control', 'no-cache').type(f.type).send(f.body);
  });
  app.get<{ Params: { name: string } }>('/regency/:name', async (req, reply) => {
    const f = await readPublic(publicDir, req.params.name);
    if (!f) return reply.code(404).send({ error: { code: 'NOT_FOUND', message: 'no such file' } });
    return reply.header('cache-control', 'no-cache').type(f.type).send(f.body);
  });

  app.get(
    '/api/v1/regency/stations',
    { schema: { response: { 200: Type.Object({ stations: Type.Array(StationSchema) }, { additionalProperties: false }) } } },
    async () => {
      const o = opts();
      return { stations: d.store.stations().map((r) => contractStation(r, o)) };
    },
  );

  app.get('/api/v1/regency/board', async () => {
    const o = opts();
    const link = d.link();
    const stations = d.store.stations().map((r) => boardStation(r, o));
    return {
      now: isoLocal(o.now, d.timeZone),
      staleMinutes: d.staleMinutes,
      broker: { url: d.broker, connected: link.connected, since: isoLocal(link.since, d.timeZone), lastError: link.lastError },
      totals: {
        stations: stations.length,
        online: stations.filter((s) => s.status === 'online').length,
        waiting: stations.reduce((a, s) => a + (s.waiting ?? 0), 0),
        doneToday: stations.reduce((a, s) => a + (s.doneToday ?? 0), 0),
        alerts: stations.reduce((a, s) => a + s.activeAlerts.length, 0),
      },
      stations,
    };
  });

  app.get<{ Params: { id: string } }>('/api/v1/regency/stations/:id/events', async (req, reply) => {
    if (!d.store.station(req.params.id))
      return reply.code(404).send({ error: { code: 'NOT_FOUND', message: `no station ${req.params.id} seen` } });
    return {
      events: d.store.recentEvents(req.params.id, 100).map((e) => ({
        ...e,
        at: isoLocal(e.at, d.timeZone),
        receivedAt: isoLocal(e.receivedAt, d.timeZone),
      })),
    };
  });

  app.get('/api/v1/health', async () => ({ status: d.link().connected ? 'ok' : 'degraded' }));
  return app;
}
