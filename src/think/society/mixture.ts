/**
 * @module Mixture-of-agents (Wang et al. 2024) over heterogeneous members: proposers on different models, middle layers in
 * which chat proposers synthesize the previous layer, and a final aggregator model that reads the proposals.
 */
import type { Model, StrategyContext } from '../../spec/index.js';
import type { Candidate } from '../candidate.js';
import { THINK_STEP_BY_STEP, withInstruction } from '../prompts.js';
import { firstRound, type RoundsOutcome, type SocietyRun } from './debate.js';
import { drawTurns, spokenText, withinContext } from './draw-turns.js';
import { aggregate, check, type Member, modelOf, type SolverTurn, solve } from './members.js';
import { memberContext, readsOthers, synthesisMessages } from './roles.js';

/** Mixture: layer 1 proposes alone; in each of `rounds` more layers the chat proposers synthesize the layer before. */
export async function runMixture(society: SocietyRun): Promise<RoundsOutcome> {
  const { problem, context, settings, checker, messages } = society;
  const opening = await firstRound(society);
  let layer = opening.members;
  const all = [...layer];
  let outcome = opening.outcome;
  let rounds = 1;
  for (let round = 1; round <= settings.rounds && layer.length > 0 && !context.stopped(); round += 1) {
    const proposals = layer.map((member) => spokenText(member.candidate));
    const readers = layer.map((member) => member.solver).filter((solver) => readsOthers(modelOf(settings, solver)));
    // Proposers that read only the question (the embedded models) carry their proposal into the next layer.
    if (readers.length === 0) break;
    const turnOf = (solver: number): SolverTurn => ({
      messages: synthesisMessages(withInstruction(messages, modelOf(settings, solver), THINK_STEP_BY_STEP), proposals),
      parentId: layer.find((member) => member.solver === solver)?.candidate.thoughtId ?? null,
    });
    const fresh = await solve(context, settings, { solvers: readers, round, turnOf });
    if (fresh.length === 0) break;
    all.push(...fresh);
    await check(problem, context, checker, fresh, round);
    layer = layer.map((member) => fresh.find((next) => next.solver === member.solver) ?? member);
    outcome = aggregate(context, layer, `Aggregator · layer ${round + 1}`);
    rounds += 1;
  }
  return { voters: layer, all, rounds, winner: outcome.winner, share: outcome.share };
}

/**
 * The model aggregator: `model` reads the voters' answers and writes the final one (one call, phase `aggregate`, an
 * `aggregate` thought). Undefined when the budget allowed no call or its answer was cut or had no answer line.
 */
export async function synthesize(society: SocietyRun, model: Model, voters: readonly Member[]): Promise<Candidate | undefined> {
  const { context, settings, messages } = society;
  if (voters.length === 0 || context.stopped()) return undefined;
  const view = memberContext(context, model);
  const aggregating: StrategyContext = { ...view, generate: (request) => context.generate({ ...request, model, phase: 'aggregate' }) };
  const [candidate] = await withinContext(
    drawTurns(aggregating, {
      role: 'aggregate',
      label: () => `Aggregator (${model.id}) reads ${voters.length} answers`,
      messages: synthesisMessages(
        withInstruction(messages, model, THINK_STEP_BY_STEP),
        voters.map((member) => spokenText(member.candidate)),
      ),
      firstIndex: settings.drawn,
      maxTokens: settings.maxTokens,
      temperature: 0,
      thinking: true,
    }),
  );
  if (candidate) settings.drawn += 1;
  return candidate?.key === undefined ? undefined : candidate;
}
