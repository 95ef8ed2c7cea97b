/** @module Admission control: at most `max` engine runs at once; beyond that a request is refused (429), never queued. */

/** Counts running engine runs; a request with `n` choices takes `n` slots. */
export class ConcurrencyLimiter {
  private running = 0;

  constructor(readonly max: number) {}

  /** Engine runs in progress. */
  get active(): number {
    return this.running;
  }

  /** Takes `count` slots, or returns undefined when they are not free; the returned function gives them back once. */
  tryAcquire(count: number): (() => void) | undefined {
    if (this.running + count > this.max) return undefined;
    this.running += count;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.running -= count;
    };
  }
}
