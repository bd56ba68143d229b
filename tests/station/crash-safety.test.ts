import t from 'tap';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { builtInConfig } from '../../src/config/defaults.js';
import { tempDir } from '../support/station-fixture.js';
import { startChildStation, waitExit } from '../support/child-station.js';
import { TOKENS } from '../support/api-fixture.js';

/**
 * Acknowledged means on disk: the station process is SIGKILLed while four
 * clients are issuing tickets as fast as they can. After each restart every
 * acknowledged ticket is there with its number, and the numbers of each
 * service run 1..n with no gap and no repeat.
 */
t.test('no acknowledged ticket is lost and no number repeats or is skipped across SIGKILLs', async (t) => {
  const dir = tempDir(t);
  // Four clients on one kiosk token issue far more than a kiosk may in a minute: the per-token limit is raised for them.
  const config = builtInConfig();
  config.http = { ...config.http, limits: { ticketsPerMinutePerToken: 100_000 } };
  const configFile = join(dir, 'station.yaml');
  writeFileSync(configFile, stringify(config));
  const acknowledged = new Map<number, { number: string; service: string }>();
  const rounds = 3;

  for (let round = 0; round < rounds; round++) {
    const station = await startChildStation(['--config', configFile, '--data-dir', dir]);
    t.teardown(() => {
      station.proc.kill('SIGKILL');
    });
    let stop = false;
    let inFlight = 0;
    const client = async (service: string) => {
      while (!stop) {
        inFlight++;
        try {
          const res = await fetch(`${station.url}/api/v1/tickets`, {
            method: 'POST',
            headers: { authorization: `Bearer ${TOKENS.kiosk}`, 'content-type': 'application/json' },
            body: JSON.stringify({ service }),
          });
          if (res.status === 201) {
            const { ticket } = (await res.json()) as { ticket: { id: number; number: string; service: string } };
            acknowledged.set(ticket.id, { number: ticket.number, service: ticket.service });
          }
        } catch {
          return; // the connection died with the process: not acknowledged
        } finally {
          inFlight--;
        }
      }
    };
    const clients = [client('A'), client('A'), client('B'), client('B')];
    // Let tickets flow, then kill while requests are in flight.
    const target = acknowledged.size + 40 + round * 15;
    while (acknowledged.size < target) await new Promise((r) => setImmediate(r));
    t.ok(inFlight > 0, `round ${round}: requests were in flight at the kill`);
    station.proc.kill('SIGKILL');
    stop = true;
    await Promise.all(clients);
    await waitExit(station.proc);
  }

  const station = await startChildStation(['--config', configFile, '--data-dir', dir]);
  t.teardown(() => {
    station.proc.kill('SIGKILL');
  });
  const res = await fetch(`${station.url}/api/v1/tickets`, { headers: { authorization: `Bearer ${TOKENS.technician}` } });
  const { tickets } = (await res.json()) as { tickets: Array<{ id: number; number: string; service: string }> };
  const stored = new Map(tickets.map((x) => [x.id, x]));

  let lost = 0;
  for (const [id, ack] of acknowledged) {
    const s = stored.get(id);
    if (!s || s.number !== ack.number) lost++;
  }
  t.equal(lost, 0, `all ${acknowledged.size} acknowledged tickets survived`);
  for (const service of ['A', 'B']) {
    const seqs = tickets
      .filter((x) => x.number.startsWith(`${service}-`))
      .map((x) => Number(x.number.slice(2)))
      .sort((a, b) => a - b);
    t.same(
      seqs,
      seqs.map((_, i) => i + 1),
      `service ${service}: ${seqs.length} numbers, 1..n with no gap or repeat`,
    );
  }

  const next = await fetch(`${station.url}/api/v1/tickets`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TOKENS.kiosk}`, 'content-type': 'application/json' },
    body: JSON.stringify({ service: 'A' }),
  });
  const { ticket } = (await next.json()) as { ticket: { number: string } };
  const lastA = tickets.filter((x) => x.number.startsWith('A-')).length;
  t.equal(ticket.number, `A-${String(lastA + 1).padStart(3, '0')}`, 'numbering continues after the last stored number');
  station.proc.kill('SIGTERM');
  await waitExit(station.proc);
});
