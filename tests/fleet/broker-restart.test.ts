/**
 * Acceptance, against mosquitto through a TCP proxy: the broker restarts in
 * the middle of a station's replay. The station reconnects and finishes it;
 * the consumer sees every event 1 … n in order.
 */
import t from 'tap';
import { waitFor } from '../support/wait.js';
import { seqProblem } from '../support/mqtt-watch.js';
import { busyHour } from '../support/fleet-station.js';
import { rig, drained } from '../support/fleet-rig.js';

t.test('the broker restarts in the middle of a replay', async (t) => {
  const r = await rig(t);
  await waitFor(async () => (await r.station.fleet()).state === 'online', 'the station online');
  r.proxy.cut('reset');
  await busyHour(r.station, 90);
  const queued = (await r.station.fleet()).outbox.depth;
  t.ok(queued >= 150, `${queued} events queued`);
  r.proxy.holdDownstreamAfter(4 + 60 * 4);
  r.proxy.restore();
  await waitFor(() => r.sub.events().length >= 60, 'the replay under way', 30_000);
  await r.broker.restart(); // graceful: mosquitto keeps the consumer's session and what it queued for it
  r.proxy.releaseDownstream();
  const n = await drained(r, 'the replay after the broker restart');
  t.equal(
    seqProblem(
      r.sub.events().map((e) => e.seq),
      n,
    ),
    null,
    'every event 1 … n once, in order',
  );
  t.ok((await r.station.fleet()).connections >= 2, 'the station reconnected to the restarted broker');
});
