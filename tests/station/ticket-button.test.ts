import t, { type Test } from 'tap';
import { waitFor } from '../support/wait.js';
import { ManualClock } from '../../src/shared/clock.js';
import { silentLogger } from '../../src/shared/log.js';
import { startStation } from '../../src/station.js';
import { tempDir, testConfig, MORNING } from '../support/station-fixture.js';
import { auth, TOKENS } from '../support/api-fixture.js';
import type { StationConfig } from '../../src/config/schema.js';

async function station(t: Test, edit?: (c: StationConfig) => void) {
  const dir = tempDir(t);
  const clock = new ManualClock(MORNING);
  const s = await startStation({
    config: testConfig(dir, edit),
    clock,
    log: silentLogger(),
    listen: false,
    testing: { waitForDevices: true },
  });
  t.teardown(() => s.close());
  // The printer and the displays answer over their (simulated) lines once those have opened.
  await waitFor(
    () => ['printer', 'display-1', 'display-2'].every((id) => s.devices.get(id)?.state().status === 'ok'),
    'printer and displays ready',
  );
  return { s, clock };
}

/** Presses the simulated button n (line low ~80 ms, then released) and lets the debounce settle. */
async function press(s: Awaited<ReturnType<typeof station>>['s'], clock: ManualClock, n: number) {
  const done = s.simulators.buttons[n]!.press();
  for (let i = 0; i < 20; i++) {
    clock.advance(10);
    await new Promise((r) => setImmediate(r));
  }
  await done;
  await s.dispenser.idle();
}

t.test('a button press issues a ticket and prints it; a hammering child gets one ticket', async (t) => {
  const { s, clock } = await station(t);
  await press(s, clock, 0);
  let tickets = s.queue.ticketsOfDay(s.queue.today());
  t.same(
    tickets.map((x) => x.number),
    ['A-001'],
  );
  await waitFor(() => s.simulators.printer!.tickets().length === 1, 'the printed ticket');
  const printed = s.simulators.printer!.tickets()[0]!;
  t.match(printed.text, /A-001/);
  t.match(printed.text, /Perekaman e-KTP/);
  t.match(printed.text, /Sabtu, 28 November 2026/);
  t.ok(printed.bytes <= 400, `ticket is ${printed.bytes} bytes on the wire`);

  // Five more presses within the minimum interval: no more tickets.
  for (let i = 0; i < 5; i++) await press(s, clock, 0);
  tickets = s.queue.ticketsOfDay(s.queue.today());
  t.equal(tickets.length, 1, 'presses within 3 s of the last ticket are ignored');
  clock.advance(3_000);
  await press(s, clock, 0);
  t.equal(s.queue.ticketsOfDay(s.queue.today()).length, 2, 'after the interval the next press issues again');
  // The priority button is its own button.
  await press(s, clock, 1);
  const last = s.queue.ticketsOfDay(s.queue.today()).at(-1)!;
  t.same([last.number, last.priority], ['A-003', true]);
});

t.test('quota exhausted: no ticket, a notice in Indonesian, the press logged', async (t) => {
  const { s, clock } = await station(t, (c) => {
    c.services[0]!.dailyQuota = 1;
  });
  const notices: string[] = [];
  s.bus.subscribe((e) => {
    if (e.name === 'notice') notices.push((e.data as { message: string }).message);
  });
  await press(s, clock, 0);
  clock.advance(5_000);
  await press(s, clock, 0);
  t.equal(s.queue.ticketsOfDay(s.queue.today()).length, 1);
  t.match(notices.join('\n'), /Kuota hari ini habis/);
  const journal = s.db.prepare("SELECT kind, detail FROM journal WHERE kind = 'quota-exhausted'").all() as Array<{ detail: string }>;
  t.equal(journal.length, 1);
  t.match(JSON.parse(journal[0]!.detail), { service: 'A', source: 'button-0' });
  t.equal(s.simulators.printer!.tickets().length, 1, 'nothing printed for the refused press');
});

t.test('a ticket issued while the printer is out of paper is kept, shown and announced', async (t) => {
  const { s } = await station(t);
  const notices: string[] = [];
  s.bus.subscribe((e) => {
    if (e.name === 'notice') notices.push((e.data as { kind: string }).kind);
  });
  const fault = await s.app.inject({
    method: 'POST',
    url: '/api/v1/sim/devices/printer/fault',
    headers: auth(TOKENS.admin),
    payload: { fault: 'paper-out' },
  });
  t.equal(fault.statusCode, 200);
  const res = await s.app.inject({ method: 'POST', url: '/api/v1/tickets', headers: auth(TOKENS.kiosk), payload: { service: 'B' } });
  t.equal(res.statusCode, 201, 'the number is still issued');
  await s.dispenser.idle();
  t.same(notices, ['printer-fault']);
  const q = (await s.app.inject({ method: 'GET', url: '/api/v1/queue' })).json();
  t.equal(q.services.find((x: { code: string }) => x.code === 'B').waiting, 1, 'and waits in the queue');
  const devices = (await s.app.inject({ method: 'GET', url: '/api/v1/devices', headers: auth(TOKENS.technician) })).json();
  t.match(
    devices.find((d: { id: string }) => d.id === 'printer'),
    { status: 'fault' },
  );
  t.equal((await s.app.inject({ method: 'GET', url: '/api/v1/health' })).json().status, 'fault');
});

t.test('counter displays follow calls: number, blink on recall, dashes when closed', async (t) => {
  const { s } = await station(t);
  const inject = (url: string, token: string, payload?: object) =>
    s.app.inject({ method: 'POST', url, headers: auth(token), ...(payload ? { payload } : {}) });
  await inject('/api/v1/tickets', TOKENS.kiosk, { service: 'A' });
  await inject('/api/v1/counters/2/call', TOKENS.counter2);
  const shows = () => s.simulators.displays.find((d) => d.counter === 2)!.shows();
  await waitFor(() => shows().text === 'A001', 'display 2 to show A001');
  t.equal(shows().blinking, false);
  await inject('/api/v1/counters/2/recall', TOKENS.counter2);
  await waitFor(() => shows().blinking, 'the recall to blink');
  t.pass('recall blinks');
  await inject('/api/v1/counters/2/steps', TOKENS.counter2, { step: 'verify' });
  await inject('/api/v1/counters/2/complete', TOKENS.counter2);
  await inject('/api/v1/counters/2/state', TOKENS.counter2, { state: 'closed' });
  await waitFor(() => shows().text === '----', 'dashes on the closed counter');
  t.pass('closed shows ----');
});

t.test("card taps and scans reach only their counter's stream; summons codes attach to the ticket", async (t) => {
  const { s } = await station(t);
  const counterEvents: Array<{ name: string; scope: unknown; data: any }> = [];
  s.bus.subscribe((e) => {
    if (e.name === 'card' || e.name === 'scan') counterEvents.push(e);
  });
  await s.app.inject({ method: 'POST', url: '/api/v1/tickets', headers: auth(TOKENS.kiosk), payload: { service: 'A' } });
  await s.app.inject({ method: 'POST', url: '/api/v1/counters/1/call', headers: auth(TOKENS.counter1) });
  await s.app.inject({
    method: 'POST',
    url: '/api/v1/sim/scan',
    headers: auth(TOKENS.admin),
    payload: { code: 'SP-120601-20261128-0042', counter: 1 },
  });
  await s.app.inject({
    method: 'POST',
    url: '/api/v1/sim/scan',
    headers: auth(TOKENS.admin),
    payload: { code: '1206015507900001', counter: 1 },
  });
  await waitFor(() => counterEvents.filter((e) => e.name === 'scan').length === 2, 'two scans');
  const [summons, nik] = counterEvents.filter((e) => e.name === 'scan');
  t.match(summons, { scope: { kind: 'counter', counter: 1 }, data: { kind: 'summons', ticket: 'A-001' } });
  t.match(nik, { scope: { kind: 'counter', counter: 1 }, data: { kind: 'nik', code: '1206015507900001' } });
  const current = (await s.app.inject({ method: 'GET', url: '/api/v1/counters/1', headers: auth(TOKENS.counter1) })).json().current;
  t.equal(current.summons, 'SP-120601-20261128-0042');
});
