/**
 * The fleet acceptance rig: the station as its own process, Debian's mosquitto
 * as the regency broker, a TCP proxy between them as the rural link, and
 * mosquitto_sub (a persistent session, as a regency's Telegraf or Node-RED
 * would hold) as the consumer.
 */
import { join } from 'node:path';
import { tempDir } from './station-fixture.js';
import { startMosquitto, type Mosquitto } from './mosquitto.js';
import { TcpProxy } from './tcp-proxy.js';
import { watch, type Watch } from './mqtt-watch.js';
import { waitFor } from './wait.js';
import { fleetStation, type FleetStation } from './fleet-station.js';

export interface Rig {
  dir: string;
  broker: Mosquitto;
  proxy: TcpProxy;
  sub: Watch;
  station: FleetStation;
}

export async function rig(t: Parameters<typeof tempDir>[0], mqtt: Record<string, unknown> = {}): Promise<Rig> {
  const dir = tempDir(t, 'ktp-fleet-');
  const broker = await startMosquitto({ dir: join(dir, 'broker') });
  t.teardown(() => broker.stop());
  const proxy = await TcpProxy.start({ port: broker.port });
  t.teardown(() => proxy.close());
  // The consumer keeps a persistent session, as a regency's Telegraf or Node-RED would.
  const sub = await watch({ port: broker.port, topic: 'ktp/+/events', id: 'regency-consumer' });
  t.teardown(() => sub.stop());
  const station = await fleetStation({ dir: join(dir, 'station'), brokerUrl: proxy.url, mqtt });
  t.teardown(() => station.stop());
  return { dir, broker, proxy, sub, station };
}

/** Waits until the station's outbox is empty and the consumer holds every event the station made. */
export async function drained(r: Rig, what: string): Promise<number> {
  let last = 0;
  await waitFor(
    async () => {
      const f = await r.station.fleet();
      last = f.outbox.lastSeq;
      return f.state === 'online' && f.outbox.depth === 0 && new Set(r.sub.events().map((e) => e.seq)).size >= last;
    },
    what,
    90_000,
  );
  return last;
}

export const firstCopies = (events: Array<{ seq: number; historical: boolean }>) => {
  const m = new Map<number, boolean>();
  for (const e of events) if (!m.has(e.seq)) m.set(e.seq, e.historical);
  return m;
};
