/**
 * A ticket nobody holds is never in the queue: with the printer out of paper
 * (or its cover open) the ticket buttons issue nothing, the press is logged,
 * counted and announced, and the technician has an active alert within 2 s
 * that clears when the printer can print again. Real station, simulated
 * printer speaking ESC/POS, station clock stepped by hand.
 */
import t, { type Test } from 'tap';
import { waitFor } from '../support/wait.js';
import { ManualClock } from '../../src/shared/clock.js';
import { silentLogger } from '../../src/shared/log.js';
import { startStation } from '../../src/station.js';
import { tempDir, testConfig, MORNING } from '../support/station-fixture.js';
import { auth, TOKENS } from '../support/api-fixture.js';

async function station(t: Test) {
  const clock = new ManualClock(MORNING);
  const s = await startStation({
    config: testConfig(tempDir(t)),
    clock,
    log: silentLogger(),
    listen: false,
    testing: { waitForDevices: true },
  });
  t.teardown(() => s.close());
  await waitFor(() => s.devices.get('printer')?.state().status === 'ok', 'printer ready');
  const step = async (ms: number) => {
    clock.advance(ms);
    for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
    await new Promise((r) => setTimeout(r, 5));
  };
  /** Steps the station clock 100 ms at a time until cond holds; returns the station time it took. */
  const within = async (cond: () => boolean, maxMs: number, what: string) => {
    const from = clock.now();
    while (!cond()) {
      if (clock.now() - from > maxMs) throw new Error(`${what}: not within ${maxMs} ms`);
      await step(100);
    }
    return clock.now() - from;
  };
  const inject = (method: 'GET' | 'POST', url: string, token: string, payload?: object) =>
    s.app.inject({ method, url, headers: auth(token), ...(payload ? { payload } : {}) });
  /** A resident presses button n: the line goes low, the station's clock lets the debounce settle. */
  const press = async (n: number) => {
    const done = s.simulators.buttons[n]!.press();
    for (let i = 0; i < 20; i++) await step(10);
    await done;
    await s.dispenser.idle();
  };
  const activeAlert = () => s.power.alerts.list().find((a) => a.kind === 'printer-cannot-print');
  return { s, clock, step, within, inject, press, activeAlert };
}

t.test('paper out: an alert within 2 s, the buttons refuse, nothing phantom; paper back: cleared, issuing again', async (t) => {
  const { s, clock, step, within, inject, press, activeAlert } = await station(t);
  const notices: Array<{ kind: string; button?: number; message: string }> = [];
  s.bus.subscribe((e) => {
    if (e.name === 'notice') notices.push(e.data as never);
  });
  await step(3_000);
  t.notOk(activeAlert(), 'no alert while the printer prints');

  t.equal((await inject('POST', '/api/v1/sim/devices/printer/fault', TOKENS.admin, { fault: 'paper-out' })).statusCode, 200);
  const latency = await within(() => activeAlert() !== undefined, 2_000, 'printer alert');
  t.ok(latency <= 2_000, `the technician's alert is active ${latency} ms (station clock) after the paper ran out`);
  t.match(activeAlert(), { subject: 'printer', severity: 'critical', active: true, messageId: /kertas habis/ });
  const queue = (await inject('GET', '/api/v1/queue', TOKENS.admin)).json();
  t.same(queue.printer, { ready: false, problem: 'PAPER_OUT' }, 'the public queue view says the buttons cannot issue');

  await press(0);
  clock.advance(5_000);
  await press(2);
  t.same(s.queue.ticketsOfDay(s.queue.today()), [], 'no ticket exists for either press');
  t.equal(s.queue.queueView().services[0]!.issued, 0, 'and no number was used');
  t.same(
    notices.filter((n) => n.kind === 'ticket-refused').map((n) => n.button),
    [0, 2],
    "each refused press is announced for the display and the button's notice",
  );
  t.match(notices.find((n) => n.kind === 'ticket-refused')?.message, /Mesin tiket tidak dapat mencetak \(kertas habis\)/);
  t.match(s.dispenser.pressCounts().refused, { printer: 2 });
  const journal = s.db.prepare("SELECT detail FROM journal WHERE kind = 'button-refused'").all() as Array<{ detail: string }>;
  t.same(
    journal.map((j) => JSON.parse(j.detail)),
    [
      { button: 0, service: 'A', problem: 'PAPER_OUT' },
      { button: 2, service: 'B', problem: 'PAPER_OUT' },
    ],
    'each refused press is on disk',
  );
  const metrics = (await inject('GET', '/metrics', TOKENS.technician)).body;
  t.match(metrics, /ktp_button_presses_total\{outcome="refused",reason="printer"\} 2/);
  t.match(metrics, /ktp_alert_active\{kind="printer-cannot-print"\} 1/);
  t.match(metrics, /ktp_ticket_printer_ready 0/);

  await inject('POST', '/api/v1/sim/devices/printer/fault', TOKENS.admin, { fault: 'none' });
  await within(() => activeAlert() === undefined, 2_000, 'alert cleared');
  t.pass('the alert clears when the printer can print again');
  t.ok(
    s.power.alerts.history(0, clock.now() + 1).some((a) => a.kind === 'printer-cannot-print' && !a.active),
    'and stays in the history',
  );
  clock.advance(5_000);
  await press(0);
  const [ticket] = s.queue.ticketsOfDay(s.queue.today());
  t.same([ticket?.number, ticket?.status], ['A-001', 'waiting'], 'the next press issues A-001 and it waits once printed');
  await waitFor(() => s.simulators.printer!.tickets().length === 1, 'the printed ticket');
});

t.test('cover open and printer unplugged are alerts too, each named', async (t) => {
  const { within, inject, activeAlert, s } = await station(t);
  await inject('POST', '/api/v1/sim/devices/printer/fault', TOKENS.admin, { fault: 'cover-open' });
  await within(() => activeAlert() !== undefined, 2_000, 'cover alert');
  t.match(activeAlert()!.messageId, /tutup printer terbuka/);
  await inject('POST', '/api/v1/sim/devices/printer/fault', TOKENS.admin, { fault: 'offline' });
  await within(() => /tidak terhubung/.test(activeAlert()?.messageId ?? ''), 2_000, 'offline alert');
  t.equal(s.power.alerts.list().filter((a) => a.kind === 'printer-cannot-print').length, 1, 'one active alert, naming the newest problem');
  t.same(s.queue.queueView().printer, { ready: false, problem: 'PRINTER_OFFLINE' });
});

t.test('the sim console learns what a press did', async (t) => {
  const { s, step, inject, within, activeAlert } = await station(t);
  const press = inject('POST', '/api/v1/sim/buttons/0/press', TOKENS.admin);
  for (let i = 0; i < 30; i++) await step(10);
  t.match((await press).json(), { pressed: 0, outcome: { kind: 'issued', number: 'A-001' } });
  await s.dispenser.idle();
  await inject('POST', '/api/v1/sim/devices/printer/fault', TOKENS.admin, { fault: 'paper-out' });
  await within(() => activeAlert() !== undefined, 2_000, 'printer alert');
  await step(5_000);
  const refused = inject('POST', '/api/v1/sim/buttons/0/press', TOKENS.admin);
  for (let i = 0; i < 30; i++) await step(10);
  t.match((await refused).json(), { pressed: 0, outcome: { kind: 'refused', reason: 'printer', problem: 'PAPER_OUT' } });
  const faults = (await inject('GET', '/api/v1/sim/devices', TOKENS.admin)).json().devices;
  t.same(faults.find((d: { id: string }) => d.id === 'printer').faults, ['offline', 'paper-out', 'cover-open', 'garbled', 'stall']);
  t.same(faults.find((d: { id: string }) => d.id === 'bridge').faults, ['offline'], 'only faults a device can have');
  t.notOk(
    faults.some((d: { id: string }) => d.id.startsWith('button')),
    'buttons have no faults to offer',
  );
});
