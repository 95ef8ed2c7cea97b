/** @module The society's roles: solvers (samples at spread temperatures), the checker (a verifier) and the aggregator (a weighted vote). */
import type { Message, Problem, StrategyContext, Verifier } from '../../spec/index.js';
import type { Candidate } from '../candidate.js';
import { scoreChain, scoreOutcome } from '../search/process-reward.js';
import { type Tally, tallyRecord, tallyVotes } from '../voting.js';
import { drawTurns, withinContext } from './draw-turns.js';

/** Settings of one society run. */
export interface SocietySettings {
  solvers: number;
  rounds: number;
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
  candidate: Candidate;
}

/** What a solver sees: its own conversation (debate) and the thought it answers. */
export interface SolverTurn {
  messages: Message[];
  parentId: string | null;
}

/**
 * Draws one answer per solver, each an `agent` thought. With `shared` messages (independent solving) solvers that share
 * a temperature share one call; with `turnOf` (debate) every solver gets its own call.
 */
export async function solve(
  context: StrategyContext,
  settings: SocietySettings,
  request: { solvers: number[]; round: number; shared?: Message[]; turnOf?: (solver: number) => SolverTurn },
): Promise<Member[]> {
  const temperatureOf = (solver: number) => settings.temperatures[solver % settings.temperatures.length] as number;
  const groups = new Map<string, number[]>();
  for (const solver of request.solvers) {
    const key = request.shared ? String(temperatureOf(solver)) : String(solver);
    groups.set(key, [...(groups.get(key) ?? []), solver]);
  }
  const members: Member[] = [];
  for (const group of groups.values()) {
    if (context.stopped()) break;
    const first = group[0] as number;
    const turn: SolverTurn = request.turnOf?.(first) ?? { messages: request.shared ?? [], parentId: null };
    const drawn = await withinContext(
      drawTurns(context, {
        role: 'agent',
        label: (offset) => `Solver ${(group[offset] ?? first) + 1} · round ${request.round + 1}`,
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
    for (const [offset, candidate] of drawn.entries()) members.push({ solver: group[offset] as number, round: request.round, candidate });
    if (drawn.length < group.length) break;
  }
  return members;
}

/** The checker: the context's outcome verifier, else the process verifier when the task is known, else none. */
export function chooseChecker(problem: Problem, context: StrategyContext): Verifier | undefined {
  if (context.verifier) return context.verifier;
  return context.processVerifier(problem);
}

/** Scores each unscored member with the checker (a `score` event each) and records the checker's verdicts as an `agent` thought. */
export async function check(
  problem: Problem,
  context: StrategyContext,
  checker: Verifier | undefined,
  members: readonly Member[],
  round: number,
) {
  if (!checker) return;
  const lines: string[] = [];
  for (const { candidate, solver } of members) {
    if (candidate.score !== undefined) continue;
    if (checker.kind === 'process') {
      const chain = candidate.reasoning.split('\n').filter((line) => line.trim() !== '');
      candidate.score = (
        await scoreChain(problem, context, checker, {
          lines: chain,
          text: candidate.text,
          answer: candidate.answer,
          thoughtId: candidate.thoughtId,
        })
      ).value;
    } else {
      candidate.score = await scoreOutcome(problem, context, checker, candidate);
    }
    lines.push(`Solver ${solver + 1}: ${candidate.answer ?? 'no answer'} scores ${candidate.score.toFixed(2)}`);
  }
  const id = context.startThought('agent', `Checker (${checker.name}) · round ${round + 1}`, null);
  context.endThought(id, { text: lines.join('\n'), tokens: 0 });
}

/** The aggregator: a vote weighted by checker scores (1 each without a checker); emits `vote` and an `agent` thought. */
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
  const id = context.startThought('agent', label, null);
  const text = tally.entries.map((entry) => `${entry.key}: ${round(entry.weight)} (${entry.count} votes)`).join('\n') || 'no answers';
  context.endThought(id, { text, tokens: 0, ...(winner?.answer === undefined ? {} : { answer: winner.answer }) });
  return { tally, share, winner };
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
