import type { FastifyReply, FastifyRequest } from 'fastify';
import type { EventBus, StationEvent } from '../controller/event-bus.js';
import type { StationEventName, StationEventMap } from '../controller/events.js';

export interface SseOptions {
  bus: EventBus;
  /** Which events this stream carries. */
  accept: (e: StationEvent) => boolean;
  /** Sent first when the client cannot resume (no Last-Event-ID, or one older than what is kept). */
  snapshot: () => Array<{ name: StationEventName; data: StationEventMap[StationEventName] }>;
  heartbeatMs: number;
}

type HttpServer = FastifyRequest['server']['server'];

/** Open streams per HTTP server, so a server can end its own when it closes (a restart must not wait on them). */
const openStreams = new WeakMap<HttpServer, Set<import('node:http').ServerResponse>>();

/** Ends every open event stream of that server; clients reconnect with Last-Event-ID. */
export function endAllStreams(server: HttpServer): void {
  const set = openStreams.get(server);
  if (!set) return;
  for (const res of set) res.end();
  set.clear();
}

const frame = (id: number | null, name: string, data: unknown) =>
  `${id !== null ? `id: ${id}\n` : ''}event: ${name}\ndata: ${JSON.stringify(data)}\n\n`;

/**
 * Serves a Server-Sent Events stream: resumes from Last-Event-ID (header, or
 * `lastEventId` query for clients that cannot set it) when the events are
 * still kept, otherwise starts from a snapshot; comment heartbeats keep
 * proxies and the browser's EventSource from timing out.
 */
export function serveEvents(req: FastifyRequest, reply: FastifyReply, opts: SseOptions): void {
  const header = req.headers['last-event-id'];
  const fromQuery = (req.query as Record<string, unknown>)?.lastEventId;
  const raw = typeof header === 'string' ? header : typeof fromQuery === 'string' ? fromQuery : undefined;
  const lastId = raw !== undefined && /^\d+$/.test(raw) ? Number(raw) : null;

  reply.hijack();
  const res = reply.raw;
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  res.write('retry: 2000\n\n');

  // Subscribe before replaying so nothing published in between is missed.
  const queued: StationEvent[] = [];
  let replaying = true;
  const send = (e: StationEvent) => {
    if (opts.accept(e)) res.write(frame(e.id, e.name, e.data));
  };
  const unsubscribe = opts.bus.subscribe((e) => (replaying ? queued.push(e) : send(e)));

  const missed = lastId === null ? null : opts.bus.since(lastId);
  if (missed === null) {
    const id = opts.bus.lastId();
    for (const s of opts.snapshot()) res.write(frame(id, s.name, s.data));
  } else {
    for (const e of missed) send(e);
  }
  const sentUpTo = missed?.at(-1)?.id ?? lastId ?? 0;
  replaying = false;
  for (const e of queued) if (e.id > sentUpTo) send(e);

  const beat = setInterval(() => res.write(`: heartbeat ${Date.now()}\n\n`), opts.heartbeatMs);
  beat.unref();
  const streams = openStreams.get(req.server.server) ?? new Set();
  openStreams.set(req.server.server, streams);
  streams.add(res);
  const close = () => {
    clearInterval(beat);
    unsubscribe();
    streams.delete(res);
  };
  req.raw.on('close', close);
  res.on('error', close);
}
