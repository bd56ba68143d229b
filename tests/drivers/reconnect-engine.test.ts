/**
 * The drivers' one reconnect engine, on its own: the states a device goes
 * through, the backoff between attempts, and what the technician's log says
 * (one warning per reason, an info line when the device is back).
 */
import t from 'tap';
import { PassThrough } from 'node:stream';
import { ManualClock } from '../../src/shared/clock.js';
import { DeviceError } from '../../src/shared/errors.js';
import { createLogger } from '../../src/shared/log.js';
import { Backoff, Reconnector, describeLinkState, type LinkState } from '../../src/drivers/transport/reconnect.js';
import { settle } from '../support/wait.js';

interface Chip {
  n: number;
}

function rig(t: { teardown(fn: () => unknown): void }) {
  const clock = new ManualClock(0);
  const out = new PassThrough();
  const lines: Array<{ level: number; msg: string; retryMs?: number; code?: string }> = [];
  out.on('data', (chunk: Buffer) => {
    for (const l of chunk.toString().split('\n')) if (l.trim()) lines.push(JSON.parse(l));
  });
  let answer: Error | null = new DeviceError('I2C_NO_ANSWER', 'no answer from 0x70 on /dev/i2c-1');
  let opened = 0;
  const released: Chip[] = [];
  const link = new Reconnector<Chip>({
    clock,
    log: createLogger({ destination: out, level: 'debug' }),
    initialDelayMs: 500,
    maxDelayMs: 2000,
    what: 'display at 0x70',
    open: async () => {
      if (answer) throw answer;
      return { n: ++opened };
    },
    release: (chip) => void released.push(chip),
  });
  const states: string[] = [];
  link.onState((s: LinkState) => states.push(describeLinkState(s)));
  t.teardown(() => link.stop());
  return { clock, link, lines, states, released, answers: (e: Error | null) => (answer = e) };
}

t.test('backoff doubles from the first delay and stays at the cap', async (t) => {
  const b = new Backoff(500, 4000);
  t.same(
    [1, 2, 3, 4, 5, 6].map(() => b.next()),
    [500, 1000, 2000, 4000, 4000, 4000],
  );
  b.reset();
  t.equal(b.next(), 500);
});

t.test('an absent device: failed with the reason, retried on the backoff, one warning per reason, info when it is back', async (t) => {
  const { clock, link, lines, states, answers } = rig(t);
  await link.start();
  t.same(link.state(), { name: 'failed', why: 'no answer from 0x70 on /dev/i2c-1', code: 'I2C_NO_ANSWER', retryInMs: 500 });
  for (const ms of [500, 1000, 2000]) {
    clock.advance(ms);
    await settle();
  }
  answers(new Error('bus error'));
  clock.advance(2000);
  await settle();
  answers(null);
  clock.advance(2000);
  await settle();
  t.same(states, [
    'opening',
    'failed: no answer from 0x70 on /dev/i2c-1, retrying in 500 ms',
    'opening',
    'failed: no answer from 0x70 on /dev/i2c-1, retrying in 1000 ms',
    'opening',
    'failed: no answer from 0x70 on /dev/i2c-1, retrying in 2000 ms',
    'opening',
    'failed: no answer from 0x70 on /dev/i2c-1, retrying in 2000 ms',
    'opening',
    'failed: bus error, retrying in 2000 ms',
    'opening',
    'ready',
  ]);
  t.same(link.device(), { n: 1 });
  await settle();
  const warned = lines.filter((l) => l.level === 40).map((l) => [l.msg, l.retryMs, l.code]);
  t.same(
    warned,
    [
      ['no answer from 0x70 on /dev/i2c-1', 500, 'I2C_NO_ANSWER'],
      ['bus error', 2000, undefined],
    ],
    'a warning at the first failure and when the reason changed, not one per retry',
  );
  t.match(
    lines.filter((l) => l.level === 30),
    [{ msg: 'display at 0x70 answering again', failures: 5 }],
  );
});

t.test('a device lost while ready is released and reopened; the backoff starts over after a recovery', async (t) => {
  const { clock, link, states, released, answers } = rig(t);
  answers(null);
  await link.start();
  t.equal(link.state().name, 'ready');
  const first = link.device()!;
  answers(new Error('gone'));
  link.lost(new Error('display stopped answering'));
  t.same(released, [first]);
  t.same(link.state(), { name: 'failed', why: 'display stopped answering', retryInMs: 500 });
  link.lost(new Error('a second report of the same loss'));
  t.equal(states.filter((s) => s.startsWith('failed')).length, 1, 'a loss while not ready changes nothing');
  answers(null);
  clock.advance(500);
  await settle();
  t.same(link.device(), { n: 2 });
  link.lost(new Error('late news of the first connection'), { device: first });
  t.equal(link.state().name, 'ready', 'a late event from an old connection is ignored');
  link.lost(new Error('lost again'));
  t.same(link.state(), { name: 'failed', why: 'lost again', retryInMs: 500 });
});

t.test('a device dropped for not answering: reopening alone is no recovery until it answers', async (t) => {
  const { clock, link, answers } = rig(t);
  answers(null);
  await link.start();
  link.lost(new Error('no status answer'), { suspect: true });
  t.match(link.state(), { retryInMs: 500 });
  clock.advance(500);
  await settle();
  t.equal(link.state().name, 'ready');
  link.lost(new Error('no status answer'), { suspect: true });
  t.match(link.state(), { retryInMs: 1000 }, 'the backoff kept growing across the reopening');
  clock.advance(1000);
  await settle();
  link.healthy();
  link.lost(new Error('no status answer'), { suspect: true });
  t.match(link.state(), { retryInMs: 500 }, 'an answer reset it');
});

t.test('stop() cancels the retry, aborts an open in progress and releases what it opened', async (t) => {
  const clock = new ManualClock(0);
  const released: string[] = [];
  let aborted = false;
  let finishOpen: () => void = () => undefined;
  const link = new Reconnector<string>({
    clock,
    log: createLogger({ destination: new PassThrough(), level: 'silent' }),
    initialDelayMs: 500,
    maxDelayMs: 2000,
    what: 'board',
    open: (signal) =>
      new Promise<string>((resolve) => {
        signal.addEventListener('abort', () => (aborted = true));
        finishOpen = () => resolve('board');
      }),
    release: (d) => void released.push(d),
  });
  void link.start();
  t.equal(link.state().name, 'opening');
  const stopping = link.stop();
  t.ok(aborted, 'the open in progress was told to give up');
  finishOpen();
  await stopping;
  t.same(released, ['board'], 'a device that opened after stop() is released');
  t.same(link.state(), { name: 'idle' });
  t.equal(clock.pendingTimers(), 0);
});
