/**
 * Acceptance, against mosquitto through a TCP proxy: the link is cut twice
 * (once with a reset, once silently) while a station serves a busy hour. The
 * regency's consumer ends with every event 1 … n in order, the ones made
 * while cut marked historical.
 */
import t from 'tap';
import { waitFor } from '../support/wait.js';
import { seqProblem } from '../support/mqtt-watch.js';
import { busyHour, TOKENS } from '../support/fleet-station.js';
import { rig, drained, firstCopies } from '../support/fleet-rig.js';

t.test('the link is cut twice during a busy hour: nothing lost, nothing out of order', async (t) => {
  const r = await rig(t);
  await waitFor(async () => (await r.station.fleet()).state === 'online', 'the station online');
  const marks: Record<string, number> = {};
  const mark = async (name: string) => {
    marks[name] = (await r.station.fleet()).outbox.lastSeq;
  };
  await busyHour(r.station, 120, async (i) => {
    if (i === 20) {
      r.proxy.cut('reset');
      await mark('cut1'); // everything after this was made with the link already cut
    }
    if (i === 45) {
      await mark('restore1');
      r.proxy.restore();
    }
    if (i === 70) {
      await mark('cut2');
      r.proxy.cut('blackhole'); // silent: the station learns it from keepalive
    }
    if (i === 100) {
      await mark('restore2');
      r.proxy.restore();
    }
  });
  const n = await drained(r, 'the backlog to drain');
  t.ok(n > 200, `${n} events in the hour`);
  t.equal(
    seqProblem(
      r.sub.events().map((e) => e.seq),
      n,
    ),
    null,
    'every event 1 … n once, in order',
  );
  const first = firstCopies(r.sub.events());
  const whileCut = Array.from({ length: marks.restore1! - marks.cut1! }, (_v, i) => marks.cut1! + 1 + i);
  t.ok(whileCut.length > 20, `${whileCut.length} events made while the link was cut`);
  t.same(
    whileCut.filter((seq) => first.get(seq) !== true),
    [],
    'every event made while the link was cut arrived as historical',
  );
  const issued = r.sub.events().filter((e) => e.type === 'ticket.issued');
  t.equal(new Set(issued.map((e) => e.data.number)).size, 120, 'all 120 tickets reached the regency');

  // Back to normal: a new ticket goes out live.
  t.equal((await r.station.api('POST', '/api/v1/tickets', TOKENS.kiosk, { service: 'A' })).status, 201);
  await waitFor(() => r.sub.events().some((e) => e.seq === n + 1), 'the live event');
  t.equal(r.sub.events().find((e) => e.seq === n + 1)!.historical, false);
});
