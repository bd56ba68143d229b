/**
 * A simulated morning at the office, driven only through the simulator
 * controls a person at the sim console has: two outages (one carried by the
 * genset, one not), a genset run past its limit, low fuel and battery, a
 * sagging supply rail, a printer unplugged, and a fingerprint scanner that
 * breaks and is repaired. The queue keeps issuing and calling throughout.
 */
import t from 'tap';
import { simStation, TOKENS } from './helpers/sim-station.js';
import type { AlertView, NoticeView, PowerView } from '../../src/controller/events.js';

const near = (a: number, b: number, tol: number) => Math.abs(a - b) <= tol;
const MIN = 60_000;

t.test('a morning with two outages, a genset run and a fingerprint fault', async (t) => {
  const s = await simStation(t, {
    edit: (c) => {
      c.alerts = { gensetMaxRunMinutes: 20, deviceOfflineMinutes: 5 };
    },
  });
  const { api, until, at } = s;
  const sim = (body: object) => api('POST', '/api/v1/sim/power', TOKENS.admin, body);
  const kiosk = (service: string) => api('POST', '/api/v1/tickets', TOKENS.kiosk, { service });
  const counter = (n: 1 | 2, action: string, body?: object) =>
    api('POST', `/api/v1/counters/${n}/${action}`, n === 1 ? TOKENS.counter1 : TOKENS.counter2, body);
  const bridge = s.station.simulators.bridge!;
  const alerts = () => s.events.filter((e) => e.name === 'alert').map((e) => e.data as AlertView);
  const notices = () => s.events.filter((e) => e.name === 'notice').map((e) => e.data as NoticeView);
  const counterState = (id: number) => s.station.queue.counters.state(id);
  const bootedAt = s.clock.now();

  // ---- 08:00 the office opens on mains -------------------------------------
  let res = await api('GET', '/api/v1/power', TOKENS.technician);
  t.equal(res.status, 200);
  t.equal(res.json.source, 'mains');
  t.same(
    res.json.budget,
    { recordingSets: 2, requiredW: 3850, availableW: 5000, gensetCanCarry: 5, marginW: 1150, warning: null },
    '3500 W + 350 W for the second set',
  );
  t.same(res.json.alerts, [], 'no alert on a healthy start');

  const issued: Record<string, number> = {};
  for (const svc of ['A', 'A', 'A', 'B']) {
    res = await kiosk(svc);
    t.equal(res.status, 201);
    issued[res.json.ticket.number] = Date.parse(res.json.ticket.issuedAt);
  }
  await until('08:01');
  res = await counter(1, 'call');
  t.equal(res.json.ticket.number, 'A-001');
  const stepPlan: Array<[string, string]> = [
    ['08:01', 'verify'],
    ['08:03', 'photo'],
    ['08:04', 'signature'],
    ['08:05', 'biometrics'],
    ['08:07', 'stamp'],
  ];
  for (const [time, step] of stepPlan) {
    await until(time);
    t.equal((await counter(1, 'steps', { step })).status, 200, `step ${step}`);
  }
  await until('08:08');
  t.equal((await counter(1, 'complete')).json.ticket.status, 'done');

  // ---- 08:10 outage 1: mains fails, the genset is not running yet ------------
  await until('08:10');
  await sim({ mains: false });
  await s.pass(2_000);
  t.equal(s.station.power.view().source, 'mains', 'a 2 s dip is not an outage yet (5 s debounce)');
  await s.pass(8_000);
  let power = s.station.power.view();
  t.equal(power.source, 'battery');
  t.equal(power.outage, true);
  t.equal(power.recordingPowered, false);
  t.equal(counterState(1), 'paused', 'idle recording counter paused');
  t.equal(counterState(2), 'paused');
  t.match(notices().at(-1), { kind: 'power-outage', message: /Listrik PLN padam/, messageEn: /Mains power is out/ });

  await until('08:11');
  res = await kiosk('A');
  t.equal(res.status, 201, 'tickets keep being issued during the outage');
  t.equal(res.json.ticket.number, 'A-004');
  issued['A-004'] = Date.parse(res.json.ticket.issuedAt);
  t.equal((await counter(2, 'call')).json.error?.code, 'COUNTER_NOT_OPEN', 'a paused counter does not call');

  await until('08:12');
  await sim({ genset: true });
  await s.pass(10_000);
  power = s.station.power.view();
  t.equal(power.source, 'genset');
  t.equal(power.recordingPowered, true);
  t.equal(counterState(1), 'open', 'genset power reopens the counters the outage paused');
  t.equal(counterState(2), 'open');
  t.match(notices().at(-1), { kind: 'power-outage', message: 'Listrik PLN padam — layanan tetap berjalan dengan genset.' });

  await until('08:15');
  res = await counter(2, 'call');
  t.equal(res.status, 200, 'a ticket is called while the genset carries the office');
  t.equal(res.json.ticket.number, 'A-002');
  await counter(2, 'steps', { step: 'verify' });
  await until('08:17');
  await counter(2, 'steps', { step: 'photo' });
  await until('08:20');
  await counter(2, 'complete');

  await until('08:32');
  await s.pass(1_000);
  const longRun = alerts().find((a) => a.kind === 'genset-long-run' && a.active);
  t.ok(longRun, 'genset running past its 20 min limit raises an alert');
  t.match(longRun!.raisedAt, /^2026-11-28T08:32:00/);
  t.match(longRun!.message, /genset has run 20 min \(limit 20 min\)/);

  await until('08:40');
  await sim({ mains: true });
  await s.pass(10_000);
  t.equal(s.station.power.view().source, 'mains');
  t.equal(s.station.power.view().outage, false);
  t.match(notices().at(-1), { kind: 'power-restored', message: /kembali/ });
  await until('08:42');
  await sim({ genset: false });
  await s.pass(10_000);
  t.ok(
    alerts().some((a) => a.kind === 'genset-long-run' && !a.active && a.clearedAt?.startsWith('2026-11-28T08:42:0')),
    'long-run alert clears when the genset stops',
  );

  // ---- 08:50 genset consumables ---------------------------------------------
  await until('08:50');
  bridge.setInput('A1', 600); // fuel sender at 12 %
  await s.pass(2_000);
  const fuel = alerts().find((a) => a.kind === 'fuel-low');
  t.ok(fuel, 'low fuel raises an alert');
  t.equal(fuel!.message, 'fuel at 12% — refuel the genset before the afternoon session');
  t.match(fuel!.messageId, /BBM genset tinggal 12%/);
  t.equal(fuel!.threshold, 20);
  await s.pass(60_000);
  t.equal(alerts().filter((a) => a.kind === 'fuel-low').length, 1, 'raised once while it lasts, not every reading');

  await until('08:55');
  bridge.setInput('A0', 3700); // 11.1 V through the 1:3 divider
  await s.pass(2_000);
  t.match(
    alerts().find((a) => a.kind === 'genset-battery-low'),
    { active: true, value: 11.1, message: /charge or replace it/ },
  );

  // ---- 09:00 the fingerprint scanner at counter 1 breaks ---------------------
  await until('09:00');
  res = await api('POST', '/api/v1/faults', TOKENS.counter1, {
    device: 'fingerprint',
    description: 'sensor stays dark; no prints captured',
  });
  t.equal(res.status, 201);
  const faultId = res.json.fault.id as number;
  t.match(res.json.fault, { device: 'fingerprint', counter: 1, open: true, reportedAt: /^2026-11-28T09:00:00/ });
  res = await api('GET', '/api/v1/queue', TOKENS.kiosk);
  t.same(
    res.json.counters.map((c: { degraded: boolean }) => c.degraded),
    [true, false],
    'counter 1 is degraded while its fault is open',
  );

  // ---- 09:05 the printer is unplugged for 7 minutes --------------------------
  await until('09:05');
  await api('POST', '/api/v1/sim/devices/printer/fault', TOKENS.admin, { fault: 'offline' });
  await s.pass(1_000);
  const offlineEvent = s.events.find(
    (e) =>
      e.name === 'device' &&
      (e.data as { id: string; status: string }).id === 'printer' &&
      (e.data as { status: string }).status === 'offline' &&
      e.atMs >= at('09:05'),
  );
  t.ok(offlineEvent, 'printer reported offline');
  await until('09:12');
  const printerAlert = alerts().find((a) => a.kind === 'device-offline' && a.subject === 'printer');
  t.ok(printerAlert, 'a device offline longer than 5 min raises an alert');
  t.equal(Date.parse(printerAlert!.raisedAt) - offlineEvent!.atMs, 5 * MIN, 'exactly the configured 5 minutes after it went offline');
  t.match(printerAlert!.message, /^printer offline for 5 min: .* — check its cable and power/);
  await api('POST', '/api/v1/sim/devices/printer/fault', TOKENS.admin, { fault: 'none' });
  for (let i = 0; i < 60 && s.station.devices.get('printer')!.state().status !== 'ok'; i++) await s.pass(1_000);
  t.ok(
    alerts().some((a) => a.kind === 'device-offline' && !a.active),
    'cleared when the printer is back',
  );

  // ---- 09:20 the board's 12 V rail sags ------------------------------------
  await until('09:20');
  await sim({ busVoltage: 11.0 });
  await s.pass(2_000);
  t.match(
    alerts().find((a) => a.kind === 'supply-undervoltage'),
    { active: true, severity: 'critical', value: 11, threshold: 11.5 },
  );
  await sim({ busVoltage: 12.6 });
  await s.pass(2_000);
  t.ok(alerts().some((a) => a.kind === 'supply-undervoltage' && !a.active));

  // ---- 09:30 outage 2: no genset; counter 1 is mid-ticket ---------------------
  await until('09:25');
  res = await counter(1, 'call');
  t.equal(res.json.ticket.number, 'A-003');
  await counter(1, 'steps', { step: 'verify' });
  await until('09:30');
  await sim({ mains: false });
  await s.pass(10_000);
  t.equal(s.station.power.view().source, 'battery');
  t.equal(counterState(2), 'paused', 'the idle counter pauses at once');
  t.equal(counterState(1), 'open', 'the counter serving a ticket keeps it');
  t.same((s.station.power.view().counters as { pausing: number[] }).pausing, [1]);
  res = await kiosk('B');
  t.equal(res.status, 201, 'kiosk issues during the outage');
  const duringOutage = res.json.ticket.number as string;
  const pressed = s.station.simulators.buttons[0]!.press(); // the finger lifts on the station's clock
  await s.pass(1_000);
  await pressed;
  t.equal(s.station.queue.queueView().services.find((x) => x.code === 'A')!.issued, 5, 'the ticket button issues during the outage');
  await until('09:35');
  t.equal((await counter(1, 'complete')).status, 200, 'the officer finishes the ticket in hand');
  t.equal(counterState(1), 'paused', 'and then the counter pauses');

  await until('09:45');
  await sim({ mains: true });
  await s.pass(10_000);
  t.equal(counterState(1), 'open');
  t.equal(counterState(2), 'open');
  t.equal((await counter(2, 'call')).json.ticket?.number, 'B-001', 'the oldest ticket first');
  await until('09:46');
  t.equal((await counter(1, 'call')).json.ticket?.number, 'A-004', 'a ticket issued during outage 1');
  await until('09:50');
  await counter(2, 'steps', { step: 'verify' });
  await counter(2, 'complete');
  t.equal((await counter(2, 'call')).json.ticket?.number, duringOutage, 'a ticket issued during outage 2 is called after it');

  // ---- 10:00 the fingerprint scanner is repaired -----------------------------
  await until('10:00');
  res = await api('POST', `/api/v1/faults/${faultId}/resolve`, TOKENS.technician, { resolution: 'replaced the USB cable' });
  t.equal(res.status, 200);
  t.match(res.json.fault, { open: false, repairMinutes: 60, resolution: 'replaced the USB cable', resolvedBy: 'technician: teknisi' });
  t.equal((await api('POST', `/api/v1/faults/${faultId}/resolve`, TOKENS.technician, {})).status, 409, 'resolving twice is refused');
  res = await api('GET', '/api/v1/faults?open=true', TOKENS.technician);
  t.same(res.json.faults, []);
  t.same(
    (await api('GET', '/api/v1/queue', TOKENS.kiosk)).json.counters.map((c: { degraded: boolean }) => c.degraded),
    [false, false],
  );

  // ---- 10:05 what the technician sees --------------------------------------
  await until('10:05');
  res = await api('GET', '/api/v1/power/events?limit=100', TOKENS.technician);
  const evs = [...res.json.events].reverse() as Array<{ kind: string; at: string; detail: Record<string, number | null> }>;
  const ofKind = (k: string) => evs.filter((e) => e.kind === k);
  t.same(
    ofKind('outage-start').map((e) => e.at.slice(11, 16)),
    ['08:10', '09:30'],
  );
  t.same(
    ofKind('outage-end').map((e) => e.at.slice(11, 16)),
    ['08:40', '09:45'],
  );
  t.same(
    ofKind('genset-start').map((e) => e.at.slice(11, 16)),
    ['08:12'],
  );
  t.same(
    ofKind('genset-stop').map((e) => e.at.slice(11, 16)),
    ['08:42'],
  );
  const [end1, end2] = ofKind('outage-end');
  t.ok(near(end1!.detail.durationS!, 30 * 60, 1), `outage 1 lasted ${end1!.detail.durationS} s`);
  t.ok(near(end1!.detail.gensetDelayS!, 120, 1), `genset power ${end1!.detail.gensetDelayS} s after the outage began`);
  t.ok(near(end2!.detail.durationS!, 15 * 60, 1), `outage 2 lasted ${end2!.detail.durationS} s`);
  t.equal(end2!.detail.gensetDelayS, null, 'no genset in outage 2');
  t.ok(near(ofKind('genset-stop')[0]!.detail.runS!, 30 * 60, 1), 'genset ran 30 min');

  res = await api('GET', '/api/v1/power', TOKENS.technician);
  const m = res.json.today.minutes;
  t.ok(near(m.genset, 28, 0.2), `28 min on the genset (${m.genset})`);
  t.ok(near(m.battery, 2 + 15, 0.2), `17 min on battery (${m.battery})`);
  const firstSource = Date.parse(evs.find((e) => e.kind === 'source')!.at);
  t.ok(firstSource <= bootedAt, 'the source was known while the devices came up');
  const mainsExpected = (at('10:05') - firstSource) / MIN - 28 - 17;
  t.ok(near(m.mains, mainsExpected, 0.3), `${mainsExpected.toFixed(1)} min on mains (${m.mains})`);
  t.same(res.json.alerts.map((a: AlertView) => a.kind).sort(), ['fuel-low', 'genset-battery-low'], 'what is still wrong stays active');
  t.same(res.json.supply, { busVoltage: 12.6, currentA: 1.5, powerW: 18.9 });

  res = await api('GET', '/api/v1/power/history?hours=3', TOKENS.technician);
  const samples = res.json.samples as Array<{ at: string; source: string; mains: boolean | null }>;
  t.ok(near(samples.length, (at('10:05') - bootedAt) / MIN, 1), `one sample a minute (${samples.length})`);
  t.equal(samples.find((x) => x.at.startsWith('2026-11-28T08:20'))?.source, 'genset');
  t.equal(samples.find((x) => x.at.startsWith('2026-11-28T09:40'))?.source, 'battery');
  t.equal(samples.find((x) => x.at.startsWith('2026-11-28T09:50'))?.mains, true);

  // The screens were told: every power change went out as a public `power` event.
  const powerEvents = s.events.filter((e) => e.name === 'power').map((e) => e.data as PowerView);
  t.ok(
    powerEvents.some((p) => p.source === 'genset' && p.outage),
    'power event on the genset',
  );
  t.ok(powerEvents.some((p) => p.source === 'battery' && p.outage && p.recordingPowered === false));
  t.same(
    notices()
      .filter((n) => n.kind.startsWith('power'))
      .map((n) => n.kind),
    ['power-outage', 'power-outage', 'power-restored', 'power-outage', 'power-restored'],
  );
  for (const a of alerts()) t.notMatch(JSON.stringify(a), /\b\d{16}\b/, 'alerts carry no NIK');

  // ---- the day's report ------------------------------------------------------
  res = await api('GET', '/api/v1/reports/daily?date=2026-11-28', TOKENS.technician);
  t.equal(res.status, 200);
  const report = res.json;
  const A = report.services.find((x: { code: string }) => x.code === 'A');
  t.equal(A.issued, 5);
  t.equal(A.done, 3);
  t.same(
    A.steps.map((x: { step: string; count: number; meanS: number | null }) => [x.step, x.count, x.meanS]),
    [
      ['verify', 3, (120 + 120 + 600) / 3],
      ['photo', 2, (60 + 180) / 2],
      ['signature', 1, 60],
      ['biometrics', 1, 120],
      ['stamp', 1, 60],
    ],
    'per-step means from the times the officers started each step',
  );
  t.equal(A.meanServiceMin, Math.round(((7 + 5 + 10) / 3) * 10) / 10, 'call to done');
  const calledA = [
    ['A-001', at('08:01')],
    ['A-002', at('08:15')],
    ['A-003', at('09:25')],
    ['A-004', at('09:46')],
  ] as const;
  const waits = calledA.map(([n, c]) => (c - issued[n]!) / MIN);
  t.equal(A.meanWaitMin, Math.round((waits.reduce((a, b) => a + b, 0) / waits.length) * 10) / 10, 'issue to call');
  t.match(report.power, { outages: 2, outageMinutes: 45, gensetRuns: 1, gensetMinutes: 30, meanGensetDelayS: 120 });
  t.match(report.faults, { opened: 1, resolved: 1, meanRepairMin: 60, openAtEndOfDay: 0 });
  t.match(report.alerts, { 'genset-long-run': 1, 'fuel-low': 1, 'genset-battery-low': 1, 'device-offline': 1, 'supply-undervoltage': 1 });

  res = await api('GET', '/api/v1/reports/daily?date=2026-11-28&format=csv', TOKENS.technician);
  t.match(res.headers['content-type'], /^text\/csv/);
  const lines = res.text.trim().split('\r\n');
  t.equal(lines[0], 'date,section,item,metric,value');
  t.ok(lines.includes('2026-11-28,service,A,issued,5'));
  t.ok(lines.includes('2026-11-28,step,A/biometrics,meanS,120'));
  t.ok(lines.includes('2026-11-28,power,day,outages,2'));
  t.ok(lines.includes('2026-11-28,faults,all,meanRepairMin,60'));

  // ---- metrics -----------------------------------------------------------
  res = await api('GET', '/metrics', TOKENS.technician);
  t.equal(res.status, 200);
  t.match(res.headers['content-type'], /^text\/plain/);
  t.match(res.text, /ktp_power_source\{source="mains"\} 1/);
  const fuelGauge = Number(/^ktp_genset_fuel_percent (\S+)$/m.exec(res.text)?.[1]);
  t.ok(near(fuelGauge, 12, 0.2), `fuel gauge ${fuelGauge}`);
  t.match(res.text, /ktp_alert_active\{kind="fuel-low"\} 1/);
  t.match(res.text, /ktp_tickets_issued_today\{service="A"\} 5/);
  t.match(res.text, /ktp_device_status\{device="printer",kind="printer",status="ok"\} 1/);
  t.match(res.text, /ktp_http_requests_total\{method="POST",route="\/api\/v1\/tickets",status="201"\} 6/);
  t.match(res.text, /ktp_http_request_duration_seconds_count\{method="GET",route="\/api\/v1\/power"\} \d+/);
});
