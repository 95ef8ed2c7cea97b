/** The floor that both the terminal renderer and the API narrator show parallel thoughts through. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type FloorEntry, ThoughtFloor } from './thought-floor.js';

describe('ThoughtFloor', () => {
  it('streams the head live and shows a waiting entry only when every entry before it has ended', () => {
    const shown: string[] = [];
    const floor = new ThoughtFloor<string>((piece) => shown.push(piece));
    const first = floor.add({ pieces: [], done: false });
    const second = floor.add({ pieces: [], done: false });
    floor.write(first, 'a1');
    floor.write(second, 'b1');
    expect(shown).toEqual(['a1']);
    first.done = true;
    floor.yieldTo();
    expect(shown).toEqual(['a1', 'b1']);
    floor.write(second, 'b2');
    expect(shown).toEqual(['a1', 'b1', 'b2']);
  });

  it('whatever the interleaving, each entry is shown whole and in start order', () => {
    // A schedule: entries 0..n-1 start in order; each step writes a piece of one entry or ends it.
    const schedule = fc.array(fc.tuple(fc.nat(4), fc.boolean()), { maxLength: 40 });
    fc.assert(
      fc.property(schedule, (steps) => {
        const shown: string[] = [];
        const left: number[] = [];
        const floor = new ThoughtFloor<string, FloorEntry<string> & { index: number }>(
          (piece) => shown.push(piece),
          (entry) => left.push(entry.index),
        );
        const entries = Array.from({ length: 5 }, (_, index) => floor.add({ pieces: [], done: false, index }));
        const written: string[][] = entries.map(() => []);
        for (const [index, ends] of steps) {
          const entry = entries[index];
          if (entry === undefined || entry.done) continue;
          if (ends) {
            entry.done = true;
            floor.yieldTo();
          } else {
            const piece = `${index}:${written[index]?.length}`;
            written[index]?.push(piece);
            floor.write(entry, piece);
          }
        }
        floor.flush();
        expect(shown).toEqual(written.flat());
        expect(left).toEqual([0, 1, 2, 3, 4]);
      }),
      { numRuns: 200 },
    );
  });
});
