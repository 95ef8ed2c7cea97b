/**
 * @module One thought streams live, the rest buffer: samples drawn in parallel interleave their tokens, which is
 * unreadable, so one thought at a time has the floor and the others' text waits, in start order. The terminal renderer
 * (cli/render.ts) and the API's narrator (trace-narrator.ts) both show thoughts through it.
 */

/** A thought (or a loose run of lines) in the queue: what it has said while waiting, and whether it has ended. */
export interface FloorEntry<Piece> {
  pieces: Piece[];
  /** Ended: it keeps the floor only until another entry needs it. */
  done: boolean;
}

/** The queue of entries; the head speaks (its pieces go to `emit` at once), the others keep theirs until they are the head. */
export class ThoughtFloor<Piece, Entry extends FloorEntry<Piece> = FloorEntry<Piece>> {
  private readonly queue: Entry[] = [];

  /** `emit` receives pieces in the order they are shown; `onLeave` hears of each entry that has spoken and left. */
  constructor(
    private readonly emit: (piece: Piece) => void,
    private readonly onLeave: (entry: Entry) => void = () => {},
  ) {}

  /** Queues an entry; it has the floor at once when every entry before it has ended. */
  add(entry: Entry): Entry {
    this.queue.push(entry);
    this.yieldTo(entry);
    return entry;
  }

  /** Shows the piece now when `entry` has the floor, else keeps it until `entry` does. */
  write(entry: Entry, piece: Piece): void {
    this.yieldTo(entry);
    if (this.queue[0] === entry) this.emit(piece);
    else entry.pieces.push(piece);
  }

  /** Ended entries at the head hand the floor on (to `next`, or whoever is first), each next one showing what it kept. */
  yieldTo(next?: Entry): void {
    for (let head = this.queue[0]; this.queue.length > 1 && head !== next && head?.done; head = this.queue[0]) this.pop();
  }

  /** Whether the entry still waits or speaks. */
  has(entry: Entry): boolean {
    return this.queue.includes(entry);
  }

  /** The entry queued last. */
  last(): Entry | undefined {
    return this.queue.at(-1);
  }

  /** Shows everything still kept, in order, and empties the queue (the answer begins, or the run is over). */
  flush(): void {
    while (this.queue.length > 0) this.pop();
  }

  private pop(): void {
    const left = this.queue.shift();
    if (left !== undefined) this.onLeave(left);
    const head = this.queue[0];
    if (head === undefined) return;
    for (const piece of head.pieces) this.emit(piece);
    head.pieces = [];
  }
}
