import type { Clock } from '../shared/clock.js';
import type { Logger } from '../shared/log.js';
import { cardTag, maskNik } from '../shared/privacy.js';
import { isoLocal } from '../shared/time.js';
import type { EventBus } from './event-bus.js';
import type { BarcodeScanner, CardReader } from './ports.js';
import type { QueueService } from './queue/queue-service.js';
import { storageOf } from './store/storage-health.js';

/**
 * Card taps and scans belong to one counter: they go only to that counter's
 * own stream. A summons-letter code is attached to the ticket being served.
 * Logs carry a card tag and a masked NIK, never the full values.
 */
export function wireCounterPeripherals(
  readers: CardReader[],
  scanners: BarcodeScanner[],
  deps: { bus: EventBus; queue: QueueService; clock: Clock; log: Logger; timeZone: string },
): void {
  const { bus, queue, clock, log, timeZone } = deps;
  for (const r of readers) {
    r.onCard((tap) => {
      const tag = cardTag(tap.uid);
      log.info({ counter: r.counter, card: tag, type: tap.type }, 'card tapped');
      bus.publish(
        'card',
        { counter: r.counter, uid: tap.uid, type: tap.type, tag, at: isoLocal(clock.now(), timeZone) },
        { kind: 'counter', counter: r.counter },
      );
    });
  }
  for (const s of scanners) {
    s.onScan((scan) => {
      let ticket: string | null = null;
      if (scan.kind === 'summons') ticket = attachSummons(queue, s.counter, scan.code, log);
      log.info({ counter: s.counter, kind: scan.kind, ...loggedCode(scan), ticket }, 'code scanned');
      bus.publish(
        'scan',
        { counter: s.counter, code: scan.code, kind: scan.kind, ticket, at: isoLocal(clock.now(), timeZone) },
        { kind: 'counter', counter: s.counter },
      );
    });
  }
}

/**
 * What the log keeps of a scan: a summons code as it is, a NIK masked, and of
 * anything else only its length (a scanned line may carry a NIK and a name in
 * any format).
 */
function loggedCode(scan: { kind: 'nik' | 'summons' | 'other'; code: string }): { code?: string; chars?: number } {
  if (scan.kind === 'summons') return { code: scan.code };
  if (scan.kind === 'nik') return { code: maskNik(scan.code) };
  return { chars: scan.code.length };
}

/** The summons code goes on the ticket being served; storage trouble leaves it off (the counter still sees the scan). */
function attachSummons(queue: QueueService, counter: number, code: string, log: Logger): string | null {
  try {
    return queue.attachSummons(counter, code)?.number ?? null;
  } catch (err) {
    const storage = storageOf(queue.store.db)?.failed(err, 'a summons code');
    if (!storage) throw err;
    log.warn({ counter }, `summons code scanned at counter ${counter} but not saved on the ticket: ${storage.message}`);
    return null;
  }
}
