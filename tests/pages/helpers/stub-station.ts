/**
 * A small stand-in for the station's API, enough for the pages' browser tests
 * (queue, public and counter streams, counter actions, sim printer/buttons).
 * Its state lives in a plain object so a "restart" on the same port keeps it,
 * as the real station keeps its SQLite file.
 */
import Fastify from 'fastify';
import type { ServerResponse } from 'node:http';
import { pagesPlugin } from '../../../src/api/pages/index.js';
import type { VoiceSynthesis } from '../../../src/controller/voice-port.js';

export interface StubState {
  tickets: Array<{
    id: number;
    number: string;
    service: string;
    priority: boolean;
    status: string;
    issuedAt: string;
    calledAt?: string;
    counter?: number;
    calls?: number;
    steps?: any[];
  }>;
  printed: Array<{ at: number; text: string; bytes: number }>;
  eventId: number;
  faults: Array<{ id: number; device: string; description: string; reportedAt: string; resolvedAt: string | null }>;
  /** Points for GET /api/v1/power/history; null: the route answers 404 (not there yet). */
  powerHistory: Array<{ at: string; powerW: number; source: string }> | null;
  exhausted: string[];
  /** Alerts as GET /api/v1/alerts answers them (the tests raise and clear them). */
  alerts: Array<{
    id: number;
    kind: string;
    subject: string;
    severity: string;
    active: boolean;
    message: string;
    messageId: string;
    value: number | null;
    threshold: number | null;
    raisedAt: string;
    clearedAt: string | null;
  }>;
}

export const newStubState = (): StubState => ({
  tickets: [],
  printed: [],
  eventId: 0,
  faults: [],
  powerHistory: null,
  exhausted: [],
  alerts: [],
});

const SERVICES = [
  { code: 'A', name: 'Perekaman e-KTP', steps: ['verify', 'photo', 'signature', 'biometrics', 'stamp'], dailyQuota: 150 },
  { code: 'B', name: 'Pengambilan e-KTP', steps: ['verify', 'handover'], dailyQuota: 200 },
];
const COUNTERS = [
  { id: 1, name: 'Loket 1', services: ['A', 'B'] },
  { id: 2, name: 'Loket 2', services: ['A', 'B'] },
];
const TOKENS: Record<string, { role: string; counter?: number }> = {
  'dev-admin': { role: 'admin' },
  'dev-technician': { role: 'technician' },
  'dev-counter-1': { role: 'counter', counter: 1 },
  'dev-counter-2': { role: 'counter', counter: 2 },
};

export async function startStub(opts: { state: StubState; port?: number; speech?: VoiceSynthesis }) {
  const { state } = opts;
  const app = Fastify({ forceCloseConnections: true });
  const streams = new Set<{ res: ServerResponse; counter: number | null }>();
  const caller = (req: any) => TOKENS[(req.headers.authorization ?? '').replace(/^Bearer /, '') || req.query?.token || ''];
  const now = () => new Date().toISOString();
  const queueView = () => ({
    date: now().slice(0, 10),
    services: SERVICES.map((s) => {
      const issued = state.tickets.filter((t) => t.service === s.code).length;
      return {
        code: s.code,
        name: s.name,
        waiting: state.tickets.filter((t) => t.service === s.code && t.status === 'waiting').length,
        issued,
        quota: s.dailyQuota,
        remaining: s.dailyQuota - issued,
        exhausted: state.exhausted.includes(s.code),
        estimatedWaitMinutes: null,
      };
    }),
    counters: COUNTERS.map((c) => ({
      id: c.id,
      name: c.name,
      state: 'open',
      degraded: false,
      current: state.tickets.find((t) => t.counter === c.id && (t.status === 'called' || t.status === 'serving')) ?? null,
    })),
  });
  const send = (name: string, data: unknown, counter: number | null = null) => {
    const id = ++state.eventId;
    for (const s of streams)
      if (counter === null || s.counter === counter) s.res.write(`id: ${id}\nevent: ${name}\ndata: ${JSON.stringify(data)}\n\n`);
  };
  const stream = (req: any, reply: any, counter: number | null) => {
    reply.hijack();
    reply.raw.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
    reply.raw.write(`retry: 500\n\nid: ${state.eventId}\nevent: queue\ndata: ${JSON.stringify(queueView())}\n\n`);
    const entry = { res: reply.raw as ServerResponse, counter };
    streams.add(entry);
    req.raw.on('close', () => streams.delete(entry));
  };
  app.addHook('onClose', async () => {
    for (const s of streams) s.res.destroy();
  });
  await app.register(pagesPlugin, {
    stationName: 'Kecamatan Merek',
    timeZone: 'Asia/Jakarta',
    simulated: true,
    services: SERVICES,
    counters: COUNTERS,
    buttons: [{ service: 'A' }, { service: 'A', priority: true }, { service: 'B' }],
    speech: opts.speech,
  });
  app.get('/api/v1/queue', async () => queueView());
  app.get('/api/v1/events', async (req, reply) => stream(req, reply, null));
  app.get<{ Params: { id: string } }>('/api/v1/counters/:id/events', async (req, reply) => {
    const who = caller(req);
    if (!who || (who.role !== 'admin' && who.counter !== Number(req.params.id)))
      return reply.code(401).send({ error: { code: 'UNAUTHORIZED', message: 'token' } });
    stream(req, reply, Number(req.params.id));
  });
  app.get('/api/v1/devices', async (req, reply) =>
    caller(req)
      ? [{ id: 'printer', kind: 'printer', status: 'ok', detail: 'ready', lastSeen: now() }]
      : reply.code(401).send({ error: { code: 'UNAUTHORIZED', message: 'token' } }),
  );
  app.post<{ Params: { n: string } }>('/api/v1/sim/buttons/:n/press', async (req) => {
    const service = ['A', 'A', 'B'][Number(req.params.n)] ?? 'A';
    const number = `${service}-${String(state.tickets.filter((t) => t.service === service).length + 1).padStart(3, '0')}`;
    state.tickets.push({
      id: state.tickets.length + 1,
      number,
      service,
      priority: req.params.n === '1',
      status: 'waiting',
      issuedAt: now(),
    });
    state.printed.push({ at: Date.now(), text: `KECAMATAN MEREK\n[3x3] ${number}\nPerekaman e-KTP\n${now()}\n`, bytes: 180 });
    send('queue', queueView());
    return { pressed: Number(req.params.n) };
  });
  app.get('/api/v1/power', async () => ({
    source: 'mains',
    mains: true,
    genset: false,
    outage: false,
    supply: { busVoltage: 12.6, currentA: 1.5, powerW: 18.9 },
    budget: { requiredW: 3850, availableW: 5000 },
  }));
  app.get('/api/v1/power/history', async (_req, reply) =>
    state.powerHistory ? { samples: state.powerHistory } : reply.code(404).send({ error: { code: 'NOT_FOUND', message: 'no route' } }),
  );
  app.get('/api/v1/reports/daily', async () => ({
    date: now().slice(0, 10),
    issued: state.tickets.length,
    done: state.tickets.filter((t) => t.status === 'done').length,
    services: { A: { issued: state.tickets.length } },
  }));
  app.get<{ Querystring: { active?: string } }>('/api/v1/alerts', async (req, reply) =>
    caller(req)
      ? { alerts: state.alerts.filter((a) => req.query.active !== 'true' || a.active) }
      : reply.code(401).send({ error: { code: 'UNAUTHORIZED', message: 'token' } }),
  );
  app.get('/api/v1/faults', async () => ({ faults: state.faults }));
  app.post<{ Body: { device: string; description: string } }>('/api/v1/faults', async (req, reply) => {
    const fault = {
      id: state.faults.length + 1,
      device: req.body.device,
      description: req.body.description,
      reportedAt: now(),
      resolvedAt: null,
    };
    state.faults.push(fault);
    return reply.code(201).send({ fault });
  });
  app.post<{ Params: { id: string } }>('/api/v1/faults/:id/resolve', async (req) => {
    const fault = state.faults.find((f) => f.id === Number(req.params.id))!;
    fault.resolvedAt = now();
    return { fault };
  });
  app.get('/api/v1/sim/printer', async () => ({ tickets: state.printed }));
  app.get('/api/v1/sim/displays', async () => ({
    displays: COUNTERS.map((c) => ({
      counter: c.id,
      text:
        queueView()
          .counters.find((x) => x.id === c.id)
          ?.current?.number.replace('-', '') ?? '',
      blinking: false,
      on: true,
      brightness: 8,
    })),
  }));
  app.post<{ Params: { id: string; action: string }; Body: any }>('/api/v1/counters/:id/:action', async (req, reply) => {
    const id = Number(req.params.id);
    const cur = state.tickets.find((t) => t.counter === id && (t.status === 'called' || t.status === 'serving'));
    const done = (tk: any) => {
      send('ticket', { ...tk, counter: id }, id);
      send('queue', queueView());
      return { ticket: tk };
    };
    switch (req.params.action) {
      case 'call': {
        if (cur) cur.status = 'done';
        const next = state.tickets.find((t) => t.status === 'waiting');
        if (!next) return reply.code(409).send({ error: { code: 'QUEUE_EMPTY', message: 'no one waiting' } });
        Object.assign(next, { status: 'called', counter: id, calledAt: now(), calls: 1, steps: [] });
        send('called', {
          number: next.number,
          service: next.service,
          serviceName: 'Perekaman e-KTP',
          counter: id,
          counterName: `Loket ${id}`,
          priority: next.priority,
          calls: 1,
          at: next.calledAt,
        });
        return done(next);
      }
      case 'steps': {
        if (!cur) return reply.code(409).send({ error: { code: 'NO_TICKET', message: 'none' } });
        for (const s of cur.steps ?? [])
          if (!s.endedAt) Object.assign(s, { endedAt: now(), durationS: (Date.now() - Date.parse(s.startedAt)) / 1000 });
        cur.steps!.push({ step: (req.body as { step: string }).step, startedAt: now(), endedAt: null, durationS: null });
        cur.status = 'serving';
        return done(cur);
      }
      case 'complete':
        if (!cur) return reply.code(409).send({ error: { code: 'NO_TICKET', message: 'none' } });
        cur.status = 'done';
        return done(cur);
      default:
        return reply.code(404).send({ error: { code: 'NOT_FOUND', message: 'stub' } });
    }
  });
  await app.listen({ host: '127.0.0.1', port: opts.port ?? 0 });
  const address = app.server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${address.port}`,
    port: address.port,
    close: () => app.close(),
    /** Sends an event on the public stream, as the station would. */
    emit: (name: string, data: unknown) => send(name, data),
    queueView,
  };
}
