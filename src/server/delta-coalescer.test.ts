import { describe, expect, it } from 'vitest';
import { DeltaCoalescer } from './delta-coalescer.js';
import type { NarrativePart } from './trace-narrator.js';

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('DeltaCoalescer', () => {
  it('sends the first part at once, merges the burst after it, and keeps channels apart', async () => {
    const sent: NarrativePart[] = [];
    const coalescer = new DeltaCoalescer(30, (part) => sent.push(part));
    coalescer.push({ channel: 'reasoning', text: 'plan' });
    expect(sent).toEqual([{ channel: 'reasoning', text: 'plan' }]);
    coalescer.push({ channel: 'reasoning', text: 'a' });
    coalescer.push({ channel: 'reasoning', text: 'b' });
    expect(sent).toHaveLength(1);
    coalescer.push({ channel: 'content', text: 'X' });
    expect(sent.at(-1)).toEqual({ channel: 'reasoning', text: 'ab' });
    await wait(50);
    expect(sent.at(-1)).toEqual({ channel: 'content', text: 'X' });
    await wait(40);
    coalescer.push({ channel: 'content', text: 'Y' });
    expect(sent.at(-1)).toEqual({ channel: 'content', text: 'Y' });
    coalescer.push({ channel: 'content', text: 'Z' });
    coalescer.flush();
    expect(sent.map((part) => part.text)).toEqual(['plan', 'ab', 'X', 'Y', 'Z']);
  });

  it('with a zero interval sends every part as it comes', () => {
    const sent: string[] = [];
    const coalescer = new DeltaCoalescer(0, (part) => sent.push(part.text));
    for (const text of ['a', 'b', 'c']) coalescer.push({ channel: 'reasoning', text });
    expect(sent).toEqual(['a', 'b', 'c']);
  });
});
