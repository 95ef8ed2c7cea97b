/** @module The society's roles: solvers (members' models at spread temperatures), the checker (a verifier) and the vote aggregator. */
import type { Message, Model, Problem, StrategyContext } from '../../spec/index.js';
import type { Candidate } from '../candidate.js';
import { THINK_STEP_BY_STEP, withInstruction } from '../prompts.js';
import { scoreChain, scoreOutcome } from '../search/process-reward.js';
import { type Tally, tallyRecord, tallyVotes } from '../voting.js';
import { drawTurns, withinContext } from './draw-turns.js';
import { type Checker, memberContext } from './roles.js';

/** Settings of one society run. */
export interface SocietySettings {
  solvers: number;
  rounds: number;
  /** Model of each solver: solver i runs on `models[i % solvers % length]` (the members, else the request's model). */
  models: readonly Model[];
  /** Sampling temperature of solver i is `temperatures[i % length]`. */
  temperatures: number[];
  /** Leader's share of the weighted vote under which the society re-solves (vote mode). */
  consensus: number;
  maxTokens: number | undefined;
  /** Samples drawn so far (seeds and indexes). */
  drawn: number;
}

/** A solver's contribution in one round. */
export interface Member {
  solver: number;
  round: number;
  /** The id of the model that wrote it. */
  model: string;
  candidate: Candidate;
  /** The checker found a wrong line (process checker) or scored it under 0.5 (outcome checker). */
  flagged?: boolean;
}

/** What a solver sees: its own conversation (debate) and the thought it answers. */
export interface SolverTurn {
  messages: Message[];
  parentId: string | null;
}

/** The model solver `solver` runs on. */
export function modelOf(settings: SocietySettings, solver: number): Model {
  return settings.models[(solver % settings.solvers) % settings.models.length] as Model;
}

/**
 * Draws one answer per solver, each an `agent` thought labelled with its model. With `shared` messages (independent
 * solving: the problem's messages) solvers on one model at one temperature share one call; with `turnOf` (debate) every
 * solver gets its own call.
 */
export async function solve(
  context: StrategyContext,
  settings: SocietySettings,
  request: { solvers: number[]; round: number; shared?: Message[]; turnOf?: (solver: number) => SolverTurn },
): Promise<Member[]> {
  const temperatureOf = (solver: number) => settings.temperatures[solver % settings.temperatures.length] as number;
  const groups = new Map<string, number[]>();
  for (const solver of request.solvers) {
    const key = request.shared ? `${modelOf(settings, solver).id}|${temperatureOf(solver)}` : String(solver);
    groups.set(key, [...(groups.get(key) ?? []), solver]);
  }
  const members: Member[] = [];
  for (const group of groups.values()) {
    if (context.stopped()) break;
    const first = group[0] as number;
    const model = modelOf(settings, first);
    // Shared messages are the problem's; each model gets the instruction it needs (none for a native reasoner).
    const turn: SolverTurn = request.turnOf?.(first) ?? {
      messages: withInstruction(request.shared ?? [], model, THINK_STEP_BY_STEP),
      parentId: null,
    };
    const drawn = await withinContext(
      drawTurns(memberContext(context, model), {
        role: 'agent',
        label: (offset) => `Solver ${(group[offset] ?? first) + 1} (${model.id}) · round ${request.round + 1}`,
        messages: turn.messages,
        n: group.length,
        firstIndex: settings.drawn,
        parentId: turn.parentId,
        maxTokens: settings.maxTokens,
        temperature: temperatureOf(first),
        thinking: true,
      }),
    );
    settings.drawn += drawn.length;
    for (const [offset, candidate] of drawn.entries()) {
      members.push({ solver: group[offset] as number, round: request.round, model: model.id, candidate });
    }
    if (drawn.length < group.length) break;
  }
  return members;
}

/** Scores each unscored member with the checker (a `score` event each) and records its verdicts as an `agent` thought. */
export async function check(
  problem: Problem,
  context: StrategyContext,
  checker: Checker | undefined,
  members: readonly Member[],
  round: number,
) {
  if (!checker) return;
  const { verifier } = checker;
  const lines: string[] = [];
  for (const member of members) {
    const { candidate, solver } = member;
    if (candidate.score !== undefined || context.signal.aborted) continue;
    if (verifier.kind === 'process') {
      const chain = candidate.reasoning.split('\n').filter((line) => line.trim() !== '');
      const scored = await scoreChain(problem, context, verifier, {
        lines: chain,
        text: candidate.text,
        answer: candidate.answer,
        thoughtId: candidate.thoughtId,
      });
      candidate.score = scored.value;
      member.flagged = scored.wrongLines.length > 0;
      checker.lines += chain.length;
    } else {
      candidate.score = await scoreOutcome(problem, context, verifier, candidate);
      member.flagged = candidate.score < 0.5;
    }
    lines.push(
      `Solver ${solver + 1}: ${candidate.answer ?? 'no answer'} scores ${candidate.score.toFixed(2)}${member.flagged ? ' (flagged)' : ''}`,
    );
  }
  const id = context.startThought('agent', `Checker (${verifier.name} on ${checker.model}) · round ${round + 1}`, null);
  context.endThought(id, { text: lines.join('\n'), tokens: 0 });
}

/** The vote aggregator: a vote weighted by checker scores (1 each without a checker); emits `vote` and an `aggregate` thought. */
export function aggregate(
  context: StrategyContext,
  members: readonly Member[],
  label: string,
): { tally: Tally; share: number; winner: Candidate | undefined } {
  const candidates = members.map((member) => member.candidate);
  const tally = tallyVotes(candidates, (candidate) => candidate.score ?? 1);
  const total = tally.entries.reduce((sum, entry) => sum + entry.weight, 0);
  const share = tally.leader && total > 0 ? tally.leader.weight / total : 0;
  context.emit({ type: 'vote', tally: tallyRecord(tally), leader: tally.leader?.key, confidence: share, samples: candidates.length });
  const leaders = candidates.filter((candidate) => candidate.key !== undefined && candidate.key === tally.leader?.key);
  const winner =
    leaders.reduce<Candidate | undefined>(
      (best, candidate) => (!best || (candidate.score ?? 0) > (best.score ?? 0) ? candidate : best),
      undefined,
    ) ?? candidates[0];
  const id = context.startThought('aggregate', label, null);
  const text = tally.entries.map((entry) => `${entry.key}: ${round(entry.weight)} (${entry.count} votes)`).join('\n') || 'no answers';
  context.endThought(id, { text, tokens: 0, ...(winner?.answer === undefined ? {} : { answer: winner.answer }) });
  return { tally, share, winner };
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
