/** @module Admission control: at most `max` engine runs at once, then a short bounded FIFO queue, then 429. */

/** Gives the slots back; safe to call more than once. */
export type Release = () => void;

/** How long and how many requests may wait for a slot. */
export interface QueueOptions {
  /** Requests waiting at most; one more is refused at once. Default 64. */
  maxQueued?: number;
  /** Longest wait for a slot in ms; then the request is refused. Default 30 s. */
  maxWaitMs?: number;
}

interface Waiter {
  count: number;
  grant: (release: Release | undefined) => void;
}

/** Counts running engine runs; a request with `n` choices takes `n` slots. */
export class ConcurrencyLimiter {
  private running = 0;
  private readonly waiting: Waiter[] = [];
  readonly maxQueued: number;
  readonly maxWaitMs: number;

  constructor(
    readonly max: number,
    options: QueueOptions = {},
  ) {
    this.maxQueued = options.maxQueued ?? 64;
    this.maxWaitMs = options.maxWaitMs ?? 30_000;
  }

  /** Engine runs in progress. */
  get active(): number {
    return this.running;
  }

  /** Requests waiting for slots. */
  get queued(): number {
    return this.waiting.length;
  }

  /** Takes `count` slots now, or returns undefined when they are not free (or others wait first). */
  tryAcquire(count: number): Release | undefined {
    if (this.waiting.length > 0 || this.running + count > this.max) return undefined;
    return this.take(count);
  }

  /**
   * Takes `count` slots, waiting in line when they are busy; undefined (refuse with 429) when the line is full, the wait
   * outlasts `maxWaitMs`, `count` exceeds `max`, or `signal` aborts (the client left).
   */
  acquire(count: number, signal?: AbortSignal): Promise<Release | undefined> {
    const now = this.tryAcquire(count);
    if (now) return Promise.resolve(now);
    if (count > this.max || this.waiting.length >= this.maxQueued || this.maxWaitMs <= 0 || signal?.aborted) {
      return Promise.resolve(undefined);
    }
    return new Promise((resolve) => {
      const leave = () => {
        const index = this.waiting.indexOf(waiter);
        if (index >= 0) this.waiting.splice(index, 1);
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
      };
      const onAbort = () => {
        leave();
        resolve(undefined);
        this.admit(); // a large request that left may have held up smaller ones behind it
      };
      const waiter: Waiter = {
        count,
        grant: (release) => {
          leave();
          resolve(release);
        },
      };
      const timer = setTimeout(onAbort, this.maxWaitMs);
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiting.push(waiter);
    });
  }

  private take(count: number): Release {
    this.running += count;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.running -= count;
      this.admit();
    };
  }

  /** Lets waiters in, first come first served, while their slots are free. */
  private admit(): void {
    for (let head = this.waiting[0]; head && this.running + head.count <= this.max; head = this.waiting[0]) {
      head.grant(this.take(head.count));
    }
  }
}
