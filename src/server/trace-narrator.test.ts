import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../spec/trace.js';
import { TraceNarrator } from './trace-narrator.js';

function narrate(events: TraceEvent[]): { reasoning: string; content: string } {
  const narrator = new TraceNarrator();
  let reasoning = '';
  let content = '';
  for (const part of [
    ...narrator.note('Effort medium → adaptive-consistency (≤5 samples)'),
    ...events.flatMap((event) => narrator.render(event)),
  ]) {
    if (part.channel === 'reasoning') reasoning += part.text;
    else content += part.text;
  }
  return { reasoning, content };
}

describe('TraceNarrator', () => {
  it('renders samples, votes and verdicts as a markdown narrative and the answer as content', () => {
    const { reasoning, content } = narrate([
      { type: 'thought-start', id: 'a', parentId: null, role: 'sample', label: 'Sample 1/2' },
      { type: 'thought-delta', id: 'a', delta: '6*7' },
      { type: 'thought-delta', id: 'a', delta: ' = 42' },
      { type: 'thought-end', id: 'a', text: '6*7 = 42', answer: '42', tokens: 5 },
      { type: 'sample-end', id: 'a', answer: '42', tokens: 5, finishReason: 'stop', confidence: 0.91 },
      { type: 'thought-start', id: 'b', parentId: null, role: 'sample', label: 'Sample 2/2' },
      { type: 'thought-end', id: 'b', text: 'six sevens are 42' },
      { type: 'sample-end', id: 'b', answer: '42', tokens: 6, finishReason: 'stop' },
      { type: 'vote', tally: { '42': 1.5, '41': 0.25 }, leader: '42', confidence: 0.97, samples: 2 },
      { type: 'score', id: 'a', verifier: 'arithmetic', value: 1, evidence: 'exact' },
      { type: 'budget-update', used: {} as never, remaining: {} },
      { type: 'answer-start' },
      { type: 'answer-end', text: '42', answer: '42' },
    ]);
    expect(reasoning).toBe(
      [
        'Effort medium → adaptive-consistency (≤5 samples)',
        '',
        '### Sample 1/2',
        '6*7 = 42',
        '',
        '→ 42 (5 tokens, confidence 0.91)',
        '',
        '### Sample 2/2',
        'six sevens are 42',
        '',
        '→ 42 (6 tokens)',
        '',
        'Vote: 42 leads with 1.50 of 1.75 weighted votes after 2 samples (confidence 0.97)',
        '',
        'Verifier arithmetic on Sample 1/2: 1.00 — exact',
        '',
      ].join('\n'),
    );
    expect(content).toBe('42');
  });

  it('does not repeat answer text that streamed as deltas', () => {
    const { content } = narrate([
      { type: 'answer-delta', delta: '4' },
      { type: 'answer-delta', delta: '2' },
      { type: 'answer-end', text: '42' },
    ]);
    expect(content).toBe('42');
  });

  it('serialises samples drawn in parallel: one streams live, the other follows when it ends', () => {
    const narrator = new TraceNarrator();
    const live: string[] = [];
    const render = (event: TraceEvent) =>
      live.push(
        narrator
          .render(event)
          .map((part) => part.text)
          .join(''),
      );
    render({ type: 'thought-start', id: 'a', parentId: null, role: 'sample', label: 'Sample 1/2' });
    render({ type: 'thought-start', id: 'b', parentId: null, role: 'sample', label: 'Sample 2/2' });
    render({ type: 'thought-delta', id: 'a', delta: 'one ' });
    render({ type: 'thought-delta', id: 'b', delta: 'uno ' });
    render({ type: 'thought-delta', id: 'a', delta: 'two' });
    render({ type: 'thought-delta', id: 'b', delta: 'dos' });
    expect(live.join('')).toBe('### Sample 1/2\none two');
    render({ type: 'thought-end', id: 'a', text: 'one two', answer: '2', tokens: 2 });
    render({ type: 'sample-end', id: 'a', answer: '2', tokens: 2, finishReason: 'stop' });
    render({ type: 'thought-end', id: 'b', text: 'uno dos', answer: '2', tokens: 2 });
    render({ type: 'sample-end', id: 'b', answer: '2', tokens: 2, finishReason: 'stop' });
    render({ type: 'vote', tally: { '2': 2 }, leader: '2', confidence: 0.9, samples: 2 });
    render({ type: 'thought-start', id: 'c', parentId: null, role: 'sample', label: 'Sample 3/3' });
    expect(live.join('')).toBe(
      '### Sample 1/2\none two\n\n→ 2 (2 tokens)\n\n### Sample 2/2\nuno dos\n\n→ 2 (2 tokens)\n\nVote: 2/2 → 2 (confidence 0.90)\n\n### Sample 3/3\n',
    );
  });

  it('emits what is still buffered when the answer starts', () => {
    const narrator = new TraceNarrator();
    narrator.render({ type: 'thought-start', id: 'a', parentId: null, role: 'sample', label: 'A' });
    narrator.render({ type: 'thought-start', id: 'b', parentId: null, role: 'sample', label: 'B' });
    expect(narrator.render({ type: 'thought-delta', id: 'b', delta: 'late' })).toEqual([]);
    const parts = narrator.render({ type: 'answer-start' });
    expect(parts.map((part) => part.text).join('')).toBe('\n### B\nlate');
  });

  it('says when a vote has no leader yet', () => {
    expect(narrate([{ type: 'vote', tally: {}, leader: undefined, confidence: 0, samples: 3 }]).reasoning).toContain(
      'Vote: no answer yet after 3 samples',
    );
  });
});
