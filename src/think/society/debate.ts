/** @module Society rounds: multi-agent debate for chat models (Du et al. 2023), independent re-solving for models that cannot read others. */
import type { Message, Model, Problem, StrategyContext, Verifier } from '../../spec/index.js';
import type { Candidate } from '../candidate.js';
import { spokenText } from './draw-turns.js';
import { aggregate, check, type Member, type SocietySettings, type SolverTurn, solve } from './members.js';

/** Opens the debate turn that shows a solver the other solvers' answers. */
export const DEBATE_INTRO = 'These are the solutions to the problem from other agents:';
/** Closes the debate turn. */
export const DEBATE_REQUEST =
  'Using the reasoning of the other agents as additional advice, check your solution again step by step. Give your updated final answer alone on the last line as `Answer: <answer>`.';

/** Longest piece of another agent's answer shown in a debate turn (characters, from the end). */
const SHOWN_CHARACTERS = 1500;

/** The conversation a solver continues in a debate round: its own answer, then the others' answers and the request. */
export function debateMessages(messages: readonly Message[], own: Candidate, others: readonly Member[], brief = false): Message[] {
  const shown = others.map((member) => {
    const text = brief ? member.candidate.text || (member.candidate.answer ?? '') : spokenText(member.candidate);
    return `Agent ${member.solver + 1}: ${text.length > SHOWN_CHARACTERS ? `…${text.slice(-SHOWN_CHARACTERS)}` : text}`;
  });
  return [
    ...messages,
    { role: 'assistant', content: brief ? own.text : spokenText(own) },
    { role: 'user', content: `${DEBATE_INTRO}\n\n${shown.join('\n\n')}\n\n${DEBATE_REQUEST}` },
  ];
}

/** One society run: the problem, the strategy context, its settings, the checker (if any) and the shared conversation. */
export interface SocietyRun {
  problem: Problem;
  context: StrategyContext;
  settings: SocietySettings;
  checker: Verifier | undefined;
  messages: Message[];
}

/** What a run of rounds produced. */
export interface RoundsOutcome {
  /** The members the final vote counted. */
  voters: Member[];
  /** Every contribution of every round. */
  all: Member[];
  rounds: number;
  winner: Candidate | undefined;
  share: number;
}

/** Tokens of a conversation as the model counts them (4 characters per token when it cannot). */
function promptTokens(model: Model, messages: readonly Message[]): number {
  const text = messages.map((message) => message.content).join('\n');
  return model.countTokens ? model.countTokens(text) : Math.ceil(text.length / 4);
}

/** A solver's debate turn: the others' full answers, else only their answer lines, else undefined when neither fits the context. */
function debateTurn(
  context: StrategyContext,
  settings: SocietySettings,
  messages: Message[],
  own: Member,
  latest: readonly Member[],
): SolverTurn | undefined {
  const others = latest.filter((member) => member.solver !== own.solver);
  const contextLength = context.model.capabilities.contextLength;
  const room = (conversation: Message[]) =>
    contextLength === undefined || promptTokens(context.model, conversation) + (settings.maxTokens ?? 64) <= contextLength;
  for (const brief of [false, true]) {
    const conversation = debateMessages(messages, own.candidate, others, brief);
    if (room(conversation)) return { messages: conversation, parentId: own.candidate.thoughtId };
  }
  return undefined;
}

function unanimous(members: readonly Member[]): boolean {
  const keys = new Set(members.map((member) => member.candidate.key));
  return members.length > 1 && keys.size === 1 && !keys.has(undefined);
}

/** Round 0 of both protocols: every solver answers alone, the checker scores them, the vote is taken. */
async function firstRound(society: SocietyRun): Promise<{ solvers: number[]; members: Member[]; outcome: ReturnType<typeof aggregate> }> {
  const { problem, context, settings, checker, messages } = society;
  const solvers = Array.from({ length: settings.solvers }, (_, solver) => solver);
  const members = await solve(context, settings, { solvers, round: 0, shared: messages });
  await check(problem, context, checker, members, 0);
  return { solvers, members, outcome: aggregate(context, members, 'Aggregator · round 1') };
}

/** Debate: every solver answers, then for `rounds` rounds each revises after reading the others; the last answers vote. */
export async function runDebate(society: SocietyRun): Promise<RoundsOutcome> {
  const { problem, context, settings, checker, messages } = society;
  const opening = await firstRound(society);
  let current = opening.members;
  const all = [...current];
  let outcome = opening.outcome;
  let rounds = 1;
  for (let round = 1; round <= settings.rounds && current.length > 0 && !unanimous(current) && !context.stopped(); round += 1) {
    const latest = current;
    const turns = new Map(latest.map((member) => [member.solver, debateTurn(context, settings, messages, member, latest)]));
    // A model whose context cannot hold the debate (the embedded model's 512 tokens) ends it with the vote so far.
    if ([...turns.values()].some((turn) => turn === undefined)) break;
    const fresh = await solve(context, settings, {
      solvers: latest.map((member) => member.solver),
      round,
      turnOf: (solver) => turns.get(solver) as SolverTurn,
    });
    if (fresh.length === 0) break;
    all.push(...fresh);
    // A solver the budget cut keeps its previous answer in the vote.
    current = latest.map((member) => fresh.find((next) => next.solver === member.solver) ?? member);
    await check(problem, context, checker, fresh, round);
    outcome = aggregate(context, current, `Aggregator · round ${round + 1}`);
    rounds += 1;
  }
  return { voters: current, all, rounds, winner: outcome.winner, share: outcome.share };
}

/** Independent rounds: solvers answer alone; while the weighted vote is disputed (leader share < consensus) more solvers join. */
export async function runIndependentRounds(society: SocietyRun): Promise<RoundsOutcome> {
  const { problem, context, settings, checker, messages } = society;
  const { solvers, members: all, outcome: opening } = await firstRound(society);
  let outcome = opening;
  let rounds = 1;
  for (let round = 1; round <= settings.rounds && outcome.share < settings.consensus && !context.stopped(); round += 1) {
    const fresh = await solve(context, settings, {
      solvers: solvers.map((solver) => solver + round * settings.solvers),
      round,
      shared: messages,
    });
    if (fresh.length === 0) break;
    all.push(...fresh);
    await check(problem, context, checker, fresh, round);
    outcome = aggregate(context, all, `Aggregator · round ${round + 1} (re-solved a disputed vote)`);
    rounds += 1;
  }
  return { voters: all, all, rounds, winner: outcome.winner, share: outcome.share };
}
