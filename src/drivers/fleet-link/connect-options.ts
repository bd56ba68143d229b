/**
 * How the station logs in to the regency broker: user name and password (the
 * password from a file only the station's user can read), TLS with the
 * regency's CA, an optional client certificate, and the last will.
 */
import { readFileSync, statSync } from 'node:fs';
import type { IClientOptions } from 'mqtt';
import type { FleetMqtt } from '../../config/fleet.js';

/** A problem a technician fixes on the station (a file's mode, a missing CA); retried after a while. */
export class FleetSetupError extends Error {
  override name = 'FleetSetupError';
}

/**
 * Reads a secret file that must be private to the station's user: a password
 * or key that others on the board can read is refused with what to do.
 */
export function readPrivateFile(path: string, what: string): string {
  let st;
  try {
    st = statSync(path);
  } catch (e) {
    throw new FleetSetupError(`${what} ${path} cannot be read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  if (!st.isFile()) throw new FleetSetupError(`${what} ${path} is not a file`);
  const mode = st.mode & 0o777;
  if ((mode & 0o077) !== 0)
    throw new FleetSetupError(
      `${what} ${path} is readable by other users (mode ${mode.toString(8)}); run: chmod 600 ${path} (owner: the station's user)`,
    );
  const uid = process.getuid?.();
  if (uid !== undefined && uid !== 0 && st.uid !== uid)
    throw new FleetSetupError(`${what} ${path} belongs to uid ${st.uid}, not to the station's user (uid ${uid}); chown it`);
  return readFileSync(path, 'utf8');
}

function readPublicFile(path: string, what: string): Buffer {
  try {
    return readFileSync(path);
  } catch (e) {
    throw new FleetSetupError(`${what} ${path} cannot be read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

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
    if (m.caFile) opts.ca = readPublicFile(m.caFile, 'fleet.mqtt.caFile');
    if (m.certFile) opts.cert = readPublicFile(m.certFile, 'fleet.mqtt.certFile');
    if (m.keyFile) opts.key = readPrivateFile(m.keyFile, 'fleet.mqtt.keyFile');
  }
  return opts;
}

/** The broker URL without any credentials, for logs and the API. */
export function safeUrl(url: string): string {
  try {
    const u = new URL(url);
    u.username = '';
    u.password = '';
    return u.toString().replace(/\/$/, '');
  } catch {
    return url.replace(/\/\/[^@/]*@/, '//');
  }
}
