import type { ServerResponse } from 'node:http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { EventBus, StationEvent } from '../controller/event-bus.js';
import type { StationEventName, StationEventMap } from '../controller/events.js';
import { isLoopback } from './limits.js';

export interface SseLimits {
  /** Streams at once on this server. */
  maxClients: number;
  /** Streams at once from one address (loopback excepted). */
  maxPerAddress: number;
  /** Unsent bytes a stream may hold before its reader counts as stuck and is dropped. */
  maxUnsentBytes: number;
}

export interface SseOptions {
  bus: EventBus;
  /** Which events this stream carries. */
  accept: (e: StationEvent) => boolean;
  /** Sent first when the client cannot resume (no Last-Event-ID, or one that is unknown, future or older than what is kept). */
  snapshot: () => Array<{ name: StationEventName; data: StationEventMap[StationEventName] }>;
  heartbeatMs: number;
  limits: SseLimits;
}

type HttpServer = FastifyRequest['server']['server'];

interface OpenStream {
  res: ServerResponse;
  address: string;
}

/** Open streams per HTTP server, so a server can end its own when it closes (a restart must not wait on them). */
const openStreams = new WeakMap<HttpServer, Set<OpenStream>>();

function streamsOf(server: HttpServer): Set<OpenStream> {
  let set = openStreams.get(server);
  if (!set) openStreams.set(server, (set = new Set()));
  return set;
}

/** Ends every open event stream of that server; clients reconnect with Last-Event-ID. */
export function endAllStreams(server: HttpServer): void {
  const set = openStreams.get(server);
  if (!set) return;
  for (const s of set) s.res.end();
  set.clear();
}

type DropReason = 'full' | 'address-full' | 'slow-reader';
const drops = new WeakMap<HttpServer, Record<DropReason, number>>();

/** Streams refused or dropped so far on that server, by reason (for metrics). */
export function streamDrops(server: HttpServer): Record<DropReason, number> {
  let d = drops.get(server);
  if (!d) drops.set(server, (d = { full: 0, 'address-full': 0, 'slow-reader': 0 }));
  return d;
}

/** Event streams open now on that server (for metrics). */
export function openStreamCount(server: HttpServer): number {
  return openStreams.get(server)?.size ?? 0;
}

/** Bytes waiting unsent in every open stream of that server (for metrics). */
export function unsentBytes(server: HttpServer): number {
  let n = 0;
  for (const s of openStreams.get(server) ?? []) n += s.res.writableLength;
  return n;
}

const frame = (id: string | null, name: string, data: unknown) =>
  `${id !== null ? `id: ${id}\n` : ''}event: ${name}\ndata: ${JSON.stringify(data)}\n\n`;

/**
 * Serves a Server-Sent Events stream: resumes from Last-Event-ID (header, or
 * `lastEventId` query for clients that cannot set it) when the events are
 * still kept, otherwise starts from a snapshot; comment heartbeats keep
 * proxies and the browser's EventSource from timing out. Bounded: a server
 * full of streams (or an address with too many) answers 503 with
 * Retry-After, and a reader too slow to take what it is sent is dropped
 * once its unsent bytes pass the limit — memory never grows with a stuck
 * client. A dropped client reconnects and resumes like any other.
 */
export function serveEvents(req: FastifyRequest, reply: FastifyReply, opts: SseOptions): void {
  const streams = streamsOf(req.server.server);
  const address = req.ip;
  const fromAddress = [...streams].filter((s) => s.address === address).length;
  if (streams.size >= opts.limits.maxClients || (!isLoopback(address) && fromAddress >= opts.limits.maxPerAddress)) {
    const full = streams.size >= opts.limits.maxClients;
    streamDrops(req.server.server)[full ? 'full' : 'address-full']++;
    void reply
      .status(503)
      .header('retry-after', '5')
      .send({
        error: {
          code: 'TOO_MANY_STREAMS',
          message: full
            ? `the station serves ${opts.limits.maxClients} event streams at most; try again shortly`
            : `at most ${opts.limits.maxPerAddress} event streams from one address; close the others first`,
        },
      });
    return;
  }

  const header = req.headers['last-event-id'];
  const fromQuery = (req.query as Record<string, unknown>)?.lastEventId;
  const raw = typeof header === 'string' ? header : typeof fromQuery === 'string' ? fromQuery : undefined;
  const lastSeq = opts.bus.seqOf(raw);

  reply.hijack();
  const res = reply.raw;
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });

  const stream: OpenStream = { res, address };
  let dropped = false;
  const write = (chunk: string) => {
    if (dropped) return;
    res.write(chunk);
    if (res.writableLength > opts.limits.maxUnsentBytes) {
      dropped = true;
      streamDrops(req.server.server)['slow-reader']++;
      req.log.warn(
        { unsent: res.writableLength },
        'event stream dropped: its reader takes too long to read what it is sent (it may reconnect and resume)',
      );
      res.destroy();
    }
  };
  write('retry: 2000\n\n');

  // Subscribe before replaying so nothing published in between is missed.
  const queued: StationEvent[] = [];
  let replaying = true;
  const send = (e: StationEvent) => {
    if (opts.accept(e)) write(frame(opts.bus.wireId(e.id), e.name, e.data));
  };
  const unsubscribe = opts.bus.subscribe((e) => (replaying ? queued.push(e) : send(e)));

  const missed = lastSeq === null ? null : opts.bus.since(lastSeq);
  if (missed === null) {
    const id = opts.bus.wireId(opts.bus.lastId());
    for (const s of opts.snapshot()) write(frame(id, s.name, s.data));
  } else {
    for (const e of missed) send(e);
  }
  const sentUpTo = missed === null ? opts.bus.lastId() : (missed.at(-1)?.id ?? lastSeq ?? 0);
  replaying = false;
  for (const e of queued) if (e.id > sentUpTo) send(e);

  const beat = setInterval(() => write(`: heartbeat ${Date.now()}\n\n`), opts.heartbeatMs);
  beat.unref();
  streams.add(stream);
  const close = () => {
    clearInterval(beat);
    unsubscribe();
    streams.delete(stream);
  };
  res.on('close', close);
  res.on('error', close);
}
