import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../spec/index.js';
import { createEventRenderer } from './render.js';

function render(events: TraceEvent[]): string {
  let output = '';
  const renderer = createEventRenderer({ write: (text) => (output += text), color: false });
  for (const event of events) renderer.handle(event);
  return output;
}

describe('event renderer', () => {
  it('shows parallel samples one after another, not interleaved', () => {
    const output = render([
      { type: 'thought-start', id: 't1', parentId: null, role: 'sample', label: 'Sample 1/2' },
      { type: 'thought-start', id: 't2', parentId: null, role: 'sample', label: 'Sample 2/2' },
      { type: 'thought-delta', id: 't1', delta: 'one ' },
      { type: 'thought-delta', id: 't2', delta: 'two ' },
      { type: 'thought-delta', id: 't1', delta: 'more' },
      { type: 'thought-delta', id: 't2', delta: 'again' },
      { type: 'thought-end', id: 't2', text: 'two again' },
      { type: 'thought-end', id: 't1', text: 'one more' },
      { type: 'vote', tally: { '4': 2 }, leader: '4', confidence: 0.75, samples: 2 },
      { type: 'answer-start' },
      { type: 'answer-delta', delta: 'A: 4' },
      { type: 'answer-end', text: 'A: 4', answer: '4' },
    ]);
    expect(output).toBe('── Sample 1/2 ──\none more\n── Sample 2/2 ──\ntwo again\nvote after 2: 4×2 → P(leader) 0.75\nA: 4\n');
  });

  it('dims thinking on a TTY', () => {
    let output = '';
    const renderer = createEventRenderer({ write: (text) => (output += text), color: true });
    renderer.handle({ type: 'thought-start', id: 't1', parentId: null, role: 'sample', label: 'S' });
    renderer.handle({ type: 'thought-delta', id: 't1', delta: 'x' });
    expect(output).toContain('\u001b[2mx\u001b[0m');
  });
});
