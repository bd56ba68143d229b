import http from 'node:http';

export interface SseFrame {
  id: string | null;
  event: string;
  data: any;
}

/** A minimal SSE reader for tests: collects frames, lets a test wait for one. */
export class SseClient {
  readonly frames: SseFrame[] = [];
  status = 0;
  private req: http.ClientRequest | null = null;
  private waiters: Array<{ pred: (f: SseFrame) => boolean; resolve: (f: SseFrame) => void }> = [];
  private buffer = '';

  constructor(url: string, headers: Record<string, string> = {}) {
    this.ready = new Promise((resolve, reject) => {
      this.req = http.get(url, { headers: { accept: 'text/event-stream', ...headers } }, (res) => {
        this.status = res.statusCode ?? 0;
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => this.feed(chunk));
        resolve();
      });
      this.req.on('error', (e) => ((e as NodeJS.ErrnoException).code === 'ECONNRESET' ? undefined : reject(e)));
    });
  }

  readonly ready: Promise<void>;

  /** Waits for a frame matching pred (already received or still to come). */
  next(pred: (f: SseFrame) => boolean, timeoutMs = 5000): Promise<SseFrame> {
    const have = this.frames.find(pred);
    if (have) return Promise.resolve(have);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no matching SSE frame within ${timeoutMs} ms; got ${this.frames.map((f) => f.event).join(',')}`)),
        timeoutMs,
      );
      this.waiters.push({
        pred,
        resolve: (f) => {
          clearTimeout(timer);
          resolve(f);
        },
      });
    });
  }

  close(): void {
    this.req?.destroy();
  }

  private feed(chunk: string): void {
    this.buffer += chunk;
    let cut: number;
    while ((cut = this.buffer.indexOf('\n\n')) >= 0) {
      const block = this.buffer.slice(0, cut);
      this.buffer = this.buffer.slice(cut + 2);
      let id: string | null = null;
      let event = 'message';
      const data: string[] = [];
      for (const line of block.split('\n')) {
        if (line.startsWith('id: ')) id = line.slice(4);
        else if (line.startsWith('event: ')) event = line.slice(7);
        else if (line.startsWith('data: ')) data.push(line.slice(6));
      }
      if (data.length === 0) continue;
      const frame = { id, event, data: JSON.parse(data.join('\n')) };
      this.frames.push(frame);
      this.waiters = this.waiters.filter((w) => (w.pred(frame) ? (w.resolve(frame), false) : true));
    }
  }
}
