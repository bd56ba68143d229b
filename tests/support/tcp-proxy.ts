/**
 * A TCP proxy between a station and its broker, to cut the link as a rural
 * mobile link cuts: `cut('reset')` drops every connection and refuses new
 * ones; `cut('blackhole')` keeps sockets open but forwards nothing (the
 * station only notices through MQTT keepalive). `holdDownstream()` delays
 * what the broker sends (its PUBACKs) without cutting anything.
 */
import { createServer, connect, type Server, type Socket } from 'node:net';

type Mode = 'open' | 'reset' | 'blackhole';

interface Pair {
  client: Socket;
  upstream: Socket;
  held: Buffer[];
}

export class TcpProxy {
  private mode: Mode = 'open';
  private holding = false;
  /** Bytes the broker may still send before holding starts (null: no budget). */
  private budget: number | null = null;
  private readonly pairs = new Set<Pair>();
  /** Connections accepted since start (each reconnect of the station is one). */
  connections = 0;

  private constructor(
    private readonly server: Server,
    readonly port: number,
  ) {}

  static async start(target: { host?: string; port: number }): Promise<TcpProxy> {
    const made: { proxy?: TcpProxy } = {};
    const server = createServer((client) => made.proxy!.accept(client, target));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    made.proxy = new TcpProxy(server, (server.address() as { port: number }).port);
    return made.proxy;
  }

  get url(): string {
    return `mqtt://127.0.0.1:${this.port}`;
  }

  /** Cuts the link: every open connection is dropped ('reset') or silently stalls ('blackhole'). */
  cut(mode: 'reset' | 'blackhole' = 'reset'): void {
    this.mode = mode;
    if (mode === 'reset') for (const p of [...this.pairs]) this.drop(p);
  }

  /** The link is back: new connections go through; stalled ones are dropped. */
  restore(): void {
    if (this.mode === 'blackhole') for (const p of [...this.pairs]) this.drop(p);
    this.mode = 'open';
  }

  /** Holds everything the broker sends until `releaseDownstream()`. */
  holdDownstream(): void {
    this.holding = true;
  }

  /** Lets `bytes` more through from the broker (a PUBACK is 4 bytes), then holds the rest. */
  holdDownstreamAfter(bytes: number): void {
    this.budget = bytes;
  }

  releaseDownstream(): void {
    this.holding = false;
    this.budget = null;
    for (const p of this.pairs) {
      for (const chunk of p.held.splice(0)) p.client.write(chunk);
    }
  }

  async close(): Promise<void> {
    for (const p of [...this.pairs]) this.drop(p);
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(client: Socket, target: { host?: string; port: number }): void {
    this.connections++;
    if (this.mode === 'reset') {
      client.destroy();
      return;
    }
    const upstream = connect({ host: target.host ?? '127.0.0.1', port: target.port });
    const pair: Pair = { client, upstream, held: [] };
    this.pairs.add(pair);
    client.on('data', (chunk: Buffer) => {
      if (this.mode === 'open') upstream.write(chunk);
    });
    upstream.on('data', (data: Buffer) => {
      let chunk = data;
      if (this.mode !== 'open') return;
      if (this.budget !== null && !this.holding) {
        const pass = chunk.subarray(0, this.budget);
        this.budget -= pass.length;
        if (pass.length > 0) client.write(pass);
        if (this.budget === 0) this.holding = true;
        chunk = chunk.subarray(pass.length);
        if (chunk.length === 0) return;
      }
      if (this.holding) pair.held.push(chunk);
      else client.write(chunk);
    });
    const end = () => this.drop(pair);
    for (const s of [client, upstream]) {
      s.on('error', end);
      s.on('close', end);
    }
  }

  private drop(p: Pair): void {
    if (!this.pairs.delete(p)) return;
    p.client.destroy();
    p.upstream.destroy();
  }
}
