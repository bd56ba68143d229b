/**
 * A whole station as its own process (the bundled dist/ktp-station.mjs, every
 * device simulated) with fleet.mqtt pointing at a given broker URL, so a test
 * can SIGKILL it as a power cut would, start it again on the same data, and
 * drive it through its HTTP API like counters and kiosks do.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { builtInConfig, DEV_TOKENS } from '../../src/config/defaults.js';
import type { StationConfig } from '../../src/config/schema.js';
import { startChildStation, waitExit, type ChildStation } from './child-station.js';

export { DEV_TOKENS as TOKENS };

export interface FleetStationOptions {
  dir: string;
  brokerUrl: string;
  id?: string;
  name?: string;
  mqtt?: Partial<NonNullable<NonNullable<StationConfig['fleet']>['mqtt']>>;
  edit?: (c: StationConfig) => void;
}

export interface FleetStation {
  url: () => string;
  api(method: 'GET' | 'POST', path: string, token: string, body?: unknown): Promise<{ status: number; json: any }>;
  fleet(): Promise<any>;
  /** A power cut: no goodbye, no flush. */
  kill(): Promise<void>;
  stop(): Promise<void>;
  start(): Promise<void>;
  output(): string;
}

export async function fleetStation(o: FleetStationOptions): Promise<FleetStation> {
  mkdirSync(o.dir, { recursive: true });
  const c = builtInConfig();
  c.station.id = o.id ?? c.station.id;
  c.station.name = o.name ?? c.station.name;
  c.dataDir = join(o.dir, 'data');
  // A busy hour is issued in seconds here: the per-token ticket limit would refuse it.
  c.http = { host: '127.0.0.1', port: 0, limits: { ticketsPerMinutePerToken: 100_000, ticketsPerMinutePerAddress: 100_000 } };
  c.fleet = { mqtt: { url: o.brokerUrl, keepaliveSeconds: 2, reconnectMaxSeconds: 1, ...o.mqtt } };
  o.edit?.(c);
  const file = join(o.dir, 'station.yaml');
  writeFileSync(file, stringify(c));
  let child: ChildStation | null = null;
  let out = '';

  const api: FleetStation['api'] = async (method, path, token, body) => {
    const res = await fetch(`${child!.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = text;
    }
    return { status: res.status, json };
  };
  const station: FleetStation = {
    url: () => child!.url,
    api,
    fleet: async () => (await api('GET', '/api/v1/fleet', DEV_TOKENS.technician)).json,
    async kill() {
      if (!child) return;
      const p = child.proc;
      out += child.output();
      child = null;
      p.kill('SIGKILL');
      await waitExit(p);
    },
    async stop() {
      if (!child) return;
      const p = child.proc;
      out += child.output();
      child = null;
      p.kill('SIGTERM');
      await waitExit(p);
    },
    async start() {
      // A restart right after a power cut, on a machine busy with other work, may take a while.
      child = await startChildStation(['--config', file], {}, 60_000);
    },
    output: () => out + (child?.output() ?? ''),
  };
  await station.start();
  return station;
}

/**
 * An hour at the counters: `tickets` residents take a number (A and B by
 * turns), and two counters call and complete the tickets in between. Every
 * action is one fleet event; returns how many events that made.
 */
export async function busyHour(s: FleetStation, tickets: number, onStep?: (i: number) => Promise<void> | void): Promise<number> {
  let events = 0;
  for (let i = 0; i < tickets; i++) {
    const issued = await s.api('POST', '/api/v1/tickets', DEV_TOKENS.kiosk, { service: i % 3 === 2 ? 'B' : 'A' });
    if (issued.status !== 201) throw new Error(`ticket ${i} refused: ${JSON.stringify(issued.json)}`);
    events++;
    if (i % 2 === 1) {
      const counter = ((i >> 1) % 2) + 1;
      const token = counter === 1 ? DEV_TOKENS.counter1 : DEV_TOKENS.counter2;
      if ((await s.api('POST', `/api/v1/counters/${counter}/call`, token)).status === 200) {
        events++;
        await s.api('POST', `/api/v1/counters/${counter}/steps`, token, { step: 'verify' });
        if ((await s.api('POST', `/api/v1/counters/${counter}/complete`, token)).status === 200) events++;
      }
    }
    await onStep?.(i);
  }
  return events;
}
