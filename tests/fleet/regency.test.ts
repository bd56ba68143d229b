/**
 * Two simulated stations and one regency view on Debian's mosquitto: the
 * CONTRACT route with exactly its fields, duplicates dropped, a silent station
 * marked stale and a vanished one offline, the view's own SQLite across its
 * restart, and the /regency page in Chromium (screenshot in
 * test-output/screenshots/).
 */
import t from 'tap';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { tempDir } from '../support/station-fixture.js';
import { launch, screenshot } from '../support/browser.js';
import { startMosquitto } from '../support/mosquitto.js';
import { waitFor } from '../support/wait.js';
import { fleetStation, busyHour, TOKENS } from '../support/fleet-station.js';
import { startRegencyView, type RegencyView } from '../support/regency-view.js';

const CONTRACT_FIELDS = ['activeAlerts', 'doneToday', 'id', 'lastSeen', 'lastSeq', 'name', 'online', 'source', 'waiting'];
const localDay = (ms: number) => new Date(ms + 7 * 3_600_000).toISOString().slice(0, 10);

t.test('two stations, one regency view', async (t) => {
  const dir = tempDir(t, 'ktp-regency-');
  const broker = await startMosquitto({ dir: join(dir, 'broker') });
  t.teardown(() => broker.stop());
  const viewArgs = ['--mqtt', broker.url, '--data-dir', join(dir, 'view'), '--stale-minutes', '0.3'];
  let view: RegencyView = await startRegencyView(viewArgs);
  t.teardown(() => view.stop());

  const since = localDay(Date.now() - 10 * 86_400_000);
  const merek = await fleetStation({
    dir: join(dir, 'merek'),
    brokerUrl: broker.url,
    mqtt: { heartbeatSeconds: 5 },
    edit: (c) => {
      c.coverage = { obliged: 13993, recordedBefore: 8560, since };
      c.alerts = { deviceOfflineMinutes: 0.05 };
    },
  });
  t.teardown(() => merek.stop());
  const barusjahe = await fleetStation({
    dir: join(dir, 'barusjahe'),
    brokerUrl: broker.url,
    id: 'barusjahe-01',
    name: 'Kecamatan Barusjahe',
    mqtt: { heartbeatSeconds: 3600 }, // says nothing unless something happens
    edit: (c) => {
      c.coverage = { obliged: 9120, recordedBefore: 6100, since };
    },
  });
  t.teardown(() => barusjahe.kill());

  const stations = async () => (await view.get('/api/v1/regency/stations')).stations as any[];
  const byId = async (id: string) => (await stations()).find((s) => s.id === id);

  // Merek: a busy morning.
  await busyHour(merek, 14);
  const merekSeq = async () => (await merek.fleet()).outbox.lastSeq;
  await waitFor(async () => (await byId('merek-01'))?.lastSeq === (await merekSeq()), "Merek's morning at the regency", 60_000);
  const seenSeq = (await byId('merek-01')).lastSeq;
  const seenWaiting = (await byId('merek-01')).waiting;
  // A copy of an event already seen (as a replay after a cut would bring) changes nothing.
  const events = (await view.get('/api/v1/regency/stations/merek-01/events')).events;
  const issued = events.find((e: any) => e.type === 'ticket.issued');
  const copy = JSON.stringify({
    seq: issued.seq,
    type: issued.type,
    at: issued.at,
    historical: true,
    data: { ...issued.data, waiting: 999 },
  });
  const pub = spawnSync('mosquitto_pub', [
    '-h',
    '127.0.0.1',
    '-p',
    String(broker.port),
    '-q',
    '1',
    '-t',
    'ktp/merek-01/events',
    '-m',
    copy,
  ]);
  t.equal(pub.status, 0, 'mosquitto_pub sent the copy');
  await merek.api('POST', '/api/v1/tickets', TOKENS.kiosk, { service: 'B' }); // and one real event after it
  await waitFor(async () => (await byId('merek-01')).lastSeq === seenSeq + 1, 'the next real event', 30_000);
  t.equal((await byId('merek-01')).waiting, seenWaiting + 1, 'the copy did not count; the real ticket did');

  // Then mains fails (genset) and the printer drops out.
  t.equal((await merek.api('POST', '/api/v1/sim/power', TOKENS.admin, { mains: false, genset: true })).status, 200);
  t.equal((await merek.api('POST', '/api/v1/sim/devices/printer/fault', TOKENS.admin, { fault: 'offline' })).status, 200);
  // Barusjahe: a quieter morning, then the office closes (the day's report goes out).
  await busyHour(barusjahe, 6);
  for (const id of [1, 2]) await barusjahe.api('POST', `/api/v1/counters/${id}/state`, TOKENS.admin, { state: 'closed' });

  await waitFor(
    async () => {
      const m = await byId('merek-01');
      return m?.source === 'genset' && m.activeAlerts.some((a: any) => a.kind === 'device-offline');
    },
    'Merek on genset with its printer alert at the regency',
    60_000,
  );
  await waitFor(async () => (await view.get('/api/v1/regency/board')).stations.some((s: any) => s.coverage), 'a coverage figure', 30_000);

  const list = await stations();
  t.same(
    list.map((s) => s.id),
    ['barusjahe-01', 'merek-01'],
  );
  for (const s of list) t.same(Object.keys(s).sort(), CONTRACT_FIELDS, `${s.id}: exactly the CONTRACT fields`);
  const mQueue = (await merek.api('GET', '/api/v1/queue', TOKENS.kiosk)).json;
  const mReport = (await merek.api('GET', '/api/v1/reports/daily', TOKENS.technician)).json;
  const m = list.find((s) => s.id === 'merek-01');
  t.match(m, {
    name: 'Kecamatan Merek',
    online: true,
    waiting: mQueue.services.reduce((a: number, s: any) => a + s.waiting, 0),
    doneToday: mReport.services.reduce((a: number, s: any) => a + s.done, 0),
    source: 'genset',
  });
  t.ok(m.waiting > 0 && m.doneToday > 0, `Merek: ${m.waiting} waiting, ${m.doneToday} done`);
  t.equal(m.lastSeq, (await merek.fleet()).outbox.lastSeq, 'the view has every Merek event');
  const b = list.find((s) => s.id === 'barusjahe-01');
  t.match(b, { name: 'Kecamatan Barusjahe', online: true, source: 'mains', activeAlerts: [] });
  const bBoard = (await view.get('/api/v1/regency/board')).stations.find((s: any) => s.id === 'barusjahe-01');
  t.match(bBoard.coverage, { obliged: 9120 }, "Barusjahe's coverage from its report at close");

  // Barusjahe has said nothing for longer than --stale-minutes: still online by its word, marked stale.
  await waitFor(
    async () => (await view.get('/api/v1/regency/board')).stations.find((s: any) => s.id === 'barusjahe-01').status === 'stale',
    'Barusjahe stale',
    60_000,
  );
  t.equal((await view.get('/api/v1/regency/board')).stations.find((s: any) => s.id === 'merek-01').status, 'online', 'Merek keeps talking');

  const browser = await launch();
  t.teardown(() => browser.close());
  const page = await browser.newPage({ viewport: { width: 1440, height: 720 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${view.url}/regency`);
  await page.waitForSelector('tr[data-station="barusjahe-01"]');
  const rowText = async (id: string) => (await page.textContent(`tr[data-station="${id}"]`)) ?? '';
  t.match(await rowText('merek-01'), /Kecamatan Merek.*Daring.*genset.*Perangkat tidak terhubung \(printer\)/is);
  t.match(await rowText('barusjahe-01'), /Kecamatan Barusjahe.*Tidak ada kabar.*PLN/s);
  t.match(await rowText('barusjahe-01'), /dari 9\.120/, 'coverage in Indonesian number format');
  t.match(await rowText('barusjahe-01'), /laporan \d\d\/\d\d\/\d{4}/, "the report's day written dd/mm/yyyy");
  t.equal(await page.textContent('#t-online'), '1 / 2');
  t.notMatch(await page.textContent('main'), /alert\.[a-z]/, 'every alert in words, none as a key');
  const shot = await screenshot(page, 'regency');
  t.pass(`screenshot ${shot}`);
  await page.click('#lang');
  t.match(await rowText('barusjahe-01'), /No news/);
  t.same(errors, [], 'no script errors');

  // Merek's technician sees the link to the regency and the outbox behind it on the console.
  const tech = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  tech.on('pageerror', (e) => errors.push(e.message));
  await tech.addInitScript((token) => sessionStorage.setItem('ktp-technician', JSON.stringify({ token })), TOKENS.technician);
  await tech.goto(`${merek.url()}/technician`);
  const panel = async () => (await tech.textContent('#fleet-panel')) ?? '';
  const upAndEmpty = /Kiriman ke kabupaten.*Sambungan\s*Terhubung.*Data menunggu dikirim\s*0(?![\d.,])/s;
  await waitFor(async () => upAndEmpty.test(await panel()), 'the console showing the link up and the outbox empty', 30_000);
  t.match(await panel(), upAndEmpty, 'the console shows the link up and nothing waiting');
  await tech.waitForSelector('#fleet-panel .t-figure', { state: 'visible', timeout: 60_000 });
  t.ok(await tech.isVisible('#fleet-panel'), 'the panel is on screen once the technician is signed in');
  t.match(await panel(), /Nomor data terakhir\s*[1-9]/, 'and the last event number');
  await screenshot(tech, 'technician-fleet');
  t.same(errors, [], 'no script errors on the console');

  // Barusjahe loses power: the broker publishes its last will; the view marks it offline.
  await barusjahe.kill();
  await waitFor(async () => (await byId('barusjahe-01')).online === false, 'Barusjahe offline', 30_000);

  // The view restarts: it keeps what it knew in its own SQLite.
  const before = await stations();
  await view.stop();
  view = await startRegencyView(viewArgs);
  const after = await stations();
  t.same(
    after.map((s) => [s.id, s.online, s.lastSeq, s.waiting, s.doneToday]),
    before.map((s) => [s.id, s.online, s.lastSeq, s.waiting, s.doneToday]),
    'the same stations and figures after a restart of the view',
  );
});
