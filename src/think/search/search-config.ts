/**
 * @module The world model and search config of thinking-line search (the llm-reasoners split): a state is a chain of
 * thinking lines; `proposeActions` samples next lines, `fastReward` scores a partial chain, `finish` completes a chain
 * to an answer and `reward` scores it. Beam search and MCTS call only this interface, never the model or verifiers.
 */
import type { Problem, StrategyContext, Verifier } from '../../spec/index.js';
import type { Candidate } from '../candidate.js';
import { THINK_STEP_BY_STEP, withInstruction } from '../prompts.js';
import { finishChain, type GrowSettings, sampleNextLines } from './grow-chain.js';
import { scoreChain, scoreOutcome } from './process-reward.js';
import { chainPrefix, fitsContext } from './step-lines.js';

/** World model state: the chain of thinking lines so far. */
export interface ThinkingState {
  lines: string[];
  /** Tokens the chain cost. */
  tokens: number;
  /** The `step` thought of the last line (the parent of what follows); null for the empty chain. */
  thoughtId: string | null;
  /** The last line ends the thinking: only `finish` may follow. */
  final: boolean;
}

/** The empty chain every search starts from. */
export function initState(): ThinkingState {
  return { lines: [], tokens: 0, thoughtId: null, final: false };
}

/** Where the reward of a finished chain comes from. */
export type RewardSource = 'outcome' | 'process' | 'vote' | 'confidence';

/** What the search algorithms may ask of the problem. */
export interface SearchConfig {
  readonly source: RewardSource;
  readonly processVerifier: Verifier | undefined;
  /** Samples up to `n` next lines after `state` in one call (fewer or none when the budget is low). */
  proposeActions(state: ThinkingState, n: number, label: string): Promise<Array<{ state: ThinkingState; confidence: number | undefined }>>;
  /** Score in [0, 1] of a partial chain: the process verifier, else the line's model confidence, else 0.5. */
  fastReward(state: ThinkingState, confidence: number | undefined): Promise<number>;
  /** Completes a chain to its answer (one completion, none when the last line is an answer line). */
  finish(state: ThinkingState, label: string): Promise<Candidate | undefined>;
  /** Reward in [0, 1] of a finished chain; `finished` holds every finished chain so far, this one included. */
  reward(candidate: Candidate, finished: readonly Candidate[]): Promise<number>;
  /** Whether the chain may grow: under the depth and token caps, with room left in the model's context. */
  canGrow(state: ThinkingState): boolean;
  /** Samples drawn so far. */
  samples(): number;
}

/** Limits of one thinking-line search. */
export interface ThinkingSearchOptions {
  stepTokens: number;
  finishTokens: number | undefined;
  /** Per-chain token cap. */
  chainTokens: number | undefined;
  maxDepth: number;
  source: RewardSource;
  processVerifier: Verifier | undefined;
}

/** The lines of a finished candidate's whole chain. */
function candidateLines(candidate: Candidate): string[] {
  return candidate.reasoning.split('\n').filter((line) => line.trim() !== '');
}

/** Builds the search config of `problem` over the context's model and verifiers. */
export function createThinkingSearch(problem: Problem, context: StrategyContext, options: ThinkingSearchOptions): SearchConfig {
  const grow: GrowSettings = {
    messages: withInstruction(problem.messages, context.model, THINK_STEP_BY_STEP),
    stepTokens: options.stepTokens,
    finishTokens: options.finishTokens,
    temperature: context.temperature ?? 0.8,
    drawn: { count: 0 },
    confidence: options.processVerifier === undefined,
  };
  const { processVerifier, source } = options;
  const agreement = (candidate: Candidate, finished: readonly Candidate[]) => {
    const agreeing = candidate.key === undefined ? 0 : finished.filter((other) => other.key === candidate.key).length;
    const value = finished.length === 0 ? 0 : agreeing / finished.length;
    context.emit({ type: 'score', id: candidate.thoughtId, verifier: 'agreement', value });
    return value;
  };
  return {
    source,
    processVerifier,
    async proposeActions(state, n, label) {
      const room = options.chainTokens === undefined ? options.stepTokens : options.chainTokens - state.tokens;
      const stepTokens = Math.max(1, Math.min(options.stepTokens, room));
      const grown = await sampleNextLines(context, { ...grow, stepTokens }, { lines: state.lines, parentId: state.thoughtId, n, label });
      return grown.map((line) => ({
        state: { lines: [...state.lines, line.line], tokens: state.tokens + line.tokens, thoughtId: line.thoughtId, final: line.final },
        confidence: line.confidence,
      }));
    },
    async fastReward(state, confidence) {
      if (!processVerifier || state.thoughtId === null) return confidence ?? 0.5;
      return (await scoreChain(problem, context, processVerifier, { lines: state.lines, thoughtId: state.thoughtId })).value;
    },
    finish(state, label) {
      return finishChain(problem, context, grow, { lines: state.lines, parentId: state.thoughtId, label });
    },
    async reward(candidate, finished) {
      if (source === 'outcome' && context.verifier) return scoreOutcome(problem, context, context.verifier, candidate);
      if (source === 'process' && processVerifier) {
        const chain = { lines: candidateLines(candidate), text: candidate.text, answer: candidate.answer, thoughtId: candidate.thoughtId };
        return (await scoreChain(problem, context, processVerifier, chain)).value;
      }
      if (source === 'confidence') return candidate.confidence ?? 0.5;
      return agreement(candidate, finished);
    },
    canGrow(state) {
      if (state.final || state.lines.length >= options.maxDepth) return false;
      if (options.chainTokens !== undefined && state.tokens >= options.chainTokens) return false;
      return fitsContext(context.model, problem, chainPrefix(state.lines));
    },
    samples: () => grow.drawn.count,
  };
}
