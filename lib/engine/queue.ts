/** A push queue turned into an async iterator: the run pushes events, the consumer pulls them. */
export class EventQueue<T> {
  private items: T[] = [];
  private waiting: (() => void) | null = null;
  private closed = false;
  push(item: T): void {
    this.items.push(item);
    this.wake();
  }
  close(): void {
    this.closed = true;
    this.wake();
  }
  private wake() {
    const w = this.waiting;
    this.waiting = null;
    w?.();
  }
  async *drain(): AsyncGenerator<T> {
    for (;;) {
      if (this.items.length > 0) {
        const batch = this.items;
        this.items = [];
        yield* batch;
      } else if (this.closed) return;
      else await new Promise<void>((resolve) => (this.waiting = resolve));
    }
  }
}
