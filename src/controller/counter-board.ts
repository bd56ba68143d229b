import type { Logger } from '../shared/log.js';
import type { EventBus } from './event-bus.js';
import type { CallView, QueueView } from './events.js';
import type { CounterDisplay, DisplayContent } from './ports.js';

/**
 * Keeps each counter's number display in step with the queue: the number
 * called (blinking on recall), "----" while the counter is closed. Only
 * changes are sent to the display.
 */
export class CounterBoard {
  private readonly shown = new Map<number, string>();
  private readonly unsubscribe: () => void;

  constructor(
    private readonly displays: CounterDisplay[],
    bus: EventBus,
    private readonly log: Logger,
  ) {
    this.unsubscribe = bus.subscribe((e) => {
      if (e.name === 'called' || e.name === 'recalled') this.onCall(e.data as CallView, e.name === 'recalled');
      else if (e.name === 'queue') this.onQueue(e.data as QueueView);
    });
  }

  /** Shows the current state of every counter (at start-up and after a display comes back). */
  sync(view: QueueView): void {
    this.shown.clear();
    this.onQueue(view);
  }

  stop(): void {
    this.unsubscribe();
  }

  private onCall(call: CallView, recalled: boolean): void {
    this.send(call.counter, { kind: 'number', text: call.number.replace('-', ''), blink: recalled }, true);
  }

  private onQueue(view: QueueView): void {
    for (const c of view.counters) {
      if (c.state === 'closed') this.send(c.id, { kind: 'closed' });
      else if (c.current) this.send(c.id, { kind: 'number', text: c.current.number.replace('-', ''), blink: false });
      else if (!this.shown.has(c.id) || this.shown.get(c.id) === 'closed') this.send(c.id, { kind: 'blank' });
    }
  }

  private send(counter: number, content: DisplayContent, force = false): void {
    const key = content.kind === 'number' ? `${content.text}${content.blink ? '*' : ''}` : content.kind;
    const previous = this.shown.get(counter);
    // A number stays up after its ticket is done, until the next call.
    if (!force && (previous === key || (content.kind === 'number' && previous?.replace('*', '') === key))) return;
    this.shown.set(counter, key);
    for (const d of this.displays.filter((x) => x.counter === counter)) {
      d.show(content).catch((err: Error) =>
        this.log.warn({ counter, err: err.message }, `display of counter ${counter} did not take the update`),
      );
    }
  }
}
