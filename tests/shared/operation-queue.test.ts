import t from 'tap';
import { OperationQueue } from '../../src/shared/operation-queue.js';

/** An operation the test finishes by hand. */
function step(log: string[], name: string) {
  let finish: (ok: boolean) => void = () => undefined;
  const op = () =>
    new Promise<string>((resolve, reject) => {
      log.push(`start ${name}`);
      finish = (ok) => {
        log.push(`end ${name}`);
        if (ok) resolve(name);
        else reject(new Error(`${name} failed`));
      };
    });
  return { op, finish: (ok = true) => finish(ok) };
}

const turn = () => new Promise((r) => setImmediate(r));

t.test('one operation at a time, in the order asked; a failure goes to its caller only', async (t) => {
  const q = new OperationQueue();
  const log: string[] = [];
  const a = step(log, 'status');
  const b = step(log, 'ticket');
  const c = step(log, 'status again');
  const ra = q.run(a.op);
  const rb = q.run(b.op);
  const rc = q.run(c.op);
  await turn();
  t.same(log, ['start status'], 'the second waits for the first');
  a.finish();
  await turn();
  b.finish(false);
  await turn();
  c.finish();
  t.equal(await ra, 'status');
  await t.rejects(rb, { message: 'ticket failed' });
  t.equal(await rc, 'status again', 'the one after a failure still runs');
  t.same(log, ['start status', 'end status', 'start ticket', 'end ticket', 'start status again', 'end status again']);
});

t.test('idle() resolves once everything queued so far has settled, even a failure', async (t) => {
  const q = new OperationQueue();
  const log: string[] = [];
  const a = step(log, 'write');
  q.run(a.op).catch(() => undefined);
  let idle = false;
  const waiting = q.idle().then(() => (idle = true));
  await turn();
  t.notOk(idle);
  a.finish(false);
  await waiting;
  t.ok(idle);
});
