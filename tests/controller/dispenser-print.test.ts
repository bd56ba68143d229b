/**
 * A button's ticket joins the queue only once printed; a print that fails
 * part-way voids it (never called), one that fails before any paper moved is
 * a refused press. A kiosk's ticket stays in the queue whatever the printer
 * does (the kiosk shows the number). The printer here is a stand-in for the
 * TicketPrinter port whose print() fails as told.
 */
import t, { type Test } from 'tap';
import { queueFixture } from '../support/station-fixture.js';
import { TicketDispenser, type PressOutcome } from '../../src/controller/ticket-dispenser.js';
import { DeviceError } from '../../src/shared/errors.js';
import { silentLogger } from '../../src/shared/log.js';
import type { TicketPrinter } from '../../src/controller/ports.js';
import type { DeviceState } from '../../src/controller/ports.js';

function fakePrinter() {
  let fail: DeviceError | null = null;
  let release: (() => void) | null = null;
  const printer: TicketPrinter = {
    id: 'printer',
    kind: 'printer',
    state: (): DeviceState => ({ id: 'printer', kind: 'printer', status: 'ok', detail: 'ready', lastSeen: null }),
    start: async () => undefined,
    stop: async () => undefined,
    onStatus: () => () => undefined,
    print: () =>
      new Promise<void>((resolve, reject) => {
        release = () => (fail ? reject(fail) : resolve());
      }),
  };
  return {
    printer,
    failWith: (e: DeviceError | null) => (fail = e),
    finish: () => release?.(),
  };
}

function setup(t: Test) {
  const f = queueFixture(t);
  const p = fakePrinter();
  const dispenser = new TicketDispenser(f.config, f.queue, f.bus, f.clock, silentLogger(), p.printer);
  const outcomes: PressOutcome[] = [];
  dispenser.onOutcome((_b, o) => outcomes.push(o));
  const notices: Array<{ kind: string; number?: string; message: string }> = [];
  f.bus.subscribe((e) => {
    if (e.name === 'notice') notices.push(e.data as never);
  });
  const flush = () => new Promise((r) => setImmediate(r));
  return { ...f, p, dispenser, outcomes, notices, flush };
}

t.test('a ticket being printed cannot be called; printed, it waits', async (t) => {
  const { queue, dispenser, p, outcomes, flush } = setup(t);
  const first = dispenser.press({ index: 0, service: 'A', priority: false });
  t.match(first, { kind: 'issued', ticket: { number: 'A-001', status: 'printing' } });
  await flush();
  t.throws(() => queue.call(1), { code: 'QUEUE_EMPTY' }, 'an officer pressing F1 while it prints gets nothing');
  p.finish();
  await dispenser.idle();
  t.equal(queue.call(1).number, 'A-001', 'once printed it is called');
  t.match(outcomes, [{ kind: 'issued' }]);
  t.equal(dispenser.pressCounts().issued, 1);
});

t.test('a print that fails part-way voids the ticket: never called, the screens say so', async (t) => {
  const { queue, dispenser, p, outcomes, notices, flush, db } = setup(t);
  dispenser.press({ index: 0, service: 'A', priority: false });
  await flush();
  p.failWith(new DeviceError('PAPER_OUT', 'ticket A-001 may be incomplete: paper end'));
  p.finish();
  await dispenser.idle();
  const [ticket] = queue.ticketsOfDay(queue.today());
  t.same([ticket!.status, ticket!.voidReason], ['void', 'PAPER_OUT']);
  t.throws(() => queue.call(1), { code: 'QUEUE_EMPTY' }, 'the voided ticket is never called');
  t.match(notices, [{ kind: 'ticket-voided', number: 'A-001', message: /Tiket A-001 gagal dicetak \(kertas habis\) dan dibatalkan/ }]);
  t.match(outcomes, [{ kind: 'refused', reason: 'printer', problem: 'PAPER_OUT' }]);
  t.equal((db.prepare("SELECT COUNT(*) AS n FROM journal WHERE kind = 'ticket-voided'").get() as { n: number }).n, 1);
});

t.test('a print refused before any paper moved is a refused press (its number voided)', async (t) => {
  const { queue, dispenser, p, outcomes, notices, flush } = setup(t);
  dispenser.press({ index: 2, service: 'B', priority: false });
  await flush();
  p.failWith(new DeviceError('COVER_OPEN', 'cover open', { printed: false }));
  p.finish();
  await dispenser.idle();
  t.equal(queue.ticketsOfDay(queue.today())[0]!.status, 'void');
  t.match(notices, [{ kind: 'ticket-refused', message: /tutup printer terbuka/ }]);
  t.match(outcomes, [{ kind: 'refused', reason: 'printer', problem: 'COVER_OPEN' }]);
  t.equal(dispenser.pressCounts().refused.printer, 1);
});

t.test("a kiosk's ticket stays in the queue when its print fails: the kiosk shows the number", async (t) => {
  const { queue, dispenser, p, notices, flush } = setup(t);
  const ticket = dispenser.issue('A', false, 'kiosk');
  t.equal(ticket.status, 'waiting');
  await flush();
  p.failWith(new DeviceError('PAPER_OUT', 'paper end', { printed: false }));
  p.finish();
  await dispenser.idle();
  t.equal(queue.call(1).number, 'A-001');
  t.match(notices, [{ kind: 'printer-fault', message: /Nomor Anda tetap berlaku/ }]);
});
