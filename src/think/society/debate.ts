/**
 * @module Society rounds. Debate: chat models read each other's answers and revise (Du et al. 2023); a model that reads
 * only the question (the embedded models) takes part through the checker instead: its chain is checked line by line and
 * it re-solves when it dissents from the checker-weighted leader or the checker doubts its chain.
 * Independent rounds: more solvers while the weighted vote is disputed.
 */
import type { Message, Model, Problem, StrategyContext } from '../../spec/index.js';
import type { Candidate } from '../candidate.js';
import { THINK_STEP_BY_STEP, withInstruction } from '../prompts.js';
import { spokenText } from './draw-turns.js';
import { aggregate, check, type Member, modelOf, type SocietySettings, type SolverTurn, solve } from './members.js';
import { type Checker, readsOthers } from './roles.js';

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

/** One society run: the problem, the strategy context, its settings, the checker (if any) and the problem's messages. */
export interface SocietyRun {
  problem: Problem;
  context: StrategyContext;
  settings: SocietySettings;
  checker: Checker | undefined;
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

/** A reading solver's debate turn: the others' full answers, else only their answer lines, else undefined when neither fits. */
function debateTurn(model: Model, society: SocietyRun, own: Member, latest: readonly Member[]): SolverTurn | undefined {
  const others = latest.filter((member) => member.solver !== own.solver);
  const contextLength = model.capabilities.contextLength;
  const room = (conversation: Message[]) =>
    contextLength === undefined || promptTokens(model, conversation) + (society.settings.maxTokens ?? 64) <= contextLength;
  for (const brief of [false, true]) {
    const conversation = debateMessages(withInstruction(society.messages, model, THINK_STEP_BY_STEP), own.candidate, others, brief);
    if (room(conversation)) return { messages: conversation, parentId: own.candidate.thoughtId };
  }
  return undefined;
}

function unanimous(members: readonly Member[]): boolean {
  const keys = new Set(members.map((member) => member.candidate.key));
  return members.length > 1 && keys.size === 1 && !keys.has(undefined);
}

/** Round 0 of every protocol: each solver answers alone, the checker scores them, the vote is taken. */
export async function firstRound(
  society: SocietyRun,
): Promise<{ solvers: number[]; members: Member[]; outcome: ReturnType<typeof aggregate> }> {
  const { problem, context, settings, checker, messages } = society;
  const solvers = Array.from({ length: settings.solvers }, (_, solver) => solver);
  const members = await solve(context, settings, { solvers, round: 0, shared: messages });
  await check(problem, context, checker, members, 0);
  return { solvers, members, outcome: aggregate(context, members, 'Aggregator · round 1') };
}

/** The middle of the round's check scores (undefined when nothing was scored). */
function medianScore(members: readonly Member[]): number | undefined {
  const scores = members.map((member) => member.candidate.score).filter((score): score is number => score !== undefined);
  scores.sort((left, right) => left - right);
  return scores.length === 0 ? undefined : (scores[Math.floor((scores.length - 1) / 2)] as number);
}

/**
 * Who speaks in a debate round: readers (chat models whose turn fits) read the others; silent solvers (who cannot read)
 * re-solve when they dissent from the weighted leader, or when the checker flagged their chain and scored it below the
 * round's median (relative, because a learned checker flags most chains somewhere).
 */
function speakers(society: SocietyRun, latest: readonly Member[], leader: string | undefined) {
  const readers = new Map<number, SolverTurn>();
  const resolvers: number[] = [];
  const median = medianScore(latest);
  for (const member of latest) {
    const model = modelOf(society.settings, member.solver);
    const turn = readsOthers(model) ? debateTurn(model, society, member, latest) : undefined;
    const { key, score } = member.candidate;
    const doubted = member.flagged === true && median !== undefined && (score ?? 0) < median;
    if (turn) readers.set(member.solver, turn);
    else if (key === undefined || key !== leader || doubted) resolvers.push(member.solver);
  }
  return { readers, resolvers };
}

/**
 * Debate: every solver answers, then for up to `rounds` rounds (until unanimous) readers revise and doubted or dissenting
 * silent solvers re-solve. A reader's latest answer replaces its earlier ones (Du et al.); a silent solver's earlier
 * answers are independent samples and keep their (checker-weighted) votes.
 */
export async function runDebate(society: SocietyRun): Promise<RoundsOutcome> {
  const { problem, context, settings, checker, messages } = society;
  const opening = await firstRound(society);
  let current = opening.members;
  const earlier: Member[] = [];
  const all = [...current];
  let outcome = opening.outcome;
  let rounds = 1;
  for (let round = 1; round <= settings.rounds && current.length > 0 && !unanimous(current) && !context.stopped(); round += 1) {
    const latest = current;
    const { readers, resolvers } = speakers(society, latest, outcome.tally.leader?.key);
    if (readers.size === 0 && resolvers.length === 0) break;
    const turnOf = (solver: number) => readers.get(solver) as SolverTurn;
    const read = readers.size === 0 ? [] : await solve(context, settings, { solvers: [...readers.keys()], round, turnOf });
    const resolved =
      resolvers.length === 0 || context.stopped() ? [] : await solve(context, settings, { solvers: resolvers, round, shared: messages });
    const fresh = [...read, ...resolved];
    if (fresh.length === 0) break;
    all.push(...fresh);
    for (const next of resolved) earlier.push(...latest.filter((member) => member.solver === next.solver));
    // A solver that did not speak, or that the budget cut, keeps its previous answer in the vote.
    current = latest.map((member) => fresh.find((next) => next.solver === member.solver) ?? member);
    await check(problem, context, checker, fresh, round);
    outcome = aggregate(context, [...earlier, ...current], `Aggregator · round ${round + 1}`);
    rounds += 1;
  }
  return { voters: [...earlier, ...current], all, rounds, winner: outcome.winner, share: outcome.share };
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
