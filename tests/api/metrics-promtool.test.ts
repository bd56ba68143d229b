/**
 * /metrics as Prometheus's own checker sees it: `promtool check metrics`
 * (Debian package prometheus, installed by scripts/install-system-deps.sh)
 * finds nothing to complain about, and event streams are counted.
 */
import t from 'tap';
import { spawnSync } from 'node:child_process';
import { apiFixture, auth, TOKENS } from '../support/api-fixture.js';
import { SseClient } from '../support/sse-client.js';
import { waitFor } from '../support/wait.js';

const promtool = spawnSync('promtool', ['--version']);
if (promtool.error) throw new Error('promtool is missing: apt-get install prometheus (scripts/install-system-deps.sh does it)');

async function scrape(app: Awaited<ReturnType<typeof apiFixture>>['app']): Promise<string> {
  const res = await app.inject({ url: '/metrics', headers: auth(TOKENS.technician) });
  t.equal(res.statusCode, 200);
  return res.body;
}

t.test('promtool check metrics passes on a station that has served tickets, calls and event streams', async (t) => {
  const f = await apiFixture(t);
  const url = await f.app.listen({ host: '127.0.0.1', port: 0 });
  await f.app.inject({ method: 'POST', url: '/api/v1/tickets', headers: auth(TOKENS.kiosk), payload: { service: 'A' } });
  await f.app.inject({ method: 'POST', url: '/api/v1/counters/1/call', headers: auth(TOKENS.counter1) });
  const sse = new SseClient(`${url}/api/v1/events`);
  await sse.ready;
  await sse.next((e) => e.event === 'queue');

  const open = await scrape(f.app);
  t.match(open, /^ktp_event_streams_open 1$/m, 'the open stream is counted');
  sse.close();
  await waitFor(async () => /^ktp_event_streams_open 0$/m.test(await scrape(f.app)), 'no stream left open', 10_000, 20);
  const text = await scrape(f.app);
  t.match(
    text,
    /^ktp_http_requests_total\{method="GET",route="\/api\/v1\/events",status="200"\} 1$/m,
    'a finished stream is a request answered',
  );
  t.notMatch(text, /ktp_counter_/, 'a service desk is a desk: no "counter" in a gauge name');
  t.match(text, /^ktp_desk_state\{/m);

  const check = spawnSync('promtool', ['check', 'metrics'], { input: text, encoding: 'utf8' });
  t.equal(check.status, 0, `promtool: ${check.stdout}${check.stderr}`);
  t.equal(`${check.stdout}${check.stderr}`.trim(), '', 'no warnings either');
});
