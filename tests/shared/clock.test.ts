import t from 'tap';
import { ManualClock } from '../../src/shared/clock.js';

t.test('manual clock fires timers in order as time advances', async (t) => {
  const clock = new ManualClock(1000);
  const fired: string[] = [];
  clock.setTimeout(() => fired.push('b'), 200);
  clock.setTimeout(() => fired.push('a'), 100);
  const every = clock.setInterval(() => fired.push('tick'), 150);
  clock.advance(99);
  t.same(fired, []);
  clock.advance(1);
  t.same(fired, ['a']);
  clock.advance(200);
  t.same(fired, ['a', 'tick', 'b', 'tick']);
  every.cancel();
  clock.advance(1000);
  t.equal(fired.length, 4);
  t.equal(clock.now(), 2300);
});
