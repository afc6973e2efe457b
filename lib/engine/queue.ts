/**
 * A push channel turned into an async iterator, with backpressure: the run pushes events from deep
 * inside (auth, retries, paging) and awaits `drained()` at page boundaries, so a slow consumer (a
 * browser reading the NDJSON stream) holds the run back instead of letting pages pile up in memory.
 */
export class EventChannel<T> {
  private items: T[] = [];
  private consumerWaiting: (() => void) | null = null;
  /** Producers waiting for the consumer (several when `parallelized` resources run concurrently). */
  private producersWaiting: (() => void)[] = [];
  private closed = false;
  private cancelled = false;

  push(item: T): void {
    if (this.cancelled) return;
    this.items.push(item);
    this.wakeConsumer();
  }

  close(): void {
    this.closed = true;
    this.wakeConsumer();
  }

  /** The consumer went away: drop what is queued and release the producer. */
  cancel(): void {
    this.cancelled = true;
    this.items = [];
    this.wakeProducer();
  }

  /** Resolves once the consumer has taken everything pushed so far. */
  drained(): Promise<void> {
    if (this.items.length === 0 || this.cancelled) return Promise.resolve();
    return new Promise((resolve) => {
      this.producersWaiting.push(resolve);
    });
  }

  private wakeConsumer(): void {
    const w = this.consumerWaiting;
    this.consumerWaiting = null;
    w?.();
  }

  private wakeProducer(): void {
    const waiting = this.producersWaiting;
    this.producersWaiting = [];
    for (const w of waiting) w();
  }

  /** What is queued (taken off the queue), or `null` when nothing is. Producers stay waiting. */
  take(): T[] | null {
    if (this.items.length === 0) return null;
    const batch = this.items;
    this.items = [];
    return batch;
  }

  /**
   * The next batch once there is one (releasing the producers first: the consumer has taken
   * everything), or `null` when the channel is closed and empty.
   */
  async next(): Promise<T[] | null> {
    for (;;) {
      const batch = this.take();
      if (batch !== null) return batch;
      this.wakeProducer();
      if (this.closed) return null;
      await new Promise<void>((resolve) => {
        this.consumerWaiting = resolve;
      });
    }
  }
}
