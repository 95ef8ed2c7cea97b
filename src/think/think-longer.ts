/**
 * @module `think-longer`: budget forcing (s1, Muennighoff et al. 2025). When the model ends its thinking, append the
 * model's continue-thinking cue ("Wait") and let it continue via `prefix`; without continuation support, ask a second
 * turn to re-check. Rounds go on while the budget and the context hold one more; the answer is decided across rounds by
 * the verifier and a confidence-weighted vote, never by the last round alone.
 */
import type { Message, Problem, Strategy, StrategyContext } from '../spec/index.js';
import type { Candidate } from './candidate.js';
import { drawSamples } from './draw-samples.js';
import { RECHECK_REQUEST, THINK_STEP_BY_STEP, withInstruction } from './prompts.js';
import { scoreCandidate } from './score-candidates.js';
import { integerOption, optionalIntegerOption } from './strategy-options.js';
import { buildResult } from './strategy-result.js';
import { tallyVotes } from './voting.js';

/** Fewest tokens a continuation needs to re-check a line or two and write its answer line. */
const MIN_ROUND_TOKENS = 48;
/** Tokens a prompt takes beyond the question and prefix (BOS, separators, `<think>` or a chat template). */
const PROMPT_OVERHEAD = 32;

/** Why the rounds ended: the round cap, the budget (no room for a round like the last ones), the context, or a hard limit. */
type RoundsEnd = 'rounds' | 'budget' | 'context' | 'limit' | 'no-sample';

/** The thinking so far with the cue on its own line; the model goes on from the next line. */
function forced(thinking: string, cue: string): string {
  const before = thinking.trimEnd();
  return before ? `${before}\n${cue}\n` : `${cue}\n`;
}

/** Tokens the context still holds after this prompt, or Infinity when the model does not say its context or cannot count. */
function contextRoom(context: StrategyContext, messages: readonly Message[], prefix: string): number {
  const { contextLength } = context.model.capabilities;
  const count = context.model.countTokens?.bind(context.model);
  if (contextLength === undefined || !count) return Number.POSITIVE_INFINITY;
  const prompt = messages.reduce((sum, message) => sum + count(message.content), 0) + count(prefix) + PROMPT_OVERHEAD;
  return contextLength - prompt;
}

/** Scores each round's answer with the verifier, on all the thinking that led to it. */
async function scoreRounds(problem: Problem, context: StrategyContext, rounds: readonly Candidate[], thinkings: readonly string[]) {
  const verifier = context.verifier;
  if (!verifier) return;
  for (const [index, round] of rounds.entries()) {
    if (round.answer === undefined || context.signal.aborted) continue;
    round.score = await scoreCandidate(problem, context, verifier, { ...round, reasoning: thinkings[index] ?? round.reasoning });
  }
}

/** The round whose answer wins the vote weighted by verifier score × confidence; ties go to the earlier answer. */
function decide(rounds: readonly Candidate[]): Candidate | undefined {
  const tally = tallyVotes(rounds, (round) => (round.score ?? 1) * (round.confidence ?? 1));
  const leader = tally.leader;
  if (leader && leader.weight > 0) {
    // The leader's latest round speaks for it: its thinking has seen the most checks.
    return rounds.filter((round) => round.key === leader.key).at(-1);
  }
  const answered = rounds.filter((round) => round.answer !== undefined);
  return answered.reduce<Candidate | undefined>(
    (best, round) => (!best || (round.score ?? 0) > (best.score ?? 0) ? round : best),
    undefined,
  );
}

/**
 * Thinks once, then continues while one more round fits: at most `rounds` (default 6) continuations, each only when the
 * tokens left hold a round as long as the longest so far and the model's context holds the prefix plus `MIN_ROUND_TOKENS`.
 */
export const thinkLonger: Strategy = {
  specificationVersion: 'v1',
  name: 'think-longer',
  description: 'Budget forcing: when the model stops thinking, append "Wait" and make it continue; decide across rounds.',
  usesVerifier: false,
  async run(problem, context) {
    const maxRounds = integerOption(context.options, 'rounds', 6, 0);
    const maxTokens = optionalIntegerOption(context.options, 'maxTokens');
    const cue = context.model.capabilities.continueThinkingCue ?? 'Wait';
    const continuation = context.model.capabilities.continuation;
    const messages = withInstruction(problem.messages, context.model, THINK_STEP_BY_STEP);
    const common = { n: 1, thinking: true };
    const [first] = await drawSamples(problem, context, {
      ...common,
      ...(maxTokens === undefined ? {} : { maxTokens }),
      firstIndex: 0,
      label: 'Thinking',
      messages,
    });
    if (!first) return buildResult({ winner: undefined, samples: 0, stoppedBy: context.stopped() });
    const rounds: Candidate[] = [first];
    const thinkings: string[] = [first.reasoning];
    let thinking = first.reasoning;
    let conversation: Message[] = messages;
    let end: RoundsEnd = 'rounds';
    while (rounds.length <= maxRounds) {
      if (context.stopped()) {
        end = 'limit';
        break;
      }
      const latest = rounds.at(-1) as Candidate;
      if (!continuation) {
        const said = latest.reasoning ? `${latest.reasoning}\n${latest.text}` : latest.text;
        conversation = [...conversation, { role: 'assistant', content: said }, { role: 'user', content: RECHECK_REQUEST }];
      }
      const prefix = continuation ? forced(thinking, cue) : '';
      const room = contextRoom(context, conversation, prefix);
      if (room < MIN_ROUND_TOKENS) {
        end = 'context';
        break;
      }
      if (context.tokensLeft() < Math.max(MIN_ROUND_TOKENS, ...rounds.map((round) => round.tokens))) {
        end = 'budget';
        break;
      }
      const cap = Math.min(maxTokens ?? Number.POSITIVE_INFINITY, room);
      const [next] = await drawSamples(problem, context, {
        ...common,
        ...(Number.isFinite(cap) ? { maxTokens: cap } : {}),
        firstIndex: rounds.length,
        label: `Continue thinking ${rounds.length}`,
        parentId: first.thoughtId,
        messages: conversation,
        ...(continuation ? { prefix } : {}),
      });
      if (!next) {
        end = context.stopped() ? 'limit' : 'no-sample';
        break;
      }
      thinking = continuation ? `${prefix}${next.reasoning}` : next.reasoning;
      rounds.push(next);
      thinkings.push(continuation ? thinking : next.reasoning);
    }
    await scoreRounds(problem, context, rounds, thinkings);
    const chosen = decide(rounds) ?? (rounds.at(-1) as Candidate);
    const summary = rounds
      .map((round) => `${round.answer ?? '—'}${round.score === undefined ? '' : ` (${round.score.toFixed(2)})`}`)
      .join(' · ');
    const fullThinking = continuation ? thinking : thinkings.join(`\n${cue}\n`);
    return buildResult({
      winner: chosen,
      samples: rounds.length,
      stoppedBy: end === 'limit' ? context.stopped() : null,
      reasoning: `${fullThinking.trim()}\n\nRounds: ${summary} → ${chosen.answer ?? 'no answer'}`,
      details: {
        rounds: rounds.length - 1,
        roundsEnd: end,
        continuation,
        cue,
        answers: rounds.map((round) => round.answer ?? null),
        scores: rounds.map((round) => round.score ?? null),
        chosenRound: rounds.indexOf(chosen),
      },
    });
  },
};
