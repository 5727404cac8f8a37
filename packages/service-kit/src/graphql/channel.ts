/** Thrown into a channel's reader when more values wait than it may hold. */
export class ChannelOverflowError extends Error {}

/**
 * A bounded queue read as an async iterator, for subscription streams: producers `push` from
 * callbacks (an event, a WebSocket message), the reader takes values with `for await`. Unlike an
 * async generator, `return()` ends it at once even while the reader waits, and `onClose` runs
 * exactly once however it ends (read to the end, returned early, failed), so what feeds it can be
 * released. More than `limit` unread values end it with a `ChannelOverflowError`: memory per
 * stream is bounded, and a reader that cannot keep up is told rather than buffered for.
 */
export class Channel<T> implements AsyncIterableIterator<T> {
  private readonly values: T[] = [];
  private reader: { resolve: (step: IteratorResult<T>) => void; reject: (error: unknown) => void } | null = null;
  private ended = false;
  private failure: { error: unknown } | null = null;
  private closed = false;

  constructor(private readonly options: { limit?: number; onClose?: () => void } = {}) {}

  /** Values waiting to be read. */
  get size(): number {
    return this.values.length;
  }

  get isOpen(): boolean {
    return !this.ended;
  }

  push(value: T): void {
    if (this.ended) return;
    if (this.reader) {
      const { resolve } = this.reader;
      this.reader = null;
      resolve({ value, done: false });
      return;
    }
    if (this.values.length >= (this.options.limit ?? 1_000)) {
      this.end(new ChannelOverflowError(`more than ${this.options.limit ?? 1_000} values waited to be read`));
      return;
    }
    this.values.push(value);
  }

  /** No more values: the reader gets what is queued, then the end (or `error`). */
  end(error?: unknown): void {
    if (this.ended) return;
    this.ended = true;
    if (error !== undefined) this.failure = { error };
    if (this.reader && this.values.length === 0) {
      const { resolve, reject } = this.reader;
      this.reader = null;
      if (this.failure) reject(this.failure.error);
      else resolve({ value: undefined, done: true });
    }
    if (this.values.length === 0) this.close();
  }

  next(): Promise<IteratorResult<T>> {
    if (this.values.length > 0) {
      const value = this.values.shift() as T;
      if (this.ended && this.values.length === 0 && !this.failure) this.close();
      return Promise.resolve({ value, done: false });
    }
    if (this.ended) {
      this.close();
      if (this.failure) {
        const { error } = this.failure;
        this.failure = null;
        return Promise.reject(error);
      }
      return Promise.resolve({ value: undefined, done: true });
    }
    return new Promise((resolve, reject) => {
      this.reader = { resolve, reject };
    });
  }

  return(): Promise<IteratorResult<T>> {
    this.values.length = 0;
    this.failure = null;
    this.end();
    this.close();
    return Promise.resolve({ value: undefined, done: true });
  }

  throw(error: unknown): Promise<IteratorResult<T>> {
    this.values.length = 0;
    this.end(error);
    this.close();
    return Promise.reject(error);
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  private close() {
    if (this.closed) return;
    this.closed = true;
    if (this.reader) {
      const { resolve } = this.reader;
      this.reader = null;
      resolve({ value: undefined, done: true });
    }
    this.options.onClose?.();
  }
}
