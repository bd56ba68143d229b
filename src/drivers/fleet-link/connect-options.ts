/**
 * How the station logs in to the regency broker: user name and password (the
 * password from a file only the station's user can read), TLS with the
 * regency's CA, an optional client certificate, and the last will.
 */
import type { IClientOptions } from 'mqtt';
import type { FleetMqtt } from '../../config/fleet.js';
import { readPrivateFile, readSetupFile } from '../../shared/secrets.js';

export interface LastWill {
  topic: string;
  payload: string;
}

/** mqtt.js options for one connection attempt. Reconnecting is the link's job, not mqtt.js's. */
export function connectOptions(m: FleetMqtt, will: LastWill): IClientOptions {
  const opts: IClientOptions = {
    clientId: m.clientId,
    protocolVersion: 4,
    clean: true,
    keepalive: m.keepaliveSeconds,
    connectTimeout: Math.max(5, m.keepaliveSeconds) * 1000,
    reconnectPeriod: 0,
    resubscribe: false,
    queueQoSZero: false,
    will: { topic: will.topic, payload: Buffer.from(will.payload), qos: 1, retain: true },
  };
  if (m.username) opts.username = m.username;
  if (m.password) opts.password = m.password;
  if (m.passwordFile) opts.password = readPrivateFile(m.passwordFile, 'fleet.mqtt.passwordFile').split(/\r?\n/)[0]!;
  if (m.url.startsWith('mqtts://')) {
    opts.rejectUnauthorized = true;
    if (m.caFile) opts.ca = readSetupFile(m.caFile, 'fleet.mqtt.caFile');
    if (m.certFile) opts.cert = readSetupFile(m.certFile, 'fleet.mqtt.certFile');
    if (m.keyFile) opts.key = readPrivateFile(m.keyFile, 'fleet.mqtt.keyFile');
  }
  return opts;
}
