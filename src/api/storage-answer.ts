/**
 * Storage trouble met by a request, answered the same way on every route:
 * 503 STORAGE_UNAVAILABLE with the message in Indonesian and English and a
 * Retry-After, and the storage health told (/health turns `fault`, the
 * technician gets an alert). The mapping itself is in
 * controller/store/storage-errors.ts, so a write in any transaction (tickets,
 * steps, faults, and whatever else is written with them) is covered.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { storageTrouble, StorageUnavailable } from '../controller/store/storage-errors.js';
import type { StorageHealth } from '../controller/store/storage-health.js';

/** Seconds a client should wait before trying again; the station probes the disk far more often. */
const RETRY_AFTER_S = 30;

/** Answers and returns true when `err` is storage trouble; false leaves it to the other error handling. */
export function answerStorageTrouble(
  err: unknown,
  req: FastifyRequest,
  reply: FastifyReply,
  storage: StorageHealth | null | undefined,
): boolean {
  const what = `${req.method} ${req.routeOptions?.url ?? 'request'}`;
  const trouble = storageTrouble(err);
  const unavailable =
    storage?.failed(err, what) ?? (err instanceof StorageUnavailable ? err : trouble ? new StorageUnavailable(trouble) : null);
  if (!unavailable) return false;
  reply
    .status(503)
    .header('retry-after', String(RETRY_AFTER_S))
    .send({ error: { code: unavailable.code, message: unavailable.message, ...unavailable.details } });
  return true;
}
