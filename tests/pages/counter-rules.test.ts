/**
 * The counter terminal enables a button only when its action can work; the
 * rules mirror the station's (no call while paused or busy, no completion
 * before a step, no-show only after the last call).
 */
import t from 'tap';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

type Rule = { ok: boolean; why?: string };
type Rules = Record<'call' | 'complete' | 'recall' | 'noShow' | 'transfer' | 'open' | 'pause' | 'close', Rule>;

const load = async () =>
  (await import(pathToFileURL(join(import.meta.dirname, '..', '..', 'src/api/pages/public/counter-rules.js')).href)) as {
    counterRules: (s: object) => Rules;
  };

const base = {
  counter: { state: 'open', pausedBy: null },
  ticket: null,
  stepsOfService: ['verify', 'photo'],
  otherServices: 1,
  waiting: 2,
  maxCalls: 3,
};

t.test('an open idle counter with residents waiting may call, pause and close, not open', async (t) => {
  const { counterRules } = await load();
  const r = counterRules(base);
  t.same(
    Object.fromEntries(
      Object.entries(r)
        .filter(([k]) => k !== 'pausingForPower')
        .map(([k, v]) => [k, (v as Rule).ok]),
    ),
    { call: true, complete: false, recall: false, noShow: false, transfer: false, open: false, pause: true, close: true },
  );
});

t.test('paused by a power outage: no call, and the reason says why', async (t) => {
  const { counterRules } = await load();
  const r = counterRules({ ...base, counter: { state: 'paused', pausedBy: 'power' } });
  t.same([r.call.ok, r.call.why, r.open.ok, r.pause.ok], [false, 'why.call.power', true, false]);
  const officer = counterRules({ ...base, counter: { state: 'paused', pausedBy: 'officer' } });
  t.equal(officer.call.why, 'why.call.paused');
  t.equal(counterRules({ ...base, counter: { state: 'closed' } }).call.why, 'why.call.closed');
  t.equal(counterRules({ ...base, pausingForPower: true }).call.why, 'why.call.power', 'about to pause for the outage');
  const finishing = counterRules({
    ...base,
    pausingForPower: true,
    ticket: { status: 'serving', service: 'A', calls: 1, steps: [{ service: 'A' }] },
  });
  t.same(
    [finishing.complete.ok, finishing.transfer.ok, finishing.call.why, finishing.pause.ok],
    [true, true, 'why.call.holding', false],
    'an outage while serving: the ticket is finished or transferred, no new call',
  );
  t.equal(counterRules({ ...base, waiting: 0 }).call.why, 'why.call.empty');
});

t.test('a called ticket: recall until the limit, then no-show; complete only after a step of its service', async (t) => {
  const { counterRules } = await load();
  const called = (calls: number, steps: Array<{ service?: string }> = []) =>
    counterRules({ ...base, ticket: { status: 'called', service: 'A', calls, steps } });
  t.same([called(1).recall.ok, called(1).noShow.ok, called(1).call.ok, called(1).close.ok], [true, false, false, false]);
  t.same([called(3).recall.ok, called(3).noShow.ok], [false, true]);
  t.same([called(1).complete.ok, called(1).complete.why], [false, 'why.complete.noStep']);
  t.equal(called(1, [{ service: 'B' }]).complete.ok, false, 'a step under the service before a transfer does not count');
  const serving = counterRules({ ...base, ticket: { status: 'serving', service: 'A', calls: 1, steps: [{ service: 'A' }] } });
  t.same([serving.complete.ok, serving.recall.ok, serving.noShow.ok, serving.transfer.ok], [true, false, false, true]);
  const noSteps = counterRules({ ...base, stepsOfService: [], ticket: { status: 'called', service: 'C', calls: 1 } });
  t.equal(noSteps.complete.ok, true, 'a service without steps completes at once');
  t.equal(counterRules({ ...base, busy: true }).call.ok, false, 'nothing while a request is under way');
});
