/**
 * Which calls the voice route may say: the calls the station made recently
 * (a display may play a call a little after it was made, and a recall
 * repeats it), nothing else. Kept from the event stream, bounded in number
 * and in age.
 */
import type { Clock } from '../../shared/clock.js';
import type { EventBus } from '../event-bus.js';
import type { CallView } from '../events.js';

export interface SayableCalls {
  /** True when `number` was called (or recalled) to `counter` within the last minutes. */
  isRecentCall(number: string, counter: number): boolean;
}

export function recentCalls(bus: EventBus, clock: Clock, opts: { keepMs?: number; max?: number } = {}): SayableCalls & { stop(): void } {
  const keepMs = opts.keepMs ?? 15 * 60_000;
  const max = opts.max ?? 64;
  const calls = new Map<string, number>(); // "A-007|2" → when
  const stop = bus.subscribe((e) => {
    if (e.name !== 'called' && e.name !== 'recalled') return;
    const c = e.data as CallView;
    const key = `${c.number}|${c.counter}`;
    calls.delete(key);
    calls.set(key, clock.now());
    while (calls.size > max) calls.delete(calls.keys().next().value!);
  });
  return {
    isRecentCall(number, counter) {
      const at = calls.get(`${number}|${counter}`);
      return at !== undefined && clock.now() - at <= keepMs;
    },
    stop,
  };
}
