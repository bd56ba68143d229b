/**
 * The station's event bus delivers events to every listener in the order of
 * their ids, also when a listener publishes: a counter paused for an outage
 * right after its ticket was completed must not reach a counter page before
 * the completion's own queue snapshot (the page would keep the older one).
 */
import t from 'tap';
import { EventBus } from '../../src/controller/event-bus.js';

t.test('an event published by a listener reaches every listener after the one being delivered', async (t) => {
  const bus = new EventBus();
  const seen: Array<[string, number]> = [];
  bus.subscribe((e) => {
    seen.push(['first', e.id]);
    if (e.id === 1) bus.publish('queue', { reason: 'paused' } as never);
  });
  bus.subscribe((e) => seen.push(['second', e.id]));
  bus.publish('queue', { reason: 'completed' } as never);
  t.same(seen, [
    ['first', 1],
    ['second', 1],
    ['first', 2],
    ['second', 2],
  ]);
});

t.test('a failing listener does not keep the event from the others, and its error reaches the publisher', async (t) => {
  const bus = new EventBus();
  const seen: number[] = [];
  bus.subscribe(() => {
    throw new Error('disk full');
  });
  bus.subscribe((e) => seen.push(e.id));
  t.throws(() => bus.publish('queue', {} as never), /disk full/);
  bus.subscribe(() => undefined);
  t.throws(() => bus.publish('queue', {} as never), /disk full/, 'the bus still delivers afterwards');
  t.same(seen, [1, 2]);
});
