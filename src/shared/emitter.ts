import { EventEmitter } from 'node:events';

/** An EventEmitter whose event names and payloads are checked by the compiler. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the widest listener type, narrowed per event by Events
export class TypedEmitter<Events extends { [K in keyof Events]: (...args: any[]) => void }> {
  private readonly inner = new EventEmitter();

  constructor() {
    this.inner.setMaxListeners(0);
  }

  on<K extends keyof Events & string>(event: K, listener: Events[K]): () => void {
    this.inner.on(event, listener);
    return () => this.inner.off(event, listener);
  }

  once<K extends keyof Events & string>(event: K, listener: Events[K]): void {
    this.inner.once(event, listener);
  }

  off<K extends keyof Events & string>(event: K, listener: Events[K]): void {
    this.inner.off(event, listener);
  }

  emit<K extends keyof Events & string>(event: K, ...args: Parameters<Events[K]>): void {
    this.inner.emit(event, ...args);
  }

  listenerCount<K extends keyof Events & string>(event: K): number {
    return this.inner.listenerCount(event);
  }

  removeAllListeners(): void {
    this.inner.removeAllListeners();
  }
}
