import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ResponseStore } from './response-store.js';

const turn = (text: string) => ({ messages: [{ role: 'user' as const, content: text }] });

describe('ResponseStore', () => {
  it('evicts the least recently used entry past its count, and a read refreshes an entry', () => {
    const store = new ResponseStore(2, 1024 * 1024);
    store.set('a', turn('1'));
    store.set('b', turn('2'));
    expect(store.get('a')?.messages[0]?.content).toBe('1');
    store.set('c', turn('3'));
    expect(store.get('b')).toBeUndefined();
    expect(store.get('a')).toBeDefined();
    expect(store.size).toBe(2);
  });

  it('keeps no entry larger than its byte budget, and replacing an id does not double-count it', () => {
    const store = new ResponseStore(10, 1000);
    store.set('big', turn('x'.repeat(1000)));
    expect(store.get('big')).toBeUndefined();
    store.set('a', turn('y'.repeat(100)));
    store.set('a', turn('y'.repeat(100)));
    expect(store.bytes).toBe(2 * 100 + 64);
  });

  it('never holds more than its limits, whatever is stored (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'), fc.string({ maxLength: 300 })), { maxLength: 60 }),
        (writes) => {
          const store = new ResponseStore(4, 1500);
          for (const [id, text] of writes) {
            store.set(id, turn(text));
            expect(store.size).toBeLessThanOrEqual(4);
            expect(store.bytes).toBeLessThanOrEqual(1500);
          }
          const last = writes.at(-1);
          if (last !== undefined) expect(store.get(last[0])?.messages[0]?.content).toBe(last[1]);
        },
      ),
      { numRuns: 200 },
    );
  });
});
