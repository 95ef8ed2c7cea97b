/**
 * @module `society`: a structured society of cooperating agents ("less a single brain than a structured society of
 * agents"). Solvers run on the member models (`models`, resolved by the engine; else the request's model) at spread
 * temperatures; a checker agent (the task's verifier, a model's learned check role, or a judge model) scores them; an
 * aggregator (a checker-weighted vote, or a chat model that reads the answers) decides. Modes: `debate` (chat models
 * read each other, Du et al. 2023; the embedded models re-solve when checked wrong or dissenting), `vote` (independent
 * solvers, more while the vote is disputed), `mixture` (mixture-of-agents). See docs/society.md.
 */
import { ERROR_CODES, SlowthinkError } from '../../errors/index.js';
import type { Strategy } from '../../spec/index.js';
import { integerOption, numberOption, optionalIntegerOption, stringOption } from '../strategy-options.js';
import { buildResult } from '../strategy-result.js';
import { runDebate, runIndependentRounds, type SocietyRun } from './debate.js';
import type { SocietySettings } from './members.js';
import { runMixture, synthesize } from './mixture.js';
import { CHECKER_CHOICES, type CheckerChoice, chooseChecker, readsOthers } from './roles.js';

/** Temperatures solvers cycle through when none are given. */
export const DEFAULT_TEMPERATURES = [0.7, 1.0, 0.4];

function readTemperatures(value: unknown): number[] {
  if (value === undefined) return DEFAULT_TEMPERATURES;
  const list = typeof value === 'number' ? [value] : value;
  if (!Array.isArray(list) || list.length === 0 || !list.every((entry) => typeof entry === 'number' && entry >= 0 && entry <= 2)) {
    throw new SlowthinkError(ERROR_CODES.INVALID_ARGUMENT, 'Expected option `temperatures` to be a non-empty list of numbers in [0, 2]', {
      hint: 'Pass e.g. temperatures: [0.4, 0.7, 1.0].',
      param: 'options.temperatures',
    });
  }
  return list as number[];
}

function choice<T extends string>(options: Record<string, unknown>, name: string, allowed: readonly T[], fallback: T): T {
  const value = stringOption(options, name, fallback);
  if (!(allowed as readonly string[]).includes(value)) {
    throw new SlowthinkError(ERROR_CODES.INVALID_ARGUMENT, `Expected option \`${name}\` to be one of ${allowed.join(', ')}, got ${value}`, {
      param: `options.${name}`,
    });
  }
  return value as T;
}

/** Solvers on member models, a checker agent and an aggregator; debate, vote or mixture-of-agents rounds. */
export const society: Strategy = {
  specificationVersion: 'v1',
  name: 'society',
  description: 'A society of agents on one or more models: solvers (debating when they can), a checker and an aggregator.',
  usesVerifier: true,
  async run(problem, context) {
    const members = context.members && context.members.length > 0 ? context.members : [context.model];
    const requested = choice(context.options, 'mode', ['auto', 'debate', 'vote', 'mixture'], 'auto');
    const mode = requested === 'auto' ? 'debate' : requested;
    const settings: SocietySettings = {
      solvers: integerOption(context.options, 'solvers', context.members?.length ? Math.max(2, members.length) : 3),
      rounds: integerOption(context.options, 'rounds', 2, 0),
      models: members,
      temperatures: readTemperatures(context.options.temperatures),
      consensus: numberOption(context.options, 'consensus', 0.7, 0, 1),
      maxTokens: optionalIntegerOption(context.options, 'maxTokens'),
      drawn: 0,
    };
    const checkerModel = context.options.checkerModel === undefined ? undefined : stringOption(context.options, 'checkerModel', '');
    const checker = chooseChecker(
      problem,
      context,
      choice<CheckerChoice>(context.options, 'checker', CHECKER_CHOICES, 'auto'),
      checkerModel,
    );
    // The request's model aggregates by reading the answers when it can (mixture's default), else the weighted vote decides.
    const aggregatorChoice = choice(context.options, 'aggregator', ['auto', 'vote', 'model'], 'auto');
    if (aggregatorChoice === 'model' && !readsOthers(context.model)) {
      throw new SlowthinkError(ERROR_CODES.INVALID_ARGUMENT, `aggregator model: ${context.model.id} reads only the question`, {
        hint: 'Use a chat model as the request model to aggregate, or aggregator: vote.',
        param: 'options.aggregator',
      });
    }
    const byModel = readsOthers(context.model) && (aggregatorChoice === 'model' || (aggregatorChoice === 'auto' && mode === 'mixture'));
    const society: SocietyRun = { problem, context, settings, checker, messages: problem.messages };
    const run = { debate: runDebate, vote: runIndependentRounds, mixture: runMixture }[mode];
    const outcome = await run(society);
    const synthesis = byModel ? await synthesize(society, context.model, outcome.voters) : undefined;
    const winner = synthesis ?? outcome.winner;
    const decided = synthesis
      ? `${context.model.id} read the answers and wrote ${synthesis.answer}`
      : `${winner?.answer ?? 'no answer'} with ${(outcome.share * 100).toFixed(0)}% of the ${checker ? `${checker.verifier.name}-weighted ` : ''}vote`;
    const summary = `\n\nSociety (${mode}, ${[...new Set(members.map((model) => model.id))].join(' + ')}): ${outcome.all.length} contributions over ${outcome.rounds} rounds; ${decided}.`;
    return buildResult({
      winner,
      samples: settings.drawn,
      stoppedBy: context.stopped(),
      reasoning: `${winner?.reasoning ?? ''}${winner ? summary : ''}`.trim(),
      details: {
        mode,
        rounds: outcome.rounds,
        share: outcome.share,
        members: members.map((model) => model.id),
        checker: checker?.verifier.name ?? null,
        checkerModel: checker?.model ?? null,
        checkedLines: checker?.lines ?? 0,
        aggregator: synthesis ? context.model.id : 'vote',
        answers: outcome.all.map((member) => ({
          solver: member.solver,
          round: member.round,
          model: member.model,
          answer: member.candidate.answer ?? null,
          score: member.candidate.score ?? null,
          flagged: member.flagged ?? false,
        })),
      },
    });
  },
};
