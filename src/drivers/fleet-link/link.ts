/**
 * The station's link to the regency broker. It sends the SQLite outbox in seq
 * order as QoS 1 messages and deletes each event only once the broker has
 * acknowledged it (PUBACK). The outbox is the only truth: every connection is
 * a fresh mqtt.js client with a clean session, whose in-memory store dies with
 * it, so nothing that mqtt.js held (and could lose, MQTT.js #2015) matters.
 * After any cut the link starts again from the oldest unacknowledged event.
 *
 * At most `inflight` events are unacknowledged at once: enough to keep a slow
 * mobile link busy (one round trip per `inflight` events instead of per event),
 * few enough that a cut re-sends little and that a v5 broker's default receive
 * maximum (mosquitto: 20) never throttles us.
 */
import type { IClientOptions, MqttClient } from 'mqtt';
import type { Clock, TimerHandle } from '../../shared/clock.js';
import type { Logger } from '../../shared/log.js';
import { isoLocal } from '../../shared/time.js';
import type { FleetMqtt } from '../../config/fleet.js';
import type { AlertPort, FleetLinkStatus, LinkState, OutboxPort, OutboxRow } from '../../controller/fleet-port.js';
import { connectOptions } from './connect-options.js';
import { SetupError, safeUrl } from '../../shared/secrets.js';

export interface FleetLinkDeps {
  mqtt: FleetMqtt;
  station: { id: string; name: string; regency: string };
  version: string;
  timeZone: string;
  outbox: OutboxPort;
  clock: Clock;
  log: Logger;
  alerts?: AlertPort | null;
  /** Figures the retained state message carries (today's queue, power source, active alerts). */
  summary?: () => Record<string, unknown>;
  /** mqtt.js's connect; default: mqtt.js loaded on first use (a station without a fleet link never loads it). */
  connect?: (url: string, opts: IClientOptions) => MqttClient;
  random?: () => number;
}

const RECONNECT_MIN_MS = 1_000;
const ACK_FLUSH_MS = 100;
const ACK_FLUSH_COUNT = 256;
const PREFETCH = 128;
const MAINTENANCE_MS = 60_000;

export class FleetLink {
  readonly topics: { state: string; events: string };
  private state: LinkState = 'stopped';
  private since: number;
  private client: MqttClient | null = null;
  private generation = 0;
  private cursor = 0;
  private backlogHigh = 0;
  private ready: OutboxRow[] = [];
  private readonly inflight = new Set<number>();
  private acked: number[] = [];
  private ackTimer: TimerHandle | null = null;
  private retryTimer: TimerHandle | null = null;
  private heartbeat: TimerHandle | null = null;
  private maintenance: TimerHandle | null = null;
  private attempts = 0;
  private connections = 0;
  private connectedAt: number | null = null;
  private nextAttemptAt: number | null = null;
  private lastError: string | null = null;
  private ackedSinceStart = 0;
  private lastAckedSeq: number | null = null;
  private stopAppend: (() => void) | null = null;
  private pumping = false;
  private connectFn: ((url: string, opts: IClientOptions) => MqttClient) | null;

  constructor(private readonly d: FleetLinkDeps) {
    const base = `${d.mqtt.topicPrefix}/${d.station.id}`;
    this.topics = { state: `${base}/state`, events: `${base}/events` };
    this.since = d.clock.now();
    this.connectFn = d.connect ?? null;
  }

  start(): void {
    if (this.state !== 'stopped') return;
    this.setState('connecting');
    this.stopAppend = this.d.outbox.onAppend(() => this.pump());
    this.maintain();
    this.maintenance = this.d.clock.setInterval(() => this.maintain(), MAINTENANCE_MS);
    this.open();
  }

  /** Says goodbye (retained `online: false`) when the broker is reachable, flushes acknowledgements, closes. */
  async stop(): Promise<void> {
    if (this.state === 'stopped') return;
    const client = this.state === 'online' ? this.client : null;
    this.setState('stopped');
    this.generation++;
    for (const t of [this.retryTimer, this.heartbeat, this.maintenance, this.ackTimer]) t?.cancel();
    this.stopAppend?.();
    this.flushAcks();
    if (client) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 2_000);
        client.publish(this.topics.state, this.statePayload(false), { qos: 1, retain: true }, () => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    const c = this.client;
    this.client = null;
    if (c) await new Promise<void>((resolve) => c.end(!client, {}, () => resolve()));
  }

  status(): FleetLinkStatus {
    const o = this.d.outbox;
    const oldest = o.oldest();
    return {
      state: this.state,
      since: this.iso(this.since)!,
      broker: safeUrl(this.d.mqtt.url),
      clientId: this.d.mqtt.clientId,
      topics: this.topics,
      lastError: this.lastError,
      connectedAt: this.iso(this.connectedAt),
      nextAttemptAt: this.iso(this.nextAttemptAt),
      connections: this.connections,
      inflight: this.inflight.size,
      window: this.d.mqtt.inflight,
      ackedSinceStart: this.ackedSinceStart,
      lastAckedSeq: this.lastAckedSeq,
      outbox: {
        depth: o.depth(),
        oldestSeq: oldest?.seq ?? null,
        oldestAt: this.iso(oldest?.at ?? null),
        oldestAgeS: oldest ? Math.max(0, Math.round((this.d.clock.now() - oldest.at) / 1000)) : 0,
        lastSeq: o.lastSeq(),
        dropped: o.dropped(),
        warnAt: this.d.mqtt.outboxWarnEvents,
        max: this.d.mqtt.outboxMaxEvents,
      },
    };
  }

  // ---- connection -------------------------------------------------------

  private open(): void {
    if (!this.connectFn) {
      import('mqtt').then(
        (m) => {
          this.connectFn = m.connect;
          if (this.state !== 'stopped') this.open();
        },
        (err: Error) => {
          this.lastError = `mqtt.js cannot be loaded: ${err.message}`;
          this.setState('setup-error');
          this.d.log.error(`fleet link cannot start: ${this.lastError}; reinstall the station (npm ci)`);
        },
      );
      return;
    }
    const gen = ++this.generation;
    this.nextAttemptAt = null;
    let opts: IClientOptions;
    try {
      opts = connectOptions(this.d.mqtt, { topic: this.topics.state, payload: JSON.stringify({ online: false }) });
    } catch (err) {
      if (!(err instanceof SetupError)) throw err;
      this.lastError = err.message;
      this.setState('setup-error');
      this.d.log.error(`fleet link cannot start: ${err.message}`);
      this.retry(this.maxBackoff());
      return;
    }
    this.setState('connecting');
    const client = this.connectFn(this.d.mqtt.url, opts);
    this.client = client;
    client.on('connect', () => this.onConnect(client, gen));
    client.on('error', (err) => {
      if (gen === this.generation) this.lastError = describe(err);
    });
    client.on('close', () => this.onClose(client, gen));
  }

  private onConnect(client: MqttClient, gen: number): void {
    if (gen !== this.generation) return;
    this.attempts = 0;
    this.connections++;
    this.connectedAt = this.d.clock.now();
    this.lastError = null;
    this.flushAcks();
    const o = this.d.outbox;
    // Everything already in the outbox was queued while the link was down.
    this.backlogHigh = o.lastSeq();
    this.cursor = (o.oldest()?.seq ?? this.backlogHigh + 1) - 1;
    this.ready = [];
    this.inflight.clear();
    this.setState('online');
    const backlog = o.depth();
    this.d.log.info(
      { broker: safeUrl(this.d.mqtt.url), backlog, from: this.cursor + 1 },
      backlog > 0 ? `fleet link up: replaying ${backlog} queued event(s) from seq ${this.cursor + 1}` : 'fleet link up',
    );
    client.publish(this.topics.state, this.statePayload(true), { qos: 1, retain: true });
    this.heartbeat?.cancel();
    this.heartbeat = this.d.clock.setInterval(() => {
      if (gen === this.generation && this.state === 'online')
        client.publish(this.topics.state, this.statePayload(true), { qos: 1, retain: true });
    }, this.d.mqtt.heartbeatSeconds * 1000);
    this.pump();
  }

  private onClose(client: MqttClient, gen: number): void {
    if (gen !== this.generation) return;
    this.generation++;
    this.heartbeat?.cancel();
    this.flushAcks();
    const unacked = this.inflight.size;
    this.inflight.clear();
    this.ready = [];
    client.removeAllListeners('connect');
    client.end(true);
    if (this.client === client) this.client = null;
    const wasOnline = this.state === 'online';
    this.setState('offline');
    const delay = this.backoff();
    this.d.log.warn(
      { error: this.lastError, unacked, retryInMs: delay },
      `fleet link ${wasOnline ? 'lost' : 'not established'}${this.lastError ? `: ${this.lastError}` : ''}; events stay queued on the station, next attempt in ${Math.round(delay / 1000)} s`,
    );
    this.retry(delay);
  }

  private retry(delay: number): void {
    this.retryTimer?.cancel();
    this.nextAttemptAt = this.d.clock.now() + delay;
    this.retryTimer = this.d.clock.setTimeout(() => {
      if (this.state !== 'stopped') this.open();
    }, delay);
  }

  /** 1 s doubling to the maximum, with ±25 % jitter so a regency's stations do not all return at once. */
  private backoff(): number {
    const base = Math.min(this.maxBackoff(), RECONNECT_MIN_MS * 2 ** this.attempts);
    this.attempts = Math.min(this.attempts + 1, 30);
    return Math.round(base * (0.75 + (this.d.random ?? Math.random)() * 0.5));
  }

  private maxBackoff(): number {
    return this.d.mqtt.reconnectMaxSeconds * 1000;
  }

  // ---- sending ----------------------------------------------------------

  private pump(): void {
    if (this.pumping || this.state !== 'online' || !this.client) return;
    this.pumping = true;
    try {
      const window = this.d.mqtt.inflight;
      while (this.inflight.size < window) {
        if (this.ready.length === 0) {
          this.ready = this.d.outbox.after(this.cursor, PREFETCH);
          if (this.ready.length === 0) break;
        }
        const row = this.ready.shift()!;
        this.cursor = row.seq;
        this.send(this.client, row);
      }
    } finally {
      this.pumping = false;
    }
  }

  private send(client: MqttClient, row: OutboxRow): void {
    const gen = this.generation;
    const seq = row.seq;
    this.inflight.add(seq);
    const historical = seq <= this.backlogHigh;
    const payload = `{"seq":${seq},"type":${JSON.stringify(row.type)},"at":"${isoLocal(row.at, this.d.timeZone)}","historical":${historical},"data":${row.data}}`;
    client.publish(this.topics.events, payload, { qos: 1 }, (err) => {
      if (gen !== this.generation || err) return; // the link went down: the event stays and is sent again
      this.inflight.delete(seq);
      this.ackedSinceStart++;
      if (this.lastAckedSeq === null || seq > this.lastAckedSeq) this.lastAckedSeq = seq;
      this.acked.push(seq);
      if (this.acked.length >= ACK_FLUSH_COUNT) this.flushAcks();
      else this.ackTimer ??= this.d.clock.setTimeout(() => this.flushAcks(), ACK_FLUSH_MS);
      this.pump();
    });
  }

  /** Acknowledged events leave the outbox in batches: one transaction (one fsync) per batch, not per event. */
  private flushAcks(): void {
    this.ackTimer?.cancel();
    this.ackTimer = null;
    if (this.acked.length === 0) return;
    const batch = this.acked;
    this.acked = [];
    try {
      this.d.outbox.remove(batch);
    } catch (err) {
      // Still on disk: they are sent again later and the regency drops the duplicates by seq.
      this.d.log.error({ err, events: batch.length }, 'fleet outbox: acknowledged events could not be deleted; they will be sent again');
    }
  }

  // ---- upkeep -----------------------------------------------------------

  /** Keeps the outbox within its bound and raises (or clears) the backlog alert. */
  private maintain(): void {
    const m = this.d.mqtt;
    try {
      const dropped = this.d.outbox.trim(m.outboxMaxEvents);
      if (dropped > 0)
        this.d.log.error(
          { dropped, max: m.outboxMaxEvents },
          `fleet outbox full: dropped the ${dropped} oldest unsent event(s); the regency will see a gap in seq`,
        );
      const depth = this.d.outbox.depth();
      if (depth >= m.outboxWarnEvents) {
        const down =
          this.state === 'online' ? 'the link is up but draining' : `link ${this.state}${this.lastError ? ` (${this.lastError})` : ''}`;
        this.d.alerts?.raise({
          kind: 'fleet-backlog',
          severity: depth >= m.outboxMaxEvents * 0.8 ? 'critical' : 'warning',
          value: depth,
          threshold: m.outboxWarnEvents,
          message: `${depth} events wait for the regency broker ${safeUrl(m.url)} (${down}); check the mobile data link and the broker. Past ${m.outboxMaxEvents} the oldest are dropped.`,
          messageId: `${depth} data menunggu dikirim ke kabupaten; periksa koneksi internet dan server MQTT kabupaten.`,
        });
      } else if (depth < m.outboxWarnEvents / 2) {
        this.d.alerts?.clear('fleet-backlog', '', `outbox down to ${depth} event(s)`);
      }
    } catch (err) {
      this.d.log.error({ err }, 'fleet outbox upkeep failed; will try again in a minute');
    }
  }

  private statePayload(online: boolean): string {
    const now = this.d.clock.now();
    const s = this.d.station;
    const body: Record<string, unknown> = {
      online,
      at: isoLocal(now, this.d.timeZone),
      version: this.d.version,
      name: s.name,
      regency: s.regency,
      lastSeq: this.d.outbox.lastSeq(),
    };
    if (online && this.d.summary) {
      try {
        body.summary = this.d.summary();
      } catch (err) {
        this.d.log.warn({ err }, 'fleet state: summary unavailable');
      }
    }
    return JSON.stringify(body);
  }

  private setState(s: LinkState): void {
    if (s !== this.state) {
      this.state = s;
      this.since = this.d.clock.now();
    }
  }

  private iso(ms: number | null): string | null {
    return ms === null ? null : isoLocal(ms, this.d.timeZone);
  }
}

function describe(err: Error & { code?: string | number }): string {
  const code = typeof err.code === 'string' ? err.code : null;
  if (code === 'ECONNREFUSED') return 'connection refused (is the broker running and the port right?)';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'broker host name not found (DNS or no mobile data)';
  if (/Not authorized|Bad username or password/i.test(err.message)) return `${err.message} (check fleet.mqtt.username and the password)`;
  if (/certificate|self.signed|unable to verify/i.test(err.message)) return `${err.message} (check fleet.mqtt.caFile)`;
  return err.message;
}
