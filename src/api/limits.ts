/**
 * What a stranger on the office LAN can make the station do, bounded: the
 * limits of the HTTP server in one options object, defaults merged once
 * (config `http.limits` overrides any of them).
 */

export interface HttpLimits {
  /** Tickets one kiosk token may issue per minute (a kiosk at the door: one every 2 s at most). */
  ticketsPerMinutePerToken: number;
  /** Tickets issued per minute from one address, whatever token it presents. */
  ticketsPerMinutePerAddress: number;
  /** Requests per minute from one address on any route; the board itself (loopback) is not limited. */
  requestsPerMinutePerAddress: number;
  /** Longest a whole request (headers and body) may take to arrive: a body trickling in is cut. */
  requestTimeoutMs: number;
  /** Longest the request headers may take. */
  headersTimeoutMs: number;
  /** A connection with no traffic either way is closed after this (event streams send heartbeats). */
  idleTimeoutMs: number;
  /** Connections at once; beyond this new ones are refused (the process keeps descriptors for its devices). */
  maxConnections: number;
  /** Event-stream clients at once, all addresses together. */
  sseClients: number;
  /** Event-stream clients at once from one address (a screen needs one or two). */
  sseClientsPerAddress: number;
  /** Bytes an event stream may have waiting unsent before its client counts as stuck and is dropped. */
  sseMaxUnsentBytes: number;
}

export const defaultLimits: HttpLimits = {
  ticketsPerMinutePerToken: 30,
  ticketsPerMinutePerAddress: 60,
  requestsPerMinutePerAddress: 600,
  requestTimeoutMs: 30_000,
  headersTimeoutMs: 10_000,
  idleTimeoutMs: 60_000,
  maxConnections: 512,
  sseClients: 200,
  sseClientsPerAddress: 16,
  sseMaxUnsentBytes: 256 * 1024,
};

export function resolveLimits(overrides: Partial<HttpLimits> | undefined): HttpLimits {
  return { ...defaultLimits, ...overrides };
}

/** The board itself: its own kiosk browser and tools are not strangers. */
export function isLoopback(address: string | undefined): boolean {
  return address === '127.0.0.1' || address === '::1' || address === '::ffff:127.0.0.1' || (address?.startsWith('127.') ?? false);
}
