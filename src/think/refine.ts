/**
 * @module `refine`: self-refinement (Self-Refine, Madaan et al. 2023). Two forms, by `mode`:
 * - `critique` (chat models): draft → critique → revise, the critique and revision as new user turns; the critique is
 *   the verifier's verdict when there is a verifier (no model call), else the model's own review. Stops when the
 *   verifier accepts the answer or the critique says `VERDICT: CORRECT`, or after `rounds` revisions.
 * - `recheck` (models that think but cannot critique in words, like the embedded model; needs continuation): check the
 *   draft's lines with the process verifier and its answer with the outcome verifier; on failure re-think from the
 *   draft: keep the lines up to the first wrong one and append the model's continue-thinking cue (the embedded model
 *   was trained to write `slip wrong` and go on), or, with `repair: 'truncate'`, drop the wrong line and resample.
 * `auto` (default) picks `recheck` for the embedded model, else `critique`.
 */
import { ERROR_CODES, SlowthinkError } from '../errors/index.js';
import type { Message, Problem, Strategy, StrategyContext, Verifier } from '../spec/index.js';
import type { Candidate } from './candidate.js';
import { THINK_STEP_BY_STEP, withInstruction } from './prompts.js';
import { scoreChain } from './search/process-reward.js';
import { chainPrefix, fitsContext, unresolvedWrongLines } from './search/step-lines.js';
import { drawTurns, spokenText, withinContext } from './society/draw-turns.js';
import { integerOption, numberOption, optionalIntegerOption, stringOption } from './strategy-options.js';
import { buildResult } from './strategy-result.js';

/** The user turn asking a chat model to review its own answer. */
export const CRITIQUE_REQUEST =
  'Review your answer above step by step. If every step and the final answer are right, reply with `VERDICT: CORRECT` only. Otherwise name the first mistake and end with `VERDICT: WRONG`.';

/** The user turn asking a chat model to revise after a critique (the critique is appended). */
export const REVISE_REQUEST =
  'Revise your solution using this feedback. Think step by step, fix the mistake, and give the final answer alone on the last line as `Answer: <answer>`.\n\nFeedback:';

/** A critique that accepts the answer. */
const ACCEPTED = /VERDICT:\s*CORRECT/i;

/** One check of a draft: accepted or not, and why. */
export interface DraftCheck {
  accepted: boolean;
  /** Verdict text shown as the critique thought and fed back to a chat model. */
  feedback: string;
  /** Index of the first thinking line that is wrong and not taken back, if any. */
  firstWrongLine: number | undefined;
  /** The outcome verifier's score, when there is one. */
  score: number | undefined;
}

interface RefineSettings {
  rounds: number;
  accept: number;
  maxTokens: number | undefined;
  processVerifier: Verifier | undefined;
  drawn: number;
}

/** Checks a draft: outcome verifier (if any) on the answer, process verifier (if any) on the thinking lines. */
export async function checkDraft(
  problem: Problem,
  context: StrategyContext,
  settings: RefineSettings,
  draft: Candidate,
): Promise<DraftCheck> {
  const lines = draft.reasoning.split('\n').filter((line) => line.trim() !== '');
  let firstWrongLine: number | undefined;
  const notes: string[] = [];
  if (settings.processVerifier && lines.length > 0) {
    const process = await scoreChain(problem, context, settings.processVerifier, { lines, thoughtId: draft.thoughtId });
    firstWrongLine = unresolvedWrongLines(lines, process.wrongLines)[0];
    if (firstWrongLine !== undefined) notes.push(`Step ${firstWrongLine + 1} is wrong: ${lines[firstWrongLine]}`);
  }
  let score: number | undefined;
  const verifier = context.verifier?.kind === 'outcome' ? context.verifier : undefined;
  if (verifier) {
    const verdict = await verifier.score(
      problem,
      { text: draft.text, answer: draft.answer, reasoning: draft.reasoning },
      { signal: context.signal },
    );
    score = Math.min(1, Math.max(0, verdict.value));
    context.emit({
      type: 'score',
      id: draft.thoughtId,
      verifier: verifier.name,
      value: score,
      ...(verdict.evidence ? { evidence: verdict.evidence } : {}),
    });
    if (score < settings.accept) notes.push(`The checker rejects the answer${verdict.evidence ? ` (${verdict.evidence})` : ''}.`);
  }
  if (draft.answer === undefined) notes.push('No final answer line was found.');
  const accepted = draft.answer !== undefined && firstWrongLine === undefined && (score === undefined || score >= settings.accept);
  return { accepted, feedback: accepted ? 'All checks pass.' : notes.join(' '), firstWrongLine, score };
}

/** Records a critique as a thought (no model call) and returns its id. */
function recordCritique(context: StrategyContext, draft: Candidate, round: number, text: string): string {
  const id = context.startThought('critique', `Check ${round}`, draft.thoughtId);
  context.endThought(id, { text, tokens: 0 });
  return id;
}

/** The prefix a re-think continues from: lines up to the first wrong one plus the cue, or all lines plus the cue. */
export function rethinkPrefix(
  lines: readonly string[],
  firstWrongLine: number | undefined,
  cue: string,
  repair: 'cue' | 'truncate',
): string {
  if (firstWrongLine === undefined) return chainPrefix([...lines, cue]);
  if (repair === 'truncate') return chainPrefix(lines.slice(0, firstWrongLine));
  return chainPrefix([...lines.slice(0, firstWrongLine + 1), cue]);
}

async function recheckLoop(problem: Problem, context: StrategyContext, settings: RefineSettings, first: Candidate) {
  const repair = stringOption(context.options, 'repair', 'cue');
  if (repair !== 'cue' && repair !== 'truncate') {
    throw new SlowthinkError(ERROR_CODES.INVALID_ARGUMENT, `Expected option \`repair\` to be cue or truncate, got ${repair}`, {
      param: 'options.repair',
    });
  }
  const cue = context.model.capabilities.continueThinkingCue ?? 'Wait';
  const drafts: Array<{ draft: Candidate; check: DraftCheck }> = [];
  let draft = first;
  for (let round = 1; ; round += 1) {
    const check = await checkDraft(problem, context, settings, draft);
    drafts.push({ draft, check });
    const critiqueId = recordCritique(context, draft, round, check.feedback);
    if (check.accepted || round > settings.rounds || context.stopped()) break;
    const lines = draft.reasoning.split('\n').filter((line) => line.trim() !== '');
    let prefix = rethinkPrefix(lines, check.firstWrongLine, cue, repair);
    if (!fitsContext(context.model, problem, prefix))
      prefix = chainPrefix(lines.slice(0, check.firstWrongLine ?? Math.floor(lines.length / 2)));
    const [next] = await drawTurns(context, {
      role: 'refinement',
      label: () => `Re-think ${round}`,
      messages: withInstruction(problem.messages, context.model, THINK_STEP_BY_STEP),
      firstIndex: settings.drawn,
      parentId: critiqueId,
      prefix,
      thinking: true,
      maxTokens: settings.maxTokens,
    });
    if (!next) break;
    settings.drawn += 1;
    draft = { ...next, reasoning: [prefix.trimEnd(), next.reasoning].filter((part) => part !== '').join('\n') };
  }
  return drafts;
}

async function critiqueLoop(problem: Problem, context: StrategyContext, settings: RefineSettings, messages: Message[], first: Candidate) {
  const drafts: Array<{ draft: Candidate; check: DraftCheck }> = [];
  let draft = first;
  for (let round = 1; ; round += 1) {
    let check = await checkDraft(problem, context, settings, draft);
    let critiqueId: string;
    const selfReview = context.verifier?.kind !== 'outcome' && check.accepted;
    if (selfReview && round <= settings.rounds && !context.stopped()) {
      // No outcome verifier: the model reviews its own answer (one more turn).
      const conversation: Message[] = [
        ...messages,
        { role: 'assistant', content: spokenText(draft) },
        { role: 'user', content: CRITIQUE_REQUEST },
      ];
      const [review] = await withinContext(
        drawTurns(context, {
          role: 'critique',
          label: () => `Critique ${round}`,
          messages: conversation,
          firstIndex: settings.drawn,
          parentId: draft.thoughtId,
          maxTokens: settings.maxTokens,
        }),
      );
      if (!review) {
        drafts.push({ draft, check: { ...check, accepted: false, feedback: 'Not reviewed: no budget or context left.' } });
        break;
      }
      settings.drawn += 1;
      const said = spokenText(review);
      check = { ...check, accepted: ACCEPTED.test(said), feedback: said };
      critiqueId = review.thoughtId;
    } else {
      // A draft nobody reviewed (rounds or budget spent) is not accepted, only kept.
      if (selfReview) check = { ...check, accepted: false, feedback: 'Not reviewed: no rounds or budget left.' };
      critiqueId = recordCritique(context, draft, round, check.feedback);
    }
    drafts.push({ draft, check });
    if (check.accepted || round > settings.rounds || context.stopped()) break;
    const conversation: Message[] = [
      ...messages,
      { role: 'assistant', content: spokenText(draft) },
      { role: 'user', content: `${REVISE_REQUEST}\n${check.feedback}` },
    ];
    const [next] = await withinContext(
      drawTurns(context, {
        role: 'refinement',
        label: () => `Revision ${round}`,
        messages: conversation,
        firstIndex: settings.drawn,
        parentId: critiqueId,
        maxTokens: settings.maxTokens,
      }),
    );
    if (!next) break;
    settings.drawn += 1;
    draft = next;
  }
  return drafts;
}

/** The accepted draft, else the best-scored one (later drafts win ties), preferring drafts with an answer. */
export function chooseDraft(drafts: ReadonlyArray<{ draft: Candidate; check: DraftCheck }>): Candidate | undefined {
  const accepted = drafts.filter((entry) => entry.check.accepted);
  if (accepted.length > 0) return accepted.at(-1)?.draft;
  const rank = (entry: { draft: Candidate; check: DraftCheck }) =>
    (entry.draft.answer === undefined ? 0 : 4) + (entry.check.firstWrongLine === undefined ? 2 : 0) + (entry.check.score ?? 0);
  return drafts.reduce<(typeof drafts)[number] | undefined>((best, entry) => (!best || rank(entry) >= rank(best) ? entry : best), undefined)
    ?.draft;
}

/** Self-refine: draft, check, revise until accepted or `rounds` (default 2) revisions are spent. */
export const refine: Strategy = {
  specificationVersion: 'v1',
  name: 'refine',
  description: 'Self-refine: draft, check (verifier or self-critique), revise; the embedded model re-thinks from its first wrong line.',
  usesVerifier: true,
  async run(problem, context) {
    const requested = stringOption(context.options, 'mode', 'auto');
    if (!['auto', 'critique', 'recheck'].includes(requested)) {
      throw new SlowthinkError(ERROR_CODES.INVALID_ARGUMENT, `Expected option \`mode\` to be auto, critique or recheck, got ${requested}`, {
        param: 'options.mode',
      });
    }
    const continuation = context.model.capabilities.continuation;
    const mode = requested === 'auto' ? (context.model.provider === 'embedded' && continuation ? 'recheck' : 'critique') : requested;
    if (mode === 'recheck' && !continuation) {
      throw new SlowthinkError(
        ERROR_CODES.INVALID_ARGUMENT,
        `refine mode recheck needs a model that continues a prefix; ${context.model.id} cannot`,
        {
          hint: 'Use mode: "critique" (or "auto").',
          param: 'options.mode',
        },
      );
    }
    const settings: RefineSettings = {
      rounds: integerOption(context.options, 'rounds', 2, 0),
      accept: numberOption(context.options, 'accept', 0.99, 0, 1),
      maxTokens: optionalIntegerOption(context.options, 'maxTokens'),
      processVerifier: context.processVerifier(problem),
      drawn: 0,
    };
    const messages = withInstruction(problem.messages, context.model, THINK_STEP_BY_STEP);
    const [first] = await drawTurns(context, {
      role: 'sample',
      label: () => 'Draft',
      messages,
      firstIndex: 0,
      thinking: true,
      maxTokens: settings.maxTokens,
    });
    if (!first) return buildResult({ winner: undefined, samples: 0, stoppedBy: context.stopped() });
    settings.drawn = 1;
    const drafts =
      mode === 'recheck'
        ? await recheckLoop(problem, context, settings, first)
        : await critiqueLoop(problem, context, settings, messages, first);
    const winner = chooseDraft(drafts);
    const accepted = drafts.some((entry) => entry.check.accepted);
    return buildResult({
      winner,
      samples: settings.drawn,
      stoppedBy: context.stopped(),
      details: { mode, accepted, revisions: drafts.length - 1, answers: drafts.map((entry) => entry.draft.answer ?? null) },
    });
  },
};
