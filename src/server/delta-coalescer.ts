/** @module Merges a choice's consecutive deltas of one channel, so a character-level model does not cost one SSE event per character. */
import type { NarrativePart } from './trace-narrator.js';

/**
 * A throttle per choice: a part goes out at once when nothing was sent in the last `intervalMs`, otherwise it joins
 * the pending delta, which goes out when the interval has passed or the channel changes (reasoning never shares a
 * delta with content).
 */
export class DeltaCoalescer {
  private pending: NarrativePart | undefined;
  private timer: NodeJS.Timeout | undefined;
  private lastSent = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly intervalMs: number,
    private readonly send: (part: NarrativePart) => void,
  ) {}

  /** Adds a part; sends now or later. */
  push(part: NarrativePart): void {
    if (this.pending && this.pending.channel !== part.channel) this.flush();
    this.pending = this.pending ? { channel: part.channel, text: this.pending.text + part.text } : { ...part };
    const wait = this.lastSent + this.intervalMs - performance.now();
    if (wait <= 0) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), wait);
  }

  /** Sends whatever is pending now (end of the choice, an error, a channel change). */
  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.pending) return;
    const part = this.pending;
    this.pending = undefined;
    this.lastSent = performance.now();
    this.send(part);
  }
}
