/**
 * Rate limits (with @fastify/rate-limit's counting store): every route per
 * address, and ticket issue per token and per address, so one kiosk token or
 * one machine on the LAN cannot take a day's quota in a second. An exceeded
 * limit is `429 RATE_LIMITED` with Retry-After. The board itself (loopback)
 * is not limited per address; per token it is, like anyone.
 *
 * Also the server's own bounds: request, header and idle timeouts and a cap on
 * connections (`serverOptions`, passed to Fastify).
 */
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import rateLimit from '@fastify/rate-limit';
import { presentedToken } from './auth.js';
import { isLoopback, type HttpLimits } from './limits.js';

const MINUTE = 60_000;

/** What goes into Fastify's options for these limits. */
export function serverOptions(limits: HttpLimits) {
  return {
    requestTimeout: limits.requestTimeoutMs,
    connectionTimeout: limits.idleTimeoutMs,
    http: {
      // Node measures the headers against this and the whole request against requestTimeout; the first may not exceed the second.
      headersTimeout: Math.min(limits.headersTimeoutMs, limits.requestTimeoutMs),
      // How often Node looks for requests past their timeout (its default is 30 s).
      connectionsCheckingInterval: Math.min(1000, limits.requestTimeoutMs),
    },
  };
}

/** Routes that issue tickets (a ticket button does it without HTTP and has its own minimum interval). */
const TICKET_ROUTES = new Set(['POST /api/v1/tickets']);

type Check = (req: FastifyRequest) => Promise<{ isExceeded?: boolean; ttlInSeconds?: number; isAllowed: boolean }>;

export async function installRequestLimits(app: FastifyInstance, limits: HttpLimits): Promise<void> {
  app.server.maxConnections = limits.maxConnections;
  await app.register(rateLimit, { global: false, cache: 10_000 });
  const limiter = (max: number, key: (req: FastifyRequest) => string): Check =>
    app.createRateLimit({ max, timeWindow: MINUTE, keyGenerator: key }) as unknown as Check;
  const perAddress = limiter(limits.requestsPerMinutePerAddress, (req) => `a|${req.ip}`);
  const ticketsPerAddress = limiter(limits.ticketsPerMinutePerAddress, (req) => `ta|${req.ip}`);
  const ticketsPerToken = limiter(limits.ticketsPerMinutePerToken, (req) => `tk|${tokenKey(req)}`);

  app.addHook('onRequest', async (req, reply) => {
    const local = isLoopback(req.ip);
    const checks: Check[] = local ? [] : [perAddress];
    if (TICKET_ROUTES.has(`${req.method} ${req.routeOptions.url}`)) {
      if (req.caller) checks.push(ticketsPerToken);
      if (!local) checks.push(ticketsPerAddress);
    }
    for (const check of checks) {
      const r = await check(req);
      if (r.isExceeded) return tooMany(reply, r.ttlInSeconds ?? 60);
    }
  });
}

/** A token's identity for counting, never the token itself. */
function tokenKey(req: FastifyRequest): string {
  return createHash('sha256')
    .update(presentedToken(req) ?? '')
    .digest('base64url')
    .slice(0, 16);
}

function tooMany(reply: FastifyReply, seconds: number): FastifyReply {
  return reply
    .status(429)
    .header('retry-after', String(Math.max(1, seconds)))
    .send({
      error: {
        code: 'RATE_LIMITED',
        message: `Terlalu banyak permintaan; coba lagi dalam ${seconds} detik. / Too many requests; try again in ${seconds} s.`,
      },
    });
}
