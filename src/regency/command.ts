/**
 * `ktp-station regency --mqtt URL [--port N]`: the regency office's view of
 * its stations, fed by the regency broker.
 */
import { parseArgs } from 'node:util';
import { readFileSync } from 'node:fs';
import { createLogger } from '../shared/log.js';
import { readPrivateFile, SetupError, safeUrl } from '../shared/secrets.js';
import { buildRegencyApp } from './app.js';
import { openRegencyDb, RegencyStore } from './store.js';
import { RegencySubscriber } from './subscriber.js';

export const REGENCY_USAGE = `usage: ktp-station regency --mqtt URL [--port N] [--host H] [--data-dir DIR]
                          [--topic-prefix ktp] [--client-id ID] [--username U --password-file F] [--ca-file F]
                          [--stale-minutes N] [--timezone Asia/Jakarta]`;

/** Events are kept this long in the view's database; the station rows stay. */
const KEEP_EVENTS_MS = 90 * 86_400_000;

export async function regencyCommand(argv: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        mqtt: { type: 'string' },
        port: { type: 'string', default: '8090' },
        host: { type: 'string', default: '127.0.0.1' },
        'data-dir': { type: 'string', default: './regency-data' },
        'topic-prefix': { type: 'string', default: 'ktp' },
        'client-id': { type: 'string', default: 'ktp-regency' },
        username: { type: 'string' },
        'password-file': { type: 'string' },
        'ca-file': { type: 'string' },
        'stale-minutes': { type: 'string', default: '5' },
        timezone: { type: 'string', default: 'Asia/Jakarta' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (err) {
    console.error(`${(err as Error).message}\n${REGENCY_USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(REGENCY_USAGE);
    return 0;
  }
  const url = values.mqtt;
  if (!url || !/^(mqtts?|wss?):\/\/[^\s/]+/.test(url)) {
    console.error(`--mqtt needs the broker URL, e.g. mqtt://broker.lan:1883\n${REGENCY_USAGE}`);
    return 2;
  }
  const port = Number(values.port);
  const staleMinutes = Number(values['stale-minutes']);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`--port must be 0..65535, got ${values.port}`);
    return 2;
  }
  if (!(staleMinutes > 0)) {
    console.error(`--stale-minutes must be above 0, got ${values['stale-minutes']}`);
    return 2;
  }
  let password: string | null = null;
  let ca: Buffer | null = null;
  try {
    if (values['password-file']) password = readPrivateFile(values['password-file'], '--password-file').split(/\r?\n/)[0]!;
    if (values['ca-file']) ca = readFileSync(values['ca-file']);
  } catch (err) {
    console.error(err instanceof SetupError ? err.message : `cannot read --ca-file: ${(err as Error).message}`);
    return 1;
  }

  const log = createLogger();
  const db = openRegencyDb(values['data-dir']);
  const store = new RegencyStore(db);
  const subscriber = new RegencySubscriber({
    url,
    topicPrefix: values['topic-prefix'],
    clientId: values['client-id'],
    username: values.username ?? null,
    password,
    ca,
    store,
    log: log.child({ ns: 'regency.mqtt' }),
  });
  const app = await buildRegencyApp({
    store,
    link: () => subscriber.status(),
    broker: safeUrl(url),
    timeZone: values.timezone,
    staleMinutes,
    log,
  });
  let address: string;
  try {
    address = await app.listen({ host: values.host, port });
  } catch (err) {
    log.fatal(`cannot listen on ${values.host}:${port}: ${(err as Error).message}; pass another --port`);
    db.close();
    return 1;
  }
  await subscriber.start();
  store.prune(Date.now() - KEEP_EVENTS_MS);
  const pruning = setInterval(() => store.prune(Date.now() - KEEP_EVENTS_MS), 86_400_000);
  pruning.unref();
  const pageUrl = `${address.replace('[::1]', 'localhost')}/regency`;
  log.info({ url: pageUrl, broker: safeUrl(url) }, `regency view ready at ${pageUrl}`);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    clearInterval(pruning);
    await subscriber.stop();
    await app.close();
    db.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
  return -1;
}
