/**
 * What a regency tool nobody here wrote sees on the broker: Debian's
 * mosquitto_sub, subscribed with QoS 1, each message kept with its topic and
 * retained flag. A persistent session (`id`) keeps what arrives while it is
 * away, as a regency consumer's would.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { waitFor } from './wait.js';

export interface Seen {
  topic: string;
  retained: boolean;
  payload: string;
  json: any;
}

export interface Watch {
  messages: Seen[];
  /** Event messages (`…/events`) parsed, in arrival order. */
  events(station?: string): Array<{ seq: number; type: string; at: string; historical: boolean; data: any }>;
  stop(): Promise<void>;
  output(): string;
}

export interface WatchOptions {
  port: number;
  topic: string;
  id?: string;
  args?: string[];
}

export async function watch(o: WatchOptions): Promise<Watch> {
  const args = ['-h', '127.0.0.1', '-p', String(o.port), '-t', o.topic, '-q', '1', '-d', '-F', '%r %t %p', ...(o.args ?? [])];
  if (o.id) args.push('-c', '-i', o.id);
  // Line-buffered: mosquitto_sub's stdio would otherwise hold its debug lines back when writing to a pipe.
  const proc: ChildProcess = spawn('stdbuf', ['-oL', 'mosquitto_sub', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const messages: Seen[] = [];
  let out = '';
  let buf = '';
  let subscribed = false;
  proc.stderr!.on('data', (c: Buffer) => (out += c.toString()));
  proc.stdout!.on('data', (c: Buffer) => {
    buf += c.toString();
    let nl: number;
    while ((nl = buf.indexOf('\n')) >= 0) {
      const line = buf.slice(0, nl);
      buf = buf.slice(nl + 1);
      out += line + '\n';
      if (line.startsWith('Subscribed')) subscribed = true;
      const m = /^([01]) (\S+) (.*)$/.exec(line);
      if (!m) continue;
      let json: unknown = null;
      try {
        json = JSON.parse(m[3]!);
      } catch {
        /* not JSON */
      }
      messages.push({ retained: m[1] === '1', topic: m[2]!, payload: m[3]!, json });
    }
  });
  await waitFor(() => subscribed || proc.exitCode !== null, 'mosquitto_sub to subscribe', 15_000);
  if (!subscribed) throw new Error(`mosquitto_sub exited:\n${out}`);
  return {
    messages,
    output: () => out,
    events: (station) =>
      messages.filter((m) => m.topic.endsWith('/events') && (!station || m.topic.split('/').at(-2) === station)).map((m) => m.json),
    async stop() {
      if (proc.exitCode !== null || proc.signalCode !== null) return;
      await new Promise<void>((resolve) => {
        proc.once('exit', () => resolve());
        proc.kill('SIGTERM');
      });
    },
  };
}

/**
 * The property a regency consumer relies on: dropping repeats of a seq, the
 * events arrive as 1, 2, 3 … n (no gap, nothing out of order). Returns the
 * first problem, or null.
 */
export function seqProblem(seqs: number[], n: number): string | null {
  const seen = new Set<number>();
  let expect = 1;
  for (const s of seqs) {
    if (seen.has(s)) continue;
    if (s !== expect) return `expected seq ${expect}, got ${s} (after ${[...seen].slice(-3).join(', ')})`;
    seen.add(s);
    expect++;
  }
  return expect - 1 === n ? null : `got ${expect - 1} distinct events, expected ${n}`;
}
