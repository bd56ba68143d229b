import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { TokenConfig } from '../config/schema.js';
import { StationError } from '../shared/errors.js';

export type Role = 'kiosk' | 'counter' | 'technician' | 'admin';

export interface Caller {
  role: Role;
  counter?: number;
  name?: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    caller: Caller | null;
  }
}

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest();

/**
 * Bearer tokens, kept only as SHA-256 digests and compared in constant time
 * against every entry (so timing says nothing about which token nearly matched).
 */
export class TokenBook {
  private readonly entries: Array<{ digest: Buffer; caller: Caller }>;

  constructor(tokens: TokenConfig[]) {
    this.entries = tokens.map((t) => ({
      digest: 'token' in t ? sha256(t.token) : Buffer.from(t.sha256, 'hex'),
      caller: { role: t.role, ...(t.counter !== undefined ? { counter: t.counter } : {}), ...(t.name ? { name: t.name } : {}) },
    }));
  }

  verify(token: string): Caller | null {
    const digest = sha256(token);
    let found: Caller | null = null;
    for (const e of this.entries) {
      if (timingSafeEqual(e.digest, digest) && !found) found = e.caller;
    }
    return found;
  }
}

/** Reads `Authorization: Bearer …`, or `?token=` for EventSource, which cannot send headers. */
export function presentedToken(req: FastifyRequest): string | null {
  const header = req.headers.authorization;
  if (header) {
    const m = /^Bearer\s+(\S+)$/i.exec(header);
    return m ? m[1]! : '';
  }
  const q = (req.query as Record<string, unknown> | undefined)?.token;
  return typeof q === 'string' ? q : null;
}

/** A preHandler that lets only the given roles through: 401 without a valid token, 403 for other roles. */
export function allow(...roles: Role[]) {
  return async (req: FastifyRequest) => {
    const caller = requireCaller(req);
    if (!roles.includes(caller.role)) throw forbidden(caller, roles.join(' or '));
  };
}

/** Counter routes: that counter's own token, or an admin. */
export function allowCounterOrAdmin() {
  return async (req: FastifyRequest) => {
    const caller = requireCaller(req);
    if (caller.role === 'admin') return;
    const id = Number((req.params as { id?: string }).id);
    if (caller.role === 'counter' && caller.counter === id) return;
    throw forbidden(caller, `counter ${id}'s token or admin`);
  };
}

function requireCaller(req: FastifyRequest): Caller {
  if (!req.caller) throw new StationError('UNAUTHORIZED', 'a valid bearer token is required (Authorization: Bearer TOKEN)', 401);
  return req.caller;
}

const forbidden = (c: Caller, needed: string) =>
  new StationError('FORBIDDEN', `this ${c.role}${c.counter ? ` ${c.counter}` : ''} token may not do that; needs ${needed}`, 403);
