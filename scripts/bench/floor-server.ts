/**
 * The floor for the ticket benchmark: a bare Fastify route that commits one
 * row per POST to SQLite in WAL with synchronous=FULL (an fsync per commit),
 * like the station's store, and nothing else. Run as a child process:
 *   node dist/scripts/bench/floor-server.js DATA_DIR PORT
 * Prints "floor ready <url>" on stdout.
 */
import Database from 'better-sqlite3';
import Fastify from 'fastify';
import { join } from 'node:path';

const [dir, port] = process.argv.slice(2);
if (!dir || !port) {
  console.error('usage: floor-server DATA_DIR PORT');
  process.exit(2);
}
const db = new Database(join(dir, 'floor.db'));
db.pragma('journal_mode = WAL');
db.pragma('synchronous = FULL');
db.exec('CREATE TABLE IF NOT EXISTS tickets (id INTEGER PRIMARY KEY, service TEXT NOT NULL, issued_at INTEGER NOT NULL)');
const insert = db.prepare('INSERT INTO tickets (service, issued_at) VALUES (?, ?)');

const app = Fastify({ logger: false });
app.post<{ Body: { service: string } }>('/tickets', async (req, reply) => {
  const id = Number(insert.run(req.body.service, Date.now()).lastInsertRowid);
  return reply.status(201).send({ id });
});
app.get('/health', async () => ({ status: 'ok' }));
const url = await app.listen({ host: '127.0.0.1', port: Number(port) });
console.log(`floor ready ${url}`);
const stop = () =>
  void app.close().then(() => {
    db.close();
    process.exit(0);
  });
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
