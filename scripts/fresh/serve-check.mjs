// Inside the fresh machine: waits for /api/v1/health, issues one ticket from the
// kiosk route and, where the printer is simulated, finds it on the printed paper.
// Env: BASE (http://127.0.0.1:PORT), START_AT (epoch seconds the station was started),
// KIOSK (token; default dev-kiosk), PRINTED=0 to skip the printer check.
const base = process.env.BASE;
const kiosk = process.env.KIOSK ?? 'dev-kiosk';
const deadline = Date.now() + 600_000;
let health;
while (Date.now() < deadline) {
  try {
    health = await fetch(`${base}/api/v1/health`);
    if (health.status === 200) break;
  } catch {
    // not listening yet
  }
  await new Promise((r) => setTimeout(r, 100));
}
if (health?.status !== 200) throw new Error('no 200 from /api/v1/health');
const since = ((Date.now() - Number(process.env.START_AT) * 1000) / 1000).toFixed(1);
console.log(`FRESH-STEP {"step":"start until health 200","seconds":${since}}`);
console.log(`FRESH-HEALTH ${JSON.stringify(await health.json())}`);
const r = await fetch(`${base}/api/v1/tickets`, {
  method: 'POST',
  headers: { authorization: `Bearer ${kiosk}`, 'content-type': 'application/json' },
  body: JSON.stringify({ service: 'A' }),
});
const body = await r.json();
if (r.status !== 201 || !/^A-\d{3}$/.test(body.ticket?.number)) throw new Error(`ticket: ${r.status} ${JSON.stringify(body)}`);
if (process.env.PRINTED !== '0') {
  let printed = '';
  for (let i = 0; i < 100 && !printed.includes(body.ticket.number); i++) {
    const p = await fetch(`${base}/api/v1/sim/printer`, { headers: { authorization: 'Bearer dev-admin' } });
    printed = JSON.stringify(await p.json());
    if (!printed.includes(body.ticket.number)) await new Promise((res) => setTimeout(res, 100));
  }
  if (!printed.includes(body.ticket.number)) throw new Error(`ticket ${body.ticket.number} not printed: ${printed.slice(0, 300)}`);
  console.log(`FRESH-TICKET ${body.ticket.number} issued and printed`);
} else {
  console.log(`FRESH-TICKET ${body.ticket.number} issued`);
}
