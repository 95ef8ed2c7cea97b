/** @module Renders engine events for a terminal: thinking streamed (dimmed on a TTY) one thought at a time, then the answer. */
import type { ReasonResult, TraceEvent } from '../spec/index.js';

export interface RendererOptions {
  write: (text: string) => void;
  /** Dim the thinking with ANSI codes (stdout is a TTY and NO_COLOR is unset). */
  color: boolean;
}

/** Streams events as text; deltas of samples generated in parallel are held back until their thought is the one shown. */
export interface EventRenderer {
  handle(event: TraceEvent): void;
}

const DIM = '\u001b[2m';
const BOLD = '\u001b[1m';
const RESET = '\u001b[0m';

/** Creates a renderer that writes thinking, votes, scores and the answer as they come. */
export function createEventRenderer(options: RendererOptions): EventRenderer {
  const dim = (text: string) => (options.color ? `${DIM}${text}${RESET}` : text);
  const pending = new Map<string, { label: string; text: string; ended: boolean }>();
  const order: string[] = [];
  let live: string | undefined;
  let atLineStart = true;
  const write = (text: string) => {
    if (!text) return;
    options.write(text);
    atLineStart = text.endsWith('\n');
  };
  const newline = () => {
    if (!atLineStart) write('\n');
  };
  const promote = () => {
    while (live === undefined && order.length > 0) {
      const id = order.shift() as string;
      const thought = pending.get(id);
      if (!thought) continue;
      newline();
      write(dim(`── ${thought.label} ──\n`));
      write(dim(thought.text));
      if (thought.ended) {
        pending.delete(id);
        newline();
      } else live = id;
    }
  };
  return {
    handle(event) {
      switch (event.type) {
        case 'thought-start':
          pending.set(event.id, { label: event.label, text: '', ended: false });
          order.push(event.id);
          promote();
          return;
        case 'thought-delta': {
          const thought = pending.get(event.id);
          if (!thought) return;
          if (event.id === live) write(dim(event.delta));
          else thought.text += event.delta;
          return;
        }
        case 'thought-end': {
          const thought = pending.get(event.id);
          if (!thought) return;
          thought.ended = true;
          if (event.id === live) {
            pending.delete(event.id);
            live = undefined;
            newline();
            promote();
          }
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
