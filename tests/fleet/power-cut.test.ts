/**
 * Acceptance, against mosquitto through a TCP proxy: the station is SIGKILLed
 * (a power cut) while its link is down, and again in the middle of the replay
 * once the link is back. Nothing queued is lost, nothing arrives out of order.
 */
import t from 'tap';
import { waitFor } from '../support/wait.js';
import { seqProblem } from '../support/mqtt-watch.js';
import { busyHour } from '../support/fleet-station.js';
import { rig, drained, firstCopies } from '../support/fleet-rig.js';

t.test('the station loses power while the link is down, and again in the middle of its replay', async (t) => {
  const r = await rig(t);
  await waitFor(async () => (await r.station.fleet()).state === 'online', 'the station online');
  r.proxy.cut('reset');
  const cutAt = (await r.station.fleet()).outbox.lastSeq;
  await busyHour(r.station, 60);
  const before = (await r.station.fleet()).outbox;
  t.ok(before.depth >= 100, `${before.depth} events queued on the station`);
  await r.station.kill(); // power cut with the link down
  await r.station.start();
  const after = (await r.station.fleet()).outbox;
  t.ok(after.lastSeq >= before.lastSeq, 'nothing queued was lost to the power cut');
  t.ok(after.depth >= before.depth, 'still queued after the restart');
  await busyHour(r.station, 10);

  // The link comes back but only 80 acknowledgements get through before the power fails again.
  r.proxy.holdDownstreamAfter(4 + 80 * 4); // CONNACK, then 80 PUBACKs
  r.proxy.restore();
  await waitFor(() => r.sub.events().length >= 80, 'the replay under way', 30_000);
  await r.station.kill();
  r.proxy.releaseDownstream();
  await r.station.start();
  const n = await drained(r, 'the replay after the second power cut');
  t.equal(
    seqProblem(
      r.sub.events().map((e) => e.seq),
      n,
    ),
    null,
    'every event 1 … n once, in order',
  );
  const first = firstCopies(r.sub.events());
  const queued = [...first.entries()].filter(([seq]) => seq > cutAt);
  t.ok(queued.length >= 120, `${queued.length} events made while the link was down`);
  t.ok(
    queued.every(([, historical]) => historical),
    'everything queued while down arrived as historical',
  );
});
