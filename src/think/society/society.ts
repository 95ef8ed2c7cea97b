/**
 * @module `society`: a structured society of cooperating agents ("less a single brain than a structured society of
 * agents"): solvers at spread temperatures, a checker (the verifier) and an aggregator (a checker-weighted vote).
 * `debate` (chat models): solvers read each other's answers and revise for `rounds` rounds (Du et al. 2023).
 * `vote` (models that cannot read others, like the embedded model): independent solvers, checker, weighted vote, and
 * more solvers while the vote is disputed. `auto` (default) picks `vote` for the embedded model, else `debate`.
 */
import { ERROR_CODES, SlowthinkError } from '../../errors/index.js';
import type { Strategy, Warning } from '../../spec/index.js';
import { THINK_STEP_BY_STEP, withInstruction } from '../prompts.js';
import { integerOption, numberOption, optionalIntegerOption, stringOption } from '../strategy-options.js';
import { buildResult } from '../strategy-result.js';
import { runDebate, runIndependentRounds } from './debate.js';
import { chooseChecker, type SocietySettings } from './members.js';

/** Temperatures solvers cycle through when none are given. */
export const DEFAULT_TEMPERATURES = [0.7, 1.0, 0.4];

function readTemperatures(value: unknown): number[] {
  if (value === undefined) return DEFAULT_TEMPERATURES;
  if (!Array.isArray(value) || value.length === 0 || !value.every((entry) => typeof entry === 'number' && entry >= 0 && entry <= 2)) {
    throw new SlowthinkError(ERROR_CODES.INVALID_ARGUMENT, 'Expected option `temperatures` to be a non-empty list of numbers in [0, 2]', {
      hint: 'Pass e.g. temperatures: [0.4, 0.7, 1.0].',
      param: 'options.temperatures',
    });
  }
  return value as number[];
}

/** Solvers, a checker and an aggregator; debate rounds for chat models, re-solving of disputed votes otherwise. */
export const society: Strategy = {
  specificationVersion: 'v1',
  name: 'society',
  description: 'A society of agents: solvers (debating when they can read each other), a checker and a weighted-vote aggregator.',
  usesVerifier: true,
  async run(problem, context) {
    const requested = stringOption(context.options, 'mode', 'auto');
    if (!['auto', 'debate', 'vote'].includes(requested)) {
      throw new SlowthinkError(ERROR_CODES.INVALID_ARGUMENT, `Expected option \`mode\` to be auto, debate or vote, got ${requested}`, {
        param: 'options.mode',
      });
    }
    const mode = requested === 'auto' ? (context.model.provider === 'embedded' ? 'vote' : 'debate') : requested;
    const settings: SocietySettings = {
      solvers: integerOption(context.options, 'solvers', 3),
      rounds: integerOption(context.options, 'rounds', 2, 0),
      temperatures: readTemperatures(context.options.temperatures),
      consensus: numberOption(context.options, 'consensus', 0.7, 0, 1),
      maxTokens: optionalIntegerOption(context.options, 'maxTokens'),
      drawn: 0,
    };
    const warnings: Warning[] = [];
    if (context.options.models !== undefined) {
      warnings.push({
        type: 'unsupported',
        feature: 'models',
        message: `society runs every solver on ${context.model.id}: the engine charges one model per request, so options.models is ignored.`,
      });
    }
    const checker = chooseChecker(problem, context);
    const messages = withInstruction(problem.messages, context.model, THINK_STEP_BY_STEP);
    const outcome =
      mode === 'debate'
        ? await runDebate({ problem, context, settings, checker, messages })
        : await runIndependentRounds({ problem, context, settings, checker, messages });
    const summary = `\n\nSociety (${mode}): ${outcome.all.length} contributions over ${outcome.rounds} rounds; ${outcome.winner?.answer ?? 'no answer'} with ${(outcome.share * 100).toFixed(0)}% of the ${checker ? `${checker.name}-weighted ` : ''}vote.`;
    return buildResult({
      winner: outcome.winner,
      samples: settings.drawn,
      stoppedBy: context.stopped(),
      reasoning: `${outcome.winner?.reasoning ?? ''}${outcome.winner ? summary : ''}`.trim(),
      details: {
        mode,
        rounds: outcome.rounds,
        share: outcome.share,
        checker: checker?.name ?? null,
        answers: outcome.all.map((member) => ({
          solver: member.solver,
          round: member.round,
          answer: member.candidate.answer ?? null,
          score: member.candidate.score ?? null,
        })),
        warnings,
      },
    });
  },
};
