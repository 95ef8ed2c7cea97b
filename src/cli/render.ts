/** @module Renders engine events for a terminal: thinking streamed (dimmed on a TTY) one thought at a time, then the answer. */
import { type FloorEntry, ThoughtFloor } from '../server/thought-floor.js';
import type { ReasonResult, TraceEvent } from '../spec/index.js';

export interface RendererOptions {
  write: (text: string) => void;
  /** Dim the thinking with ANSI codes (stdout is a TTY and NO_COLOR is unset). */
  color: boolean;
}

/** Streams events as text; deltas of samples generated in parallel are held back until their thought is the one shown (thought-floor.ts). */
export interface EventRenderer {
  handle(event: TraceEvent): void;
}

const DIM = '\u001b[2m';
const BOLD = '\u001b[1m';
const RESET = '\u001b[0m';

/** Creates a renderer that writes thinking, votes, scores and the answer as they come. */
export function createEventRenderer(options: RendererOptions): EventRenderer {
  const dim = (text: string) => (options.color ? `${DIM}${text}${RESET}` : text);
  let atLineStart = true;
  const write = (text: string) => {
    if (!text) return;
    options.write(text);
    atLineStart = text.endsWith('\n');
  };
  const newline = () => {
    if (!atLineStart) write('\n');
  };
  // A thought's pieces: its header line, its text, its end (a line break when the text did not end with one).
  type Piece = { kind: 'header' | 'text' | 'end'; text: string };
  const floor = new ThoughtFloor<Piece>((piece) => {
    if (piece.kind !== 'text') newline();
    if (piece.text !== '') write(dim(piece.text));
  });
  const thoughts = new Map<string, FloorEntry<Piece>>();
  return {
    handle(event) {
      switch (event.type) {
        case 'thought-start': {
          const thought = floor.add({ pieces: [], done: false });
          thoughts.set(event.id, thought);
          floor.write(thought, { kind: 'header', text: `── ${event.label} ──\n` });
          return;
        }
        case 'thought-delta': {
          const thought = thoughts.get(event.id);
          if (thought) floor.write(thought, { kind: 'text', text: event.delta });
          return;
        }
        case 'thought-end': {
          const thought = thoughts.get(event.id);
          if (!thought) return;
          floor.write(thought, { kind: 'end', text: '' });
          thought.done = true;
          thoughts.delete(event.id);
          // The next thought speaks now, showing what it kept, rather than when it next writes.
          floor.yieldTo();
          return;
        }
        case 'vote': {
          const tally = Object.entries(event.tally)
            .map(([answer, votes]) => `${answer}×${Number(votes.toFixed(2))}`)
            .join(', ');
          newline();
          write(dim(`vote after ${event.samples}: ${tally || 'no answers yet'} → P(leader) ${event.confidence.toFixed(2)}\n`));
          return;
        }
        case 'score':
          newline();
          write(dim(`score ${event.id} (${event.verifier}): ${event.value.toFixed(2)}\n`));
          return;
        case 'answer-start':
          newline();
          write(options.color ? BOLD : '');
          return;
        case 'answer-delta':
          write(event.delta);
          return;
        case 'answer-end':
          write(options.color ? RESET : '');
          newline();
          return;
        default:
          return;
      }
    },
  };
}

/** One line: samples, tokens, reasoning tokens, dollars, seconds, what stopped it. */
export function ledgerLine(result: ReasonResult): string {
  const stopped = result.stoppedBy === null ? 'finished' : `stopped by ${result.stoppedBy} limit`;
  return [
    `${result.model} · ${result.strategy} (${result.effort})`,
    `${result.samples} sample${result.samples === 1 ? '' : 's'}`,
    `${result.usage.completionTokens} tokens (${result.usage.reasoningTokens} reasoning)`,
    `$${result.costUsd.toFixed(result.costUsd > 0 && result.costUsd < 0.01 ? 6 : 4)}`,
    `${result.seconds.toFixed(1)} s`,
    stopped,
  ].join(' · ');
}

/** The `--json` object: the HTTP API's result object (snake_case), one home for both. */
export { resultJson } from '../server/result-json.js';
