import Fastify, {
  LogController,
  type FastifyBaseLogger,
  type FastifyError,
  type FastifyInstance,
  type FastifyPluginAsync,
  type FastifyRequest,
} from 'fastify';
import swagger from '@fastify/swagger';
import type { Logger } from '../shared/log.js';
import { isStationError } from '../shared/errors.js';
import { TokenBook, allow, allowCounterOrAdmin, presentedToken } from './auth.js';
import { ErrorBody } from './schemas.js';
import { endAllStreams } from './sse.js';
import { answerStorageTrouble } from './storage-answer.js';
import { resolveLimits } from './limits.js';
import { installRequestLimits, serverOptions } from './request-limits.js';
import type { ApiDeps, RouteOpts } from './deps.js';
import { healthRoutes } from './routes/health.js';
import { issueTicketRoutes, queueRoutes, ticketListRoutes } from './routes/tickets.js';
import { counterRoutes } from './routes/counters.js';
import { counterEventRoutes, publicEventRoutes } from './routes/events.js';
import { deviceRoutes } from './routes/devices.js';
import { simRoutes } from './routes/sim.js';
import { installHttpMetrics, metricsRoutes } from './routes/metrics.js';
import { powerRoutes } from './routes/power.js';
import { counterFaultRoutes, faultReportRoutes, faultRoutes } from './routes/faults.js';
import { reportRoutes } from './routes/reports.js';
import { simClockRoutes } from './routes/sim-clock.js';
import { fleetRoutes } from './routes/fleet.js';
import { clockRoutes } from './routes/clock.js';
import { noticeEditRoutes, noticeRoutes } from './routes/residents/notices.js';
import { cardCountRoutes, cardImportRoutes, cardLookupRoutes } from './routes/residents/cards.js';
import { surveyAnswerRoutes, surveyElementRoutes, surveyStatusRoutes } from './routes/residents/survey.js';

export type { ApiDeps } from './deps.js';

/** Largest request body accepted; a ticket request is a few dozen bytes. */
export const BODY_LIMIT = 16 * 1024;

/**
 * Builds the station's HTTP API without listening: tests call `app.inject()`,
 * the composition root calls `listen()`. Extra route plugins (pages, power)
 * are registered by the caller before `ready()`.
 */
export async function buildApp(deps: ApiDeps, log: Logger): Promise<FastifyInstance> {
  const limits = resolveLimits(deps.config.http.limits);
  const app = Fastify({
    loggerInstance: log.child({ ns: 'api' }) as FastifyBaseLogger,
    // Requests are counted in /metrics; the log keeps what a technician acts on.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: BODY_LIMIT,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false, useDefaults: true, allErrors: false } },
    return503OnClosing: true,
    ...serverOptions(limits),
  });

  // An empty JSON body is as good as none (POST /call with a Content-Type but no body).
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => {
    const text = (body as string).trim();
    if (text === '') return done(null, undefined);
    try {
      done(null, JSON.parse(text));
    } catch {
      const err = new Error('request body is not valid JSON') as FastifyError;
      err.statusCode = 400;
      err.code = 'BAD_JSON';
      done(err, undefined);
    }
  });

  const tokens = new TokenBook(deps.config.auth.tokens);
  app.decorateRequest('caller', null);
  app.addHook('onRequest', async (req) => {
    const token = presentedToken(req);
    req.caller = token ? tokens.verify(token) : null;
  });
  await installRequestLimits(app, limits);

  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (answerStorageTrouble(err, req, reply, deps.storage)) return reply;
    if (isStationError(err)) {
      return reply.status(err.status).send({ error: { code: err.code, message: err.message } });
    }
    if (err.validation) {
      return reply.status(400).send({
        error: {
          code: 'VALIDATION_ERROR',
          message:
            `${err.validationContext ?? 'request'}${err.validation[0]?.instancePath ?? ''} ${err.validation[0]?.message ?? 'is invalid'}`.trim(),
        },
      });
    }
    const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500;
    if (status === 500) {
      req.log.error({ err, url: req.url.split('?')[0] }, 'request failed'); // never the query: it may carry ?token=
      return reply.status(500).send({ error: { code: 'INTERNAL', message: 'internal error; see the station log' } });
    }
    const code =
      err.code === 'FST_ERR_CTP_BODY_TOO_LARGE'
        ? 'BODY_TOO_LARGE'
        : err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE'
          ? 'UNSUPPORTED_MEDIA_TYPE'
          : err.code?.startsWith('FST_')
            ? 'BAD_REQUEST'
            : (err.code ?? 'BAD_REQUEST');
    return reply.status(status).send({ error: { code, message: err.message } });
  });

  const httpMetrics = installHttpMetrics(app);

  // Event streams never finish by themselves: end them so close() does not wait forever.
  app.addHook('preClose', async () => endAllStreams(app.server));

  app.setNotFoundHandler((req, reply) => {
    reply.status(404).send({ error: { code: 'NOT_FOUND', message: `no route ${req.method} ${req.url.split('?')[0]}` } });
  });

  await app.register(swagger, {
    openapi: {
      info: { title: 'ktp-station API', version: '1.0.0', description: 'e-KTP service point station (CONTRACT v1)' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    },
  });
  app.addSchema(ErrorBody);
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  await app.register(apiV1, { prefix: '/api/v1', deps });
  await app.register(roleGroup(allow('technician', 'admin'), [metricsRoutes]), { deps, http: httpMetrics });
  return app;
}

type Hook = (req: FastifyRequest) => Promise<void>;

/**
 * Route plugins behind one `onRequest` auth hook, in their own encapsulated
 * context: the hook guards exactly these routes (401 without a valid token,
 * 403 for another role), and no route repeats it. No hook: anyone may call.
 */
function roleGroup<O extends RouteOpts>(hook: Hook | null, plugins: Array<FastifyPluginAsync<O>>): FastifyPluginAsync<O> {
  return async (group, opts) => {
    if (hook) group.addHook('onRequest', hook);
    for (const plugin of plugins) await group.register(plugin, opts);
  };
}

/** The CONTRACT's routes under /api/v1, one group per role. */
async function apiV1(v1: FastifyInstance, opts: RouteOpts) {
  const groups: Array<[Hook | null, Array<FastifyPluginAsync<RouteOpts>>]> = [
    [null, [healthRoutes, queueRoutes, publicEventRoutes, noticeRoutes, surveyElementRoutes]],
    [allow('kiosk'), [surveyAnswerRoutes]],
    [allow('kiosk', 'admin'), [issueTicketRoutes, surveyStatusRoutes]],
    [allow('kiosk', 'counter', 'admin'), [cardLookupRoutes]],
    [allowCounterOrAdmin(), [counterRoutes, counterEventRoutes, counterFaultRoutes]],
    [allow('counter', 'technician', 'admin'), [faultReportRoutes]],
    [
      allow('technician', 'admin'),
      [ticketListRoutes, deviceRoutes, powerRoutes, faultRoutes, reportRoutes, fleetRoutes, clockRoutes, cardCountRoutes],
    ],
    [allow('admin'), [simRoutes, simClockRoutes, noticeEditRoutes, cardImportRoutes]],
  ];
  for (const [hook, plugins] of groups) await v1.register(roleGroup(hook, plugins), { deps: opts.deps });
}
