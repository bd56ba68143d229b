/**
 * The regency view's MQTT side: one persistent session (clean: false, a fixed
 * client id) subscribed to `{prefix}/+/#` with QoS 1, so the broker keeps what
 * arrives while the view is down. Each message is written to SQLite in the
 * message handler, before mqtt.js sends its PUBACK.
 */
import type { IClientOptions, MqttClient } from 'mqtt';
import type { Logger } from '../shared/log.js';
import type { RegencyStore, StationEvent, StationState } from './store.js';

export interface SubscriberOptions {
  url: string;
  topicPrefix: string;
  clientId: string;
  username?: string | null;
  password?: string | null;
  ca?: Buffer | null;
  store: RegencyStore;
  log: Logger;
  now?: () => number;
  /** Called after each message that changed something. */
  onChange?: (station: string) => void;
}

export interface SubscriberStatus {
  connected: boolean;
  since: number;
  lastError: string | null;
  received: number;
  duplicates: number;
  invalid: number;
}

export class RegencySubscriber {
  private client: MqttClient | null = null;
  private readonly st: SubscriberStatus;
  private readonly now: () => number;

  constructor(private readonly o: SubscriberOptions) {
    this.now = o.now ?? Date.now;
    this.st = { connected: false, since: this.now(), lastError: null, received: 0, duplicates: 0, invalid: 0 };
  }

  async start(): Promise<void> {
    const { connect } = await import('mqtt');
    const opts: IClientOptions = {
      clientId: this.o.clientId,
      clean: false,
      protocolVersion: 4,
      keepalive: 30,
      reconnectPeriod: 2_000,
      connectTimeout: 15_000,
    };
    if (this.o.username) opts.username = this.o.username;
    if (this.o.password) opts.password = this.o.password;
    if (this.o.ca) opts.ca = this.o.ca;
    const client = connect(this.o.url, opts);
    this.client = client;
    const topic = `${this.o.topicPrefix}/+/#`;
    client.on('connect', () => {
      this.set(true);
      this.st.lastError = null;
      this.o.log.info({ topic }, `regency view connected to ${this.o.url}`);
      client.subscribe(topic, { qos: 1 }, (err) => {
        if (err) this.o.log.error({ err }, `cannot subscribe to ${topic}`);
      });
    });
    client.on('close', () => this.set(false));
    client.on('error', (err) => {
      this.st.lastError = err.message;
      this.o.log.warn(`regency broker link: ${err.message}`);
    });
    client.on('message', (t, payload, packet) => this.handle(t, payload, packet.retain));
  }

  status(): SubscriberStatus {
    return { ...this.st };
  }

  async stop(): Promise<void> {
    const c = this.client;
    this.client = null;
    if (c) await c.endAsync();
  }

  /** One message from the broker: a station's state or one of its events. Bad input is counted, never thrown. */
  handle(topic: string, payload: Buffer, retained: boolean): void {
    const prefix = `${this.o.topicPrefix}/`;
    if (!topic.startsWith(prefix)) return;
    const parts = topic.slice(prefix.length).split('/');
    if (parts.length !== 2) return;
    const [station, kind] = parts as [string, string];
    let body: unknown;
    try {
      body = JSON.parse(payload.toString('utf8'));
    } catch {
      return this.bad(topic, 'not JSON');
    }
    const received = this.now();
    try {
      if (kind === 'state') {
        const s = parseState(body);
        if (!s) return this.bad(topic, 'not a state message');
        this.o.store.setState(station, s, received, retained);
      } else if (kind === 'events') {
        const e = parseEvent(body);
        if (!e) return this.bad(topic, 'not an event { seq, type, at, historical, data }');
        this.st.received++;
        if (!this.o.store.addEvent(station, e, received)) {
          this.st.duplicates++;
          return;
        }
      } else return;
    } catch (err) {
      // A full disk or the like: this message is lost to the view, the view keeps running.
      this.o.log.error({ err, topic }, 'regency store could not keep a message');
      return;
    }
    this.o.onChange?.(station);
  }

  private bad(topic: string, why: string): void {
    this.st.invalid++;
    this.o.log.warn({ topic }, `ignored a message on ${topic}: ${why}`);
  }

  private set(connected: boolean): void {
    if (this.st.connected !== connected) {
      this.st.connected = connected;
      this.st.since = this.now();
    }
  }
}

function parseTime(x: unknown): number | null {
  if (typeof x !== 'string') return null;
  const ms = Date.parse(x);
  return Number.isFinite(ms) ? ms : null;
}

export function parseEvent(b: unknown): StationEvent | null {
  if (!b || typeof b !== 'object') return null;
  const o = b as Record<string, unknown>;
  const at = parseTime(o.at);
  if (!Number.isSafeInteger(o.seq) || (o.seq as number) < 1 || typeof o.type !== 'string' || at === null) return null;
  if (typeof o.historical !== 'boolean' || !o.data || typeof o.data !== 'object' || Array.isArray(o.data)) return null;
  return { seq: o.seq as number, type: o.type, at, historical: o.historical, data: o.data as Record<string, unknown> };
}

export function parseState(b: unknown): StationState | null {
  if (!b || typeof b !== 'object') return null;
  const o = b as Record<string, unknown>;
  if (typeof o.online !== 'boolean') return null;
  const s: StationState = { online: o.online, at: parseTime(o.at) };
  if (typeof o.name === 'string') s.name = o.name;
  if (typeof o.regency === 'string') s.regency = o.regency;
  if (typeof o.version === 'string') s.version = o.version;
  if (Number.isSafeInteger(o.lastSeq)) s.lastSeq = o.lastSeq as number;
  if (o.summary && typeof o.summary === 'object') s.summary = o.summary as StationState['summary'];
  return s;
}
