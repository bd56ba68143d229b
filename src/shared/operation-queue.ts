/**
 * One operation at a time, in the order asked: each starts once the one
 * before it has settled (fulfilled or rejected), and its own outcome goes to
 * its caller. A device that answers one request at a time (a display's bus
 * writes, a printer's status queries and tickets) runs its work through one.
 */
export class OperationQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(op: () => Promise<T>): Promise<T> {
    const result = this.tail.then(op, op);
    this.tail = result.catch(() => undefined);
    return result;
  }

  /** Resolves once everything queued so far has settled. */
  async idle(): Promise<void> {
    await this.tail;
  }
}
