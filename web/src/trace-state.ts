/** @module The tree of thoughts as the engine's events build it: one pure reducer for the live run and for replay. */
import type { LedgerTotals, StopLimit, ThoughtRole, TraceEvent } from '../../src/spec/index.js';

/** A node of the drawn tree. */
export interface TreeThought {
  id: string;
  parentId: string | null;
  role: ThoughtRole;
  label: string;
  text: string;
  done: boolean;
  answer?: string;
  tokens?: number;
  finishReason?: string;
  confidence?: number;
  /** The latest verifier score in [0, 1], and how many times it was scored (search nodes are scored per visit). */
  score?: number;
  verifier?: string;
  evaluations: number;
  /** What the search did with this step (`search-node` events): kept or pruned on a beam, or MCTS visits and mean value. */
  search?: { status: 'kept' | 'pruned' | 'visited'; value: number; visits?: number; subtree?: number };
}

/** One vote, as the strategy reported it. */
export interface VoteState {
  tally: Record<string, number>;
  leader: string | undefined;
  confidence: number;
  samples: number;
}

/** Everything the views draw. */
export interface TraceState {
  thoughts: Map<string, TreeThought>;
  /** Ids in the order they started. */
  order: string[];
  votes: VoteState[];
  used: LedgerTotals | undefined;
  remaining: Partial<Record<'tokens' | 'usd' | 'seconds' | 'calls', number>>;
  answerText: string;
  answer: string | undefined;
  answered: boolean;
  finish: { finishReason: string; stoppedBy: StopLimit | null; usage: LedgerTotals } | undefined;
  error: { code: string; message: string } | undefined;
  events: number;
}

/** The empty state. */
export function emptyTrace(): TraceState {
  return {
    thoughts: new Map(),
    order: [],
    votes: [],
    used: undefined,
    remaining: {},
    answerText: '',
    answer: undefined,
    answered: false,
    finish: undefined,
    error: undefined,
    events: 0,
  };
}

/** Longest text kept per thought: the tree shows a preview, the detail panel the end of it. */
const MAX_TEXT = 4000;

/** Applies one event; mutates `state` (callers copy once per animation frame, not once per token). */
export function applyEvent(state: TraceState, event: TraceEvent): TraceState {
  state.events += 1;
  switch (event.type) {
    case 'thought-start':
      if (!state.thoughts.has(event.id)) state.order.push(event.id);
      state.thoughts.set(event.id, {
        id: event.id,
        parentId: event.parentId,
        role: event.role,
        label: event.label,
        text: '',
        done: false,
        evaluations: 0,
      });
      break;
    case 'thought-delta': {
      const thought = state.thoughts.get(event.id);
      if (thought) thought.text = (thought.text + event.delta).slice(-MAX_TEXT);
      break;
    }
    case 'thought-end': {
      const thought = state.thoughts.get(event.id);
      if (thought) Object.assign(thought, { text: event.text.slice(-MAX_TEXT), answer: event.answer, tokens: event.tokens, done: true });
      break;
    }
    case 'sample-end': {
      const thought = state.thoughts.get(event.id);
      if (thought) {
        Object.assign(thought, { answer: event.answer ?? thought.answer, tokens: event.tokens, finishReason: event.finishReason });
        if (event.confidence !== undefined) thought.confidence = event.confidence;
        thought.done = true;
      }
      break;
    }
    case 'score': {
      const thought = state.thoughts.get(event.id);
      if (thought) Object.assign(thought, { score: event.value, verifier: event.verifier, evaluations: thought.evaluations + 1 });
      break;
    }
    case 'search-node': {
      const thought = state.thoughts.get(event.id);
      if (thought) {
        thought.search = { status: event.status, value: event.value };
        if (event.visits !== undefined) thought.search.visits = event.visits;
        if (event.subtree !== undefined) thought.search.subtree = event.subtree;
      }
      break;
    }
    case 'vote':
      state.votes.push({ tally: event.tally, leader: event.leader, confidence: event.confidence, samples: event.samples });
      break;
    case 'budget-update':
      state.used = event.used;
      state.remaining = event.remaining;
      break;
    case 'answer-start':
      state.answerText = '';
      break;
    case 'answer-delta':
      state.answerText += event.delta;
      break;
    case 'answer-end':
      state.answerText = event.text;
      state.answer = event.answer;
      state.answered = true;
      break;
    case 'finish':
      state.finish = { finishReason: event.finishReason, stoppedBy: event.stoppedBy, usage: event.usage };
      state.used = event.usage;
      break;
    case 'error':
      state.error = { code: event.code, message: event.message };
      break;
  }
  return state;
}

/** The state after the first `count` events (replay's scrubber). */
export function traceAt(events: readonly TraceEvent[], count: number): TraceState {
  const state = emptyTrace();
  for (const event of events.slice(0, count)) applyEvent(state, event);
  return state;
}

/** A shallow copy React sees as new (the maps and lists are copied, thoughts are copied so memoised nodes redraw). */
export function snapshot(state: TraceState): TraceState {
  const thoughts = new Map<string, TreeThought>();
  for (const [id, thought] of state.thoughts) thoughts.set(id, { ...thought });
  return { ...state, thoughts, order: [...state.order], votes: [...state.votes] };
}
