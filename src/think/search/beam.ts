/**
 * @module `beam`: step-level beam search with a process reward (Snell et al. 2024; HF search-and-learn). A step is one
 * thinking line: each kept chain is continued `branch` ways (`prefix` + stop at newline), every partial chain is scored
 * by the process verifier, the `beamWidth` best are kept; chains that end their thinking are finished with one
 * completion. Models without continuation fall back to best-of-n with a warning.
 */
import { ERROR_CODES, SlowthinkError } from '../../errors/index.js';
import type { Problem, Strategy, StrategyContext, Verifier } from '../../spec/index.js';
import type { Candidate } from '../candidate.js';
import { THINK_STEP_BY_STEP, withInstruction } from '../prompts.js';
import { booleanOption, integerOption, optionalIntegerOption, stringOption } from '../strategy-options.js';
import { buildResult } from '../strategy-result.js';
import { finishChain, type GrowSettings, sampleNextLines } from './grow-chain.js';
import { runWithoutContinuation } from './no-continuation.js';
import { resolveProcessVerifier, scoreChain, scoreOutcome } from './process-reward.js';
import { type ChainSelection, selectChain } from './select-chain.js';
import { chainPrefix, fitsContext } from './step-lines.js';

/** A partial chain kept on the beam. */
export interface BeamChain {
  lines: string[];
  /** Thought of the last line (the parent of its continuations); null for the root. */
  leafId: string | null;
  tokens: number;
  score: number;
  /** Ended its thinking (to be finished with an answer). */
  final: boolean;
}

/** The `beamWidth` best chains by score (ties: the earlier chain); distinct chains only when `unique`. */
export function keepBest(chains: readonly BeamChain[], beamWidth: number, unique = true): BeamChain[] {
  const seen = new Set<string>();
  const pool = unique
    ? chains.filter((chain) => {
        const key = chainPrefix(chain.lines);
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      })
    : [...chains];
  return pool
    .map((chain, order) => ({ chain, order }))
    .sort((left, right) => right.chain.score - left.chain.score || left.order - right.order)
    .slice(0, beamWidth)
    .map((entry) => entry.chain);
}

interface BeamSettings extends GrowSettings {
  beamWidth: number;
  branch: number;
  maxDepth: number;
  /** Per-chain token cap (the effort plan's per-trace cap). */
  chainTokens: number | undefined;
  unique: boolean;
  verifier: Verifier | undefined;
}

function readSettings(problem: Problem, context: StrategyContext): BeamSettings {
  const maxTokens = optionalIntegerOption(context.options, 'maxTokens');
  const finishTokens = optionalIntegerOption(context.options, 'finishTokens');
  return {
    beamWidth: integerOption(context.options, 'beamWidth', 4),
    branch: integerOption(context.options, 'branch', 2),
    maxDepth: integerOption(context.options, 'maxDepth', 24),
    stepTokens: integerOption(context.options, 'stepTokens', 64),
    finishTokens: finishTokens ?? (maxTokens === undefined ? undefined : Math.max(16, Math.ceil(maxTokens / 2))),
    chainTokens: maxTokens,
    unique: booleanOption(context.options, 'unique', true),
    temperature: context.temperature ?? 0.8,
    messages: withInstruction(problem.messages, context.model, THINK_STEP_BY_STEP),
    drawn: { count: 0 },
    verifier: resolveProcessVerifier(problem, context),
  };
}

/** Scores a chain in [0, 1]: the process verifier, else the model's line confidence, else 0.5. */
async function scoreBeam(
  problem: Problem,
  context: StrategyContext,
  settings: BeamSettings,
  chain: BeamChain,
  confidence: number | undefined,
): Promise<number> {
  if (settings.verifier && chain.leafId) {
    return (await scoreChain(problem, context, settings.verifier, { lines: chain.lines, thoughtId: chain.leafId })).value;
  }
  return confidence ?? 0.5;
}

/** Continues every kept chain `branch` ways and scores the children; stops early (anytime) when the budget runs out. */
async function expandBeams(problem: Problem, context: StrategyContext, settings: BeamSettings, beams: BeamChain[], depth: number) {
  const children: BeamChain[] = [];
  for (const beam of beams) {
    if (context.stopped()) break;
    const room = settings.chainTokens === undefined ? settings.stepTokens : settings.chainTokens - beam.tokens;
    const grown = await sampleNextLines(
      context,
      { ...settings, stepTokens: Math.max(1, Math.min(settings.stepTokens, room)) },
      { lines: beam.lines, parentId: beam.leafId, n: settings.branch, label: `Step ${depth}` },
    );
    for (const line of grown) {
      const child: BeamChain = {
        lines: [...beam.lines, line.line],
        leafId: line.thoughtId,
        tokens: beam.tokens + line.tokens,
        score: 0,
        final: line.final,
      };
      child.score = await scoreBeam(problem, context, settings, child, line.confidence);
      children.push(child);
    }
  }
  return children;
}

/** Finishes a chain and scores it: process verifier, else the outcome verifier, else confidence; undefined when the budget allows no call. */
async function completeChain(problem: Problem, context: StrategyContext, settings: BeamSettings, chain: BeamChain) {
  const label = `Finish chain ${settings.drawn.count + 1}`;
  const candidate = await finishChain(problem, context, settings, { lines: chain.lines, parentId: chain.leafId, label });
  if (!candidate) return undefined;
  const lines = candidate.reasoning.split('\n').filter((line) => line.trim() !== '');
  candidate.score = settings.verifier
    ? (
        await scoreChain(problem, context, settings.verifier, {
          lines,
          text: candidate.text,
          answer: candidate.answer,
          thoughtId: candidate.thoughtId,
        })
      ).value
    : context.verifier
      ? await scoreOutcome(problem, context, context.verifier, candidate)
      : (candidate.confidence ?? chain.score);
  return candidate;
}

function canGrow(problem: Problem, context: StrategyContext, settings: BeamSettings, chain: BeamChain): boolean {
  if (settings.chainTokens !== undefined && chain.tokens >= settings.chainTokens) return false;
  return fitsContext(context.model, problem, chainPrefix(chain.lines));
}

/** Beam search over thinking lines, scored by a process verifier. */
export const beam: Strategy = {
  specificationVersion: 'v1',
  name: 'beam',
  description: 'Step-level beam search: extend chains line by line, keep the best-scored by a process verifier.',
  usesVerifier: true,
  async run(problem, context) {
    const settings = readSettings(problem, context);
    const selection = stringOption(context.options, 'select', 'best') as ChainSelection;
    if (selection !== 'best' && selection !== 'vote') {
      throw new SlowthinkError(ERROR_CODES.INVALID_ARGUMENT, `Expected option \`select\` to be best or vote, got ${selection}`, {
        hint: 'Use select: "best" (highest process score) or "vote" (score-weighted vote over finished chains).',
        param: 'options.select',
      });
    }
    if (!context.model.capabilities.continuation) {
      return runWithoutContinuation('beam', problem, context, settings.beamWidth * settings.branch);
    }
    const finished: Candidate[] = [];
    let beams: BeamChain[] = [{ lines: [], leafId: null, tokens: 0, score: 0, final: false }];
    let stalled: BeamChain[] = [];
    for (let depth = 1; depth <= settings.maxDepth && beams.length > 0 && !context.stopped(); depth += 1) {
      const children = keepBest(await expandBeams(problem, context, settings, beams, depth), Number.MAX_SAFE_INTEGER, settings.unique);
      if (children.length === 0) break;
      for (const chain of children.filter((child) => child.final)) {
        const candidate = await completeChain(problem, context, settings, chain);
        if (candidate) finished.push(candidate);
      }
      const open = children.filter((child) => !child.final);
      const room = Math.max(0, settings.beamWidth - finished.length);
      const kept = keepBest(open, room, settings.unique);
      stalled = [...stalled, ...kept.filter((chain) => !canGrow(problem, context, settings, chain))];
      beams = kept.filter((chain) => canGrow(problem, context, settings, chain));
      if (depth === settings.maxDepth) stalled = [...stalled, ...beams];
    }
    // Anytime: with no finished chain yet, finish the best partial chain if the budget still allows a call.
    if (finished.length === 0 && !context.stopped()) {
      const [best] = keepBest([...stalled, ...beams], 1, false);
      const candidate = best && best.lines.length > 0 ? await completeChain(problem, context, settings, best) : undefined;
      if (candidate) finished.push(candidate);
    }
    const { winner, tally } = selectChain(context, finished, selection);
    const summaryId = context.startThought('aggregate', 'Beam selection', null);
    const summary = `${finished.length} finished chains; ${selection === 'vote' ? 'score-weighted vote' : 'best process score'} → ${winner?.answer ?? 'no answer'}`;
    context.endThought(summaryId, { text: summary, ...(winner?.answer === undefined ? {} : { answer: winner.answer }) });
    return buildResult({
      winner,
      samples: settings.drawn.count,
      stoppedBy: context.stopped(),
      details: {
        verifier: settings.verifier?.name ?? null,
        finished: finished.length,
        scores: finished.map((chain) => chain.score ?? null),
        tally,
        warnings: settings.verifier ? [] : [{ type: 'other', message: 'No process verifier: beams ranked by model confidence.' }],
      },
    });
  },
};
