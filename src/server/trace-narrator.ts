/** @module Renders engine TraceEvents as a readable markdown narrative (reasoning) and the answer text (content). */
import type { ThoughtRole, TraceEvent } from '../spec/trace.js';
import { type FloorEntry, ThoughtFloor } from './thought-floor.js';

/** One piece of output: thinking goes to `reasoning_content`/`reasoning`, the answer to `content`. */
export interface NarrativePart {
  channel: 'reasoning' | 'content';
  text: string;
}

/** Text of a section: a `block` is a line on its own paragraph, `raw` is streamed thought text. */
type Piece = { kind: 'block' | 'raw'; text: string };

/** One thought's part of the narrative, or a loose line (a vote) waiting for its turn. */
interface Section extends FloorEntry<Piece> {
  id: string | undefined;
  role: ThoughtRole | undefined;
  streamed: boolean;
  answered: boolean;
}

function formatNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(2);
}

/** Stateful per choice; one thought at a time streams live, the others buffer (thought-floor.ts). */
export class TraceNarrator {
  private readonly sections = new Map<string, Section>();
  private readonly floor = new ThoughtFloor<Piece, Section>(
    (piece) => this.emitPiece(piece),
    (section) => {
      if (section.id !== undefined) this.sections.delete(section.id);
    },
  );
  private readonly labels = new Map<string, string>();
  private output: NarrativePart[] = [];
  private reasoningEndsWithNewline = true;
  private reasoningEmpty = true;
  private contentStreamed = false;

  /** A line of the server's own, e.g. the effort plan sent before the engine reports anything. */
  note(line: string): NarrativePart[] {
    this.emitPiece({ kind: 'block', text: line });
    return this.take();
  }

  /** Parts for one event; many events (budget updates, finish) render nothing. */
  render(event: TraceEvent): NarrativePart[] {
    switch (event.type) {
      case 'thought-start':
        this.thoughtStart(event.id, event.role, event.label);
        break;
      case 'thought-delta':
        if (event.delta !== '') this.thoughtDelta(event.id, event.delta);
        break;
      case 'thought-end':
        this.thoughtEnd(event);
        break;
      case 'sample-end':
        this.answerLine(event.id, event.answer, event.tokens, event.confidence);
        break;
      case 'score': {
        const label = this.labels.get(event.id);
        const subject = label === undefined ? '' : ` on ${label}`;
        const evidence = event.evidence ? ` — ${event.evidence}` : '';
        this.write(this.sectionFor(event.id), {
          kind: 'block',
          text: `Verifier ${event.verifier}${subject}: ${event.value.toFixed(2)}${evidence}`,
        });
        break;
      }
      case 'vote':
        this.write(this.looseSection(), { kind: 'block', text: this.voteLine(event) });
        break;
      case 'answer-start':
        this.floor.flush();
        break;
      case 'answer-delta':
        if (event.delta !== '') this.content(event.delta);
        break;
      case 'answer-end':
        if (!this.contentStreamed && event.text !== '') this.content(event.text);
        break;
      default:
        break;
    }
    return this.take();
  }

  /** Emits everything still buffered (the run is over, or the answer begins). */
  flush(): NarrativePart[] {
    this.floor.flush();
    return this.take();
  }

  /** Whether any answer text has been rendered. */
  get hasContent(): boolean {
    return this.contentStreamed;
  }

  private thoughtStart(id: string, role: ThoughtRole, label: string): void {
    this.labels.set(id, label);
    const section = this.open(id, role);
    this.write(section, { kind: 'block', text: role === 'sample' || role === 'aggregate' ? `### ${label}` : `#### ${label}` });
  }

  private thoughtDelta(id: string, delta: string): void {
    const section = this.sections.get(id) ?? this.open(id, undefined);
    section.streamed = true;
    this.write(section, { kind: 'raw', text: delta });
  }

  private thoughtEnd(event: Extract<TraceEvent, { type: 'thought-end' }>): void {
    const section = this.sections.get(event.id) ?? this.open(event.id, undefined);
    if (!section.streamed && event.text !== '') this.write(section, { kind: 'raw', text: event.text });
    // A sample's answer line comes with its sample-end (which adds the confidence); other thoughts have none.
    if (event.answer !== undefined && section.role !== 'sample') this.answerLine(event.id, event.answer, event.tokens, undefined);
    section.done = true;
  }

  private answerLine(id: string, answer: string | undefined, tokens: number | undefined, confidence: number | undefined): void {
    const section = this.sectionFor(id);
    if (section.answered) return;
    section.answered = true;
    const details = [
      tokens === undefined ? undefined : `${tokens} tokens`,
      confidence === undefined ? undefined : `confidence ${confidence.toFixed(2)}`,
    ];
    const suffix = details.filter(Boolean).join(', ');
    this.write(section, { kind: 'block', text: `→ ${answer ?? 'no answer'}${suffix ? ` (${suffix})` : ''}` });
  }

  private voteLine(event: Extract<TraceEvent, { type: 'vote' }>): string {
    if (event.leader === undefined) return `Vote: no answer yet after ${event.samples} samples`;
    const votes = event.tally[event.leader] ?? 0;
    const confidence = `confidence ${event.confidence.toFixed(2)}`;
    const counts = Object.values(event.tally);
    if (counts.every(Number.isInteger)) return `Vote: ${votes}/${event.samples} → ${event.leader} (${confidence})`;
    // Weighted votes (by confidence or verifier score) are not sample counts: say so.
    const total = counts.reduce((sum, count) => sum + count, 0);
    return `Vote: ${event.leader} leads with ${formatNumber(votes)} of ${formatNumber(total)} weighted votes after ${event.samples} samples (${confidence})`;
  }

  private open(id: string | undefined, role: ThoughtRole | undefined): Section {
    const section: Section = { id, role, pieces: [], done: id === undefined, streamed: false, answered: false };
    if (id !== undefined) this.sections.set(id, section);
    return this.floor.add(section);
  }

  /** The section of thought `id` while it still waits or speaks; otherwise a loose section. */
  private sectionFor(id: string): Section {
    const section = this.sections.get(id);
    return section && this.floor.has(section) ? section : this.looseSection();
  }

  private looseSection(): Section {
    const last = this.floor.last();
    return last && last.id === undefined ? last : this.open(undefined, undefined);
  }

  private write(section: Section, piece: Piece): void {
    this.floor.write(section, piece);
  }

  private emitPiece(piece: Piece): void {
    if (piece.kind === 'raw') {
      this.reasoning(piece.text);
      return;
    }
    const separator = this.reasoningEmpty ? '' : this.reasoningEndsWithNewline ? '\n' : '\n\n';
    this.reasoning(`${separator}${piece.text}\n`);
  }

  private reasoning(text: string): void {
    this.reasoningEmpty = false;
    this.reasoningEndsWithNewline = text.endsWith('\n');
    this.output.push({ channel: 'reasoning', text });
  }

  private content(text: string): void {
    this.contentStreamed = true;
    this.output.push({ channel: 'content', text });
  }

  private take(): NarrativePart[] {
    const parts = this.output;
    this.output = [];
    return parts;
  }
}
