/**
 * The fleet link's config with its defaults, and the problems a schema cannot
 * see (a password given twice, TLS files on a plain link).
 */
import type { FleetMqttConfig, StationConfig } from './schema.js';
import type { ConfigProblem } from './validate.js';

export interface FleetMqtt {
  url: string;
  username: string | null;
  password: string | null;
  passwordFile: string | null;
  caFile: string | null;
  certFile: string | null;
  keyFile: string | null;
  topicPrefix: string;
  clientId: string;
  keepaliveSeconds: number;
  inflight: number;
  reconnectMaxSeconds: number;
  heartbeatSeconds: number;
  outboxMaxEvents: number;
  outboxWarnEvents: number;
}

/** Null when the station has no fleet link configured. */
export function fleetMqtt(c: Pick<StationConfig, 'station' | 'fleet'>): FleetMqtt | null {
  const m = c.fleet?.mqtt;
  if (!m) return null;
  return {
    url: m.url,
    username: m.username ?? null,
    password: m.password ?? null,
    passwordFile: m.passwordFile ?? null,
    caFile: m.caFile ?? null,
    certFile: m.certFile ?? null,
    keyFile: m.keyFile ?? null,
    topicPrefix: m.topicPrefix ?? 'ktp',
    clientId: m.clientId ?? `ktp-${c.station.id}`,
    keepaliveSeconds: m.keepaliveSeconds ?? 30,
    inflight: m.inflight ?? 16,
    reconnectMaxSeconds: m.reconnectMaxSeconds ?? 60,
    heartbeatSeconds: m.heartbeatSeconds ?? 60,
    outboxMaxEvents: m.outboxMaxEvents ?? 50_000,
    outboxWarnEvents: m.outboxWarnEvents ?? 2_000,
  };
}

export function fleetConfigProblems(m: FleetMqttConfig | undefined, stationId: string): ConfigProblem[] {
  if (!m) return [];
  const out: ConfigProblem[] = [];
  const at = (key: string, message: string) => out.push({ path: `fleet.mqtt.${key}`, message });
  if (m.password !== undefined && m.passwordFile !== undefined) at('password', 'give password or passwordFile, not both');
  if ((m.password !== undefined || m.passwordFile !== undefined) && m.username === undefined) at('username', 'required with a password');
  const tls = m.url.startsWith('mqtts://');
  for (const key of ['caFile', 'certFile', 'keyFile'] as const) if (m[key] !== undefined && !tls) at(key, 'only used with an mqtts:// url');
  if ((m.certFile === undefined) !== (m.keyFile === undefined)) at(m.certFile ? 'keyFile' : 'certFile', 'certFile and keyFile go together');
  if (m.outboxWarnEvents !== undefined && m.outboxWarnEvents > (m.outboxMaxEvents ?? 50_000))
    at('outboxWarnEvents', 'must not exceed outboxMaxEvents');
  if (/[+#/]/.test(stationId))
    out.push({ path: 'station.id', message: 'must not contain / + or # when fleet.mqtt is set (it names MQTT topics)' });
  return out;
}
