import t from 'tap';
import { silentLogger } from '../../src/shared/log.js';
import { startStation } from '../../src/station.js';
import { tempDir, testConfig } from '../support/station-fixture.js';
import { SseClient } from '../support/sse-client.js';

t.test('a screen that connects gets the queue and the power state at once', async (t) => {
  const dir = tempDir(t);
  const s = await startStation({
    config: testConfig(dir),
    log: silentLogger(),
    host: '127.0.0.1',
    port: 0,
    testing: { waitForDevices: true },
  });
  t.teardown(() => s.close());
  const sse = new SseClient(`${s.url}/api/v1/events`);
  t.teardown(() => sse.close());
  await sse.ready;
  const queue = await sse.next((f) => f.event === 'queue');
  const power = await sse.next((f) => f.event === 'power');
  t.equal(queue.data.counters.length, 2);
  t.match(power.data, { source: 'mains', outage: false });
  t.equal(queue.id, power.id, 'both carry the id to resume from');
});
