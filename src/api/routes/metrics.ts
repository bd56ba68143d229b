/**
 * GET /metrics in Prometheus text format (technician, admin): power, genset,
 * alerts, device status, queue, tickets and HTTP traffic. Each app has its
 * own registry, so several stations in one process (tests) do not collide.
 */
import type { FastifyInstance } from 'fastify';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { ApiDeps } from '../deps.js';
import { bearer, errors } from '../schemas.js';
import { fleetGauges } from './fleet.js';
import { openStreamCount, streamDrops, unsentBytes } from '../sse.js';

const SOURCES = ['mains', 'genset', 'battery', 'unknown'] as const;
const STATUSES = ['ok', 'degraded', 'fault', 'offline'] as const;
const STATES = ['open', 'paused', 'closed'] as const;
const ALERTS = [
  'supply-undervoltage',
  'genset-battery-low',
  'fuel-low',
  'genset-long-run',
  'device-offline',
  'fleet-backlog',
  'clock-unsynced',
  'printer-cannot-print',
] as const;

export interface HttpMetrics {
  registry: Registry;
}

/** Counts every HTTP request and its duration; call on the root instance before routes are registered. */
export function installHttpMetrics(app: FastifyInstance): HttpMetrics {
  const registry = new Registry();
  const requests = new Counter({
    name: 'ktp_http_requests_total',
    help: 'HTTP requests answered',
    labelNames: ['method', 'route', 'status'],
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'ktp_http_request_duration_seconds',
    help: 'HTTP request duration',
    labelNames: ['method', 'route'],
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  // An event stream is answered outside Fastify's reply cycle (no onResponse): it is counted when its connection ends.
  app.addHook('onRequest', async (req, reply) => {
    const route = req.routeOptions?.url;
    if (route === undefined || !EVENT_ROUTES.has(route)) return;
    reply.raw.once('close', () => requests.inc({ method: req.method, route, status: String(reply.raw.statusCode) }));
  });
  app.addHook('onResponse', async (req, reply) => {
    const route = req.routeOptions?.url ?? 'unmatched';
    if (EVENT_ROUTES.has(route)) return;
    requests.inc({ method: req.method, route, status: String(reply.statusCode) });
    duration.observe({ method: req.method, route }, reply.elapsedTime / 1000);
  });
  streamGauges(registry, app);
  return { registry };
}

const EVENT_ROUTES: ReadonlySet<string> = new Set(['/api/v1/events', '/api/v1/counters/:id/events']);

/** Event streams: open now, bytes waiting for slow readers, streams refused or dropped. */
function streamGauges(registry: Registry, app: FastifyInstance): void {
  new Gauge({
    name: 'ktp_event_streams_open',
    help: 'event streams (SSE) open now',
    registers: [registry],
    collect() {
      this.set(openStreamCount(app.server));
    },
  });
  new Gauge({
    name: 'ktp_event_streams_unsent_bytes',
    help: 'bytes written to event streams and not yet taken by their readers',
    registers: [registry],
    collect() {
      this.set(unsentBytes(app.server));
    },
  });
  const reported = new Map<string, number>();
  new Counter({
    name: 'ktp_event_streams_refused_total',
    help: 'event streams refused (station or address full) or dropped (a reader too slow to take what it is sent)',
    labelNames: ['reason'],
    registers: [registry],
    collect() {
      for (const [reason, n] of Object.entries(streamDrops(app.server))) {
        this.inc({ reason }, n - (reported.get(reason) ?? 0));
        reported.set(reason, n);
      }
    },
  });
}

function stationGauges(registry: Registry, deps: ApiDeps): void {
  const g = (name: string, help: string, labelNames: string[], collect: (this: Gauge) => void) =>
    new Gauge({ name, help, labelNames, registers: [registry], collect });
  const set = (gauge: Gauge, v: number | boolean | null | undefined, labels: Record<string, string> = {}) => {
    if (v === null || v === undefined) return;
    gauge.set(labels, typeof v === 'boolean' ? (v ? 1 : 0) : v);
  };

  g('ktp_power_source', 'current power source (1 for the one in use)', ['source'], function () {
    const v = deps.power?.view();
    if (v) for (const s of SOURCES) this.set({ source: s }, v.source === s ? 1 : 0);
  });
  g('ktp_power_outage', '1 while mains is out', [], function () {
    set(this, deps.power?.view().outage);
  });
  g('ktp_mains_present', 'mains sense line', [], function () {
    set(this, deps.power?.view().mains);
  });
  g('ktp_genset_running', 'genset sense line', [], function () {
    set(this, deps.power?.view().genset);
  });
  g('ktp_supply_bus_volts', 'board supply rail (INA219 bus voltage)', [], function () {
    set(this, deps.power?.view().supply?.busVoltage);
  });
  g('ktp_supply_current_amps', 'board supply current', [], function () {
    set(this, deps.power?.view().supply?.currentA);
  });
  g('ktp_supply_watts', 'board supply power', [], function () {
    set(this, deps.power?.view().supply?.powerW);
  });
  g('ktp_genset_battery_volts', 'genset starter battery', [], function () {
    set(this, deps.power?.view().gensetBatteryV);
  });
  g('ktp_genset_fuel_percent', 'genset fuel level', [], function () {
    set(this, deps.power?.view().fuelPercent);
  });
  g('ktp_power_required_watts', 'what the configured recording sets need', [], function () {
    set(this, deps.power?.budget.requiredW);
  });
  g('ktp_power_available_watts', 'genset rated watts', [], function () {
    set(this, deps.power?.budget.availableW);
  });
  g('ktp_alert_active', 'active technician alerts by kind', ['kind'], function () {
    if (!deps.power) return;
    const active = deps.power.alerts.list();
    for (const k of ALERTS) this.set({ kind: k }, active.filter((a) => a.kind === k).length);
  });
  g('ktp_device_status', 'device status (1 for its current status)', ['device', 'kind', 'status'], function () {
    this.reset();
    for (const d of deps.devices.list())
      for (const s of STATUSES) this.set({ device: d.id, kind: d.kind, status: s }, d.status === s ? 1 : 0);
  });
  g('ktp_queue_waiting', 'tickets waiting, by service', ['service'], function () {
    for (const s of deps.queue.queueView().services) this.set({ service: s.code }, s.waiting);
  });
  g('ktp_tickets_issued_today', 'tickets issued this local day, by service', ['service'], function () {
    for (const s of deps.queue.queueView().services) this.set({ service: s.code }, s.issued);
  });
  g('ktp_desk_state', 'service desk (loket) state (1 for its current state)', ['counter', 'state'], function () {
    for (const c of deps.queue.queueView().counters)
      for (const s of STATES) this.set({ counter: String(c.id), state: s }, c.state === s ? 1 : 0);
  });
  g('ktp_desk_degraded', '1 while a service desk (loket) has an open equipment fault', ['counter'], function () {
    for (const c of deps.queue.queueView().counters) this.set({ counter: String(c.id) }, c.degraded ? 1 : 0);
  });
  g('ktp_faults_open', 'recording-equipment faults not yet resolved', [], function () {
    if (deps.faults) this.set(deps.faults.list(true).length);
  });
  g('ktp_ticket_printer_ready', '1 while the ticket buttons can issue (their printer can print)', [], function () {
    const r = deps.dispenser.readiness();
    if (r) this.set(r.ready ? 1 : 0);
  });
  new Counter({
    name: 'ktp_button_presses_total',
    help: 'ticket button presses since start, by outcome (refused: quota-exhausted, printer, storage, error)',
    labelNames: ['outcome', 'reason'],
    registers: [registry],
    collect() {
      const c = deps.dispenser.pressCounts();
      this.reset();
      this.inc({ outcome: 'issued', reason: 'ok' }, c.issued);
      this.inc({ outcome: 'ignored', reason: 'too-soon' }, c.ignored);
      for (const [reason, n] of Object.entries(c.refused)) this.inc({ outcome: 'refused', reason }, n);
    },
  });
}

export async function metricsRoutes(app: FastifyInstance, { deps, http }: { deps: ApiDeps; http: HttpMetrics }) {
  stationGauges(http.registry, deps);
  fleetGauges(http.registry, deps);
  app.get(
    '/metrics',
    {
      schema: { summary: 'Prometheus metrics (technician, admin)', security: bearer, tags: ['metrics'], response: errors(401, 403) },
    },
    async (_req, reply) => {
      const text = await http.registry.metrics();
      return reply.type(http.registry.contentType).send(text);
    },
  );
}
