/** @module Renders engine TraceEvents as a readable markdown narrative (reasoning) and the answer text (content). */
import type { TraceEvent } from '../spec/trace.js';

/** One piece of output: thinking goes to `reasoning_content`/`reasoning`, the answer to `content`. */
export interface NarrativePart {
  channel: 'reasoning' | 'content';
  text: string;
}

function formatNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(2);
}

/** Stateful per choice: remembers which thoughts streamed deltas so their final text is not repeated. */
export class TraceNarrator {
  private reasoningEndsWithNewline = true;
  private reasoningEmpty = true;
  private contentStreamed = false;
  private readonly streamedThoughts = new Set<string>();
  private readonly answeredThoughts = new Set<string>();

  /** The first line of the narrative, e.g. the effort plan, sent before the engine reports anything. */
  plan(line: string): NarrativePart[] {
    return this.block(line);
  }

  /** Parts for one event; many events (budget updates, finish) render nothing. */
  render(event: TraceEvent): NarrativePart[] {
    switch (event.type) {
      case 'thought-start':
        return this.block(event.role === 'sample' || event.role === 'aggregate' ? `### ${event.label}` : `#### ${event.label}`);
      case 'thought-delta':
        if (event.delta === '') return [];
        this.streamedThoughts.add(event.id);
        return this.reasoning(event.delta);
      case 'thought-end':
        return this.thoughtEnd(event);
      case 'sample-end':
        return this.answerLine(event.id, event.answer, event.tokens, event.confidence);
      case 'score':
        return this.block(`Verifier (${event.verifier}): ${event.value.toFixed(2)}${event.evidence ? ` — ${event.evidence}` : ''}`);
      case 'vote':
        return this.block(this.voteLine(event));
      case 'answer-delta':
        if (event.delta === '') return [];
        this.contentStreamed = true;
        return [{ channel: 'content', text: event.delta }];
      case 'answer-end':
        if (this.contentStreamed || event.text === '') return [];
        this.contentStreamed = true;
        return [{ channel: 'content', text: event.text }];
      default:
        return [];
    }
  }

  /** Whether any answer text has been rendered. */
  get hasContent(): boolean {
    return this.contentStreamed;
  }

  private thoughtEnd(event: Extract<TraceEvent, { type: 'thought-end' }>): NarrativePart[] {
    const parts = this.streamedThoughts.has(event.id) || event.text === '' ? [] : this.reasoning(event.text);
    if (event.answer === undefined) return parts;
    return [...parts, ...this.answerLine(event.id, event.answer, event.tokens, undefined)];
  }

  private answerLine(id: string, answer: string | undefined, tokens: number | undefined, confidence: number | undefined): NarrativePart[] {
    if (this.answeredThoughts.has(id)) return [];
    this.answeredThoughts.add(id);
    const details = [
      tokens === undefined ? undefined : `${tokens} tokens`,
      confidence === undefined ? undefined : `confidence ${confidence.toFixed(2)}`,
    ];
    const suffix = details.filter(Boolean).join(', ');
    return this.block(`→ ${answer ?? 'no answer'}${suffix ? ` (${suffix})` : ''}`);
  }

  private voteLine(event: Extract<TraceEvent, { type: 'vote' }>): string {
    if (event.leader === undefined) return `Vote: no answer yet after ${event.samples} samples`;
    const votes = event.tally[event.leader] ?? 0;
    return `Vote: ${formatNumber(votes)}/${event.samples} → ${event.leader} (confidence ${event.confidence.toFixed(2)})`;
  }

  /** A line on its own paragraph. */
  private block(line: string): NarrativePart[] {
    const separator = this.reasoningEmpty ? '' : this.reasoningEndsWithNewline ? '\n' : '\n\n';
    return this.reasoning(`${separator}${line}\n`);
  }

  private reasoning(text: string): NarrativePart[] {
    this.reasoningEmpty = false;
    this.reasoningEndsWithNewline = text.endsWith('\n');
    return [{ channel: 'reasoning', text }];
  }
}
